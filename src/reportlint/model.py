"""The report model: what the readers produce (paragraphs) and what the parser builds (the tree).

Every node keeps the location of its text in the input (SPEC §2) so findings can point at it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .chars import SENTENCE_END


@dataclass
class StyleFacts:
    """Formatting facts of a DOCX paragraph, resolved the way Word resolves them (None = unknown)."""

    style_name: str | None = None
    east_asia_font: str | None = None
    ascii_font: str | None = None
    size_pt: float | None = None
    bold: bool | None = None
    alignment: str | None = None
    line_spacing_pt: float | None = None
    line_spacing_multiple: float | None = None
    line_spacing_rule: str | None = None
    first_line_indent_pt: float | None = None
    first_line_indent_chars: float | None = None
    runs: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Paragraph:
    """One paragraph as a reader sees it: a text line, or one DOCX `w:p` in body order."""

    text: str
    line: int
    label: str = ""  # a Word automatic-numbering label as Word shows it ("一、"), not part of `text`
    outline_level: int | None = None  # 0 = Heading 1 / 标题 1; from the style or w:outlineLvl
    in_table: bool = False
    style: StyleFacts | None = None


@dataclass
class Source:
    """A decoded input: its paragraphs and what the reader learned about the file."""

    path: str
    format: str  # "text" or "docx" (also for converted files: locations are paragraph numbers)
    paragraphs: list[Paragraph]
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # reader-specific (page setup, numbering...)
    converted_from: str | None = None  # "pdf", "doc", "wps", "odt", "rtf": read through a conversion


@dataclass
class Span:
    """A located piece of text: 1-based line and column, end inclusive."""

    text: str
    line: int
    column: int
    end_line: int
    end_column: int

    def location(self) -> dict[str, int]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass
class Item:
    """An enumerated item inside a section body: 一是…, 第一，…, inline 1.…"""

    label: str
    number: int
    kind: str
    text: str  # the item's text without its label
    line: int
    column: int  # column of the label
    end_line: int
    end_column: int
    section: Section | None = field(default=None, repr=False)

    @property
    def path(self) -> str:
        base = self.section.path if self.section is not None else ""
        own = strip_label(self.label)
        return f"{base}/{own}" if base else own

    @property
    def first_sentence(self) -> str:
        return first_sentence(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "number": self.number,
            "text": self.text,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass
class Section:
    """A heading found by its label, with the body text and items under it, and its subsections."""

    label: str
    number: int
    kind: str  # label kind from the grammar: cn_dun, cn_paren, ar_dot, ar_dun, ar_paren, ...
    level: int  # 1..4 by label kind (SPEC §1)
    heading: str  # without label and trailing punctuation
    line: int
    column: int  # column of the label (or of the heading for automatic labels)
    end_line: int
    end_column: int  # last column of the heading
    heading_column: int = 0  # column where the heading text starts (after the label)
    role: str | None = None
    holds: tuple[str, ...] = ()  # a part holding two roles (查摆的问题及原因分析): the other one
    run_in: bool = False
    auto_label: bool = False  # label comes from Word automatic numbering
    statement: bool = False  # the numbered line is a whole sentence (1.每月集中学习两次。), nothing after it
    body: list[Span] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    @property
    def path(self) -> str:
        parts = []
        node: Section | None = self
        while node is not None:
            parts.append(strip_label(node.label) or node.heading[:8])
            node = node.parent
        return "/".join(reversed(parts))

    @property
    def name_line(self) -> Section | None:
        """For a label alone on its line (第一部分), the unlabelled line under it that names the
        part (存在的主要问题): the parser reads the part's role from it. None otherwise."""
        if self.heading.strip() or not self.children or self.children[0].label:
            return None
        return self.children[0]

    @property
    def name(self) -> str:
        """What a reader calls the section: its heading, or the line that names it (`name_line`)."""
        line = self.name_line
        return line.heading if line is not None else self.heading

    @property
    def text(self) -> str:
        """Heading and body as one string (what content rules read)."""
        return "".join([self.heading, *[b.text for b in self.body]])

    @property
    def heading_span(self) -> Span:
        return Span(self.heading, self.line, self.heading_column or self.column, self.end_line, self.end_column)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def is_empty(self) -> bool:
        """A bare heading with nothing under it. A numbered line that is itself a statement
        (`1、每月走访群众不少于5户，建立台账`, `2.每月集中学习两次。`) has content, even with no body."""
        if self.children or self.items or any(b.text.strip() for b in self.body) or self.statement:
            return False
        return len(self.heading) <= 30 and not any(ch in self.heading for ch in "，,；;")

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "number": self.number,
            "level": self.level,
            "heading": self.heading,
            "role": self.role,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "run_in": self.run_in,
            "body": [b.text for b in self.body],
            "items": [i.to_dict() for i in self.items],
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class Unit:
    """A problem, cause or measure: the leaf units of a part (items, else the section itself)."""

    id: str
    role: str  # problems | causes | measures
    path: str
    label: str
    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    heading: str = ""  # the section heading the unit sits under (context for matching)
    bold_lead: int = 0  # DOCX: length of a bold headline the text starts with, plain text after it

    @property
    def first_sentence(self) -> str:
        return first_sentence(self.text)


