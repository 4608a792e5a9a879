"""Against last year (问题年年一样，整改不见成效): each report matched to last year's by its unit and
author (title block and byline), or as the user paired them; then, problem by problem, which came
back, which measures are last year's unchanged, and how much of the whole text is last year's."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..resources import vocab
from .sketch import Passage, Sketch
from .text import MASK_A, MASK_B, SEP_B, Settings, fold_plain, mark, piece, shared_runs

_DATES = re.compile(r"(19|20)\d{2}\s*年(度)?|[一二][〇零○一二三四五六七八九]{3}\s*年(度)?"
                    r"|\d{1,2}\s*月(\s*\d{1,2}\s*日)?|(19|20)\d{2}")


@functools.cache
def _title_words() -> re.Pattern[str]:
    words = sorted(vocab("similar")["previous"]["title_words"], key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words)))


def author_key(title: str, byline: Sequence[str]) -> str:
    """Who wrote a report, as its title block says (the unit, and a person's name in the byline),
    without what changes from year to year: years, dates, the meeting, the kind of material."""
    text = _DATES.sub("", title + "".join(byline))
    return fold_plain(_title_words().sub("", text))


def _name_key(path: str) -> str:
    """A file's name without its folder, extension and figures (张三2024.docx → 张三)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return fold_plain(re.sub(r"\d+", "", stem))


def match(current: Sequence[Sketch], previous: Sequence[Sketch],
          given: Sequence[tuple[str, str]] = ()) -> list[tuple[Sketch, Sketch]]:
    """(this year's, last year's) for each report that has one: the pairs the user gave, then one
    report to one by the same unit and author, then by the same file name less its figures. A key
    two of last year's reports share decides nothing."""
    by_path = {os.path.normpath(s.path): s for s in previous if s.error is None}
    wanted = {os.path.normpath(a): os.path.normpath(b) for a, b in given}
    out: dict[int, Sketch] = {}
    used: set[int] = set()
    for i, cur in enumerate(current):
        prev = by_path.get(wanted.get(os.path.normpath(cur.path), ""))
        if cur.error is None and prev is not None:
            out[i] = prev
            used.add(id(prev))
    for key in (lambda s: author_key(s.title, s.byline), lambda s: _name_key(s.path)):
        index: dict[str, list[Sketch]] = {}
        for s in previous:
            if s.error is None and id(s) not in used:
                index.setdefault(key(s), []).append(s)
        for i, cur in enumerate(current):
            if i in out or cur.error is not None:
                continue
            found = index.get(key(cur), [])
            if len(found) == 1 and key(cur) and id(found[0]) not in used:
                out[i] = found[0]
                used.add(id(found[0]))
    return [(current[i], out[i]) for i in sorted(out)]


@dataclass
class Repeat:
    """A problem (or measure) of this year found in last year's report."""

    passage: Passage
    previous: Passage
    share: float

    def to_dict(self) -> dict[str, object]:
        first, before = self.passage.pieces[0], self.previous.pieces[0]
        return {"section": self.passage.section, "line": first.line, "column": first.column,
                "previous_line": before.line, "previous_section": self.previous.section,
                "share": round(self.share, 2), "text": self.passage.text}


@dataclass
class Against:
    """A report against last year's: the share of its whole text that is last year's, the problems
    that came back and the measures repeated unchanged."""

    path: str
    previous: str
    share: float
    severity: str
    problems: list[Repeat] = field(default_factory=list)
    measures: list[Repeat] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "previous": self.previous, "share": round(self.share, 2),
                "severity": self.severity, "problems": [r.to_dict() for r in self.problems],
                "measures": [r.to_dict() for r in self.measures]}


def compare(cur: Sketch, prev: Sketch, settings: Settings) -> Against:
    problems, measures = [], []
    for passage in cur.passages:
        if passage.role == "causes":
            continue
        found = _best_match(passage, prev.passages, settings)
        if found is None:
            continue
        before, share = found
        if passage.role == "problems" and share >= settings.problem_repeated:
            problems.append(Repeat(passage, before, share))
        elif passage.role == "measures" and share >= settings.measure_unchanged:
            measures.append(Repeat(passage, before, share))
    share = _whole_share(cur.whole, prev.whole, settings)
    count = sum(1 for p in cur.passages if p.role == "problems")
    if share >= settings.previous_error or (problems and len(problems) * 2 >= count):
        severity = "error"
    elif problems or measures:
        severity = "warning"
    else:
        severity = "info"
    return Against(cur.path, prev.path, share, severity, problems, measures)


def _best_match(passage: Passage, others: Sequence[Passage], settings: Settings) -> tuple[Passage, float] | None:
    """The earlier passage holding most of this one, and the share of this one it holds."""
    if not others or not passage.own:
        return None
    joined, starts = _joined(others, settings.max_gap + 1)
    matched: dict[int, bytearray] = {}
    for run in shared_runs(passage.folded, joined, settings.seed, settings.min_chars, settings.max_gap,
                           settings.min_extra, bounds_b=starts):
        which = piece(starts, run.b_start)
        mark(matched.setdefault(which, bytearray(len(passage.folded))), passage.folded, run.a_start, run.a_end)
    if not matched:
        return None
    which, marks = max(matched.items(), key=lambda m: (sum(m[1]), -m[0]))
    return others[which], sum(marks) / passage.own


def _joined(passages: Sequence[Passage], sep: int) -> tuple[str, list[int]]:
    """The passages as one text (MASK_B marks, `sep` separators no run crosses between them) and
    where each starts."""
    starts, parts, at = [], [], 0
    for p in passages:
        starts.append(at)
        parts.append(p.folded.replace(MASK_A, MASK_B) + SEP_B * sep)
        at += len(p.folded) + sep
    return "".join(parts), starts


def _whole_share(cur: Passage | None, prev: Passage | None, settings: Settings) -> float:
    if cur is None or prev is None or not cur.own:
        return 0.0
    marks = bytearray(len(cur.folded))
    other = prev.folded.replace(MASK_A, MASK_B)
    for run in shared_runs(cur.folded, other, settings.seed, settings.min_chars, settings.max_gap):
        mark(marks, cur.folded, run.a_start, run.a_end)
    return sum(marks) / cur.own
