"""A content-hash cache of lint results, so a hook never lints an unchanged file twice.

The key of an entry is a SHA-256 over everything the findings depend on:
- the file's bytes (not its name or modification time: a renamed or touched file is still a hit);
- the resolved profile, or `auto` (whose choice follows from the bytes) and the base profile (which already includes the project configuration's rule overrides,
  meeting, year and author), the effective --select/--ignore and --encoding;
- the rules: code, name, version and module of every rule, built-in and plugin;
- reportlint's version, plus a fingerprint of its own source and data files (size and mtime), so
  an edited checkout or an upgraded vocabulary never serves stale results.

An entry holds what every output format needs (findings, input format, profile name, outline:
`findings.FileResult`), so a cached result prints, renders as HTML and annotates exactly as a fresh
one. Entries are small JSON files under the cache folder (default `.reportlint_cache/` in the current
directory, or `$REPORTLINT_CACHE_DIR`, or `--cache-dir`), written atomically (temporary file +
rename). Delete the folder at any time to clear the cache. Only successful results are stored; an
unreadable input is read again every time.

A cached result decides a verdict as a fresh one does, so the cache is believed only where nobody
but the user could have written it:
- the folder must be a private folder of the user's (trust.private_folder_problem): a planted
  `.reportlint_cache` symbolic link, or a folder another user owns or may write to, is not used;
  a new folder is made private (0700);
- each entry starts with an HMAC-SHA256 of its JSON under a secret key kept in the user's own cache
  folder (`~/.cache/reportlint/result-cache.key`, 0600, made on first use). A checksum stored in
  the entry would be recomputed by whoever edits it; the key is never in the cache folder, so an
  entry edited by hand, written by another user's reportlint, or restored from a cache folder
  copied from elsewhere fails the check and is linted again. Without a private user cache folder
  (REPORTLINT_NO_USER_CACHE) there is no key, and no result cache;
- an entry that fails the check or does not have the expected shape is ignored (and replaced on
  the next write); a FIFO, device or symbolic link at an entry's path is never opened.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import stat
from pathlib import Path
from typing import Any

from .errors import ReportlintError
from .findings import FileResult, Finding, Outline
from .output import write_atomic
from .trust import has_owners, private_folder_problem

FORMAT = 6  # bump when the entry layout changes (2: the outline; 3: converted_from; 4: signed; 5: the map;
#              6: profile_reason)
ENV = "REPORTLINT_CACHE_DIR"
DEFAULT_FOLDER = ".reportlint_cache"
KEY_FILE = "result-cache.key"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by reportlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


def default_dir() -> Path:
    env = os.environ.get(ENV)
    return Path(env) if env else Path.cwd() / DEFAULT_FOLDER


def rules_fingerprint() -> str:
    """Rule identities and versions (built-in and plugins), the package version, and the state of
    the package's own files."""
    from .registry import all_rules

    h = hashlib.sha256(_files_fingerprint().encode())
    for r in all_rules():
        h.update(f"{r.code} {r.name} {r.version} {getattr(r.check, '__module__', '')}\n".encode())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _files_fingerprint() -> str:
    from . import __version__

    h = hashlib.sha256(f"reportlint {__version__} cache {FORMAT}\n".encode())
    here = Path(__file__).resolve().parent
    roots = [here]
    for package in ("reportlint.grammars", "reportlint.data"):
        try:
            from importlib.util import find_spec

            spec = find_spec(package)
            if spec is not None:
                roots.extend(Path(p) for p in spec.submodule_search_locations or [])
        except (ImportError, ValueError):
            pass
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for f in sorted(filenames):
                if f.endswith((".py", ".toml", ".lark")):
                    try:
                        st = os.stat(os.path.join(dirpath, f))
                    except OSError:
                        continue
                    h.update(f"{os.path.relpath(os.path.join(dirpath, f), root)} {st.st_size} "
                             f"{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def signing_key() -> bytes | None:
    """The user's secret key for entries, in their private cache folder; None when there is none."""
    from .resources import user_cache_dir

    folder = user_cache_dir()
    return None if folder is None else _load_key(folder / KEY_FILE)


@functools.lru_cache(maxsize=4)
def _load_key(path: Path) -> bytes | None:
    if not os.path.lexists(path):
        _make_key(path)
    data = _read_regular(path)
    if data is None or len(data) != 32:
        return None
    if has_owners():
        st = os.lstat(path)
        if st.st_uid != os.geteuid() or st.st_mode & 0o077:
            return None
    return data


def _make_key(path: Path) -> None:
    """32 random bytes, linked into place so that two runs starting at once end with one key."""
    import secrets
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # 0600
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            os.replace(tmp, path)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _read_regular(path: Path) -> bytes | None:
    """The bytes of `path` when it is a regular file; anything else there (a FIFO would block the
    read forever, a device never end) is not opened. None also when it cannot be read."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            return fh.read() if stat.S_ISREG(os.fstat(fh.fileno()).st_mode) else None
    except OSError:
        return None


class Cache:
    """Lint results by content hash in `folder`; never raises for a broken or unwritable cache.
    `refused` says why the cache is not used at all (None: it is)."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder is not None else default_dir()
        self.hits = 0
        self.misses = 0
        self._secret = signing_key()
        self.refused = self._why_not()

    def _why_not(self) -> str | None:
        if self._secret is None:
            return ("there is no private folder of yours to keep its key in ($XDG_CACHE_HOME/reportlint "
                    "or ~/.cache/reportlint; REPORTLINT_NO_USER_CACHE turns it off)")
        if os.path.lexists(self.folder):
            return private_folder_problem(self.folder)
        return None  # made private on the first write

    def key(self, data: bytes, profile: Any, select: tuple[str, ...], ignore: tuple[str, ...],
            encoding: str | None) -> str:
        h = hashlib.sha256()
        h.update(rules_fingerprint().encode())
        # the Profile is a frozen dataclass of plain data: its repr is a complete, stable description
        h.update(repr((profile, tuple(select), tuple(ignore), encoding)).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.json"

    def _sign(self, body: bytes) -> bytes:
        assert self._secret is not None
        return hmac.new(self._secret, body, hashlib.sha256).hexdigest().encode()

    def get(self, key: str, path: str) -> FileResult | None:
        """The stored result for `key` (reported under `path`), or None on a miss or a bad entry."""
        import json

        raw = None if self.refused else _read_regular(self._path(key))
        try:
            if raw is None:
                raise ValueError("no entry")
            mac, _, body = raw.partition(b"\n")
            if not hmac.compare_digest(mac, self._sign(body)):
                raise ValueError("not signed with the user's key")
            entry = json.loads(body)
            if entry.get("format") != FORMAT or entry.get("key") != key:
                raise ValueError("stale entry")
            result = FileResult(path=path, format=_text(entry["input_format"]), profile=_text(entry["profile"]),
                                findings=[Finding.from_dict(d) for d in entry["findings"]],
                                outline=Outline.from_dict(entry["outline"]),
                                converted_from=_text(entry.get("converted_from")),
                                profile_reason=_text(entry.get("profile_reason")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if result.error is not None or result.outline is None or self.refused:
            return
        import json

        entry = {"format": FORMAT, "key": key, "input_format": result.format, "profile": result.profile,
                 "findings": [f.to_dict() for f in result.findings], "outline": result.outline.to_dict(),
                 "converted_from": result.converted_from, "profile_reason": result.profile_reason}
        body = json.dumps(entry, ensure_ascii=False).encode("utf-8")
        try:
            if self._private_folder():
                target = self._path(key)
                target.parent.mkdir(mode=0o700, exist_ok=True)
                write_atomic(target, self._sign(body) + b"\n" + body, durable=False)
        except (OSError, ReportlintError):
            pass  # a read-only or full disk makes the cache useless, never the run

    def _private_folder(self) -> bool:
        """Make the folder (private, tagged) if it is missing; True when it is the user's own."""
        if not os.path.lexists(self.folder):
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            try:
                self.folder.mkdir(mode=0o700)
            except FileExistsError:
                pass  # made meanwhile, by another run or by someone else: checked below
            else:
                for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# created by reportlint\n*\n")):
                    try:
                        (self.folder / name).write_text(text, encoding="utf-8")
                    except OSError:
                        pass
        return private_folder_problem(self.folder) is None


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value
