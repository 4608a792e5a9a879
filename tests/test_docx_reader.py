"""The DOCX reader: paragraph order and text, labels, headings, style facts, page setup, and
hostile or damaged packages (always a Source or a ReadError)."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from docx.oxml import OxmlElement
from docx_builders import (
    add_numbering,
    build_docx,
    docx_from_text,
    new_document,
    set_num_pr,
    to_bytes,
    with_part,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.errors import ReadError
from reportlint.readers import docx_safety, read
from reportlint.readers.docx import read_docx

REPORT = """关于召开2025年度组织生活会的对照检查材料
一、存在的主要问题
（一）政治建设方面。学习不够深入。
（二）担当作为方面。一是主动性不强；二是创新不够。
二、问题产生的原因
（一）理论学习不深入。
三、整改措施
（一）加强理论武装。1.集中学习。2.个人自学。"""


def _read(data: bytes):
    return read_docx(data, "t.docx")


def test_every_paragraph_counts_including_empty_and_table_ones() -> None:
    src = _read(build_docx(["标题", "", {"table": [["甲", "乙"], ["丙", ""]]}, "结尾"]))
    assert [(p.line, p.text, p.in_table) for p in src.paragraphs] == [
        (1, "标题", False), (2, "", False),
        (3, "甲", True), (4, "乙", True), (5, "丙", True), (6, "", True),
        (7, "结尾", False),
    ]
    assert src.format == "docx" and src.encoding is None


def test_text_keeps_breaks_insertions_and_hyperlinks_but_not_deletions() -> None:
    src = _read(build_docx([
        {"text": "关于…的对照检查材料\n张三\n2025年1月"},
        {"text": "原文", "ins": "插入", "del": "删除", "hyperlink": ("链接", "https://example.org")},
    ]))
    assert src.paragraphs[0].text == "关于…的对照检查材料\n张三\n2025年1月"
    assert src.paragraphs[1].text == "原文插入链接"


def test_block_level_content_controls_are_walked() -> None:
    doc = new_document()
    doc.add_paragraph("前")
    inner = doc.add_paragraph("控件内")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inner._p.addprevious(sdt)
    sdt.append(content)
    content.append(inner._p)
    doc.add_paragraph("后")
    assert [p.text for p in _read(to_bytes(doc)).paragraphs] == ["前", "控件内", "后"]


def test_headings_by_style_name_and_outline_level() -> None:
    src = _read(build_docx([
        {"text": "一级", "style": "Heading 1"},
        {"text": "二级", "style": "标题 2"},
        {"text": "大纲", "outline_level": 2},
        {"text": "正文大纲", "style": "Heading 1", "outline_level": 9},
        "正文",
    ]))
    assert [p.outline_level for p in src.paragraphs] == [0, 1, 2, None, None]


def test_style_facts_from_runs_styles_and_paragraph() -> None:
    src = _read(build_docx([
        {"runs": [{"text": "", "bold": False}, {"text": "黑体三号", "east_asia": "黑体", "size": 16, "bold": True},
                  {"text": "仿宋", "east_asia": "仿宋_GB2312", "size": 16}],
         "first_line_chars": 2, "alignment": "center", "line_pt": 28},
        {"text": "标题", "style": "Heading 1"},
    ]))
    facts = src.paragraphs[0].style
    assert (facts.east_asia_font, facts.size_pt, facts.bold) == ("黑体", 16.0, True)
    assert (facts.alignment, facts.line_spacing_rule, facts.line_spacing_pt) == ("center", "exact", 28.0)
    assert (facts.first_line_indent_chars, facts.first_line_indent_pt) == (2.0, 32.0)
    assert [(r["text"], r["start"], r["east_asia_font"], r["bold"]) for r in facts.runs] == [
        ("黑体三号", 0, "黑体", True), ("仿宋", 4, "仿宋_GB2312", False)]
    heading = src.paragraphs[1].style
    assert heading.style_name.lower() == "heading 1" and heading.bold is True
    assert heading.ascii_font  # a theme font resolved through the theme part


def test_page_setup_and_page_numbers() -> None:
    src = _read(build_docx(["正文"], margins_mm=(37, 35, 28, 26), page_numbers=True))
    sect = src.facts["sections"][0]
    assert (sect["page_width_mm"], sect["page_height_mm"]) == (210.0, 297.0)
    assert (sect["top_mm"], sect["bottom_mm"], sect["left_mm"], sect["right_mm"]) == (37.0, 35.0, 28.0, 26.0)
    assert src.facts["has_page_numbers"] is True
    assert src.facts["strict"] is False and src.facts["repaired"] == []
    assert _read(build_docx(["正文"])).facts["has_page_numbers"] is False


@pytest.mark.parametrize("via_style", [False, True])
def test_auto_numbered_report_gives_the_typed_labels(via_style: bool) -> None:
    src = _read(docx_from_text(REPORT, auto_numbering=True, via_style=via_style))
    assert [p.label + p.text for p in src.paragraphs] == REPORT.split("\n")
    assert src.paragraphs[1].label == "一、" and src.paragraphs[1].text == "存在的主要问题"
    typed = _read(docx_from_text(REPORT))
    assert [p.text for p in typed.paragraphs] == REPORT.split("\n")
    assert not any(p.label for p in typed.paragraphs)


def test_read_routes_zip_bytes_to_the_docx_reader() -> None:
    src = read(build_docx(["内容"]), name="a.docx")
    assert src.format == "docx" and src.paragraphs[0].text == "内容"


def test_a_100kb_document_with_1500_numbered_paragraphs_reads_whole() -> None:
    rng = random.Random(1)
    pool = REPORT.replace("\n", "")
    lines = ["一、存在的主要问题"]
    lines += [f"{n}." + "".join(rng.choice(pool) for _ in range(60)) for n in range(1, 1501)]
    data = docx_from_text("\n".join(lines), auto_numbering=True, max_level=2)
    assert len(data) > 100_000
    src = _read(data)  # once quadratic in the numbered paragraphs; bench/run.py times a 100 KB DOCX
    assert len(src.paragraphs) == 1501 and src.paragraphs[-1].label == "1500."


# --- damaged and hostile input ----------------------------------------------------------------


def _strict(data: bytes) -> bytes:
    """The same package with Strict OOXML namespaces."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            for strict, transitional in docx_safety.STRICT_NAMESPACES:
                body = body.replace(transitional, strict)
            dst.writestr(info.filename, body)
    return out.getvalue()


