"""Which scored pairs become links: a problem keeps its links close to its best, every target keeps
its best problem, and what is left over pairs up by elimination."""

from __future__ import annotations

from .result import Entry, Link
from .scoring import Pair, evidence_of, signals_of

_NO_TARGET = (0.0, -1, None)


def to_link(pair: Pair, targets: list[Entry]) -> Link:
    return Link(targets[pair[2]].id, pair[3], evidence_of(pair), dict(signals_of(pair)))


def select(all_pairs: list[list[Pair]], targets: list[Entry], relative: float, max_links: int,
           min_score: float) -> list[list[Link]]:
    """Keep a problem's links above min_score that are close to its best (at most max_links), and
    for every target its best problem (so a cause that is everyone's second choice is not an orphan).
    `all_pairs`: per problem, its pairs of at least min_score (`scoring.score_pairs`). A pair that
    reaches min_score only through the comparison heading (a hint) is kept only when the problem has
    nothing better, and makes no target anyone's."""
    all_pairs = [[p for p in pairs if p[9] >= min_score] or pairs for pairs in all_pairs]
    best_target: dict[int, tuple[float, int, Pair]] = {}  # target → (score, problem, pair)
    for i, pairs in enumerate(all_pairs):
        for pair in pairs:
            if pair[9] < min_score:
                continue
            score, j = pair[3], pair[2]
            if score > best_target.get(j, _NO_TARGET)[0] + 1e-9:
                best_target[j] = (score, i, pair)
    best_of: list[list[Pair]] = [[] for _ in all_pairs]  # per problem, the pairs it is the best problem of
    for _score, i, pair in best_target.values():
        best_of[i].append(pair)
    kept_all: list[list[Link]] = []
    for i, pairs in enumerate(all_pairs):
        good = sorted(pairs)  # best first, then by target number
        if not good:
            kept_all.append([])
            continue
        best = good[0][3]
        # the first max_links close to the best, and the targets this problem is the best of, in order
        mine = [pair for pair in good[:max_links] if pair[3] >= relative * best]
        kept = sorted([*mine, *(pair for pair in best_of[i] if not any(pair is m for m in mine))])
        kept_all.append([to_link(pair, targets) for pair in kept])
    return kept_all


def pair_leftovers(problems: list[Entry], targets: list[Entry], kind: str, floor: float) -> list[tuple[int, Link]]:
    """A problem left without a cause (or measure) whose nearest one is left without a problem: the
    writer wrote them for each other in words the signals do not connect (a cause phrased as a
    judgment, 担当精神 for 治理超限超载不够坚决), as a reviewer reads a report by elimination. Each
    leftover target goes to the leftover problem nearest to it, from `floor` up. Elimination needs
    most of the report accounted for: with more than a third of the problems left, nothing pairs."""
    by_id = {e.id: e for e in targets}
    left = [(i, pe) for i, pe in enumerate(problems) if not getattr(pe, kind)]
    if 3 * len(left) > len(problems):
        return []
    claims: dict[str, tuple[int, Entry, Link]] = {}
    for i, pe in left:
        near = pe.nearest.get(kind)
        if near is None or near.score < floor or by_id[near.id].problems:
            continue
        if near.id not in claims or near.score > claims[near.id][2].score:
            claims[near.id] = (i, pe, near)
    paired = []
    for tid, (i, pe, near) in claims.items():
        link = Link(near.id, near.score, [*near.evidence, "余项对应"], dict(near.signals))
        setattr(pe, kind, [link])
        by_id[tid].problems.append(pe.id)
        paired.append((i, link))
    return paired
