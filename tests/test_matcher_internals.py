"""The matcher's fast paths give what the plain computations they replace give (same grams, same
sums, same nearest link)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportlint
from reportlint.matcher import Options, candidates, correspond
from reportlint.matcher import text as mtext
from reportlint.matcher.signals import dot
from reportlint.matcher.vocab import Vocab, load_vocab

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-report.txt"
if not SEED.exists():
    SEED = Path("/work/shared/examples/seed-report.txt")
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="seed report not available")

_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")

TEXTS = [
    "",
    "学",
    "理论学习不够深入，学懂弄通做实不够。",
    "对属地网站、网民留言的管理不到位了吗？推进分级诊疗2024年ABC工作",
    "满足于完成任务，不及时、不主动；的的的了了了。",
    "针对“服务群众不够主动”的问题，改进服务流程（一）整改措施…",
]


def _plain_bigrams(text: str, v: Vocab) -> list[str]:
    """The bigrams as the matcher used to find them: run by run, pair by pair."""
    out = []
    for run in _RUN.findall(text):
        for i in range(len(run) - 1):
            g = run[i : i + 2]
            if g not in v.stop and run[i] not in v.drop_chars and run[i + 1] not in v.drop_chars:
                out.append(g)
    return out


def _plain_trigrams(text: str, v: Vocab) -> list[str]:
    out: dict[str, None] = {}
    for run in _RUN.findall(text):
        for i in range(len(run) - 2):
            tri = run[i : i + 3]
            if (not any(c in mtext.TRI_SKIP for c in tri)
                    and tri[:2] not in v.stop and tri[1:] not in v.stop):
                out[tri] = None
    return list(out)


@pytest.mark.parametrize("text", TEXTS)
def test_grams_are_the_plain_ones_in_order(text):
    v = load_vocab(Options())
    bigrams, trigrams = mtext.grams(text, v)
    assert bigrams == _plain_bigrams(text, v)
    assert mtext.bigrams(text, v) == bigrams
    assert list(trigrams) == _plain_trigrams(text, v)


def test_dot_visits_only_shared_items_in_the_same_order():
    a = {"学习": 0.3, "理论": 0.2, "服务": 0.1, "群众": 0.4}
    b = {"群众": 0.7, "服务": 0.05, "学习": 0.6}
    plain = sum(w * a[g] for g, w in b.items() if g in a)  # b is the shorter one: its order
    b_items = [(g, w) for g, w in b.items() if g in a]
    assert dot(a, b, [(g, w) for g, w in a.items() if g in b], b_items) == plain
    assert dot(a, b) == plain


@needs_seed
def test_nearest_is_the_best_candidate_and_the_kept_link_itself():
    corr = correspond(reportlint.parse(str(SEED)))
    for p in corr.problems:
        for kind, links in (("causes", p.causes), ("measures", p.measures)):
            near = p.nearest.get(kind)
            if links:
                assert near is not None and near.score == max(lk.score for lk in links)
                assert any(near is lk for lk in links)  # the same object, evidence and all


@needs_seed
def test_without_shared_words_the_links_are_the_same_and_only_the_words_are_missing():
    """The rules ask for the map without shared words (cheaper); their findings must not change."""
    doc = reportlint.parse(SEED)
    full, lean = correspond(doc), correspond(doc, shared_words=False)
    worded = 0
    for a, b in zip(full.problems, lean.problems, strict=True):
        for kind in ("causes", "measures"):
            la, lb = getattr(a, kind), getattr(b, kind)
            assert [(lk.id, lk.score) for lk in la] == [(lk.id, lk.score) for lk in lb]
            for x, y in zip(la, lb, strict=True):
                assert set(y.evidence) <= set(x.evidence)
                worded += len(x.evidence) > len(y.evidence)
            na, nb = a.nearest.get(kind), b.nearest.get(kind)
            assert (na and (na.id, na.score)) == (nb and (nb.id, nb.score))
    assert worded > 10  # the seed's links do carry shared words in the full map
    assert [e.problems for e in full.causes] == [e.problems for e in lean.causes]
    assert [e.problems for e in full.measures] == [e.problems for e in lean.measures]


EVAL = Path(__file__).resolve().parent / "eval"
EVAL_REPORTS = sorted(EVAL.glob("*/*.txt")) + sorted(EVAL.glob("*/reports/*.txt"))


def _unlinked(corr) -> tuple[list[str], ...]:
    return ([p.id for p in corr.problems if not p.causes], [p.id for p in corr.problems if not p.measures],
            [e.id for e in (*corr.causes, *corr.measures) if not e.problems])


@pytest.mark.parametrize("path", EVAL_REPORTS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_the_huge_report_path_leaves_unlinked_what_scoring_every_pair_leaves(path, monkeypatch):
    """Every labelled report is scored as a huge one would be (each problem scores its three likeliest
    targets, each target is scored against its three likeliest problems, about the share of a report
    with a few hundred items). The findings of RL201–RL204 must not change: a target that is no
    problem's likeliest, say one of several measures for the same problem, must still be scored
    against its own likeliest problems, not left as answering nothing. (With two, fresh2/05 m4 is
    left unscored: its only link is a theme shared with a problem outside that theme's two
    strongest, the limit of the huge path.)"""
    doc = reportlint.parse(str(path))
    exact = correspond(doc, shared_words=False)
    monkeypatch.setattr(candidates, "EXACT_UP_TO", 1)  # × max_candidates targets: fewer than any report has
    huge = correspond(doc, {"max_candidates": 3}, shared_words=False)
    assert _unlinked(huge) == _unlinked(exact)
