"""Proofreading rules: fixed formulations (规范提法), quotation marks and brackets, dates and
numbers (RL314–RL321).

The formulations are data in rules/vocab/formulations.toml, each entry with its source (DOMAIN §f);
a unit adds its own in a `[formulations]` table (config.parse_formulations). The marks, dates and
numbers follow GB/T 15834-2011 (标点符号用法), GB/T 15835-2011 (出版物上数字用法) and GB/T 9704-2012
(党政机关公文格式: 月、日不编虚位).

A text file copied from a PDF breaks paragraphs at the end of each line, in the middle of a word;
these rules read such lines as one text (`blocks`), so that a formulation, a list or a quotation
split across a line break is still whole.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import islice
from typing import Any

from .. import deadline
from ..chars import HAN, SENTENCE_END, SPACES, is_han
from ..findings import Severity
from ..labels import chinese_number, to_number
from ..limits import LIMITS
from ..model import Document, Section, Span
from ..patterns import LazyPattern
from ..resources import vocab
from . import Context, Hit, content, rule, text_spans

# ================================================================================================
# Reading: blocks of text, book titles, the report's year
# ================================================================================================


@dataclass(frozen=True)
class Piece:
    start: int  # where the span's text starts in the block's text
    span: Span
    section: Section | None


@dataclass(frozen=True)
class Block:
    """One paragraph's text: a span, or consecutive lines of a paragraph a hard wrap split."""

    text: str
    pieces: tuple[Piece, ...]

    @functools.cached_property
    def starts(self) -> list[int]:
        return [p.start for p in self.pieces]

    def where(self, pos: int) -> tuple[Piece, int]:
        """The piece holding text[pos], and pos's offset in that piece's span."""
        i = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        return self.pieces[i], pos - self.pieces[i].start

    def hit(self, start: int, end: int, message: str, severity: Severity | None = None) -> Hit:
        """A hit on text[start:end] (end exclusive), which may run over a line break."""
        first, a = self.where(start)
        last, b = self.where(max(end - 1, start))
        section = first.section.path if first.section is not None else None
        return Hit(message, first.span.line, first.span.column + a, last.span.line, last.span.column + b,
                   section, self.text[start:max(end, start + 1)][:60], severity)


def paragraph_texts(doc: Document) -> dict[int, str]:
    """Each source paragraph's text by its line."""
    return {p.line: p.text for p in doc.source.paragraphs} if doc.source else {}


def _is_heading(span: Span, section: Section | None) -> bool:
    return section is not None and span.line == section.line and span.text == section.heading


def _left_open(text: str) -> bool:
    """Whether a text opens a quotation, a book title or a bracket it does not close."""
    return any(text.count(a) > text.count(b) for a, b in ("“”", "《》", "（）"))


def _continues(before: Piece, span: Span, section: Section | None, in_table: set[int]) -> bool:
    """Whether `span` goes on the paragraph `before` ends: the next line, body text both (or
    `before` a heading a hard wrap cut inside its quotation marks: （一）在“学懂 | 弄通”上), and
    `before` stops without ending its sentence (a hard wrap, not a new paragraph)."""
    text = before.span.text.rstrip(SPACES)
    wrapped_heading = _is_heading(before.span, before.section) and _left_open(text)
    return (span.line == before.span.end_line + 1 and bool(text)
            and (section is before.section or wrapped_heading)
            and text[-1] not in SENTENCE_END + "：:" and not _is_heading(span, section)
            and (wrapped_heading or not _is_heading(before.span, before.section))
            and span.line not in in_table and before.span.line not in in_table)


def _same_paragraph_gap(before: Piece, span: Span, paragraphs: dict[int, str]) -> str | None:
    """The text between two spans of one paragraph (a run-in heading and its body: `：`, `。`), or
    None when `span` does not follow `before` on its line."""
    if span.line != before.span.end_line or before.span.line != before.span.end_line:
        return None
    line = paragraphs.get(span.line, "")
    end = before.span.column - 1 + len(before.span.text)
    start = span.column - 1
    if start < end or line[before.span.column - 1:end] != before.span.text or line[start:start + len(span.text)] != span.text:
        return None
    return line[end:start]


def blocks(doc: Document) -> list[Block]:
    """The report's located texts (checks.text_spans) as paragraphs: a run-in heading with the text
    after it on its line, and the lines of a hard-wrapped paragraph joined."""
    paragraphs = paragraph_texts(doc)
    in_table = {p.line for p in doc.source.paragraphs if p.in_table} if doc.source else set()
    groups: list[tuple[list[Piece], list[str]]] = []
    for span, section in text_spans(doc):
        last = groups[-1][0][-1] if groups else None
        gap = _same_paragraph_gap(last, span, paragraphs) if last is not None else None
        if last is not None and (gap is not None or _continues(last, span, section, in_table)):
            pieces, texts = groups[-1]
            texts.append((gap or "") + span.text)
            pieces.append(Piece(last.start + len(last.span.text) + len(gap or ""), span, section))
        else:
            groups.append(([Piece(0, span, section)], [span.text]))
    return [Block("".join(texts), tuple(pieces)) for pieces, texts in groups]


def _blocks(ctx: Context) -> list[Block]:
    return ctx.shared("formulations.blocks", lambda: blocks(ctx.doc))


def _in_time(found: Iterable[Block]) -> Iterator[Block]:
    """The blocks, the per-file time limit checked before each (deadline.py)."""
    for block in found:
        deadline.check()
        yield block


_BOOK_TITLE_RE = re.compile(r"《[^《》\n]{0,80}》")


def book_titles(text: str) -> list[tuple[int, int]]:
    """The 《…》 in a text: a title quoted there is not the report's own wording."""
    return [m.span() for m in _BOOK_TITLE_RE.finditer(text)] if "《" in text else []


def _inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _window(ctx: Context) -> tuple[int, int, str] | None:
    """The months the report can have been written in (RL306's report_window)."""
    return ctx.shared("content.report_window", lambda: content.report_window(ctx.doc, ctx.profile))


def _month(value: str | None) -> int | None:
    if not value:
        return None
    year, _, month = value.partition("-")
    return int(year) * 12 + int(month or 1) - 1


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max((text.rfind(ch, 0, start) for ch in SENTENCE_END), default=-1) + 1
    ends = [i for i in (text.find(ch, end) for ch in SENTENCE_END) if i >= 0]
    return a, min(ends) if ends else len(text)


def _sentence_around(text: str, start: int, end: int) -> str:
    return text[slice(*_sentence_bounds(text, start, end))]


def _unit_terms(ctx: Context) -> dict[str, Any]:
    return dict(getattr(ctx.profile, "formulations", None) or {})


# ================================================================================================
# The vocabulary
# ================================================================================================

_NUMERALS = "一二两三四五六七八九十"
_COUNTED_NAME_RE = re.compile(f"^[{_NUMERALS}]+(?=[个项大种])")


@dataclass(frozen=True)
class Version:
    name: str
    members: tuple[str, ...]
    accept: dict[str, str]  # a spelling → the member it stands for
    valid_from: int | None = None
    valid_to: int | None = None


@dataclass(frozen=True)
class Enumeration:
    """A count word and its members (四个意识: 政治意识、大局意识、核心意识、看齐意识)."""

    name: str
    versions: tuple[Version, ...]  # the current wording first
    name_re: LazyPattern  # the name, any count (三个意识), or a wrong name in `also`
    item_re: LazyPattern
    ignore: LazyPattern | None
    comma: bool = False  # members may follow the name after a bare comma (long members with a keyword)
    words: tuple[str, ...] = ()  # a text that names the list has one of these in it (个意识, 四种意识)


