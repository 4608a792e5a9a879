"""DOCX reports: one `Paragraph` per `w:p` of the body, with Word's automatic labels and the
formatting Word would show.

The XML is walked with lxml directly (not python-docx): python-docx skips block-level content
controls, drops text in tracked insertions and fails on Strict OOXML and dangling relationships,
and building its objects per run is slow. Styles are resolved once per style id.

Conventions (documented for the parser and the format rules):
- `text` holds what a reader sees: w:t text, w:tab → "\\t", every w:br/w:cr → "\\n", deleted and
  moved-away text and text boxes left out, hidden runs (w:vanish) left out.
- `label` is the automatic-numbering label ("一、", "（一）"); bullets give "".
- `style.runs` holds one dict per text-bearing run: text, start (offset in `text`),
  east_asia_font, ascii_font, size_pt, bold.
- `style.first_line_indent_chars` comes from w:firstLineChars when present, else it is derived
  from the indent in points and the font size.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from lxml import etree

from ..errors import ReadError
from ..limits import LIMITS
from ..model import Paragraph, Source, StyleFacts
from .docx_safety import MalformedPart, Package, open_package
from .numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

MAX_PARAGRAPHS = LIMITS.paragraphs
MAX_RUNS = LIMITS.runs
MAX_CHARS = LIMITS.chars
MAX_PARAGRAPH_CHARS = LIMITS.line_chars

_P, _TBL, _R = W + "p", W + "tbl", W + "r"
_PPR, _RPR, _VAL = W + "pPr", W + "rPr", W + "val"
_T, _TAB, _BREAK = W + "t", (W + "tab", W + "ptab"), (W + "br", W + "cr")
_CONTAINERS = {W + t for t in ("tr", "tc", "sdt", "sdtContent", "customXml")}
# inline containers whose runs are part of the paragraph text
_SKIP_INLINE = {W + t for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "customXmlPr",
                                "smartTagPr", "txbxContent")}
_HEADING_NAME = re.compile(r"^\s*(?:heading|标题)\s*([1-9])\s*$", re.IGNORECASE)
_PAGE_FIELD = re.compile(r"(?<![A-Z])PAGE\b")
_SCRIPTS = {"zh-cn": "Hans", "zh-sg": "Hans", "zh-tw": "Hant", "zh-hk": "Hant", "zh-mo": "Hant",
            "ja-jp": "Jpan", "ko-kr": "Hang"}

# The children of a w:pPr / w:rPr that the reader looks at, by slot. `_children` finds the first
# child with each tag (what `find` returns) in one pass over the few children of a pPr or rPr,
# instead of one lxml find() per tag (Speed decisions in bench/RESULTS.md).
_PSTYLE, _JC, _SPACING, _IND, _OUTLINE, _NUMPR, _SECTPR = range(7)
_PPR_SLOTS = {W + t: i for i, t in enumerate(("pStyle", "jc", "spacing", "ind", "outlineLvl", "numPr", "sectPr"))}
_RSTYLE, _RFONTS, _SZ, _B, _VANISH = range(5)
_RPR_SLOTS = {W + t: i for i, t in enumerate(("rStyle", "rFonts", "sz", "b", "vanish"))}
_NUMPR_SLOTS = {W + "numId": 0, W + "ilvl": 1}


def _children(el: Any, slots: dict[str, int]) -> list[Any]:
    """The first child of `el` with each tag of `slots`, by slot (None when there is none)."""
    found: list[Any] = [None] * len(slots)
    for child in el:
        i = slots.get(child.tag)
        if i is not None and found[i] is None:
            found[i] = child
    return found


# --- public -----------------------------------------------------------------------------------


def read_docx(data: bytes, path: str) -> Source:
    """Read a .docx into a Source; every failure is a ReadError with one clear line."""
    try:
        return _read(data, path)
    except ReadError as exc:
        raise exc.at(path) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ReadError("damaged", f".docx 的 zip 数据损坏（{str(exc)[:120]}）", path) from None
    except NotImplementedError:
        raise ReadError("unsupported", "zip 使用了不支持的压缩方式", path) from None
    except etree.XMLSyntaxError as exc:
        raise ReadError("damaged", f".docx 的 XML 有误（{str(exc)[:120]}）", path) from None
    except RecursionError:
        raise ReadError("unsafe", "文档嵌套层次过深", path) from None
    except MemoryError:
        raise ReadError("too-large", "文档太大，内存中放不下", path) from None
    except Exception as exc:  # the contract: never a traceback for an input (SPEC §3)
        raise ReadError("damaged", f"读取 .docx 时出错（{type(exc).__name__}: {str(exc)[:100]}）", path) from None


def iter_body_paragraphs(body: Any) -> Iterator[tuple[Any, bool]]:
    """(w:p, in_table) for every paragraph of the body in document order (SPEC §2 "line" order).

    Paragraphs of text boxes, headers and footnotes are separate stories and not included."""
    stack: list[tuple[Iterator[Any], bool]] = [(iter(body), False)]
    while stack:
        children, in_table = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == _P:
            yield child, in_table
        elif tag == _TBL:
            stack.append((iter(child), True))
        elif tag in _CONTAINERS:
            stack.append((iter(child), in_table))
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is None:
                choice = child.find(MC + "Fallback")
            if choice is not None:
                stack.append((iter(choice), in_table))


def paragraph_runs(p: Any) -> list[Any]:
    """The w:r elements whose text a reader sees, in order (see module docstring)."""
    out: list[Any] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == _R:
            out.append(child)
        elif not isinstance(tag, str) or tag in _SKIP_INLINE:
            continue
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                stack.append(iter(choice))
        elif len(child):
            stack.append(iter(child))
    return out


def run_text(r: Any) -> str:
    """The visible text of one w:r (a phonetic guide shows its base text only)."""
    parts = []
    for child in r:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _TAB:
            parts.append("\t")
        elif tag in _BREAK:
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "sym":
            parts.append(sym_text(child))
        elif tag == W + "ruby":
            for base in child.iterfind(f"{W}rubyBase/{W}r"):
                parts.append(run_text(base))
    return "".join(parts)


def sym_text(sym: Any) -> str:
    """The character of a w:sym (hex w:char), or "" when it names none: not hex, past U+10FFFF,
    or a lone surrogate (D800), which no output encoding can write."""
    try:
        code = int(sym.get(W + "char") or "", 16)
    except ValueError:
        return ""
    return chr(code) if 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""


def text_runs(p: Any) -> list[tuple[Any, int, str]]:
    """(w:r, offset in the paragraph text, text) for every run that contributes text.

    This is exactly how `Paragraph.text` is built, so columns of findings map back to runs
    (for Word comments) by walking the same list on the python-docx element tree."""
    out, offset = [], 0
    for r, _, text in _visible_runs(p):
        out.append((r, offset, text))
        offset += len(text)
    return out


def _visible_runs(p: Any) -> Iterator[tuple[Any, list[Any] | None, str]]:
    """(w:r, the children of its w:rPr by _RPR_SLOTS or None, text) for every run with visible text."""
    for r in paragraph_runs(p):
        rpr = None
        for child in r:
            if child.tag == _RPR:
                rpr = _children(child, _RPR_SLOTS)
                break
        if rpr is not None and _on(rpr[_VANISH]):
            continue
        text = run_text(r)
        if text:
            yield r, rpr, text


# --- reading ----------------------------------------------------------------------------------


def _read(data: bytes, path: str) -> Source:
    pkg = open_package(data, path)
    root = pkg.xml(pkg.main)
    body = root.find(W + "body")
    if body is None:
        raise ReadError("damaged", "文档没有正文（w:body）", path)
    styles = _Styles(pkg)
    numbering = Numbering(_optional_xml(pkg, pkg.main, "numbering"), styles.numbering_styles)
    warnings: list[str] = []

    paragraphs: list[Paragraph] = []
    sections: list[dict[str, Any]] = []
    budget = _Budget(path)
    for p, in_table in iter_body_paragraphs(body):
        if len(paragraphs) >= MAX_PARAGRAPHS:
            raise ReadError("too-large", f"超过 {MAX_PARAGRAPHS:,} 段（REPORTLINT_MAX_PARAGRAPHS）", path)
        ppr, more_pprs = _ppr_of(p)
        pslots = _children(ppr, _PPR_SLOTS) if ppr is not None else None
        paragraphs.append(_paragraph(p, pslots, len(paragraphs) + 1, in_table, styles, numbering, budget))
        if not in_table:
            sect = pslots[_SECTPR] if pslots is not None else None
            if sect is None and more_pprs:
                sect = p.find(f"{W}pPr/{W}sectPr")
            if sect is not None:
                sections.append(_section(sect))
    final = body.find(W + "sectPr")
    if final is not None:
        sections.append(_section(final))
    if body.find(f".//{W}altChunk") is not None:
        warnings.append("embedded alt chunk (imported file) not analysed")
    warnings.extend(numbering.warnings)
    page_numbers = _page_numbers(pkg)
    if pkg.repaired:
        warnings.append("damaged package read anyway: " + "; ".join(pkg.repaired[:3]))
    facts = {
        "sections": sections,
        "has_page_numbers": bool(page_numbers),
        "page_numbers": page_numbers,  # each paragraph with a PAGE field, as shown: "— # —"
        "strict": pkg.strict,
        "repaired": list(pkg.repaired),
        "numbered_paragraphs": sum(1 for x in paragraphs if x.label),
    }
    return Source(path, "docx", paragraphs, encoding=None, warnings=warnings, facts=facts)


def _optional_xml(pkg: Package, part: str, kind: str) -> Any | None:
    targets = pkg.related(part, kind)
    return pkg.xml(targets[0]) if targets else None


def _lenient_xml(pkg: Package, part: str) -> Any | None:
    """Parts that only add detail (theme, settings, headers): a damaged one is skipped, noted."""
    try:
        return pkg.xml(part)
    except MalformedPart as exc:
        pkg.repaired.append(f"skipped {exc.message}")
        return None


def _ppr_of(p: Any) -> tuple[Any | None, bool]:
    """The paragraph's first w:pPr (what find() returns) and whether it has another one."""
    first = None
    for child in p:
        if child.tag == _PPR:
            if first is not None:
                return first, True
            first = child
    return first, False


