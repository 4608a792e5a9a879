"""What a lint run produces: findings, per-file results, and the run's exit code (SPEC §3).

Everything here is plain data: results cross back from worker processes (`--jobs`) and are kept
in the result cache (cache.py), and every output format is written from them alone."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .matcher import Correspondence, Entry
    from .model import Document, Section


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (error, warning, info or off)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """One finding, as reported (SPEC §3)."""

    code: str
    rule: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    section: str | None = None
    excerpt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "section": self.section,
            "excerpt": self.excerpt,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """The inverse of to_dict; TypeError, KeyError or ValueError for anything else."""
        return cls(_required(d["code"], str), _required(d["rule"], str),
                   Severity.parse(_required(d["severity"], str)), _required(d["message"], str),
                   _optional(d.get("line"), int), _optional(d.get("column"), int),
                   _optional(d.get("end_line"), int), _optional(d.get("end_column"), int),
                   _optional(d.get("section"), str), _optional(d.get("excerpt"), str))

    @property
    def layout(self) -> bool:
        """A GB/T 9704 layout finding (fonts, sizes, spacing, indent, page setup, page numbers)."""
        return self.code in LAYOUT_CODES

    def sort_key(self) -> tuple[bool, int, int, str]:
        """A file's content findings first, by location, then its layout findings: what a reviewer
        sends a report back for comes before how it is set."""
        return (self.layout, self.line or 0, self.column or 0, self.code)


LAYOUT_CODES = frozenset({"RL401", "RL402", "RL403", "RL404", "RL405", "RL406", "RL407"})


@dataclass(frozen=True)
class OutlineSection:
    """A heading of the report as the HTML report lists it."""

    label: str
    heading: str
    role: str | None
    line: int
    items: int  # how many items (一是…, 1.…) it holds
    empty: bool  # no subsection, no item, no body text
    children: tuple[OutlineSection, ...] = ()

    @classmethod
    def of(cls, section: Section) -> OutlineSection:
        children = tuple(cls.of(c) for c in section.children)
        empty = not children and not section.items and not any(b.text.strip() for b in section.body)
        return cls(section.label, section.heading, section.role, section.line, len(section.items), empty, children)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OutlineSection:
        return cls(_required(d["label"], str), _required(d["heading"], str), _optional(d["role"], str),
                   _required(d["line"], int), _required(d["items"], int), _required(d["empty"], bool),
                   tuple(cls.from_dict(c) for c in _required(d["children"], list)))


@dataclass(frozen=True)
class MapLink:
    """A link of the problem → cause → measure map: the cause or measure, its score, why."""

    id: str
    score: float
    evidence: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MapLink:
        score = d["score"]
        if not isinstance(score, (int, float)) or isinstance(score, bool):
            raise TypeError("expected a number")
        return cls(_required(d["id"], str), float(score), _strings(d["evidence"]))


@dataclass(frozen=True)
class MapEntry:
    """A problem, cause or measure of the map, as a page shows it: where it is, its headline, and
    its links (a problem's causes and measures; the problems a cause or measure answers)."""

    id: str
    section: str
    line: int
    name: str  # the headline, or the start of the text
    causes: tuple[MapLink, ...] = ()
    measures: tuple[MapLink, ...] = ()
    problems: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MapEntry:
        return cls(_required(d["id"], str), _required(d["section"], str), _required(d["line"], int),
                   _required(d["name"], str), tuple(MapLink.from_dict(x) for x in _required(d["causes"], list)),
                   tuple(MapLink.from_dict(x) for x in _required(d["measures"], list)), _strings(d["problems"]))


@dataclass(frozen=True)
class OutlineMap:
    """The problem → cause → measure map the correspondence rules found, as the review page and
    the map page show it (reportlint.matcher.Correspondence is the full one)."""

    problems: tuple[MapEntry, ...]
    causes: tuple[MapEntry, ...]
    measures: tuple[MapEntry, ...]
    has_causes_part: bool
    has_measures_part: bool

    @classmethod
    def of(cls, corr: Correspondence) -> OutlineMap:
        def entry(e: Entry) -> MapEntry:
            name = e.headline or e.unit.text
            return MapEntry(e.id, e.unit.path, e.unit.line, name if len(name) <= 80 else name[:79] + "…",
                            tuple(MapLink(lk.id, round(lk.score, 2), tuple(lk.evidence[:4])) for lk in e.causes),
                            tuple(MapLink(lk.id, round(lk.score, 2), tuple(lk.evidence[:4])) for lk in e.measures),
                            tuple(e.problems))

        return cls(tuple(entry(e) for e in corr.problems), tuple(entry(e) for e in corr.causes),
                   tuple(entry(e) for e in corr.measures), corr.has_causes_part, corr.has_measures_part)

    def target(self, unit_id: str) -> MapEntry:
        """The cause or measure a link points to."""
        return next(e for e in (*self.causes, *self.measures) if e.id == unit_id)

    def without(self, kind: str) -> tuple[MapEntry, ...]:
        """Problems without a cause (kind "causes") or a measure ("measures"), when the part is there."""
        if not (self.has_causes_part if kind == "causes" else self.has_measures_part):
            return ()
        return tuple(p for p in self.problems if not getattr(p, kind))

    def orphans(self, kind: str) -> tuple[MapEntry, ...]:
        """Causes or measures that answer no problem (none when there are no problems to answer)."""
        return tuple(e for e in getattr(self, kind) if not e.problems) if self.problems else ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OutlineMap:
        def entries(key: str) -> tuple[MapEntry, ...]:
            return tuple(MapEntry.from_dict(x) for x in _required(d[key], list))

        return cls(entries("problems"), entries("causes"), entries("measures"),
                   _required(d["has_causes_part"], bool), _required(d["has_measures_part"], bool))


@dataclass(frozen=True)
class Outline:
    """What the output formats need of a parsed report besides its findings: the section tree and
    the problem → cause → measure map the HTML report shows, and the title paragraph `annotate` puts
    unlocated findings on. Kept instead of the Document, so that no format reads a file again."""

    title: str | None
    title_line: int | None  # the title's first line (paragraph, in a DOCX)
    preamble_paragraphs: int
    preamble_chars: int
    sections: tuple[OutlineSection, ...]
    map: OutlineMap | None = None  # None when no correspondence rule ran

    @classmethod
    def of(cls, doc: Document, corr: Correspondence | None = None) -> Outline:
        return cls(doc.title, doc.title_lines[0].line if doc.title_lines else None, len(doc.preamble),
                   sum(len(s.text) for s in doc.preamble), tuple(OutlineSection.of(s) for s in doc.sections),
                   OutlineMap.of(corr) if corr is not None else None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Outline:
        """The inverse of to_dict; TypeError, KeyError or ValueError for anything else."""
        return cls(_optional(d["title"], str), _optional(d["title_line"], int),
                   _required(d["preamble_paragraphs"], int), _required(d["preamble_chars"], int),
                   tuple(OutlineSection.from_dict(s) for s in _required(d["sections"], list)),
                   OutlineMap.from_dict(d["map"]) if d.get("map") is not None else None)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(_required(x, str) for x in _required(value, list))


def _required(value: Any, kind: type) -> Any:
    """`value` if it is a `kind` (a bool is not taken for an int), else TypeError: a damaged cache
    entry is refused when it is read, not when a format trips over it."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _optional(value: Any, kind: type) -> Any:
    return None if value is None else _required(value, kind)


@dataclass
class FileResult:
    """One file's result: its findings, or why it could not be read, and its outline."""

    path: str
    format: str | None = None
    profile: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: dict[str, str] | None = None  # {"kind": …, "message": …} when the file could not be read
    outline: Outline | None = field(default=None, repr=False)  # None when the file could not be read
    converted_from: str | None = None  # "pdf", "doc", "wps", "odt", "rtf": read through a conversion
    profile_reason: str | None = None  # why this profile: "--profile", "config: …", "auto: 标题“…”…"

    @property
    def title_line(self) -> int | None:
        """Where `annotate` puts findings without a location: the title's first paragraph."""
        return self.outline.title_line if self.outline else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "format": self.format}
        if self.converted_from:
            out["converted_from"] = self.converted_from
        out.update(profile=self.profile, profile_reason=self.profile_reason, error=self.error,
                   findings=[f.to_dict() for f in self.findings])
        return out


@dataclass
class RunResult:
    files: list[FileResult]
    fail_on: Severity = Severity.ERROR

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.files for x in f.findings if x.severity == severity)

    @property
    def exit_code(self) -> int:
        """2 if any input could not be read, else 1 if a finding reaches the fail level, else 0."""
        if any(f.error for f in self.files):
            return 2
        if any(x.severity >= self.fail_on for f in self.files for x in f.findings):
            return 1
        return 0

    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "failed_files": sum(
                1 for f in self.files if f.error or any(x.severity >= self.fail_on for x in f.findings)
            ),
            "error": self.count(Severity.ERROR),
            "warning": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "files": [f.to_dict() for f in self.files], "summary": self.summary()}
