"""Which (problem, target) pairs are scored at all, and what the inverted indexes found for them
(shared bigrams, shared specific trigrams).

A report of ordinary size scores every pair with any signal. A huge one (more than EXACT_UP_TO ×
max_candidates targets) scores, per problem, its `max_candidates` likeliest targets by a rough score
(words + themes + a theme's cause categories), and the targets that rank the problem among their own
likeliest: the work stays linear in the number of units, and no target is left unscored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .. import deadline
from .features import Feat
from .options import Options
from .result import Entry
from .signals import SECONDARY, cosines, dot, shared_trigrams
from .vocab import Vocab

# × max_candidates: the targets up to which every pair with any signal is scored (a huge report above
# it scores each problem's likeliest candidates). Scoring every pair is the faster of the two up to
# about this many targets (measured on the benchmark reports of bench/run.py, 100–300 KB).
EXACT_UP_TO = 6
BUDGET = 6  # × max_candidates: index entries a problem visits in a huge report


class Candidates:
    """The candidate targets of each problem for one kind (causes or measures), with the bigram
    cosines and shared-trigram sums the indexes found."""

    def __init__(self, p_ents: list[Entry], p_feats: list[Feat], t_ents: list[Entry], t_feats: list[Feat],
                 kind: str, v: Vocab, opts: Options) -> None:
        limit = self.limit = int(opts.max_candidates)
        # a bigram cosine whose words signal is under absent_score ("nothing relates") finds no candidate
        self.min_cosine = float(opts.absent_score) / float(opts.lexical_scale)
        self.exact = len(t_feats) <= EXACT_UP_TO * limit  # every bigram indexed: the cosines are exact
        # in a huge report only the words in at most `limit` targets find candidates (the others refine
        # their scores in `cosine`): the work per problem stays constant however long the report grows
        longest = len(t_feats) if self.exact else limit
        self.cos = cosines(p_feats, t_feats, longest, None if self.exact else BUDGET * limit)
        self.terms, self.specific = shared_trigrams(p_feats, t_feats, longest, float(opts.term_single),
                                                    float(opts.specific_rare))
        self.p_feats, self.t_feats, self.n_targets = p_feats, t_feats, len(t_feats)
        self.causes = kind == "causes"
        if not self.exact:  # `dot` visits only the bigrams the other side has at all (a third of them)
            t_all = set().union(*(f.grams for f in t_feats))
            p_all = set().union(*(f.grams for f in p_feats))
            self.p_live = [[(g, w) for g, w in f.grams.items() if g in t_all] for f in p_feats]
            self.t_live = [[(g, w) for g, w in f.grams.items() if g in p_all] for f in t_feats]
            # ... and a third of the candidates of a huge report share no bigram at all
            self.t_sets = [frozenset(g for g, _w in items) for items in self.t_live]
            self.p_sets = [frozenset(g for g, _w in items) for items in self.p_live]
        # candidates per theme / category: the targets showing it most strongly (all of them in a
        # report of ordinary size; in a huge one the scoring stays linear in the number of problems)
        by_theme_all: dict[str, list[tuple[float, int]]] = defaultdict(list)
        by_category_all: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for j, e in enumerate(t_ents):
            for t, w in e.themes.items():
                by_theme_all[t].append((-w, j))
            for c, w in e.categories.items():
                by_category_all[c].append((-w, j))
        self.by_theme = {t: [j for _w, j in sorted(js)] for t, js in by_theme_all.items()}
        self.by_category = {c: [j for _w, j in sorted(js)] for c, js in by_category_all.items()}
        self.theme_causes = {t.name: t.causes for t in v.themes}
        self.likeliest: list[set[int]] = []
        if not self.exact:
            by_theme_w = {t: [(j, -w) for w, j in sorted(js)[:limit]] for t, js in by_theme_all.items()}
            by_category_w = {c: [(j, -w) for w, j in sorted(js)[:limit]] for c, js in by_category_all.items()}
            self.likeliest = _likeliest(p_ents, self.cos, self.terms, by_theme_w, by_category_w,
                                        self.theme_causes if self.causes else {}, limit, float(opts.term_weight))

    def of(self, i: int, pe: Entry, pf: Feat, referring: set[int], bridge: Mapping[int, object]) -> set[int]:
        """The targets problem `i` is scored against: those it shares a word worth counting or a
        theme with (or, in a huge report, its likeliest), for a cause also the causes of its
        comparison heading's categories, the targets whose 针对… phrase may name it (`referring`) and
        the causes its own measures answer (`bridge`). A target sharing only a bigram or two of little
        weight would score below anything a reader is shown (absent_score)."""
        if self.exact:
            cands: set[int] = {j for j, c in self.cos[i].items() if c >= self.min_cosine} | set(self.terms[i])
            # a measure answers a problem through a theme its headline names, if it names any
            for t in pe.themes if self.causes or not pf.head_themes else pf.head_themes:
                cands.update(self.by_theme.get(t, ()))
                if self.causes:
                    for cid in self.theme_causes.get(t, ())[: len(SECONDARY)]:
                        cands.update(self.by_category.get(cid, ()))
        else:
            cands = set(self.likeliest[i])
        if self.causes:  # the comparison heading the problem is listed under names a root (a hint)
            for cid in pf.frame_categories:
                cands.update(self.by_category.get(cid, ())[: self.limit])
            for t in pf.frame_themes:
                for cid in self.theme_causes.get(t, ())[: len(SECONDARY)]:
                    cands.update(self.by_category.get(cid, ())[: self.limit])
        cands.update(sorted(referring)[: self.limit])
        cands.update(bridge)
        return cands

    def cosine(self, i: int, j: int) -> float:
        """The bigram cosine of problem i and target j (exact in a huge report too, for a candidate)."""
        if self.exact:
            return self.cos[i].get(j, 0.0)
        if self.p_sets[i].isdisjoint(self.t_sets[j]):
            return 0.0
        return dot(self.p_feats[i].grams, self.t_feats[j].grams, self.p_live[i], self.t_live[j])


def _likeliest(p_ents: list[Entry], cos: list[dict[int, float]], shared_terms: list[dict[int, float]],
               by_theme_w: dict[str, list[tuple[int, float]]], by_category_w: dict[str, list[tuple[int, float]]],
               theme_causes: Mapping[str, tuple[str, ...]], limit: int, term_w: float) -> list[set[int]]:
    """The candidates of each problem in a huge report, where scoring every pair would be quadratic:
    the `limit` targets with the best rough score (words + themes + a theme's cause categories), and
    the targets that rank the problem among their own `limit` best by the same rough score. The second
    half matters: a target that is no problem's likeliest (one of many near-copies of a measure, say)
    would otherwise never be scored and would look as if it answered nothing."""
    out: list[set[int]] = []
    by_target: dict[int, list[tuple[float, int]]] = defaultdict(list)  # target → [(-rough, problem)]
    for i, pe in enumerate(p_ents):
        deadline.check()
        rough: dict[int, float] = defaultdict(float, cos[i])
        for j, acc in shared_terms[i].items():
            rough[j] += acc * term_w
        for t, wp in pe.themes.items():
            for j, wt in by_theme_w.get(t, ()):
                rough[j] += wp * wt
            for rank, cid in enumerate(theme_causes.get(t, ())[: len(SECONDARY)]):
                for j, wc in by_category_w.get(cid, ()):
                    rough[j] += wp * wc * SECONDARY[rank]
        out.append(set(sorted(rough, key=rough.__getitem__, reverse=True)[:limit]))  # the `limit` best
        for j, r in rough.items():
            by_target[j].append((-r, i))
    for j, ranked in by_target.items():
        for _r, i in sorted(ranked)[:limit]:  # best first, then the earlier problem
            out[i].add(j)
    return out


def measure_cause_candidates(m_ents: list[Entry], m_feats: list[Feat], c_ents: list[Entry], c_feats: list[Feat],
                             v: Vocab, opts: Options) -> tuple[list[set[int]], list[dict[int, float]],
                                                               list[dict[int, float]]]:
    """Per measure, the causes it is compared with (a shared word or trigram, or the cause category
    of one of its themes), with the cosines and shared-trigram sums."""
    limit = int(opts.max_candidates)
    exact = len(c_feats) <= EXACT_UP_TO * limit
    longest = max(len(c_feats), 1) if exact else limit
    cos = cosines(m_feats, c_feats, longest, None if exact else BUDGET * limit)
    terms, _specific = shared_trigrams(m_feats, c_feats, longest, float(opts.term_single))
    by_category: dict[str, list[int]] = defaultdict(list)
    for j, e in enumerate(c_ents):
        for c in e.categories:
            if len(by_category[c]) < limit:
                by_category[c].append(j)
    by_name = v.by_name
    term_w = float(opts.term_weight)
    out = []
    for i, me in enumerate(m_ents):
        if exact:
            cands = set(cos[i]) | set(terms[i])
        else:  # a huge report: the causes with the best shared words only
            rough: dict[int, float] = defaultdict(float, cos[i])
            for j, acc in terms[i].items():
                rough[j] += acc * term_w
            cands = set(sorted(rough, key=rough.__getitem__, reverse=True)[:limit])  # the `limit` best
        for t in me.themes:
            for cid in by_name[t].causes[:1]:
                cands.update(by_category.get(cid, ()))
        out.append(cands)
    return out, cos, terms