@dataclass
class ClosingLine:
    """A line of the closing matter (SPEC §1): kind `signature`, `date`, `attachments` (附件：1.…),
    `attachment-page` (附件1), `cc` (抄送/印发/联系人) or `other`. `body` holds the lines that belong
    to it: the rest of an attachment list, an attachment page's title and text."""

    kind: str
    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    body: list[Span] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.text, self.line, self.column, self.end_line, self.end_column)

    def spans(self) -> list[Span]:
        return [self.span, *self.body]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "line": self.line, "column": self.column,
                "body": [b.text for b in self.body]}


@dataclass
class Document:
    """A parsed report."""

    path: str
    format: str
    title: str | None = None
    title_lines: list[Span] = field(default_factory=list)
    byline: list[Span] = field(default_factory=list)  # author and date lines under the title
    masthead: list[Span] = field(default_factory=list)  # 份号, 密级, 发文字号 lines above the title
    chrome: list[Span] = field(default_factory=list)  # web-page leftovers before the title
    toc: list[Span] = field(default_factory=list)  # an outline printed before the title
    preamble: list[Span] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[ClosingLine] = field(default_factory=list)  # signature, date, attachments, cc
    source: Source | None = field(default=None, repr=False)

    @property
    def encoding(self) -> str | None:
        return self.source.encoding if self.source else None

    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def closing_spans(self, kinds: Sequence[str] | None = None) -> list[Span]:
        """Every located piece of the closing matter (of these kinds), in order."""
        return [span for c in self.closing if kinds is None or c.kind in kinds for span in c.spans()]

    def part(self, role: str) -> list[Section]:
        return [s for s in self.sections if s.role == role]

    def units(self, role: str) -> list[Unit]:
        """The leaf units of every part with this role, numbered p1…, c1…, m1… in document order."""
        prefix = {"problems": "p", "causes": "c", "measures": "m"}.get(role, role[:1])
        out: list[Unit] = []
        paragraphs = self.docx_paragraphs()
        for part in self._parts_holding(role):
            if role in part.holds or (part.holds and part.role == role):  # 问题表现：… 原因剖析：…
                marked = _marker_units(part, role)
                if marked or part.role != role:
                    out.extend(marked)
                    continue
            headlines = self.paragraph_units(part, role, paragraphs)
            for node in _leaf_nodes(part):
                if isinstance(node, Section) and id(node) in headlines:
                    out.extend(_headline_units(node, headlines[id(node)], role, paragraphs))
                    continue
                above = node.section if isinstance(node, Item) else node.parent
                if above is part and part.parent is not None and part.parent.parent is not None:
                    above = part.parent  # 1．问题表现 under （一）理论学习方面: the comparison heading
                unit = Unit("", role, node.path, node.label, node.text, node.line, node.column,
                            node.end_line, node.end_column, above.heading if above else "")
                if node.line in paragraphs:
                    unit.bold_lead = bold_lead(paragraphs[node.line], node.column - 1, node.text)
                out.append(unit)
        for n, unit in enumerate(out, 1):
            unit.id = f"{prefix}{n}"
        return out

    def paragraph_units(self, part: Section, role: str | None,
                        paragraphs: dict[int, Paragraph] | None = None) -> dict[int, list[tuple[int, Span]]]:
        """The sections of a part whose unlabelled paragraphs are its units, one each (`一/¶N`,
        `一/（一）/¶N`): paragraphs opening with a short headline sentence (`headline_sections`), or
        a problems part of as many paragraphs as the problems the report announces
        (`counted_paragraphs`). A DOCX's paragraphs (`docx_paragraphs`) show headlines set in bold."""
        found = headline_sections(part, self.docx_paragraphs() if paragraphs is None else paragraphs)
        if not found and role == "problems":
            found = counted_paragraphs(part, self.announced_problems())
        return found

    def docx_paragraphs(self) -> dict[int, Paragraph]:
        """A DOCX's paragraphs by line, with their formatting (empty for other formats)."""
        return {p.line: p for p in self.source.paragraphs} if self.source and self.format == "docx" else {}

    def announced_problems(self) -> int | None:
        """The number of problems the report says it lists (查摆出6个方面12个问题), in its preamble
        or at the head of its problems part; None when it says none, or only in a sentence about
        another count (2023年民主生活会查摆的10个问题，已完成整改9个)."""
        pattern, other = _count_patterns()
        for span in [*self.preamble, *(s for part in self.part("problems") for s in part.body[:1])]:
            for m in pattern.finditer(span.text):
                if not other.search(_sentence(span.text, m.start(), m.end())):
                    return _count(m.group("n"))
        return None

    def _parts_holding(self, role: str) -> list[Section]:
        """The parts with this role, and in a part that holds two (查摆的问题及原因分析) the
        subsections named for it (（一）存在的问题, or within each comparison section 1．问题表现 /
        2．原因分析) — or, when none is, the part itself, whose marker lines (问题表现：…
        原因剖析：…) hold its units."""
        found: list[Section] = []
        for part in self.sections:
            named = [s for s in part.walk() if s is not part and s.role in UNIT_ROLES]
            if named:
                found.extend(c for c in named if c.role == role)
            elif part.role == role or role in part.holds:
                found.append(part)
        return found

    def to_dict(self) -> dict[str, Any]:
        converted = {"converted_from": self.source.converted_from} if self.source and self.source.converted_from else {}
        return {
            "path": self.path,
            "format": self.format,
            **converted,
            "title": self.title,
            "masthead": [s.text for s in self.masthead],
            "byline": [s.text for s in self.byline],
            "preamble": [s.text for s in self.preamble],
            "toc": [s.text for s in self.toc],
            "sections": [s.to_dict() for s in self.sections],
            "closing": [c.to_dict() for c in self.closing],
        }


