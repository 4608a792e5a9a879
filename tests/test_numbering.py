"""Word automatic numbering: number formats, counters, and the PowerTools oracle documents."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx_builders import REPORT_LEVELS, add_numbering, build_docx, new_document, set_num_pr, to_bytes
from lxml import etree

from reportlint.readers.docx import read_docx
from reportlint.readers.numbering import Numbering, W, format_number

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docx"


@pytest.mark.parametrize(
    ("n", "fmt", "want"),
    [
        (1, "decimal", "1"),
        (7, "decimalZero", "07"),
        (12, "decimalZero", "12"),
        (12, "decimalFullWidth", "１２"),
        (3, "decimalFullWidth2", "３"),
        (3, "decimalHalfWidth", "3"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircleChinese", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (2, "decimalEnclosedFullstop", "⒉"),
        (2, "decimalEnclosedParen", "⑵"),
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (99, "chineseCounting", "九十九"),
        (100, "chineseCounting", "一○○"),
        (105, "chineseCounting", "一○五"),
        (10, "chineseCountingThousand", "十"),
        (100, "chineseCountingThousand", "一百"),
        (101, "chineseCountingThousand", "一百〇一"),
        (110, "chineseCountingThousand", "一百一十"),
        (1000, "chineseCountingThousand", "一千"),
        (1001, "chineseCountingThousand", "一千〇一"),
        (1010, "chineseCountingThousand", "一千〇一十"),
        (3, "chineseLegalSimplified", "叁"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (11, "taiwaneseCounting", "十一"),
        (101, "taiwaneseCountingThousand", "一百零一"),
        (1, "ideographTraditional", "甲"),
        (10, "ideographTraditional", "癸"),
        (12, "ideographZodiac", "亥"),
        (10, "ideographDigital", "一〇"),
        (11, "japaneseCounting", "十一"),
        (110, "japaneseCounting", "百十"),
        (4, "upperLetter", "D"),
        (27, "lowerLetter", "aa"),
        (14, "upperRoman", "XIV"),
        (9, "lowerRoman", "ix"),
        (5, "none", ""),
        (5, "bullet", ""),
        (5, "ordinalText", "5"),  # unknown → decimal
        (5, "custom", "5"),
        (28, "upperLetter", "BB"),
        (2147483647, "lowerLetter", "2147483647"),  # not 82 million letters
        (10**20, "upperLetter", "100000000000000000000"),
    ],
)
def test_format_number(n: int, fmt: str, want: str) -> None:
    assert format_number(n, fmt) == want


def test_custom_format_pads_to_the_sample() -> None:
    assert format_number(7, "custom", "001, 002, 003, ...") == "007"


def _numbering(xml: str) -> Numbering:
    root = etree.fromstring(f'<w:numbering xmlns:w="{W[1:-1]}">{xml}</w:numbering>')
    return Numbering(root)


_TWO_LEVELS = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
"""


def test_levels_restart_under_a_new_parent() -> None:
    num = _numbering(_TWO_LEVELS)
    got = [num.label(1, lvl) for lvl in (0, 1, 1, 0, 1)]
    assert got == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_multilevel_text_uses_each_levels_format() -> None:
    num = _numbering(_TWO_LEVELS)
    assert [num.label(1, lvl) for lvl in (0, 1, 2, 2)] == ["一、", "（一）", "一.一.1", "一.一.2"]


def test_counters_are_per_abstract_num_and_start_override_applies_once() -> None:
    num = _numbering(_TWO_LEVELS)
    got = [num.label(1, 0), num.label(2, 1), num.label(2, 1), num.label(1, 1)]
    assert got == ["一、", "（五）", "（六）", "（七）"]


def test_numid_zero_and_unknown_num_give_no_label() -> None:
    num = _numbering(_TWO_LEVELS)
    assert num.label(0, 0) == ""
    assert num.label(None, 0) == ""
    assert num.label(9, 0) == ""
    assert num.warnings


def test_lvl_restart_zero_never_resets() -> None:
    num = _numbering("""
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>""")
    assert [num.label(1, lvl) for lvl in (0, 1, 1, 0, 1)] == ["1.", "(1)", "(2)", "2.", "(3)"]


def test_is_legal_renders_decimal() -> None:
    num = _numbering("""
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>""")
    assert [num.label(1, lvl) for lvl in (0, 0, 1)] == ["I.", "II.", "2.1"]


def test_num_style_link_follows_the_numbering_style() -> None:
    root = etree.fromstring(f"""<w:numbering xmlns:w="{W[1:-1]}">
<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="ReportList"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ReportList"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>""")
    num = Numbering(root, {"ReportList": 1})
    assert [num.label(2, 0), num.label(2, 0), num.label(1, 0)] == ["一、", "二、", "三、"]


