"""What a lint run produces: findings, per-file results, and the run's exit code (SPEC §3)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple


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


class Finding(NamedTuple):
    """One finding, as reported (SPEC §3); an immutable record (a named tuple: cheap to define at
    start-up and to create, thousands per large report)."""

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

    def sort_key(self) -> tuple:
        return (self.line or 0, self.column or 0, self.code)


@dataclass
class FileResult:
    path: str
    format: str | None = None
    profile: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: dict[str, str] | None = None  # {"kind": …, "message": …} when the file could not be read
    document: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "profile": self.profile,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }


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