def _accepting(members: Sequence[str], accept: dict[str, list[str]]) -> dict[str, str]:
    spellings = {m: m for m in members}
    for member, others in accept.items():
        spellings.update({o: member for o in others})
    return spellings


def _name_pattern(name: str, also: Sequence[str]) -> tuple[LazyPattern, tuple[str, ...]]:
    """The name with any count written in it (三个意识 for 四个意识), and the wrong names; and the
    words one of which each of them contains (个意识, 四种意识)."""
    m = _COUNTED_NAME_RE.match(name)
    counted = f"(?:[{_NUMERALS}]+|[0-9]{{1,2}}){re.escape(name[m.end():])}" if m else re.escape(name)
    return LazyPattern("|".join([counted, *(re.escape(a) for a in also)])), (name[m.end():] if m else name, *also)


def _enumeration(entry: dict[str, Any]) -> Enumeration:
    members = tuple(entry["members"])
    current = Version(entry["name"], members, _accepting(members, entry.get("accept", {})))
    older = []
    for v in entry.get("versions", []):
        older.append(Version(v.get("name", entry["name"]), tuple(v["members"]),
                             _accepting(v["members"], v.get("accept", {})), None, _month(v.get("valid_to"))))
    if older:
        current = Version(current.name, current.members, current.accept,
                          max(v.valid_to for v in older if v.valid_to is not None))
    # the spellings known first, so that an item stops where a member ends (做合格党员 | 常态化…)
    known = "|".join(re.escape(m) for v in (current, *older) for m in sorted(v.accept, key=len, reverse=True))
    item = f"{known}|{entry['item']}" if entry.get("item") else known
    ignore = entry.get("ignore")
    name_re, words = _name_pattern(entry["name"], entry.get("also", []))
    return Enumeration(entry["name"], (current, *older), name_re, LazyPattern(item.replace("{HAN}", HAN)),
                       LazyPattern(ignore) if ignore else None, bool(entry.get("comma")), words)


@functools.cache
def _data() -> dict[str, Any]:
    return vocab("formulations")


def _confirmed(entries: list[dict[str, Any]], unconfirmed: bool = False) -> list[dict[str, Any]]:
    """The entries verified in a source (tag "V"); with `unconfirmed`, the others too."""
    return [e for e in entries if unconfirmed or e.get("tag") == "V"]


@functools.cache
def enumerations() -> tuple[Enumeration, ...]:
    return tuple(_enumeration(e) for e in _confirmed(_data().get("enumeration", [])))


@functools.cache
def _unit_enumerations(terms: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Enumeration, ...]:
    return tuple(_enumeration({"name": name, "members": list(members)}) for name, members in terms)


def _all_enumerations(ctx: Context) -> tuple[Enumeration, ...]:
    own = tuple((t.right, t.members) for t in _unit_terms(ctx).values() if t.members)
    return enumerations() + (_unit_enumerations(own) if own else ())


# ================================================================================================
# RL320 formulation-members
# ================================================================================================

_GAP = f"[{SPACES}\\s]*"
_SEP_RE = re.compile(f"{_GAP}(?:[、，,；;]{_GAP}(?:以及|和|与|及)?|以及|和|与|及){_GAP}")
_OPENING_MARKS = "“‘「『\""
_CLOSING_MARKS = "”’」』\""
# what introduces the members after a name: “四个意识”（…）, “四个意识”：…, “四个意识”，即…
_CONNECTOR_RE = re.compile(f"{_GAP}(?:[（(：:]|——|[，,]?{_GAP}(?:即|就是|也就是|分别是|包括)[：:，,]?){_GAP}")
_COMMA_RE = re.compile(f"{_GAP}[，,]{_GAP}")
_KEY_DROP_RE = re.compile(f"[{SPACES}\\s“”‘’「」『』\"']")


def _items_from(text: str, pos: int, item_re: LazyPattern) -> list[tuple[int, int]]:
    """The members listed from `pos` on: items separated by 、，和 …, as long as they look like items."""
    items: list[tuple[int, int]] = []
    while (m := item_re.match(text, pos)) is not None and m.end() > m.start():
        items.append(m.span())
        sep = _SEP_RE.match(text, m.end())
        if sep is None:
            break
        pos = sep.end()
    return items


@functools.cache
def _list_ending(item: str) -> re.Pattern[str]:
    return re.compile(f"(?:(?:{item}){_SEP_RE.pattern})*(?:{item})$")


def _items_before(text: str, end: int, item_re: LazyPattern) -> list[tuple[int, int]]:
    """The members listed right before `end` (政治意识、大局意识、核心意识、看齐意识“四个意识”)."""
    lo = max(0, end - 200)
    m = _list_ending(item_re.pattern).search(text[lo:end])
    return [(a, b) for a, b in _items_from(text, lo + m.start(), item_re) if b <= end] if m else []


def spelled_lists(text: str, enum: Enumeration) -> Iterator[tuple[re.Match[str], list[tuple[int, int]]]]:
    """(the name, its members) wherever a text names the enumeration and writes out its members,
    after the name or right before it."""
    titles = book_titles(text)
    for m in enum.name_re.finditer(text):
        if _inside(titles, *m.span()):
            continue
        pos = m.end()
        while pos < len(text) and text[pos] in _CLOSING_MARKS:
            pos += 1
        connector = _CONNECTOR_RE.match(text, pos) or (_COMMA_RE.match(text, pos) if enum.comma else None)
        items = _items_from(text, connector.end(), enum.item_re) if connector else []
        if len(items) < 2:
            start = m.start()
            while start > 0 and text[start - 1] in _OPENING_MARKS:
                start -= 1
            items = _items_before(text, start, enum.item_re)
        if len(items) >= 2 and not any(_inside(titles, a, b) for a, b in items):
            yield m, items


def _key(enum: Enumeration, item: str) -> str:
    key = _KEY_DROP_RE.sub("", item)
    return enum.ignore.sub("", key) if enum.ignore is not None else key


def _fmt_month(value: int) -> str:
    return f"{value // 12}年{value % 12 + 1}月"


def _allowed(version: Version, window: tuple[int, int, str] | None) -> bool:
    """Whether the report can have been written while this wording was current."""
    if window is None:
        return True
    first, last, _ = window
    return (version.valid_to is None or first < version.valid_to) and (version.valid_from is None or last >= version.valid_from)


def _fit(version: Version, keys: list[str]) -> tuple[list[str | None], list[str]]:
    """Each item's member (None: not a member), and the members not listed."""
    found = [version.accept.get(k) for k in keys]
    return found, [m for m in version.members if m not in found]


def _listing(members: Sequence[str]) -> str:
    """The members as a message lists them (；between members that have a 、 of their own)."""
    return ("；" if any("、" in m for m in members) else "、").join(members)


