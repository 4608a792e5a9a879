"""Word automatic numbering (numbering.xml) rendered to the label Word shows ("一、", "（一）", "1.").

Word never stores the rendered label, so it is recomputed here, in document order, the way
DOCX-NOTES §2.2 describes: counters per abstractNum, startOverride once per numId, lvlRestart,
isLgl, numStyleLink. Bullets give the label "" (a bullet is not a section label).
"""

from __future__ import annotations

from typing import Any

from ..errors import ReadError
from ..limits import LIMITS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# --- number formats ---------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_LEGAL = "零壹貳參肆伍陸柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _cn_tens(n: int, digits: str, ten: str) -> str:
    """1..99 in the spoken form: 十, 十一, 二十, 二十一."""
    tens, units = divmod(n, 10)
    out = "" if tens == 0 else (ten if tens == 1 else digits[tens] + ten)
    return out + (digits[units] if units else "")


def _cn_positional(n: int, digits: str, units: str, zero: str, lead_one: bool = True) -> str:
    """1..9999 with place words (一千〇一十); zeros between digits collapse to one `zero`."""
    out: list[str] = []
    pending_zero = False
    for value, unit in zip((1000, 100, 10, 1), (*units, ""), strict=True):
        d = (n // value) % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        if d == 1 and unit and not lead_one:
            out.append(unit)
        else:
            out.append(digits[d] + unit)
    return "".join(out)


def _cn_thousand(n: int, digits: str, units: str, zero: str, ten: str) -> str:
    if n < 100:
        return _cn_tens(n, digits, ten)
    if n < 10000:
        return _cn_positional(n, digits, units, zero)
    high, low = divmod(n, 10000)
    if high >= 10000:
        return str(n)
    tail = "" if low == 0 else (zero if low < 1000 else "") + _cn_thousand(low, digits, units, zero, ten)
    return _cn_thousand(high, digits, units, zero, ten) + "万" + tail


def _digit_by_digit(n: int, digits: str) -> str:
    return "".join(digits[int(c)] for c in str(n))


def _letters(n: int, base: str) -> str:
    """A..Z, then AA..ZZ, AAA.. (Word repeats the letter). Past 50 letters, decimal: an absurd
    w:start (2147483647) would otherwise make a label of 82 million letters."""
    if n > 26 * 50:
        return str(n)
    return base[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _enclosed(n: int, first: int, last_n: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last_n else str(n)


def _fullwidth(n: int) -> str:
    return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in str(n))


def _chinese_counting(n: int) -> str:
    # Word (LIR009): 1..99 spoken form, from 100 digit by digit with ○ (U+25CB) as zero
    if n < 100:
        return _cn_tens(n, _CN_DIGITS, "十")
    return _digit_by_digit(n, "○一二三四五六七八九")


def format_number(n: int, fmt: str | None, custom: str | None = None) -> str:
    """The number `n` as numFmt `fmt` renders it; unknown formats fall back to decimal."""
    fmt = fmt or "decimal"
    if fmt == "none" or fmt == "bullet":
        return ""
    if n <= 0 and fmt not in ("decimal", "decimalZero"):
        return str(n)
    if fmt == "custom" and custom:
        return _custom(n, custom)
    if fmt in ("decimal", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}" if n >= 0 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return _fullwidth(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3220, 10)
    if fmt in ("chineseCounting", "taiwaneseCounting"):
        return _chinese_counting(n)
    if fmt == "chineseCountingThousand":
        return _cn_thousand(n, _CN_DIGITS, "千百十", "〇", "十")
    if fmt == "taiwaneseCountingThousand":
        return _cn_thousand(n, "零一二三四五六七八九", "千百十", "零", "十")
    if fmt == "chineseLegalSimplified":
        return _cn_legal(n, _CN_LEGAL, "仟佰拾")
    if fmt == "ideographLegalTraditional":
        return _cn_legal(n, _TW_LEGAL, "仟佰拾")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return _digit_by_digit(n, _CN_DIGITS)
    if fmt == "japaneseCounting":
        if n < 10000:
            return _cn_positional(n, _CN_DIGITS, "千百十", "", lead_one=False)
        return str(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[n - 1] if n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[n - 1] if n <= 12 else str(n)
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


def _cn_legal(n: int, digits: str, units: str) -> str:
    """Financial numerals: 壹, 壹拾, 壹拾壹, 贰拾, 壹佰〇壹 written with 零 [unverified against Word]."""
    if n >= 10000:
        return str(n)
    return _cn_positional(n, digits, units, digits[0])


def _custom(n: int, spec: str) -> str:
    """Word 2010 custom formats such as "001, 002, 003, ...": zero-pad to the sample's width."""
    sample = spec.split(",")[0].strip()
    if sample.isdigit():
        return str(n).zfill(len(sample))
    return str(n)


KNOWN_FORMATS = frozenset((
    "decimal", "decimalHalfWidth", "decimalZero", "decimalFullWidth", "decimalFullWidth2",
    "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "decimalEnclosedFullstop",
    "decimalEnclosedParen", "ideographEnclosedCircle", "chineseCounting", "taiwaneseCounting",
    "chineseCountingThousand", "taiwaneseCountingThousand", "chineseLegalSimplified",
    "ideographLegalTraditional", "ideographDigital", "taiwaneseDigital", "japaneseCounting",
    "ideographTraditional", "ideographZodiac", "upperLetter", "lowerLetter", "upperRoman",
    "lowerRoman", "none", "bullet", "custom",
))


def is_supported(fmt: str) -> bool:
    """Whether `format_number` renders `fmt` itself (others are shown as decimal)."""
    return fmt in KNOWN_FORMATS


# --- numbering.xml model ----------------------------------------------------------------------


class Level:
    __slots__ = ("custom", "fmt", "is_lgl", "ppr", "pstyle", "restart", "start", "text")

    def __init__(self) -> None:
        self.start = 0
        self.fmt = "decimal"
        self.text: str | None = None
        self.restart: int | None = None
        self.is_lgl = False
        self.pstyle: str | None = None
        self.custom: str | None = None
        self.ppr: Any = None  # the level's w:pPr (indents Word applies to numbered paragraphs)


class Num:
    __slots__ = ("abstract_id", "levels", "start_overrides")

    def __init__(self, abstract_id: str) -> None:
        self.abstract_id = abstract_id
        self.start_overrides: dict[int, int] = {}
        self.levels: dict[int, Level] = {}  # full lvl replacements


class Abstract:
    __slots__ = ("levels", "num_style_link", "single")

    def __init__(self, levels: dict[int, Level]) -> None:
        self.levels = levels
        self.single = False
        self.num_style_link: str | None = None


def _int(value: Any, default: int | None = None) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag)
    return None if child is None else child.get(W + "val")


def _parse_level(lvl: Any) -> Level:
    level = Level()
    level.start = _int(_val(lvl, "start"), 0) or 0
    fmt_el = lvl.find(W + "numFmt")
    if fmt_el is None:  # Word 2010 custom formats: mc:AlternateContent with a Choice and a Fallback
        for alt in lvl.iter(MC + "AlternateContent"):
            choice = alt.find(f"{MC}Choice/{W}numFmt")
            fallback = alt.find(f"{MC}Fallback/{W}numFmt")
            fmt_el = choice if choice is not None and choice.get(W + "format") else fallback
            break
    if fmt_el is not None:
        level.fmt = fmt_el.get(W + "val") or "decimal"
        level.custom = fmt_el.get(W + "format")
    text_el = lvl.find(W + "lvlText")
    if text_el is not None and text_el.get(W + "null") not in ("1", "true", "on"):
        level.text = text_el.get(W + "val")
        if level.text is not None and len(level.text) > LIMITS.label_chars:  # "%1" 5000 times: labels of 50 000 characters
            raise ReadError("unsafe", f"编号格式（w:lvlText）有 {len(level.text):,} 个字符，超过 {LIMITS.label_chars:,} 个的上限"
                            "（REPORTLINT_MAX_LABEL_CHARS）")
    level.restart = _int(_val(lvl, "lvlRestart"))
    lgl = lvl.find(W + "isLgl")
    level.is_lgl = lgl is not None and lgl.get(W + "val", "1") not in ("0", "false", "off")
    level.pstyle = _val(lvl, "pStyle")
    level.ppr = lvl.find(W + "pPr")
    return level


def _levels(parent: Any) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in parent.findall(W + "lvl"):
        ilvl = _int(lvl.get(W + "ilvl"), 0) or 0
        if 0 <= ilvl <= 8:
            out[ilvl] = _parse_level(lvl)
    return out


class Numbering:
    """The definitions of numbering.xml plus the running counters of one story (the body).

    `style_num_ids` maps a numbering style's id to its numId (for w:numStyleLink)."""

    def __init__(self, root: Any | None, style_num_ids: dict[str, int] | None = None):
        self.nums: dict[int, Num] = {}
        self.abstracts: dict[str, Abstract] = {}  # parsed on first use, see _abstract
        self._abstract_els: dict[str, Any] = {}
        self._definitions: dict[int, tuple[str, Abstract | None, dict[int, Level]]] = {}
        self.style_num_ids = style_num_ids or {}
        self.warnings: list[str] = []
        self._counters: dict[str, list[int | None]] = {}
        self._overridden: set[tuple[int, int]] = set()
        self.last_level: Level | None = None  # the level definition of the last label() call
        if root is None:
            return
        for el in root.findall(W + "abstractNum"):
            self._abstract_els[el.get(W + "abstractNumId", "")] = el
        for el in root.findall(W + "num"):
            num_id = _int(el.get(W + "numId"))
            abs_id = _val(el, "abstractNumId")
            if num_id is None or abs_id is None:
                continue
            num = Num(abs_id)
            for ov in el.findall(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0) or 0
                start = _int(_val(ov, "startOverride"))
                if start is not None:
                    num.start_overrides[ilvl] = start
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    num.levels[ilvl] = _parse_level(lvl)
            self.nums[num_id] = num

    def _abstract(self, abs_id: str) -> Abstract | None:
        """The abstractNum `abs_id`, parsed on first use: numbering.xml often carries hundreds of
        definitions (nine levels each) that no paragraph uses."""
        ab = self.abstracts.get(abs_id)
        if ab is None and abs_id in self._abstract_els:
            el = self._abstract_els[abs_id]
            ab = self.abstracts[abs_id] = Abstract(_levels(el))
            ab.single = _val(el, "multiLevelType") == "singleLevel"
            ab.num_style_link = _val(el, "numStyleLink")
        return ab

    def _abstract_of(self, num: Num) -> tuple[str, Abstract | None]:
        abs_id = num.abstract_id
        ab = self._abstract(abs_id)
        seen = set()
        while ab is not None and ab.num_style_link and abs_id not in seen:
            seen.add(abs_id)
            linked = self.nums.get(self.style_num_ids.get(ab.num_style_link, -1))
            if linked is None:
                break
            abs_id, ab = linked.abstract_id, self._abstract(linked.abstract_id)
        return abs_id, ab

    def _level_defs(self, num: Num, ab: Abstract) -> dict[int, Level]:
        defs = dict(ab.levels)
        defs.update(num.levels)
        return defs

    def label(self, num_id: int | None, ilvl: int | None, style_id: str | None = None) -> str:
        """Advance the counters for one numbered paragraph and return its label ("" if none)."""
        self.last_level = None
        if not num_id:
            return ""
        num = self.nums.get(num_id)
        if num is None:
            self._warn(f"numbering {num_id} is not defined in numbering.xml")
            return ""
        if num_id not in self._definitions:  # the same for every paragraph of the list
            abs_id, ab = self._abstract_of(num)
            self._definitions[num_id] = (abs_id, ab, self._level_defs(num, ab) if ab is not None else {})
        abs_id, ab, defs = self._definitions[num_id]
        if ab is None:
            self._warn(f"abstract numbering {num.abstract_id} is not defined")
            return ""
        if ilvl is None:
            ilvl = next((i for i, lv in sorted(defs.items()) if style_id and lv.pstyle == style_id), 0)
        if ab.single:
            ilvl = 0
        ilvl = min(max(ilvl, 0), 8)
        level = defs.get(ilvl)
        if level is None:
            return ""
        self.last_level = level
        counters = self._counters.setdefault(abs_id, [None] * 9)
        if ilvl in num.start_overrides and (num_id, ilvl) not in self._overridden:
            self._overridden.add((num_id, ilvl))
            counters[ilvl] = num.start_overrides[ilvl]
        elif counters[ilvl] is None:
            counters[ilvl] = level.start
        else:
            counters[ilvl] = (counters[ilvl] or 0) + 1
        for k in range(ilvl + 1, 9):
            deeper = defs.get(k)
            restart = deeper.restart if deeper is not None else None
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[k] = None
        return self._render(level, ilvl, defs, counters)

    def _render(self, level: Level, ilvl: int, defs: dict[int, Level], counters: list[int | None]) -> str:
        if level.fmt == "bullet" or not level.text:
            return ""
        text, out, i = level.text, [], 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                k = min(int(text[i + 1]) - 1, ilvl)
                lv = defs.get(k) or level
                value = counters[k] if counters[k] is not None else lv.start
                fmt = lv.fmt
                if not is_supported(fmt):
                    self._warn(f"numbering format {fmt!r} is shown as decimal")
                if level.is_lgl and fmt != "decimalZero":
                    fmt = "decimal"
                out.append(format_number(value or 0, fmt, lv.custom))
                i += 2
            else:
                out.append(ch)
                i += 1
        return "".join(out)

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
