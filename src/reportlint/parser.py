"""Paragraphs → `Document`: chrome, outline/TOC, title and byline, preamble, then the section tree.

Headings are found by their labels (labels.py); the tree is built by label kind with a stack, so a
report that skips a level still nests correctly. Run-in headings are split from their body, headings
glued to the end of a paragraph are split off, and enumerations inside bodies become items.
"""

from __future__ import annotations

import functools
import re

from . import deadline
from .chars import CLAUSE_END, HAN, LINE_SPACES, SENTENCE_END, SPACES, ZERO_WIDTH
from .closing import author_kind, closing_start, is_date, read_closing
from .errors import ReadError
from .labels import Label, match_label
from .limits import LIMITS
from .model import UNIT_ROLES, Document, Item, Section, Source, Span
from .normalize import key, memoised_for_short_texts, simplify
from .patterns import LazyPattern, compile_patterns
from .resources import vocab

_HEADING_END = SENTENCE_END + "：:"  # where a run-in heading ends
_TRAILING = CLAUSE_END + "、．." + SPACES  # stripped from the end of a heading
# characters after which an inline label may start (a label inside a word is not a label)
_INLINE_BOUNDARY = set(CLAUSE_END + "、）)”\"’\n" + SPACES)
_TOC_LEADER = re.compile(r"[.．…·\s\u3000_-]{2,}\s*\d+\s*$")
# an author line under the title: 单位  姓名 (two or more spaces, or one space between Chinese
# words: 市委宣传部机关党支部 王宏), 单位：姓名, …同志, 姓名：…
_AUTHOR_LINE = LazyPattern(r"^\S.{0,30}?(\s{2,}|[:：]\s*)\S{2,4}$"
                          rf"|^\S.{{0,30}}?[{HAN}] [{HAN}·]{{2,4}}$"
                          r"|同志$|^(姓名|单位|职务|发言人)[:：]")
_MAX_TITLE_LINE = 60
_MAX_RUN_IN_HEADING = 90
_MAX_BARE_PART = 24  # a part heading without a label: 2024年度民主生活会整改落实情况
_MAX_TOC_ENTRIES = 1000  # a report's contents fill a page or two; past this it is the report itself
_UNSET = object()


class _Line:
    """One logical line: a text line, or a DOCX paragraph (or a part of it split at a soft break)."""

    __slots__ = ("auto_label", "column", "in_table", "label", "line", "outline_level", "text")

    def __init__(self, text: str, line: int, column: int, auto_label: str = "",
                 outline_level: int | None = None, in_table: bool = False) -> None:
        self.text = text  # stripped of surrounding spaces
        self.line = line
        self.column = column  # 1-based column of text[0] in the paragraph as typed
        self.auto_label = auto_label
        self.outline_level = outline_level
        self.in_table = in_table
        self.label: Label | object | None = _UNSET  # see _heading_label

    def span(self, start: int = 0, end: int | None = None) -> Span:
        end = len(self.text) if end is None else end
        piece = self.text[start:end]
        lead = len(piece) - len(piece.lstrip(LINE_SPACES))
        trail = len(piece) - len(piece.rstrip(LINE_SPACES))
        start, end = start + lead, end - trail
        return Span(self.text[start:end], self.line, self.column + start, self.line,
                    self.column + max(end - 1, start))


@functools.lru_cache(maxsize=1)
def _layout() -> dict:
    data = vocab("layout")
    return {
        "chrome": compile_patterns(data["chrome"]),
        "title_words": compile_patterns(data["title_words"]),
        "preamble": compile_patterns([f"^{w}" for w in data["preamble_openers"]]),
        "toc": compile_patterns(data["toc_heading"]),
        "never_title": compile_patterns([f"^{w}" for w in data["preamble_only_openers"]]),
        "masthead": compile_patterns(data["masthead"]),
    }


@functools.lru_cache(maxsize=1)
def _roles() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str]]:
    data = vocab("roles")
    roles = [(r["name"], compile_patterns(r["patterns"])) for r in data["role"]]
    return roles, compile_patterns(data["comparison"]["patterns"])


@memoised_for_short_texts
def role_of(heading: str) -> str:
    """The role a part heading names: problems, causes, measures, previous, case or other.
    Memoised: the parser asks it of every short line of a report without 一、 labels."""
    k = key(heading)
    for name, pattern in _roles()[0]:
        if pattern.search(k):
            return name
    return "other"


