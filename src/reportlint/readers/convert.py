""".doc, .wps, .odt and .rtf read through LibreOffice: `soffice --headless --convert-to docx`.

The input is copied into a private temporary directory with a private LibreOffice profile (so a
running LibreOffice of the user is neither used nor disturbed), converted there, read as a .docx and
the directory removed; nothing is written next to the input. A conversion past its time limit is
stopped with its whole process group. Locations are paragraph numbers of the converted document.

REPORTLINT_SOFFICE names the program (default: `soffice` or `libreoffice` on PATH); `off` turns
conversion off, as if LibreOffice were not installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReadError
from ..limits import LIMITS
from ..model import Source

# the format sniffed → the error kind when it cannot be converted
ERROR_KIND = {"doc": "legacy-doc", "wps": "wps", "odt": "odt", "rtf": "rtf"}
NO_LIBREOFFICE = "请另存为 .docx，或安装 LibreOffice 后自动转换"


class Timeout(Exception):
    """A program ran past its time limit and was stopped."""


def run_bounded(cmd: list[str], *, seconds: float | None, stdin: bytes | None = None, cwd: str | None = None,
                env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """(exit status, stdout, stderr) of `cmd`; past `seconds` (None: no limit) its process group is
    killed and Timeout raised. Whatever it started is killed when it ends, so nothing outlives it."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(stdin, timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        raise Timeout from None
    except BaseException:  # KeyboardInterrupt too: never leave the child running
        _kill_group(proc)
        proc.wait()
        raise
    _kill_group(proc)
    return proc.returncode, out, err


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def soffice() -> str | None:
    """The LibreOffice program to convert with, or None when there is none (or it is turned off)."""
    chosen = os.environ.get("REPORTLINT_SOFFICE", "").strip()
    if chosen.lower() in ("off", "none", "0"):
        return None
    if chosen:
        return shutil.which(chosen)
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(data: bytes, path: str, fmt: str) -> Source:
    """Read a .doc/.wps/.odt/.rtf through LibreOffice; the Source says what it was converted from."""
    from .docx import read_docx

    source = read_docx(to_docx(data, path, fmt), path)
    source.converted_from = fmt
    return source


def to_docx(data: bytes, path: str, fmt: str) -> bytes:
    """The .docx LibreOffice makes of `data` (a `fmt` document), or a ReadError saying why not."""
    program = soffice()
    if program is None:
        raise ReadError(ERROR_KIND[fmt], NO_LIBREOFFICE, path)
    seconds = LIMITS.convert_seconds
    with tempfile.TemporaryDirectory(prefix="reportlint-convert-") as tmp:
        work = Path(tmp)
        # a Kingsoft .wps is a Word binary inside; only a Works .wps (no WordDocument) needs its name
        source = work / f"input.{_suffix(data, fmt)}"
        source.write_bytes(data)
        cmd = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(work / "out"), str(source)]
        env = {**os.environ, "HOME": tmp, "TMPDIR": tmp}
        try:
            status, out, err = run_bounded(cmd, seconds=seconds, cwd=tmp, env=env)
        except Timeout:
            raise ReadError("timeout", f"LibreOffice 转换超过 {seconds:g} 秒（REPORTLINT_CONVERT_SECONDS）", path) from None
        except OSError as exc:
            raise ReadError("conversion-failed", f"无法运行 LibreOffice（{exc.strerror or exc}）", path) from None
        result = work / "out" / "input.docx"
        if not result.is_file():
            said = _last_line(err) or _last_line(out) or f"退出码 {status}"
            raise ReadError("conversion-failed", f"LibreOffice 无法转换这个文件（{said}）", path)
        return result.read_bytes()


def _suffix(data: bytes, fmt: str) -> str:
    if fmt == "wps" and "WordDocument".encode("utf-16-le") in data:
        return "doc"
    return fmt


def _last_line(output: bytes) -> str:
    lines = [ln.strip() for ln in output.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1][:160] if lines else ""