def check_members(enum: Enumeration, text: str, name: re.Match[str], items: list[tuple[int, int]],
                  window: tuple[int, int, str] | None) -> Iterator[tuple[int, int, str, Severity | None]]:
    """What is wrong with one written-out list: (start, end, message, severity; None = the rule's)."""
    keys = [_key(enum, text[a:b]) for a, b in items]
    written = name.group()
    now = [v for v in enum.versions if _allowed(v, window)] or list(enum.versions)
    exact = next((v for v in now if _misfit(v, keys) == 0), None)
    named = [v for v in enum.versions if v.name == written]
    if exact is not None and exact.name != written:  # 三个意识, 四种意识, 三个自信 + the four members
        yield (*name.span(), f"“{written}”应为“{exact.name}”：所列{len(items)}项是“{exact.name}”的内容", None)
        return
    if not named or not any(_allowed(v, window) for v in named):
        return  # another list under a like name (这两个意识), or a name out of date (formulation-name's)
    version = min((v for v in named if _allowed(v, window)), key=lambda v: _misfit(v, keys))
    found, missing = _fit(version, keys)
    if sum(f is not None for f in found) * 2 < len(found):
        return  # mostly other words: not this list written out
    listing = _listing(version.members)
    wrong = [n for n, f in enumerate(found) if f is None]
    for n in wrong:
        a, b = items[n]
        other = _other_wording(enum, version, keys[n])
        if other is not None:
            yield a, b, f"“{text[a:b]}”是“{version.name}”{other}", None
        elif len(wrong) == 1 and len(missing) == 1 and _reworded(keys[n], missing[0]):
            yield a, b, f"“{text[a:b]}”与“{version.name}”的规范表述不符，应为“{missing[0]}”", None
        elif len(wrong) == 1 and len(missing) == 1:
            yield a, b, f"“{text[a:b]}”不是“{version.name}”的内容，应为“{missing[0]}”", None
        else:
            yield a, b, f"“{text[a:b]}”不是“{version.name}”的内容；“{version.name}”为{listing}", None
    for n, f in enumerate(found):
        if f is not None and f in found[:n]:
            yield (*items[n], f"“{text[slice(*items[n])]}”重复列出；“{version.name}”为{listing}", None)
    span = (items[0][0], items[-1][1])
    if missing and not wrong:
        yield (*span, f"“{version.name}”只列出{len(set(found))}项，缺少“{'”“'.join(missing)}”；应为{listing}", None)
    elif not missing and not wrong and len(set(found)) == len(found) and found != list(version.members):
        yield (*span, f"“{version.name}”的顺序应为{listing}", Severity.WARNING)


def _reworded(item: str, member: str) -> bool:
    """Whether an item is the member in other words (奢侈之风 for 奢靡之风), not another thing."""
    return SequenceMatcher(None, item, member).ratio() >= 0.6


def _misfit(version: Version, keys: list[str]) -> int:
    found, missing = _fit(version, keys)
    return sum(f is None for f in found) + len(missing)


def _other_wording(enum: Enumeration, version: Version, key: str) -> str | None:
    """For an item of another period's wording of the list (全面建成小康社会 in 四个全面 after
    2020-10): when that wording held, and what this period's says instead."""
    for other in enum.versions:
        if other is version or key not in other.accept:
            continue
        position = other.members.index(other.accept[key])
        instead = f"，此处应为“{version.members[position]}”" if position < len(version.members) else ""
        if other.valid_to is not None:
            return f"{_fmt_month(other.valid_to)}以前的提法{instead}"
        return f"{_fmt_month(version.valid_to or 0)}以后的提法{instead}"
    return None


@rule("RL320", "formulation-members", severity="error")
def formulation_members(ctx: Context) -> Iterator[Hit]:
    """A fixed formulation written out with a wrong, missing, repeated or reordered member.

    When a report names an enumeration of the Party's fixed formulations and spells out its members
    (“四个意识”即政治意识、大局意识、核心意识、看齐意识; “三个务必”：务必…，务必…；or the members
    right before the name), the members must be the official ones, all of them, in the official
    order (rules/vocab/formulations.toml, each entry with its source: 四个意识, 四个自信, 两个维护,
    两个确立, 三个务必, 五个必由之路, 六个必须坚持, 四风, 三会一课, 两学一做, 三严三实, 四个全面,
    五位一体, 六项纪律, 两个先锋队). A wrong or missing member, or a count word that does not match
    the members (“三个意识” followed by the four), is an error; a changed order is a warning. Where
    the list changed (四个全面 since 2020-10), the wording of the report's year is expected.

    Only a list that is written out is checked: a name cited by its count word alone (增强“四个
    意识”) is fine, and so is a book title that quotes one. A unit adds its own lists in
    `[formulations]` (`"三个结合" = {members = [...]}`).

    Bad:
        增强“四个意识”，即政治意识、大局意识、责任意识、看齐意识。
        牢记“三个务必”：务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗。
        → “责任意识”不是“四个意识”的内容，应为“核心意识”
        → “三个务必”只列出2项，缺少“务必敢于斗争、善于斗争”；应为务必不忘初心、牢记使命；务必谦虚谨慎、艰苦奋斗；务必敢于斗争、善于斗争
    Good:
        增强“四个意识”，即政治意识、大局意识、核心意识、看齐意识。
        牢记“三个务必”：务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争。
    """
    window = _window(ctx)
    enums = _all_enumerations(ctx)
    for block in _in_time(_blocks(ctx)):
        for enum in enums:
            if not any(word in block.text for word in enum.words):
                continue
            for name, items in spelled_lists(block.text, enum):
                for start, end, message, severity in check_members(enum, block.text, name, items, window):
                    yield block.hit(start, end, message, severity)


# ================================================================================================
# RL321 formulation-name
# ================================================================================================


@dataclass(frozen=True)
class Name:
    pattern: re.Pattern[str]  # the wrong forms
    right: str  # the right form (may refer to the pattern's groups: \1)
    note: str = ""
    after: int | None = None  # wrong only in a report written from this month on


def _name_entry(entry: dict[str, Any]) -> Name:
    pattern = entry.get("pattern") or "|".join(re.escape(w) for w in entry["wrong"])
    return Name(re.compile(pattern), entry["right"], entry.get("note", ""), _month(entry.get("after")))


@functools.cache
def names(unconfirmed: bool = False) -> tuple[Name, ...]:
    return tuple(_name_entry(e) for e in _confirmed(_data().get("name", []), unconfirmed))


@functools.cache
def _unit_names(terms: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Name, ...]:
    return tuple(Name(re.compile("|".join(re.escape(w) for w in sorted(wrong, key=len, reverse=True))), right,
                      "本单位规定的写法") for right, wrong in terms)


def _all_names(ctx: Context) -> tuple[Name, ...]:
    own = tuple((t.right, t.wrong) for t in _unit_terms(ctx).values() if t.wrong)
    return names(bool(ctx.options.get("unconfirmed"))) + (_unit_names(own) if own else ())


def _within_right_form(text: str, start: int, end: int, right: str) -> bool:
    """Whether text[start:end] is part of the right form written out (规划局 inside 自然资源和规划局):
    the first occurrence of the right form that could cover it starts no later than it."""
    first = text.find(right, max(0, end - len(right)), start + len(right))
    return 0 <= first <= start


def wrong_names(text: str, entries: Sequence[Name], window: tuple[int, int, str] | None) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) for each wrong form of a formulation's name in a text."""
    titles = book_titles(text)
    for entry in entries:
        for m in entry.pattern.finditer(text):
            right = m.expand(entry.right) if "\\" in entry.right else entry.right
            if _inside(titles, *m.span()) or _within_right_form(text, m.start(), m.end(), right):
                continue
            if entry.after is not None and (window is None or window[0] < entry.after
                                            or right in _sentence_around(text, *m.span())):
                continue  # right then (or in a sentence that tells the change): 三个自信 before 2016-07
            note = f"（{entry.note}）" if entry.note else ""
            yield m.start(), m.end(), f"“{m.group()}”应为“{right}”{note}"


_BARE_PLENUM_RE = re.compile("(?<![届大0-9])([一二三四五六七八九])中全会")
_FULL_PLENUM_RE = re.compile("届([一二三四五六七八九])中全会")


