"""DOCX format rules RL401–RL408 (GB/T 9704): fonts, sizes, spacing, indent, page setup, page
numbers, label punctuation; effective fonts from styles and theme; aggregation; profiles."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx_builders import build_docx, gbt_docx, new_document, split_typed_label, to_bytes, with_part

from reportlint import lint, parse, parse_text
from reportlint.checks.format import expected_fonts, normalize_font

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-report.txt"
GBT_MARGINS = (37, 35, 28, 26)

REPORT = """关于2024年度组织生活会的对照检查材料
根据上级通知要求，现将对照检查情况报告如下。
一、存在的主要问题
（一）政治建设方面
一是理论学习不够深入。学习不系统，联系实际不够。
二是政治敏锐性不强。对苗头性问题警惕不够。
（二）作风建设方面
1.调查研究不够深入。下基层次数偏少。
（1）调研成果转化不够。调研报告质量不高。
二、问题产生的原因
（一）理论武装不够。放松了学习。
三、整改措施
（一）加强理论学习。每月集中学习不少于两次。"""

LEVEL_FONT = {0: "黑体", 1: "楷体_GB2312", 2: "仿宋_GB2312", 3: "仿宋_GB2312"}


def _kind(line: str) -> tuple[str, int | None]:
    level, _, _ = split_typed_label(line, 3)
    return ("heading", level) if level is not None else ("body", None)


def _split_run_in(line: str) -> tuple[str, str]:
    """A run-in heading's heading and body (the body is set in 仿宋 like any body text)."""
    if "。" in line[:-1]:
        cut = line.index("。") + 1
        return line[:cut], line[cut:]
    return line, ""


def gbt_report(text: str = REPORT, *, western: bool = False) -> bytes:
    """The report laid out per GB/T 9704 (or, western=True, all in Times New Roman 12 pt, 2.5 cm)."""
    if not western:
        return gbt_docx(text.split("\n"))
    paragraphs = [{"runs": [{"text": line, "font": "Times New Roman", "east_asia": "Times New Roman", "size": 12}]}
                  for line in text.split("\n")]
    return build_docx(paragraphs, margins_mm=(25, 25, 25, 25))


def _findings(data: bytes, **kw):
    return lint(parse(data, name="r.docx"), **kw)


def _fmt(findings):
    return [f for f in findings if f.code.startswith("RL4")]


def test_gbt_formatted_report_is_clean():
    assert _fmt(_findings(gbt_report())) == []


def test_a_word_draft_is_held_to_gbt9704_only_when_the_profile_asks():
    """A draft in Word's fonts and margins (Times New Roman 12 pt, 2.5 cm) is not a 公文: a plain
    check says nothing of its layout; the gbt9704 profile tells it everything, one finding per kind."""
    data = gbt_report(western=True)
    assert _fmt(_findings(data)) == []
    found = _fmt(_findings(data, profile="gbt9704"))
    assert sorted(f.code for f in found) == ["RL401", "RL401", "RL402", "RL402", "RL403", "RL403", "RL404",
                                             "RL405", "RL406", "RL407"]
    msgs = "\n".join(f.message for f in found)
    assert "标题字体为 Times New Roman，应为 方正小标宋简体（二号 22 磅）" in msgs
    assert "标题字号为 小四 12 磅" in msgs
    assert "正文字体为 Times New Roman（第 2、5、6、8、9…段，共 7 段），应为 仿宋_GB2312（三号 16 磅）" in msgs
    assert "一级标题字体为 Times New Roman（第 3、10、12 段），应为 黑体" in msgs
    assert "；二级标题字体为 Times New Roman（第 4、7、11、13 段），应为 楷体_GB2312" in msgs
    assert "页边距为 上 25、下 25、左 25、右 25 mm" in msgs
    page = [f for f in found if f.code == "RL406"]
    assert page and all(f.line is None for f in page)
    title = next(f for f in found if f.code == "RL401")
    assert title.line == 1 and title.column == 1


def test_a_docx_set_for_gongwen_is_told_everything_that_is_off():
    """The title in 小标宋 shows the writer meant a 公文: a body left in 宋体 is told by a plain check."""
    lines = REPORT.split("\n")
    paragraphs = [lines[0], *({"text": line, "east_asia": "宋体"} for line in lines[1:])]
    found = _fmt(_findings(gbt_docx(paragraphs)))
    assert {f.code for f in found} == {"RL402", "RL403"}
    assert all(str(f.severity) == "warning" for f in found)