class _Budget:
    """The runs and characters read so far, against their limits: a hostile body (a million
    one-character runs, a paragraph of ten million characters, labels thousands of characters
    long) is refused while it is read, before its runs and paragraphs take the memory."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.runs = 0
        self.chars = 0

    def run(self, line: int, chars: int, paragraph_chars: int) -> None:
        """Count one run of `chars` characters, its paragraph (number `line`) now `paragraph_chars` long."""
        self.runs += 1
        if self.runs > MAX_RUNS:
            raise ReadError("too-large", f"文字块（w:r）超过 {MAX_RUNS:,} 个的上限（第 {line} 段；REPORTLINT_MAX_RUNS）",
                            self.path)
        if paragraph_chars > MAX_PARAGRAPH_CHARS:
            raise ReadError("too-large", f"第 {line} 段超过单段 {MAX_PARAGRAPH_CHARS:,} 个字符的上限"
                            "（REPORTLINT_MAX_LINE_CHARS）", self.path)
        self.text(line, chars)

    def text(self, line: int, chars: int) -> None:
        """Count `chars` characters of paragraph `line` (its runs' text, or its automatic label)."""
        self.chars += chars
        if self.chars > MAX_CHARS:
            raise ReadError("too-large", f"文字超过 {MAX_CHARS:,} 个字符的上限（读到第 {line} 段；REPORTLINT_MAX_CHARS）",
                            self.path)


def _paragraph(p: Any, pslots: list[Any] | None, line: int, in_table: bool, styles: _Styles,
               numbering: Numbering, budget: _Budget) -> Paragraph:
    """One w:p; `pslots` are the children of its first w:pPr by _PPR_SLOTS (None without pPr)."""
    style_id = None
    if pslots is not None and pslots[_PSTYLE] is not None:
        style_id = pslots[_PSTYLE].get(_VAL)
    style_id = styles.paragraph_style_id(style_id)
    pprops = dict(styles.ppr(style_id))
    if pslots is not None:
        _apply_ppr(pprops, pslots)

    texts: list[str] = []
    runs: list[dict[str, Any]] = []
    offset = 0
    for _, rslots, text in _visible_runs(p):
        budget.run(line, len(text), offset + len(text))
        runs.append({"text": text, "start": offset, **styles.direct_run_facts(style_id, rslots)})
        texts.append(text)
        offset += len(text)
    text = "".join(texts)

    label = ""
    num_id, ilvl = pprops.get("num_id"), pprops.get("ilvl")
    if num_id:
        label = numbering.label(num_id, ilvl, style_id)
        budget.text(line, len(label))
        level = numbering.last_level
        if level is not None and level.ppr is not None:
            # a numbering level's indents sit between the style and the paragraph's own pPr
            pprops = dict(styles.ppr(style_id))
            _merge_ppr(pprops, level.ppr, indent_only=True)
            if pslots is not None:
                _apply_ppr(pprops, pslots)

    first = next((r for r in runs if r["text"].strip()), runs[0] if runs else None)
    if first is None:
        first = styles.run_facts(styles.rpr(style_id, None))
    return Paragraph(
        text=text,
        line=line,
        label=label,
        outline_level=styles.outline_level(style_id, pprops),
        in_table=in_table,
        style=_facts(styles.name(style_id), first, pprops, runs),
    )


def _facts(name: str | None, first: dict[str, Any], pprops: dict[str, Any], runs: list[dict[str, Any]]) -> StyleFacts:
    size = first.get("size_pt")
    rule = pprops.get("line_rule") or "auto"
    line = pprops.get("line")
    facts = StyleFacts(
        style_name=name,
        east_asia_font=first.get("east_asia_font"),
        ascii_font=first.get("ascii_font"),
        size_pt=size,
        bold=first.get("bold"),
        alignment=pprops.get("jc"),
        line_spacing_rule=rule,
        runs=runs,
    )
    if line is not None:
        if rule == "auto":
            facts.line_spacing_multiple = round(line / 240, 3)
        else:
            facts.line_spacing_pt = round(line / 20, 2)
    else:
        facts.line_spacing_multiple = 1.0
    chars = pprops.get("ind_chars")
    twips = pprops.get("ind_first")
    if chars is not None:
        facts.first_line_indent_chars = chars / 100
        if size:
            facts.first_line_indent_pt = round(chars / 100 * size, 2)
    elif twips is not None:
        facts.first_line_indent_pt = twips / 20
        if size:
            facts.first_line_indent_chars = round(twips / 20 / size, 2)
    return facts


# --- styles -----------------------------------------------------------------------------------


def _on(el: Any) -> bool:
    """A w:b / w:vanish style toggle: present and not switched off."""
    return el is not None and (el.get(W + "val") or "true").lower() not in ("0", "false", "off", "none")


def _int(value: str | None) -> int | None:
    """An integer attribute; Strict OOXML may write measures with units ("12pt"). A value that is
    not a number ("1.2.3") or does not fit the 32 bits OOXML gives it ("9" * 400) counts as absent,
    like any other attribute Word would not understand."""
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        m = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|in|cm|mm|pc|pi)?\s*", value)
        if not m:
            return None
        factor = {None: 1, "pt": 20, "in": 1440, "cm": 1440 / 2.54, "mm": 144 / 2.54, "pc": 240, "pi": 240}
        try:
            number = round(float(m.group(1)) * factor[m.group(2)])
        except (ValueError, OverflowError):
            return None
    return number if -(2**31) <= number < 2**31 else None


