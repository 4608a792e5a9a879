"""Which files a run checks: paths named on the command line as they are, folders walked.

A folder walk accounts for every file in it: each is checked, or listed with the reason it is not
(`unsupported` for a type that is not a report, `not-regular-file`, `outside-folder`, `not-found`
for a broken link, `permission-denied` for a folder that cannot be listed). Skipped without a word
are only the obvious non-submissions (README and SPEC §3 list them):
- hidden files and folders (a name starting with `.`, so also macOS AppleDouble `._x` files);
- Word's lock files `~$x.docx`, Windows' `Thumbs.db` and `desktop.ini`;
- project files beside the reports: README, CHANGELOG, LICENSE… (any extension);
- the run's own outputs (`skip`): the -o file, the --annotate folder, the result cache.

The walk looks at names and file modes only: it opens no file, so a FIFO, socket or device is listed,
never read. It does not follow a symbolic link that leads out of the folder unless asked
(`follow_symlinks`), and never walks a folder twice (a link inside the folder, a link loop).
A path named on the command line is read by its content, whatever its name (readers.sniff).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .errors import ReadError

# what a folder walk checks; a named path is read whatever its name
READABLE_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".odt", ".rtf", ".txt", ".md")

_PROJECT_FILES = {"README", "CHANGELOG", "CHANGES", "LICENSE", "LICENCE", "CONTRIBUTING", "NOTICE", "AUTHORS"}
_SYSTEM_FILES = {"thumbs.db", "desktop.ini"}

# what a file that is not a report is, for the message that lists it
_NOT_REPORTS = {
    **dict.fromkeys((".xlsx", ".xls", ".et", ".ods"), "表格文件（Excel、WPS 表格）"),
    ".csv": "CSV 表格文件",
    **dict.fromkeys((".pptx", ".ppt", ".dps", ".odp"), "演示文稿"),
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp"), "图片"),
    **dict.fromkeys((".zip", ".rar", ".7z", ".gz", ".tar", ".tgz"), "压缩包（请先解压，再检查其中的报告）"),
    **dict.fromkeys((".html", ".htm", ".mht", ".mhtml"), "网页文件"),
    ".ofd": "OFD 版式文件（请提交原始的文字文档）",
    ".xml": "XML 文件",
    ".json": "JSON 文件",
}


@dataclass(frozen=True)
class Found:
    """A file to check (`error` None), or one listed with the reason it is not checked."""

    path: str
    error: ReadError | None = None


def expand_paths(paths: Iterable[str | Found], *, skip: Iterable[str] = (),
                 follow_symlinks: bool = False) -> list[Found]:
    """Every file a run reports on, in order: a folder's files sorted, folder by folder; a path
    that is not a folder (a file, `-`, a missing path) as given; a Found as it is. `skip` names the
    run's own outputs, left out of every walk."""
    skipped = {(st.st_dev, st.st_ino) for st in map(_stat, skip) if st is not None}
    out: list[Found] = []
    for p in paths:
        if isinstance(p, Found):
            out.append(p)
        elif p != "-" and os.path.isdir(p):
            out.extend(_walk(p, skipped, follow_symlinks))
        else:
            out.append(Found(p))
    return out


def _walk(root: str, skipped: set[tuple[int, int]], follow: bool) -> Iterator[Found]:
    top = os.path.realpath(root)
    seen = {top}  # folders walked (real paths): a link to one of them is not walked again
    unreadable: list[Found] = []

    def cannot_list(exc: OSError) -> None:
        kind = "permission-denied" if isinstance(exc, PermissionError) else "damaged"
        unreadable.append(Found(exc.filename, ReadError(kind, "无法列出这个文件夹中的文件", exc.filename)))

    for folder, dirs, files in os.walk(root, onerror=cannot_list, followlinks=follow):
        yield from unreadable
        unreadable.clear()
        kept = []
        for name in sorted(dirs):
            path = os.path.join(folder, name)
            if name.startswith(".") or _identity(_stat(path)) in skipped:
                continue
            real = os.path.realpath(path)
            if real in seen:
                continue  # a link to a folder walked already, or a loop
            if os.path.islink(path) and not follow:
                if not _inside(real, top):
                    yield Found(path, _outside(path))
                continue  # a link inside the folder: its files are walked where they are
            seen.add(real)
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if not _silently_skipped(name):
                found = _file(os.path.join(folder, name), top, skipped, follow)
                if found is not None:
                    yield found
    yield from unreadable


def _file(path: str, top: str, skipped: set[tuple[int, int]], follow: bool) -> Found | None:
    """The Found for a file of a walk (None: one of the run's own outputs), decided by its name and
    mode alone."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            if not follow and not _inside(os.path.realpath(path), top):
                return Found(path, _outside(path))
            st = os.stat(path)
    except FileNotFoundError:
        return Found(path, ReadError("not-found", "符号链接指向的文件不存在", path))
    except OSError as exc:
        return Found(path, ReadError("damaged", exc.strerror or str(exc), path))
    if _identity(st) in skipped:
        return None
    if not stat.S_ISREG(st.st_mode):
        return Found(path, ReadError("not-regular-file", path=path))
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in READABLE_SUFFIXES:
        return Found(path, ReadError("unsupported", _what_to_send(suffix), path))
    return Found(path)


def _what_to_send(suffix: str) -> str:
    what = _NOT_REPORTS.get(suffix) or (f"“{suffix}”文件" if suffix else "没有扩展名的文件")
    return f"{what}，不是报告；报告请提交 {'、'.join(READABLE_SUFFIXES)} 文件"


def _outside(path: str) -> ReadError:
    return ReadError("outside-folder", "确需检查时加 --follow-symlinks", path)


def _silently_skipped(name: str) -> bool:
    """Hidden files (and AppleDouble `._x`), Word lock files, Windows folder files, project files."""
    return (name.startswith((".", "~$")) or name.lower() in _SYSTEM_FILES
            or name.split(".")[0].upper() in _PROJECT_FILES)


def _inside(real: str, top: str) -> bool:
    try:
        return os.path.commonpath([real, top]) == top
    except ValueError:  # another drive
        return False


def _stat(path: str | None) -> os.stat_result | None:
    try:
        return os.stat(path) if path else None
    except (OSError, ValueError):
        return None


def _identity(st: os.stat_result | None) -> tuple[int, int] | None:
    return (st.st_dev, st.st_ino) if st is not None else None
