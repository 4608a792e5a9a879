"""The section tree: label grammar, the seed's tree in every encoding and as DOCX, golden layouts."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from docx_builders import docx_from_text

import reportlint
from reportlint.errors import ReadError
from reportlint.labels import match_label
from reportlint.model import headline_sections
from reportlint.outline import tree_text

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "shared" / "examples" / "seed-report.txt"
LAYOUTS = HERE / "fixtures" / "layouts"

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared not present")

LABELS = [
    # text, kind, label as shown, number
    ("一、存在的主要问题", "cn_dun", "一、", 1),
    ("二十一、其他", "cn_dun", "二十一、", 21),
    ("十、整改", "cn_dun", "十、", 10),
    ("（一）对照党章", "cn_paren", "（一）", 1),
    ("(二)半角括号", "cn_paren", "(二)", 2),
    ("（十二）第十二项", "cn_paren", "（十二）", 12),
    ("1.理论学习", "ar_dot", "1.", 1),
    ("１．全角数字", "ar_dot", "１．", 1),
    ("12. 十二", "ar_dot", "12.", 12),
    ("3、三", "ar_dun", "3、", 3),
    ("（1）全年", "ar_paren", "（1）", 1),
    ("(2)半角", "ar_paren", "(2)", 2),
    ("1）右括号", "ar_rparen", "1）", 1),
    ("③圈码", "circled", "③", 3),
    ("一是加强学习", "cn_shi", "一是", 1),
    ("六是无私奉献", "cn_shi", "六是", 6),
    ("第一，要学习", "di_cn", "第一，", 1),
    ("第二部分 存在的问题", "chapter", "第二部分", 2),
    ("　一、全角空格缩进", "cn_dun", "一、", 1),
    ("1.2025年3月以来，学习不够", "ar_dot", "1.", 1),
]
NOT_LABELS = ["3.14是圆周率", "1.5倍于去年", "2.20万元", "2021.1月", "统一是前提", "两个维护", "plain text", "", "一", "第一书记", "（注）", "1.5倍"]


@pytest.mark.parametrize(("text", "kind", "label", "number"), LABELS)
def test_label_grammar_classifies(text, kind, label, number):
    found = match_label(text)
    assert found is not None
    assert (found.kind, found.text, found.number) == (kind, label, number)


@pytest.mark.parametrize("text", NOT_LABELS)
def test_label_grammar_rejects_prose(text):
    assert match_label(text) is None


def _shape(doc: reportlint.Document):
    """What SPEC §7 says about the seed, and a little more, as plain data."""
    return {
        "title": doc.title,
        "parts": [(s.label, s.heading, s.role) for s in doc.sections],
        "children": [[(c.label, c.role, c.run_in, len(c.items)) for c in s.children] for s in doc.sections],
        "items": [[[i.label for i in c.items] for c in s.children] for s in doc.sections],
    }


@needs_seed
def test_seed_tree_matches_spec():
    doc = reportlint.parse(SEED)
    problems, causes, measures = doc.sections
    assert doc.title == "党支部2021年党史学习教育zuzhi生活会“四个对照”检查材料"
    assert len(doc.preamble) == 1 and doc.preamble[0].text.startswith("根据县党史学习教育办公室")
    assert (problems.role, causes.role, measures.role) == ("problems", "causes", "measures")
    assert [len(c.items) for c in problems.children] == [2, 3, 4, 6]
    assert all(c.role == "comparison" for c in problems.children)
    assert len(causes.children) == 5 and all(c.run_in and not c.items for c in causes.children)
    assert causes.children[0].heading == "政治建设意识弱化"
    assert [len(c.items) for c in measures.children] == [3, 3, 3]
    assert all(c.run_in for c in measures.children)
    assert [i.label for i in measures.children[1].items] == ["1.", "2.", "3."]
    assert len(doc.units("problems")) == 15 and len(doc.units("causes")) == 5 and len(doc.units("measures")) == 9


@needs_seed
def test_seed_locations_point_at_the_labels():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    doc = reportlint.parse(SEED)
    for section in doc.walk():
        assert lines[section.line - 1][section.column - 1 :].startswith(section.label)
        for item in section.items:
            assert lines[item.line - 1][item.column - 1 :].startswith(item.label + item.text[:5])
            assert item.end_column <= len(lines[item.line - 1])
    second = doc.sections[0].children[0].items[1]
    assert (second.line, second.path) == (8, "一/（一）/二是")
    assert doc.sections[2].children[1].items[2].path == "三/（二）/3"


@needs_seed
@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.encode("gbk"), id="gbk"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("gb18030"), id="cr-gb18030"),
    ],
)
def test_seed_same_tree_in_every_encoding(encode):
    text = SEED.read_text(encoding="utf-8")
    expected = _shape(reportlint.parse_text(text))
    doc = reportlint.parse(encode(text), name="seed.txt")
    assert _shape(doc) == expected
    assert [s.line for s in doc.walk()] == [s.line for s in reportlint.parse_text(text).walk()]


@needs_seed
@pytest.mark.parametrize(
    ("auto", "via_style"), [(False, False), (True, False), (True, True)], ids=["typed", "auto", "auto-style"]
)
def test_seed_same_tree_as_docx(auto, via_style):
    text = SEED.read_text(encoding="utf-8")
    expected = _shape(reportlint.parse_text(text))
    doc = reportlint.parse(docx_from_text(text, auto_numbering=auto, via_style=via_style), name="seed.docx")
    assert doc.format == "docx"
    assert _shape(doc) == expected
    if auto:
        assert all(s.auto_label for s in doc.sections)


def test_forced_encoding_and_undecodable_bytes():
    data = "一、存在的问题\n（一）学习不够".encode("gb18030")
    assert reportlint.parse(data, encoding="gb18030").sections[0].heading == "存在的问题"
    with pytest.raises(ReadError, match="按 utf-8 解码失败"):
        reportlint.parse("一、问题".encode("utf-16-le") + b"\xff", encoding="utf-8", name="x.txt")


@pytest.mark.parametrize(
    ("data", "kind", "reason"),
    [
        (b"", "empty", "文件为空"),
        (bytes(range(256)) * 20, "binary", "二进制文件"),
        (b"{\\rtf1\\ansi hello}", "rtf", "RTF 文档：请另存为 .docx，或安装 LibreOffice"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html", "网页文件（HTML）"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "mhtml", "网页存档（MHTML）"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 600, "legacy-doc",
         "旧版 Word 97-2003 文档（.doc）：请另存为 .docx，或安装 LibreOffice"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "encrypted", "密码"),
        (b"%PDF-1.7\n", "damaged", "PDF"),
    ],
)
def test_unreadable_inputs_are_one_line_read_errors(data, kind, reason, monkeypatch):
    monkeypatch.setenv("REPORTLINT_SOFFICE", "off")  # as on a machine without LibreOffice
    with pytest.raises(ReadError) as info:
        reportlint.parse(data, name="bad.docx")
    message = str(info.value)
    assert info.value.kind == kind
    assert reason in message and message.startswith("bad.docx: ") and "\n" not in message


def _outline(doc: reportlint.Document) -> str:
    def shown(text: str) -> str:
        return text.replace("\t", "\\t")

    out = [f"masthead: {s.text}" for s in doc.masthead]
    out.append(f"title: {doc.title}" if doc.title else "title: (none)")
    out.extend(f"byline: {shown(s.text)}" for s in doc.byline)

    def walk(section, depth, headlines):
        line = "  " * depth + section.label + section.heading
        if section.role:
            line += f" [{section.role}]"
        if section.items:
            line += f" items={len(section.items)}"
        if found := headlines.get(id(section)):
            line += f" paragraphs={len(found)}"
        out.append(line)
        for child in section.children:
            walk(child, depth + 1, headlines)

    for section in doc.sections:
        walk(section, 0, headline_sections(section))
    out.extend(f"closing: {c.kind} {shown(c.text)}" + (f" +{len(c.body)}" if c.body else "") for c in doc.closing)
    return "\n".join(out)


LAYOUT_FILES = sorted(p for p in LAYOUTS.glob("*.txt") if not p.name.endswith(".expected.txt"))


@pytest.mark.parametrize("path", LAYOUT_FILES, ids=[p.stem for p in LAYOUT_FILES])
def test_golden_layout_outlines(path):
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8").strip()
    got = _outline(reportlint.parse(path)).strip()
    assert got == expected, "\n".join(difflib.unified_diff(expected.splitlines(), got.splitlines(), lineterm=""))


@pytest.mark.parametrize("path", LAYOUT_FILES, ids=[p.stem for p in LAYOUT_FILES])
def test_golden_layouts_same_as_docx_with_automatic_numbering(path):
    text = path.read_text(encoding="utf-8")
    expected = _outline(reportlint.parse_text(text))
    # a typed outline before the title: automatic numbering would (rightly) count it into the report
    auto = not path.stem.startswith("e-toc")
    assert _outline(reportlint.parse(docx_from_text(text, auto_numbering=auto), name="x.docx")) == expected


CLOSING_FILES = [p for p in LAYOUT_FILES if reportlint.parse(p).closing]


def _closing_docx(path: Path, soft_breaks: bool) -> bytes:
    """The fixture as a DOCX whose closing lines before the first attachment page are one paragraph
    joined by soft line breaks (w:br), or whose attachment pages each start a new page (a page-break
    run ending the paragraph before the first, w:pageBreakBefore on the others)."""
    from docx_builders import build_docx

    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = reportlint.parse(path).closing[0].line - 1
    pages = [k for k in range(start, len(lines)) if lines[k].startswith("附件") and lines[k][2:].isdigit()]
    paragraphs: list = list(lines)
    if soft_breaks:
        end = pages[0] if pages else len(lines)
        paragraphs = [*lines[:start], "\n".join(lines[start:end]), *lines[end:]]
    else:
        for n, k in enumerate(pages):
            paragraphs[k - 1 if n == 0 else k] = ({"text": lines[k - 1], "page_break_after": True} if n == 0
                                                  else {"text": lines[k], "page_break_before": True})
    return build_docx(paragraphs)


@pytest.mark.parametrize("soft_breaks", [True, False], ids=["soft-breaks", "page-breaks"])
@pytest.mark.parametrize("path", CLOSING_FILES, ids=[p.stem for p in CLOSING_FILES])
def test_closing_reads_the_same_across_soft_and_page_breaks(path, soft_breaks):
    expected = _outline(reportlint.parse(path))
    doc = reportlint.parse(_closing_docx(path, soft_breaks), name="x.docx")
    assert _outline(doc) == expected
    if soft_breaks:  # one paragraph: the closing lines share its number and follow each other in it
        first = doc.closing[0]
        joined = [c for c in doc.closing if c.line == first.line]
        assert len(joined) >= 2 and [c.column for c in joined] == sorted(c.column for c in joined)


def test_closing_joined_to_the_last_paragraph_by_a_soft_break_leaves_it():
    from docx_builders import build_docx

    doc = reportlint.parse(build_docx([
        "2025年度组织生活会党员个人对照检查材料",
        "一、存在的主要问题",
        "（一）在理论学习方面。全年自学笔记只有18页，对新修订的党内法规学得不细。",
        "二、问题产生的原因",
        "（一）学习自觉性不强。把理论学习当软任务。",
        "三、整改措施",
        "（一）加强理论学习。每周自学不少于3小时，2026年底前笔记不少于40页。\n周文静\n2026年1月15日",
    ]), name="x.docx")
    last = doc.sections[-1].children[-1]
    assert [b.text for b in last.body] == ["每周自学不少于3小时，2026年底前笔记不少于40页。"]
    assert [(c.kind, c.text, c.line) for c in doc.closing] == [("signature", "周文静", 7), ("date", "2026年1月15日", 7)]
    assert doc.source.paragraphs[6].text[doc.closing[1].column - 1 :] == "2026年1月15日"


def test_closing_details():
    j = reportlint.parse(LAYOUTS / "j-closing-block.txt")
    # the closing sentence stays in the last part; the attachment list and pages are nobody's items
    assert j.sections[-1].children[-1].body[-1].text == "以上对照检查，恳请批评指正。"
    assert [len(s.items) for s in j.walk()] == [0] * len(list(j.walk()))
    attachments, page = j.closing[2], j.closing[3]
    assert [b.text for b in attachments.body] == ["2.征求意见建议清单"]
    assert page.body[0].text == "2024年度民主生活会整改落实台账" and page.body[1].text == "一、已完成事项"
    tree = reportlint.tree_dict(j) if hasattr(reportlint, "tree_dict") else j.to_dict()
    assert tree["masthead"] == ["〔2025〕7号"]
    assert tree["closing"][0] == {"kind": "signature", "text": "中共青禾县水利局党组", "line": 16, "column": 1, "body": []}
    l_doc = reportlint.parse(LAYOUTS / "l-headlines-no-title.txt")
    assert [s.text for s in l_doc.preamble] == [
        "根据镇党委统一要求开展自查", "今年以来，村党支部在镇党委领导下，围绕乡村振兴重点任务开展工作，现将自查情况报告如下。"]
    assert [u.path for u in l_doc.units("problems")] == ["一/¶1", "一/¶2", "一/¶3"]
    assert [u.path for u in l_doc.units("causes")] == ["二/¶1", "二/¶2"]
    m = reportlint.parse(LAYOUTS / "m-labels-in-the-wild.txt")
    assert [(s.label, s.number, s.path) for s in m.sections[1:]] == [("一.", 1, "一"), ("二.", 2, "二"), ("三.", 3, "三")]
    # a quoted 一是一、二是二 is not an item; an empty comparison heading ending in 。 is no problem
    assert [i.text[:6] for i in m.sections[1].children[2].items] == ["对科室干部日", "廉政谈话多是"]
    assert "一/（一）" not in [u.path for u in m.units("problems")]
    found = {(f.code, f.line) for f in reportlint.lint(m)}
    assert ("RL104", 9) in found and not any(code == "RL105" for code, _ in found)


def test_a_report_with_a_closing_block_gets_no_finding_from_it():
    """Signature, date, attachment list, attachment pages with their own 一、二、 and 抄送/印发 lines:
    no numbering error, no duplicate of the title's unit, nothing about the last measure."""
    for name in ("j-closing-block", "k-closing-interleaved", "n-chapter-colon"):
        path = LAYOUTS / f"{name}.txt"
        for doc in (reportlint.parse(path), reportlint.parse(_closing_docx(path, soft_breaks=False), name="x.docx")):
            start = doc.closing[0].line
            late = [(f.code, f.line, f.message) for f in reportlint.lint(doc) if f.line is not None and f.line >= start]
            # the one finding the closing text deserves: k's date mixes numerals (2025年十二月15日, GB/T 15835)
            late = [f for f in late if not (f[0] == "RL317" and "混用阿拉伯数字和汉字" in f[2])]
            assert late == [], (name, doc.format)