def test_strict_ooxml_is_read() -> None:
    src = _read(_strict(docx_from_text(REPORT, auto_numbering=True)))
    assert src.facts["strict"] is True
    assert src.paragraphs[1].label + src.paragraphs[1].text == "一、存在的主要问题"


def test_dangling_relationship_is_ignored_and_reported() -> None:
    data = build_docx(["正文"])
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels")
    rels = rels.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/image" Target="NULL"/></Relationships>')
    src = _read(with_part(data, "word/_rels/document.xml.rels", rels))
    assert src.paragraphs[0].text == "正文"
    assert src.facts["repaired"] and src.warnings


def _error(data: bytes, kind: str = "damaged") -> str:
    """The one-line message of the ReadError reading `data` gives, after checking its kind."""
    with pytest.raises(ReadError) as info:
        _read(data)
    assert info.value.path == "t.docx"
    assert "\n" not in info.value.message
    assert info.value.kind == kind, info.value.message
    return info.value.message


def test_not_a_zip() -> None:
    assert "zip" in _error(b"PK\x03\x04 not really a zip")


def test_missing_parts() -> None:
    data = build_docx(["正文"])
    assert "Content_Types" in _error(with_part(data, "[Content_Types].xml", None))
    assert "缺少主文档部件 word/document.xml" in _error(with_part(data, "word/document.xml", None))
    no_main = with_part(data, "_rels/.rels", b'<Relationships xmlns="http://schemas.'
                        b'openxmlformats.org/package/2006/relationships"/>')
    assert "没有主文档部件" in _error(no_main, "unsupported")


def test_dtd_is_refused() -> None:
    data = build_docx(["正文"])
    evil = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    assert "DTD" in _error(with_part(data, "word/document.xml", evil), "unsafe")


