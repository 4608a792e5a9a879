"""Readers turn an input file into a `Source`: paragraphs in document order with their locations.

The kind of file is decided by its bytes, not its name, so a renamed HTML page or a legacy .doc
gets a clear error instead of a confusing one. PDF text is read by readers.pdf; .doc, .wps, .odt
and .rtf are converted to .docx by LibreOffice (readers.convert) when it is installed."""

from __future__ import annotations

import errno
import os
import re
import stat
import struct
from pathlib import Path
from typing import BinaryIO

from ..errors import ReadError
from ..limits import LIMITS, UNLIMITED
from ..model import Source
from .text import read_text

MAX_INPUT_BYTES = LIMITS.input_bytes

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_DOCX = "请在 Word 或 WPS 中打开，另存为 .docx"
# ODF packages open with an uncompressed `mimetype` entry (ODF 1.2 part 3, §3.3)
_ODF_MIMETYPE = b"application/vnd.oasis.opendocument."


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes, name: str = "") -> str:
    """What the bytes are: 'docx', 'text', 'pdf', or a format LibreOffice converts ('doc', 'wps',
    'odt', 'rtf'); a ReadError with its kind for formats we recognise but cannot read."""
    if not data:
        raise ReadError("empty")
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _sniff_zip(data)
    if data.startswith(_OLE):
        return _sniff_ole(data, name)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header (PDF 32000 §7.5.2 note)
        return "pdf"
    if head.startswith(b"mime-version:") or b"multipart/related" in head[:600]:
        raise ReadError("mhtml", _SAVE_AS_DOCX)
    if head.startswith((b"<html", b"<!doctype html")) or b"<html" in head[:300]:
        raise ReadError("html", _SAVE_AS_DOCX)
    if head.startswith(b"<?xml") and (b"w:worddocument" in head or b"pkg:package" in head or b"word.document" in head):
        raise ReadError("word-xml", _SAVE_AS_DOCX)
    return "text"


def _sniff_zip(data: bytes) -> str:
    at = data.find(_ODF_MIMETYPE, 38, 200) if data[30:38] == b"mimetype" else -1
    if at < 0:
        return "docx"
    subtype = data[at + len(_ODF_MIMETYPE): at + len(_ODF_MIMETYPE) + 20]
    if subtype.startswith(b"text"):  # .odt, and .ott templates
        return "odt"
    other = re.split(rb"[^a-z]", subtype, maxsplit=1)[0].decode("ascii")  # spreadsheet, presentation…
    raise ReadError("unsupported", f"OpenDocument {other} 文件，不是文字文档")


