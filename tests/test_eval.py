"""The matcher on the labelled evaluation set (tests/eval/): every inserted orphan problem is reported
as lacking a cause and a measure (RL201 + RL202), and no problem that has a matching cause and measure
is reported, in text and in DOCX. bench/eval_matcher.py prints the same numbers with every miss."""

from __future__ import annotations

from eval_sets import needs, result_fixture

pytestmark = needs("tuned")
result = result_fixture("tuned")


def test_variants_parse_like_the_gold(result):
    assert result.errors == []


def test_every_inserted_orphan_is_reported_on_both_sides(result):
    assert result.both.fn == 0, result.both.misses
    assert result.no_cause.recall == 1.0 and result.no_measure.recall == 1.0


def test_no_matched_problem_is_reported(result):
    assert result.no_cause.fp == 0, result.no_cause.misses
    assert result.no_measure.fp == 0, result.no_measure.misses


def test_no_orphan_cause_or_measure_in_base_reports(result):
    assert result.orphan_targets.fp == 0, result.orphan_targets.misses


def test_matched_insertions_link_to_their_cause_and_measure(result):
    assert result.matched_links.fn == 0, result.matched_links.misses


def test_links_against_gold(result):
    # every gold link scored, not only orphan status: most gold links are found, and the best link
    # of a problem is a gold one nine times in ten
    assert result.link_recall >= 0.9
    assert result.top_hits >= 0.9 * result.top_total
    assert result.link_precision >= 0.6


def test_eval_is_fast(result):
    assert result.seconds < 10