@functools.lru_cache(maxsize=1)
def _combined() -> list[tuple[str, re.Pattern[str]]]:
    return [(c["also"], compile_patterns(c["patterns"])) for c in vocab("roles")["combined"]]


def also_holds(heading: str) -> set[str]:
    """The roles a part heading names besides its own: 查摆的问题及原因分析 also holds the problems,
    原因分析及整改措施 the measures (rules/vocab/roles.toml, [[combined]])."""
    k = key(heading)
    return {also for also, pattern in _combined() if pattern.search(k)}


def is_comparison(heading: str) -> bool:
    return bool(_roles()[1].search(key(heading)))


def parse_source(source: Source) -> Document:
    """The section tree of a read report. Raises ReadError (too-large, or timeout under a deadline)
    for a report past the limits: what is counted here is counted before the work it bounds."""
    _check_size(source)
    lines = list(_logical_lines(source))
    if len(lines) > LIMITS.paragraphs:  # a DOCX paragraph split at thousands of soft line breaks
        raise ReadError("too-large", f"{len(lines):,} 行（段落中的软回车也分行），超过 {LIMITS.paragraphs:,} 行的上限"
                        "（REPORTLINT_MAX_PARAGRAPHS）", source.path)
    doc = Document(source.path, source.format, source=source)
    i = _skip_chrome(lines, doc)
    i = _skip_toc(lines, i, doc)
    i = _title(lines, i, doc)
    lines = _without_toc(lines, i, doc)[i:]
    end = closing_start(lines)
    doc.closing = read_closing(lines[end:])
    _Builder(doc).run(lines[:end])
    _assign_roles(doc)
    return doc


def _check_size(source: Source) -> None:
    """Refuse a report of more than REPORTLINT_MAX_CHARS characters (its text and Word's labels):
    the DOCX reader counts them as it reads; this covers text, PDF and converted files."""
    chars = sum(len(p.text) + len(p.label) for p in source.paragraphs)
    if chars > LIMITS.chars:
        raise ReadError("too-large", f"文字有 {chars:,} 个字符，超过 {LIMITS.chars:,} 个的上限（REPORTLINT_MAX_CHARS）",
                        source.path)


def _logical_lines(source: Source):
    for p in source.paragraphs:
        offset = 0
        for n, piece in enumerate(p.text.split("\n")):
            stripped = piece.strip(LINE_SPACES)
            label = p.label if n == 0 else ""
            if (stripped and stripped.strip(ZERO_WIDTH + LINE_SPACES)) or label:  # a U+200B line is empty
                lead = len(piece) - len(piece.lstrip(LINE_SPACES))
                yield _Line(stripped, p.line, offset + lead + 1, label, p.outline_level, p.in_table)
            offset += len(piece) + 1


def _skip_chrome(lines: list[_Line], doc: Document) -> int:
    """Web-page leftovers (…欢迎您, 浏览量:34, 发布时间:…) above the title."""
    chrome = _layout()["chrome"]
    i = 0
    while i < len(lines) and i < 12 and len(lines[i].text) <= 80 and chrome.search(lines[i].text):
        doc.chrome.append(lines[i].span())
        i += 1
    return i


def _heading_label(line: _Line) -> Label | None:
    """The label a line starts with (its automatic label if it has one). The parser asks several
    times per line (contents, title, the roles of the labelled parts, headings), so the answer is kept on
    the line."""
    if line.label is _UNSET:
        line.label = match_label(line.auto_label) if line.auto_label else match_label(line.text)
    return line.label  # type: ignore[return-value]


def _skip_toc(lines: list[_Line], i: int, doc: Document) -> int:
    """An outline or table of contents near the top: a run of bare heading lines (often under
    目录, often with ……3 page numbers) whose first heading comes again, in full, further on."""
    start = i
    titled = i < len(lines) and bool(_layout()["toc"].search(key(lines[i].text)))
    if titled:
        i += 1
    first = _heading_label(lines[i]) if i < len(lines) else None
    if first is None or first.is_item:
        return start
    j = i
    while j < len(lines) and j - i < _MAX_TOC_ENTRIES and len(lines[j].text) <= _MAX_TITLE_LINE + 20:
        label = _heading_label(lines[j])
        if label is None or label.is_item or _split_heading(lines[j].text[label.end :])[1] < len(lines[j].text[label.end :]):
            break
        if j > i and (label.kind, label.number) == (first.kind, first.number):
            break  # the outline is over: its first heading starts again
        j += 1
    if j - i < 2 and not titled:
        return start
    first_key = _entry_key(lines[i], first)
    for k in range(j, min(len(lines), j + 80)):
        label = _heading_label(lines[k])
        if label and label.kind == first.kind and label.number == first.number:
            again = _entry_key(lines[k], label)
            if again and first_key and (again.startswith(first_key) or first_key.startswith(again)):
                doc.toc.extend(line.span() for line in lines[start:j])
                return j
    return start