def bare_plenums(texts: Sequence[str]) -> Iterator[tuple[int, int, int, str]]:
    """(text index, start, end, message) for a plenary session first named without its 届
    (学习四中全会精神 before any 二十届四中全会); a local committee's (市委四中全会) is not the Party's."""
    named: set[str] = set()
    for n, text in enumerate(texts):
        full = {m.start(1): m.group(1) for m in _FULL_PLENUM_RE.finditer(text)}
        for m in _BARE_PLENUM_RE.finditer(text):
            earlier = {v for k, v in full.items() if k < m.start()}
            before = text[max(0, m.start() - 10):m.start()]
            if m.group(1) in named | earlier or "届" in before or "委" in before:
                continue
            named.add(m.group(1))
            yield n, m.start(), m.end(), f"“{m.group()}”首次提及应写明届次，如“党的二十届{m.group(1)}中全会”"
        named.update(full.values())


@rule("RL321", "formulation-name", severity="error", options={"unconfirmed": False})
def formulation_name(ctx: Context) -> Iterator[Hit]:
    """An official name written wrong, shortened or out of date (习近平思想, 二十大三中全会).

    The names of the Party's theory, leadership and meetings are written in full and exactly as
    published: 习近平新时代中国特色社会主义思想 (not 习近平中国特色社会主义思想 or 习近平思想), 以习近平
    同志为核心的党中央 (not 以习近平为核心的党中央), 两个维护 (not 两个坚决维护), 党的二十届三中全会
    (not 二十大三中全会). The wrong forms are data in rules/vocab/formulations.toml with their
    sources; a form that was right until a date (三个自信 before July 2016) is reported only in a
    report written after it, and not in a sentence that tells the change. A plenary session first
    named without its 届 (学习四中全会精神) is a warning: write it in full once.

    A unit adds the names it must write in full (its own full name, say) in `[formulations]`:
    `"云溪市自然资源和规划局" = ["市自然资源局"]`. reportlint ships no list of people. Entries no
    source confirms (习总书记 for 习近平总书记) are read only with the option `unconfirmed` (true),
    and their message says so (未经核实).

    Bad:
        深入学习习近平中国特色社会主义思想，坚决做到“两个坚决维护”。
        → “习近平中国特色社会主义思想”应为“习近平新时代中国特色社会主义思想”（2017年写入党章、2018年写入宪法的全称）
        → “两个坚决维护”应为“两个维护”
    Good:
        深入学习习近平新时代中国特色社会主义思想，坚决做到“两个维护”。
    """
    window = _window(ctx)
    entries = _all_names(ctx)
    found = _blocks(ctx)
    for block in _in_time(found):
        for start, end, message in wrong_names(block.text, entries, window):
            yield block.hit(start, end, message)
    for n, start, end, message in bare_plenums([b.text for b in found]):
        yield found[n].hit(start, end, message, Severity.WARNING)


# ================================================================================================
# RL314 formulation-consistency
# ================================================================================================


@dataclass(frozen=True)
class FormGroup:
    """Forms a report should not mix: two wordings of one thing (六项纪律, 六大纪律), or two
    starting points of one period (`since`: 党的十八大以来, 党的十九大以来)."""

    forms: tuple[re.Pattern[str], ...]
    note: str
    since: bool = False


@functools.cache
def _groups() -> tuple[FormGroup, ...]:
    data = _data()
    out = [FormGroup(tuple(re.compile(re.escape(f)) for f in g["forms"]), g.get("note", ""))
           for g in data.get("variants", [])]
    out += [FormGroup(tuple(re.compile(f) for f in g["forms"]), g.get("note", ""), since=True)
            for g in data.get("since_pair", [])]
    return tuple(out)


_PLENUM = "(?:十九|二十)届[一二三四五六七八九]中全会"


@functools.cache
def _plenums() -> dict[str, int]:
    """When each plenary session was held: the month from which RL306 accepts its bare name."""
    return {e["pattern"]: m for e in vocab("stale").get("phrase", [])
            if re.fullmatch(_PLENUM, e["pattern"]) and (m := _month(e.get("valid_from"))) is not None}
# a year given as the session's own: 2024年7月召开的党的二十届三中全会, 二十届三中全会于2024年7月…召开
# (not the date of a meeting about it: 2025年1月召开的二十届三中全会精神宣讲会, …全会精神于2024年8月传达)
_PLENUM_DATED_RES = (
    re.compile(f"(?P<y>(?:19|20)[0-9]{{2}})年(?:(?P<m>[0-9]{{1,2}})月)?(?:[0-9]{{1,2}}日)?[^，。；]{{0,6}}?"
               f"(?:召开|举行)的(?:党的)?(?P<p>{_PLENUM})"
               "(?!(?:精神)?(?:宣讲|专题|传达|辅导|学习|报告|培训|读书|研讨)[^，。；]{0,4}?(?:会|班))"),
    re.compile(f"(?P<p>{_PLENUM})于(?P<y>(?:19|20)[0-9]{{2}})年(?:(?P<m>[0-9]{{1,2}})月)?"
               "(?=[^，。；]{0,16}?(?:召开|举行))"),
)


def _stale_places(ctx: Context) -> set[tuple[int, int]]:
    """(line, column) of every character RL306 stale-reference reports: a form out of date for the
    report's year is RL306's finding, not an inconsistency (RL306 runs here with its own options)."""
    def compute() -> set[tuple[int, int]]:
        rl306 = Context(ctx.doc, dict(content.stale_reference.options), ctx.profile)
        places: set[tuple[int, int]] = set()
        for span, section in text_spans(ctx.doc):
            for hit in content.stale_reference.check(rl306, span, section):
                if hit.line is not None and hit.column is not None:
                    places.update((hit.line, c) for c in range(hit.column, (hit.end_column or hit.column) + 1))
        return places
    return ctx.shared("formulations.stale", compute)


def _mixed_forms(ctx: Context, found: list[Block]) -> Iterator[Hit]:
    """The first use of each form after the first form used, in each group of forms not to mix.

    Two starting points are judged only in a report without a year: with one, both were current
    together (党的十八大以来，特别是党的十九大以来 in 2018–2022) or RL306 reports the stale one."""
    stale = _stale_places(ctx)
    undated = _window(ctx) is None
    for group in _groups():
        if group.since and not undated:
            continue
        first: dict[int, tuple[int, int, Block, re.Match[str]]] = {}  # form → where it is first used
        any_stale = False
        for b, block in enumerate(_in_time(found)):
            titles = book_titles(block.text)
            for n, pattern in enumerate(group.forms):
                for m in pattern.finditer(block.text):
                    if not _inside(titles, *m.span()):
                        where = block.hit(*m.span(), "")
                        any_stale = any_stale or (where.line, where.column) in stale
                        first.setdefault(n, (b, m.start(), block, m))
        if len(first) < 2 or any_stale:
            continue
        (ref_b, _, ref_block, ref), *rest = sorted(first.values(), key=lambda f: f[:2])
        ref_line = ref_block.hit(*ref.span(), "").line
        for b, _, block, m in rest:
            if group.since and b == ref_b and _sentence_bounds(block.text, *m.span()) == \
                    _sentence_bounds(block.text, *ref.span()):
                continue  # 党的十八大以来，特别是党的十九大以来: the two periods set side by side on purpose
            why = group.note or "同一提法的两种写法，全文应统一"
            yield block.hit(*m.span(), f"“{m.group()}”与第{ref_line}行的“{ref.group()}”不一致：{why}",
                            Severity.INFO if group.since else None)


def _plenum_dates(found: list[Block]) -> Iterator[Hit]:
    held = _plenums()
    for block in _in_time(found):
        for pattern in _PLENUM_DATED_RES:
            for m in pattern.finditer(block.text):
                when = held.get(m.group("p"))
                if when is None:
                    continue
                year, month = int(m.group("y")), int(m.group("m")) if m.group("m") else None
                if year != when // 12 or (month is not None and month != when % 12 + 1):
                    written = f"{year}年" + (f"{month}月" if month else "")
                    yield block.hit(*m.span(), f"{m.group('p')}于{_fmt_month(when)}召开，此处写作“{written}”，请核对")


