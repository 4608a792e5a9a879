"""Mirrors: a cause or measure part written in the problems' order.

Many reports answer their problems one section at a time: problems （一）…（五）, causes （一）…（五),
measures （一）…（五）, or as many causes as problems in the same order. Where the content confirms it
(most problems whose link is sure link to the unit with their own number), the numbering is itself
evidence a reviewer uses: a problem in the work's own words is answered by the unit in its place,
and a problem whose place holds nothing is answered by nothing (`outcomes`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import Feat
from .result import Entry, Link, is_sure
from .text import cn
from .vocab import Vocab

_CONFIRMED = 2 / 3  # the share of sure links that must follow the section numbers
_POSITIONS = 0.9  # … the positions, which agree by chance more often (and cover half the problems)


@dataclass
class Mirror:
    """The problems' places and the targets in each (problem index → target indexes)."""

    mode: str  # "section" (second-level numbers), "ordinal" (positions) or "heading" (one unit per section)
    places: dict[int, list[int]]  # problem index → the targets in its place (empty: none)
    labels: dict[int, str]  # problem index → its place as evidence shows it (三)

    def absent(self, i: int) -> bool:
        return i in self.places and not self.places[i]


def find(links: list[list[Link]], t_ents: list[Entry], p_feats: list[Feat], t_feats: list[Feat],
         sure: float) -> Mirror | None:
    """The one-to-one mirror between the problems and one part, if the sure links confirm it: by
    section number when each problem is a section of its own and the part numbers its sections alike,
    else by position when both list the same number of units or the part lists one fewer (a problem
    added at the end). Problems listed as items under a heading are not mirrored one by one: the
    heading's cause need not answer every item under it."""
    index = {e.id: j for j, e in enumerate(t_ents)}
    best = [index[max(ls, key=lambda lk: lk.score).id] if ls and is_sure(max(lk.score for lk in ls), sure) else None
            for ls in links]
    p_numbers = [f.number for f in p_feats if f.number is not None]
    t_numbers = {f.number for f in t_feats if f.number is not None}
    one_each = len(p_numbers) == len(p_feats) == len(set(p_numbers))  # one problem per section: one-to-one
    if one_each and 2 <= len(t_numbers) >= len(p_numbers) - 1 and t_numbers <= set(p_numbers):
        by_number: dict[int, list[int]] = {}
        for j, f in enumerate(t_feats):
            if f.number is not None:
                by_number.setdefault(f.number, []).append(j)
        places = {i: by_number.get(f.number, []) for i, f in enumerate(p_feats) if f.number is not None}
        labels = {i: cn(f.number) for i, f in enumerate(p_feats) if f.number is not None}
        if _confirmed(best, places):
            return Mirror("section", places, labels)
    elif not one_each and len(p_numbers) == len(p_feats) and t_numbers <= set(p_numbers):
        for found in (_item_mirror(p_feats, t_feats), _heading_mirror(p_feats, t_feats)):
            if found is not None and _confirmed(best, found.places):
                return found
    n, m = len(p_feats), len(t_feats)
    if n >= 3 and n - 1 <= m <= n:
        # as many units as problems: each in its place; one fewer: the problem without a unit is the
        # one where the places shift by one (the alignment most sure links agree with), which sure
        # links must show on both sides of it (at the end, nothing tells the last problem from one
        # inserted before it)
        gaps: list[int | None] = [None] if m == n else [g for g in range(n) if (
            any(best[i] == i for i in range(g)) and any(best[i] == i - 1 for i in range(g + 1, n)))]
        aligned = [{i: ([] if i == g else [i if g is None or i < g else i - 1]) for i in range(n)} for g in gaps]
        if not aligned:
            return None
        places = max(aligned, key=lambda pl: sum(j in pl[i] for i, j in enumerate(best) if j is not None))
        agree = sum(j in places[i] for i, j in enumerate(best) if j is not None)
        if _confirmed(best, places, _POSITIONS) and agree >= n / 2:
            return Mirror("ordinal", places, {i: cn(i + 1) for i in places})
    return None


def _item_mirror(p_feats: list[Feat], t_feats: list[Feat]) -> Mirror | None:
    """Problems listed as items under numbered sections and a part listing as many units under the
    same numbers (（二）一是…二是… and its 原因分析 一是…二是…): each problem's place is the unit at
    its position in its section, when one section at least lists two or more of each. A section
    with fewer units than problems has no places (one cause may answer every item under its
    heading, or an item was added): nothing is known there; a section with more units than
    problems shows the part is not written item by item."""
    by_number: dict[int, tuple[list[int], list[int]]] = {}
    for role, feats in enumerate((p_feats, t_feats)):
        for j, f in enumerate(feats):
            if f.number is not None:
                by_number.setdefault(f.number, ([], []))[role].append(j)
    places: dict[int, list[int]] = {}
    labels: dict[int, str] = {}
    for number, (problems, targets) in by_number.items():
        if len(targets) > len(problems):
            return None
        if len(problems) == len(targets):
            for k, (i, j) in enumerate(zip(problems, targets, strict=True), 1):
                places[i], labels[i] = [j], f"{cn(number)}/{cn(k)}"
    paired = any(len(problems) == len(targets) >= 2 for problems, targets in by_number.values())
    return Mirror("section", places, labels) if paired else None  # items answering items somewhere


