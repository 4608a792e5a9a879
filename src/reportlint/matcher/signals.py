"""The signals, one function each: how strongly one thing a reader checks links a problem to a
cause or measure. Each gives a strength in [0, 1] (and, where a reader needs it, the evidence);
`scoring.Scorer` combines them.

- themes (a shared theme; for a cause, the theme's cause category: 学习 → 思想建设);
- frame (the comparison heading a problem is listed under naming the cause's root);
- words (cosine of the weighted bigram vectors) and terms (specific trigrams in both units), both
  through inverted indexes, so that only pairs sharing something are ever visited;
- structure (the same number in parallel parts, a 针对…问题 phrase naming the problem).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

from .. import deadline
from .features import Feat
from .result import Entry
from .text import bigrams, cn
from .vocab import Theme, Vocab

# A theme's own cause category, then generic roots (never enough alone).
SECONDARY = (1.0, 0.35, 0.25)

# A problem's themes prepared against many causes: (theme, weight, [(category id, factor, label)]).
CausePrep = list[tuple[str, float, list[tuple[str, float, str]]]]


# -- themes ----------------------------------------------------------------------------------------


def theme_signal_measure(pt: Mapping[str, float], mt: Mapping[str, float],
                         head: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    """The themes a problem and a measure share (the best two by noisy-or). A problem whose headline
    names themes (`head`) is about them: a measure showing none of them does not answer it through
    a theme its body mentions in passing (涉税信息保管不严 … 窗口 is not a 窗口服务 problem)."""
    if head and head.isdisjoint(mt):
        return 0.0, []
    shared = sorted(((min(w, mt[t]), t) for t, w in pt.items() if t in mt), reverse=True)
    miss = 1.0
    for w, _t in shared[:2]:
        miss *= 1.0 - w
    return (1.0 - miss) * _focus(pt, mt), [t for w, t in shared if w >= 0.3][:2]


def _focus(pt: Mapping[str, float], other: Mapping[str, float]) -> float:
    """How much of what a problem is mostly about the other unit shares: 1 when it shows the
    problem's strongest theme, else the share of the strongest one it does show (执法案卷归档不规范 is
    about 档案, not about the 执法 its report is full of)."""
    top = max(pt.values(), default=0.0)
    if not top:
        return 1.0
    shown = max((w for t, w in pt.items() if t in other), default=0.0)
    return 1.0 if shown >= top else shown / top


def cause_prep(pt: Mapping[str, float], v: Vocab, by_name: dict[str, Theme]) -> CausePrep:
    """A problem's themes ready for `theme_signal_cause` against many causes (computed once per
    problem, not once per pair)."""
    out = []
    for name, wp in pt.items():
        theme = by_name[name]
        secs = [(cid, SECONDARY[rank], f"{theme.name}→{v.category_label(cid)}" if cid in v.categories else "")
                for rank, cid in enumerate(theme.causes[: len(SECONDARY)])]
        out.append((theme.name, wp, secs))
    return out


def theme_signal_cause(prep: CausePrep, ct: Mapping[str, float], cc: Mapping[str, float]) -> tuple[float, list[str]]:
    """How well a cause (its themes `ct`, categories `cc`) speaks to a problem's prepared themes: the
    same theme, or the theme's cause category (学习 → 思想建设); the best two combine by noisy-or."""
    contributions: list[tuple[float, str]] = []
    for name, wp, secs in prep:
        best, why = 0.0, ""
        if name in ct:  # the cause speaks of the same theme
            best, why = min(wp, ct[name]) * 0.85, name
        for cid, factor, label in secs:
            wc = cc.get(cid)
            if wc:
                s = wp * wc * factor
                if s > best:
                    best, why = s, label
        if best:
            contributions.append((best, why))
    if not contributions:
        return 0.0, []
    contributions.sort(reverse=True)
    miss = 1.0
    for w, _ in contributions[:2]:
        miss *= 1.0 - w
    return 1.0 - miss, [why for w, why in contributions if w >= 0.25][:2]


# -- frame -----------------------------------------------------------------------------------------