@pytest.mark.parametrize(("text", "kind"), [
    ("2025年12月15日", "date"), ("二〇二五年十二月十五日", "date"), ("2025年十二月15日", "date"),
    ("2025年1月  日", "date"), ("（2025年  月  日）", "date"), ("2025年XX月XX日", "date"), ("2025年1月", "date"),
    ("中共临溪县统计局党组", "signature"), ("检视人：刘雅琴", "signature"), ("学院党委书记：林振宇", "signature"),
    ("大队党委书记、政治教导员　韩晓东", "signature"), ("第二党支部刘雅琴", "signature"),
    ("附件：1.整改台账", "attachments"), ("附件说明：", "attachments"), ("附件1", "attachment-page"),
    ("附件 2", "attachment-page"), ("抄送：县委组织部。", "cc"), ("县局办公室2021年1月29日印发", "cc"),
    ("联系人：党委办公室　王海燕　电话：0000-5127736", "cc"), ("（此页无正文）", "other"),
    ("以上对照检查，恳请批评指正。", None), ("2.每月集中学习两次。", None), ("责任人：李四", None),
])
def test_closing_line_kinds(text, kind):
    from reportlint.closing import line_kind

    assert (line_kind(text) if line_kind(text) != "name" else "signature") == kind


def test_a_date_left_as_xx_in_the_closing_is_still_a_placeholder():
    doc = reportlint.parse_text("2025年度组织生活会对照检查材料\n一、存在的问题\n学习不深入，全年只学了3次。\n"
                                "二、原因分析\n学习自觉性不强。\n三、整改措施\n每月集中学习2次。\nXX党支部\n2026年XX月XX日\n")
    assert [c.kind for c in doc.closing] == ["signature", "date"]
    assert {(f.code, f.line) for f in reportlint.lint(doc, select=["RL301"])} == {("RL301", 8), ("RL301", 9)}


