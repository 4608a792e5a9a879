"""Text as `similar` compares it: folded (full-width → half-width, Traditional → Simplified, lower
case, only letters, digits and Chinese characters kept), with what every report is expected to
share masked out, fingerprinted by winnowing, and compared exactly.

Winnowing (Schleimer, Wilkerson & Aiken, "Winnowing: local algorithms for document
fingerprinting", SIGMOD 2003; the algorithm of MOSS): hash every k-gram, keep the smallest hash
of each window of `window` consecutive k-grams. Two texts sharing a run of at least
k + window - 1 characters share a kept hash, whatever surrounds the run. The hash is CRC-32, the
same on every machine and in every process, so the kept hashes, and the results, never vary.
"""

from __future__ import annotations

import functools
import re
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count

from ..resources import vocab

MASK_A = "\x00"  # a masked character of the first text: never equal to anything in the second
MASK_B = "\x01"
SEP_A = "\x02"  # between two pieces of one text: never equal to anything, never bridged
SEP_B = "\x03"


@dataclass(frozen=True)
class Settings:
    """The numbers of rules/vocab/similar.toml (its comments say what each means)."""

    kgram: int
    window: int
    max_common: int
    min_shared: int
    min_chars: int
    max_gap: int
    seed: int
    min_extra: int
    max_quote: int
    template_kgram: int
    listed: float
    warning: float
    error: float
    unit_copied: float
    units_warning: int
    problem_repeated: float
    measure_unchanged: float
    previous_error: float


@functools.cache
def settings() -> Settings:
    data = vocab("similar")
    index, passage, share, previous = data["index"], data["passage"], data["share"], data["previous"]
    return Settings(
        kgram=index["kgram"], window=index["window"], max_common=index["max_common"],
        min_shared=index["min_shared"], min_chars=passage["min_chars"], max_gap=passage["max_gap"],
        seed=passage["seed"], min_extra=passage["min_extra"], max_quote=passage["max_quote"], template_kgram=passage["template_kgram"],
        listed=share["listed"],
        warning=share["warning"], error=share["error"], unit_copied=share["unit_copied"],
        units_warning=share["units_warning"],
        problem_repeated=previous["problem_repeated"], measure_unchanged=previous["measure_unchanged"],
        previous_error=previous["error_share"])


# -- folding --------------------------------------------------------------------------------------


@functools.cache
def _fold_table() -> dict[int, str]:
    """One character for one character, so positions in the folded text are positions in the raw."""
    data = vocab("traditional")
    table = {ord(t): s for t, s in zip(data["traditional"], data["simplified"], strict=True)}
    table.update({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})  # full-width ASCII
    table.update({code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)})
    table.update({code: chr(code + 32) for code in range(0xFF21, 0xFF3B)})  # full-width A-Z → a-z
    table.update({code: "0" for code in (*range(ord("1"), ord("9") + 1), *range(0xFF10, 0xFF1A))})
    return table


_DROPPED = re.compile(r"[\W_]+|(?<=0)0+")  # not a letter, digit or character; a figure's further digits


def fold_plain(text: str) -> str:
    """The folded text: a number becomes one `0` (a copy with its figures changed is still a copy)."""
    return _DROPPED.sub("", text.translate(_fold_table()))


def raw_index(text: str) -> Callable[[int], int]:
    """For a position in fold_plain(text), the index of its character in `text` (from where the
    dropped stretches are, not from every character)."""
    raw = text.translate(_fold_table())
    at: list[int] = []  # where in the folded text each dropped stretch was
    dropped: list[int] = []  # characters dropped up to the end of it
    total = 0
    for m in _DROPPED.finditer(raw):
        at.append(m.start() - total)
        total += m.end() - m.start()
        dropped.append(total)

    def index(position: int) -> int:
        n = bisect_right(at, position)
        return position + (dropped[n - 1] if n else 0)

    return index


def fold_masked(text: str, masked: Sequence[tuple[int, int]]) -> str:
    """The folded text, the characters of the `masked` stretches of `text` (start, end; in order,
    not overlapping) as MASK_A: fold_plain(text) with some characters masked."""
    raw = text.translate(_fold_table())
    out, at = [], 0
    for start, end in masked:
        out.append(_fold_part(raw, at, start))
        out.append(MASK_A * len(_fold_part(raw, start, end)))
        at = end
    out.append(_fold_part(raw, at, len(raw)))
    return "".join(out)


