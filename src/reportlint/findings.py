"""What a lint run produces: findings, per-file results, and the run's exit code (SPEC §3).

Everything here is plain data: results cross back from worker processes (`--jobs`) and are kept
in the result cache (cache.py), and every output format is written from them alone."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line or 0, self.column or 0, self.code)


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
class Outline:
    """What the output formats need of a parsed report besides its findings: the section tree the
    HTML report shows and the title paragraph `annotate` puts unlocated findings on. Kept instead
    of the Document, so that no format reads a file again."""

    title: str | None
    title_line: int | None  # the title's first line (paragraph, in a DOCX)
    preamble_paragraphs: int
    preamble_chars: int
    sections: tuple[OutlineSection, ...]

    @classmethod
    def of(cls, doc: Document) -> Outline:
        return cls(doc.title, doc.title_lines[0].line if doc.title_lines else None, len(doc.preamble),
                   sum(len(s.text) for s in doc.preamble), tuple(OutlineSection.of(s) for s in doc.sections))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Outline:
        """The inverse of to_dict; TypeError, KeyError or ValueError for anything else."""
        return cls(_optional(d["title"], str), _optional(d["title_line"], int),
                   _required(d["preamble_paragraphs"], int), _required(d["preamble_chars"], int),
                   tuple(OutlineSection.from_dict(s) for s in _required(d["sections"], list)))


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
