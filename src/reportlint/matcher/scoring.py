"""One scorer: how the signals of a pair become its score, used by every path (problem → cause,
problem → measure, measure → cause for the bridge, ordinary and huge reports alike).

The signals combine by a noisy-or (each one closes part of the distance to 1), so a link backed by
a theme and shared words scores higher than either alone. Hints only back other evidence: the same
number counts on a link already `hint_floor` strong on its own; the comparison heading (frame) always
adds, but a link it alone carries is a hint (`own` below min_score: `outcomes`); a 针对…问题 phrase
naming the problem counts alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from .. import deadline
from ..errors import ReadError
from ..limits import LIMITS
from .candidates import Candidates, measure_cause_candidates
from .features import Feat
from .options import Options
from .result import Entry
from .signals import (
    cause_prep,
    frame_signal,
    parallel_mode,
    reference_to,
    same_number_label,
    theme_signal_cause,
    theme_signal_measure,
    unit_references,
)
from .text import bigrams
from .vocab import Vocab

_BRIDGE_TOP = 3  # causes kept per measure for the problem → measure → cause bridge
_NO_EVIDENCE: list[str] = []  # shared: never changed (a Link's evidence is a new list)


# (score, the structure part (same number, 针对…), whether the frame counted, whether the same number
# counted, the score without the frame: what the two units' own evidence gives)
Scored = tuple[float, float, bool, bool, float]


class Scorer:
    """The signals' weights, and the one formula that combines them."""

    def __init__(self, opts: Options) -> None:
        self.theme_weight = float(opts.theme_weight)
        self.scale, self.cap = float(opts.lexical_scale), float(opts.lexical_cap)
        self.term_weight, self.term_cap = float(opts.term_weight), float(opts.term_cap)
        self.frame_weight = float(opts.frame_weight)
        self.bridge_weight = float(opts.bridge_weight)
        self.parallel_weight, self.reference_weight = float(opts.parallel_weight), float(opts.reference_weight)
        self.named_weight = float(opts.heading_reference_weight)
        self.specific_weight = float(opts.specific_weight)
        self.floor = float(opts.floor)

    def lexical(self, cosine: float) -> float:
        """The words signal: the bigram cosine, scaled and capped."""
        x = cosine * self.scale
        return self.cap if x >= self.cap else x

    def terms(self, shared: float) -> float:
        """The terms signal of a sum of shared specific trigrams."""
        return min(self.term_cap, 1.0 - math.exp(-self.term_weight * shared * 1.1))

    def base(self, theme: float, lexical: float, terms: float) -> float:
        """What the two texts share: themes, words, terms."""
        return 1.0 - (1.0 - self.theme_weight * theme) * (1.0 - lexical) * (1.0 - terms)

    def score(self, theme: float, lexical: float, terms: float, *, frame: float = 0.0, bridge: float | None = None,
              same_number: bool = False, reference: bool = False, named: float = 0.0) -> Scored:
        """A pair's score from its signals (each in [0, 1]; `bridge` None: no bridge; `named`: the
        weight of a target naming the heading the problem is listed under)."""
        base = self.base(theme, lexical, terms)
        framed = frame > 0
        if bridge is not None:
            base = 1.0 - (1.0 - base) * (1.0 - self.bridge_weight * bridge)
        own = base  # without the frame
        if framed:
            base = 1.0 - (1.0 - base) * (1.0 - self.frame_weight * frame)
        number = same_number and (reference or own >= self.floor)  # numbering alone links nothing
        struct = self.parallel_weight if number else 0.0
        if reference:
            struct = 1.0 - (1.0 - struct) * (1.0 - self.reference_weight)
        if named:
            struct = 1.0 - (1.0 - struct) * (1.0 - named)
        return (1.0 - (1.0 - base) * (1.0 - struct), struct, framed, number,
                1.0 - (1.0 - own) * (1.0 - struct))


# A scored (problem, target) pair before it becomes a Link: (-score, target number, target index,
# score, theme, words, terms, structure, evidence parts, the score without the frame). Sorted, a problem's pairs are best first,
# then by target number (the order `selection.select` keeps); only the pairs kept (and a problem's
# nearest) become `Link`s, and only then is their evidence put together.
Evidence = tuple[list[str], Sequence[str], str | None, list[str]]  # theme, frame, bridge (measure path), structure
Pair = tuple[float, int, int, float, float, float, float, float, Evidence, float]


def _profiles(dicts: Any) -> tuple[list[int], int]:
    """An id per distinct tuple of weight dicts (equal themes and categories get the same id), and
    the number of ids: the theme signals of a pair depend only on the two ids, so a report's few
    theme profiles are compared once each, not once per pair."""
    ids: dict[tuple, int] = {}
    out = [ids.setdefault(tuple(tuple(d.items()) for d in ds), len(ids)) for ds in dicts]
    return out, len(ids)


class _Row(dict):
    """Target theme profile → (signal, evidence) for one problem (or heading), computed on first use."""

    def __init__(self, compute: Callable[[Entry], tuple[float, list[str]]], rep: list[Entry]) -> None:
        super().__init__()
        self.compute, self.rep = compute, rep

    def __missing__(self, tk: int) -> tuple[float, list[str]]:
        found = self[tk] = self.compute(self.rep[tk])
        return found