UNIT_ROLES = ("problems", "causes", "measures")
_MARKER = re.compile(r"^\s*([^，,。：:；;]{2,8})[：:]")


def _marker_units(part: Section, role: str) -> list[Unit]:
    """In a part holding two roles without subsections named for them, the body lines that open
    with a marker naming this role (（一）带头…方面 / 问题表现：… / 原因剖析：…): one unit each, its path
    `二/（一）/¶N` (N its place among the section's body lines)."""
    from .parser import role_of  # the parser builds the model: imported here, where it is needed

    units = []
    for section in part.walk():
        for n, span in enumerate(section.body, 1):
            marker = _MARKER.match(span.text)
            if marker and role_of(marker.group(1)) == role:
                units.append(Unit("", role, f"{section.path}/¶{n}", "", span.text, span.line, span.column,
                                  span.end_line, span.end_column, section.heading))
    return units


def _headline_units(section: Section, found: list[tuple[int, Span]], role: str,
                    paragraphs: dict[int, Paragraph]) -> list[Unit]:
    """One unit per headline paragraph of a section (`headline_sections`): path `…/¶N`."""
    units = []
    for n, span in found:
        unit = Unit("", role, f"{section.path}/¶{n}", "", span.text, span.line, span.column,
                    span.end_line, span.end_column, section.heading)
        if span.line in paragraphs:
            unit.bold_lead = bold_lead(paragraphs[span.line], span.column - 1, span.text)
        units.append(unit)
    return units


