"""The words a reader sees in both units of a link (`map` shows them after the themes; the rules do
not need them)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from .features import Feat
from .result import Entry, Link
from .text import CJK, pairs, trim
from .vocab import Vocab

Runs = list[tuple[str, list[str]]]


def term_runs(p: Feat) -> Runs:
    """The runs of Chinese characters of a problem's headline and body, with their bigrams (once per
    problem for `shared_terms`, not once per link)."""
    return [(run, pairs(run)) for text in (p.head, p.body) for run in CJK.findall(text)]


def shared_terms(p: Feat, t: Feat, words: frozenset[str], limit: int = 3, runs: Runs | None = None) -> list[str]:
    """Words a reader sees in both units: vocabulary words first, then runs of shared bigrams
    (at least three characters after trimming particles at their edges)."""
    t_text = t.head + t.body + t.context
    scored: dict[str, float] = {}
    pg, tg = p.grams, t.grams
    both = pg.keys() & tg.keys()
    for run, grams in (runs if runs is not None else term_runs(p)) if both else ():
        if both.isdisjoint(grams):  # most runs of the problem share nothing with this target
            continue
        n = len(grams)
        i = 0  # a term starts at a shared bigram at or after i
        for start in itertools.compress(range(n), map(both.__contains__, grams)):
            if start < i:
                continue
            j = start
            weight = 0.0
            while j < n and grams[j] in both:
                weight += pg[grams[j]] * tg[grams[j]]
                j += 1
            while j < n and grams[j] in t_text:  # a boilerplate bigram ends a word
                j += 1
            term = run[start : j + 1]
            term = term if term in words else trim(term)
            if len(term) >= 3 or term in words:
                scored[term] = max(scored.get(term, 0.0), weight)
            i = j + 1
    for w in sorted(p.vocab & t.vocab):
        if w not in scored:
            scored[w] = 0.5 / (1 + len(scored))  # after the weighted runs, before nothing
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    out: list[str] = []
    for term, _w in ranked:
        if any(term in o or o in term for o in out):
            continue
        out.append(term)
        if len(out) == limit:
            break
    return out


def add_shared_words(kind: str, links: Iterable[tuple[int, Link]], entries: dict[str, list[Entry]],
                     feats: dict[str, list[Feat]], v: Vocab, runs: dict[int, Runs]) -> None:
    """Add to each (problem index, link) the words a reader sees in both units: after the themes,
    before the 同序号/针对 hints."""
    t_pos = {e.id: j for j, e in enumerate(entries[kind])}
    for i, lk in links:
        if lk.signals["words"] >= 0.05 or lk.signals["terms"] > 0:
            if i not in runs:
                runs[i] = term_runs(feats["problems"][i])
            terms = [t for t in shared_terms(feats["problems"][i], feats[kind][t_pos[lk.id]], v.words, runs=runs[i])
                     if t not in lk.evidence]
            hints = [ev for ev in lk.evidence if ev.startswith(("同序号", "针对"))]
            lk.evidence = [ev for ev in lk.evidence if ev not in hints] + terms + hints