def _without_toc(lines: list[_Line], i: int, doc: Document) -> list[_Line]:
    """A table of contents after the title and the front matter (cover fields, preamble): only
    the first run of headings is a candidate, and only near the top."""
    for k in range(i, min(len(lines), i + 40)):
        label = _heading_label(lines[k])
        titled = bool(_layout()["toc"].search(key(lines[k].text)))
        if label is None and not titled:
            continue
        if label is not None and label.is_item:
            return lines
        end = _skip_toc(lines, k, doc)
        return lines if end == k else lines[:k] + lines[end:]
    return lines


def _entry_key(line: _Line, label: Label) -> str:
    text = line.text if line.auto_label else line.text[label.end :]
    return key(_TOC_LEADER.sub("", text))


def _title(lines: list[_Line], i: int, doc: Document) -> int:
    """The 版头 lines above the title (份号, 密级, 发文字号), title lines (one to three), then author
    and date lines; no title when the report opens with its preamble or its first heading."""
    layout = _layout()
    title: list[_Line] = []
    complete = False
    while i < len(lines):
        line = lines[i]
        text = line.text
        if _heading_label(line) is not None or len(text) > _MAX_TITLE_LINE or text[-1:] in ("。", "；", ";"):
            break
        if not text:  # an empty paragraph that only shows an automatic label Word cannot name
            i += 1
            continue
        if not title and not doc.byline and layout["masthead"].search(text):
            doc.masthead.append(line.span())
            i += 1
            continue
        if is_date(text) or (title and complete and _is_author(text, doc, lines[i + 1 : i + 2])):
            doc.byline.append(line.span())
            i += 1
            continue
        vertical = len(text) <= 2  # a title set one character per line on a cover page
        if doc.byline or (complete and not vertical and not layout["title_words"].search(text)):
            break
        if not vertical and sum(1 for t in title if len(t.text) > 2) >= 3:
            break
        if not title and (layout["never_title"].search(text)
                          or (layout["preamble"].search(text) and len(text) > 30)):
            break
        title.append(line)
        joined = simplify("".join(t.text for t in title))
        complete = complete or bool(layout["title_words"].search(simplify(text))) or bool(
            vertical and layout["title_words"].search(joined[-4:])
        )
        i += 1
    if title:
        doc.title_lines = [line.span() for line in title]
        doc.title = "".join(line.text for line in title)
    return i


def _is_author(text: str, doc: Document, following: list[_Line]) -> bool:
    """An author line under a complete title: 单位  姓名, 单位：姓名, 县委常委、副县长　周振华,
    第二党支部刘雅琴, …同志; a bare name (孙嘉禾) only next to a date line of the byline."""
    kind = author_kind(text)
    if kind == "name":
        return bool(doc.byline and is_date(doc.byline[-1].text)) or any(is_date(n.text) for n in following)
    return kind is not None or bool(_AUTHOR_LINE.search(text))


def _split_heading(text: str) -> tuple[int, int]:
    """(heading end, body start) within `text`: a run-in heading ends at its first sentence mark
    when body text follows in the same paragraph."""
    for k, ch in enumerate(text):
        if k > _MAX_RUN_IN_HEADING:
            break
        if ch in _HEADING_END:
            rest = text[k + 1 :].strip(LINE_SPACES)
            if rest:
                return k, k + 1
            break
    return len(text), len(text)