_BODY = "按照支部要求，我认真查摆了问题。\n一、存在的主要问题\n学习不够深入，全年只学了3次。\n"


@pytest.mark.parametrize(("head", "masthead", "title", "byline"), [
    ("〔2026〕1号\n中共某局党组2025年度民主生活会对照检查材料", ["〔2026〕1号"], "中共某局党组2025年度民主生活会对照检查材料", []),
    ("000018\n内部资料　注意保存\n某局2025年度民主生活会对照检查材料", ["000018", "内部资料　注意保存"],
     "某局2025年度民主生活会对照检查材料", []),
    ("2025年度组织生活会个人发言提纲\n局党组书记、局长\t陈立群", [], "2025年度组织生活会个人发言提纲", ["局党组书记、局长\t陈立群"]),
    ("2025年度组织生活会个人发言提纲\n县委常委、副县长　周振华", [], "2025年度组织生活会个人发言提纲", ["县委常委、副县长　周振华"]),
    ("2025年度组织生活会个人发言提纲\n第一党支部 吴秀兰", [], "2025年度组织生活会个人发言提纲", ["第一党支部 吴秀兰"]),
    ("2025年度组织生活会个人检视剖析材料\n第二党支部刘雅琴", [], "2025年度组织生活会个人检视剖析材料", ["第二党支部刘雅琴"]),
    ("2025年度组织生活会个人查摆材料\n（2025年7月8日）\n孙嘉禾", [], "2025年度组织生活会个人查摆材料",
     ["（2025年7月8日）", "孙嘉禾"]),
    ("中共青石镇委员会\n\u200b\n党史学习教育专题民主生活会对照检查材料\n\n（2022年1月  日）", [],
     "中共青石镇委员会党史学习教育专题民主生活会对照检查材料", ["（2022年1月  日）"]),
    ("根据县委要求开展自查", [], None, []),
])
def test_title_block_variants(head, masthead, title, byline):
    for doc in (reportlint.parse_text(head + "\n" + _BODY), reportlint.parse(docx_from_text(head + "\n" + _BODY), name="x.docx")):
        assert ([s.text for s in doc.masthead], doc.title, [s.text for s in doc.byline]) == (masthead, title, byline)
        assert doc.preamble[-1].text == "按照支部要求，我认真查摆了问题。" and len(doc.preamble) == (2 if title is None else 1)