def _merge_rpr(props: dict[str, Any], rpr: Any) -> None:
    """Overlay the run properties that reportlint reports (fonts, size, bold) onto `props`."""
    _apply_rpr(props, _children(rpr, _RPR_SLOTS))


def _apply_rpr(props: dict[str, Any], slots: list[Any]) -> None:
    """_merge_rpr on the children of an rPr already found by _RPR_SLOTS."""
    fonts = slots[_RFONTS]
    if fonts is not None:
        for slot in ("eastAsia", "ascii"):
            theme, name = fonts.get(W + slot + "Theme"), fonts.get(W + slot)
            if theme:
                props[slot] = ("theme", theme)
            elif name:
                props[slot] = ("name", name)
    sz = slots[_SZ]
    if sz is not None:
        half = _int(sz.get(_VAL))
        if half is not None:
            props["sz"] = half
    b = slots[_B]
    if b is not None:
        props["b"] = _on(b)


def _merge_ppr(props: dict[str, Any], ppr: Any, indent_only: bool = False) -> None:
    """Overlay the paragraph properties reportlint reports onto `props` (numPr field by field)."""
    slots = _children(ppr, _PPR_SLOTS)
    if indent_only:
        _apply_ind(props, slots[_IND])
    else:
        _apply_ppr(props, slots)