class _Builder:
    """Builds the section tree with a stack of open sections."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.stack: list[Section] = []

    def run(self, lines: list[_Line]) -> None:
        # the roles of the labelled parts (一、存在的问题 …): a bare line naming another part is that
        # part's heading with its label left out; with no 一、 at all, every bare part name is one
        self.labelled_roles = set()
        labelled = 0
        for line in lines:
            label = _heading_label(line)
            if label is None:
                continue
            labelled += 1
            if labelled > LIMITS.items:
                raise ReadError("too-large", f"以编号开头的行超过 {LIMITS.items:,} 个的上限（到第 {line.line} 段；"
                                "REPORTLINT_MAX_ITEMS）", self.doc.path)
            if 0 <= label.level <= 1:
                self.labelled_roles.add(role_of(line.text if line.auto_label else line.text[label.end :]))
        for line in lines:
            deadline.check()
            label = _heading_label(line) or self._styled_part_heading(line)
            if label is not None and not label.is_item:
                self._heading(line, label)
            elif self.stack:
                self._body(line, 0)
            else:
                self.doc.preamble.append(line.span())
        items = 0
        for section in self.doc.walk():
            deadline.check()
            section.items = _items(section, LIMITS.items - items, self.doc.path)
            items += len(section.items)

    def _styled_part_heading(self, line: _Line) -> Label | None:
        """A part heading with no label: a part name (存在的问题, 整改措施…) that is either set in
        Heading 1 style (DOCX; the style alone is never enough) or a short line of its own without
        punctuation, naming a part no labelled heading names (after 一、存在的问题, a line 存在问题 is
        a sub-title; a line 整改措施 in a report whose 一、二、 are problems and causes is the measures
        part with its label left out)."""
        styled = line.outline_level == 0 and len(line.text) <= 30
        bare = len(line.text) <= _MAX_BARE_PART and _BARE_STOP.isdisjoint(line.text)
        if not (styled or bare):
            return None
        role = role_of(line.text)
        if role in ("other", "comparison") or is_comparison(line.text):
            return None
        if not styled and role in self.labelled_roles:
            return None
        number = 1 + sum(1 for s in self.doc.sections if s.kind == "styled")
        return Label("styled", "", number, 0, 0)

    def _heading(self, line: _Line, label: Label) -> None:
        text = line.text
        if line.auto_label:
            label_text, body_start = line.auto_label.strip(), 0
            column = line.column
        else:
            label_text, body_start = label.text, label.end
            column = line.column + label.start
            if label.kind == "chapter":  # 第三部分：产生问题的原因 — the colon only separates
                while body_start < len(text) and text[body_start] in _CHAPTER_SEPARATORS:
                    body_start += 1
        end, rest = _split_heading(text[body_start:])
        heading_span = line.span(body_start, body_start + end)
        heading = heading_span.text.rstrip(_TRAILING)
        run_in = rest < len(text) - body_start
        section = Section(
            label=label_text,
            number=label.number,
            kind=label.kind,
            level=label.level,
            heading=heading,
            line=line.line,
            column=column,
            end_line=line.line,
            end_column=heading_span.column + max(len(heading), 1) - 1,
            heading_column=heading_span.column,
            run_in=run_in,
            auto_label=bool(line.auto_label),
            statement=not run_in and heading_span.text.rstrip(LINE_SPACES)[-1:] in SENTENCE_END,  # 2.每月集中学习两次。
        )
        self._push(section)
        if section.run_in:
            self._body(line, body_start + rest)

    def _push(self, section: Section) -> None:
        while self.stack and self.stack[-1].level >= section.level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        section.parent = parent
        (parent.children if parent else self.doc.sections).append(section)
        self.stack.append(section)

    def _body(self, line: _Line, start: int) -> None:
        """Body text from `start`; a heading glued after a sentence end is split off."""
        glued = self._glued_heading(line.text, start)
        if glued is None:
            if line.text[start:].strip(LINE_SPACES):
                self.stack[-1].body.append(line.span(start))
            return
        if line.text[start : glued.start].strip(LINE_SPACES):
            self.stack[-1].body.append(line.span(start, glued.start))
        rest = _Line(line.text[glued.start :], line.line, line.column + glued.start)
        self._heading(rest, Label(glued.kind, glued.text, glued.number, 0, glued.end - glued.start))

    def _glued_heading(self, text: str, start: int) -> Label | None:
        """A label after a sentence end that continues an open sequence: `…落实。（三）…`."""
        for m in _SENTENCE_BOUNDARY.finditer(text, start):
            pos = m.end()
            label = match_label(text, pos)
            if label is None or label.is_item:
                continue
            if label.number == self._expected(label):
                return label
        return None

    def _expected(self, label: Label) -> int | None:
        """The number a label of this kind would carry if it continued the open sections."""
        top = self.stack[-1]
        for section in reversed(self.stack):
            if section.kind == label.kind:
                if label.level >= 3 and section is not top:
                    return None
                return section.number + 1
        if label.level <= 2 and label.level > top.level and not any(
            c.kind == label.kind for c in top.children
        ):
            return 1
        return None


_BARE_STOP = set(CLAUSE_END + "、（）()“”\"")
_CHAPTER_SEPARATORS = "：:、，,.．" + SPACES
_SENTENCE_BOUNDARY = re.compile(f"[{SENTENCE_END}]\\s*")


def _items(section: Section, room: int, path: str) -> list[Item]:
    """Enumerations in the body: 一是…二是…, 第一，…, inline 1.… — one kind per section, the first
    that starts at 1; later labels of that kind after a boundary continue it. More than `room`
    items (what REPORTLINT_MAX_ITEMS leaves) is a ReadError."""
    found: list[tuple[Span, Label]] = []
    kind: str | None = None
    last = 0
    for span in section.body:
        text = span.text
        for pos in _candidates(text):
            label = match_label(text, pos)
            if label is None or label.start != pos:
                continue
            if kind is None:
                if label.number != 1 or not (label.is_item or label.level >= 3):
                    continue
                kind = label.kind
            elif label.kind != kind or label.number > last + 3:
                continue
            last = label.number
            found.append((span, label))
        if len(found) > room:
            raise ReadError("too-large", f"条目（一是…、1.…）超过 {LIMITS.items:,} 个的上限（到第 {span.line} 段；"
                            "REPORTLINT_MAX_ITEMS）", path)
    items = []
    for n, (span, label) in enumerate(found):
        if n + 1 < len(found) and found[n + 1][0] is span:
            end = found[n + 1][1].start
        else:
            end = len(span.text)
        raw = span.text[label.end : end]
        body = raw.rstrip(LINE_SPACES)
        # the last character of the item: its text's, or its label's when the text is empty
        end_col = span.column + (label.end + len(body) - 1 if body else label.start + len(label.text) - 1)
        items.append(
            Item(label.text, label.number, label.kind, body.strip(LINE_SPACES), span.line,
                 span.column + label.start, span.line, end_col, section)
        )
    return items


_ITEM_START = re.compile(r"[首其再最（(第〇零一二三四五六七八九十两0-9０-９①-⑳]")


_QUOTED = re.compile(r"“[^“”]*”|‘[^‘’]*’|「[^「」]*」")


def _candidates(text: str):
    """Where an item label may start: the paragraph's start, or after a boundary — never inside
    quotation marks (没有做到“一是一、二是二”: a phrase quoted, not a list)."""
    quoted = [m.span() for m in _QUOTED.finditer(text)] if "“" in text or "‘" in text or "「" in text else []
    for m in _ITEM_START.finditer(text):
        pos = m.start()
        if (pos == 0 or text[pos - 1] in _INLINE_BOUNDARY) and not any(a < pos < b for a, b in quoted):
            yield pos


def _assign_roles(doc: Document) -> None:
    for section in doc.sections:
        section.role = role_of(section.name)  # 第一部分 alone on its line: the line under it names the part
        named_by = section.name_line
        children = (*section.children, *(named_by.children if named_by is not None else ()))
        held = also_holds(section.name)
        if held:  # 查摆的问题及原因分析 / （一）存在的问题 / （二）产生问题的原因: each subsection holds its role
            section.holds = tuple(sorted(held))
            held.add(section.role)
            named = [role_of(child.heading) for child in children]
            if len(set(named)) >= 2 and set(named) <= held:  # every subsection named for one of them
                for child, role in zip(children, named, strict=True):
                    child.role = role
        if section.role == "problems" or "problems" in held:
            for child in children:
                if child.role is None and is_comparison(child.heading):
                    child.role = "comparison"
                    child.statement = False  # （一）在理论学习方面。 names an aspect: alone it is empty
                _name_roles_within(child)


_ROLE_NAME_CHARS = 8  # 问题表现 / 原因分析 / 整改措施: a role's name, not a sentence about it


def _name_roles_within(section: Section) -> None:
    """A section of a problems part (（一）理论学习方面) whose subsections are named for two roles or
    more (1．问题表现：… 2．原因分析：…): each subsection holds its role's units."""
    named = [role_of(child.heading) if len(child.heading) <= _ROLE_NAME_CHARS else "other"
             for child in section.children]
    roles = {role for role in named if role in UNIT_ROLES}
    if len(roles) < 2:
        return
    for child, role in zip(section.children, named, strict=True):
        if role in UNIT_ROLES and child.role is None:
            child.role = role


__all__ = ["is_comparison", "parse_source", "role_of"]
