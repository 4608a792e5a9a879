"""The rule API: a rule is a plain function plus one frozen record describing it.

    @rule("RL301", "placeholder", severity="error", scope="text", options={"patterns": []})
    def placeholder(ctx, span):
        \"\"\"Template leftovers … (this docstring is what `reportlint rule placeholder` prints)\"\"\"
        for m in PATTERN.finditer(span.text):
            yield ctx.hit(span, m.start(), m.end(), f"placeholder {m.group()!r} left in")

Scopes decide what the linter passes in besides the context:
- "document": called once, `fn(ctx)`;
- "section": called for every section, `fn(ctx, section)`;
- "text": called for every located piece of text (title, byline, preamble, headings, bodies, the
  closing matter),
  `fn(ctx, span, section)` (section is None outside the sections).
Rules never change the document or their options; they yield `Hit`s and the linter turns them into
findings with the rule's code, name and configured severity.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..findings import Severity
from ..model import Document, Item, Section, Span, Unit

SCOPES = ("document", "section", "text")


@dataclass(frozen=True)
class Hit:
    """Where and why a rule fired; the linter adds code, name and severity."""

    message: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    section: str | None = None
    excerpt: str | None = None
    severity: Severity | None = None  # a rule may lower or raise one hit (rarely needed)


@dataclass(frozen=True)
class Rule:
    """A rule: its identity, default severity, scope and options, and the function that checks."""

    code: str
    name: str
    severity: Severity
    scope: str
    options: Mapping[str, Any]
    check: Callable[..., Iterable[Hit]]
    formats: tuple[str, ...] = ("text", "docx")  # which inputs the rule applies to
    version: str = "1"
    # checks the options a profile sets beyond their types (raises ValueError saying what is wrong)
    validate: Callable[[Mapping[str, Any]], None] | None = None

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def __call__(self, *args: Any) -> Iterable[Hit]:
        return self.check(*args)


def rule(
    code: str,
    name: str,
    *,
    severity: str = "warning",
    scope: str = "document",
    options: Mapping[str, Any] | None = None,
    formats: tuple[str, ...] = ("text", "docx"),
    validate: Callable[[Mapping[str, Any]], None] | None = None,
) -> Callable[[Callable[..., Iterable[Hit]]], Rule]:
    if scope not in SCOPES:
        raise ValueError(f"rule {name}: unknown scope {scope!r}")

    def wrap(fn: Callable[..., Iterable[Hit]]) -> Rule:
        return Rule(code, name, Severity.parse(severity), scope, dict(options or {}), fn, formats, validate=validate)

    return wrap


class Context:
    """What a rule may look at: the document, its own options, and the active profile."""

    def __init__(self, doc: Document, options: Mapping[str, Any], profile: Any = None,
                 _cache: dict[str, Any] | None = None) -> None:
        self.doc = doc
        self.options = options
        self.profile = profile  # reportlint.config.Profile
        self._cache = {} if _cache is None else _cache

    def __repr__(self) -> str:
        return f"Context(doc={self.doc!r}, options={self.options!r}, profile={self.profile!r})"

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value several rules need (the correspondence map, say), computed once per document."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    # -- building hits -------------------------------------------------------------------------
    def hit(self, span: Span, start: int, end: int, message: str, section: Section | None = None) -> Hit:
        """A hit on span.text[start:end] (end exclusive), located in the input."""
        end = max(end, start + 1)
        return Hit(
            message,
            span.line,
            span.column + start,
            span.line,
            span.column + end - 1,
            section.path if section is not None else None,
            span.text[start:end],
        )

    def hit_section(self, section: Section, message: str) -> Hit:
        """A hit on a section's label and heading."""
        return Hit(message, section.line, section.column, section.end_line, section.end_column,
                   section.path, (section.label + section.heading)[:60])

    def hit_unit(self, unit: Unit | Item, message: str) -> Hit:
        """A hit on a problem/cause/measure: its label and first sentence, not the whole paragraph."""
        sentence = unit.first_sentence
        end_col = unit.column + len(unit.label) + len(sentence) - 1
        if unit.line == unit.end_line:
            end_col = min(end_col, unit.end_column)
        return Hit(message, unit.line, unit.column, unit.line, end_col, unit.path, (unit.label + sentence)[:60])

    def hit_document(self, message: str) -> Hit:
        """A hit about something absent (line null, SPEC §2)."""
        return Hit(message)


def text_spans(doc: Document) -> Iterator[tuple[Span, Section | None]]:
    """Every located piece of text, with the section it belongs to (None outside the sections)."""
    for span in (*doc.masthead, *doc.title_lines, *doc.byline, *doc.preamble):
        yield span, None
    for section in doc.walk():
        if section.heading:
            yield section.heading_span, section
        for span in section.body:
            yield span, section
    for span in doc.closing_spans():
        yield span, None


__all__ = ["SCOPES", "Context", "Hit", "Rule", "rule", "text_spans"]
