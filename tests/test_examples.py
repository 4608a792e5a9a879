"""The shipped examples say what examples/README.md promises."""

from __future__ import annotations

from pathlib import Path

import reportlint
from reportlint.findings import Severity

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _outline(doc):
    return [(s.label, s.heading, s.role, len(s.items)) for s in doc.walk()]


def test_docx_example_is_the_text_example_with_word_numbering_and_clean_layout():
    text = reportlint.parse(EXAMPLES / "member-2023-speech.txt")
    docx = reportlint.parse(EXAMPLES / "member-2023-speech.docx")
    assert docx.format == "docx" and docx.title == text.title
    assert _outline(docx) == _outline(text)
    assert all(s.auto_label for s in docx.walk() if s.level <= 2)
    assert reportlint.lint(docx, "2023-org-four-inspections") == []


def test_clean_examples_have_nothing_at_warning_or_above():
    for name in ("branch-2025-clean.txt", "member-2023-speech.txt"):
        found = reportlint.lint(reportlint.parse(EXAMPLES / name))
        assert [f for f in found if f.severity >= Severity.WARNING] == [], name


def test_defects_example_reports_each_planted_defect():
    found = {(f.line, f.rule) for f in reportlint.lint(reportlint.parse(EXAMPLES / "leader-2024-defects.txt"),
                                                       "2024-dem-four-leads")}
    planted = {(2, "placeholder"), (4, "placeholder"), (4, "meeting-type-mismatch"), (11, "pinyin-substitution"),
               (12, "problem-without-cause"), (12, "problem-without-measure"), (14, "placeholder"),
               (22, "empty-section"), (26, "numbering-sequence"), (29, "vague-measure"), (30, "placeholder")}
    assert planted <= found