def test_content_findings_come_before_layout_findings():
    lines = REPORT.split("\n")
    lines[5] = "二是政治敏锐性不强。XX同志对苗头性问题警惕不够。"  # a placeholder, late in the file
    paragraphs = [lines[0], {"text": lines[1], "east_asia": "宋体"}, *lines[2:]]
    found = _findings(gbt_docx(paragraphs))
    codes = [f.code for f in found]
    assert "RL301" in codes and "RL403" in codes
    assert [f.layout for f in found] == sorted(f.layout for f in found)  # content first, then layout
    assert found[codes.index("RL403")].line == 2 < found[codes.index("RL301")].line


def test_profiles_switch_format_rules_off_and_change_their_values(tmp_path):
    data = gbt_report(western=True)
    prof = tmp_path / "p.toml"
    prof.write_text('[profile]\nname = "p"\nextends = "gbt9704"\n[profile.rules]\nbody-font = "off"\n'
                    '"page-setup" = {left_mm = 25.0, right_mm = 25.0, top_mm = 25.0, bottom_mm = 25.0}\n',
                    encoding="utf-8")
    found = _fmt(_findings(data, profile=str(prof)))
    assert found and all(str(f.severity) == "warning" for f in found)
    assert not [f for f in found if f.code == "RL403"]
    assert not [f for f in found if f.code == "RL406" and "页边距" in f.message]
    assert _fmt(_findings(gbt_report(), profile="gbt9704")) == []


def test_text_files_only_get_label_punctuation():
    doc = parse_text("标题\n一、问题\n（一）、政治方面\n（1）、具体\n二、原因\n三、措施")
    found = _fmt(lint(doc))
    assert [f.code for f in found] == ["RL408", "RL408"]
    assert found[0].line == 3 and found[0].column == 4 and "“（一）”后不应加“、”" in found[0].message


def test_font_names_are_compared_tolerantly():
    assert normalize_font("仿宋_GB2312") == normalize_font("仿宋") == "仿宋"
    _, fangsong = expected_fonts(["仿宋_GB2312"])
    for name in ("仿宋", "FangSong", "仿宋_GBK", "ＦａｎｇＳｏｎｇ", "fangsong_gb2312"):
        assert normalize_font(name) in fangsong
    _, title = expected_fonts(["小标宋"])
    assert {normalize_font("方正小标宋_GBK"), normalize_font("方正小标宋简体")} <= title
    _, hei = expected_fonts(["黑体"])
    assert normalize_font("SimHei") in hei and normalize_font("宋体") not in hei


def _styles_and_theme_report() -> bytes:
    """Fonts come only from docDefaults → theme (minorEastAsia = 仿宋_GB2312) and from styles."""
    doc = new_document(GBT_MARGINS, page_numbers=True)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(16)
    ppr = normal.element.get_or_add_pPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:line"), "580")
    spacing.set(qn("w:lineRule"), "exact")
    ppr.append(spacing)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), "200")
    ppr.append(ind)

    def style(name: str, ea: str, size: float | None = None):
        from docx.enum.style import WD_STYLE_TYPE

        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), ea)
        if size:
            st.font.size = Pt(size)
        return st

    title = style("公文标题", "方正小标宋_GBK", 22)
    levels = [style("一级", "SimHei"), style("二级", "KaiTi"), style("三级", "仿宋"), style("四级", "FangSong")]
    from docx.enum.style import WD_STYLE_TYPE

    body_chars = styles.add_style("正文字符", WD_STYLE_TYPE.CHARACTER)
    body_chars.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    for n, line in enumerate(REPORT.split("\n")):
        kind, level = _kind(line)
        head, body = _split_run_in(line) if kind == "heading" else (line, "")
        p = doc.add_paragraph(head)
        if body:
            p.add_run(body, style=body_chars)
        if n == 0:
            p.style = title
        elif kind == "heading":
            p.style = levels[level]
    data = to_bytes(doc)
    z = __import__("zipfile").ZipFile(io.BytesIO(data))
    theme = z.read("word/theme/theme1.xml").decode("utf-8")
    theme = re.sub(r'(<a:minorFont>.*?<a:ea typeface=")[^"]*(")', r"\g<1>仿宋_GB2312\g<2>", theme, flags=re.S)
    return with_part(data, "word/theme/theme1.xml", theme.encode("utf-8"))