_TIE = 0.02  # links this close score alike: the words cannot tell them apart


def _place_first(links: list[Link], place: set[str], label: str) -> list[Link]:
    """A problem's links with the unit in its place first when it scores as well as the first one
    (causes 一是 and 二是 both about 政治: the one in the problem's place answers it), its score
    raised to the first one's (links are listed best first)."""
    top = links[0].score
    found = next((lk for lk in links if lk.id in place and lk.score >= top - _TIE), None)
    if found is None or found is links[0]:
        return links
    placed = Link(found.id, top, [*found.evidence, f"逐条对应({label})"], found.signals)
    return [placed, *(lk for lk in links if lk is not found)]


def _heading_mirror(p_feats: list[Feat], t_feats: list[Feat]) -> Mirror | None:
    """Problems listed as items under numbered sections and a part with one unit under each of the
    same numbers (六个方面 each with its problems, and one cause per aspect): the unit with a
    problem's number is in its place. Only an order among links that score alike (`_place_first`):
    the heading's cause need not answer every item under it, so a problem it does not relate to
    gets no link from it."""
    p_numbers = [f.number for f in p_feats]
    t_numbers = [f.number for f in t_feats]
    if None in t_numbers or len(set(t_numbers)) < len(t_numbers) or set(t_numbers) != set(p_numbers):
        return None
    by_number = {number: j for j, number in enumerate(t_numbers)}
    places = {i: [by_number[number]] for i, number in enumerate(p_numbers) if number is not None}
    return Mirror("heading", places, {i: cn(p_numbers[i] or 0) for i in places})


def _about_else(pf: Feat, te: Entry, v: Vocab) -> bool:
    """The unit in a problem's place shows themes (or cause categories), and none of those its
    headline names or their roots: a template measure on 作风 in the place of a 保密 problem does not
    answer it by being there. A problem in the work's own words names no theme and is not judged."""
    if not pf.head_themes:
        return False
    if te.unit.role == "measures":
        return bool(te.themes) and pf.head_themes.isdisjoint(te.themes)
    roots = {cid for t in pf.head_themes for cid in v.by_name[t].causes}
    return bool(te.themes or te.categories) and pf.head_themes.isdisjoint(te.themes) and roots.isdisjoint(te.categories)


def _confirmed(best: list[int | None], places: dict[int, list[int]], share: float = _CONFIRMED) -> bool:
    sure = [(i, j) for i, j in enumerate(best) if j is not None and i in places]
    return len(sure) >= 2 and sum(j in places[i] for i, j in sure) >= share * len(sure)


def mirror_links(mirror: Mirror, links: list[list[Link]], scores: list[dict[int, float]], p_feats: list[Feat],
                 t_ents: list[Entry], v: Vocab, weight: float, sure: float) -> list[tuple[int, Link]]:
    """For each problem without a sure link, a link to the unit in its place (the best scoring one
    there), its score raised by the mirror (`weight`, noisy-or), unless that unit is plainly about
    something else. Returns the links added."""
    added = []
    for i, place in mirror.places.items():
        if place and any(is_sure(lk.score, sure) for lk in links[i]):
            links[i] = _place_first(links[i], {t_ents[j].id for j in place}, mirror.labels[i])
        if not place or mirror.mode == "heading" or any(is_sure(lk.score, sure) for lk in links[i]):
            continue
        place = [j for j in place if not _about_else(p_feats[i], t_ents[j], v)]
        if not place:
            continue
        j = max(place, key=lambda t: (scores[i].get(t, 0.0), -t))
        base = scores[i].get(j, 0.0)
        old = next((lk for lk in links[i] if lk.id == t_ents[j].id), None)
        evidence = [*(old.evidence if old else []), f"逐条对应({mirror.labels[i]})"]
        signals = dict(old.signals) if old else {"theme": 0.0, "words": 0.0, "terms": 0.0, "structure": 0.0}
        signals["structure"] = 1.0 - (1.0 - signals["structure"]) * (1.0 - weight)
        link = Link(t_ents[j].id, 1.0 - (1.0 - base) * (1.0 - weight), evidence, signals)
        signals["own"] = link.score  # the place is the unit's own evidence, not a hint
        links[i] = [link, *(lk for lk in links[i] if lk is not old)]
        added.append((i, link))
    return added
