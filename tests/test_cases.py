"""Every rule's case table, tests/cases/<rule name>.toml: reports the rule must flag (at exactly these
places), reports it must leave alone, and the near-misses in between.

A table is a list of `[[case]]`, each with:
  name      what the case is about (the test id)
  note      optional: why the case is there
  text      the report (or one line of one) as plain text; or
  docx      the report as a DOCX: a list of paragraphs, each a string or a table such as
            {text = "一、存在的主要问题", east_asia = "宋体", size = 18}. The DOCX is laid out as GB/T 9704
            asks (tests/docx_builders.gbt_docx: paragraph 1 is the title, typed labels or `level` make
            headings) except what a paragraph sets: run keys east_asia, font, size, bold; paragraph keys
            line_pt, line_at_least_pt, line_multiple, first_line_chars, first_line_pt, alignment; Word
            automatic numbering with level (0 = 一、) and start (the list starts again at this number);
            section = {margins_mm, size_mm} (a new Word section); {table = [[cell, …], …]} for a table
  page      DOCX only, optional: {margins_mm = [top, bottom, left, right], size_mm = [w, h],
            page_numbers = "第#页" or false, grid_pitch_pt = 28.95}; unset keys are GB/T 9704's
  numbering DOCX only, optional: the Word numbering levels, [[numFmt, lvlText], …] (default 一、（一）1.（1）)
  options   the rule's options, as a profile sets them
  profile   optional: {name = a built-in profile (default "default"), meeting, year, author, formulations}
  expect    every finding, in order: [line, column, end_column, excerpt] (1-based, end inclusive; a DOCX
            line is a paragraph), or ["document"] for a finding about the whole document (no line);
            `expect = []` means no finding
  messages  optional: the findings' messages, exactly, in the same order
  severities optional: the findings' severities ("error", "warning", "info"), in the same order
  xfail     optional: the rule is wrong on this case today (a false alarm or a miss), and why
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

import reportlint
from reportlint.config import RuleSetting, load_profile, parse_formulations
from reportlint.registry import builtin_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES_DIR = Path(__file__).parent / "cases"
RULES = {r.name: r for r in builtin_rules()}


def load_cases(name: str) -> list[dict]:
    return tomllib.loads((CASES_DIR / f"{name}.toml").read_text(encoding="utf-8"))["case"]


def document_of(case: dict) -> reportlint.Document:
    if "docx" in case:
        pytest.importorskip("docx")
        from docx_builders import gbt_docx

        page = {k: tuple(v) if isinstance(v, list) else v for k, v in case.get("page", {}).items()}
        data = gbt_docx(case["docx"], numbering=[tuple(level) for level in case.get("numbering", [])] or None, **page)
        return reportlint.parse(data, name=f"{case['name']}.docx")
    return reportlint.parse_text(case["text"], name=case.get("path", "<text>"))


def profile_of(name: str, case: dict):
    """The case's profile (default unless named) with the rule's options and the given facts."""
    facts = dict(case.get("profile", {}))
    prof = load_profile(facts.pop("name", "default"))
    if "formulations" in facts:  # a unit's own terms, as [formulations] of reportlint.toml gives them
        facts["formulations"] = parse_formulations(facts["formulations"], "<case>")
    if case.get("options"):
        prof = prof.with_rules({name: RuleSetting(options=dict(case["options"]))})
    return dataclasses.replace(prof, **facts)


def _where(f) -> list:
    return ["document"] if f.line is None else [f.line, f.column, f.end_column, f.excerpt]


def _param(name: str, case: dict):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(name, case, id=f"{name}:{case['name']}", marks=marks)


ALL_CASES = [_param(name, case) for name in RULES if (CASES_DIR / f"{name}.toml").exists()
             for case in load_cases(name)]


@pytest.mark.parametrize(("name", "case"), ALL_CASES)
def test_case_table(name: str, case: dict) -> None:
    found = reportlint.lint(document_of(case), profile_of(name, case), select=[name])
    assert [_where(f) for f in found] == case["expect"], [f.message for f in found]
    if "messages" in case:
        assert [f.message for f in found] == case["messages"]
    if "severities" in case:
        assert [str(f.severity) for f in found] == case["severities"]
    assert all(f.rule == name for f in found)


@pytest.mark.parametrize(("name", "case"), [p for p in ALL_CASES if p.values[1]["expect"] and not p.marks])
def test_ignoring_the_rule_silences_it(name: str, case: dict) -> None:
    doc = document_of(case)
    prof = profile_of(name, case)
    family = RULES[name].code[:3]  # RL1, RL2 …: ignore wins over a select that names the rule's family
    assert not [f for f in reportlint.lint(doc, prof, select=[family], ignore=[name]) if f.rule == name]
    off = prof.with_rules({name: RuleSetting(enabled=False)})
    assert not [f for f in reportlint.lint(doc, off) if f.rule == name]


def test_every_rule_has_a_case_table() -> None:
    assert [name for name in RULES if not (CASES_DIR / f"{name}.toml").exists()] == []


def test_every_table_is_a_rule_s() -> None:
    assert sorted(p.stem for p in CASES_DIR.glob("*.toml") if p.stem not in RULES) == []
