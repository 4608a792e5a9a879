"""Three outcomes per problem and side (cause, measure): linked, uncertain, missing.

A reviewer does not send a report back because a word-matcher found no link: the cause part of a
good report is often three to five root judgments (理想信念、宗旨意识、担当精神…) that share no word
with problems written in the work's own jargon. So a side is *missing* (RL201/RL202 at error level)
only on strong evidence of absence:

- the problem has no link on the other side either (nothing in the report answers it at all);
- the part is written per problem (its units name the problems they answer, 针对…问题, or are
  numbered like the problems' sections) and no unit of it is this problem's;
- nothing in the part relates to the problem at all: its headline names themes that no unit of the
  part speaks of (nor, for a cause, of their roots), no candidate scores `absent_score`, and every
  unit of the part answers some other problem (a unit answering nothing may be this one's). A
  problem in its work's own words, naming no theme, is never missing on this ground.

A side is *linked* when its best link scores `sure_score` or more on its own evidence; anything in
between — a weak link, a link found only by elimination (余项对应), no link without proof of absence
— is *uncertain*: a warning that names the closest unit to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import QUOTES, SENTENCE_END
from .features import Feat
from .mirrors import Mirror
from .options import Options
from .result import Entry, Link, is_sure
from .signals import reference_to, unit_references
from .text import bigrams
from .vocab import Vocab

LINKED, UNCERTAIN, MISSING = "linked", "uncertain", "missing"
_PER_PROBLEM = 2 / 3  # the share of a part's units that must name the problems they answer


@dataclass
class Outcome:
    """One side of one problem: the state, why (a short key), and the unit closest to answering it."""

    state: str  # LINKED, UNCERTAIN or MISSING
    why: str  # linked: "link", "inline"; uncertain: "weak", "elimination", "unproven"; missing: "both", "mirror", "unrelated"
    near: Link | None = None  # the best link, else the nearest candidate
    inline: str = ""  # "inline": the sentence of the problem item that gives its cause or measure


def decide(entries: dict[str, list[Entry]], feats: dict[str, list[Feat]], has_part: dict[str, bool],
           mirrors: dict[str, Mirror | None], v: Vocab, opts: Options) -> None:
    """Set `outcome[kind]` of every problem, for each kind whose part is there with units in it."""
    sides = [k for k in ("causes", "measures") if has_part[k] and entries[k]]
    inlines = [{k: _inline(pe.unit.text, v.inline.get(k, ())) for k in ("causes", "measures")}
               for pe in entries["problems"]] if sides else []
    for kind in sides:
        other = "measures" if kind == "causes" else "causes"
        absent = _mirror_absent(entries, feats, kind, mirrors.get(kind), v, opts.absent_score)
        all_claimed = all(t.problems for t in entries[kind])  # (no unit left that may be this one's)
        by_id = {t.id: t for t in entries[kind]}
        for i, pe in enumerate(entries["problems"]):
            if i == 0 and _lead_in(pe):
                continue
            inline = inlines[i]
            unanswered = other in sides and not _own(getattr(pe, other), opts) and not inline[other]
            links = getattr(pe, kind)
            near = max(links, key=lambda lk: lk.score) if links else pe.nearest.get(kind)
            foreign = all_claimed and _foreign(feats["problems"][i], entries[kind], v)
            outcome = _outcome(_own(links, opts), near, unanswered, absent[i], foreign, opts)
            if inline[kind] and outcome.state != LINKED:
                outcome = Outcome(LINKED, "inline", outcome.near, inline[kind])
            if outcome.state == MISSING and links:  # only hints (the comparison heading): not links
                for lk in links:
                    by_id[lk.id].problems.remove(pe.id)
                setattr(pe, kind, [])
            pe.outcome[kind] = outcome


def _own(links: list[Link], opts: Options) -> list[Link]:
    """The links a problem's side has on the units' own evidence: not a hint the comparison heading
    alone gives (a problem listed under 在担当作为方面 is shown the 担当 cause to check, but that is not
    a cause found for it)."""
    return [lk for lk in links if lk.signals.get("own", lk.score) >= opts.min_score]


def _outcome(links: list[Link], near: Link | None, unanswered: bool, mirror_absent: bool, foreign: bool,
             opts: Options) -> Outcome:
    if links:
        best = max(links, key=lambda lk: lk.score)
        if "余项对应" in best.evidence:
            return Outcome(UNCERTAIN, "elimination", best)
        if is_sure(best.score, opts.sure_score):
            return Outcome(LINKED, "link", best)
        return Outcome(UNCERTAIN, "weak", best)
    if unanswered:
        return Outcome(MISSING, "both", near)
    if mirror_absent:
        return Outcome(MISSING, "mirror", near)
    if foreign and (near is None or near.score < opts.absent_score):
        return Outcome(MISSING, "unrelated", near)
    return Outcome(UNCERTAIN, "unproven", near)


_SENTENCE = re.compile(f"[^{re.escape(SENTENCE_END)}]+[{re.escape(SENTENCE_END)}]?")


def _inline(text: str, markers: tuple[str, ...]) -> str:
    """The sentence of a problem item, after its first, that opens with one of `markers` (究其原因，…
    下一步，…): the item gives its own cause or measure. "" when there is none."""
    if not markers:
        return ""
    for n, m in enumerate(_SENTENCE.finditer(text)):
        sentence = m.group().strip().lstrip(QUOTES)
        if n and sentence.startswith(markers):
            return sentence
    return ""


def _foreign(pf: Feat, targets: list[Entry], v: Vocab) -> bool:
    """The problem's headline names themes, and no unit of the part speaks of them: no measure shows
    one, no cause shows one or a root they have (保密 → 纪律规矩). A problem in its work's own words
    names none: a cause part of root judgments may well explain it without a word in common."""
    if not pf.head_themes:
        return False
    roots = {cid for t in pf.head_themes for cid in v.by_name[t].causes}
    return all(pf.head_themes.isdisjoint(t.themes) and roots.isdisjoint(t.categories) for t in targets)


def _lead_in(pe: Entry) -> bool:
    """An unlabelled first paragraph of the problems part that announces them (…查摆出以下问题。):
    a lead-in the tree read as a headline paragraph, not a problem to answer."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(pe.unit.text)]
    return "¶" in pe.unit.path and bool(sentences) and ("以下" in sentences[-1] or sentences[-1].endswith(
        ("如下。", "如下：", "如下:")))