@rule("RL314", "formulation-consistency", severity="warning")
def formulation_consistency(ctx: Context) -> Iterator[Hit]:
    """One formulation written two ways in a report, or a date that contradicts a plenary session's.

    Within one report a formulation keeps one form: 六项纪律 or 六大纪律, not both (the first one
    used sets the form). A plenary session named with the year it was held (2023年召开的二十届三中
    全会) must have that year (the plenary sessions' dates in rules/vocab/stale.toml); one named in a
    report written before it was held is RL306 stale-reference's finding, from the same dates.

    党的十八大以来 and 党的十九大以来 are two starting points. From October 2017 to October 2022 both
    were in use (党的十八大以来特别是党的十九大以来); after it, 党的十九大以来 is RL306
    stale-reference's finding. So this rule notes the two only in a report whose year nobody can
    tell, at info, as a question: do they mean the same period, and is one of them a leftover?

    Bad:
        严守党的六项纪律，坚持用党章党规规范言行。
        对照六大纪律查找差距，对2023年召开的党的二十届三中全会精神学习不深。
        → “六大纪律”与第1行的“六项纪律”不一致：同一提法的两种写法，全文应统一
        → 二十届三中全会于2024年7月召开，此处写作“2023年”，请核对
    Good:
        严守党的六项纪律，坚持用党章党规规范言行。
        对照六项纪律查找差距，对2024年召开的党的二十届三中全会精神学习不深。
    """
    found = _blocks(ctx)
    yield from _mixed_forms(ctx, found)
    yield from _plenum_dates(found)


# ================================================================================================
# RL315 unpaired-mark, RL316 punctuation-width: pairing quotation marks, book-title marks, brackets
# ================================================================================================

# mark → (family, opens?); the ASCII " opens or closes by what is open before it
_MARKS: dict[str, tuple[str, bool | None]] = {
    "“": ("double", True), "”": ("double", False), "‘": ("single", True), "’": ("single", False),
    "《": ("book", True), "》": ("book", False), "（": ("paren", True), "）": ("paren", False),
    "(": ("paren", True), ")": ("paren", False), '"': ("double", None),
}
_MARK_NAMES = {"“": "左引号", "”": "右引号", "‘": "左单引号", "’": "右单引号", "《": "左书名号", "》": "右书名号",
               "（": "左括号", "）": "右括号", "(": "左括号", ")": "右括号"}
_MATES = {"“": "”", "”": "“", "‘": "’", "’": "‘", "《": "》", "》": "《", "（": "）", "）": "（", "(": "）", ")": "（"}
_FULL_WIDTH = {"(": "（", ")": "）"}
_LABEL_CLOSER_RE = re.compile(r"[0-9０-９a-zA-Z一二三四五六七八九十]{1,3}[)）]")
_LABEL_ONLY_RE = re.compile(r"[0-9０-９一二三四五六七八九十]{1,3}")
_MARK_CHARS_RE = re.compile("[“”‘’《》（）()\"]")


@dataclass(frozen=True)
class MarkProblem:
    """A mark (or a pair) to report: `fix` maps positions to the characters to write there."""

    rule: str  # "unpaired-mark" or "punctuation-width"
    start: int
    end: int
    message: str
    fix: tuple[tuple[int, str], ...] = ()
    severity: Severity | None = None  # None: the rule's


def _label_closers(text: str, line_starts: Sequence[int]) -> tuple[set[int], set[int]]:
    """The ) of a label such as 1） or a): (surely a label's, at the start of a line or after a
    sentence or a full-width colon (如下：1）…); a label's unless a bracket is open, after a space or
    a comma (a) 学习 b) 调研, 学习，2）调研)). Neither is a closing bracket."""
    sure, loose = set(), set()
    starts = sorted(line_starts)
    for m in _LABEL_CLOSER_RE.finditer(text):
        before = _before_spaces(text, m.start())  # the last character before the label, past spaces
        line_start = starts[bisect.bisect_right(starts, m.start()) - 1] if starts and starts[0] <= m.start() else 0
        if before < line_start or text[before] in "。；！？：;!?":
            sure.add(m.end() - 1)
        elif before < m.start() - 1 or text[before] in "，,、":
            loose.add(m.end() - 1)
    return sure, loose


def _before_spaces(text: str, i: int) -> int:
    """The position of the last character before text[i] that is not a space (-1: none)."""
    j = i - 1
    while j >= 0 and text[j] in SPACES:
        j -= 1
    return j


def _after_spaces(text: str, i: int) -> int:
    """The position of the first character after text[i] that is not a space (len(text): none)."""
    j = i + 1
    while j < len(text) and text[j] in SPACES:
        j += 1
    return j


def _is_apostrophe(text: str, i: int) -> bool:
    """’ inside a Latin word (don’t, Xi’an)."""
    return 0 < i < len(text) - 1 and all(ch.isascii() and ch.isalpha() for ch in (text[i - 1], text[i + 1]))


def pair_marks(text: str, line_starts: Sequence[int] = ()) -> tuple[list[tuple[int, int]], list[int]]:
    """(pairs of positions, unpaired positions) of the quotation marks, book-title marks and brackets,
    nested as they may be (《论“两个确立”》): a closer pairs with the nearest open mark of its kind,
    and the marks left open inside that pair are unpaired. ASCII quotes, which open and close
    alike, are paired afterwards (_pair_ascii_quotes)."""
    skip, loose = _label_closers(text, line_starts)
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    unpaired: list[int] = []
    for m in _MARK_CHARS_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == '"' or i in skip or (ch in "‘’" and _is_apostrophe(text, i)):
            continue
        family, opens = _MARKS[ch]
        k = next((n for n in range(len(stack) - 1, -1, -1) if _MARKS[text[stack[n]]][0] == family), None)
        if opens:
            stack.append(i)
        elif k is None:
            if i not in loose:
                unpaired.append(i)
        else:
            unpaired.extend(stack[k + 1:])
            pairs.append((stack[k], i))
            del stack[k:]
    unpaired.extend(stack)
    more_pairs, unpaired = _pair_ascii_quotes(text, sorted(unpaired))
    return sorted(pairs + more_pairs), unpaired