def test_layout_details():
    a = reportlint.parse(LAYOUTS / "a-title-author-date.txt")
    assert len(a.title_lines) == 2 and [s.text for s in a.byline][-1].startswith("2026年")
    e = reportlint.parse(LAYOUTS / "e-toc-before-title.txt")
    assert e.toc and e.toc[0].text.replace(" ", "").replace("\u3000", "") == "目录"
    g = reportlint.parse(LAYOUTS / "g-web-chrome.txt")
    assert any("浏览量" in s.text for s in g.chrome) and "浏览量" not in (g.title or "")
    h = reportlint.parse(LAYOUTS / "h-no-title.txt")
    assert h.title is None and h.preamble[0].text.startswith("根据")


def test_glued_heading_is_split_at_its_label():
    doc = reportlint.parse_text(
        "一、存在的主要问题\n（一）在学习方面。一是学习不深，今年只学了3次。二是笔记不全。（二）在作风方面。一是调研少，全年2次。\n"
    )
    first, second = doc.sections[0].children
    assert [i.label for i in first.items] == ["一是", "二是"]
    assert second.heading == "在作风方面" and second.line == 2
    assert doc.source.paragraphs[1].text[second.column - 1 :].startswith("（二）")


def test_paragraph_of_glued_level3_headings_becomes_siblings():
    doc = reportlint.parse_text("三、整改措施\n1.加强学习。每月2次。2.改进作风。每季度调研1次。\n")
    assert [c.label for c in doc.sections[0].children] == ["1.", "2."]


