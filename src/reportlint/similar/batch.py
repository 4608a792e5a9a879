"""Copying within a batch: which reports share passages, found through an inverted index of
fingerprints (never by comparing every pair), then verified exactly, passage by passage.

The index is a sort-join: every fingerprint becomes one 64-bit entry (hash, report, passage) in
one of `_SHARDS` arrays by its hash; each shard is sorted alone, and the entries of one hash meet.
That is the map (fingerprints of each file) and the shuffle (by hash) of a distributed join, on one
machine: memory is 8 bytes a fingerprint plus one shard being sorted.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from .sketch import Passage, Sketch
from .text import MASK_A, MASK_B, Run, Settings, kgram_hashes, mark, shared_runs

_SHARDS = 16
_PASSAGE_BITS = 12  # passages a report may have in the index (4,096)
_REPORT_BITS = 32 - _PASSAGE_BITS  # reports a run may have (1,048,576)
MAX_REPORTS = 1 << _REPORT_BITS


@dataclass
class Shared:
    """One passage two reports share, located in both."""

    text: str
    a: dict[str, object]
    b: dict[str, object]

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "a": self.a, "b": self.b}


@dataclass
class Pair:
    """Two reports sharing passages: `share_a` of a's problems, causes and measures text is in b."""

    a: str
    b: str
    share_a: float
    share_b: float
    severity: str
    passages: list[Shared] = field(default_factory=list)
    copied_a: list[str] = field(default_factory=list)  # a's problems, causes, measures found in b
    copied_b: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "share_a": round(self.share_a, 2), "share_b": round(self.share_b, 2),
                "severity": self.severity, "passages": [p.to_dict() for p in self.passages],
                "copied_a": self.copied_a, "copied_b": self.copied_b}


def find_pairs(sketches: Sequence[Sketch], settings: Settings) -> list[Pair]:
    """The pairs of reports that share passages, most copied first (ties in the order given)."""
    readable = [i for i, s in enumerate(sketches) if s.error is None]
    if len(readable) > MAX_REPORTS:
        raise ValueError(f"at most {MAX_REPORTS} reports in one run")
    candidates, common = _candidates(sketches, readable, settings.common_limit(len(readable)))
    pairs = []
    for (a, b), units in groupby(sorted(candidates), key=lambda c: (c[0] >> _PASSAGE_BITS, c[1] >> _PASSAGE_BITS)):
        mask = (1 << _PASSAGE_BITS) - 1
        pair = verify(sketches[a], sketches[b], [(x & mask, y & mask) for x, y in units], common, settings)
        if pair is not None:
            pairs.append(pair)
    rank = {"error": 0, "warning": 1, "info": 2}
    order = {s.path: i for i, s in reversed(list(enumerate(sketches)))}
    pairs.sort(key=lambda p: (rank[p.severity], -max(p.share_a, p.share_b), order[p.a], order[p.b]))
    return pairs


def _candidates(sketches: Sequence[Sketch], readable: list[int], limit: int) -> tuple[set[tuple[int, int]], set[int]]:
    """Passage pairs (report << bits | passage, for two reports) sharing a fingerprint, and the
    fingerprints in more than `limit` reports: common text of the batch, left out."""
    shards = [array("Q") for _ in range(_SHARDS)]
    for report in readable:
        for h, passage in sketches[report].fingerprints:
            if passage < 1 << _PASSAGE_BITS:
                shards[h % _SHARDS].append(h << 32 | report << _PASSAGE_BITS | passage)
    candidates: set[tuple[int, int]] = set()
    common: set[int] = set()
    low = (1 << 32) - 1
    for n, shard in enumerate(shards):
        entries = sorted(shard)
        shards[n] = array("Q")  # freed as soon as it is sorted
        for h, group in groupby(entries, key=lambda e: e >> 32):
            members = [e & low for e in group]
            if len(members) < 2:
                continue
            reports = {m >> _PASSAGE_BITS for m in members}
            if len(reports) > limit:
                common.add(h)
            elif len(reports) > 1:
                candidates.update(_cross(members))
    return candidates, common


def _cross(members: list[int]) -> Iterator[tuple[int, int]]:
    for i, x in enumerate(members):
        for y in members[i + 1:]:
            if x >> _PASSAGE_BITS != y >> _PASSAGE_BITS:
                yield (x, y) if x < y else (y, x)


def verify(a: Sketch, b: Sketch, units: Sequence[tuple[int, int]], common: set[int], settings: Settings) -> Pair | None:
    """The pair a, b as it is listed (None when what they share is too little): the passages of
    each candidate pair of problems/causes/measures compared exactly."""
    covered_a: dict[int, bytearray] = {}
    covered_b: dict[int, bytearray] = {}
    found: list[tuple[int, int, Run]] = []
    for ua, ub in units:
        pa, pb = a.passages[ua], b.passages[ub]
        text_a = without_common(pa.folded, common, settings.kgram)
        text_b = without_common(pb.folded, common, settings.kgram).replace(MASK_A, MASK_B)
        for run in shared_runs(text_a, text_b, settings.kgram, settings.min_chars, settings.max_gap):
            found.append((ua, ub, run))
            mark(covered_a.setdefault(ua, bytearray(len(pa.folded))), pa.folded, run.a_start, run.a_end)
            mark(covered_b.setdefault(ub, bytearray(len(pb.folded))), pb.folded, run.b_start, run.b_end)
    if not found:
        return None
    share_a = sum(map(sum, covered_a.values())) / max(1, sum(p.own for p in a.passages))
    share_b = sum(map(sum, covered_b.values())) / max(1, sum(p.own for p in b.passages))
    copied_a = _copied(a.passages, covered_a, settings)
    copied_b = _copied(b.passages, covered_b, settings)
    top = max(share_a, share_b)
    if top < settings.listed and not copied_a and not copied_b:
        return None
    severity = "error" if top >= settings.error else "warning" if top >= settings.warning else "info"
    found.sort(key=lambda f: (f[0], f[2].a_start))
    passages = [located(a.passages[ua], b.passages[ub], run) for ua, ub, run in found]
    return Pair(a.path, b.path, min(share_a, 1.0), min(share_b, 1.0), severity, passages, copied_a, copied_b)


def without_common(folded: str, common: set[int], k: int) -> str:
    """The text with the k-grams of common fingerprints masked."""
    if not common:
        return folded
    hits = [i for i, h in enumerate(kgram_hashes(folded, k)) if h in common]
    if not hits:
        return folded
    chars = list(folded)
    for i in hits:
        chars[i:i + k] = MASK_A * k
    return "".join(chars)


def _copied(passages: Sequence[Passage], covered: dict[int, bytearray], settings: Settings) -> list[str]:
    """The sections of the problems, causes and measures found (`unit_copied` of them) in the other."""
    out = []
    for i, marks in sorted(covered.items()):
        n = sum(marks)
        if n >= settings.min_chars and n >= settings.unit_copied * passages[i].own:
            out.append(passages[i].section)
    return out


def located(pa: Passage, pb: Passage, run: Run) -> Shared:
    """A run between two passages, with its text (as a has it) and its place in both files."""
    raw_a, raw_b = pa.raw_index(), pb.raw_index()
    start_a, end_a = raw_a[run.a_start], raw_a[run.a_end - 1] + 1
    start_b, end_b = raw_b[run.b_start], raw_b[run.b_end - 1] + 1
    return Shared(pa.text[start_a:end_a], pa.locate(start_a, end_a), pb.locate(start_b, end_b))
