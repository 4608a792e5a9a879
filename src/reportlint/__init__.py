"""reportlint: lint Chinese self-inspection reports (对照检查材料, 检视剖析材料, 发言提纲).

    import reportlint
    doc = reportlint.parse("a.docx")          # a path, or bytes
    doc = reportlint.parse_text("一、存在的主要问题\\n…")
    findings = reportlint.lint(doc)

Nothing heavy is imported here: python-docx only loads when a DOCX is read.
"""

from __future__ import annotations

import os

from .errors import ConfigError, ReadError, ReportlintError, RuleError
from .model import Document, Item, Section, Source, Span, Unit

__version__ = "0.1.0"


def parse(source: str | os.PathLike | bytes, *, name: str | None = None, encoding: str | None = None) -> Document:
    """Read and parse a report from a path or from bytes (text or DOCX, decided by content)."""
    from .parser import parse_source
    from .readers import read

    return parse_source(read(source, name=name, encoding=encoding))


def parse_text(text: str, *, name: str = "<text>") -> Document:
    """Parse a report given as a string."""
    from .parser import parse_source
    from .readers.text import source_from_text

    return parse_source(source_from_text(text, name))


def lint(doc: Document | str | os.PathLike | bytes, profile=None, *, select=(), ignore=(), config=None):
    """Findings for a report (a parsed Document, a path, or bytes), sorted by location.

    `profile` is a built-in profile name, a profile TOML path, or a `Profile`; `select`/`ignore`
    take rule names, codes or code prefixes."""
    from .engine import lint as _lint

    if not isinstance(doc, Document):
        doc = parse(doc)
    return _lint(doc, profile, select=select, ignore=ignore, config=config)


def check_paths(paths, **kwargs):
    """Lint files and directories like `reportlint check`; returns a RunResult (with .exit_code)."""
    from .runner import RunOptions
    from .runner import check_paths as _check

    run_keys = {"profile", "select", "ignore", "fail_on", "config", "encoding"}
    options = RunOptions(**{k: (tuple(v) if k in ("select", "ignore") else v) for k, v in kwargs.items() if k in run_keys})
    return _check(list(paths), options, **{k: v for k, v in kwargs.items() if k not in run_keys})


__all__ = [
    "ConfigError",
    "Document",
    "Item",
    "ReadError",
    "ReportlintError",
    "RuleError",
    "Section",
    "Source",
    "Span",
    "Unit",
    "check_paths",
    "lint",
    "parse",
    "parse_text",
]
