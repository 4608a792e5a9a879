"""Build DOCX files in memory for tests: Word automatic numbering, heading styles, soft line
breaks, tables, tracked changes, hyperlinks, run fonts. Shared by the reader, parser and rule tests.

A paragraph is a str or a dict with any of these keys:
  text          the paragraph text; "\\n" becomes a soft line break (w:br)
  style         a paragraph style name ("Heading 1", "标题 1", or a style made by `styles=`)
  num           (numId, ilvl): Word automatic numbering on the paragraph
  level         ilvl in the default report numbering (一、 / （一） / 1. / （1）)
  runs          [{"text", "bold", "font", "east_asia", "size"}] instead of `text`
  ins / del     text appended as a tracked insertion / deletion
  hyperlink     (text, url) appended as a hyperlink
  table         [[cell text, ...], ...]: a table instead of a paragraph
  first_line_chars, first_line_pt (首行缩进 in characters / in points), alignment ("center", "both"…),
  line_pt (固定值 line spacing), line_at_least_pt (最小值), line_multiple (1.5 = 1.5 倍行距),
  outline_level
  page_break_before  w:pageBreakBefore on the paragraph (it starts a new page)
  page_break_after   a page break (w:br w:type="page") as the paragraph's last run

`gbt_docx` lays a report out as GB/T 9704 asks (fonts, sizes, spacing, indent, margins, page
numbers) and changes only what a paragraph or the page says: the DOCX of the rule case tables.
"""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# the standard hierarchy of a Chinese report (SPEC §1): 一、 · （一） · 1. · （1）
REPORT_LEVELS: list[tuple[str, str]] = [
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
]

_CN_NUM = "〇一二三四五六七八九十百"
_TYPED_LABEL = [
    (0, re.compile(rf"^[{_CN_NUM}]+、")),
    (1, re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    (2, re.compile(r"^[0-9０-９]+[.．](?![0-9])")),
    (3, re.compile(r"^[（(][0-9０-９]+[）)]")),
]


def add_numbering(doc: Any, levels: list[tuple[str, str]] | list[dict[str, Any]],
                  start_overrides: dict[int, int] | None = None, abstract_id: int | None = None) -> int:
    """Add a w:abstractNum (one w:lvl per entry) and a w:num to numbering.xml; return the numId.

    An entry is (numFmt, lvlText) or a dict with fmt, text, start, restart, isLgl, pStyle, hanging.
    Pass `abstract_id` of an earlier call to make a second num over the same definition."""
    numbering = doc.part.part_related_by(RT.NUMBERING).element
    existing_abs = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    existing_num = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    if abstract_id is None:
        abstract_id = max([*existing_abs, 0]) + 1
        ab = OxmlElement("w:abstractNum")
        ab.set(qn("w:abstractNumId"), str(abstract_id))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "hybridMultilevel" if len(levels) > 1 else "singleLevel")
        ab.append(mlt)
        for ilvl, entry in enumerate(levels):
            spec = entry if isinstance(entry, dict) else {"fmt": entry[0], "text": entry[1]}
            ab.append(_level(ilvl, spec))
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(ab)
        else:
            numbering.append(ab)
    num_id = max([*existing_num, 0]) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    for ilvl, start in (start_overrides or {}).items():
        ov = OxmlElement("w:lvlOverride")
        ov.set(qn("w:ilvl"), str(ilvl))
        so = OxmlElement("w:startOverride")
        so.set(qn("w:val"), str(start))
        ov.append(so)
        num.append(ov)
    numbering.append(num)
    return num_id


def abstract_id_of(doc: Any, num_id: int) -> int:
    numbering = doc.part.part_related_by(RT.NUMBERING).element
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
    raise KeyError(num_id)


def _val(tag: str, value: Any) -> Any:
    el = OxmlElement(tag)
    el.set(qn("w:val"), str(value))
    return el


def _level(ilvl: int, spec: dict[str, Any]) -> Any:
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(ilvl))
    lvl.append(_val("w:start", spec.get("start", 1)))
    lvl.append(_val("w:numFmt", spec["fmt"]))
    if "restart" in spec:
        lvl.append(_val("w:lvlRestart", spec["restart"]))
    if spec.get("pStyle"):
        lvl.append(_val("w:pStyle", spec["pStyle"]))
    if spec.get("isLgl"):
        lvl.append(OxmlElement("w:isLgl"))
    lvl.append(_val("w:lvlText", spec["text"]))
    lvl.append(_val("w:lvlJc", "left"))
    if spec.get("hanging") is not None:  # twips, as Word writes list indents
        ppr, ind = OxmlElement("w:pPr"), OxmlElement("w:ind")
        ind.set(qn("w:left"), str(spec["hanging"]))
        ind.set(qn("w:hanging"), str(spec["hanging"]))
        ppr.append(ind)
        lvl.append(ppr)
    return lvl


