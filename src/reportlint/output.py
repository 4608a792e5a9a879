"""Writing results: to standard output (`-`, `/dev/stdout`), or to a new path atomically (temporary
file + rename), never over an input, never over a file the run's folder walk found, never over a
device, FIFO, socket or folder (replacing one with a regular file would break it). Every command
that writes goes through `write_output`; `write_atomic` is the plain atomic write underneath.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import ReportlintError

STDOUT_NAMES = ("-", "/dev/stdout")


class OutputError(ReportlintError):
    """An output path that must not be written: an input, a found file, a special file."""

    kind = "output-error"


def to_stdout(path: str | os.PathLike | None) -> bool:
    """Whether `path` asks for standard output rather than a file."""
    return path is not None and os.fspath(path) in STDOUT_NAMES


class Inputs:
    """The files a run must never write over: the inputs named and everything the folder walk found,
    known by device and inode, so another spelling of the path, a symlink or a hard link to one of
    them is recognised."""

    def __init__(self, paths: Iterable[str | os.PathLike]):
        self._ids: set[tuple[int, int]] = set()
        for p in paths:
            if not to_stdout(p):
                st = _stat(p)
                if st is not None:
                    self._ids.add((st.st_dev, st.st_ino))

    def refuse(self, target: str | os.PathLike) -> None:
        """Raise OutputError when writing `target` would replace an input or a special file
        (standard output is neither)."""
        st = None if to_stdout(target) else _stat(target)
        if st is None:
            return
        if (st.st_dev, st.st_ino) in self._ids:
            raise OutputError(f"refusing to overwrite the input file {os.fspath(target)}; give another path")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"refusing to overwrite {os.fspath(target)}: it is not a regular file "
                              "(a device, FIFO, socket or folder)")


def _stat(path: str | os.PathLike) -> os.stat_result | None:
    try:
        return os.stat(path)  # through symlinks: what a write would reach
    except (OSError, ValueError):
        return None


def write_output(path: str | os.PathLike, data: bytes | str, inputs: Inputs) -> None:
    """Write a command's result: streamed to standard output for `-` or `/dev/stdout`, else
    atomically to `path` after `inputs` had its say (OutputError)."""
    if to_stdout(path):
        out = sys.stdout.buffer
        out.write(_encoded(data))
        out.flush()
        return
    inputs.refuse(path)
    write_atomic(path, data)


def _encoded(data: bytes | str) -> bytes:
    # a non-UTF-8 file name in a report is written as \udcd6, not a traceback
    return data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data


def write_atomic(path: str | os.PathLike, data: bytes | str, *, durable: bool = True) -> None:
    """Write `data` to `path` so that an interrupted run leaves either the old file or the new one.

    `durable=False` skips the fsync, for files that may be lost but never half-written (cache entries)."""
    import tempfile  # imported here: a run that writes no file does not need it

    target = Path(path)
    data = _encoded(data)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    _PENDING.add(tmp)
    try:
        _set_mode(fd, target)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        _PENDING.discard(tmp)


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


# --- a write cut short by a signal ---------------------------------------------------------------

_PENDING: set[str] = set()  # temporary files being written


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def remove_temporaries_on_termination() -> None:
    """Make SIGTERM and SIGHUP (a service manager stopping the process, a closed terminal) remove
    the temporary file of a write in progress before the process ends by the signal as before.
    Ctrl-C needs nothing: its KeyboardInterrupt passes through write_atomic's cleanup. A signal
    the process was started to ignore (`nohup`) stays ignored."""
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:
            signal.signal(sig, _terminated)


def _terminated(signum: int, frame: object) -> None:
    for tmp in list(_PENDING):
        _remove(tmp)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


# --- names shown to people -----------------------------------------------------------------------

# control characters (C0, DEL, C1) and the Unicode line and paragraph separators: in a file name they
# would start a new line of output or drive the terminal
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    r"""`text` with every control character written as its escape (`\n`, `\x1b`, `\u2028`), so a
    file name shows on one line as itself and never forges a line of output."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