def _apply_ppr(props: dict[str, Any], slots: list[Any]) -> None:
    """_merge_ppr on the children of a pPr already found by _PPR_SLOTS."""
    jc = slots[_JC]
    if jc is not None and jc.get(_VAL):
        props["jc"] = {"start": "left", "end": "right"}.get(jc.get(_VAL), jc.get(_VAL))
    spacing = slots[_SPACING]
    if spacing is not None:
        line = _int(spacing.get(W + "line"))
        if line is not None:
            props["line"] = line
            props["line_rule"] = spacing.get(W + "lineRule") or "auto"
    _apply_ind(props, slots[_IND])
    outline = slots[_OUTLINE]
    if outline is not None:
        level = _int(outline.get(_VAL))
        if level is not None:
            props["outline"] = level
    numpr = slots[_NUMPR]
    if numpr is not None:
        num_id, ilvl = _children(numpr, _NUMPR_SLOTS)
        if num_id is not None and _int(num_id.get(_VAL)) is not None:
            props["num_id"] = _int(num_id.get(_VAL))
        if ilvl is not None and _int(ilvl.get(_VAL)) is not None:
            props["ilvl"] = _int(ilvl.get(_VAL))


def _apply_ind(props: dict[str, Any], ind: Any | None) -> None:
    """First-line indent (w:ind): twips (negative = hanging) and hundredths of a character."""
    if ind is None:
        return
    first, hanging = _int(ind.get(W + "firstLine")), _int(ind.get(W + "hanging"))
    first_c, hanging_c = _int(ind.get(W + "firstLineChars")), _int(ind.get(W + "hangingChars"))
    if first_c is not None or hanging_c is not None:
        chars = -hanging_c if hanging_c else (first_c or 0)
        props["ind_chars"] = chars or None  # 0 characters: the twips value applies
    elif first is not None or hanging is not None:
        props["ind_chars"] = None
    if hanging is not None:
        props["ind_first"] = -hanging
    elif first is not None:
        props["ind_first"] = first