def _pair_ascii_quotes(text: str, unpaired: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """Pairs of an ASCII quote with the innermost open “ or " before it (“…" or "…"), and of an
    unpaired ” with an open " ("…”); an ASCII quote with nothing open opens."""
    marks = sorted([i for i in unpaired if text[i] in "“”"] + [m.start() for m in re.finditer('"', text)])
    pairs: list[tuple[int, int]] = []
    open_: list[int] = []
    for i in marks:
        if text[i] == "“" or (text[i] == '"' and not open_):
            open_.append(i)
        elif open_ and (text[i] == '"' or text[open_[-1]] == '"'):
            pairs.append((open_.pop(), i))
    paired = {i for pair in pairs for i in pair}
    return pairs, sorted([i for i in unpaired if i not in paired] + [i for i in open_ if text[i] == '"'])


def _context(text: str, i: int) -> str:
    return text[max(0, i - 6):i + 7].strip()


def _unpaired_problems(text: str, unpaired: list[int]) -> Iterator[MarkProblem]:
    fixes, mended = _flip_fixes(text, unpaired)
    for i in unpaired:
        ch = text[i]
        if (i in mended and i not in fixes) or ch == '"' or not _in_chinese(text, i):
            continue  # a lone ASCII quote, or a mark in English text, is not ours to judge
        name, mate = _MARK_NAMES[ch], _MARK_NAMES.get(_MATES[ch], "")
        where = _context(text, i)
        if i in fixes:
            message = f"{name}方向打反，应为{_MARK_NAMES[fixes[i]]}：{where}"
            yield MarkProblem("unpaired-mark", i, i + 1, message, ((i, fixes[i]),))
        elif _MARKS[ch][1]:
            yield MarkProblem("unpaired-mark", i, i + 1, f"{name}没有配对的{mate}，请补上或删去：{where}")
        else:
            yield MarkProblem("unpaired-mark", i, i + 1, f"{name}前面没有配对的{mate}，请补上或删去：{where}")


def _flip_fixes(text: str, unpaired: list[int]) -> tuple[dict[int, str], set[int]]:
    """The unpaired marks whose fix is certain: a paragraph with exactly two marks of a kind, both
    unpaired, written the same way round (“…“, ”…”) or the wrong way round (”…“). Also the
    positions of both marks of each such pair (the one left as it is is right once the other is
    turned)."""
    fixes: dict[int, str] = {}
    mended: set[int] = set()
    for opener, closer in (("“", "”"), ("‘", "’"), ("《", "》")) if unpaired else ():
        marks = [m.start() for m in re.finditer(f"[{opener}{closer}]", text) if not _is_apostrophe(text, m.start())]
        if len(marks) != 2 or not all(i in unpaired for i in marks):
            continue
        a, b = marks
        if text[a] == text[b] == opener:
            fixes[b] = closer
        elif text[a] == text[b] == closer:
            fixes[a] = opener
        elif text[a] == closer and text[b] == opener:
            fixes[a], fixes[b] = opener, closer
        mended.update((a, b) if a in fixes or b in fixes else ())
    return fixes, mended


def _in_chinese(text: str, i: int) -> bool:
    """Whether the nearest character on either side of text[i] (past spaces) is Chinese."""
    left, right = _before_spaces(text, i), _after_spaces(text, i)
    near = (text[left] if left >= 0 else "", text[right] if right < len(text) else "")
    return any(ch and (is_han(ch) or ch in "，。；：、！？（）《》") for ch in near)


def _has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


_HAN_RE = LazyPattern(f"[{HAN}]")


def _enclosed(text: str, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The double-quote pairs inside another double-quote pair (one sweep over the sorted pairs)."""
    inside: set[tuple[int, int]] = set()
    open_ends: list[int] = []
    for a, b in sorted(p for p in pairs if _MARKS[text[p[0]]][0] == "double"):
        while open_ends and open_ends[-1] < a:
            open_ends.pop()
        if open_ends and open_ends[-1] > b:
            inside.add((a, b))
        open_ends.append(b)
    return inside


def _width_problems(text: str, pairs: list[tuple[int, int]]) -> Iterator[MarkProblem]:
    """Pairs in Chinese text written half-width, or half one width and half the other."""
    nested = _enclosed(text, pairs) if '"' in text else set()
    for a, b in pairs:
        left, right = text[a], text[b]
        shown = text[a + 1:min(b, a + 25)]
        if _MARKS[left][0] == "double" and '"' in (left, right):
            han_inside = _HAN_RE.search(text, a + 1, b) is not None
            if left == right == '"':
                if han_inside and (a, b) in nested:
                    yield MarkProblem("punctuation-width", a, b + 1, f"引号里的引号应为全角单引号：‘{shown[:20]}’")
                elif han_inside:
                    yield MarkProblem("punctuation-width", a, b + 1, f"{_STRAIGHT_QUOTES}：“{shown[:20]}”",
                                      ((a, "“"), (b, "”")))
            else:
                at, new = (a, "“") if left == '"' else (b, "”")
                yield MarkProblem("punctuation-width", a, b + 1, f"引号全角半角混用：“{text[at]}”应为“{new}”", ((at, new),))
        elif _MARKS[left][0] == "paren" and ("(" in left + right or ")" in left + right):
            both_ascii = left + right == "()"
            if _LABEL_ONLY_RE.fullmatch(text, a + 1, b) or (both_ascii and _HAN_RE.search(text, a + 1, b) is None):
                continue  # (1), (一): a label, fixed by `reportlint fix`; (PDF): not Chinese text
            widths = tuple((i, _FULL_WIDTH[text[i]]) for i in (a, b) if text[i] in _FULL_WIDTH)
            if both_ascii:  # consistent, and barely narrower on the page: RL310's level for , and :
                yield MarkProblem("punctuation-width", a, b + 1, f"中文里的括号应为全角（）：“{text[a:min(b + 1, a + 24)]}”",
                                  widths, Severity.INFO)
            else:
                yield MarkProblem("punctuation-width", a, b + 1,
                                  f"括号全角半角混用：“{text[widths[0][0]]}”应为“{widths[0][1]}”：“{text[a:min(b + 1, a + 24)]}”",
                                  widths)


def mark_problems(block: Block, quote_goes_on: bool = False) -> list[MarkProblem]:
    """Every unpaired mark and every pair of the wrong width in a block (both rules read this).
    With `quote_goes_on` (the next paragraph opens with “), the block's last open “ is a quotation
    running over paragraphs, which GB/T 15834 closes only at its end."""
    if _MARK_CHARS_RE.search(block.text) is None:
        return []
    pairs, unpaired = pair_marks(block.text, block.starts)
    if quote_goes_on:
        last_open = [i for i in unpaired if block.text[i] == "“"][-1:]
        unpaired = [i for i in unpaired if i not in last_open]
    most = LIMITS.findings_per_rule + 1  # the engine lists no more per rule and file (a page of 《《《…)
    problems = [*islice(_unpaired_problems(block.text, unpaired), most), *islice(_width_problems(block.text, pairs), most)]
    return _only_certain_fixes(block.text, problems)


_QUOTE_KINDS = (("“", "”", "“”\""), ("‘", "’", "‘’"), ("《", "》", "《》"))


def _only_certain_fixes(text: str, problems: list[MarkProblem]) -> list[MarkProblem]:
    """The problems, their fixes kept only where the quotes of a kind, fixed, alternate opening and
    closing (“…”“…”): otherwise the pairing was a guess (“学懂“…"四个意识"), and a guess is not fixed."""
    fixes = {i: new for p in problems for i, new in p.fix}
    doubtful: set[str] = set()
    for opener, closer, chars in _QUOTE_KINDS:
        if not any(text[i] in chars for i in fixes):
            continue
        marks = [fixes.get(m.start(), m.group()) for m in re.finditer(f"[{chars}]", text)
                 if not _is_apostrophe(text, m.start())]
        if marks != [opener, closer] * (len(marks) // 2) + [opener] * (len(marks) % 2):
            doubtful.update(chars)
    if not doubtful:
        return problems
    return [replace(p, fix=tuple(f for f in p.fix if text[f[0]] not in doubtful)) for p in problems]


def _quote_goes_on(found: list[Block], n: int) -> bool:
    if n + 1 >= len(found):
        return False
    this, after = found[n].pieces[-1], found[n + 1].pieces[0]
    return after.section is this.section and after.span.line == this.span.end_line + 1 \
        and found[n + 1].text.lstrip(SPACES).startswith("“")


def marks_by_block(doc_blocks: list[Block]) -> list[tuple[Block, list[MarkProblem]]]:
    return [(b, mark_problems(b, _quote_goes_on(doc_blocks, n))) for n, b in enumerate(_in_time(doc_blocks))]


def _marks_of(ctx: Context) -> list[tuple[Block, list[MarkProblem]]]:
    return ctx.shared("formulations.marks", lambda: marks_by_block(_blocks(ctx)))


@rule("RL315", "unpaired-mark", severity="warning")
def unpaired_mark(ctx: Context) -> Iterator[Hit]:
    """A quotation mark, book-title mark or bracket without its pair (GB/T 15834).

    “ ” ‘ ’ 《 》 （ ） come in pairs, nested as deep as needed (《论“两个确立”》). A mark with no
    partner is reported, with the text around it; a paragraph broken across lines by a hard wrap is
    read as one, so a quotation that runs over a line break is paired. The label ） of `1）` and a
    lone ASCII " or ( outside Chinese text are not reported.

    `reportlint fix` turns a mark round where that is certain: a paragraph whose only two double
    quotes are “…“ or ”…” or ”…“ (and the same for ‘ ’ and 《 》).

    Bad:
        一是在“学懂“上还有差距，对（四个意识理解不深。
        → 左引号方向打反，应为右引号：一是在“学懂“上还有差距，
        → 左括号没有配对的右括号，请补上或删去：还有差距，对（四个意识理解
    Good:
        一是在“学懂”上还有差距，对“四个意识”（政治意识、大局意识、核心意识、看齐意识）理解不深。
    """
    for block, problems in _marks_of(ctx):
        for p in problems:
            if p.rule == "unpaired-mark":
                yield block.hit(p.start, p.end, p.message)


@rule("RL316", "punctuation-width", severity="warning")
def punctuation_width(ctx: Context) -> Iterator[Hit]:
    """Quotation marks or brackets of the wrong width in Chinese text ("四个意识", （…), “…")).

    Chinese text quotes with full-width “ ” and brackets with （ ） (GB/T 15834). A pair typed in an
    English input mode ("四个意识", (党小组会)) or half in each (“四个意识", （党小组会)) is reported
    with the marks to write; `reportlint fix` writes them. Brackets around a label number (1), (一)
    and around Latin text (PDF) are left alone. Straight quotes used throughout (an input mode left
    on) are one finding at the first pair, with how many there are.

    A pair of half-width brackets, (含临时聘用人员) or a table's (万元), is reported at info: like
    the single half-width marks , . : ; ! ? (RL310 text-hygiene's, info), it is a typing slip a
    reader passes over, where straight quotes or a mismatched pair are a visible fault in the page.

    Bad:
        树牢"四个意识"，坚持“三会一课"制度（支部党员大会、党课)。
        → 中文里的引号应为全角“”：“四个意识”
        → 引号全角半角混用：“"”应为“””
        → 括号全角半角混用：“)”应为“）”：“（支部党员大会、党课)”
    Good:
        树牢“四个意识”，坚持“三会一课”制度（支部党员大会、党课）。
    """
    straight = []  # "…" pairs: an input-mode habit, told once per file with where it begins
    for block, problems in _marks_of(ctx):
        for p in problems:
            if p.rule != "punctuation-width":
                continue
            if p.message.startswith(_STRAIGHT_QUOTES):
                straight.append((block, p))
            else:
                yield block.hit(p.start, p.end, p.message, p.severity)
    if straight:
        block, first = straight[0]
        more = f"（全文共 {len(straight)} 处，reportlint fix 可一并改为全角）" if len(straight) > 1 else ""
        yield block.hit(first.start, first.end, first.message + more, first.severity)


_STRAIGHT_QUOTES = "中文里的引号应为全角“”"


# ================================================================================================
# RL317 date-format
# ================================================================================================

_CN_DATE_DIGITS = "〇零○一二三四五六七八九"
_DATE_RE = re.compile(
    f"(?<![0-9{_CN_DATE_DIGITS}十])(?:(?P<y>[0-9]{{4}}|[{_CN_DATE_DIGITS}]{{4}})年)?"
    "(?P<m>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])月"
    "(?:(?P<d>[0-9]{1,2}|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])日)?"
)


_YEAR_DIGITS = {**{ch: str(n) for n, ch in enumerate("〇一二三四五六七八九")}, "零": "0", "○": "0"}


def _as_arabic(part: str) -> str:
    if part.isdigit():
        return str(int(part))
    if len(part) == 4:  # a year, digit by digit: 二〇二五
        return "".join(_YEAR_DIGITS[ch] for ch in part)
    return str(to_number(part))


def date_problems(text: str) -> Iterator[tuple[int, int, str, tuple[tuple[int, int, str], ...]]]:
    """(start, end, message, fixes as (start, end, new)) for each date written with a zero before a
    one-digit month or day (2025年01月), or with Arabic and Chinese numerals mixed (2025年十二月)."""
    for m in _DATE_RE.finditer(text) if "月" in text else ():
        parts = [g for g in ("y", "m", "d") if m.group(g)]
        if parts == ["m"]:
            continue  # 十月, 3月: a month alone is not a date to judge
        scripts = {m.group(g).isdigit() for g in parts}
        right = "".join(_as_arabic(m.group(g)) + unit for g, unit in (("y", "年"), ("m", "月"), ("d", "日")) if m.group(g))
        if len(scripts) > 1:
            yield m.start(), m.end(), f"日期“{m.group()}”混用阿拉伯数字和汉字：应为“{right}”", ()
            continue
        zeros = tuple((m.start(g), m.start(g) + 1, "") for g in ("m", "d")
                      if m.group(g) and len(m.group(g)) == 2 and m.group(g)[0] == "0" and m.group(g) != "00")
        if zeros:
            yield m.start(), m.end(), f"日期“{m.group()}”的月、日前不补零：应为“{right}”（月、日不编虚位）", zeros


@rule("RL317", "date-format", severity="warning")
def date_format(ctx: Context) -> Iterator[Hit]:
    """A date with a zero before a one-digit month or day (2025年01月05日), or mixed numerals.

    GB/T 9704-2012 writes dates with Arabic numerals, the year in full, and no zero before a
    one-digit month or day ("月、日不编虚位，即1不编为01"); a date is written in one kind of numeral,
    not 2025年十二月 or 二〇二五年1月 (GB/T 15835). `reportlint fix` removes the zeros; a mixed date
    is left for the author, who decides which numerals the document uses.

    Bad:
        2025年01月05日，支部召开组织生活会。
        二〇二五年1月召开专题民主生活会。
        → 日期“2025年01月05日”的月、日前不补零：应为“2025年1月5日”（月、日不编虚位）
        → 日期“二〇二五年1月”混用阿拉伯数字和汉字：应为“2025年1月”
    Good:
        2025年1月5日，支部召开组织生活会。
        2025年1月召开专题民主生活会，2024年10月至12月开展谈心谈话。
    """
    for block in _in_time(_blocks(ctx)):
        for start, end, message, _ in date_problems(block.text):
            yield block.hit(start, end, message)


# ================================================================================================
# RL318 number-script
# ================================================================================================

_DIGIT_OF = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
             "九": "9", "十": "10"}
_DIGIT_RE = re.compile("[0-9]")
_ABOUT_RE = re.compile("(?<![0-9])(?P<n>[0-9]{1,3})几|几(?P<m>[0-9]{1,3})(?![0-9])")


def _with_digits(name: str) -> str:
    """A pattern for `name` with any of its numerals written in digits (4个意识, 3会1课)."""
    term = "".join(f"(?:{ch}|{_DIGIT_OF[ch]})" if ch in _DIGIT_OF else re.escape(ch) for ch in name)
    return f"(?<![0-9]){term}"  # not the 4风 of 2024风采


@functools.cache
def _numeral_terms() -> tuple[tuple[re.Pattern[str], str | None], ...]:
    """(pattern, the right form or None to write each number in Chinese) for the fixed terms."""
    terms = [(re.compile(_with_digits(e.name)), e.name) for e in enumerations()]
    terms += [(re.compile(t["pattern"]), t.get("right")) for t in _data().get("numeral_term", [])]
    return tuple(terms)


def _digit_windows(text: str, reach: int = 12) -> list[tuple[int, int]]:
    """The stretches of a text within `reach` characters of a digit, merged: a fixed term written
    with a digit (第20次全国代表大会) lies inside one, so the terms are looked for only there."""
    windows: list[tuple[int, int]] = []
    for m in re.finditer("[0-9]+", text):
        lo, hi = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def number_problems(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) for digits in a fixed term (4个意识, 二十届4中全会) or in an
    approximate number with 几 (10几个): GB/T 15835 writes both in Chinese numerals."""
    if _DIGIT_RE.search(text) is None:
        return  # every finding below has a digit in it
    titles = book_titles(text)
    taken: list[tuple[int, int]] = []  # one finding for 党的20大, which two patterns find
    windows = _digit_windows(text)
    for pattern, right in _numeral_terms():
        for m in (m for lo, hi in windows for m in pattern.finditer(text, lo, hi)):
            overlaps = any(a < m.end() and m.start() < b for a, b in taken)
            if not any(ch.isdigit() for ch in m.group()) or overlaps or _inside(titles, *m.span()):
                continue
            taken.append(m.span())
            good = right or re.sub("[0-9]+", lambda d: chinese_number(int(d.group())), m.group())
            yield m.start(), m.end(), f"“{m.group()}”是定型提法，数字应写汉字：“{good}”"
    for m in _ABOUT_RE.finditer(text):
        good = re.sub("[0-9]+", lambda d: chinese_number(int(d.group())), m.group())
        yield m.start(), m.end(), f"含“几”的概数应写汉字：“{m.group()}”应为“{good}”"


@rule("RL318", "number-script", severity="warning")
def number_script(ctx: Context) -> Iterator[Hit]:
    """Digits where Chinese numerals are required: in a fixed term (4个意识, 党的20大) or with 几.

    GB/T 15835-2011 writes counts and measures in Arabic numerals, but the numerals of a fixed term
    (四个意识, 三会一课, 党的二十大, 二十届四中全会, 十四五, 中央八项规定, 一岗双责) and an
    approximate number with 几 (十几个, 几十人) in Chinese (4.2.2, 4.2.3). The terms are the names
    in rules/vocab/formulations.toml and its [[numeral_term]] patterns.

    Bad:
        增强“4个意识”，学习党的二十届4中全会精神，全年开展10几次调研。
        → “4个意识”是定型提法，数字应写汉字：“四个意识”
        → “二十届4中全会”是定型提法，数字应写汉字：“二十届四中全会”
        → 含“几”的概数应写汉字：“10几”应为“十几”
    Good:
        增强“四个意识”，学习党的二十届四中全会精神，全年开展12次调研。
    """
    for block in _in_time(_blocks(ctx)):
        for start, end, message in number_problems(block.text):
            yield block.hit(start, end, message)


# ================================================================================================
# RL319 ordinal-punctuation
# ================================================================================================

_ITEM_KEYS = {"cn_shi": "一是", "di_cn": "第一", "seq": "首先"}
_NUMBERING_NEXT = "一二三四五六七八九十第"


_DEFAULT_FORBIDDEN = {"一是": "，、：", "第一": "、", "首先": "、"}


@rule("RL319", "ordinal-punctuation", severity="warning", scope="section", options={"forbidden": _DEFAULT_FORBIDDEN})
def ordinal_punctuation(ctx: Context, section: Section) -> Iterator[Hit]:
    """Punctuation after an item label that the house style forbids (一是，… · 第一、…).

    GB/T 15834-2011 puts a comma, not a 顿号, after the ordinals 第一 and 首先 (第一，…; 其次，…);
    most house styles write nothing after 一是/二是 (一是加强学习). Option `forbidden` says, for
    each kind of label — `一是` (一是, 二是 …), `第一` (第一, 第二 …) and `首先` (首先, 其次, 再次,
    最后) — the marks not allowed right after it; an empty string allows all, and a kind not
    given keeps its default. The half-width , and : are RL310 text-hygiene's. 第一、二季度 and
    第一、第二批 are counts, not labels.

    Bad:
        一、存在的主要问题
        一是，理论学习不够深入。二是：调查研究不够扎实。
        二、问题产生的原因
        第一、理想信念有所松懈。第二，宗旨意识有所淡化。
        → “一是”后不加标点：应为“一是理论学习不够深入…”
        → 序次语“第一”后用逗号，不用顿号：应为“第一，”
    Good:
        一、存在的主要问题
        一是理论学习不够深入。二是调查研究不够扎实。
        二、问题产生的原因
        第一，理想信念有所松懈。第二，宗旨意识有所淡化。
    """
    forbidden: dict[str, str] = {**_DEFAULT_FORBIDDEN, **(ctx.options.get("forbidden") or {})}
    paragraphs: dict[int, str] = ctx.shared("formulations.paragraphs", lambda: paragraph_texts(ctx.doc))
    for item in section.items:
        marks = forbidden.get(_ITEM_KEYS.get(item.kind, ""), "")
        text = paragraphs.get(item.line, "")
        if not marks or text[item.column - 1:item.column - 1 + len(item.label)] != item.label:
            continue
        core = item.label.rstrip(SPACES + "，,、：:")
        at = item.column - 1 + len(core)
        while at < len(text) and text[at] in SPACES:
            at += 1
        if at >= len(text) or text[at] not in marks or text[at + 1:at + 2] in tuple(_NUMBERING_NEXT):
            continue
        if item.kind == "cn_shi":
            after = re.split(f"[{SENTENCE_END}，,]", text[at + 1:at + 9])[0]
            message = f"“{core}”后不加标点：应为“{core}{after}…”"
        else:
            mark = "顿号" if text[at] == "、" else f"“{text[at]}”"
            message = f"序次语“{core}”后用逗号，不用{mark}：应为“{core}，”"
        col = at + 1
        yield Hit(message, item.line, col, item.line, col, item.path, text[item.column - 1:at + 1])


# ================================================================================================
# Fixes (`reportlint fix`): unpaired marks turned round, pairs made full-width, zeros in dates
# ================================================================================================


def mechanical_fixes(doc: Document) -> list[tuple[int, int, int, str, str, str]]:
    """(line, start, end, old, new, reason) for every change RL315, RL316 and RL317 are certain of;
    start and end are offsets in the paragraph's text."""
    paragraphs = paragraph_texts(doc)
    out = []
    for block, problems in marks_by_block(blocks(doc)):
        changes = [(i, new, "引号方向" if p.rule == "unpaired-mark" else "改为全角") for p in problems for i, new in p.fix]
        changes += [(a, new, "月、日不补零") for _, _, _, fixes in date_problems(block.text) for a, _, new in fixes]
        for pos, new, reason in changes:
            piece, offset = block.where(pos)
            start = piece.span.column - 1 + offset
            old = block.text[pos]
            if paragraphs.get(piece.span.line, "")[start:start + 1] == old:
                out.append((piece.span.line, start, start + 1, old, new, reason))
    return out


RULES = [formulation_members, formulation_name, formulation_consistency, unpaired_mark, punctuation_width,
         date_format, number_script, ordinal_punctuation]

__all__ = ["RULES", "blocks", "book_titles", "check_members", "date_problems", "enumerations", "mark_problems",
           "mechanical_fixes", "names", "number_problems", "pair_marks", "spelled_lists", "wrong_names"]
