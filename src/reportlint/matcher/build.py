"""`correspond`: the map of one document, from features to kept links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from .evidence import Runs, add_shared_words
from .features import (
    Feat,
    Index,
    category_weights,
    common_words,
    damp_frame_pattern,
    features,
    theme_weights,
    vectors,
)
from .mirrors import Mirror, mirror_links
from .mirrors import find as find_mirror
from .options import Options
from .outcomes import decide
from .result import Correspondence, Entry, Link
from .scoring import Work, measure_cause_similarity, score_pairs
from .selection import pair_leftovers, select, to_link
from .vocab import Vocab, load_vocab

ROLES = ("problems", "causes", "measures")


def correspond(doc: Document, options: Mapping[str, Any] | Options | None = None, *,
               shared_words: bool = True) -> Correspondence:
    """Link each problem of `doc` to the causes and measures that answer it (see the package doc).

    `shared_words=False` leaves out the shared words from each link's evidence (the themes and
    structure hints stay): the rules only ask which links exist, so they skip finding the words a
    reader sees in both units. Links and scores are the same."""
    opts = options if isinstance(options, Options) else Options.of(options)
    v = load_vocab(opts)
    entries, feats = _read_units(doc, v, opts)
    runs: dict[int, Runs] = {}  # problem → its runs, for both kinds (`evidence.term_runs`)
    bridges: list[dict[int, tuple[float, str]]] | None = None
    mirrors: dict[str, Mirror | None] = {}
    work = Work(doc.path)
    for kind in ("measures", "causes"):
        if not entries[kind] or not entries["problems"]:
            continue
        scored, nearest, scores = score_pairs(entries["problems"], feats["problems"], entries[kind], feats[kind],
                                              kind, v, opts, work, bridges if kind == "causes" else None)
        kept = select(scored, entries[kind], float(opts.relative), int(opts.max_links), float(opts.min_score))
        mirror = mirrors[kind] = find_mirror(kept, entries[kind], feats["problems"], feats[kind], opts.sure_score)
        if mirror is not None and opts.mirror_weight > 0:
            mirror_links(mirror, kept, scores, feats["problems"], entries[kind], v, opts.mirror_weight, opts.sure_score)
        if shared_words:
            add_shared_words(kind, ((i, lk) for i, links in enumerate(kept) for lk in links), entries, feats, v, runs)
        by_id = {e.id: e for e in entries[kind]}
        for pe, links, near in zip(entries["problems"], kept, nearest, strict=True):
            # the nearest pair is the kept link to the same target, if it was kept
            near_id = entries[kind][near[2]].id if near is not None else None
            pe.nearest[kind] = next((lk for lk in links if lk.id == near_id), None) or (
                to_link(near, entries[kind]) if near is not None else None)
            setattr(pe, kind, links)
            for lk in links:
                by_id[lk.id].problems.append(pe.id)
        if kind == "measures" and entries["causes"] and float(opts.bridge_weight) > 0:
            bridges = _bridges(entries, feats, kept, v, opts)
    if float(opts.leftover_ratio) > 0:
        floor = float(opts.leftover_ratio) * float(opts.min_score)
        for kind in ("causes", "measures"):
            paired = pair_leftovers(entries["problems"], entries[kind], kind, floor)
            if shared_words:
                add_shared_words(kind, paired, entries, feats, v, runs)
    for kind in ("causes", "measures"):
        for e in entries[kind]:
            e.problems.sort(key=lambda pid: int(pid[1:]))
    has_part = {kind: bool(doc.part(kind)) for kind in ("causes", "measures")}
    decide(entries, feats, has_part, mirrors, v, opts)
    return Correspondence(doc.path, entries["problems"], entries["causes"], entries["measures"],
                          has_part["causes"], has_part["measures"], opts.as_dict())


def _read_units(doc: Document, v: Vocab, opts: Options) -> tuple[dict[str, list[Entry]], dict[str, list[Feat]]]:
    """Every problem, cause and measure as an entry (with its themes) and its features (with its
    weighted grams, over the whole report's units)."""
    index = Index(doc)
    feats: dict[str, list[Feat]] = {}
    entries: dict[str, list[Entry]] = {}
    units = {role: doc.units(role) for role in ROLES}
    reads = {role: features(units[role], index, v, role) for role in ROLES}
    for role in ROLES:
        feats[role] = [f for _h, f in reads[role]]
    common = common_words([*feats["problems"], *feats["causes"], *feats["measures"]])
    for role in ROLES:
        entries[role] = []
        for unit, (headline, f) in zip(units[role], reads[role], strict=True):
            e = Entry(unit, headline, theme_weights(f, v, role, common))
            if role == "causes":
                e.categories = category_weights(f, v)
            entries[role].append(e)
    damp_frame_pattern([e.themes for e in entries["problems"]], feats["problems"])
    if entries["problems"] and (entries["causes"] or entries["measures"]):  # else nothing to link
        vectors([*feats["problems"], *feats["causes"], *feats["measures"]], v, opts)
    return entries, feats


def _bridges(entries: dict[str, list[Entry]], feats: dict[str, list[Feat]], kept: list[list[Link]],
             v: Vocab, opts: Options) -> list[dict[int, tuple[float, str]]]:
    """Per problem, the causes its own measures answer: cause → (link × similarity, measure path)."""
    m_pos = {e.id: j for j, e in enumerate(entries["measures"])}
    used = sorted({m_pos[lk.id] for links in kept for lk in links})
    sims_used = measure_cause_similarity([entries["measures"][j] for j in used], [feats["measures"][j] for j in used],
                                         entries["causes"], feats["causes"], v, opts)
    sims = dict(zip(used, sims_used, strict=True))
    out = []
    for links in kept:
        b: dict[int, tuple[float, str]] = {}
        for lk in links:
            m = m_pos[lk.id]
            for j, s in sims[m].items():
                val = lk.score * s
                if val > b.get(j, (0.0, ""))[0]:
                    b[j] = (val, entries["measures"][m].unit.path)
        out.append(b)
    return out