class _Themes:
    """The theme signal of (problem, target), memoised by their theme profiles: a report's few
    profiles are compared once each, not once per pair."""

    def __init__(self, p_ents: list[Entry], head_themes: list[frozenset[str]], t_ents: list[Entry], causes: bool,
                 v: Vocab) -> None:
        self.p_prof, _ = _profiles((e.themes, dict.fromkeys(sorted(h), 1.0))
                                   for e, h in zip(p_ents, head_themes, strict=True))
        self.t_prof, n_t = _profiles((e.themes, e.categories) for e in t_ents)
        self.rep: list[Entry] = [t_ents[0]] * n_t  # a target of each profile
        for j in reversed(range(len(t_ents))):
            self.rep[self.t_prof[j]] = t_ents[j]
        self.rows: dict[int, _Row] = {}  # (per problem profile: a report whose units all differ costs no n_p × n_t)
        self.frames: dict[str, _Row] = {}  # per comparison heading
        self.causes, self.v = causes, v

    def row(self, i: int, pe: Entry, head_themes: frozenset[str]) -> _Row:
        """Problem i's theme signal per target profile (index it with `t_prof[j]`)."""
        pk = self.p_prof[i]
        if pk not in self.rows:
            if self.causes:
                prep = cause_prep(pe.themes, self.v, self.v.by_name)
                self.rows[pk] = _Row(lambda te: theme_signal_cause(prep, te.themes, te.categories), self.rep)
            else:
                self.rows[pk] = _Row(lambda te: theme_signal_measure(pe.themes, te.themes, head_themes), self.rep)
        return self.rows[pk]

    def frame_row(self, pf: Feat) -> _Row:
        """The frame signal of the heading problem `pf` is listed under, per cause profile."""
        key = "frame:" + pf.frame_text
        if key not in self.frames:
            prep = cause_prep(pf.frame_themes, self.v, self.v.by_name)
            self.frames[key] = _Row(lambda te: frame_signal(pf, te.themes, te.categories, self.v, prep), self.rep)
        return self.frames[key]