def _fold_part(raw: str, start: int, end: int) -> str:
    part = _DROPPED.sub("", raw[start:end])
    if start and raw[start - 1:start + 1] == "00":  # a figure going on from the part before
        part = part[1:]
    return part


# -- expected text --------------------------------------------------------------------------------

_OPEN_CLOSE = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』", "〈": "〉"}


def quotations(text: str, longest: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each quotation of at most `longest` characters, marks included."""
    for opener, closer in _OPEN_CLOSE.items():
        start = text.find(opener)
        while start >= 0:
            end = text.find(closer, start + 1)
            if end < 0:
                break
            if end - start - 1 <= longest:
                yield start, end + 1
            start = text.find(opener, end + 1)



class Expected:
    """What every report may share without copying: official formulations, stock phrases, the
    headings profiles require (phrases, matched exactly in folded text) and the unit's template
    (any run of `template_kgram` characters of it)."""

    def __init__(self, phrases: Iterable[str], template: Iterable[str] = (), template_kgram: int = 6):
        folded = sorted({fold_plain(p) for p in phrases} - {""}, key=lambda p: (-len(p), p))
        self._phrases = re.compile("|".join(map(re.escape, folded))) if folded else None
        self.template_kgram = k = template_kgram
        self._template = {g for t in map(fold_plain, template) for g in kgrams(t, k)}

    def masked(self, folded: str) -> str:
        """The folded text with its expected text as MASK_A."""
        spans = [m.span() for m in self._phrases.finditer(folded)] if self._phrases is not None else []
        if self._template:
            k = self.template_kgram
            spans += [(i, i + k) for i in compress(count(), map(self._template.__contains__, kgrams(folded, k)))]
        if not spans:
            return folded
        out, at = [], 0
        for start, end in merged(spans):
            out += [folded[at:start], MASK_A * (end - start)]
            at = end
        out.append(folded[at:])
        return "".join(out)


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) stretches in order, those that overlap or touch made one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


# -- fingerprints ---------------------------------------------------------------------------------


@functools.cache
def _kgram_pattern(k: int) -> re.Pattern[str]:
    return re.compile(f"(?=(.{{{k}}}))", re.DOTALL)


def kgrams(text: str, k: int) -> list[str]:
    """Every run of `k` characters of `text`, in order (one regular-expression call: no Python
    loop over the characters)."""
    return _kgram_pattern(k).findall(text)


def kgram_hashes(text: str, k: int) -> Iterator[tuple[int, list[int]]]:
    """For each stretch of `text` between masked characters: where it starts, and the CRC-32 of
    each of its k-grams."""
    at = 0
    for stretch in text.split(MASK_A):
        if len(stretch) >= k:
            yield at, list(map(zlib.crc32, map(str.encode, kgrams(stretch, k))))
        at += len(stretch) + 1


def fingerprints(text: str, k: int, window: int) -> set[int]:
    """The hashes winnowing keeps: the smallest of each window of consecutive k-grams (a stretch
    shorter than a window keeps its smallest). Masked characters take no part."""
    kept: set[int] = set()
    for _, hashes in kgram_hashes(text, k):
        if len(hashes) <= window:
            kept.add(min(hashes))
        else:  # the minimum of each window, computed by min() over `window` shifted views
            kept.update(map(min, *(hashes[j:len(hashes) - window + 1 + j] for j in range(window))))
    return kept


def spread(h: int) -> int:
    """A kept hash as an index stores it, its 4 low bits moved to the top (unspread undoes it):
    winnowing keeps the smallest hashes, whose top bits are mostly 0, so only their low bits
    spread an index evenly over shards taken by the top bits."""
    return (h & 0xF) << 28 | h >> 4


def unspread(key: int) -> int:
    return (key & 0xFFFFFFF) << 4 | key >> 28


# -- exact comparison -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Text shared by two folded texts: `a[a_start:a_end]` ≈ `b[b_start:b_end]`; `matched`
    characters are equal (fewer than the length where small edits were bridged)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int


def shared_runs(a: str, b: str, seed: int, min_chars: int, max_gap: int, min_extra: int | None = None,
                 *, bounds_a: Sequence[int] = (0,), bounds_b: Sequence[int] = (0,)) -> list[Run]:
    """The passages `a` and `b` share, in `a`'s order: maximal exact runs of at least `seed`
    characters (found from `b`'s seed-grams, so a passage moved elsewhere is still found), joined
    when both gaps between two are at most `max_gap`, kept when `min_chars` characters match.
    With `min_extra`, runs of at least `min_extra` are kept when, together, they make `min_chars`
    between the same two pieces (`bounds_a`, `bounds_b`: where the pieces of each text start): a
    copied problem whose clauses were reordered and words swapped is then found whole. Masked characters (MASK_A
    in `a`; `b` is given with MASK_B) never match."""
    runs = _joined(_exact(a, b, seed), a, b, max_gap)
    if min_extra is None:
        return [r for r in runs if r.matched >= min_chars]
    runs = [r for r in runs if r.matched >= min_extra]
    together: dict[tuple[int, int], int] = {}
    for r in runs:
        key = (piece(bounds_a, r.a_start), piece(bounds_b, r.b_start))
        together[key] = together.get(key, 0) + r.matched
    return [r for r in runs if together[piece(bounds_a, r.a_start), piece(bounds_b, r.b_start)] >= min_chars]


def piece(bounds: Sequence[int], at: int) -> int:
    """Which piece of a text, starting at `bounds`, holds position `at`."""
    return bisect_right(bounds, at) - 1


def _exact(a: str, b: str, seed: int) -> list[tuple[int, int, int]]:
    """Maximal exact runs (start in a, start in b, length) of at least `seed` characters, found
    from left to right in `a`, each the longest a run starting there has in `b`. Only the
    seed-grams the two texts share are looked at (a set intersection, not a loop over `a`)."""
    grams_a, grams_b = kgrams(a, seed), kgrams(b, seed)
    shared = set(grams_a).intersection(grams_b)
    if not shared:
        return []
    where: dict[str, list[int]] = {}
    for j in compress(count(), map(shared.__contains__, grams_b)):
        where.setdefault(grams_b[j], []).append(j)
    exact: list[tuple[int, int, int]] = []
    i = 0
    for at in compress(count(), map(shared.__contains__, grams_a)):
        if at < i:
            continue
        best = (0, 0)
        for j in where[grams_a[at]]:
            n = seed + common_length(a, at + seed, b, j + seed)
            if n > best[0]:
                best = (n, j)
        exact.append((at, best[1], best[0]))
        i = at + best[0]
    return exact


def common_length(a: str, i: int, b: str, j: int) -> int:
    """How many characters a[i:] and b[j:] have in common at their start: slices compared by
    doubling, then halving, the length (a long run costs a few comparisons, not one per character)."""
    limit = min(len(a) - i, len(b) - j)
    step = 8
    good = 0
    while good < limit:  # doubling: the first stretch that differs
        end = min(good + step, limit)
        if a[i + good:i + end] != b[j + good:j + end]:
            break
        good, step = end, step * 2
    else:
        return limit
    bad = min(good + step, limit)
    while bad - good > 1:  # halving within it
        mid = (good + bad) // 2
        if a[i + good:i + mid] == b[j + good:j + mid]:
            good = mid
        else:
            bad = mid
    return good


def _joined(exact: list[tuple[int, int, int]], a: str, b: str, max_gap: int) -> list[Run]:
    """Exact runs joined across small gaps; masked text (a quotation, a formulation) in a gap is
    not counted, so a passage quoting something stays one passage."""
    runs: list[Run] = []
    for i, j, n in exact:
        last = runs[-1] if runs else None
        if (last and i >= last.a_end and j >= last.b_end
                and _gap(a, last.a_end, i, MASK_A) <= max_gap and _gap(b, last.b_end, j, MASK_B) <= max_gap):
            runs[-1] = Run(last.a_start, i + n, last.b_start, j + n, last.matched + n)
        else:
            runs.append(Run(i, i + n, j, j + n, n))
    return runs


def _gap(text: str, start: int, end: int, mask: str) -> int:
    return end - start - text.count(mask, start, end)


def mark(marks: bytearray, folded: str, start: int, end: int) -> None:
    """Mark folded[start:end] in `marks`, but for its masked characters (what a share counts)."""
    for i in range(start, end):
        if folded[i] != MASK_A:
            marks[i] = 1