def set_num_pr(ppr_owner: Any, num_id: int | None, ilvl: int | None) -> None:
    """Attach w:numPr (numId and/or ilvl) to a paragraph's or a style's pPr."""
    ppr = ppr_owner.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    if ilvl is not None:
        numpr.append(_val("w:ilvl", ilvl))
    if num_id is not None:
        numpr.append(_val("w:numId", num_id))
    # numPr comes after pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl
    after = [qn(t) for t in ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore",
                             "w:framePr", "w:widowControl")]
    anchor = None
    for child in ppr:
        if child.tag in after:
            anchor = child
    if anchor is not None:
        anchor.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def numbered_style(doc: Any, name: str, num_id: int, ilvl: int, base: str = "Normal") -> Any:
    """A paragraph style that carries numbering (the "numbering from the style" variant)."""
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    set_num_pr(style.element, num_id, ilvl)
    return style


def _style(doc: Any, name: str) -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        return style


def _run(paragraph: Any, text: str, spec: dict[str, Any] | None = None) -> Any:
    spec = spec or {}
    parts = text.split("\n")
    run = paragraph.add_run(parts[0])
    for part in parts[1:]:
        run.add_break()
        run.add_text(part)
    if spec.get("bold") is not None:
        run.bold = spec["bold"]
    if spec.get("size"):
        run.font.size = Pt(spec["size"])
    if spec.get("font"):
        run.font.name = spec["font"]
    if spec.get("east_asia"):
        rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        rfonts.set(qn("w:eastAsia"), spec["east_asia"])
    return run


def _tracked(paragraph: Any, tag: str, text: str, rev: int) -> None:
    wrapper = OxmlElement(tag)
    wrapper.set(qn("w:id"), str(rev))
    wrapper.set(qn("w:author"), "test")
    wrapper.set(qn("w:date"), "2025-01-01T00:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if tag == "w:del" else "w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    wrapper.append(r)
    paragraph._p.append(wrapper)


def _hyperlink(paragraph: Any, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    link.append(r)
    paragraph._p.append(link)


def _add(doc: Any, spec: str | dict[str, Any], report_num: int | None, rev: list[int]) -> None:
    if isinstance(spec, str):
        spec = {"text": spec}
    if "table" in spec:
        rows = spec["table"]
        table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        return
    p = doc.add_paragraph()
    if spec.get("style"):
        p.style = _style(doc, spec["style"])
    for run in spec.get("runs", []):
        _run(p, run.get("text", ""), run)
    if spec.get("text"):
        _run(p, spec["text"])
    if spec.get("ins"):
        rev[0] += 1
        _tracked(p, "w:ins", spec["ins"], rev[0])
    if spec.get("del"):
        rev[0] += 1
        _tracked(p, "w:del", spec["del"], rev[0])
    if spec.get("hyperlink"):
        _hyperlink(p, *spec["hyperlink"])
    if "num" in spec:
        set_num_pr(p._p, spec["num"][0], spec["num"][1])
    elif "level" in spec and report_num is not None:
        set_num_pr(p._p, report_num, spec["level"])
    ppr = p._p.get_or_add_pPr()
    if spec.get("first_line_chars") is not None:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:firstLineChars"), str(int(spec["first_line_chars"] * 100)))
        ind.set(qn("w:firstLine"), str(int(spec["first_line_chars"] * 320)))
        ppr.append(ind)
    elif spec.get("first_line_pt") is not None:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:firstLine"), str(int(spec["first_line_pt"] * 20)))
        ppr.append(ind)
    if spec.get("alignment"):
        ppr.append(_val("w:jc", spec["alignment"]))
    for key, rule, unit in (("line_pt", "exact", 20), ("line_at_least_pt", "atLeast", 20), ("line_multiple", "auto", 240)):
        if spec.get(key):
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:line"), str(int(spec[key] * unit)))
            spacing.set(qn("w:lineRule"), rule)
            ppr.append(spacing)
    if spec.get("outline_level") is not None:
        ppr.append(_val("w:outlineLvl", spec["outline_level"]))
    if spec.get("page_break_before"):  # after pStyle, keepNext and keepLines (schema order)
        before = [c for c in ppr if c.tag in (qn("w:pStyle"), qn("w:keepNext"), qn("w:keepLines"))]
        ppr.insert(ppr.index(before[-1]) + 1 if before else 0, OxmlElement("w:pageBreakBefore"))
    if spec.get("page_break_after"):
        from docx.enum.text import WD_BREAK

        p.add_run().add_break(WD_BREAK.PAGE)


def new_document(margins_mm: tuple[float, float, float, float] | None = None,
                 page_numbers: bool | str = False, size_mm: tuple[float, float] = (210, 297),
                 grid_pitch_pt: float | None = None) -> Any:
    """An empty python-docx Document (A4 unless `size_mm`), optionally with a PAGE field in the
    footer: `True` gives GB/T 9704's "— 1 —", a string such as "第#页" that text with the field at
    "#". `grid_pitch_pt`: a document grid of lines at that pitch (页面设置 › 文档网格 › 指定行网格)."""
    doc = docx.Document()
    section = doc.sections[0]
    _page_setup(section, margins_mm, size_mm)
    if grid_pitch_pt:
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(grid_pitch_pt * 20)))
    if page_numbers:
        before, after = ("— # —" if page_numbers is True else page_numbers).split("#")
        fp = section.footer.paragraphs[0]
        fp.add_run(before)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), " PAGE ")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        fp._p.append(fld)
        fp.add_run(after)
    return doc


