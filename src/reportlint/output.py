"""Writing results: always to a new path, atomically (temporary file + rename), never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ReportlintError


def write_atomic(path: str | os.PathLike, data: bytes | str, *, inputs: tuple[str, ...] = (),
                 durable: bool = True) -> None:
    """Write `data` to `path` so that an interrupted run leaves either the old file or the new one.

    `durable=False` skips the fsync, for files that may be lost but never half-written (cache entries)."""
    target = Path(path)
    for src in inputs:
        try:
            if Path(src).exists() and target.exists() and os.path.samefile(src, target):
                raise ReportlintError(f"refusing to overwrite the input file {src}")
        except OSError:
            pass
    if isinstance(data, str):  # a non-UTF-8 file name in a report is written as \udcd6, not a traceback
        data = data.encode("utf-8", "backslashreplace")
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        _set_mode(fd, target)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _set_mode(fd: int, target: Path) -> None:
    """mkstemp makes the file private (0600); a report should get the mode the file it replaces
    had, or the usual mode for a new file (0666 less the umask)."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.fchmod(fd, mode)
    except OSError:
        pass
