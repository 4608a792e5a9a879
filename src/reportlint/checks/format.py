"""DOCX format rules (RL401–RL408): GB/T 9704-2012 fonts, sizes, line spacing, indents, page setup,
page numbers, and the punctuation after （一）/（1） (DOMAIN §d).

The DOCX reader resolves every run's effective fonts and size (run → character style → paragraph
style → docDefaults → theme) into `Paragraph.style`, and page setup into `source.facts`; these rules
only compare. Font names are compared through the families in `rules/vocab/fonts.toml`
(仿宋_GB2312 = 仿宋 = FangSong …); the East Asian font is what counts for Chinese characters, so a
run whose Latin font is Times New Roman is fine as long as its CJK text is in the expected family.

When they apply (RL401–RL407; RL408 is about labels and applies to every file): a clerk's Word
draft in Word's own fonts and margins is not a 公文 and is not held to GB/T 9704 — a plain `check`
of it gives the content findings only. The layout rules check a DOCX when the profile asks for 公文
layout (each rule's option `apply = "always"`; the `gbt9704` profile sets it, and so can a project
configuration) or when the file shows it is meant to be a 公文: its title in 小标宋, most of its body
in 仿宋, or GB/T 9704 margins (`[gongwen]` in rules/vocab/fonts.toml; `set_for_gongwen`). Such a
file is then told everything that is off, the body font included.

Aggregation (all paragraph rules): a reviewer must not get 200 identical findings, nor ten findings
of the same spacing in ten parts. Each rule gives at most one finding per kind of defect (font, size,
line spacing, indent; paper, margins) for the whole file, located on the first paragraph that shows
it and listing where: “行距为 固定值 22 磅（第 3、5、8、9、11…段，共 42 段），应为固定值 28–29.5 磅”.
Different values found, or headings of different levels held to different fonts, are listed side by
side in that one finding. And every output lists a file's content findings before its layout
findings (`Finding.sort_key`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ..chars import HAN_ALL_PLANES, LABEL_PUNCT
from ..findings import Severity
from ..model import Document, Paragraph, Section, Span
from ..resources import vocab
from . import Context, Hit, rule


@functools.cache
def _ideograph() -> re.Pattern[str]:
    """Compiled for the first run in a wrong font: only DOCX inputs need it (Speed decisions in
    bench/RESULTS.md)."""
    return re.compile(f"[{HAN_ALL_PLANES}]")


_SUFFIX = re.compile(r"[_\-]?(gb2312|gbk|gb18030)$")
_SIZE_TOLERANCE = 0.25


# --- font names ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def normalize_font(name: str) -> str:
    """仿宋_GB2312 → 仿宋, ＦａｎｇＳｏｎｇ → fangsong: the form font names are compared in."""
    key = unicodedata.normalize("NFKC", name).casefold().replace(" ", "").strip()
    return _SUFFIX.sub("", key)


def _families() -> dict[str, dict[str, Any]]:
    return vocab("fonts").get("families", {})


def resolve_family(name: str) -> tuple[str, set[str]]:
    """(display name, normalized names) of the family `name` belongs to (a key or any member)."""
    norm = normalize_font(name)
    for key, fam in _families().items():
        members = {normalize_font(n) for n in fam.get("names", [])}
        if norm == normalize_font(key) or norm in members:
            return fam.get("display", name), members | {normalize_font(key)}
    return name, {norm}


def expected_fonts(names: Iterable[str]) -> tuple[str, set[str]]:
    """The display name (of the first) and every accepted normalized name for a font option."""
    display, accepted = "", set()
    for n in names:
        d, members = resolve_family(n)
        display = display or d
        accepted |= members
    return display, accepted


def size_name(pt: float) -> str:
    """16 → 三号 16 磅; 12.5 → 12.5 磅."""
    for name, value in vocab("fonts").get("sizes", {}).items():
        if abs(float(value) - pt) < 0.01:
            return f"{name} {_num(pt)} 磅"
    return f"{_num(pt)} 磅"


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


# --- what the rules look at ---------------------------------------------------------------------


class _Element:
    """A located piece of a paragraph (title line, heading, body text) and its part."""

    __slots__ = ("end", "paragraph", "part", "section", "start", "what")

    def __init__(self, what: str, part: str, paragraph: Paragraph, start: int, end: int,
                 section: Section | None = None) -> None:
        self.what = what  # 标题 / 一级标题 / 正文 …
        self.part = part
        self.paragraph = paragraph
        self.start = start  # 0-based offsets in paragraph.text, end exclusive
        self.end = end
        self.section = section

    def runs(self) -> list[tuple[dict[str, Any], str]]:
        """(run facts, the run's text inside this element) for every overlapping run."""
        out = []
        for run in (self.paragraph.style.runs if self.paragraph.style else []):
            a, b = run.get("start", 0), run.get("start", 0) + len(run.get("text", ""))
            lo, hi = max(a, self.start), min(b, self.end)
            if lo < hi:
                out.append((run, run["text"][lo - a:hi - a]))
        return out


def _paragraphs(doc: Document) -> dict[int, Paragraph]:
    return {p.line: p for p in doc.source.paragraphs} if doc.source else {}


def _top(section: Section) -> Section:
    while section.parent is not None:
        section = section.parent
    return section


def _part_name(section: Section | None) -> str:
    if section is None:
        return "前言"
    top = _top(section)
    return (top.label + top.heading)[:20]


def _span_element(paras: dict[int, Paragraph], span: Span, what: str, part: str,
                  section: Section | None) -> _Element | None:
    p = paras.get(span.line)
    if p is None or p.in_table:
        return None
    end = span.end_column if span.end_line == span.line else len(p.text)
    return _Element(what, part, p, span.column - 1, end, section)


def title_elements(doc: Document) -> Iterator[_Element]:
    paras = _paragraphs(doc)
    for span in doc.title_lines:
        el = _span_element(paras, span, "标题", "标题", None)
        if el is not None:
            yield el


_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


def heading_elements(doc: Document) -> Iterator[_Element]:
    paras = _paragraphs(doc)
    for s in doc.walk():
        p = paras.get(s.line)
        if p is None or p.in_table or not s.heading:
            continue
        start = (s.heading_column or s.column) - 1 if s.auto_label else s.column - 1
        end = s.end_column if s.end_line == s.line else len(p.text)
        yield _Element(_LEVEL_NAMES.get(s.level, f"{s.level}级标题"), _part_name(s), p, start, end, s)


def body_elements(doc: Document) -> Iterator[_Element]:
    paras = _paragraphs(doc)
    for span in doc.preamble:
        el = _span_element(paras, span, "正文", "前言", None)
        if el is not None:
            yield el
    for s in doc.walk():
        for span in s.body:
            if span.text.strip():
                el = _span_element(paras, span, "正文", _part_name(s), s)
                if el is not None:
                    yield el


_MARGINS = (("top", "上"), ("bottom", "下"), ("left", "左"), ("right", "右"))


# --- whether the layout rules apply -------------------------------------------------------------


def applies(ctx: Context) -> bool:
    """RL401–RL407 check a DOCX when the profile asks for 公文 layout (the rule's option `apply =
    "always"`, as the gbt9704 profile sets it) or when the file shows it is meant to be a 公文
    (`set_for_gongwen`); a Word draft in Word's own fonts and margins is not held to GB/T 9704."""
    return ctx.options.get("apply") == "always" or ctx.shared("format.gongwen", lambda: set_for_gongwen(ctx.doc))


def set_for_gongwen(doc: Document) -> bool:
    """Whether a DOCX shows its writer set it as a 公文: the title in a 小标宋 font, most of the body's
    Chinese characters in a 仿宋 font, or GB/T 9704 margins (`[gongwen]` in rules/vocab/fonts.toml)."""
    signs = vocab("fonts").get("gongwen", {})
    if _share(title_elements(doc), signs.get("title_fonts", [])) >= 0.5:
        return True
    if _share(body_elements(doc), signs.get("body_fonts", [])) >= float(signs.get("body_share", 0.5)):
        return True
    sections = (doc.source.facts.get("sections") if doc.source else None) or []
    want, tol = signs.get("margins_mm"), float(signs.get("margin_tolerance_mm", 1.0))
    if not sections or not want:
        return False
    found = [sections[0].get(f"{k}_mm") for k, _ in _MARGINS]
    return None not in found and all(abs(abs(v) - w) <= tol for v, w in zip(found, want, strict=True))


def _share(elements: Iterable[_Element], families: list[str]) -> float:
    """The share of the elements' Chinese characters whose East Asian font is in `families`."""
    _, accepted = expected_fonts(families)
    total = matched = 0
    for el in elements:
        for run, text in el.runs():
            n = len(_ideograph().findall(text))
            total += n
            font = run.get("east_asia_font")
            if n and font and normalize_font(font) in accepted:
                matched += n
    return matched / total if total else 0.0


# --- aggregation --------------------------------------------------------------------------------


class Aggregate:
    """One finding per kind of defect (font, size, spacing, indent) for the whole file, saying what
    was found where: “正文字体为 宋体（第 2、5、8、9、11…段，共 42 段），应为 仿宋_GB2312（三号 16 磅）”.
    Paragraphs that differ in what they are (一级标题, 二级标题) or in what was found (宋体, 黑体) are
    listed side by side in that one finding; see the module docstring."""

    def __init__(self) -> None:
        # kind → (what, expectation) → found → the elements that show it, in document order
        self.kinds: dict[str, dict[tuple[str, str], dict[str, list[_Element]]]] = {}

    def add(self, el: _Element, kind: str, found: str, expect: str, what: str | None = None) -> None:
        by_found = self.kinds.setdefault(kind, {}).setdefault((what if what is not None else el.what, expect), {})
        by_found.setdefault(found, []).append(el)

    def hits(self) -> Iterator[Hit]:
        for kind, groups in self.kinds.items():
            noun = _NOUNS[kind]
            alone = len(groups) == 1 and sum(len(by_found) for by_found in groups.values()) == 1
            said = []
            for (what, expect), by_found in groups.items():
                found = "、".join(f"{value}{_where(sorted({e.paragraph.line for e in els}), alone)}"
                                 for value, els in by_found.items())
                said.append(f"{what}{noun}为 {found}，应为 {expect}")
            el = min((e for by_found in groups.values() for els in by_found.values() for e in els),
                     key=lambda e: e.paragraph.line)
            text = el.paragraph.text[el.start:el.end]
            yield Hit("；".join(said), el.paragraph.line, el.start + 1, el.paragraph.line, max(el.end, el.start + 1),
                      el.section.path if el.section is not None else None, text[:60])


_NOUNS = {"font": "字体", "size": "字号", "spacing": "行距", "indent": "首行缩进"}
_LISTED = 5  # paragraph numbers named in a message before “…”


def _where(lines: list[int], alone: bool, unit: str = "段") -> str:
    """“（第 3、5、8、9、11…段，共 42 段）”: where a defect was seen; nothing for the only paragraph of
    a finding (its location says it)."""
    if alone and len(lines) == 1:
        return ""
    shown = "、".join(str(n) for n in lines[:_LISTED])
    if len(lines) > _LISTED:
        return f"（第 {shown}…{unit}，共 {len(lines)} {unit}）"
    return f"（第 {shown} {unit}）"


@functools.lru_cache(maxsize=64)
def _expectation(fonts: tuple[str, ...], size_pt: float) -> tuple[frozenset[str], str]:
    """(accepted normalized font names, "仿宋_GB2312（三号 16 磅）"): the same for every paragraph
    a rule compares, so worked out once, not once per paragraph."""
    display, accepted = expected_fonts(fonts)
    return frozenset(accepted), f"{display}（{size_name(size_pt)}）"


def _font_and_size(agg: Aggregate, el: _Element, fonts: list[str], size_pt: float, what: str | None = None) -> None:
    """Compare the East Asian font of the element's CJK text and the size of all its text."""
    what = what or el.what
    accepted, expect = _expectation(tuple(fonts), size_pt)
    wrong_fonts: dict[str, int] = {}
    wrong_sizes: dict[float, int] = {}
    for run, text in el.runs():
        font = run.get("east_asia_font")
        if font and normalize_font(font) not in accepted:
            n_cjk = len(_ideograph().findall(text))  # only Chinese characters show the East Asian font
            if n_cjk:
                wrong_fonts[font] = wrong_fonts.get(font, 0) + n_cjk
        size = run.get("size_pt")
        visible = len(text.strip())
        if visible and size is not None and abs(size - size_pt) > _SIZE_TOLERANCE:
            wrong_sizes[size] = wrong_sizes.get(size, 0) + visible
    if wrong_fonts:
        found = max(wrong_fonts, key=lambda f: wrong_fonts[f])
        agg.add(el, "font", found, expect, what)
    if wrong_sizes:
        found_size = max(wrong_sizes, key=lambda s: wrong_sizes[s])
        agg.add(el, "size", size_name(found_size), expect, what)


# --- rules --------------------------------------------------------------------------------------


@rule("RL401", "title-font", scope="document", formats=("docx",),
      options={"apply": "auto", "fonts": ["方正小标宋简体"], "size_pt": 22.0})
def title_font(ctx: Context) -> Iterator[Hit]:
    """The title is set in 小标宋 at 二号 (22 pt) (GB/T 9704 §7.2).

    Looks at the East Asian font of the title's Chinese characters (as Word resolves it: run,
    character style, paragraph style, document defaults, theme) and the size of all its text.
    Options: `fonts` (accepted families or names; names in one family of rules/vocab/fonts.toml
    are equivalent: 方正小标宋简体 = 方正小标宋_GBK = 小标宋), `size_pt` (22.0), `apply` ("auto": only a
    DOCX set for 公文; "always": every DOCX, as the gbt9704 profile asks; module docstring).
    One finding per kind of defect (font, size) for the whole title, listing its lines.

    Bad (DOCX: the title in 宋体 小二, 18 pt):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        → 标题字体为 宋体，应为 方正小标宋简体（二号 22 磅）
        → 标题字号为 小二 18 磅，应为 方正小标宋简体（二号 22 磅）
    Good (DOCX as GB/T 9704 sets it: the title in 方正小标宋简体 二号, 22 pt, bold or not):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
    """
    if not applies(ctx):
        return
    agg = Aggregate()
    for el in title_elements(ctx.doc):
        _font_and_size(agg, el, ctx.options["fonts"], ctx.options["size_pt"])
    yield from agg.hits()


@rule("RL402", "heading-font", scope="document", formats=("docx",),
      options={"apply": "auto", "level1_fonts": ["黑体"], "level2_fonts": ["楷体_GB2312"], "level3_fonts": ["仿宋_GB2312"],
               "level4_fonts": ["仿宋_GB2312"], "size_pt": 16.0})
def heading_font(ctx: Context) -> Iterator[Hit]:
    """Headings use 黑体 (一、), 楷体 (（一）), 仿宋 (1. and （1）), all 三号 16 pt (GB/T 9704 §7.3.3).

    The level is the parsed section level (by label kind), not the Word style. For a run-in
    heading (`（一）政治意识不强。随着…`) only the label and heading text are checked; the rest
    of the paragraph is body text (RL403). Bold is allowed (many local rules add it).
    Options: `level1_fonts`, `level2_fonts`, `level3_fonts`, `level4_fonts` (accepted fonts per
    level), `size_pt` (16.0), `apply` ("auto" or "always", as for title-font).
    One finding per kind of defect (font, size) for the whole file, every level and paragraph
    listed in it (module docstring).

    Bad (DOCX: the heading 一、存在的主要问题 in 宋体):
        关于2025年度组织生活会的对照检查材料
        一、存在的主要问题
        （一）在理论学习方面
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
        → 一级标题字体为 宋体，应为 黑体（三号 16 磅）
    Good (DOCX as GB/T 9704 sets it: 一、 in 黑体, （一） in 楷体_GB2312, both 16 pt):
        关于2025年度组织生活会的对照检查材料
        一、存在的主要问题
        （一）在理论学习方面
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
    """
    if not applies(ctx):
        return
    agg = Aggregate()
    size = ctx.options["size_pt"]
    for el in heading_elements(ctx.doc):
        level = el.section.level if el.section is not None else 1
        fonts = ctx.options.get(f"level{min(max(level, 1), 4)}_fonts") or ["仿宋_GB2312"]
        _font_and_size(agg, el, fonts, size)
    yield from agg.hits()


@rule("RL403", "body-font", scope="document", formats=("docx",),
      options={"apply": "auto", "fonts": ["仿宋_GB2312"], "size_pt": 16.0})
def body_font(ctx: Context) -> Iterator[Hit]:
    """Body text (the preamble and the text under every heading) is 仿宋 三号 16 pt (GB/T 9704 §5.2).

    Only the East Asian font of Chinese characters counts; digits and Latin letters may be in
    Times New Roman. Paragraphs inside tables are not checked.
    Options: `fonts` (accepted: 仿宋_GB2312 = 仿宋 = FangSong = 仿宋_GBK), `size_pt` (16.0), `apply`
    ("auto" or "always", as for title-font).
    One finding per kind of defect (font, size) for the whole file, on the first such paragraph,
    listing the paragraphs that share it.

    Bad (DOCX: the body in 宋体 小四, 12 pt):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        一、存在的主要问题
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
        → 正文字体为 宋体（第 2、4 段），应为 仿宋_GB2312（三号 16 磅）
        → 正文字号为 小四 12 磅（第 2、4 段），应为 仿宋_GB2312（三号 16 磅）
    Good (DOCX as GB/T 9704 sets it: the body in 仿宋_GB2312, 16 pt, digits in Times New Roman):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        一、存在的主要问题
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
    """
    if not applies(ctx):
        return
    agg = Aggregate()
    for el in body_elements(ctx.doc):
        _font_and_size(agg, el, ctx.options["fonts"], ctx.options["size_pt"])
    yield from agg.hits()


def _grid_lines(sect: dict[str, Any]) -> float | None:
    """Lines per page of a Word document grid, or None when there is no line grid."""
    if sect.get("doc_grid_type") not in ("lines", "linesAndChars", "snapToChars"):
        return None
    pitch = sect.get("doc_grid_line_pitch_pt")
    height, top, bottom = sect.get("page_height_mm"), sect.get("top_mm"), sect.get("bottom_mm")
    if not pitch or height is None or top is None or bottom is None:
        return None
    return (height - abs(top) - abs(bottom)) / 25.4 * 72 / pitch


def _spacing_text(st: Any) -> str:
    rule_ = st.line_spacing_rule or "auto"
    if rule_ == "exact" and st.line_spacing_pt is not None:
        return f"固定值 {_num(st.line_spacing_pt)} 磅"
    if rule_ == "atLeast" and st.line_spacing_pt is not None:
        return f"最小值 {_num(st.line_spacing_pt)} 磅"
    multiple = st.line_spacing_multiple or 1.0
    return "单倍行距" if abs(multiple - 1.0) < 0.01 else f"{_num(multiple)} 倍行距"


@rule("RL404", "line-spacing", scope="document", formats=("docx",),
      options={"apply": "auto", "min_pt": 28.0, "max_pt": 29.5, "grid_lines": 22, "grid_tolerance": 1.0})
def line_spacing(ctx: Context) -> Iterator[Hit]:
    """Lines are set at a fixed pitch of about 28–29.5 pt, i.e. 22 lines a page (GB/T 9704 §5.2.2).

    Accepted: line spacing "exactly" (固定值) or "at least" between `min_pt` and `max_pt`; or single
    spacing on a document grid of `grid_lines` (± `grid_tolerance`) lines per page (Word's
    页面设置 › 文档网格 › 指定行网格, computed from the grid pitch and the page's text height).
    Headings and body paragraphs are checked; the title is not.
    Options: `min_pt` (28.0), `max_pt` (29.5), `grid_lines` (22), `grid_tolerance` (1.0), `apply`
    ("auto" or "always", as for title-font). One finding for the whole file, listing each spacing
    found and its paragraphs.

    Bad (DOCX: the body at 1.5 lines, 1.5 倍行距):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        一、存在的主要问题
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
        → 行距为 1.5 倍行距（第 2、4 段），应为 固定值 28–29.5 磅（或每页 22 行的文档网格）
    Good (DOCX as GB/T 9704 sets it: every heading and body line at 固定值 28.9 磅):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        一、存在的主要问题
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
    """
    if not applies(ctx):
        return
    lo, hi = ctx.options["min_pt"], ctx.options["max_pt"]
    sections = (ctx.doc.source.facts.get("sections") if ctx.doc.source else None) or [{}]
    lines = _grid_lines(sections[-1])
    on_grid = lines is not None and abs(lines - ctx.options["grid_lines"]) <= ctx.options["grid_tolerance"]
    expect = f"固定值 {_num(lo)}–{_num(hi)} 磅（或每页 {ctx.options['grid_lines']} 行的文档网格）"
    agg = Aggregate()
    seen: set[int] = set()
    for el in (*heading_elements(ctx.doc), *body_elements(ctx.doc)):
        st = el.paragraph.style
        if st is None or el.paragraph.line in seen:
            continue
        seen.add(el.paragraph.line)
        rule_ = st.line_spacing_rule or "auto"
        if rule_ in ("exact", "atLeast") and st.line_spacing_pt is not None:
            if lo - 0.05 <= st.line_spacing_pt <= hi + 0.05:
                continue
        elif rule_ == "auto" and on_grid and (st.line_spacing_multiple or 1.0) <= 1.05:
            continue
        found = _spacing_text(st)
        agg.add(el, "spacing", found, expect, "")
    yield from agg.hits()


@rule("RL405", "first-line-indent", scope="document", formats=("docx",),
      options={"apply": "auto", "chars": 2.0, "tolerance_chars": 0.3})
def first_line_indent(ctx: Context) -> Iterator[Hit]:
    """Every body paragraph starts two characters in ("每个自然段左空二字，回行顶格", GB/T 9704 §5.2.2).

    The indent is Word's first-line indent in characters (首行缩进 2 字符, w:firstLineChars) or
    in points divided by the font size; leading full-width spaces (　　) count one character
    each. Centred and right-aligned paragraphs (signatures, dates) and table cells are skipped.
    Options: `chars` (2.0), `tolerance_chars` (0.3), `apply` ("auto" or "always", as for
    title-font). One finding for the whole file, listing each indent found and its paragraphs.

    Bad (DOCX: body paragraphs flush left, 首行缩进 0 字符):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        一、存在的主要问题
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
        → 首行缩进为 0 字符（第 2、4 段），应为 2 字符
    Good (DOCX as GB/T 9704 sets it: 首行缩进 2 字符):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        一、存在的主要问题
        一是学习不够系统，全年集中学习18次，有5次只传达文件。
    """
    if not applies(ctx):
        return
    want, tol = ctx.options["chars"], ctx.options["tolerance_chars"]
    agg = Aggregate()
    seen: set[int] = set()
    for el in body_elements(ctx.doc):
        p = el.paragraph
        st = p.style
        if st is None or p.line in seen or (st.alignment or "") in ("center", "right"):
            continue
        seen.add(p.line)
        chars = st.first_line_indent_chars or 0.0
        lead = len(p.text) - len(p.text.lstrip(" \u3000"))
        if lead:
            chars += sum(1.0 if ch == "\u3000" else 0.5 for ch in p.text[:lead])
        if abs(chars - want) <= tol:
            continue
        found = _num(round(chars, 1))
        agg.add(el, "indent", f"{found} 字符", f"{_num(want)} 字符", "")
    yield from agg.hits()


@rule("RL406", "page-setup", scope="document", formats=("docx",),
      options={"apply": "auto", "page_width_mm": 210.0, "page_height_mm": 297.0, "top_mm": 37.0, "bottom_mm": 35.0,
               "left_mm": 28.0, "right_mm": 26.0, "tolerance_mm": 1.0})
def page_setup(ctx: Context) -> Iterator[Hit]:
    """Paper is A4 portrait with margins top 37, bottom 35, left 28, right 26 mm (±1 mm) (GB/T 9704 §5.2.1).

    Checked for every Word section: one finding for the paper and one for the margins, naming the
    sections (第 2 节) when the document has several; the location is the document (line null).
    Options: `page_width_mm`, `page_height_mm`, `top_mm`, `bottom_mm`, `left_mm`, `right_mm`,
    `tolerance_mm`, `apply` ("auto" or "always", as for title-font).

    Bad (DOCX: Word's default margins, 25.4 mm top and bottom, 31.8 mm left and right):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        → 页边距为 上 25.4、下 25.4、左 31.8、右 31.8 mm，应为 上 37、下 35、左 28、右 26 mm（±1 mm）
    Good (DOCX as GB/T 9704 sets it: A4, margins 37/35/28/26 mm):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
    """
    if not applies(ctx):
        return
    o = ctx.options
    tol = o["tolerance_mm"]
    sections = (ctx.doc.source.facts.get("sections") if ctx.doc.source else None) or []
    papers: dict[str, list[int]] = {}  # what was found → the Word sections (1-based) that have it
    margins: dict[str, list[int]] = {}
    for n, sect in enumerate(sections, 1):
        w, h = sect.get("page_width_mm"), sect.get("page_height_mm")
        if w is not None and h is not None:
            if abs(w - o["page_width_mm"]) > tol or abs(h - o["page_height_mm"]) > tol:
                papers.setdefault(f"{_num(w)}×{_num(h)} mm", []).append(n)
        values = {k: sect.get(f"{k}_mm") for k, _ in _MARGINS}
        if any(v is None for v in values.values()):
            continue
        if all(abs(abs(values[k]) - o[f"{k}_mm"]) <= tol for k, _ in _MARGINS):
            continue
        margins.setdefault("、".join(f"{cn} {_num(abs(values[k]))}" for k, cn in _MARGINS) + " mm", []).append(n)
    several = len(sections) > 1  # then say which Word sections (节)

    def found(values: dict[str, list[int]]) -> str:
        return "、".join(f"{v}{_where(at, not several, '节')}" for v, at in values.items())

    if papers:
        yield ctx.hit_document(f"纸张为 {found(papers)}，应为 A4 纵向 {_num(o['page_width_mm'])}×{_num(o['page_height_mm'])} mm")
    if margins:
        want = "、".join(f"{cn} {_num(o[f'{k}_mm'])}" for k, cn in _MARGINS)
        yield ctx.hit_document(f"页边距为 {found(margins)}，应为 {want} mm（±{_num(tol)} mm）")


@rule("RL407", "page-numbers", scope="document", formats=("docx",), options={"apply": "auto"})
def page_numbers(ctx: Context) -> Iterator[Hit]:
    """The document has page numbers: a PAGE field in a header or footer (GB/T 9704 §7.5).

    GB/T 9704 wants 4号 半角宋体 Arabic numerals between dashes ("— 1 —"), odd pages right and
    even pages left; centred numbers are common and accepted. A number typed into the footer (no
    PAGE field) is no page number; a PAGE field shown without the dashes (第 1 页, a bare 1) is an
    info finding: 页码“第1页”两侧应各加一条一字线. The location is the document (line null).
    Option: `apply` ("auto" or "always", as for title-font).

    Bad (DOCX: no page number in the header or footer):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
        → 没有页码：页眉页脚中没有 PAGE 域，应插入页码（4 号半角阿拉伯数字，如“— 1 —”）
    Good (DOCX as GB/T 9704 sets it: a PAGE field in the footer between dashes, “— 1 —”):
        关于2025年度组织生活会的对照检查材料
        根据上级通知要求，现将对照检查情况报告如下。
    """
    if not applies(ctx):
        return
    facts = ctx.doc.source.facts if ctx.doc.source else {}
    if facts.get("has_page_numbers") is False:
        yield ctx.hit_document("没有页码：页眉页脚中没有 PAGE 域，应插入页码（4 号半角阿拉伯数字，如“— 1 —”）")
    shown = facts.get("page_numbers") or []
    if shown and not any(_DASHED_PAGE_NUMBER.fullmatch(s) for s in shown):
        hit = ctx.hit_document(f"页码“{shown[0].replace('#', '1')}”两侧应各加一条一字线，如“— 1 —”（GB/T 9704 7.5）")
        yield replace(hit, severity=Severity.INFO)


_DASHED_PAGE_NUMBER = re.compile(r"[—–―－\-一]+\s*#\s*[—–―－\-一]+")


@rule("RL408", "label-punctuation", scope="section", formats=("text", "docx"), options={})
def label_punctuation(ctx: Context, section: Section) -> Iterator[Hit]:
    """No punctuation after a bracketed label: `（一）政治…`, not `（一）、政治…` (GB/T 9704 §7.3.3).

    "第二层和第四层的标识符后不加任何标点": checks level-2 （一） and level-4 （1） labels, typed or
    Word automatic numbering, whose numbering format may carry the punctuation ("（%2）、"; the
    message then says 自动编号格式中多了标点). Applies to text files too.
    `reportlint check --fix` removes the punctuation from typed labels.

    Bad:
        一、存在的主要问题
        （一）、政治建设方面
        一是对审计发现的问题线索移送跟踪不够，今年移送的5条线索有2条没有跟进结果。
        → “（一）”后不应加“、”：应为“（一）政治建设方…”
    Good:
        一、存在的主要问题
        （一）政治建设方面
        一是对审计发现的问题线索移送跟踪不够，今年移送的5条线索有2条没有跟进结果。
    """
    if section.kind not in ("cn_paren", "ar_paren"):
        return
    label = section.label.strip()
    if section.auto_label and label and label[-1] in LABEL_PUNCT:
        yield ctx.hit_section(section, f"“{label[:-1]}”后不应加“{label[-1]}”（自动编号格式中多了标点）")
        return
    heading = section.heading
    if heading and heading[0] in LABEL_PUNCT and not section.auto_label:
        col = section.heading_column or (section.column + len(section.label))
        yield Hit(f"“{label}”后不应加“{heading[0]}”：应为“{label}{heading[1:6]}…”", section.line, col,
                  section.line, col, section.path, label + heading[:10])