def frame_signal(pf: Feat, ct: Mapping[str, float], cc: Mapping[str, float], v: Vocab,
                 frame_prep: CausePrep) -> tuple[float, list[str]]:
    """How well the heading a problem is listed under (检视党性修养提高情况) names the cause's root
    (党性锻炼有所放松): the same category, or a theme of the heading whose root the cause is."""
    best, why = 0.0, []
    for cid, w in pf.frame_categories.items():
        s = w * cc.get(cid, 0.0)
        if s > best:
            best, why = s, [f"对照→{v.category_label(cid)}"]
    s, _ = theme_signal_cause(frame_prep, ct, cc)
    if s > best:
        names = [t for t, _w in sorted(pf.frame_themes.items(), key=lambda kv: -kv[1])[:1]]
        best, why = s, [f"对照→{n}" for n in names]
    return best, why


# -- structure -------------------------------------------------------------------------------------

_REFERENCE = re.compile(r"(?:针对|关于)([^。；;，,]{2,40}?)(?:的|等)?(?:问题|不足|短板|差距|现象)")


def references(text: str, v: Vocab) -> list[tuple[str, frozenset[str]]]:
    """The 针对…问题 / 关于…的问题 phrases of a cause or measure, with their bigrams."""
    if "针对" not in text and "关于" not in text:
        return []
    return [(m.group(1), frozenset(bigrams(m.group(1), v))) for m in _REFERENCE.finditer(text)]


def unit_references(e: Entry, v: Vocab) -> list[tuple[str, frozenset[str]]]:
    """The references of a cause or measure: its own, else those of the heading it sits under
    (（四）针对带头干事创业方面的问题。1．…2．…: each item answers that heading's problems)."""
    return references(e.unit.text, v) or references(e.unit.heading, v)


def reference_to(refs: list[tuple[str, frozenset[str]]], head_grams: AbstractSet[str]) -> str | None:
    """The 针对… phrase (of a target's `refs`) that names a problem whose headline has `head_grams`:
    half of the phrase's bigrams are the headline's."""
    for phrase, ref in refs:
        if ref and len(ref & head_grams) / len(ref) >= 0.5:
            return phrase
    return None


def parallel_mode(pf: list[Feat], tf: list[Feat]) -> str | None:
    """How the problems and the targets are numbered alike: by section ("section": the same set of
    second-level numbers, two or more), by position ("ordinal": as many of each), or not at all."""
    pn = {f.number for f in pf if f.number is not None}
    tn = {f.number for f in tf if f.number is not None}
    if len(pn) >= 2 and pn == tn:
        return "section"
    if len(pf) >= 2 and len(pf) == len(tf):
        return "ordinal"
    return None


def same_number_label(pf: Feat, parallel: str | None) -> str | None:
    """The evidence `同序号(二)` a problem's number gives under the parallel mode (None: no number)."""
    number = pf.number if parallel == "section" else pf.ordinal + 1 if parallel == "ordinal" else None
    return f"同序号({cn(number)})" if number is not None else None


# -- words and terms -------------------------------------------------------------------------------