def _sniff_ole(data: bytes, name: str) -> str:
    """A compound file (Word 97-2003, WPS, or an encrypted Office 2007+ document)."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data or _word_encrypted(data):
        raise ReadError("encrypted", "请在 Word 或 WPS 中取消密码后重新保存")
    if _utf16("WpsCustomData") in data or name.lower().endswith(".wps"):
        return "wps"
    if _utf16("WordDocument") in data:
        return "doc"
    raise ReadError("unsupported", "Office 97-2003 格式的文件，但不是 Word 文档（可能是 Excel 或 PowerPoint 文件）")


_END_OF_CHAIN = 0xFFFFFFFA  # this and above: free, end of chain, FAT sector, DIFAT sector ([MS-CFB] 2.2)


def _word_encrypted(data: bytes) -> bool:
    """Whether a Word 97-2003 (or WPS) file has an open password: fEncrypted in the FIB that opens
    its WordDocument stream ([MS-DOC] 2.5.2), found through the compound file's directory ([MS-CFB])."""
    if len(data) < 512:
        return False
    shift, fat_count, chain = struct.unpack_from("<H12xII", data, 0x1E)  # at 0x1E, 0x2C, 0x30
    size = 1 << min(max(shift, 7), 16)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size:(n + 2) * size]

    fat: list[int] = []
    for n in struct.unpack_from("<109I", data, 0x4C)[:fat_count]:
        block = sector(n)
        fat.extend(struct.unpack(f"<{len(block) // 4}I", block[: len(block) // 4 * 4]))
    seen: set[int] = set()
    while chain < _END_OF_CHAIN and chain not in seen:  # the directory's sectors
        seen.add(chain)
        block = sector(chain)
        for at in range(0, len(block) - 127, 128):
            name_bytes = struct.unpack_from("<H", block, at + 64)[0]
            if block[at:at + max(name_bytes - 2, 0)] == _utf16("WordDocument"):
                fib = sector(struct.unpack_from("<I", block, at + 116)[0])
                return fib[:2] == b"\xec\xa5" and len(fib) > 11 and bool(fib[11] & 0x01)
        chain = fat[chain] if chain < len(fat) else _END_OF_CHAIN
    return False


def read(source: str | os.PathLike | bytes, *, name: str | None = None, encoding: str | None = None) -> Source:
    """Read a report from a path or from bytes. Never writes anything next to the input."""
    if isinstance(source, (bytes, bytearray)):
        data, path = bytes(source), name or "<bytes>"
        _check_size(len(data), path)
    else:
        path = name or os.fspath(source)
        data = _read_file(Path(source), path)
    try:
        kind = sniff(data, path)
    except ReadError as exc:
        raise exc.at(path) from None
    if kind == "docx":
        from .docx import read_docx  # python-docx is imported only for DOCX inputs

        return read_docx(data, path)
    if kind == "pdf":
        from .pdf import read_pdf  # the PDF library is imported only for PDF inputs

        return read_pdf(data, path)
    if kind != "text":
        from .convert import read_converted

        return read_converted(data, path, kind)
    if path.lower().endswith((".docx", ".docm", ".dotx")) and encoding is None and _unknown_binary(data):
        raise ReadError("binary", "也不是 .docx（.docx 是 zip 包）", path)
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


def read_stream(stream: BinaryIO, name: str = "<stdin>") -> bytes:
    """The bytes of standard input (or another stream), reading no more than the input limit."""
    data = _read_limited(stream)
    _check_size(len(data), name)
    return data


def _read_limited(stream: BinaryIO) -> bytes:
    """At most the input limit and one byte more: enough to tell that an input is over it."""
    return stream.read() if MAX_INPUT_BYTES >= UNLIMITED else stream.read(MAX_INPUT_BYTES + 1)


def _check_size(size: int, path: str, *, whole: bool = False) -> None:
    """A too-large ReadError past the input limit; `whole`: `size` is the file's, not what was read."""
    if size > MAX_INPUT_BYTES:
        measured = f"文件 {size // (1024 * 1024)} MiB，" if whole else ""
        raise ReadError("too-large", f"{measured}超过 {MAX_INPUT_BYTES // (1024 * 1024)} MiB 的上限"
                        "（REPORTLINT_MAX_INPUT_MB）", path)


_NOT_FOUND = (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.ENAMETOOLONG)


def _read_file(p: Path, path: str) -> bytes:
    """A regular file's bytes. A device, FIFO or socket is refused by its mode before it is opened,
    and the file is opened without waiting (O_NONBLOCK) and looked at again through the open
    descriptor, so that one put in its place meanwhile is neither waited on nor read."""
    try:
        if p.is_dir():
            raise ReadError("is-directory", path=path)
        if not p.exists():
            raise ReadError("not-found", path=path)
        if not p.is_file():
            raise ReadError("not-regular-file", path=path)
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise ReadError("not-regular-file", path=path)
            _check_size(st.st_size, path, whole=True)
            data = _read_limited(fh)
        _check_size(len(data), path)  # it grew while it was read
        return data
    except PermissionError:
        raise ReadError("permission-denied", path=path) from None
    except OSError as exc:
        kind = "not-found" if exc.errno in _NOT_FOUND else "damaged"
        raise ReadError(kind, exc.strerror or str(exc), path) from None