def _unrelated(pe: Entry, kind: str, absent_score: float) -> bool:
    """No unit of the part scores `absent_score` with the problem."""
    near = pe.nearest.get(kind)
    return near is None or near.score < absent_score


def _mirror_absent(entries: dict[str, list[Entry]], feats: dict[str, list[Feat]], kind: str, mirror: Mirror | None,
                   v: Vocab, absent_score: float) -> list[bool]:
    """Per problem: the part of `kind` is written per problem and none of its units is this one's.

    Per problem means most of its units name the problem they answer (针对…问题), or it answers the
    problems in their order (a confirmed `mirrors.Mirror`) and the problem's place holds nothing —
    where the part lists one unit fewer than the problems and the places shift by one, only when
    nothing in the part relates to the problem (with a unit too few, a writer more often answers
    two problems in one unit than leaves one out)."""
    p_feats = feats["problems"]
    out = [mirror is not None and mirror.absent(i) and (mirror.mode == "section" or _unrelated(pe, kind, absent_score))
           for i, pe in enumerate(entries["problems"])]
    refs = [unit_references(e, v) for e in entries[kind]]
    if len(refs) >= 2 and sum(bool(r) for r in refs) >= _PER_PROBLEM * len(refs):
        for i, pf in enumerate(p_feats):
            head = set(pf.heads) or set(list(pf.grams)[:12])
            heading = set(bigrams(pf.frame_text, v))  # 针对…方面的问题: the heading it is listed under
            out[i] = out[i] or (bool(head) and all(reference_to(r, head) is None and reference_to(r, heading) is None
                                                   for r in refs))
    return out