def _page_setup(section: Any, margins_mm: tuple[float, float, float, float] | None,
                size_mm: tuple[float, float] | None) -> None:
    if size_mm:
        section.page_width, section.page_height = (Mm(m) for m in size_mm)
    if margins_mm:
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
            Mm(m) for m in margins_mm)


def to_bytes(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_docx(paragraphs: list[str | dict[str, Any]],
               numbering: list[tuple[str, str]] | None = None,
               margins_mm: tuple[float, float, float, float] | None = None,
               page_numbers: bool | str = False) -> bytes:
    """A .docx with these paragraphs. `numbering` (default REPORT_LEVELS) backs the `level` key."""
    doc = new_document(margins_mm, page_numbers)
    report_num = add_numbering(doc, numbering or REPORT_LEVELS)
    rev = [0]
    for spec in paragraphs:
        _add(doc, spec, report_num, rev)
    return to_bytes(doc)


# GB/T 9704-2012: the title in 小标宋 二号, headings 黑体 / 楷体 / 仿宋 (by level), body 仿宋, all
# 三号 16 pt, lines at a fixed 28.9 pt (22 a page), first lines indented two characters, A4 with
# margins 37/35/28/26 mm, page numbers "— 1 —".
GBT_MARGINS_MM = (37, 35, 28, 26)
GBT_TITLE_FONT = "方正小标宋简体"
GBT_HEADING_FONTS = ("黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312")
GBT_BODY_FONT = "仿宋_GB2312"
_RUN_KEYS = ("east_asia", "font", "size", "bold")
_SPACING_KEYS = ("line_pt", "line_at_least_pt", "line_multiple")
_INDENT_KEYS = ("first_line_chars", "first_line_pt")


def gbt_paragraph(text: str, *, title: bool = False, level: int | None = None) -> dict[str, Any]:
    """One paragraph as GB/T 9704 sets it: the title, a heading of `level` (0 = 一、; a run-in
    heading's text after its first 。 is body text, in the body font), or body text."""
    if title:
        return {"runs": [{"text": text, "east_asia": GBT_TITLE_FONT, "font": "Times New Roman", "size": 22}],
                "alignment": "center", "line_pt": 28}
    runs = [{"text": text, "east_asia": GBT_BODY_FONT, "font": "Times New Roman", "size": 16}]
    if level is not None:
        cut = text.index("。") + 1 if "。" in text[:-1] else len(text)
        runs = [{"text": text[:cut], "east_asia": GBT_HEADING_FONTS[min(level, 3)], "font": "Times New Roman",
                 "size": 16}]
        if text[cut:]:
            runs.append({"text": text[cut:], "east_asia": GBT_BODY_FONT, "font": "Times New Roman", "size": 16})
    return {"runs": runs, "line_pt": 28.9, "first_line_chars": 2}


def _gbt_spec(n: int, spec: str | dict[str, Any]) -> dict[str, Any]:
    """The GB/T layout of paragraph n (0 = the title), with what `spec` sets instead."""
    given = {"text": spec} if isinstance(spec, str) else dict(spec)
    text = given.get("text", "")
    if not text and "runs" not in given:
        return given  # an empty paragraph
    typed_level = split_typed_label(text, 3)[0]
    level = given.get("level", typed_level)
    out = gbt_paragraph(text, title=n == 0 and "level" not in given, level=level)
    if "runs" in given:
        out["runs"] = [dict(r) for r in given["runs"]]
    else:
        for run in out["runs"]:
            run.update({k: given[k] for k in _RUN_KEYS if k in given})
    for keys in (_SPACING_KEYS, _INDENT_KEYS):
        if any(k in given for k in keys):
            for k in keys:
                out.pop(k, None)
    out.update({k: v for k, v in given.items() if k not in (*_RUN_KEYS, "text", "runs", "start", "section")})
    return out


def gbt_docx(paragraphs: list[str | dict[str, Any]], *, numbering: list[tuple[str, str]] | None = None,
             margins_mm: tuple[float, float, float, float] = GBT_MARGINS_MM,
             size_mm: tuple[float, float] = (210, 297), page_numbers: bool | str = True,
             grid_pitch_pt: float | None = None) -> bytes:
    """A report laid out per GB/T 9704, changed only where told. Paragraph 1 is the title; a paragraph
    with a typed label (一、 （一） 1. （1）) or a `level` (Word automatic numbering of `numbering`,
    default REPORT_LEVELS) is a heading; the rest is body text. A paragraph dict may set any key of
    this module's docstring (its run keys apply to every run), and:
      start    Word numbering starts again at this number here (a new list instance, as Word makes
               for 重新开始于 / 设置编号值), so a gap, a repeat or a restart can be built;
      section  {margins_mm, size_mm}: a new Word section (a section break before this paragraph)."""
    doc = new_document(margins_mm, page_numbers, size_mm, grid_pitch_pt)
    levels = numbering or REPORT_LEVELS
    current = add_numbering(doc, levels)
    abstract = abstract_id_of(doc, current)
    rev = [0]
    for n, spec in enumerate(paragraphs):
        given = {"text": spec} if isinstance(spec, str) else spec
        if "section" in given:
            from docx.enum.section import WD_SECTION

            page = given["section"]
            _page_setup(doc.add_section(WD_SECTION.NEW_PAGE), page.get("margins_mm"), page.get("size_mm"))
        out = _gbt_spec(n, spec)
        if "start" in given:
            current = add_numbering(doc, levels, {given["level"]: given["start"]}, abstract_id=abstract)
        if "level" in given:
            out["num"] = (current, given["level"])
        _add(doc, out, current, rev)
    return to_bytes(doc)


def split_typed_label(line: str, max_level: int = 1) -> tuple[int | None, str, int]:
    """(level, rest, number) when `line` starts with a typed label of a level ≤ max_level,
    else (None, line, 0)."""
    stripped = line.lstrip(" \t\u3000")
    for level, pattern in _TYPED_LABEL[: max_level + 1]:
        m = pattern.match(stripped)
        if m:
            return level, stripped[m.end():], _label_number(m.group())
    return None, line, 0


def _label_number(label: str) -> int:
    digits = "".join(ch for ch in label if ch.isdigit())
    if digits:
        return int(digits.translate({0xFF10 + i: str(i) for i in range(10)}))
    value, current = 0, 0
    for ch in label:
        if ch in "〇一二三四五六七八九":
            current = "〇一二三四五六七八九".index(ch)
        elif ch in "十百":
            value += (current or 1) * (10 if ch == "十" else 100)
            current = 0
    return value + current


def docx_from_text(text: str, auto_numbering: bool = False, via_style: bool = False,
                   max_level: int = 1) -> bytes:
    """A .docx with one paragraph per line of `text`.

    With auto_numbering, leading typed labels 一、 (level 0) and （一） (level 1) — and 1. / （1）
    when max_level is 2 / 3 — are removed and replaced by Word automatic numbering, so a reader
    must render the labels itself to get the same tree. Where the typed number is not the one
    Word would show next (a gap, a repeat, a restart), a new w:num with a startOverride keeps
    the typed number. via_style puts the numbering on paragraph styles instead of paragraphs."""
    doc = new_document()
    num_id = add_numbering(doc, REPORT_LEVELS)
    abstract = abstract_id_of(doc, num_id)
    level_styles = []
    if via_style:
        level_styles = [numbered_style(doc, f"报告标题{i + 1}", num_id, i).name for i in range(4)]
    counters: list[int | None] = [None] * 4
    current = num_id
    for line in text.replace("\r\n", "\n").split("\n"):
        level, rest, number = split_typed_label(line, max_level) if auto_numbering else (None, line, 0)
        p = doc.add_paragraph()
        if rest:
            p.add_run(rest)
        if level is None:
            continue
        expected = 1 if counters[level] is None else (counters[level] or 0) + 1
        if number != expected:
            current = add_numbering(doc, REPORT_LEVELS, {level: number}, abstract_id=abstract)
        counters[level] = number
        counters[level + 1:] = [None] * (3 - level)
        if via_style:
            p.style = doc.styles[level_styles[level]]
            if current != num_id:
                set_num_pr(p._p, current, None)
        else:
            set_num_pr(p._p, current, level)
    return to_bytes(doc)


def with_part(data: bytes, name: str, content: bytes | None) -> bytes:
    """A copy of a .docx with one zip entry replaced (None removes it); for hostile-input tests."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == name:
                continue
            dst.writestr(copy.copy(info), src.read(info.filename))
        if content is not None:
            dst.writestr(name, content)
    return out.getvalue()
