"""One report as `similar` keeps it: its problems, causes and measures (located pieces of text,
folded and masked), their fingerprints, and what names its author. Made file by file, in worker
processes with -j; the parsed document is dropped as soon as its sketch is made, so a batch costs
memory by its text, not by its trees."""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import deadline
from ..checks import text_spans
from ..errors import ReadError, ReportlintError
from ..limits import LIMITS
from ..model import Document, Section, Span, Unit
from .text import (
    MASK_A,
    Expected,
    common_length,
    fingerprints,
    fold_masked,
    merged,
    quotations,
    raw_index,
    settings,
    spread,
)

ROLES = ("problems", "causes", "measures")
MAX_PASSAGES = 4096  # passages of a report fingerprinted (the index keeps 12 bits for them)
_HEADING_ROLES = {"comparison", "problems", "causes", "measures", "previous", "case"}


@dataclass
class Piece:
    """Located text: `text` starts at (line, column) of the input; `expected` for a heading every
    report of the kind has (a required comparison heading, a part heading)."""

    line: int
    column: int
    text: str
    expected: bool = False


@dataclass
class Passage:
    """A problem, cause or measure (or, for --previous, the whole text) as compared."""

    role: str
    section: str
    pieces: list[Piece]
    folded: str  # expected text as MASK_A
    own: int  # characters not expected: what a share counts

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def raw_index(self) -> Callable[[int], int]:
        """For a folded character, its index in `text` (recomputed when a location is needed)."""
        return raw_index(self.text)

    def locate(self, start: int, end: int) -> dict[str, object]:
        """Line, column, end line, end column (inclusive) and section of text[start:end]."""
        first, last = self._at(start), self._at(max(end - 1, start))
        return {"line": first[0], "column": first[1], "end_line": last[0], "end_column": last[1],
                "section": self.section}

    def _at(self, index: int) -> tuple[int, int]:
        for piece in self.pieces:
            if index < len(piece.text):
                return piece.line, piece.column + index
            index -= len(piece.text)
        last = self.pieces[-1]
        return last.line, last.column + max(len(last.text) - 1, 0)


@dataclass
class Sketch:
    """A report: its passages (problems, causes, measures in document order) and fingerprints
    (hash << 32 | passage index); `error` when it could not be read."""

    path: str
    error: dict[str, str] | None = None
    format: str = "text"  # "docx": a location's line is a paragraph number
    title: str = ""
    byline: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    fingerprints: array = field(default_factory=lambda: array("Q"))  # 8 bytes each
    whole: Passage | None = None  # the whole text, kept when comparing with last year


def sketch_file(path: str, expected: Expected, *, whole: bool = False, encoding: str | None = None) -> Sketch:
    """Read, parse and sketch one file; any problem reading it becomes the sketch's error. The
    time limit of `check` (REPORTLINT_FILE_SECONDS) holds for reading and parsing."""
    from ..parser import parse_source
    from ..readers import read

    out = Sketch(path)
    try:
        started = time.monotonic()
        source = read(path, encoding=encoding)
        with deadline.within(LIMITS.file_seconds, None if source.converted_from else started):
            doc = parse_source(source)
    except ReportlintError as exc:
        out.error = {"kind": exc.kind, "message": str(exc) if exc.path else f"{path}: {exc.message}"}
        return out
    except (RecursionError, MemoryError) as exc:
        error = ReadError("too-large", f"结构过于复杂，无法读取（{type(exc).__name__}）", path)
        out.error = {"kind": error.kind, "message": str(error)}
        return out
    return sketch_document(doc, expected, whole=whole, into=out)


def sketch_document(doc: Document, expected: Expected, *, whole: bool = False, into: Sketch | None = None) -> Sketch:
    out = into or Sketch(doc.path)
    out.format = doc.format
    out.title = doc.title or ""
    out.byline = [s.text for s in doc.byline]
    spans = list(text_spans(doc))
    sections = {s.path: s for s in doc.walk()}
    lines = {p.line: p.text for p in doc.source.paragraphs} if doc.source else {}
    k, window = settings().kgram, settings().window
    kept: list[int] = []
    for role in ROLES:
        for unit in doc.units(role):
            passage = _passage(role, unit.path, _pieces(unit, sections.get(unit.path), spans, lines), expected)
            if passage.own:
                n = len(out.passages)
                if n < MAX_PASSAGES:
                    kept.extend(spread(h) << 32 | n for h in fingerprints(passage.folded, k, window))
                out.passages.append(passage)
    out.fingerprints = array("Q", sorted(kept))
    if whole:
        body = [Piece(s.line, s.column, s.text, section is not None and span_is_heading(s, section))
                for s, section in spans if section is not None or any(s is p for p in doc.preamble)]
        out.whole = _passage("whole", "", body, expected)
    return out


def span_is_heading(span: Span, section: Section) -> bool:
    """Whether `span` is the heading of a section every report of the kind has."""
    return section.role in _HEADING_ROLES and span.line == section.line and span.text == section.heading


def _passage(role: str, path: str, pieces: list[Piece], expected: Expected) -> Passage:
    text = "".join(p.text for p in pieces)
    spans, at = [], 0
    for piece in pieces:
        if piece.expected:
            spans.append((at, at + len(piece.text)))
        at += len(piece.text)
    spans += quotations(text, settings().max_quote)
    folded = expected.masked(fold_masked(text, merged(spans)))
    return Passage(role, path, pieces, folded, len(folded) - folded.count(MASK_A))


def _pieces(unit: Unit, section: Section | None, spans: list[tuple[Span, Section | None]],
            lines: dict[int, str]) -> list[Piece]:
    """The located pieces whose concatenation is the unit's text: the item's text in its paragraph,
    a section's heading and body lines, a headline paragraph; with the punctuation between a run-in
    heading and its text (`lines`: the paragraphs), so a passage shows as the file has it. The
    heading of a comparison section standing as a unit is expected text."""
    text, pos = unit.text, 0
    out: list[Piece] = []
    last = max([unit.end_line, *(b.line for b in section.body)]) if section is not None else unit.end_line
    for span, owner in spans:
        if pos >= len(text):
            break
        if not unit.line <= span.line <= last:
            continue
        rest = text[pos:]
        if rest.startswith(span.text):  # a heading, a body line
            at, n = 0, len(span.text)
        else:  # an item within its paragraph
            start = unit.column - span.column if span.line == unit.line and not out else 0
            at = span.text.find(rest[:12], max(start, 0))
            if at < 0:
                continue
            n = common_length(span.text, at, rest, 0)
        heading = section is not None and owner is section and span_is_heading(span, section)
        if out and out[-1].line == span.line:
            out.extend(_between(out[-1], span.column + at, lines.get(span.line, "")))
        out.append(Piece(span.line, span.column + at, rest[:n], heading and section is not None and section.role == "comparison"))
        pos += n
    if pos < len(text):  # not located piece by piece: the whole text at the unit's start
        return [Piece(unit.line, unit.column + len(unit.label), text)]
    return out


def _between(before: Piece, column: int, line: str) -> list[Piece]:
    """The punctuation between two pieces of one paragraph (`。` after a run-in heading)."""
    start = before.column + len(before.text)
    gap = line[start - 1:column - 1]
    if not gap or len(gap) > 3 or any(ch.isalnum() for ch in gap):
        return []
    return [Piece(before.line, start, gap)]