def cosines(sources: list[Feat], targets: list[Feat], longest: int, budget: int | None = None) -> list[dict[int, float]]:
    """Cosine of every source with the targets it shares a bigram with (an inverted index).

    Bigrams shared by more than `longest` targets only refine the scores of pairs found through
    rarer ones (`dot`): in a huge report they would make the index quadratic, and they carry the
    least weight anyway. With a `budget` (a huge report), a source visits its rarest bigrams' postings
    first and stops after `budget` entries: the work per source is bounded, whatever the report's
    length, and the scores are partial (`dot` makes them exact for the candidates kept)."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, t in enumerate(targets):
        for g, w in t.grams.items():
            postings[g].append((j, w))
    # the bigrams a source visits: those some target has, in at most `longest` targets (the
    # bigrams it drops would add nothing or be skipped)
    usable = {g for g, p in postings.items() if len(p) <= longest}
    size = {g: len(postings[g]) for g in usable}  # to visit a source's rarest bigrams first
    out = []
    for s in sources:
        deadline.check()
        acc: dict[int, float] = defaultdict(float)
        grams = s.grams
        order: Iterable[str] = filter(usable.__contains__, grams)
        if budget is not None:  # rarest first (a stable sort: deterministic)
            order = sorted(order, key=size.__getitem__)
        visits = 0
        for g in order:
            posting = postings[g]
            w = grams[g]
            for j, tw in posting:
                acc[j] += w * tw
            if budget is not None:
                visits += len(posting)
                if visits >= budget:
                    break
        out.append(acc)
    return out


def dot(a: dict[str, float], b: dict[str, float], a_items: list[tuple[str, float]] | None = None,
        b_items: list[tuple[str, float]] | None = None) -> float:
    """The dot product of two bigram vectors, summed in the insertion order of the shorter one
    (deterministic). `a_items`, `b_items`: the items of a and b worth visiting, in order (the
    bigrams the other side of the comparison can hold at all): the others add nothing."""
    if len(a) > len(b):
        a, b, a_items = b, a, b_items
    return sum(w * b[g] for g, w in (a.items() if a_items is None else a_items) if g in b)


def _overlaps(terms: Iterable[str]) -> dict[str, frozenset[str]]:
    """Trigram → the trigrams of `terms` it overlaps by two characters (属地网 → 地网站), computed
    once per source rather than once per target it shares several trigrams with."""
    by_head: dict[str, list[str]] = defaultdict(list)
    by_tail: dict[str, list[str]] = defaultdict(list)
    for h in terms:
        by_head[h[:2]].append(h)
        by_tail[h[1:]].append(h)
    return {g: frozenset(by_head.get(g[1:], []) + by_tail.get(g[:2], [])) for g in terms}


def shared_trigrams(sources: list[Feat], targets: list[Feat], longest: int, single: float,
                    rare: float | None = None) -> tuple[list[dict[int, float]], list[set[int]]]:
    """For each source, the targets it shares specific trigrams with and the sum of their weights
    (inverted index; trigrams in more than `longest` targets are not specific and are skipped).
    A trigram that does not overlap another shared one (属地网 + 地网站 = 属地网站) counts `single`:
    alone it is often the seam of two words (公众号|管理 ~ 销号|管理).

    With `rare`, also, for each source, the targets it shares a specific word with: four characters
    or more (two overlapping trigrams: 取水许可, 首诊负责制), each trigram at least `rare` specific
    in the source (for a problem: in its headline) — a writer's own name for the thing a problem and
    its cause or measure are about, which few units of the report hold."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(targets):
        for g in t.terms:
            postings[g].append(j)
    usable = {g for g, p in postings.items() if len(p) <= longest}
    out = []
    specific: list[set[int]] = []
    for s in sources:
        deadline.check()
        shared: dict[int, list[str]] = defaultdict(list)
        live = list(filter(usable.__contains__, s.terms))  # the source's trigrams shared with some target
        for g in live:
            for j in postings[g]:
                shared[j].append(g)
        acc: dict[int, float] = {}
        overlaps: dict[str, frozenset[str]] | None = None
        for j, gs in shared.items():
            if len(gs) == 1:
                acc[j] = s.terms[gs[0]] * single
                continue
            if overlaps is None:
                overlaps = _overlaps(live)
            acc[j] = sum(s.terms[g] * (single if overlaps[g].isdisjoint(gs) else 1.0) for g in gs)
        out.append(acc)
        if rare is not None:
            specific.append(_specific(s, live, shared, rare))
    return out, specific


def _specific(s: Feat, live: list[str], shared: dict[int, list[str]], rare: float) -> set[int]:
    """The targets sharing two overlapping trigrams of the source that are both `rare` specific."""
    strong = [g for g in live if s.terms[g] >= rare]
    if len(strong) < 2:
        return set()
    overlaps = _overlaps(strong)
    words = [(g, h) for g in strong for h in overlaps[g]]
    return {j for j, gs in shared.items() if len(gs) > 1 and any(g in gs and h in gs for g, h in words)} if words else set()
