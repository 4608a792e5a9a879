"""PDF with a text layer, read into paragraphs as a .docx would give them.

A PDF has no paragraphs, only characters placed on pages. pdfminer.six gives every character with
its position; characters on one baseline make a line, and lines are joined back into paragraphs:
a line that ends short of the right margin ends its paragraph, and a line indented by the
two-character first-line indent, or opening with a label (一、 （一） 1.), starts one, as does a
change of font size or a wider gap. Page headers, footers and page numbers (- 3 -, 第3页, 共5页)
are not content. Locations are paragraph numbers of the text read this way.

The characters are read in a child process (`python -m reportlint.readers.pdf`, the PDF on its
standard input) so that a PDF that makes the library hang or grow is stopped at the time limit.

Why pdfminer.six (MIT): it gives each character with its own position, and with them the text of
the example reports came out character for character (“” included), where pypdf (BSD) gave the same
characters but placed quotation marks set in another font at the end of their line, in every mode.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..errors import ReadError
from ..limits import LIMITS
from ..model import Paragraph, Source

NO_TEXT = "请提供 Word 文档，或先对扫描件做文字识别（OCR）"


@dataclass
class Line:
    """One line of text on a page: x from the left, y (the baseline) from the top, in points."""

    page: int
    x0: float
    x1: float
    y: float
    size: float
    text: str
    lead: float  # width of the first piece that cannot be broken (a character, a number, a word)


def read_pdf(data: bytes, path: str) -> Source:
    """Read a PDF's text layer; a ReadError when it has none, is encrypted, damaged or too big."""
    from .convert import Timeout, run_bounded

    seconds = LIMITS.pdf_seconds
    cmd = [sys.executable, "-m", "reportlint.readers.pdf", str(LIMITS.pdf_pages), str(LIMITS.pdf_chars)]
    # the child imports this very reportlint, wherever it was imported from
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    try:
        status, out, err = run_bounded(cmd, seconds=seconds, stdin=data, env=env)
    except Timeout:
        raise ReadError("timeout", f"读取 PDF 文字超过 {seconds:g} 秒（REPORTLINT_PDF_SECONDS）", path) from None
    try:
        result = json.loads(out)
    except ValueError:
        said = (err.decode("utf-8", "replace").strip().splitlines() or [f"退出码 {status}"])[-1][:160]
        raise ReadError("damaged", f"读取 PDF 时出错（{said}）", path) from None
    if result.get("error"):
        raise ReadError(result["error"]["kind"], result["error"]["detail"], path)
    pages = [[Line(n, *line) for line in lines] for n, lines in enumerate(result["pages"])]
    texts = paragraphs_of(pages)
    if sum(len(t) for t in texts) < 20 * max(1, len(pages)):
        raise ReadError("pdf-no-text", NO_TEXT, path)
    paragraphs = [Paragraph(text, n) for n, text in enumerate(texts, 1)]
    return Source(path, "docx", paragraphs, facts={"pages": len(pages)}, converted_from="pdf")


# --- lines → paragraphs -------------------------------------------------------------------------

_DASHES = r"[\s\-—–－―~·]*"
PAGE_FURNITURE = re.compile(
    rf"{_DASHES}\d{{1,4}}{_DASHES}"  # 3, - 3 -, — 3 —
    r"|第\s*\d{1,4}\s*页(\s*[,，、/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页(\s*[,，、/]?\s*第\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(\s*of\s*\d{1,4})?"
)
_CN = "一二三四五六七八九十百零〇"
LABEL_AT_START = re.compile(
    rf"[{_CN}]+[、.．]|[（(][{_CN}]+[）)]|\d{{1,3}}[.．、](?!\d)|[（(]\d{{1,3}}[）)]|\d{{1,3}}[）)]|[①-⑳]"
)
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:%)]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")


@dataclass
class _Layout:
    """The body text's font size, left and right margins and line pitch, in points."""

    em: float
    left: float
    right: float
    pitch: float