def _leaf_nodes(section: Section) -> Iterator[Section | Item]:
    if section.role == "comparison" and section.is_empty():
        return  # a comparison heading with nothing under it (RL104) states no problem
    if section.children:
        yield from section.items
        for child in section.children:
            yield from _leaf_nodes(child)
    elif section.items:
        yield from section.items
    else:
        yield section


_HEADLINE_END = "。！？!?"
# a paragraph going on with the one before it (an example, the cause, what comes next), not a new
# headline: 比如今年3月… / 具体表现在… / 究其原因，…
_CONTINUES = re.compile(r"\s*(?:(?:比如|例如|譬如|其中|特别是|尤其是|同时|另外|此外|但是|具体表现|主要表现|表现在"
                        r"|究其原因|分析原因|原因在于|对此|下一步|今后)|(?:如|但|而)[，,：:])")
_HEADLINE_CHARS = (4, 32)  # a headline sentence: 工作作风还需改进。 … 党员日常教育管理监督偏松。
_MIN_AFTER_HEADLINE = 10  # the paragraph goes on after its headline


def headline_sections(part: Section, paragraphs: dict[int, Paragraph] | None = None) -> dict[int, list[tuple[int, Span]]]:
    """The sections of a part written as paragraphs that each open with a short headline sentence
    (政治引领作用发挥不够充分。支部组织…), ending in 。 or set in bold: {id(section): [(N, paragraph)…]},
    N the paragraph's place among the section's body paragraphs (its unit path `一/¶N`, or
    `一/（二）/¶N` under a comparison heading). One problem, cause or measure each (SPEC §1).

    The part itself when its body reads that way; else its subsections, when every one of them
    with a body of its own (heading on its own line, no items) reads that way and one has two such
    paragraphs or more — a section whose body is one paragraph, or one problem written over two
    plain paragraphs, stays one unit."""
    found = headline_paragraphs(part, paragraphs)
    if found:
        return {id(part): found}
    if not part.children:
        return {}
    bodies = [s for s in part.walk() if s is not part and not s.children and not s.items and s.body]
    split = {id(s): headline_paragraphs(s, paragraphs, alone=True) for s in bodies if not s.run_in}
    if not split or len(split) < len(bodies) or not all(split.values()):
        return {}
    return split if max(len(found) for found in split.values()) >= 2 else {}


def headline_paragraphs(section: Section, paragraphs: dict[int, Paragraph] | None = None,
                        alone: bool = False) -> list[tuple[int, Span]]:
    """(N, paragraph) for the body paragraphs of a section (a part, or with `alone` a subsection,
    where one such paragraph may be all there is) that each open with a headline sentence; empty
    for a section with subsections or items, or whose paragraphs do not read that way."""
    if section.children or section.items or len(section.body) < (1 if alone else 2):
        return []
    found = [(n, span) for n, span in enumerate(section.body, 1) if _opens_with_headline(span, paragraphs or {})]
    if len(found) == len(section.body) and (alone or len(found) >= 2):
        return found
    if len(found) < 2 or len(found) < len(section.body) - 1:  # an opening or closing sentence may stand apart
        return []
    return found