class _Styles:
    """styles.xml, docDefaults and theme fonts, resolved once per style id."""

    def __init__(self, pkg: Package):
        self.styles: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_rpr: dict[str, Any] = {}
        self.default_ppr: dict[str, Any] = {}
        self.numbering_styles: dict[str, int] = {}
        self.theme: dict[str, str] = {}
        self._ppr: dict[str | None, dict[str, Any]] = {}
        self._rpr: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        self._run_facts: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._names: dict[str | None, str | None] = {}
        self._heading_levels: dict[str | None, int | None] = {}
        root = _optional_xml(pkg, pkg.main, "styles")
        if root is not None:
            self._load(root)
        self._load_theme(pkg)

    def _load(self, root: Any) -> None:
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
            if rpr is not None:
                _merge_rpr(self.default_rpr, rpr)
            ppr = defaults.find(f"{W}pPrDefault/{W}pPr")
            if ppr is not None:
                _merge_ppr(self.default_ppr, ppr)
        for st in root.findall(W + "style"):
            sid = st.get(W + "styleId")
            if sid is None:
                continue
            self.styles[sid] = st
            stype = st.get(W + "type")
            if stype == "paragraph" and _on_attr(st.get(W + "default")) and self.default_para is None:
                self.default_para = sid
            if stype == "numbering":
                num_id = st.find(f"{W}pPr/{W}numPr/{W}numId")
                if num_id is not None and _int(num_id.get(W + "val")) is not None:
                    self.numbering_styles[sid] = _int(num_id.get(W + "val")) or 0
        if self.default_para is None and "Normal" in self.styles:
            self.default_para = "Normal"

    def _load_theme(self, pkg: Package) -> None:
        targets = pkg.related(pkg.main, "theme")
        theme = _lenient_xml(pkg, targets[0]) if targets else None
        if theme is None:
            return
        script = "Hans"
        targets = pkg.related(pkg.main, "settings")
        settings = _lenient_xml(pkg, targets[0]) if targets else None
        if settings is not None:
            lang = settings.find(W + "themeFontLang")
            if lang is not None and lang.get(W + "eastAsia"):
                script = _SCRIPTS.get(lang.get(W + "eastAsia", "").lower(), script)
        for kind in ("major", "minor"):
            font = theme.find(f".//{A}{kind}Font")
            if font is None:
                continue
            latin, ea = font.find(A + "latin"), font.find(A + "ea")
            self.theme[kind + "HAnsi"] = self.theme[kind + "Ascii"] = (
                latin.get("typeface") if latin is not None else "") or ""
            east = ea.get("typeface") if ea is not None else ""
            if not east:
                for f in font.findall(A + "font"):
                    if f.get("script") == script:
                        east = f.get("typeface") or ""
            self.theme[kind + "EastAsia"] = east or ""

    def _chain(self, sid: str | None) -> list[Any]:
        """The style and its basedOn ancestors, base first."""
        chain: list[Any] = []
        seen: set[str] = set()
        while sid is not None and sid in self.styles and sid not in seen and len(chain) < 20:
            seen.add(sid)
            st = self.styles[sid]
            chain.append(st)
            based = st.find(W + "basedOn")
            sid = based.get(W + "val") if based is not None else None
        return chain[::-1]

    def paragraph_style_id(self, sid: str | None) -> str | None:
        return sid if sid in self.styles else self.default_para

    def name(self, sid: str | None) -> str | None:
        if sid not in self._names:
            st = self.styles.get(sid) if sid else None
            name = st.find(W + "name") if st is not None else None
            self._names[sid] = None if st is None else name.get(W + "val") if name is not None else sid
        return self._names[sid]

    def ppr(self, sid: str | None) -> dict[str, Any]:
        if sid not in self._ppr:
            props = dict(self.default_ppr)
            for st in self._chain(sid):
                ppr = st.find(W + "pPr")
                if ppr is not None:
                    _merge_ppr(props, ppr)
            self._ppr[sid] = props
        return self._ppr[sid]

    def rpr(self, para_sid: str | None, char_sid: str | None) -> dict[str, Any]:
        key = (para_sid, char_sid)
        if key not in self._rpr:
            props = dict(self.default_rpr)
            for sid in (para_sid, char_sid):
                for st in self._chain(sid):
                    rpr = st.find(W + "rPr")
                    if rpr is not None:
                        _merge_rpr(props, rpr)
            self._rpr[key] = props
        return self._rpr[key]

    def outline_level(self, sid: str | None, pprops: dict[str, Any]) -> int | None:
        level = pprops.get("outline")
        if level is not None:
            return level if 0 <= level <= 8 else None
        if sid not in self._heading_levels:
            self._heading_levels[sid] = self._heading_level(sid)
        return self._heading_levels[sid]

    def _heading_level(self, sid: str | None) -> int | None:
        """The level of the nearest style in the chain named "heading N" / "标题 N"."""
        for st in reversed(self._chain(sid)):
            name = st.find(W + "name")
            m = _HEADING_NAME.match(name.get(W + "val") or "") if name is not None else None
            if m:
                return int(m.group(1)) - 1
        return None

    def font(self, value: tuple[str, str] | None) -> str | None:
        if value is None:
            return None
        kind, name = value
        if kind == "theme":
            return self.theme.get(name) or None
        return name

    def direct_run_facts(self, para_sid: str | None, rslots: list[Any] | None) -> dict[str, Any]:
        """run_facts of a run in a paragraph of style `para_sid` with the rPr children `rslots`.

        Cached by the style ids and the raw values of the direct properties that _apply_rpr reads:
        a document repeats a handful of combinations over hundreds of runs."""
        if rslots is None:
            key: tuple[Any, ...] = (para_sid, None, None, None, None)
        else:
            rstyle, fonts, sz, b = rslots[_RSTYLE], rslots[_RFONTS], rslots[_SZ], rslots[_B]
            key = (
                para_sid,
                rstyle.get(_VAL) if rstyle is not None else None,
                None if fonts is None else (fonts.get(_EA_THEME), fonts.get(_EA), fonts.get(_ASCII_THEME),
                                            fonts.get(_ASCII)),
                None if sz is None else sz.get(_VAL),
                None if b is None else _on(b),
            )
        facts = self._run_facts.get(key)
        if facts is None:
            props = dict(self.rpr(para_sid, key[1]))
            if rslots is not None:
                _apply_rpr(props, rslots)
            facts = self._run_facts[key] = self.run_facts(props)
        return facts

    def run_facts(self, props: dict[str, Any]) -> dict[str, Any]:
        sz = props.get("sz")
        return {
            "east_asia_font": self.font(props.get("eastAsia")),
            "ascii_font": self.font(props.get("ascii")),
            "size_pt": sz / 2 if sz is not None else 10.0,
            "bold": bool(props.get("b", False)),
        }


