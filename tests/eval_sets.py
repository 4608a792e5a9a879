"""Set-up shared by the matcher evaluation tests (test_eval*.py): one labelled set of tests/eval/,
scored once per test module, as text and as DOCX, by bench/eval_matcher.py (the command that prints
the same numbers with every miss)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


def gold_file(set_name: str) -> Path:
    from eval_matcher import SETS

    return SETS[set_name][0]


def needs(set_name: str) -> pytest.MarkDecorator:
    """Skip the module when the set is not there (a trimmed copy of the repository)."""
    return pytest.mark.skipif(not gold_file(set_name).exists(), reason=f"{set_name} evaluation set not present")


def result_fixture(set_name: str):
    """The module's `result` fixture: the set's scores in each format."""

    @pytest.fixture(scope="module", params=["text", "docx"])
    def result(request):
        from eval_matcher import _docx_builder, evaluate

        if request.param == "docx" and _docx_builder() is None:
            pytest.skip("tests/docx_builders.py has no docx_from_text")
        return evaluate(request.param, set_name=set_name)

    return result
