"""Property-based tests (hypothesis) on the readers and the parser.

1. Any text gives a tree (`parse_text`), and any bytes give a tree or a `ReadError`
   (`reportlint.parse(bytes)`): never another exception.
2. Every character belongs to exactly one node. Concretely: every character of every line that is
   not a space (the parser's spaces: space, tab, U+3000, U+00A0, \\f, \\v) is covered by exactly one
   of: a chrome, TOC, masthead, title, byline, preamble, body or closing span, or a section's heading extent. A
   heading extent starts at the section's label (its column) and runs to the start of the next
   span or section on that line, or to the end of the line: label, spaces, heading and the
   punctuation after the heading. Spans never overlap each other or a heading extent.
3. Locations point inside the input: every span, section, heading and item points at a real
   line and column, and the text there is the text the node carries; findings of `lint` too.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import reportlint
from reportlint.errors import ReadError

SPACES = " \t\u3000\u00a0\f\v\u200b\u200c\u200d\u2060\ufeff"  # and zero-width: a line of only those is empty

# --- strategies ---------------------------------------------------------------------------------

CN_NUMS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十一", "两", "零", "〇"]
LABELS = st.one_of(
    st.sampled_from(CN_NUMS).map(lambda n: f"{n}、"),
    st.sampled_from(CN_NUMS).map(lambda n: f"（{n}）"),
    st.sampled_from(CN_NUMS).map(lambda n: f"({n})"),
    st.integers(0, 120).map(lambda n: f"{n}."),
    st.integers(1, 30).map(lambda n: f"{n}．"),
    st.integers(1, 30).map(lambda n: f"{n}、"),
    st.integers(1, 30).map(lambda n: f"（{n}）"),
    st.integers(1, 30).map(lambda n: f"{n}）"),
    st.sampled_from("①②③④⑤⑩⑳㉑"),
    st.sampled_from(CN_NUMS).map(lambda n: f"{n}是"),
    st.sampled_from(CN_NUMS).map(lambda n: f"第{n}，"),
    st.sampled_from(CN_NUMS).map(lambda n: f"第{n}部分"),
    st.sampled_from(["（ 一 ）", "一 、", "１２．", "(1)", "1.2025年", "3.14", "2.20万元"]),
)
PHRASES = st.sampled_from([
    "存在的主要问题", "问题产生的原因", "整改措施", "在理论学习方面", "学习不够深入", "对照检查材料",
    "2025年度组织生活会", "中共云溪市自然资源和规划局机关第二党支部", "目录", "发布时间：2025-01-01",
    "浏览量：34", "刘静", "2024年12月", "一是加强学习", "存在“有啥学啥”的情况", "XX", "××",
    "主题教育", "对照“四个带头”", "反面典型案例剖析", "进一步加强", "zuzhi生活", "...... 3",
    "（注）", "两个维护", "统一是前提", "1.5倍", "第一书记",
])
PUNCT = st.sampled_from([*"。，、；：！？“”‘’（）《》…—·.,;:!?()[]【】", "……", "——"])
CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=12)
SPACE = st.sampled_from(["", " ", "  ", "\u3000", "\u3000\u3000", "\t", "\u00a0"])
PIECE = st.one_of(PHRASES, PUNCT, CJK, LABELS, SPACE, st.text(max_size=6))
LINE = st.one_of(
    st.just(""),
    SPACE,
    st.builds(lambda sp, lab, pieces, end: sp + lab + "".join(pieces) + end,
              SPACE, st.one_of(st.just(""), LABELS), st.lists(PIECE, max_size=8), SPACE),
)
NEWLINE = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])


@st.composite
def report_text(draw) -> str:
    lines = draw(st.lists(LINE, max_size=40))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(NEWLINE))
    return "".join(out)


TEXT = st.one_of(report_text(), st.text(max_size=300))


# --- checks -------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _spans(doc: reportlint.Document):
    for kind in ("chrome", "toc", "masthead", "title_lines", "byline", "preamble"):
        for span in getattr(doc, kind):
            yield kind, span
    for section in doc.walk():
        for span in section.body:
            yield "body", span
    for span in doc.closing_spans():
        yield "closing", span


def _at(lines: list[str], line: int, column: int, length: int) -> str:
    assert 1 <= line <= len(lines), (line, len(lines))
    assert 1 <= column <= len(lines[line - 1]) + 1, (line, column)
    return lines[line - 1][column - 1 : column - 1 + length]


def check_locations_and_coverage(doc: reportlint.Document, text: str, lines: list[str] | None = None,
                                 spaces: str = SPACES) -> None:
    lines = _lines(text) if lines is None else lines
    owner: dict[tuple[int, int], str] = {}
    starts: dict[int, list[int]] = {}

    def mark(line: int, first: int, last: int, who: str) -> None:
        for col in range(first, last + 1):
            ch = lines[line - 1][col - 1]
            if ch in spaces:
                continue
            assert (line, col) not in owner, f"{ch!r} at {line}:{col} is in {owner[(line, col)]} and in {who}"
            owner[(line, col)] = who

    for kind, span in _spans(doc):
        assert span.line == span.end_line
        if not span.text:
            _at(lines, span.line, span.column, 0)
            continue
        assert _at(lines, span.line, span.column, len(span.text)) == span.text, (kind, span)
        assert span.end_column == span.column + len(span.text) - 1, (kind, span)
        mark(span.line, span.column, span.end_column, f"{kind} {span.text!r}")
        starts.setdefault(span.line, []).append(span.column)
    for section in doc.walk():
        starts.setdefault(section.line, []).append(section.column)
    for section in doc.walk():
        assert 1 <= section.line <= len(lines)
        row = lines[section.line - 1]
        if not section.auto_label:
            assert _at(lines, section.line, section.column, len(section.label)) == section.label, section
        if section.heading:
            assert _at(lines, section.line, section.heading_column, len(section.heading)) == section.heading
            assert section.end_column == section.heading_column + len(section.heading) - 1
        later = [c for c in starts.get(section.line, []) if c > section.column]
        last = (min(later) - 1) if later else len(row)
        mark(section.line, section.column, last, f"heading {section.label}{section.heading}")
        for item in section.items:
            assert 1 <= item.line <= len(lines) and item.line == item.end_line
            assert _at(lines, item.line, item.column, len(item.label)) == item.label, item
            assert item.column <= item.end_column + 1 <= len(lines[item.line - 1]) + 1, item
            if item.text:
                assert item.text in lines[item.line - 1], item
    for n, row in enumerate(lines, 1):
        for col, ch in enumerate(row, 1):
            if ch not in spaces:
                assert (n, col) in owner, f"{ch!r} at {n}:{col} of {row!r} belongs to no node"


# --- properties ---------------------------------------------------------------------------------

PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(TEXT)
def test_any_text_gives_a_tree(text):
    doc = reportlint.parse_text(text)
    assert isinstance(doc, reportlint.Document)
    doc.to_dict()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_every_character_belongs_to_exactly_one_node_and_locations_point_inside(text):
    check_locations_and_coverage(reportlint.parse_text(text), text)


@PROPS
@given(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_text_in_any_encoding_reads_the_same_or_says_why(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    # NUL is not text, and its bytes are ambiguous by design: without a BOM, NUL bytes are how UTF-16
    # looks (b"0\x00" is UTF-16 "0"), and UTF-16 of a text starting with NUL starts FF FE 00 00, the
    # UTF-32 BOM. Such bytes are read as UTF-16/32 or refused, not necessarily as the text they were.
    assume("\x00" not in text)
    try:
        doc = reportlint.parse(data, name="r.txt")
    except ReadError as exc:
        assert exc.message and "\n" not in exc.message
        return
    if encoding.startswith("utf"):  # gb18030 bytes may be read back as UTF-8 when they are valid UTF-8
        check_locations_and_coverage(doc, text.lstrip("\ufeff"))


def _zip_with(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


BYTES = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda head, tail: head + tail,
              st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1",
                               b"<html>", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4", b""]),
              st.binary(max_size=500)),
    st.dictionaries(st.sampled_from(["[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                     "word/_rels/document.xml.rels", "word/styles.xml", "mimetype"]),
                    st.one_of(st.binary(max_size=200), st.sampled_from([
                        b"<?xml version='1.0'?><a/>", b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", b""])),
                    max_size=6).map(_zip_with),
    TEXT.map(lambda t: t.encode("utf-8")),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BYTES, st.sampled_from(["r.txt", "r.docx", "<bytes>"]))
def test_any_bytes_give_a_tree_or_a_read_error(data, name):
    try:
        doc = reportlint.parse(data, name=name)
    except ReadError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert isinstance(doc, reportlint.Document)
    doc.to_dict()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text())
def test_findings_point_inside_the_input(text):
    doc = reportlint.parse_text(text)
    lines = _lines(text)
    for f in reportlint.lint(doc):
        if f.line is None:
            continue
        assert 1 <= f.line <= len(lines), f
        assert f.column is None or 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        if f.end_line is not None:
            assert f.line <= f.end_line <= len(lines), f
            if f.end_column is not None:
                assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text(), st.booleans())
def test_docx_paragraphs_are_covered_the_same_way(text, auto_numbering):
    """The same properties for a DOCX: a line is a paragraph (soft breaks inside it separate
    logical lines, as spaces do); with Word automatic numbering the labels are not in the text."""
    from docx_builders import docx_from_text

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data = docx_from_text(text, auto_numbering=auto_numbering)
    except ValueError:  # python-docx refuses control characters in run text
        assume(False)
    doc = reportlint.parse(data, name="r.docx")
    paragraphs = [p.text for p in doc.source.paragraphs]
    check_locations_and_coverage(doc, "\n".join(paragraphs), paragraphs, SPACES + "\n\r")


@pytest.mark.parametrize("text", [
    "一、\n一是\n",  # an item with no text ends at its label (found by the property above)
    "一、存在的问题\n（一）学习不够。对理论学习重视不够。\n1.学习不深入：只学文件。2.学用脱节。",
    "标题\n一、问题：\n（一）在理论学习方面：\n一是学习不够。二是研讨不深。\n二、原因\n（一）思想松懈。具体表现为……\n",
    "　　一、 存在的问题　\n\t（一）在学习方面\n内容。（二）在作风方面\n",
])
def test_coverage_on_typical_layouts(text):
    check_locations_and_coverage(reportlint.parse_text(text), text)


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LABELS, PHRASES, PUNCT, SPACE, st.sampled_from(list("一二十百第章节部分篇是、，:.．0123４5（）()①"))),
                max_size=6).map("".join))
def test_label_prefilter_never_rejects_what_the_grammar_accepts(text):
    from lark.exceptions import LarkError

    from reportlint import labels

    window = text.lstrip(" \t\u3000\u00a0")[: labels._WINDOW]
    try:
        labels._parser().parse(window)
    except LarkError:
        return
    assert labels._MAYBE_LABEL.match(window), window