def counted_paragraphs(part: Section, announced: int | None) -> dict[int, list[tuple[int, Span]]]:
    """A problems part whose unlabelled paragraphs are as many as the problems the report announces
    (查摆出以下4个问题 over four paragraphs that do not open with short headline sentences): one
    problem each, as `headline_sections` gives them — the part's paragraphs (after a first one that
    announces them, …如下：), or its sections' when each has a body of its own on its own lines."""
    if not announced or announced < 2 or part.items:
        return {}
    if not part.children:
        body = list(enumerate(part.body, 1))
        if len(body) == announced + 1 and body[0][1].text.rstrip().endswith(_ANNOUNCING_END):
            body = body[1:]
        return {id(part): body} if len(body) == announced else {}
    leaves = [s for s in part.walk() if s is not part and not s.children]
    if any(s.items or s.run_in or not s.body for s in leaves) or len(leaves) == announced:
        return {}
    if sum(len(s.body) for s in leaves) != announced:
        return {}
    return {id(s): list(enumerate(s.body, 1)) for s in leaves}


_ANNOUNCING_END = ("：", ":", "如下。", "如下", "问题。")


@functools.cache
def _count_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The announced problem count and the clause that counts something else (rules/vocab/counts.toml)."""
    from .resources import vocab

    counts = vocab("counts")
    return re.compile(counts.get("problems") or "(?!)"), re.compile(counts.get("other_clause") or "(?!)")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (between 。！？) around text[start:end]."""
    left = max(text.rfind(p, 0, start) for p in SENTENCE_END)
    right = min((i for i in (text.find(p, end) for p in SENTENCE_END) if i >= 0), default=len(text))
    return text[left + 1 : right]


_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _count(text: str) -> int | None:
    """12, 十二, 二十, 两 → the number (1–99); None for anything else."""
    if text.isdigit():
        return int(text)
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _opens_with_headline(span: Span, paragraphs: dict[int, Paragraph]) -> bool:
    """The paragraph opens with a short sentence (工作作风还需改进。…) or, in a DOCX, a bold lead
    (**学习形式比较单一**支部…, often with no full stop before the body), and goes on after it."""
    if _CONTINUES.match(span.text):
        return False
    paragraph = paragraphs.get(span.line)
    lead = bold_lead(paragraph, span.column - 1, span.text) if paragraph is not None else 0
    if lead >= _HEADLINE_CHARS[0] and len(span.text) - lead >= _MIN_AFTER_HEADLINE:
        return True
    sentence = first_sentence(span.text)
    return (len(span.text) - len(sentence) >= _MIN_AFTER_HEADLINE and sentence[-1:] in _HEADLINE_END
            and _HEADLINE_CHARS[0] <= len(sentence) <= _HEADLINE_CHARS[1])


def label_runs(nodes: Sequence[Section | Item]) -> Iterator[list[Section | Item]]:
    """Consecutive sibling nodes of one label kind: one numbered sequence (1, 2, 3…)."""
    run: list[Section | Item] = []
    for node in nodes:
        if run and node.kind != run[-1].kind:
            yield run
            run = []
        run.append(node)
    if run:
        yield run


_SUB_HEADING_STOP = set("。，,；;：:！!？?、")
# the end of an item that introduces a new list after its last sentence: …只写了2篇。究其原因，一是…
_LEAD_IN = re.compile(r"[。！？!?；;][^。！？!?；;，,：:]{1,12}[，,：:]\s*$")


def item_runs(section: Section) -> Iterator[list[Section | Item]]:
    """`label_runs` of a section's items, where a list starting again at 一是 is a new list, not a
    restart, after an unlabelled sub-heading (a body line of its own, short and without
    punctuation: 在理论学习方面 / 一是…二是… / 在服务群众方面 / 一是…), after a run-in one opening
    the item's paragraph (在履职尽责方面：一是…), or after a sentence introducing it (…二是笔记少。
    究其原因，一是…二是…)."""
    item_lines = {item.line for item in section.items}
    breaks = [b.line for b in section.body
              if len(b.text) <= 30 and b.line not in item_lines and _SUB_HEADING_STOP.isdisjoint(b.text)]
    run_in = _run_in_sub_heading_lines(section)
    for run in label_runs(section.items):
        part: list[Section | Item] = []
        for item in run:
            if part and item.number == 1 and (_LEAD_IN.search(part[-1].text)
                                              or any(part[-1].line < line < item.line for line in breaks)
                                              or (part[-1].line < item.line and run_in.get(item.line) == item.column)):
                yield part
                part = []
            part.append(item)
        yield part