def test_a_short_line_without_label_is_not_a_heading_unless_it_names_a_part():
    doc = reportlint.parse_text("报告\n这是一段说明。\n会前准备情况\n对照党章党规找差距\n")
    assert doc.sections == []


def test_heading_style_and_part_name_together_make_an_unlabelled_part_heading():
    from docx_builders import build_docx

    data = build_docx([
        "关于2025年度组织生活会的对照检查材料",
        {"text": "存在的主要问题", "style": "Heading 1"},
        "（一）在理论学习方面。一是学习不深，全年只参加3次集中学习。",
        {"text": "问题产生的原因", "style": "Heading 1"},
        "（一）理论武装不够。学习自觉性不强。",
        {"text": "整改措施", "style": "Heading 1"},
        "（一）抓实学习。每月集中学习2次。",
        {"text": "工作回顾", "style": "Heading 1"},  # a style alone is not a part heading
        "本年度完成了各项任务。",
    ])
    doc = reportlint.parse(data, name="styled.docx")
    assert [(s.label, s.heading, s.role) for s in doc.sections] == [
        ("", "存在的主要问题", "problems"), ("", "问题产生的原因", "causes"), ("", "整改措施", "measures")]
    assert [len(s.children) for s in doc.sections] == [1, 1, 1]
    assert reportlint.lint(doc, select=["numbering-sequence", "missing-part"]) == []


CORPUS = HERE.parents[1] / "shared" / "corpus" / "docx"


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared corpus not present")
def test_chinese_procurement_document_gives_a_sensible_outline():
    doc = reportlint.parse(CORPUS / "docx2python" / "libreoffice_conversion.docx")
    assert doc.title == "东阳八婺招标代理有限公司关于东阳市歌山镇农贸市场经营管理权项目竞争性谈判文件"
    assert len(doc.toc) == 7 and "目录" in doc.toc[0].text  # the contents list is not read as sections
    chapters = [s.label for s in doc.sections]
    assert chapters[:4] == ["第一章", "第二章", "第三章", "第四章"]
    first = doc.sections[0]
    assert first.children[0].label == "一、" and first.children[0].heading == "项目基本情况"
    assert first.children[0].children[0].label == "1."
    auto = [s for s in doc.walk() if s.auto_label]
    assert ("六、", "其他补充事宜") in [(s.label, s.heading) for s in auto]  # chineseCountingThousand, rendered
    assert all(s.level == s.parent.level + 1 or s.level > s.parent.level for s in doc.walk() if s.parent)


@needs_seed
def test_tree_command_text_and_json():
    import json

    from click.testing import CliRunner

    from reportlint.cli import main

    text = CliRunner().invoke(main, ["tree", str(SEED)])
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0].startswith("标题：党支部2021年")
    assert "一、存在的主要问题 [问题]  :6" in lines
    assert any(x.startswith("  （四）对照人民群众的新期待") and "[对照] 6 项（一是二是三是…）" in x for x in lines)
    english = CliRunner().invoke(main, ["tree", "--lang", "en", str(SEED)]).output.splitlines()
    assert english[0].startswith("title: 党支部2021年") and "一、存在的主要问题 [problems]  :6" in english
    assert any(x.startswith("  （四）对照人民群众的新期待") and "[comparison] items=6 (" in x for x in english)
    data = json.loads(CliRunner().invoke(main, ["tree", "--format", "json", str(SEED)]).output)
    first = data["sections"][0]
    assert (first["label"], first["number"], first["level"], first["heading"], first["role"], first["line"]) == (
        "一、", 1, 1, "存在的主要问题", "problems", 6)
    item = first["children"][3]["items"][5]
    assert (item["label"], item["number"], item["line"]) == ("六是", 6, 14)
    assert data["sections"][1]["children"][0]["heading"] == "政治建设意识弱化"  # no trailing 。
    bad = CliRunner().invoke(main, ["tree", str(HERE / "nope.docx")])
    assert bad.exit_code == 2 and "nope.docx: 文件不存在" in bad.output


ROLES = [
    ("存在的主要问题", "problems"), ("查摆的问题", "problems"), ("存在的差距和不足", "problems"),
    ("突出问题", "problems"), ("存在的主要問題", "problems"), ("检视剖析出的问题", "problems"),
    ("问题的主要原因", "causes"), ("原因分析", "causes"), ("根源剖析", "causes"), ("产生问题的原因", "causes"),
    ("問題產生的原因", "causes"), ("问题产生的根源", "causes"),
    ("整改措施", "measures"), ("努力方向", "measures"), ("下一步打算", "measures"), ("今后的努力方向和整改措施", "measures"),
    ("整改措施及努力方向", "measures"), ("整改方向", "measures"),
    ("上年度民主生活会整改落实情况", "previous"), ("上次专题组织生活会查摆问题整改情况", "previous"),
    ("反面典型案例剖析情况", "case"), ("以案促改情况", "case"),
    ("会前准备", "other"), ("基本情况", "other"),
]