def paragraphs_of(pages: list[list[Line]]) -> list[str]:
    """The paragraphs of the text on these pages, page furniture left out."""
    lines = [line for page in _without_furniture(pages) for line in page]
    if not lines:
        return []
    layout = _layout(lines)
    paragraphs = [lines[0].text]
    for prev, line in pairwise(lines):
        if _starts_paragraph(prev, line, layout, paragraphs[-1]):
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _joined(paragraphs[-1], line.text)
    return [p.strip() for p in paragraphs]


def _starts_paragraph(prev: Line, line: Line, m: _Layout, before: str) -> bool:
    """Whether `line` opens a paragraph, after `prev` (ending the paragraph text `before`)."""
    label = LABEL_AT_START.match(line.text)
    if label and not _inline_successor(label.group(), before):
        return True
    if abs(line.size - prev.size) > 0.15 * m.em:  # a title in a bigger font, a smaller note
        return True
    if line.x0 > m.left + 1.5 * line.size:  # first-line indent, a centred or right-aligned line
        return True
    if line.page == prev.page and line.y - prev.y > 1.7 * m.pitch:  # space between paragraphs
        return True
    # the previous line ended early although this line's first piece would have fitted there
    return m.right - prev.x1 > line.lead + 0.5 * prev.size


def _inline_successor(label: str, before: str) -> bool:
    """`2.` wrapped to the start of a line in a paragraph of inline items (…通报。1.严格…。2.改进…):
    its predecessor `1.` stands inside the paragraph (not at its start, where a heading's would)."""
    number = re.search(r"\d+", label)
    if number is None or number.group() == "0":
        return False
    previous = label[:number.start()] + str(int(number.group()) - 1) + label[number.end():]
    return re.search(r"(?<![\d.．])" + re.escape(previous), before[1:][-2000:]) is not None


def _joined(text: str, line: str) -> str:
    """A paragraph's text with its next line: Latin words broken at the line end keep a space."""
    return text + (" " if _LATIN_END.search(text) and _LATIN_START.match(line) else "") + line


def _layout(lines: list[Line]) -> _Layout:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    em = sizes.most_common(1)[0][0]
    body = [line for line in lines if abs(line.size - em) <= 0.15 * em] or lines
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    ends = sorted(line.x1 for line in body)
    right = ends[int(0.9 * (len(ends) - 1))] if len(ends) >= 10 else ends[-1]  # past a line that overflows
    steps = [b.y - a.y for a, b in pairwise(body) if a.page == b.page and 0.5 * em < b.y - a.y < 4 * em]
    pitch = statistics.median(steps) if steps else 1.5 * em
    return _Layout(em, left, right, pitch)


