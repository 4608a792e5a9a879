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
    "parse",
    "parse_text",
]
