"""The rule engine: which rules run with what severity and options, each run over its scope of a
parsed document, and their hits turned into findings.

A rule that crashes becomes one error finding for that document; it never stops the other rules.
The per-file deadline (deadline.py) is checked between rules and between the sections and texts a
rule looks at; past it, ReadError("timeout") ends the lint. Reading files, the project
configuration, the cache and worker processes are the runner's (runner.py); this module only ever
sees a Document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import deadline
from .checks import Context, Hit, Rule, text_spans
from .config import Profile, ProjectConfig
from .errors import ConfigError, ReadError
from .findings import Finding, Severity
from .limits import LIMITS
from .model import Document
from .registry import all_rules


@dataclass(frozen=True)
class ActiveRule:
    """A rule as it runs in one lint: with the severity and options the profile gives it."""

    rule: Rule
    severity: Severity
    options: dict[str, Any]


def _matches(rule: Rule, selectors: Iterable[str]) -> bool:
    for s in selectors:
        s = s.strip()
        if s and (s == rule.name or s.upper() == rule.code or (s.upper().startswith("RL") and rule.code.startswith(s.upper()))):
            return True
    return False


def active_rules(
    profile: Profile, select: Sequence[str] = (), ignore: Sequence[str] = (), fmt: str | None = None
) -> list[ActiveRule]:
    """The rules that run, with their severity and options: profile settings, then --select
    (which also turns on rules the profile has off) and --ignore."""
    rules = all_rules()
    for s in (*select, *ignore):
        if s.strip() and not any(_matches(r, [s]) for r in rules):
            raise ConfigError(f"unknown rule {s!r} in --select/--ignore (see `reportlint rules`)")
    active = []
    for r in rules:
        setting = profile.setting(r.name, r.code)
        enabled = setting.enabled
        if select:
            enabled = _matches(r, select)
        if ignore and _matches(r, ignore):
            enabled = False
        if not enabled or (fmt is not None and fmt not in r.formats):
            continue
        active.append(ActiveRule(r, setting.severity or r.severity, {**r.options, **setting.options}))
    return active


def run_rule(rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A rule's hits over its scope: the document once, every section, or every located text."""
    if rule.scope == "document":
        yield from rule.check(ctx)
    elif rule.scope == "section":
        for section in ctx.doc.walk():
            deadline.check()
            yield from rule.check(ctx, section)
    else:  # the located texts are listed once per document, not once per text rule
        for span, section in ctx.shared("engine.text_spans", lambda: list(text_spans(ctx.doc))):
            deadline.check()
            yield from rule.check(ctx, span, section)


def lint(
    doc: Document,
    profile: str | Path | Profile | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config: ProjectConfig | None = None,
    shared: dict[str, Any] | None = None,
) -> list[Finding]:
    """Findings for a parsed document, content before layout, each sorted by location. With no
    profile named (or `auto`), the built-in one that fits the report (autoprofile.py). `shared`
    receives what the rules computed once for the document (the correspondence map…), for a caller
    that shows it too."""
    from .autoprofile import settle_profile

    prof, _ = settle_profile(doc, profile, config)
    shared = {} if shared is None else shared
    findings: list[Finding] = []
    rules = active_rules(prof, select, ignore, doc.format)
    not_a_report = _not_a_report(doc, rules, prof, shared)
    if not_a_report:  # a README, a notice: one info finding, not a report's errors
        return not_a_report
    for active in rules:
        deadline.check()
        ctx = Context(doc, active.options, prof, shared)
        try:
            for n, hit in enumerate(run_rule(active.rule, ctx)):
                if n == LIMITS.findings_per_rule:  # a pathological file must not cost unbounded memory
                    findings.append(_too_many(active, hit))
                    break
                findings.append(_finding(active, hit))
        except ReadError:  # past the deadline, or the matcher's work bound: the file's error, not the rule's
            raise
        except Exception as exc:  # one rule's bug must not hide the other findings
            findings.append(
                Finding(active.rule.code, active.rule.name, Severity.ERROR,
                        f"rule {active.rule.name} crashed on this file: {type(exc).__name__}: {exc}")
            )
    findings.sort(key=Finding.sort_key)
    return findings


def _not_a_report(doc: Document, rules: list[ActiveRule], profile: Profile, shared: dict[str, Any]) -> list[Finding]:
    """RL100's finding when the rule is on and the document is not a report (checks/recognition.py)."""
    for active in rules:
        if active.rule.name == "not-a-report":
            ctx = Context(doc, active.options, profile, shared)
            return [_finding(active, hit) for hit in run_rule(active.rule, ctx)]
    return []


def _too_many(active: ActiveRule, hit: Hit) -> Finding:
    return Finding(
        active.rule.code, active.rule.name, Severity.INFO,
        f"more {active.rule.name} findings in this file are not listed (at most {LIMITS.findings_per_rule} "
        "per rule and file; REPORTLINT_MAX_FINDINGS_PER_RULE)", hit.line, hit.column, hit.end_line, hit.end_column,
        hit.section,
    )


def _severity(active: ActiveRule, hit: Hit) -> Severity:
    """The hit's own severity if it sets one, but a hit the rule lowers (an uncertain RL201 is a
    warning) never rises above what the profile set for the rule (RL201 = "info" keeps it info)."""
    if hit.severity is None:
        return active.severity
    if hit.severity < active.rule.severity:
        return min(hit.severity, active.severity)
    return hit.severity


def _finding(active: ActiveRule, hit: Hit) -> Finding:
    return Finding(
        active.rule.code, active.rule.name, _severity(active, hit), hit.message,
        hit.line, hit.column, hit.end_line, hit.end_column, hit.section, hit.excerpt,
    )