@pytest.mark.parametrize(("heading", "role"), ROLES)
def test_part_roles_from_headings(heading, role):
    from reportlint.parser import role_of

    assert role_of(heading) == role


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("对照党章党规", True), ("在带头强化政治忠诚、提高政治能力方面", True), ("（带头）固本培元、增强党性方面。", True),
     ("关于政治引领作用方面", True), ("檢視學習貫徹黨的創新理論情況", True), ("学习不够深入", False), ("工作作风不实", False)],
)
def test_comparison_headings(heading, expected):
    from reportlint.parser import is_comparison

    assert is_comparison(heading) is expected


def test_docx_soft_line_breaks_split_title_author_and_date():
    from docx_builders import build_docx

    data = build_docx([
        "中共某区政协党组班子\n2025年度民主生活会对照检查材料\n区政协办公室主任  李某某",
        "（2026年1月14日）",
        "根据区委要求，现将对照检查情况报告如下。",
        "一、存在的主要问题",
        "（一）带头强化政治忠诚方面。一是学习不够，全年仅集中学习3次。",
    ])
    doc = reportlint.parse(data, name="title.docx")
    assert doc.title == "中共某区政协党组班子2025年度民主生活会对照检查材料"
    assert [(s.text, s.line, s.column) for s in doc.title_lines] == [
        ("中共某区政协党组班子", 1, 1), ("2025年度民主生活会对照检查材料", 1, 12)]
    assert [(s.text, s.line) for s in doc.byline] == [("区政协办公室主任  李某某", 1), ("（2026年1月14日）", 2)]
    assert doc.preamble[0].line == 3 and doc.sections[0].line == 4


def test_bare_part_names_are_part_headings_when_no_part_is_labelled():
    doc = reportlint.parse_text(
        "关于2025年度组织生活会的对照检查材料\n根据要求，现将对照检查情况报告如下。\n存在的主要问题\n"
        "（一）在理论学习方面。一是学习不深，全年只参加3次集中学习。\n问题产生的原因\n（一）理论武装不够。学习自觉性不强。\n"
        "整改措施\n（一）抓实学习。每月集中学习2次。\n"
    )
    assert [(s.label, s.heading, s.role, len(s.children)) for s in doc.sections] == [
        ("", "存在的主要问题", "problems", 1), ("", "问题产生的原因", "causes", 1), ("", "整改措施", "measures", 1)]
    assert reportlint.lint(doc, select=["missing-part", "numbering-sequence", "empty-section"]) == []
    # with labelled parts, a bare line naming a part is just text
    labelled = reportlint.parse_text("一、存在的主要问题\n（一）学习方面。一是学习少，全年3次。\n存在问题\n")
    assert len(labelled.sections) == 1 and labelled.sections[0].children[0].body[-1].text == "存在问题"


def test_first_then_finally_are_items_and_their_order_is_checked():
    """首先，其次，再次，最后， enumerate like 一是 二是: each is an item; 最后， ends a sequence of any length."""
    doc = reportlint.parse_text(
        "一、存在的主要问题\n（一）在理论学习方面。首先，学习不够深入，全年只学了3次。其次，学用脱节，研讨流于形式。"
        "再次，笔记不全。最后，交流不多。\n（二）在作风方面。首先要看到，作风问题有反复。\n")
    first, second = doc.sections[0].children
    assert [(i.label, i.kind, i.text) for i in first.items] == [
        ("首先，", "seq", "学习不够深入，全年只学了3次。"), ("其次，", "seq", "学用脱节，研讨流于形式。"),
        ("再次，", "seq", "笔记不全。"), ("最后，", "seq", "交流不多。")]
    assert [u.path for u in doc.units("problems")][:2] == ["一/（一）/首先", "一/（一）/其次"]
    assert second.items == []  # 首先要看到: prose, not a label
    assert reportlint.lint(doc, select=["RL105"]) == []
    late = reportlint.parse_text("一、问题\n（一）学习。首先，学得不深。最后，用得不够。其次，研讨少。\n")
    assert [f.message for f in reportlint.lint(late, select=["RL105"])] == ["“最后，”之后还有“其次，”"]


def test_a_sub_title_naming_a_part_that_word_numbering_labels_stays_text():
    """The roles of Word-numbered part headings are read from their whole text (原因分析, not 分析):
    a short line 问题根源 under 二、原因分析 is that part's sub-title, not a second causes part."""
    from docx_builders import build_docx

    data = build_docx([
        "关于2025年度组织生活会的对照检查材料",
        {"text": "存在的主要问题", "level": 0}, {"text": "在学习方面。全年只学了3次。", "level": 1},
        {"text": "原因分析", "level": 0}, "问题根源", "思想松懈，对学习重视不够。",
        {"text": "整改措施", "level": 0}, {"text": "抓学习。每月2次。", "level": 1},
    ])
    doc = reportlint.parse(data, name="w.docx")
    assert [(s.label, s.heading, s.role) for s in doc.sections] == [
        ("一、", "存在的主要问题", "problems"), ("二、", "原因分析", "causes"), ("三、", "整改措施", "measures")]