_EA_THEME, _EA, _ASCII_THEME, _ASCII = (W + name for name in ("eastAsiaTheme", "eastAsia", "asciiTheme", "ascii"))


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


# --- sections and page numbers ------------------------------------------------------------------


def _mm(twips: int | None) -> float | None:
    return None if twips is None else round(twips * 25.4 / 1440, 1)


def _section(sect: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    size = sect.find(W + "pgSz")
    if size is not None:
        out["page_width_mm"] = _mm(_int(size.get(W + "w")))
        out["page_height_mm"] = _mm(_int(size.get(W + "h")))
        out["orientation"] = size.get(W + "orient") or "portrait"
    mar = sect.find(W + "pgMar")
    if mar is not None:
        for key in ("top", "bottom", "left", "right", "header", "footer", "gutter"):
            out[f"{key}_mm"] = _mm(_int(mar.get(W + key)))
        if out.get("left_mm") is None:  # Strict OOXML / bidi names
            out["left_mm"] = _mm(_int(mar.get(W + "start")))
            out["right_mm"] = _mm(_int(mar.get(W + "end")))
    grid = sect.find(W + "docGrid")
    if grid is not None:
        pitch = _int(grid.get(W + "linePitch"))
        out["doc_grid_type"] = grid.get(W + "type") or "default"
        out["doc_grid_line_pitch_pt"] = None if pitch is None else pitch / 20
        out["doc_grid_char_space"] = _int(grid.get(W + "charSpace"))
    return out


def _page_numbers(pkg: Package) -> list[str]:
    """The header and footer paragraphs holding a PAGE field, as shown, with "#" for the number
    ("— # —", "第#页", "#"): GB/T 9704 wants the number between dashes."""
    found = []
    for kind in ("header", "footer"):
        for part in dict.fromkeys(pkg.related(pkg.main, kind)):  # each part once, however often related
            root = _lenient_xml(pkg, part)
            if root is None:
                continue
            for p in root.iter(W + "p"):
                shown: list[str] = []
                if _shown_with_page(p, shown, []):
                    found.append("".join(shown).strip())
    return found


def _shown_with_page(node: Any, shown: list[str], fields: list[list]) -> bool:
    """Append the text `node` shows to `shown`, a PAGE field's result as "#"; True if it has one.
    `fields` is the stack of open complex fields (fldChar begin … separate … end): [code, separated];
    other fields show their result (Page 1 of 3)."""
    page = False
    for el in node:
        tag = el.tag
        if tag == W + "fldSimple":
            if _PAGE_FIELD.search((el.get(W + "instr") or "").upper()):
                shown.append("#")
                page = True
            else:
                page |= _shown_with_page(el, shown, fields)
        elif tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                fields.append(["", False])
            elif kind == "separate" and fields:
                fields[-1][1] = True
            elif kind == "end" and fields:
                if _PAGE_FIELD.search(fields.pop()[0].upper()):
                    shown.append("#")
                    page = True
        elif tag == W + "instrText":
            if fields:
                fields[-1][0] += el.text or ""
        elif tag == W + "t":
            if not fields or (fields[-1][1] and not _PAGE_FIELD.search(fields[-1][0].upper())):
                shown.append(el.text or "")
        elif tag in (W + "r", W + "hyperlink", W + "smartTag", W + "ins", W + "sdt", W + "sdtContent"):
            page |= _shown_with_page(el, shown, fields)
    return page