class Work:
    """The pairs one `correspond` scores, against REPORTLINT_MAX_PAIRS: the matcher's work grows
    with problems × candidates, and a report of thousands of units must stop before it has spent
    seconds and hundreds of megabytes on pairs."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.pairs = 0

    def score(self, pairs: int) -> None:
        self.pairs += pairs
        if self.pairs > LIMITS.pairs:
            raise ReadError("too-large", f"问题与原因、措施的配对超过 {LIMITS.pairs:,} 对的上限（REPORTLINT_MAX_PAIRS）",
                            self.path)


def score_pairs(p_ents: list[Entry], p_feats: list[Feat], t_ents: list[Entry], t_feats: list[Feat], kind: str,
                v: Vocab, opts: Options, work: Work, bridges: list[dict[int, tuple[float, str]]] | None = None
                ) -> tuple[list[list[Pair]], list[Pair | None], list[dict[int, float]]]:
    """Per problem, its pairs of at least min_score (only those can be kept), its best pair
    (`nearest`, whatever its score) and the score of every candidate (target index → score). Every
    candidate pair is scored (and counted in `work`); pairs with no signal are never built. `bridges` (causes only): per problem, cause → (strength, measure path) through the
    problem's own measures."""
    cands = Candidates(p_ents, p_feats, t_ents, t_feats, kind, v, opts)
    scorer = Scorer(opts)
    causes = kind == "causes"
    themes = _Themes(p_ents, [f.head_themes for f in p_feats], t_ents, causes, v)
    t_prof = themes.t_prof
    parallel = parallel_mode(p_feats, t_feats) if opts.structure else None
    refs = [unit_references(e, v) for e in t_ents]
    ref_targets = [j for j, r in enumerate(refs) if r] if opts.structure else []
    ref_grams = {j: frozenset().union(*(ref for _phrase, ref in refs[j])) for j in ref_targets}
    frame_grams = {f.frame_text: frozenset(bigrams(f.frame_text, v)) for f in p_feats if ref_targets and f.frame_text}
    min_score = float(opts.min_score)
    t_nums = [int(e.id[1:]) for e in t_ents]
    with_number: dict[int, list[int]] = defaultdict(list)  # second-level number → the targets with it
    for j, f in enumerate(t_feats):
        if f.number is not None:
            with_number[f.number].append(j)
    by_number = {number: frozenset(js) for number, js in with_number.items()}
    out: list[list[Pair]] = []
    nearest: list[Pair | None] = []
    all_scores: list[dict[int, float]] = []
    for i, (pe, pf) in enumerate(zip(p_ents, p_feats, strict=True)):
        deadline.check()
        bridge = bridges[i] if bridges else {}
        head_grams = set(pf.heads) or set(list(pf.grams)[:12])
        number_label = same_number_label(pf, parallel)
        framing = causes and bool(pf.frame_themes or pf.frame_categories)
        term_signal = {j: scorer.terms(shared) for j, shared in cands.terms[i].items() if shared}
        specific = cands.specific[i]
        pairs: list[Pair] = []
        best: Pair | None = None
        best_score = 0.0
        scores: dict[int, float] = {}
        referring = {j for j in ref_targets if head_grams and not ref_grams[j].isdisjoint(head_grams)}
        # the targets whose 针对… phrase names the comparison heading the problem is listed under
        # (（四）针对带头干事创业方面的问题。1．…): the writer meant them for its problems, but an item
        # listed under it need not be answered by them: with words in common, not alone
        heading = frame_grams.get(pf.frame_text, frozenset())
        frame_refs = {j: phrase for j in ref_targets if heading and not ref_grams[j].isdisjoint(heading)
                      if (phrase := reference_to(refs[j], heading)) is not None}
        theme_row = themes.row(i, pe, pf.head_themes)
        same_place: Collection[int] = ()  # the targets with the problem's number (the parallel mode's)
        if parallel == "section" and pf.number is not None:
            same_place = by_number.get(pf.number, ())
        elif parallel == "ordinal":
            same_place = (pf.ordinal,)
        frame_row = themes.frame_row(pf) if framing else None
        candidates = cands.of(i, pe, pf, referring | frame_refs.keys(), bridge)
        work.score(len(candidates))
        for j in candidates:
            theme, why_t = theme_row[t_prof[j]]
            lexical = scorer.lexical(cands.cosine(i, j))
            terms = term_signal.get(j, 0.0)
            if j in specific and not (pf.head_themes and pf.head_themes.isdisjoint(t_ents[j].themes)):
                terms = max(terms, scorer.specific_weight)
            frame, why_f = frame_row[t_prof[j]] if frame_row is not None else (0.0, _NO_EVIDENCE)
            named = scorer.named_weight if j in frame_refs else 0.0
            b, via = bridge.get(j, (None, None))
            phrase = reference_to(refs[j], head_grams) if j in referring else None
            score, struct, framed, numbered, own = scorer.score(
                theme, lexical, terms, frame=frame, bridge=b, same_number=j in same_place, reference=phrase is not None,
                named=named)
            if score <= 0.0:
                continue
            scores[j] = score
            if score >= min_score or score > best_score:
                why_s = [*([number_label] if numbered and number_label else []),
                         *([f"针对{phrase}"] if phrase is not None else []),
                         *([f"针对{frame_refs[j]}"] if named else [])] or _NO_EVIDENCE
                bridged = via if b is not None and scorer.bridge_weight * b >= 0.1 else None
                pair = (-score, t_nums[j], j, score, theme, lexical, terms, struct,
                        (why_t, why_f if framed else (), bridged, why_s), own)
                if score >= min_score:
                    pairs.append(pair)
                if score > best_score:
                    best_score, best = score, pair
        out.append(pairs)
        nearest.append(best)
        all_scores.append(scores)
    return out, nearest, all_scores


def measure_cause_similarity(m_ents: list[Entry], m_feats: list[Feat], c_ents: list[Entry], c_feats: list[Feat],
                             v: Vocab, opts: Options) -> list[dict[int, float]]:
    """How well each measure answers each cause (shared words, specific trigrams, a theme whose root
    the cause is): per measure, its best few causes (a measure answers one or two causes; this bounds
    the bridges per problem)."""
    cands, cos, terms = measure_cause_candidates(m_ents, m_feats, c_ents, c_feats, v, opts)
    scorer = Scorer(opts)
    themes = _Themes(m_ents, [frozenset()] * len(m_ents), c_ents, True, v)
    out = []
    for i, me in enumerate(m_ents):
        term_signal = {j: scorer.terms(shared) for j, shared in terms[i].items() if shared}
        sims: list[tuple[float, int]] = []  # (similarity, -cause)
        theme_row = themes.row(i, me, frozenset())
        for j in cands[i]:
            theme, _why = theme_row[themes.t_prof[j]]
            s = scorer.base(theme, scorer.lexical(cos[i].get(j, 0.0)), term_signal.get(j, 0.0))
            if s > 0:
                sims.append((s, -j))
        # best first, the lower index on a tie
        out.append({-neg_j: s for s, neg_j in sorted(sims, reverse=True)[:_BRIDGE_TOP]})
    return out



def evidence_of(pair: Pair) -> list[str]:
    """A kept pair's evidence before shared words: themes, the frame, the measure it goes through,
    then the structure hints."""
    why_t, why_f, via, why_s = pair[8]
    evidence = [*why_t, *(w for w in why_f if w not in why_t)]  # a new list: why_t is shared
    if via is not None:
        evidence.append(f"经措施{via}")
    evidence.extend(why_s)
    return evidence


def signals_of(pair: Pair) -> Mapping[str, float]:
    """The parts of a link's score; `own`: the score without the comparison heading (a link whose
    own evidence is below min_score is a hint of where to look, `outcomes`)."""
    return {"theme": pair[4], "words": pair[5], "terms": pair[6], "structure": pair[7], "own": pair[9]}
