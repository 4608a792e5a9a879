"""Readers turn an input file into a `Source`: paragraphs in document order with their locations.

The kind of file is decided by its bytes, not its name, so a renamed HTML page or a legacy .doc
gets a clear error instead of a confusing one."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ReadError
from ..limits import LIMITS
from ..model import Source
from .text import read_text

MAX_INPUT_BYTES = LIMITS.input_bytes

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """'docx', 'text', or raise ReadError for formats we recognise but cannot read."""
    if not data:
        raise ReadError("empty file")
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "docx"
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise ReadError("password-protected document: remove the password in Word and save again")
        if "WpsCustomData".encode("utf-16-le") in data:
            raise ReadError("WPS document in the old binary format: save it as .docx")
        raise ReadError("legacy Word 97-2003 (.doc) file: save it as .docx")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        raise ReadError("RTF file, not a .docx: save it as .docx")
    if head.startswith(b"%pdf"):
        raise ReadError("PDF file: save or export the report as .docx or text")
    if head.startswith(b"mime-version:") or b"multipart/related" in head[:600]:
        raise ReadError("MHTML web archive, not a .docx: save it as .docx")
    if head.startswith((b"<html", b"<!doctype html")) or b"<html" in head[:300]:
        raise ReadError("HTML page, not a .docx: save it as .docx")
    if head.startswith(b"<?xml") and (b"w:worddocument" in head or b"pkg:package" in head or b"word.document" in head):
        raise ReadError("Word XML (2003 XML or Flat OPC), not a .docx: save it as .docx")
    return "text"


def read(source: str | os.PathLike | bytes, *, name: str | None = None, encoding: str | None = None) -> Source:
    """Read a report from a path or from bytes. Never writes anything."""
    if isinstance(source, (bytes, bytearray)):
        data, path = bytes(source), name or "<bytes>"
    else:
        path = name or os.fspath(source)
        data = _read_file(Path(source), path)
    try:
        kind = sniff(data)
    except ReadError as exc:
        raise ReadError(exc.message, path) from None
    if kind == "docx":
        from .docx import read_docx  # python-docx is imported only for DOCX inputs

        return read_docx(data, path)
    if path.lower().endswith((".docx", ".docm", ".dotx")) and encoding is None and _unknown_binary(data):
        raise ReadError("not a Word document: neither a .docx (zip) nor text, but unknown binary data", path)
    return read_text(data, path, encoding)


def _unknown_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def read_bytes(source: str | os.PathLike, name: str | None = None) -> bytes:
    """The bytes of an input file, with the same checks and limits as `read` (never writes)."""
    return _read_file(Path(source), name or os.fspath(source))


def _read_file(p: Path, path: str) -> bytes:
    try:
        if p.is_dir():
            raise ReadError("is a directory", path)
        if not p.exists():
            raise ReadError("no such file", path)
        if not p.is_file():
            raise ReadError("not a regular file", path)
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ReadError(f"file is {size // (1024 * 1024)} MiB, over the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit"
                            " (REPORTLINT_MAX_INPUT_MB)", path)
        with p.open("rb") as fh:
            return fh.read(MAX_INPUT_BYTES + 1)
    except PermissionError:
        raise ReadError("permission denied", path) from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), path) from None