_PART_LABEL_ALONE = """关于2025年度组织生活会个人对照检查材料
第一部分
存在的主要问题
（一）在理论学习方面。一是学习不够系统，全年集中学习只有9次。
第二部分
问题产生的原因
（一）理论武装的自觉性有所减弱。对理论学习重视不够，学习计划执行率不足七成。
第三部分
整改措施
（一）抓实理论学习。每月集中学习2次，2026年6月底前完成。
"""


@pytest.mark.parametrize("as_docx", [False, True], ids=["text", "docx"])
def test_a_part_label_alone_on_its_line_is_named_by_the_line_under_it(as_docx):
    """第一部分 on a line of its own, 存在的主要问题 on the next: the part is the problems part (no
    RL101 for all three parts), and messages call it by that name."""
    data = docx_from_text(_PART_LABEL_ALONE) if as_docx else _PART_LABEL_ALONE.encode("utf-8")
    doc = reportlint.parse(data, name="r.docx" if as_docx else "r.txt")
    assert [(s.label, s.role, s.name) for s in doc.sections] == [
        ("第一部分", "problems", "存在的主要问题"), ("第二部分", "causes", "问题产生的原因"),
        ("第三部分", "measures", "整改措施")]
    assert doc.part("problems")[0].name_line.children[0].role == "comparison"
    findings = reportlint.lint(doc)
    assert not [f for f in findings if f.code == "RL101"]
    assert "“存在的主要问题”部分只有" in next(f.message for f in findings if f.code == "RL307" and f.line == 2)


def test_a_paragraph_holding_only_an_automatic_label_before_the_title_is_read():
    """An empty paragraph numbered by Word (only its label 〇、 shows) at the top of a document: the
    title search must not stumble on the empty text (it raised IndexError)."""
    from docx_builders import docx_from_text

    doc = reportlint.parse(docx_from_text("\n\n〇、\n", auto_numbering=True))
    assert doc.title is None


_HEADLINES_UNDER_HEADINGS = """第三党支部2023年主题教育专题组织生活会检视剖析材料
一、检视剖析的问题
（一）理论学习方面
学习形式比较单一。支部集中学习8次，多数是领读原文，党员交流发言准备不足。
学用结合不够紧密。学习二十大报告后，没有结合车间降本增效开展讨论，解决生产难题仍靠老经验。
（二）廉洁自律方面
对物资处置监督不严。废料回收过磅长期由一人操作，支部没有开展针对性的廉洁提醒。
二、问题产生的原因
（一）学习的内生动力不足。把学习当成完成任务，缺少结合生产实际的思考。
（二）纪律意识有所松弛。认为车间物资价值不大，对微腐败的危害认识不足。
三、整改措施
（一）改进学习方式。每次学习确定1个车间实际问题开展讨论，党员轮流领学。
（二）堵塞管理漏洞。废料回收过磅实行双人签字，纪检委员每月抽查一次。
"""


@pytest.mark.parametrize("as_docx", [False, True], ids=["text", "docx"])
def test_headline_paragraphs_under_comparison_headings_are_one_unit_each(as_docx):
    """Problems written under comparison headings as unlabelled paragraphs that each open with a short
    headline sentence: one problem per paragraph, `一/（一）/¶N` — the one paragraph of a heading too,
    as the part reads that way (tree and map alike)."""
    text = _HEADLINES_UNDER_HEADINGS
    doc = reportlint.parse(docx_from_text(text, auto_numbering=True), name="x.docx") if as_docx else reportlint.parse_text(text)
    assert [u.path for u in doc.units("problems")] == ["一/（一）/¶1", "一/（一）/¶2", "一/（二）/¶1"]
    assert [u.heading for u in doc.units("problems")] == ["理论学习方面", "理论学习方面", "廉洁自律方面"]
    assert [u.path for u in doc.units("causes")] == ["二/（一）", "二/（二）"]  # run-in sections stay sections
    assert "（一）理论学习方面 [对照] 2 段（¶1¶2）" in tree_text(doc)


