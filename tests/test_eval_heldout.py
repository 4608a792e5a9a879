"""The matcher on the held-out evaluation set (tests/eval/heldout/): reports in work areas the theme
vocabulary was first tuned without. Its misses were later looked at to choose mechanisms and, on
2026-11-24, vocabulary (批评和自我批评, 基层负担): it is tuning data now, and tests/eval/fresh2/ is the
set nobody tuned on. These floors keep the numbers from sliding back (raise them when the matcher
improves, never lower them to make a change pass). bench/eval_matcher.py --set heldout prints the
same numbers with every miss."""

from __future__ import annotations

from eval_sets import gold_file, needs, result_fixture

pytestmark = needs("heldout")
result = result_fixture("heldout")


def test_variants_parse_like_the_gold(result):
    assert result.errors == []


def test_every_inserted_orphan_is_flagged(result):
    # every orphan problem gets RL201 or RL202; 9 of 10 get both (8 before a measure had to show the
    # theme the problem's headline names)
    assert result.orphan.recall == 1.0, result.orphan.misses
    assert result.no_cause.recall == 1.0, result.no_cause.misses
    assert result.both.recall >= 0.9, result.both.misses


def test_few_false_alarms(result):
    # measured: the 10 flagged problems are the 10 real orphans (before the 批评 / 基层负担 vocabulary:
    # 10 of 13, 3 false RL201)
    assert result.orphan.precision >= 0.9, result.orphan.misses
    assert result.no_cause.fp <= 1, result.no_cause.misses
    assert result.no_measure.fp <= 1, result.no_measure.misses
    assert result.orphan_targets.fp <= 2, result.orphan_targets.misses


def test_matched_insertions_link_to_their_cause_and_measure(result):
    assert result.matched_links.fn == 0, result.matched_links.misses


def test_links_against_gold(result):
    # measured: precision 94.5%, recall 95.4%, best link is gold 96 of 100
    assert result.link_recall >= 0.94
    assert result.link_precision >= 0.94
    assert result.top_hits >= 0.92 * result.top_total


def test_heldout_eval_is_fast(result):
    assert result.seconds < 10


def test_links_show_the_report_s_own_words_and_the_measure_they_go_through():
    # 分级诊疗 is in no vocabulary: the link to its cause is carried by the shared domain words and by
    # the measure that answers both (经措施…), and the evidence says so
    import reportlint
    from reportlint.matcher import correspond

    corr = correspond(reportlint.parse(str(gold_file("heldout").parent / "reports" / "05-branch-2019-hospital-four-contrasts.txt")))
    p = next(e for e in corr.problems if e.unit.path == "一/（一）/二是")  # 分级诊疗推进不力
    cause = corr.entry(p.causes[0].id)
    assert cause.unit.path == "二/（二）"  # 对医改政策的政治站位不高
    assert "分级诊疗" in p.causes[0].evidence
    assert any(ev.startswith("经措施三/（一）") for ev in p.causes[0].evidence)