def test_macro_document_and_template_are_refused() -> None:
    data = build_docx(["正文"])
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    docm = types.replace(main, b"application/vnd.ms-word.document.macroEnabled.main+xml")
    dotx = types.replace(main, b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
    xlsx = types.replace(main, b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    assert ".docm" in _error(with_part(data, "[Content_Types].xml", docm), "unsupported")
    assert ".dotx" in _error(with_part(data, "[Content_Types].xml", dotx), "unsupported")
    assert "不是 Word 文档" in _error(with_part(data, "[Content_Types].xml", xlsx), "unsupported")


def test_part_names_in_content_types_compare_case_insensitively() -> None:
    """OPC part names are case-insensitive: an Override for /WORD/DOCUMENT.XML names word/document.xml
    (it was "not a Word document (main part content type 'application/xml')")."""
    data = build_docx(["正文"])
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    upper = types.replace(b'PartName="/word/document.xml"', b'PartName="/WORD/DOCUMENT.XML"')
    assert upper != types
    assert _read(with_part(data, "[Content_Types].xml", upper)).paragraphs[0].text == "正文"


def test_malformed_xml() -> None:
    data = build_docx(["正文"])
    assert "不是格式正确的 XML" in _error(with_part(data, "word/document.xml", b"<w:document><unclosed>"))
    assert "不是格式正确的 XML" in _error(with_part(data, "word/styles.xml", b"\x00\x01garbage"))


def test_deep_nesting_is_refused() -> None:
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    nested = b"<w:tbl><w:tr><w:tc>" * 300 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 300
    doc = b"<w:document " + w + b"><w:body>" + nested + b"</w:body></w:document>"
    assert "256" in _error(with_part(build_docx(["x"]), "word/document.xml", doc), "unsafe")


def test_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    data = build_docx(["正文" * 2000])
    monkeypatch.setattr(docx_safety, "MAX_ENTRIES", 3)
    assert "REPORTLINT_MAX_ZIP_ENTRIES" in _error(data, "unsafe")
    monkeypatch.setattr(docx_safety, "MAX_ENTRIES", 5000)
    monkeypatch.setattr(docx_safety, "MAX_XML_PART", 1000)
    assert "REPORTLINT_MAX_PART_MB" in _error(data, "unsafe")
    monkeypatch.setattr(docx_safety, "MAX_XML_PART", 64 * 2**20)
    monkeypatch.setattr(docx_safety, "MAX_TOTAL", 1000)
    assert "REPORTLINT_MAX_TOTAL_MB" in _error(data, "unsafe")
    monkeypatch.setattr(docx_safety, "MAX_TOTAL", 256 * 2**20)
    monkeypatch.setattr(docx_safety, "BOMB_MIN_SIZE", 100)
    monkeypatch.setattr(docx_safety, "BOMB_RATIO", 2)
    assert "zip 炸弹" in _error(data, "unsafe")


def test_encrypted_zip_entry_is_refused() -> None:
    data = bytearray(build_docx(["正文"]))
    # set the "encrypted" flag in every central directory record (signature PK\x01\x02, flags at +8)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        data[pos + 8] |= 0x01
        pos = data.find(b"PK\x01\x02", pos + 4)
    assert "密码" in _error(bytes(data), "encrypted")


def test_truncated_and_corrupted_zip() -> None:
    data = build_docx(["正文"])
    _error(data[: len(data) // 2])
    corrupt = bytearray(data)
    name = corrupt.find(b"word/document.xml")  # first local header's data follows its name
    for i in range(name + 40, name + 80):
        corrupt[i] ^= 0xFF
    try:
        _read(bytes(corrupt))
    except ReadError:
        pass


_VALID = build_docx(["一、存在的主要问题", {"text": "政治", "level": 1}, {"table": [["a"]]}])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_random_corruption_gives_source_or_read_error(flips: list[tuple[int, int]]) -> None:
    data = bytearray(_VALID)
    for pos, value in flips:
        data[pos] = value
    try:
        src = _read(bytes(data))
    except ReadError as exc:
        assert "internal error" not in exc.message
    else:
        assert src.format == "docx"


def test_dtd_after_a_long_comment_is_refused() -> None:
    data = build_docx(["正文"])
    evil = (b'<?xml version="1.0"?><!--' + b"x" * 10000 + b'--><!DOCTYPE w:document [<!ENTITY a "A">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>")
    assert "DTD" in _error(with_part(data, "word/document.xml", evil), "unsafe")


def test_opendocument_is_named() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument" in _error(out.getvalue(), "odt")


def test_hidden_runs_and_phonetic_guides() -> None:
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = (b"<w:document " + w + b"><w:body><w:p>"
           b"<w:r><w:t>\xe7\xbb\x84</w:t></w:r>"
           b"<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>"
           b"<w:r><w:ruby><w:rt><w:r><w:t>zhi</w:t></w:r></w:rt>"
           b"<w:rubyBase><w:r><w:t>\xe7\xbb\x87</w:t></w:r></w:rubyBase></w:ruby></w:r>"
           b"</w:p></w:body></w:document>")
    src = _read(with_part(build_docx(["x"]), "word/document.xml", doc))
    assert src.paragraphs[0].text == "组织"
    assert [(r["text"], r["start"]) for r in src.paragraphs[0].style.runs] == [("组", 0), ("织", 1)]


def _measures_doc(value: str | None) -> bytes:
    """A paragraph and a section whose every measure is `value` (None: the attributes left out)."""
    def a(*names: str) -> str:
        return "".join(f' w:{n}="{value}"' for n in names) if value is not None else ""

    doc = (f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr>'
           f'<w:spacing{a("line")} w:lineRule="exact"/><w:ind{a("firstLine", "firstLineChars")}/>'
           f'<w:outlineLvl{a("val")}/><w:numPr><w:numId{a("val")}/><w:ilvl{a("val")}/></w:numPr></w:pPr>'
           f'<w:r><w:rPr><w:sz{a("val")}/></w:rPr><w:t>一、问题</w:t></w:r></w:p>'
           f'<w:sectPr><w:pgSz{a("w", "h")}/><w:pgMar{a("top", "left")}/><w:docGrid{a("linePitch", "charSpace")}/>'
           f'</w:sectPr></w:body></w:document>')
    return with_part(build_docx(["x"]), "word/document.xml", doc.encode())


@pytest.mark.parametrize("value", ["1.2.3", "..", "9" * 400, "9" * 400 + ".5", "9" * 5000, "1" * 310 + "pt", "4294967296"])
def test_a_measure_that_is_no_32_bit_number_counts_as_absent(value: str) -> None:
    """Word's measures are 32-bit numbers; these used to stop the read with "internal error"
    (float overflow, "could not convert string to float")."""
    src, plain = _read(_measures_doc(value)), _read(_measures_doc(None))
    assert src.paragraphs[0].text == "一、问题" and src.paragraphs[0].label == ""
    assert src.paragraphs[0].style == plain.paragraphs[0].style
    assert src.facts["sections"] == plain.facts["sections"]


def test_text_runs_map_offsets_back_to_python_docx_runs() -> None:
    import docx

    from reportlint.readers.docx import iter_body_paragraphs, text_runs

    data = build_docx([{"runs": [{"text": "一是"}, {"text": "学习不够"}], "ins": "深入"}])
    document = docx.Document(io.BytesIO(data))
    (p, _), = list(iter_body_paragraphs(document.element.body))
    assert [(off, text) for _, off, text in text_runs(p)] == [(0, "一是"), (2, "学习不够"), (6, "深入")]


# --- typed labels and Word automatic numbering give the same tree (SPEC §1) ------------------

_ROOT = Path(__file__).resolve().parents[1]
_REPORTS = sorted([*(_ROOT.parent / "shared" / "examples").glob("*.txt"), *(_ROOT / "examples").glob("*.txt"),
                   *(p for p in (_ROOT / "tests" / "fixtures" / "layouts").glob("*.txt")
                     if not p.name.endswith(".expected.txt"))])


def _tree(src) -> tuple:
    from reportlint.parser import parse_source

    def strip(node: dict) -> dict:
        for k in ("line", "column", "end_line", "end_column"):
            node.pop(k, None)
        for item in node.get("items", []):
            strip(item)
        for child in node.get("children", []):
            strip(child)
        return node

    doc = parse_source(src).to_dict()
    return doc["title"], doc["preamble"], doc["byline"], [strip(s) for s in doc["sections"]]


@pytest.mark.parametrize("report", _REPORTS, ids=lambda p: p.name)
@pytest.mark.parametrize(("max_level", "via_style"), [(1, False), (3, False), (3, True)])
def test_auto_numbering_gives_the_same_tree(report: Path, max_level: int, via_style: bool) -> None:
    from reportlint.readers.text import source_from_text

    text = report.read_text(encoding="utf-8")
    auto = _read(docx_from_text(text, auto_numbering=True, via_style=via_style, max_level=max_level))
    assert sum(1 for p in auto.paragraphs if p.label) > 0
    assert _tree(auto) == _tree(source_from_text(text))


def test_damaged_optional_parts_are_skipped() -> None:
    data = build_docx(["正文"], page_numbers=True)
    data = with_part(data, "word/settings.xml", b"<w:settings><broken>")
    data = with_part(data, "word/footer1.xml", b"<w:ftr")
    src = _read(data)
    assert src.paragraphs[0].text == "正文"
    assert len(src.facts["repaired"]) == 2 and src.warnings
    assert src.facts["has_page_numbers"] is False


def test_numbering_level_indent_applies_under_the_paragraphs_own() -> None:
    doc = new_document()
    num_id = add_numbering(doc, [{"fmt": "chineseCounting", "text": "%1、", "hanging": 420}])
    first = doc.add_paragraph("存在的主要问题")
    set_num_pr(first._p, num_id, 0)
    second = doc.add_paragraph("问题产生的原因")
    set_num_pr(second._p, num_id, 0)
    second.paragraph_format.first_line_indent = 203200  # 16 pt, the paragraph's own value wins
    src = _read(to_bytes(doc))
    assert [p.label for p in src.paragraphs] == ["一、", "二、"]
    assert src.paragraphs[0].style.first_line_indent_pt == -21.0
    assert src.paragraphs[1].style.first_line_indent_pt == 16.0
