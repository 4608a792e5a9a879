"""The matcher on the labelled evaluation sets of tests/eval/, in text and in DOCX (Word automatic
numbering): every floor of tests/eval/floors.toml, one [[set]] per set with the comments that explain
its floors. bench/eval_matcher.py scores a set (`--set NAME`) and prints the same figures with every
miss."""

from __future__ import annotations

import functools
import operator
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from eval_matcher import SETS as SET_FILES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FLOORS = Path(__file__).parent / "eval" / "floors.toml"
FORMATS = ("text", "docx")
_COMPARE = {"==": operator.eq, ">=": operator.ge, "<=": operator.le, "<": operator.lt}
_FLOOR = re.compile(r"([\w.]+) (==|>=|<=|<) ([\d.]+)(?: \* (\w+))?")


@dataclass(frozen=True)
class Floor:
    """`figure op bound` ("orphan.recall >= 0.9"), the bound optionally a share of another figure
    ("top_hits >= 0.9 * top_total")."""

    text: str

    def parts(self) -> tuple[str, str, float, str | None]:
        figure, op, bound, of = _FLOOR.fullmatch(self.text).groups()
        return figure, op, float(bound), of

    def __str__(self) -> str:
        return self.text.replace(" ", "")


def load_sets() -> list[tuple[str, list[Floor]]]:
    table = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
    return [(row["name"], [Floor(text) for text in row["floors"]]) for row in table["set"]]


SETS = load_sets()


def _present(name: str) -> pytest.MarkDecorator:
    """Skip a set that is not there (a trimmed copy of the repository)."""
    return pytest.mark.skipif(not SET_FILES[name][0].exists(), reason=f"{name} evaluation set not present")


def _each_set(with_floors: bool) -> list:
    return [
        pytest.param(name, fmt, *([floor] if with_floors else []), marks=_present(name),
                     id=f"{name}-{fmt}" + (f"-{floor}" if with_floors else ""))
        for name, floors in SETS for fmt in FORMATS for floor in (floors if with_floors else (None,))
    ]


@functools.cache
def scores(name: str, fmt: str):
    """One set's scores in one format (an eval_matcher.Result), computed once for all its tests."""
    from eval_matcher import evaluate

    return evaluate(fmt, set_name=name)


def _needs_builder(fmt: str) -> None:
    from eval_matcher import _docx_builder

    if fmt == "docx" and _docx_builder() is None:
        pytest.skip("tests/docx_builders.py has no docx_from_text")


def _figure(result, dotted: str):
    value = result
    for attr in dotted.split("."):
        value = getattr(value, attr)
    return value


def test_every_floor_is_well_formed():
    assert [f.text for _, floors in SETS for f in floors if not _FLOOR.fullmatch(f.text)] == []
    assert [name for name, _ in SETS if name not in SET_FILES] == []


@pytest.mark.parametrize(("name", "fmt"), _each_set(with_floors=False))
def test_variants_parse_like_the_gold(name: str, fmt: str):
    _needs_builder(fmt)
    assert scores(name, fmt).errors == []


@pytest.mark.parametrize(("name", "fmt", "floor"), _each_set(with_floors=True))
def test_floor(name: str, fmt: str, floor: Floor):
    _needs_builder(fmt)
    result = scores(name, fmt)
    figure, op, bound, of = floor.parts()
    value = _figure(result, figure)
    if of:
        bound *= _figure(result, of)
    if "." in figure:  # a score's floor shows the score's misses when it fails
        assert _COMPARE[op](value, bound), _figure(result, figure.rsplit(".", 1)[0]).misses
    else:
        assert _COMPARE[op](value, bound)


@_present("heldout")
def test_links_show_the_report_s_own_words_and_the_measure_they_go_through():
    # 分级诊疗 is in no vocabulary: the link to its cause is carried by the shared domain words and by
    # the measure that answers both (经措施…), and the evidence says so
    import reportlint
    from reportlint.matcher import correspond

    reports = SET_FILES["heldout"][1]
    corr = correspond(reportlint.parse(str(reports / "05-branch-2019-hospital-four-contrasts.txt")))
    p = next(e for e in corr.problems if e.unit.path == "一/（一）/二是")  # 分级诊疗推进不力
    cause = corr.entry(p.causes[0].id)
    assert cause.unit.path == "二/（二）"  # 对医改政策的政治站位不高
    assert "分级诊疗" in p.causes[0].evidence
    assert any(ev.startswith("经措施三/（一）") for ev in p.causes[0].evidence)
