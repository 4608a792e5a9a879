"""Evaluate the problem ↔ cause ↔ measure matcher on the labelled set in tests/eval/.

    python bench/eval_matcher.py              # text and DOCX, summary and every miss
    python bench/eval_matcher.py --format text --quiet
    python bench/eval_matcher.py --set heldout   # tuned | heldout | fresh | all (default: each, separately)

What is measured (tests/eval/README.md describes the set):

* **orphan detection** — a problem "flagged" is one RL201 or RL202 reports (no cause or no measure).
  Positives are the inserted orphan problems (they must get neither a cause nor a measure);
  negatives are every other problem: all base-report problems (the gold gives each a cause and a
  measure) and the inserted problem of every matched variant. Precision = flagged positives / all
  flagged; recall = flagged positives / positives. Per side (cause, measure) too.
* **orphan causes/measures** — RL203/RL204 on base reports and matched variants should be silent.
* **links** — on the base reports, the share of gold links found (recall) and the share of links the
  matcher keeps that are gold (precision), and how often the best link is a gold link.

Three sets: `tuned` (tests/eval/, the set the theme vocabulary was tuned on), `heldout`
(tests/eval/heldout/, written afterwards, but the matcher's mechanisms were chosen while looking at its
misses) and `fresh` (tests/eval/fresh/, written after all tuning and never looked at to tune: the
honest numbers).

DOCX: each variant is rebuilt as a DOCX with Word automatic numbering (tests/docx_builders.py,
`docx_from_text(text, auto_numbering=True)`) and parsed again; paths must agree with the text.
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

SETS = {  # name → (gold file, reports directory)
    "tuned": (eval_variants.HERE / "gold.toml", eval_variants.REPORTS),
    "heldout": (eval_variants.HERE / "heldout" / "gold.toml", eval_variants.HERE / "heldout" / "reports"),
    "fresh": (eval_variants.HERE / "fresh" / "gold.toml", eval_variants.HERE / "fresh" / "reports"),
    "fresh2": (eval_variants.HERE / "fresh2" / "gold.toml", eval_variants.HERE / "fresh2" / "reports"),
    "fresh3": (eval_variants.HERE / "fresh3" / "gold.toml", eval_variants.HERE / "fresh3" / "reports"),
}
from reportlint.matcher import Correspondence, correspond  # noqa: E402


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

    def line(self, name: str) -> str:
        return (f"{name:<28} precision {self.precision:6.1%}  recall {self.recall:6.1%}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})")


@dataclass
class Result:
    fmt: str
    name: str = "tuned"
    orphan: Score = field(default_factory=Score)  # problem flagged by RL201 or RL202
    no_cause: Score = field(default_factory=Score)  # RL201
    no_measure: Score = field(default_factory=Score)  # RL202
    both: Score = field(default_factory=Score)  # flagged by RL201 and RL202
    orphan_targets: Score = field(default_factory=Score)  # RL203/RL204 (no positives in the set)
    link_tp: int = 0
    link_found: int = 0
    link_gold: int = 0
    top_hits: int = 0
    top_total: int = 0
    matched_links: Score = field(default_factory=Score)  # inserted matched problem → its cause/measure
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def link_precision(self) -> float:
        return self.link_tp / self.link_found if self.link_found else 1.0

    @property
    def link_recall(self) -> float:
        return self.link_tp / self.link_gold if self.link_gold else 1.0


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


def _check_problem(res: Result, p, actual_orphan: bool, what: str) -> None:
    res.orphan.add(not p.causes or not p.measures, actual_orphan, what)
    res.no_cause.add(not p.causes, actual_orphan, what + " (cause)")
    res.no_measure.add(not p.measures, actual_orphan, what + " (measure)")
    res.both.add(not p.causes and not p.measures, actual_orphan, what)


def evaluate(fmt: str = "text", options: dict | None = None, gold_path: Path | None = None,
             set_name: str = "tuned") -> Result:
    """Score one set (`set_name`, see SETS; `gold_path` overrides its gold file) in one format."""
    res = Result(fmt, set_name)
    gold_file, reports = SETS[set_name]
    gold_path = gold_path or gold_file
    if fmt == "docx" and _docx_builder() is None:
        res.errors.append("tests/docx_builders.py has no docx_from_text")
        return res
    gold = eval_variants.load_gold(gold_path)
    start = time.perf_counter()
    for report in gold:
        base_text = (reports / report["file"]).read_text(encoding="utf-8")
        stem = Path(report["file"]).stem
        doc = _parse(base_text, fmt, stem)
        corr = correspond(doc, options)
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
            _check_problem(res, p, False, f"{stem} {g['path']} {p.headline[:20]}")
            for kind in ("causes", "measures"):
                want = set(g.get(kind, []))
                got = [paths[lk.id] for lk in getattr(p, kind)]
                res.link_gold += len(want)
                res.link_found += len(got)
                res.link_tp += len(want & set(got))
                res.top_total += 1
                res.top_hits += bool(got) and got[0] in want
        for t in (*corr.causes, *corr.measures):
            res.orphan_targets.add(not t.problems, False, f"{stem} {t.unit.path} {t.headline[:20]}")
        for name, insert, text in eval_variants.variants(report, reports):
            vdoc = _parse(text, fmt, name)
            vcorr = correspond(vdoc, options)
            vpaths = _paths(vcorr)
            p = _problem(vcorr, insert["path"])
            if p is None:
                res.errors.append(f"{name}: inserted problem {insert['path']} not found")
                continue
            orphan = insert["kind"] == "orphan"
            _check_problem(res, p, orphan, f"{name} {insert['path']} [{insert.get('theme', '')}] {p.headline[:20]}")
            if not orphan:
                got_c = {vpaths[lk.id] for lk in p.causes}
                got_m = {vpaths[lk.id] for lk in p.measures}
                res.matched_links.add(insert["cause_path"] in got_c, True, f"{name} → {insert['cause_path']}")
                res.matched_links.add(bool(set(insert["measure_paths"]) & got_m), True,
                                      f"{name} → {insert['measure_paths']}")
                for t in (*vcorr.causes, *vcorr.measures):
                    res.orphan_targets.add(not t.problems, False, f"{name} {t.unit.path} {t.headline[:20]}")
    res.seconds = time.perf_counter() - start
    return res


def report_lines(res: Result, quiet: bool = False) -> list[str]:
    out = [f"== {res.name} {res.fmt}"]
    out.extend(f"error: {e}" for e in res.errors)
    out.append(res.orphan.line("orphan problem (RL201|202)"))
    out.append(res.both.line("orphan problem (RL201&202)"))
    out.append(res.no_cause.line("  no cause (RL201)"))
    out.append(res.no_measure.line("  no measure (RL202)"))
    out.append(res.orphan_targets.line("orphan cause/measure"))
    out.append(res.matched_links.line("matched insert linked"))
    out.append(f"{'links on base reports':<28} precision {res.link_precision:6.1%}  recall {res.link_recall:6.1%}  "
               f"best link is gold {res.top_hits}/{res.top_total}")
    out.append(f"time {res.seconds:.2f}s")
    if not quiet:
        for score in (res.no_cause, res.no_measure, res.orphan_targets, res.matched_links):
            out.extend(f"  {m}" for m in score.misses)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", choices=["text", "docx", "both"], default="both")
    ap.add_argument("--quiet", action="store_true", help="summary lines only")
    ap.add_argument("--set", choices=[*SETS, "all"], default="all",
                    help="which labelled set (all: each one, reported separately)")
    ap.add_argument("--min-score", type=float, default=None)
    args = ap.parse_args(argv)
    options = {} if args.min_score is None else {"min_score": args.min_score}
    for set_name in (tuple(SETS) if args.set == "all" else (args.set,)):
        for fmt in (("text", "docx") if args.format == "both" else (args.format,)):
            print("\n".join(report_lines(evaluate(fmt, options, set_name=set_name), args.quiet)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
