"""`reportlint similar` as a library call: the files found, sketched (in worker processes with
-j), the pairs and clusters of the batch, and each report against last year's."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from ..findings import Severity
from ..walk import expand_paths
from .batch import Pair, find_pairs
from .previous import Against, compare, match
from .sketch import Sketch, sketch_file
from .text import Expected, settings

_RANK = {"info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


@dataclass
class SimilarResult:
    """What `similar` found; `notes` are sentences for people (a batch too small to compare, an
    empty --previous folder, reports with no earlier report found)."""

    files: list[Sketch]
    previous_files: list[Sketch] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    clusters: list[list[str]] = field(default_factory=list)
    previous: list[Against] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR

    @property
    def exit_code(self) -> int:
        """2 if an input could not be read, else 1 if a pair or a repeat reaches the fail level."""
        if any(s.error for s in [*self.files, *self.previous_files]):
            return 2
        severities = [p.severity for p in self.pairs] + [a.severity for a in self.previous]
        return 1 if any(_RANK[s] >= self.fail_on for s in severities) else 0

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "version": 1,
            "files": [{"path": s.path, "error": s.error} for s in self.files],
            "pairs": [p.to_dict() for p in self.pairs],
            "clusters": self.clusters,
            "previous": [a.to_dict() for a in self.previous],
            "notes": self.notes,
        }
        if self.previous_files:
            out["previous_files"] = [{"path": s.path, "error": s.error} for s in self.previous_files]
        return out


def similar_paths(paths: Sequence[str], *, previous: Sequence[str] = (), pairs: Sequence[tuple[str, str]] = (),
                  template: str | None = None, profile: str | None = None, fail_on: str | None = None,
                  jobs: int | None = None, encoding: str | None = None,
                  follow_symlinks: bool = False) -> SimilarResult:
    """Compare the reports of `paths` (files and folders) with each other, and with last year's
    (`previous`, files and folders; `pairs` as (this year's, last year's)). Raises ReportlintError
    for a template or profile that cannot be used."""
    expected = expected_text(template, profile)
    found = expand_paths(paths, follow_symlinks=follow_symlinks)
    earlier = [*previous, *(b for _, b in pairs if b not in previous)]
    found_before = expand_paths(earlier, follow_symlinks=follow_symlinks) if earlier else []
    with_previous = bool(found_before)
    sketches = _sketch_all([f.path for f in found], [f.error for f in found], expected, with_previous, jobs, encoding)
    before = _sketch_all([f.path for f in found_before], [f.error for f in found_before], expected, True, jobs, encoding)
    result = SimilarResult(sketches, before, fail_on=Severity.parse(fail_on or "error"))
    readable = sum(1 for s in sketches if s.error is None)
    if readable >= 2:
        result.pairs = find_pairs(sketches, settings())
        result.clusters = clusters(result.pairs, [s.path for s in sketches])
    elif not earlier:
        result.notes.append(f"只有 {readable} 份可读取的报告，无法在报告之间比对：请给出两份以上的报告，"
                            "或用 --previous 给出上一年度的材料")
    if earlier:
        _against_last_year(result, sketches, before, pairs, earlier)
    return result


def _against_last_year(result: SimilarResult, sketches: list[Sketch], before: list[Sketch],
                       pairs: Sequence[tuple[str, str]], earlier: Sequence[str]) -> None:
    if not any(s.error is None for s in before):
        result.notes.append(f"上一年度的材料中没有可读取的报告（{'、'.join(earlier)}），未与上一年度比对")
        return
    matched = match(sketches, before, pairs)
    result.previous = [compare(cur, prev, settings()) for cur, prev in matched]
    unmatched = [s.path for s in sketches if s.error is None and all(s is not cur for cur, _ in matched)]
    if unmatched:
        result.notes.append(f"{len(unmatched)} 份报告在上一年度的材料中没有找到同一单位、同一作者的报告"
                            f"（{'、'.join(unmatched[:5])}{' 等' if len(unmatched) > 5 else ''}），"
                            "可用 reportlint similar --pair 本年度文件 上一年度文件 指定")


def expected_text(template: str | None, profile: str | None) -> Expected:
    """What every report is expected to share: formulations and stock phrases (rules/vocab/
    similar.toml), the headings of the built-in profiles and of `profile`, and the template."""
    from ..config import builtin_profiles, load_profile
    from ..resources import vocab

    data = vocab("similar")["expected"]
    phrases = [*data["formulations"], *data["stock"]]
    for name in [*builtin_profiles(), *([profile] if profile else [])]:
        p = load_profile(name)
        phrases += [part.name for part in p.parts]
        phrases += [name for c in p.comparisons for name in (c.name, *c.alternatives)]
    return Expected(phrases, _template_text(template) if template else [], settings().template_kgram)


def _template_text(path: str) -> list[str]:
    """Every piece of text of the unit's template, read like a report."""
    from .. import parse
    from ..checks import text_spans

    doc = parse(path)
    return [span.text for span, _ in text_spans(doc)]


_EXPECTED: Expected | None = None


def _init_worker(expected: Expected) -> None:
    global _EXPECTED
    _EXPECTED = expected


def _sketch_in_worker(path: str, whole: bool, encoding: str | None) -> Sketch:
    assert _EXPECTED is not None
    return sketch_file(path, _EXPECTED, whole=whole, encoding=encoding)


def _sketch_all(paths: list[str], errors: list, expected: Expected, whole: bool, jobs: int | None,
                encoding: str | None) -> list[Sketch]:
    """A sketch of each file, in order; files the walk listed with a reason keep it."""
    out: list[Sketch | None] = [None if e is None else Sketch(p, {"kind": e.kind, "message": str(e)})
                                for p, e in zip(paths, errors, strict=True)]
    todo = [i for i, s in enumerate(out) if s is None]
    workers = jobs if jobs is not None else (_cpus() if len(todo) > 4 else 1)
    if workers > 1 and len(todo) > 1:
        chunk = max(1, min(16, len(todo) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_init_worker,
                                 initargs=(expected,)) as pool:
            done = pool.map(_sketch_in_worker, [paths[i] for i in todo], [whole] * len(todo),
                            [encoding] * len(todo), chunksize=chunk)
            for i, sketch in zip(todo, done, strict=True):
                out[i] = sketch
    else:
        for i in todo:
            out[i] = sketch_file(paths[i], expected, whole=whole, encoding=encoding)
    return [s for s in out if s is not None]


def _cpus() -> int:
    from ..runner import cpu_count

    return cpu_count()


def clusters(pairs: Sequence[Pair], order: Sequence[str]) -> list[list[str]]:
    """Groups of three or more reports joined by pairs of warning or error (a shared sentence, an
    info pair, joins no group), each in the order given."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for p in pairs:
        if p.severity == "info":
            continue
        parent.setdefault(p.a, p.a)
        parent.setdefault(p.b, p.b)
        ra, rb = root(p.a), root(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for path in dict.fromkeys(order):
        if path in parent:
            groups.setdefault(root(path), []).append(path)
    return sorted((g for g in groups.values() if len(g) >= 3), key=lambda g: order.index(g[0]))

