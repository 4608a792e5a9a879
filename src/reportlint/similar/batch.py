"""Copying within a batch: which reports share passages, found through an inverted index of
fingerprints (never by comparing every pair), then verified exactly: every passage the two share,
located in both.

The index is a sort-join: every fingerprint becomes one 64-bit entry (hash, report, passage) in
one of `_SHARDS` arrays by its hash; each shard is sorted alone, and the entries of one hash meet.
That is the map (fingerprints of each file) and the shuffle (by hash) of a distributed join, on one
machine: memory is 8 bytes a fingerprint plus one shard being sorted.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, count, islice, repeat
from operator import eq, or_, rshift

from ..errors import ReportlintError
from .sketch import MAX_PASSAGES, Passage, Sketch
from .text import (
    MASK_A,
    MASK_B,
    SEP_A,
    SEP_B,
    Run,
    Settings,
    kgram_hashes,
    mark,
    piece,
    shared_runs,
    unspread,
)

_SHARD_BITS = 4
_SHARDS = 1 << _SHARD_BITS
_PASSAGE_BITS = (MAX_PASSAGES - 1).bit_length()  # passages a report may have in the index (4,096)
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
        raise ReportlintError(f"一次最多比对 {MAX_REPORTS} 份报告：请分批比对，或按 README 在分布式引擎上运行")
    hits, common = _shared_fingerprints(sketches, readable, settings.max_common)
    masked = _Masked(common, settings)
    pairs = []
    for a, b in _candidates(hits, settings.min_shared):
        pair = verify(sketches[a], sketches[b], masked, settings)
        if pair is not None:
            pairs.append(pair)
    rank = {"error": 0, "warning": 1, "info": 2}
    order = {s.path: i for i, s in reversed(list(enumerate(sketches)))}
    pairs.sort(key=lambda p: (rank[p.severity], -max(p.share_a, p.share_b), order[p.a], order[p.b]))
    return pairs


_LOW = (1 << 32) - 1
_PASSAGE = (1 << _PASSAGE_BITS) - 1
_SHARD_SHIFT = 64 - _SHARD_BITS  # an entry's shard: the top bits of its hash (text.spread)


def _shared_fingerprints(sketches: Sequence[Sketch], readable: list[int], limit: int) -> tuple[list[array], set[int]]:
    """Every fingerprint two reports share, as one entry (report a, report b, passage a, passage
    b) in one of `_SHARDS` arrays by the pair of reports; and the fingerprints in more than `limit`
    reports: common text of the batch (MOSS's -m), left out. A sketch's fingerprints are in order,
    so its share of each shard is one slice; only the entries of a hash met twice are looked at
    one by one."""
    by_hash = [array("Q") for _ in range(_SHARDS)]
    for report in readable:
        own = sketches[report].fingerprints
        bounds = [0, *(bisect_left(own, n << _SHARD_SHIFT) for n in range(1, _SHARDS)), len(own)]
        for n in range(_SHARDS):
            by_hash[n].extend(map(or_, own[bounds[n]:bounds[n + 1]], repeat(report << _PASSAGE_BITS)))
    by_pair = [array("Q") for _ in range(_SHARDS)]
    common: set[int] = set()
    for n in range(_SHARDS):
        entries = sorted(by_hash[n])
        by_hash[n] = array("Q")  # freed as soon as it is sorted
        hashes = list(map(rshift, entries, repeat(32)))
        end = 0
        for start in compress(count(), map(eq, hashes, islice(hashes, 1, None))):
            if start < end:
                continue
            end = start + 2
            while end < len(hashes) and hashes[end] == hashes[start]:
                end += 1
            members = [e & _LOW for e in entries[start:end]]
            reports = {m >> _PASSAGE_BITS for m in members}
            if len(reports) > limit:
                common.add(unspread(hashes[start]))
            elif len(reports) > 1:
                for x, y in _cross(members):
                    ra, rb = x >> _PASSAGE_BITS, y >> _PASSAGE_BITS
                    by_pair[(ra + rb) % _SHARDS].append(ra << 44 | rb << 24 | (x & _PASSAGE) << 12 | (y & _PASSAGE))
    return by_pair, common


def _cross(members: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs of entries of two different reports, the earlier report first."""
    for i, x in enumerate(members):
        for y in members[i + 1:]:
            if x >> _PASSAGE_BITS != y >> _PASSAGE_BITS:
                yield (x, y) if x < y else (y, x)


def _candidates(hits: list[array], min_shared: int) -> Iterator[tuple[int, int]]:
    """The pairs of reports sharing at least `min_shared` fingerprints, in order."""
    for n in range(len(hits)):
        shared = Counter(map(rshift, hits[n], repeat(24)))
        hits[n] = array("Q")
        for pair in sorted(p for p, times in shared.items() if times >= min_shared):
            yield pair >> 20, pair & ((1 << 20) - 1)


class _Masked:
    """Each report's passages with the k-grams of common fingerprints masked, joined into one
    text with separators no run crosses, and where each passage starts; the `keep` reports used
    last are kept for the pairs to come."""

    def __init__(self, common: set[int], settings: Settings, keep: int = 5_000):
        self.common, self.settings, self.keep = common, settings, keep
        self._done: OrderedDict[int, tuple[str, list[int]]] = OrderedDict()

    def __call__(self, sketch: Sketch) -> tuple[str, list[int]]:
        key = id(sketch)
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        if len(self._done) >= self.keep:
            self._done.popitem(last=False)
        sep = SEP_A * (self.settings.max_gap + 1)
        texts = [without_common(p.folded, self.common, self.settings.kgram) for p in sketch.passages]
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + len(sep)
        self._done[key] = sep.join(texts), starts
        return self._done[key]


def verify(a: Sketch, b: Sketch, masked: Callable[[Sketch], tuple[str, list[int]]], settings: Settings) -> Pair | None:
    """The pair a, b as it is listed (None when what they share is too little): their problems,
    causes and measures compared exactly (`masked`: a report's text as compared, with the batch's
    common text masked, and where each passage starts in it)."""
    text_a, starts_a = masked(a)
    text_b, starts_b = masked(b)
    text_b = text_b.replace(MASK_A, MASK_B).replace(SEP_A, SEP_B)
    covered_a: dict[int, bytearray] = {}
    covered_b: dict[int, bytearray] = {}
    found: list[tuple[int, int, Run]] = []
    for whole in shared_runs(text_a, text_b, settings.seed, settings.min_chars, settings.max_gap,
                             settings.min_extra, bounds_a=starts_a, bounds_b=starts_b):
        ua, ub = piece(starts_a, whole.a_start), piece(starts_b, whole.b_start)
        run = Run(whole.a_start - starts_a[ua], whole.a_end - starts_a[ua],
                  whole.b_start - starts_b[ub], whole.b_end - starts_b[ub], whole.matched)
        pa, pb = a.passages[ua], b.passages[ub]
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
    severity = ("error" if top >= settings.error
                else "warning" if top >= settings.warning or max(len(copied_a), len(copied_b)) >= settings.units_warning
                else "info")
    found.sort(key=lambda f: (f[0], f[2].a_start))
    index_a = {ua: a.passages[ua].raw_index() for ua in covered_a}
    index_b = {ub: b.passages[ub].raw_index() for ub in covered_b}
    passages = [located(a.passages[ua], b.passages[ub], run, index_a[ua], index_b[ub]) for ua, ub, run in found]
    return Pair(a.path, b.path, min(share_a, 1.0), min(share_b, 1.0), severity, passages, copied_a, copied_b)


def without_common(folded: str, common: set[int], k: int) -> str:
    """The text with the k-grams of common fingerprints masked."""
    if not common:
        return folded
    hits = [at + i for at, hashes in kgram_hashes(folded, k) if not common.isdisjoint(hashes)
            for i in compress(count(), map(common.__contains__, hashes))]
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


def located(pa: Passage, pb: Passage, run: Run, raw_a: Callable[[int], int], raw_b: Callable[[int], int]) -> Shared:
    """A run between two passages, with its text (as a has it) and its place in both files
    (`raw_a`, `raw_b`: their raw_index())."""
    start_a, end_a = raw_a(run.a_start), raw_a(run.a_end - 1) + 1
    start_b, end_b = raw_b(run.b_start), raw_b(run.b_end - 1) + 1
    return Shared(pa.text[start_a:end_a], pa.locate(start_a, end_a), pb.locate(start_b, end_b))