@pytest.mark.parametrize("body, paths", [
    # one problem over two paragraphs: the second goes on with an example, no headline of its own
    ("（一）理论学习方面\n学习形式比较单一。支部集中学习8次，多数是领读原文，党员交流发言准备不足。\n"
     "比如今年3月学习二十大报告时只播放了视频，会后没有组织任何讨论，也没有检查笔记。\n"
     "（二）廉洁自律方面\n对物资处置监督不严。废料回收过磅长期由一人操作，支部没有开展廉洁提醒。\n",
     ["一/（一）", "一/（二）"]),
    # … or with an example that opens with a short sentence of its own (比如…。): it goes on, it is
    # no headline, though the other heading holds two problems
    ("（一）理论学习方面\n学习形式比较单一。支部集中学习8次，多数是领读原文，党员交流发言准备不足。\n"
     "比如今年3月只播放了视频。会后没有组织任何讨论，也没有检查学习笔记。\n"
     "（二）廉洁自律方面\n对物资处置监督不严。废料回收过磅长期由一人操作，支部没有开展廉洁提醒。\n"
     "八小时以外监督不到位。对党员社会交往情况掌握不清，没有建立经常性的提醒机制。\n",
     ["一/（一）", "一/（二）"]),
    # every heading holds one paragraph: the heading's body is its problem, as before
    ("（一）理论学习方面\n学习形式比较单一。支部集中学习8次，多数是领读原文，党员交流发言准备不足。\n"
     "（二）廉洁自律方面\n对物资处置监督不严。废料回收过磅长期由一人操作，支部没有开展廉洁提醒。\n",
     ["一/（一）", "一/（二）"]),
    # one heading runs its problem in (（二）heading。body): the part is not written in headline paragraphs
    ("（一）理论学习方面\n学习形式比较单一。支部集中学习8次，多数是领读原文，党员交流发言准备不足。\n"
     "学用结合不够紧密。学习二十大报告后，没有结合车间降本增效开展讨论，解决难题仍靠老经验。\n"
     "（二）对物资处置监督不严。废料回收过磅长期由一人操作，支部没有开展针对性的廉洁提醒。\n",
     ["一/（一）", "一/（二）"]),
])
def test_sections_not_written_in_headline_paragraphs_stay_one_unit(body, paths):
    head, tail = _HEADLINES_UNDER_HEADINGS.split("一、检视剖析的问题\n")
    text = head + "一、检视剖析的问题\n" + body + tail[tail.index("二、问题产生的原因"):]
    assert [u.path for u in reportlint.parse_text(text).units("problems")] == paths


_COUNTED = """某局机关第二党支部2024年度组织生活会对照检查材料
根据机关党委通知要求，支部通过征求意见、谈心谈话等方式，共查摆出4个问题，现报告如下。
一、存在的主要问题
支部集中学习全年安排了12次，但有5次以传达文件代替研讨，党员撰写的心得体会质量不高，学用结合不紧。
落实上级关于优化营商环境的部署行动迟缓，2项审批事项的压缩时限承诺到年底仍未兑现，企业多次反映。
党员联系服务群众不够经常，全年走访企业和群众只有36人次，对反映的停车难等问题跟踪不够。
个别党员对八项规定精神的认识存在偏差，节日期间收受服务对象赠送的土特产，支部提醒不及时。
二、问题产生的原因
（一）理论学习的自觉性不强。把学习当作软任务。
（二）宗旨意识有所淡化。对群众急难愁盼感受不深。
三、整改措施
（一）每月集中学习1次，每季度开展1次研讨。
（二）每名党员每季度走访群众不少于5人次。
"""


@pytest.mark.parametrize("preamble, paths", [
    ("共查摆出4个问题", ["一/¶1", "一/¶2", "一/¶3", "一/¶4"]),
    ("共查摆出四个问题", ["一/¶1", "一/¶2", "一/¶3", "一/¶4"]),
    # a count of aspects, of last year's problems, or another number: the part stays one unit
    ("共查摆出4个方面的问题", ["一"]),
    ("上年度查摆的4个问题已整改完成", ["一"]),
    ("共查摆出5个问题", ["一"]),
])
def test_a_problems_part_of_as_many_paragraphs_as_the_problems_announced_gives_one_each(preamble, paths):
    """Four plain paragraphs (no short headline sentence opens them) under a preamble that announces
    four problems: one problem each, as the report counts them (tree and map alike)."""
    doc = reportlint.parse_text(_COUNTED.replace("共查摆出4个问题", preamble))
    assert [u.path for u in doc.units("problems")] == paths
    assert ("4 段（¶1¶2¶3…）" in tree_text(doc)) == (len(paths) == 4)


def test_bold_headlines_under_comparison_headings_split_in_the_tree_as_in_the_map():
    """A DOCX writer sets each paragraph's headline in bold with no full stop (**学习形式比较单一**支部…):
    the paragraphs are units, and `tree` shows them as the map reads them."""
    from docx_builders import build_docx

    def headline(bold: str, rest: str) -> dict:
        return {"runs": [{"text": bold, "bold": True}, {"text": rest}]}

    doc = reportlint.parse(build_docx([
        "第三党支部2023年主题教育专题组织生活会检视剖析材料",
        "一、检视剖析的问题",
        "（一）理论学习方面",
        headline("学习形式比较单一", "支部集中学习8次，多数是领读原文，党员交流发言准备不足，效果打了折扣。"),
        headline("学用结合不够紧密", "学习二十大报告后，没有结合车间降本增效开展讨论，解决生产难题仍靠老经验。"),
        "（二）廉洁自律方面",
        headline("对物资处置监督不严", "废料回收过磅长期由一人操作，支部没有开展针对性的廉洁提醒。"),
        "二、问题产生的原因",
        "（一）学习的内生动力不足。把学习当成完成任务，缺少结合生产实际的思考。",
        "三、整改措施",
        "（一）改进学习方式。每次学习确定1个车间实际问题开展讨论，党员轮流领学。",
    ]), name="x.docx")
    assert [u.path for u in doc.units("problems")] == ["一/（一）/¶1", "一/（一）/¶2", "一/（二）/¶1"]
    assert "（一）理论学习方面 [对照] 2 段（¶1¶2）" in tree_text(doc)