_RUN_IN_SUB_HEADING = re.compile(r"^\s*([^。！？!?；;：:]{2,30})[：:。]\s*$")


def _run_in_sub_heading_lines(section: Section) -> dict[int, int]:
    """{line: column of the first item} for the body paragraphs that open with a short sub-heading of
    their own before their first item (在联系群众方面：一是…): a list under it starts again at 一是."""
    first_item: dict[int, int] = {}
    for item in section.items:
        first_item.setdefault(item.line, item.column)
    found: dict[int, int] = {}
    for span in section.body:
        column = first_item.get(span.line)
        if column is not None and column > span.column and _RUN_IN_SUB_HEADING.match(span.text[:column - span.column]):
            found[span.line] = column
    return found


def numbered_runs(doc: Document, with_parts: bool = True) -> list[list[Section | Item]]:
    """Every sequence of labels that should count 1, 2, 3…: the parts (left out when they are
    counted as `mixed_parts`), each section's subsections, and its items (`item_runs`). RL105 checks
    them and `fix` renumbers them: one reading for both."""
    runs: list[list[Section | Item]] = list(label_runs(doc.sections)) if with_parts else []
    for section in doc.walk():
        runs.extend(label_runs(section.children))
        runs.extend(item_runs(section))  # a list under an unlabelled sub-heading starts again
    return runs


def mixed_parts(parts: Sequence[Section]) -> list[Section]:
    """Parts labelled 一、二、 around a part heading whose label was left out (存在的主要问题 / 二、 /
    三、), in order: each holds its place in the count (the i-th should be labelled i). Empty when
    the parts are not mixed that way. RL105 checks this order and `fix` restores it.

    An unlabelled part reviewing last year's measures before the numbered ones (2024年度民主生活会
    整改落实情况 / 一、存在的主要问题 / 二、…) is a lead-in, like the preamble: it holds no place."""
    start = 0
    while start < len(parts) and parts[start].kind == "styled" and parts[start].role == "previous":
        start += 1
    counted = parts[start:]
    if not (any(s.kind == "styled" for s in counted) and any(s.kind == "cn_dun" for s in counted)):
        return []
    return [s for s in counted if s.kind in ("styled", "cn_dun")]


_LABEL_TAIL = "、.．,，"


def strip_label(label: str) -> str:
    """`一、` → `一`, `1.` → `1`, `（二）` stays: the form used in section paths (SPEC §3)."""
    return label.strip().rstrip(_LABEL_TAIL)


def bold_lead(paragraph: Paragraph, search_from: int, text: str) -> int:
    """How many characters of `text` (found in `paragraph` from `search_from`) are a bold lead
    followed by plain text: the headline of a DOCX item set in bold, often without a full stop
    (**学习不够深入**今年只…). 0 when the text does not start bold, or is bold throughout."""
    runs = paragraph.style.runs if paragraph.style else []
    start = paragraph.text.find(text, search_from) if text else -1
    if start < 0 or not runs:
        return 0
    pos = start
    for run in runs:
        end = run["start"] + len(run["text"])
        if end <= pos:
            continue
        if run["start"] > pos or not (run.get("bold") or not run["text"].strip()):
            break  # a gap (a field's result, say) or plain text: the lead ends here
        pos = end
    lead = pos - start
    return lead if 2 <= lead < len(text.rstrip()) else 0


def first_sentence(text: str) -> str:
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            return text[: i + 1]
    return text
