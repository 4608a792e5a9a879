"""Plain-text reports: decode the bytes (BOM, UTF-16, UTF-8, GB18030, strictly, in that order) and
split them into lines. Each line is a paragraph; line numbers are those of the file."""

from __future__ import annotations

import codecs
import re

from ..errors import ReadError
from ..limits import LIMITS
from ..model import Paragraph, Source

MAX_TEXT_BYTES = LIMITS.text_bytes
MAX_LINE_CHARS = LIMITS.line_chars
MAX_LINES = LIMITS.paragraphs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes) -> str:
    """The encoding a Chinese report in these bytes was most likely saved in, decoded strictly.

    charset detectors guess Korean for short GBK text, so the order is fixed: BOM, then UTF-16
    without BOM (NUL bytes in one column), UTF-8, GB18030 (a superset of GBK and GB2312)."""
    return _detect(data)[0]


def _detect(data: bytes) -> tuple[str, str | None]:
    """detect_encoding, with the decoded text when deciding took a full decode (UTF-8, GB18030)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, None
    if b"\x00" in data:
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return "utf-16-le", None
        if even > len(sample) // 4 and odd == 0:
            return "utf-16-be", None
        raise ReadError("binary", "含有 NUL 字节")
    for name in ("utf-8", "gb18030"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return name, text
    raise ReadError("encoding", "不是 UTF-8、UTF-16 或 GB18030 文本，请用 --encoding 指定编码")


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding) with newlines normalised to LF and a leading BOM removed."""
    name, text = (encoding, None) if encoding else _detect(data)
    try:
        if text is None:
            text = data.decode(name)
    except LookupError:
        raise ReadError("encoding", f"没有名为“{encoding}”的编码") from None
    except UnicodeDecodeError as exc:
        raise ReadError("encoding", f"按 {name} 解码失败（第 {exc.start} 字节）") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ReadError("binary")
    return text, name


_CONTROLS = re.compile(r"[\x00-\x08\x0d-\x1f]")  # below U+0020, except \t \n \v \f


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(8, len(sample) // 50)


def read_text(data: bytes, path: str, encoding: str | None = None) -> Source:
    if len(data) > MAX_TEXT_BYTES:
        raise ReadError("too-large", f"文本文件超过 {MAX_TEXT_BYTES // (1024 * 1024)} MiB（REPORTLINT_MAX_TEXT_MB）", path)
    try:
        text, name = decode(data, encoding)
    except ReadError as exc:
        raise exc.at(path) from None
    # a line is a paragraph, and 20 MiB of empty lines would be 20 million of them (gigabytes)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise ReadError("too-large", f"{lines:,} 行，超过 {MAX_LINES:,} 行的上限（REPORTLINT_MAX_PARAGRAPHS）", path)
    source = source_from_text(text, path, name)
    if len(text) > MAX_LINE_CHARS:
        for p in source.paragraphs:
            if len(p.text) > MAX_LINE_CHARS:
                raise ReadError("too-large", f"第 {p.line} 行有 {len(p.text):,} 个字符，超过单行 {MAX_LINE_CHARS:,} 字符的上限"
                                "（REPORTLINT_MAX_LINE_CHARS）", path)
    return source


def source_from_text(text: str, path: str = "<text>", encoding: str | None = None) -> Source:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [Paragraph(line, n) for n, line in enumerate(text.split("\n"), 1)]
    return Source(path, "text", paragraphs, encoding)
