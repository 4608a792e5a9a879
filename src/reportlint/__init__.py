"""reportlint: lint Chinese self-inspection reports (对照检查材料, 检视剖析材料, 发言提纲).

    import reportlint
    doc = reportlint.parse("a.docx")          # a path, or bytes
    doc = reportlint.parse_text("一、存在的主要问题\\n…")
    findings = reportlint.lint(doc)
    result = reportlint.check_bytes(data, "a.docx")   # a report held in memory: result.passed, .to_dict()
    copy = reportlint.annotate(data, "a.docx")        # the .docx with the findings as Word comments

Nothing heavy is imported here: python-docx only loads when a DOCX is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError, ReadError, ReportlintError, RuleError
from .model import Document, Item, Section, Source, Span, Unit

if TYPE_CHECKING:
    from .api import Result, UnreadableError, annotate, check_bytes
    from .config import Profile, ProjectConfig
    from .findings import Finding, RunResult, Severity

__version__ = "0.1.0"


def parse(source: str | os.PathLike[str] | bytes, *, name: str | None = None, encoding: str | None = None) -> Document:
    """Read and parse a report from a path or from bytes (text or DOCX, decided by content)."""
    from .parser import parse_source
    from .readers import read

    return parse_source(read(source, name=name, encoding=encoding))


def parse_text(text: str, *, name: str = "<text>") -> Document:
    """Parse a report given as a string."""
    from .parser import parse_source
    from .readers.text import source_from_text

    return parse_source(source_from_text(text, name))


def lint(
    doc: Document | str | os.PathLike[str] | bytes,
    profile: str | Path | Profile | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config: ProjectConfig | None = None,
) -> list[Finding]:
    """Findings for a report (a parsed Document, a path, or bytes), sorted by location.

    `profile` is a built-in profile name, a profile TOML path, or a `Profile`; `select`/`ignore`
    take rule names, codes or code prefixes."""
    from .engine import lint as _lint

    if not isinstance(doc, Document):
        doc = parse(doc)
    return _lint(doc, profile, select=select, ignore=ignore, config=config)


def check_paths(
    paths: Iterable[str],
    *,
    profile: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | Severity | None = None,
    config: str | None = None,
    encoding: str | None = None,
    jobs: int | None = None,
    isolated: bool = False,
) -> RunResult:
    """Lint files and directories like `reportlint check`; returns a RunResult (with .exit_code).

    `isolated=True` reads no configuration file found beside or above the files (`--isolated`): a
    service checking files from strangers passes it, or its own `config`."""
    from .runner import RunOptions
    from .runner import check_paths as _check

    options = RunOptions(profile=profile, select=tuple(select), ignore=tuple(ignore), fail_on=fail_on,
                         config=config, encoding=encoding, use_config=not isolated)
    return _check(list(paths), options, jobs=jobs)


# the in-memory calls (api.py) load the runner, so they are imported when first used
_IN_MEMORY = ("Result", "UnreadableError", "annotate", "check_bytes")


def __getattr__(name: str) -> object:
    if name in _IN_MEMORY:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'reportlint' has no attribute {name!r}")


__all__ = [
    "ConfigError",
    "Document",
    "Item",
    "ReadError",
    "ReportlintError",
    "Result",
    "RuleError",
    "Section",
    "Source",
    "Span",
    "Unit",
    "UnreadableError",
    "annotate",
    "check_bytes",
    "check_paths",
    "lint",
    "parse",
    "parse_text",
]