def test_report_numbering_in_a_built_docx() -> None:
    data = build_docx([
        {"text": "存在的主要问题", "level": 0},
        {"text": "政治建设方面", "level": 1},
        "正文",
        {"text": "理论学习方面", "level": 1},
        {"text": "原因分析", "level": 0},
        {"text": "思想认识", "level": 1},
        {"text": "学习不够", "level": 2},
        {"text": "细节", "level": 3},
    ])
    labels = [p.label for p in read_docx(data, "t.docx").paragraphs]
    assert labels == ["一、", "（一）", "", "（二）", "二、", "（一）", "1.", "（1）"]


def test_numbering_from_the_paragraph_style_and_ilvl_backlink() -> None:
    doc = new_document()
    num_id = add_numbering(doc, [
        {"fmt": "chineseCounting", "text": "%1、", "pStyle": "Heading1"},
        {"fmt": "chineseCounting", "text": "（%2）", "pStyle": "Heading2"},
    ])
    # Heading 1 carries numId only (the level comes from the lvl/pStyle backlink);
    # Heading 2 carries ilvl only and inherits numId from Heading 1 through basedOn.
    set_num_pr(doc.styles["Heading 1"].element, num_id, None)
    set_num_pr(doc.styles["Heading 2"].element, None, 1)
    doc.styles["Heading 2"].base_style = doc.styles["Heading 1"]
    for style, text in [("Heading 1", "问题"), ("Heading 2", "甲"), ("Heading 2", "乙"), ("Heading 1", "原因")]:
        doc.add_paragraph(text, style=style)
    p = doc.add_paragraph("不编号", style="Heading 1")
    set_num_pr(p._p, 0, None)
    got = [(p.label, p.outline_level) for p in read_docx(to_bytes(doc), "t.docx").paragraphs]
    assert got == [("一、", 0), ("（一）", 1), ("（二）", 1), ("二、", 0), ("", 0)]


def test_default_report_levels_are_the_standard_hierarchy() -> None:
    assert [t for _, t in REPORT_LEVELS] == ["%1、", "（%2）", "%3.", "（%4）"]


# --- the PowerTools oracle: each numbered paragraph's text is its arabic value -----------------

ORACLES = [
    ("LIR008-zh-CH-chineseCountingThousand.docx", 3482),
    ("LIR009-zh-CN-chineseCounting.docx", 3482),
    ("LIR010-zh-CN-ideographTraditional.docx", 19),
    ("LIR017-en-US-decimalEnclosedCircle.docx", 3500),
]


def _level_defs(data: bytes) -> dict[tuple[str, str], tuple[str, str]]:
    """(numId, ilvl) → (numFmt, lvlText), read independently of the reader."""
    z = zipfile.ZipFile(__import__("io").BytesIO(data))
    root = etree.fromstring(z.read("word/numbering.xml"))
    abstract = {}
    for ab in root.findall(W + "abstractNum"):
        for lvl in ab.findall(W + "lvl"):
            abstract[(ab.get(W + "abstractNumId"), lvl.get(W + "ilvl"))] = (
                lvl.find(W + "numFmt").get(W + "val"), lvl.find(W + "lvlText").get(W + "val"))
    out = {}
    for num in root.findall(W + "num"):
        abs_id = num.find(W + "abstractNumId").get(W + "val")
        for (a, ilvl), value in abstract.items():
            if a == abs_id:
                out[(num.get(W + "numId"), ilvl)] = value
    return out


@pytest.mark.parametrize(("name", "count"), ORACLES)
def test_powertools_oracle(name: str, count: int) -> None:
    path = CORPUS / "openxml-powertools" / name
    if not path.exists():
        pytest.skip("shared corpus not available")
    data = path.read_bytes()
    defs = _level_defs(data)
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(W + "body")
    numpr = [p.find(f"{W}pPr/{W}numPr") for p in body.iter(W + "p")]
    source = read_docx(data, str(path))
    checked = 0
    for para, np_ in zip(source.paragraphs, numpr, strict=True):
        if np_ is None or not para.text.strip().isdigit():
            continue
        key = (np_.find(W + "numId").get(W + "val"), np_.find(W + "ilvl").get(W + "val"))
        fmt, text = defs[key]
        ilvl = int(key[1])
        assert "%" not in text.replace(f"%{ilvl + 1}", "")
        assert para.label == text.replace(f"%{ilvl + 1}", format_number(int(para.text), fmt)), para.line
        checked += 1
    assert checked == count


def test_unknown_format_is_decimal_with_a_warning() -> None:
    num = _numbering("""
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="hebrew1"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>""")
    assert [num.label(1, 0), num.label(1, 0)] == ["1.", "2."]
    assert num.warnings == ["numbering format 'hebrew1' is shown as decimal"]
