"""The exceptions reportlint raises. Each carries a one-line message a user can act on."""

from __future__ import annotations


class ReportlintError(Exception):
    """Base class: anything reportlint reports to a user as one line, never as a traceback."""

    kind = "error"

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ReadError(ReportlintError):
    """An input that cannot be read: empty, binary, not a DOCX, encrypted, too large, hostile."""

    kind = "read-error"


class ConfigError(ReportlintError):
    """A profile or configuration file that is wrong: unknown rule, bad option, bad TOML."""

    kind = "config-error"


class RuleError(ReportlintError):
    """A rule or rule plugin that failed to load or crashed."""

    kind = "rule-error"