def _without_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without their page numbers and the headers and footers repeated on most pages."""
    edge = 2  # headers and footers are among the first and last two lines of a page
    repeated: Counter[tuple[str, int]] = Counter()
    for page in pages:
        for key in {_furniture_key(line) for line in (*page[:edge], *page[-edge:])}:
            repeated[key] += 1
    often = max(2, (len(pages) + 1) // 2)
    out = []
    for page in pages:
        kept = []
        for i, line in enumerate(page):
            at_edge = i < edge or i >= len(page) - edge
            if at_edge and (PAGE_FURNITURE.fullmatch(line.text.strip())
                            or (len(pages) > 1 and repeated[_furniture_key(line)] >= often)):
                continue
            kept.append(line)
        out.append(kept)
    return out


def _furniture_key(line: Line) -> tuple[str, int]:
    """The same header on every page: its text with numbers masked, at the same height."""
    return re.sub(r"\d+", "#", line.text.strip()), round(line.y / 4)


# --- characters → lines (in the child process) --------------------------------------------------

def extract(data: bytes, max_pages: int, max_chars: int) -> dict[str, Any]:
    """{"pages": [[line as a list of its fields], …]} or {"error": {"kind", "detail"}}."""
    import io

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import PSException

    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[list[list[Any]]] = []
    chars = 0
    try:
        for n, page in enumerate(PDFPage.get_pages(io.BytesIO(data), maxpages=max_pages + 1)):
            if n == max_pages:
                return _error("too-large", f"PDF 超过 {max_pages} 页（REPORTLINT_MAX_PDF_PAGES）")
            interpreter.process_page(page)
            layout = device.get_result()
            lines = _lines(layout, layout.height)
            pages.append(lines)
            chars += sum(len(line[4]) for line in lines)
            if chars > max_chars:
                return _error("too-large", f"PDF 文字超过 {max_chars:,} 字（REPORTLINT_MAX_PDF_CHARS）")
    except PDFPasswordIncorrect:
        return _error("encrypted", "PDF 设有打开密码，请去掉密码后重新导出")
    except PDFEncryptionError as exc:
        return _error("encrypted", f"无法解密这个 PDF（{str(exc)[:100]}）")
    except (PSException, RecursionError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            EOFError, OverflowError, ZeroDivisionError) as exc:
        return _error("damaged", f"PDF 结构有误（{type(exc).__name__}: {str(exc)[:100]}）")
    if not pages:
        return _error("damaged", "PDF 中没有页面")
    return {"pages": pages}


def _error(kind: str, detail: str) -> dict[str, Any]:
    return {"error": {"kind": kind, "detail": detail}}


def _lines(layout: Any, height: float) -> list[list[Any]]:
    """The page's horizontal characters grouped by baseline, top to bottom, each line left to right."""
    chars = sorted(_chars(layout), key=lambda c: (-c[1], c[0]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for c in chars:
        if lines and abs(lines[-1][0][1] - c[1]) <= 0.3 * max(c[3], 1.0):
            lines[-1].append(c)
        else:
            lines.append([c])
    out = []
    for line in lines:
        line.sort(key=lambda c: c[0])
        text = _line_text(line)
        if text.strip():
            size = statistics.median(c[3] for c in line)
            out.append([line[0][0], max(c[2] for c in line), height - line[0][1], size, text, _lead(line)])
    return out


def _chars(layout: Any) -> list[tuple[float, float, float, float, str]]:
    """(x0, baseline, x1, size, text) of every upright, horizontal character, figures included
    (text at an angle, such as a diagonal watermark, is left out, and so are glyphs whose font does
    not say which character they are, which pdfminer gives as "(cid:123)")."""
    from pdfminer.layout import LTChar

    out = []
    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            a, b, c, d, _, f = item.matrix
            text = item.get_text()
            if a > 0 and d > 0 and abs(b) <= 0.05 * a and abs(c) <= 0.05 * d and not text.startswith("(cid:"):
                out.append((item.x0, f, item.x1, item.size, text))
        elif hasattr(item, "__iter__"):
            stack.extend(item)
    return out


def _line_text(line: list[tuple[float, float, float, float, str]]) -> str:
    """Characters joined: a space where a gap separates words of Latin text, two where a wide gap
    separates fields (table cells, a role and a name); spaces the PDF draws are kept."""
    text = line[0][4]
    for prev, c in pairwise(line):
        if not text.endswith(" ") and c[4] != " ":
            gap = c[0] - prev[2]
            latin = prev[4] < "\u2000" and c[4] < "\u2000"  # Chinese text has no spaces between words
            if gap > 1.5 * c[3]:
                text += "  "
            elif gap > 0.2 * c[3] and latin:
                text += " "
        text += c[4]
    return text.strip()


def _lead(line: list[tuple[float, float, float, float, str]]) -> float:
    """Width of the line's first unbreakable piece: a run of Latin letters and digits, or one
    character with the closing punctuation that may not start a line."""
    end = 1
    if re.match(r"[A-Za-z0-9]", line[0][4]):
        while end < len(line) and re.match(r"[A-Za-z0-9.,%]", line[end][4]):
            end += 1
    while end < len(line) and line[end][4] in "，。、；：！？）》”’」』】":
        end += 1
    return line[end - 1][2] - line[0][0]


def main() -> None:
    max_pages, max_chars = int(sys.argv[1]), int(sys.argv[2])
    result = extract(sys.stdin.buffer.read(), max_pages, max_chars)
    sys.stdout.write(json.dumps(result))  # ASCII: whatever the locale's encoding


if __name__ == "__main__":
    main()
