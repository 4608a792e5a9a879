"""Evaluate the problem ↔ cause ↔ measure matcher on the labelled sets of tests/eval/.

    python bench/eval_matcher.py                   # every set, text and DOCX, summary and every miss
    python bench/eval_matcher.py --format text --quiet
    python bench/eval_matcher.py --set fresh2      # one set (any tests/eval/<set>/gold.toml is a set)
    python bench/eval_matcher.py --table           # one summary row per set and format (for RESULTS.md)

What is measured (tests/eval/README.md describes the sets), through the rules as a user sees them
(`reportlint.lint` with RL201–RL204, default profile):

* **orphan problems** — positives are the inserted orphan problems (they must get neither a cause
  nor a measure); negatives are every other problem: all base-report problems (the gold gives each a
  cause and a measure) and the inserted problem of every matched variant. A problem is flagged by
  RL201 (no cause), RL202 (no measure), either or both; each at two levels: `error` (the finding is
  an error: the matcher is sure nothing answers the problem) and `reported` (an error or a warning:
  an uncertain link is a warning asking the writer to check). Precision = flagged positives / all
  flagged; recall = flagged positives / positives.
* **uncertain** — problem sides reported as a warning, on answered problems and on orphans.
* **orphan causes/measures** — RL203/RL204 on base reports and matched variants should be silent.
* **links** — on the base reports, the share of gold links found (recall) and the share of links the
  map keeps that are gold (precision); and the **best link** of each problem side (its first link):
  precision = best links that are gold / sides with a link, recall = best links that are gold /
  sides (every problem side has a gold link).

The sets: `tuned` (tests/eval/gold.toml) and every tests/eval/<name>/gold.toml that lists problems
(heldout, fresh, fresh2, fresh3, …: a new set needs no change here). DOCX: each report and variant is
rebuilt as a DOCX with Word automatic numbering (tests/docx_builders.py) and read again; its figures
must equal the text's.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "eval"))

import variants as eval_variants  # noqa: E402

import reportlint  # noqa: E402
from reportlint.matcher import Correspondence, correspond  # noqa: E402


def _find_sets() -> dict[str, tuple[Path, Path]]:
    """Set name → (gold file, reports directory): tests/eval/gold.toml is `tuned`; any
    tests/eval/<name>/gold.toml whose reports list problems is the set <name> (the layout sets list
    parts instead, for bench/eval_layouts.py)."""
    here = eval_variants.HERE
    found = {"tuned": (here / "gold.toml", eval_variants.REPORTS)}
    for gold in sorted(here.glob("*/gold.toml")):
        try:
            reports = eval_variants.load_gold(gold)
        except (OSError, KeyError, ValueError):
            continue
        if any("problem" in r for r in reports):
            found[gold.parent.name] = (gold, gold.parent / "reports")
    first = ("tuned", "heldout")  # then the others by name: fresh, fresh2, fresh3, …
    return {n: found[n] for n in (*[n for n in first if n in found], *sorted(set(found) - set(first)))}


SETS = _find_sets()
CORRESPONDENCE = ["RL201", "RL202", "RL203", "RL204"]


def _docx_builder():
    try:
        from docx_builders import docx_from_text
    except ImportError:  # pragma: no cover - the builder module is written by another engineer
        return None
    return docx_from_text


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, predicted: bool, actual: bool, what: str) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.misses.append(f"false alarm: {what}")
        elif actual:
            self.fn += 1
            self.misses.append(f"missed: {what}")
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def fp_rate(self) -> float:
        """Flagged negatives / negatives (for orphan problems: answered problems flagged)."""
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def line(self, name: str) -> str:
        return (f"{name:<30} precision {self.precision:6.1%}  recall {self.recall:6.1%}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})")


@dataclass
class Hits:
    """Links against the gold: precision = gold ones / found, recall = gold ones / gold."""

    tp: int = 0
    found: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)  # (a floor on a figure shows its parent's misses)

    def add(self, found: list[str], gold: set[str]) -> None:
        self.tp += len(gold & set(found))
        self.found += len(found)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0


@dataclass
class Level:
    """Orphan-problem scores at one level: by RL201, by RL202, by either, by both."""

    cause: Score = field(default_factory=Score)
    measure: Score = field(default_factory=Score)
    either: Score = field(default_factory=Score)
    both: Score = field(default_factory=Score)

    def add(self, cause: bool, measure: bool, actual: bool, what: str) -> None:
        self.cause.add(cause, actual, what + " (RL201)")
        self.measure.add(measure, actual, what + " (RL202)")
        self.either.add(cause or measure, actual, what)
        self.both.add(cause and measure, actual, what)


@dataclass
class Result:
    fmt: str
    name: str = "tuned"
    error: Level = field(default_factory=Level)  # RL201/RL202 at error level
    reported: Level = field(default_factory=Level)  # … at error or warning level
    uncertain_answered: int = 0  # problem sides reported as a warning, on answered problems
    uncertain_orphans: int = 0  # … on inserted orphans
    orphan_targets: Score = field(default_factory=Score)  # RL203/RL204 (no positives in the set)
    links: Hits = field(default_factory=Hits)  # every link the map keeps on the base reports
    best: Hits = field(default_factory=Hits)  # the best link of each problem side
    matched_links: Score = field(default_factory=Score)  # inserted matched problem → its cause/measure
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0



def _parse(text: str, fmt: str, name: str):
    if fmt == "text":
        return reportlint.parse_text(text, name=name)
    build = _docx_builder()
    return reportlint.parse(build(text, auto_numbering=True), name=name + ".docx")


def _paths(corr: Correspondence) -> dict[str, str]:
    return {e.id: e.unit.path for e in (*corr.problems, *corr.causes, *corr.measures)}


def _problem(corr: Correspondence, path: str):
    for p in corr.problems:
        if p.unit.path == path:
            return p
    return None


def _findings(doc) -> tuple[dict[tuple[str, str | None], str], float]:
    """(code, section path) → severity of the correspondence findings on a document, and the CPU
    seconds they took (the time a set reports is the parse and the map, as before the rules were run
    here; CPU time, so that a busy shared machine does not fail a floor)."""
    start = time.process_time()
    found = {(f.code, f.section): str(f.severity) for f in reportlint.lint(doc, select=CORRESPONDENCE)}
    return found, time.process_time() - start


def _check_problem(res: Result, found: dict, path: str, actual_orphan: bool, what: str) -> None:
    cause, measure = found.get(("RL201", path)), found.get(("RL202", path))
    res.error.add(cause == "error", measure == "error", actual_orphan, what)
    res.reported.add(cause is not None, measure is not None, actual_orphan, what)
    warned = (cause == "warning") + (measure == "warning")
    if actual_orphan:
        res.uncertain_orphans += warned
    else:
        res.uncertain_answered += warned


def _check_targets(res: Result, found: dict, corr: Correspondence, stem: str) -> None:
    for t in (*corr.causes, *corr.measures):
        code = "RL203" if t.unit.role == "causes" else "RL204"
        res.orphan_targets.add((code, t.unit.path) in found, False, f"{stem} {t.unit.path} {t.headline[:20]}")


def evaluate(fmt: str = "text", options: dict | None = None, gold_path: Path | None = None,
             set_name: str = "tuned") -> Result:
    """Score one set (`set_name`, see SETS; `gold_path` overrides its gold file) in one format.
    `options`: matcher options for the links (the findings come from the default profile)."""
    res = Result(fmt, set_name)
    gold_file, reports = SETS[set_name]
    gold_path = gold_path or gold_file
    if fmt == "docx" and _docx_builder() is None:
        res.errors.append("tests/docx_builders.py has no docx_from_text")
        return res
    gold = eval_variants.load_gold(gold_path)
    start, lint_seconds = time.process_time(), 0.0
    for report in gold:
        base_text = (reports / report["file"]).read_text(encoding="utf-8")
        stem = Path(report["file"]).stem
        doc = _parse(base_text, fmt, stem)
        corr = correspond(doc, options, shared_words=False)
        found, took = _findings(doc)
        lint_seconds += took
        paths = _paths(corr)
        gold_paths = {g["path"] for g in report.get("problem", [])}
        found_paths = {p.unit.path for p in corr.problems}
        if gold_paths != found_paths:
            res.errors.append(f"{stem}: problem paths differ from gold: missing {sorted(gold_paths - found_paths)}, "
                              f"extra {sorted(found_paths - gold_paths)}")
        for g in report.get("problem", []):
            p = _problem(corr, g["path"])
            if p is None:
                continue
            _check_problem(res, found, g["path"], False, f"{stem} {g['path']} {p.headline[:20]}")
            for kind in ("causes", "measures"):
                want = set(g.get(kind, []))
                got = [paths[lk.id] for lk in getattr(p, kind)]
                res.links.add(got, want)
                res.best.tp += bool(got) and got[0] in want
                res.best.found += bool(got)
                res.best.gold += bool(want)
                if want and not (got and got[0] in want):
                    res.best.misses.append(f"{stem} {g['path']} {p.headline[:16]} → {kind} {got[:2] or '—'}, "
                                           f"gold {sorted(want)}")
        _check_targets(res, found, corr, stem)
        for name, insert, text in eval_variants.variants(report, reports):
            vdoc = _parse(text, fmt, name)
            vcorr = correspond(vdoc, options, shared_words=False)
            vfound, took = _findings(vdoc)
            lint_seconds += took
            vpaths = _paths(vcorr)
            p = _problem(vcorr, insert["path"])
            if p is None:
                res.errors.append(f"{name}: inserted problem {insert['path']} not found")
                continue
            orphan = insert["kind"] == "orphan"
            _check_problem(res, vfound, insert["path"], orphan,
                           f"{name} {insert['path']} [{insert.get('theme', '')}] {p.headline[:20]}")
            if not orphan:
                got_c = {vpaths[lk.id] for lk in p.causes}
                got_m = {vpaths[lk.id] for lk in p.measures}
                res.matched_links.add(insert["cause_path"] in got_c, True, f"{name} → {insert['cause_path']}")
                res.matched_links.add(bool(set(insert["measure_paths"]) & got_m), True,
                                      f"{name} → {insert['measure_paths']}")
                _check_targets(res, vfound, vcorr, name)
    res.seconds = time.process_time() - start - lint_seconds
    return res


def report_lines(res: Result, quiet: bool = False, links: bool = False) -> list[str]:
    out = [f"== {res.name} {res.fmt}"]
    out.extend(f"error: {e}" for e in res.errors)
    for level in ("error", "reported"):
        lv: Level = getattr(res, level)
        out.append(lv.either.line(f"orphan ({level}) RL201|RL202"))
        out.append(lv.both.line(f"orphan ({level}) RL201&RL202"))
        out.append(lv.cause.line(f"  {level}: RL201 (no cause)"))
        out.append(lv.measure.line(f"  {level}: RL202 (no measure)"))
        out.append(f"  {level}: answered problems flagged {lv.either.fp} of {lv.either.fp + lv.either.tn} "
                   f"({lv.either.fp_rate:.1%})")
    out.append(f"{'uncertain (warnings)':<30} on answered problems {res.uncertain_answered}, "
               f"on orphans {res.uncertain_orphans} (problem sides)")
    out.append(res.orphan_targets.line("orphan cause/measure (RL203/4)"))
    out.append(res.matched_links.line("matched insert linked"))
    out.append(f"{'links on base reports':<30} precision {res.links.precision:6.1%}  recall {res.links.recall:6.1%}")
    out.append(f"{'best links':<30} precision {res.best.precision:6.1%}  recall {res.best.recall:6.1%}  "
               f"({res.best.tp} gold of {res.best.found} with a link, {res.best.gold} sides)")
    out.append(f"time {res.seconds:.2f}s")
    if not quiet:
        lv = res.error
        out.extend(f"  [error] {m}" for s in (lv.cause, lv.measure) for m in s.misses)
        lv = res.reported
        out.extend(f"  [reported] {m}" for s in (lv.cause, lv.measure) for m in s.misses if "false alarm" in m)
        out.extend(f"  {m}" for s in (res.orphan_targets, res.matched_links) for m in s.misses)
    if links:
        out.extend(f"  [best link] {m}" for m in res.best.misses)
    return out


def table_row(res: Result) -> str:
    """One row: error level (RL201, RL202, either: P/R), reported level (same), answered problems
    with an error, uncertain sides, links P/R, best links P/R."""
    def pr(s: Score) -> str:
        return f"{s.precision:.0%}/{s.recall:.0%}"

    e, r = res.error, res.reported
    return (f"| {res.name} {res.fmt} | {pr(e.cause)} | {pr(e.measure)} | {pr(e.either)} | {pr(r.cause)} | "
            f"{pr(r.measure)} | {pr(r.either)} | {e.either.fp}/{e.either.fp + e.either.tn} | "
            f"{res.uncertain_answered}/{res.uncertain_orphans} | {res.links.precision:.1%}/{res.links.recall:.1%} | "
            f"{res.best.precision:.1%}/{res.best.recall:.1%} |")


TABLE_HEAD = ("| set | error RL201 P/R | error RL202 P/R | error either P/R | reported RL201 P/R | "
              "reported RL202 P/R | reported either P/R | answered with an error | uncertain sides "
              "answered/orphans | links P/R | best links P/R |\n|---|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", choices=["text", "docx", "both"], default="both")
    ap.add_argument("--quiet", action="store_true", help="summary lines only")
    ap.add_argument("--table", action="store_true", help="one Markdown row per set and format")
    ap.add_argument("--links", action="store_true", help="also every problem side whose best link is not gold")
    ap.add_argument("--set", action="append", choices=[*SETS, "all"], default=None,
                    help="which labelled set (repeatable; default all: each one, reported separately)")
    ap.add_argument("--min-score", type=float, default=None)
    args = ap.parse_args(argv)
    options = {} if args.min_score is None else {"min_score": args.min_score}
    names = tuple(SETS) if not args.set or "all" in args.set else tuple(args.set)
    if args.table:
        print(TABLE_HEAD)
    for set_name in names:
        for fmt in (("text", "docx") if args.format == "both" else (args.format,)):
            res = evaluate(fmt, options, set_name=set_name)
            print(table_row(res) if args.table else "\n".join(report_lines(res, args.quiet, args.links)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