def test_fonts_from_styles_and_theme_are_effective_fonts():
    data = _styles_and_theme_report()
    d = docx.Document(io.BytesIO(data))
    assert all(r.font.name is None for p in d.paragraphs for r in p.runs)  # nothing direct
    assert _fmt(_findings(data)) == []
    # the same file with the theme's East Asian font changed to 宋体 is judged by that font
    z = __import__("zipfile").ZipFile(io.BytesIO(data))
    theme = z.read("word/theme/theme1.xml").decode("utf-8").replace("仿宋_GB2312", "宋体")
    found = _fmt(_findings(with_part(data, "word/theme/theme1.xml", theme.encode("utf-8"))))
    assert {f.code for f in found} == {"RL403"}
    assert "正文字体为 宋体" in found[0].message


def test_grid_spacing_and_indent_variants():
    lines = REPORT.split("\n")
    paragraphs = []
    for n, line in enumerate(lines):
        kind, level = _kind(line)
        font = "方正小标宋简体" if n == 0 else (LEVEL_FONT[level] if kind == "heading" else "仿宋")
        head, body = _split_run_in(line) if kind == "heading" else (line, "")
        lead = "\u3000\u3000" if n else ""
        runs = [{"text": lead + head, "east_asia": font, "size": 22 if n == 0 else 16}]
        if body:
            runs.append({"text": body, "east_asia": "仿宋", "size": 16})
        paragraphs.append({"runs": runs})
    doc_bytes = build_docx(paragraphs, margins_mm=GBT_MARGINS, page_numbers=True)
    found = _fmt(_findings(doc_bytes))
    # leading full-width spaces count as the indent; single spacing without a grid is wrong
    assert {f.code for f in found} == {"RL404"}
    assert "行距为 1.1 倍行距" in found[0].message  # python-docx's Normal: 1.08 lines
    # single spacing on a 22-line document grid is right
    d = docx.Document(io.BytesIO(doc_bytes))
    d.styles["Normal"].paragraph_format.line_spacing = 1.0
    sect = d.sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")
    assert _fmt(_findings(to_bytes(d))) == []


@pytest.mark.skipif(not SEED.exists(), reason="seed report not available")
def test_seed_as_docx_gets_one_layout_finding_per_kind_when_asked():
    from docx_builders import docx_from_text

    data = docx_from_text(SEED.read_text(encoding="utf-8"))
    assert _fmt(_findings(data)) == []  # a Word draft: not set for 公文
    found = _fmt(_findings(data, profile="gbt9704"))
    kinds = [(f.code, f.message.split("为")[0]) for f in found]
    assert len(kinds) == len(set(kinds)), kinds  # one finding per rule and kind (字体, 字号, 行距 …)
    assert len(found) <= 11 and any(f.code == "RL407" for f in found)


def _footer_with_complex_page_field(before: str, after: str) -> bytes:
    """A footer as Word writes 插入 › 页码: fldChar begin / instrText PAGE / separate / result / end."""
    doc = new_document(GBT_MARGINS)
    p = doc.sections[0].footer.paragraphs[0]
    p.add_run(before)
    for kind, text in (("begin", None), (None, " PAGE \\* MERGEFORMAT "), ("separate", None), (None, "7"),
                       ("end", None)):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text.strip() == "7":
            run.text = text
        else:
            instr = OxmlElement("w:instrText")
            instr.text = text
            run._r.append(instr)
    p.add_run(after)
    doc.add_paragraph("一、存在的主要问题")
    return to_bytes(doc)


@pytest.mark.parametrize(("footer", "shown", "dashed"), [
    (("— ", " —"), "— # —", True),
    (("-", "-"), "-#-", True),
    (("第", "页"), "第#页", False),
    (("", ""), "#", False),
])
def test_page_number_form_is_read_from_the_footer_and_dashes_are_asked_for(footer, shown, dashed):
    data = _footer_with_complex_page_field(*footer)
    doc = parse(data, name="r.docx")
    assert doc.source.facts["page_numbers"] == [shown]  # the field's result (7) is not typed text
    found = [f for f in lint(doc, select=["RL407"])]
    if dashed:
        assert found == []
    else:
        assert [(f.severity.name, f.line) for f in found] == [("INFO", None)]
        assert f"页码“{shown.replace('#', '1')}”两侧应各加一条一字线" in found[0].message
    plain = parse(build_docx(["正文"], page_numbers="#"), name="p.docx")
    assert [f.severity.name for f in lint(plain, "gbt9704", select=["RL407"])] == ["INFO"]
