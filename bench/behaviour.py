"""Snapshot what reportlint says about a fixed set of reports, to show a refactor changed nothing.

    python bench/behaviour.py snapshot before.json        # on the old code
    python bench/behaviour.py snapshot after.json         # on the new code
    python bench/behaviour.py compare before.json after.json

The set: the seed report and the DOCX corpus (from ../shared when it is there), the shipped
examples, the evaluation reports of tests/eval (base reports and their orphan/matched variants).
Recorded per file through the command line, as a user sees it: `check --format json` with the
default profile (exit code included), `check` with every built-in profile on the seed, the examples
and the evaluation base reports, `tree --format json` and `map --format json`.

Snapshots hold excerpts of the inputs: keep them outside the repository (they are not ours to copy).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REPORTLINT = [str(Path(sys.executable).with_name("reportlint"))]


def _inputs(variant_dir: Path) -> tuple[list[str], list[str]]:
    """(every file, the files every profile runs on)."""
    sys.path.insert(0, str(ROOT / "tests" / "eval"))
    from variants import load_gold  # type: ignore[import-not-found]
    from variants import variants as variants_of

    small = [ROOT / "examples" / p for p in sorted(os.listdir(ROOT / "examples")) if p.endswith((".txt", ".docx"))]
    if (SHARED / "examples" / "seed-report.txt").exists():
        small.insert(0, SHARED / "examples" / "seed-report.txt")
    variants: list[Path] = []
    for gold_dir in sorted({p.parent for p in (ROOT / "tests" / "eval").rglob("gold.toml")}):
        reports = gold_dir / "reports"
        small.extend(sorted(reports.glob("*.txt")))
        out = variant_dir / gold_dir.relative_to(ROOT)
        out.mkdir(parents=True, exist_ok=True)
        for report in load_gold(gold_dir / "gold.toml"):
            for name, _insert, text in variants_of(report, reports):
                path = out / f"{name}.txt"
                path.write_text(text, encoding="utf-8")
                variants.append(path)
    corpus = sorted((SHARED / "corpus" / "docx").rglob("*.docx")) if SHARED.exists() else []
    every = [_rel(p) for p in (*small, *variants, *corpus)]
    return every, [_rel(p) for p in small]


def _rel(path: Path) -> str:
    """The path as given on the command line, relative to the checkout (so that two checkouts, or
    two worktrees, record the same paths)."""
    return os.path.relpath(path, ROOT)


def _run(args: list[str]) -> dict:
    proc = subprocess.run([*REPORTLINT, *args], capture_output=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    return {"exit": proc.returncode, "stdout": proc.stdout.decode("utf-8", "replace"),
            "stderr": proc.stderr.decode("utf-8", "replace")}


def _profiles() -> list[str]:
    out = _run(["profile", "list"])["stdout"]
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def snapshot(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        every, small = _inputs(Path(tmp))
        tmp_prefix = _rel(Path(tmp)) + os.sep
        jobs: dict[str, list[str]] = {}
        for path in every:
            jobs[f"check|{path}"] = ["check", "--no-cache", "--format", "json", path]
            jobs[f"tree|{path}"] = ["tree", "--format", "json", path]
            jobs[f"map|{path}"] = ["map", "--format", "json", path]
        for name in _profiles():
            jobs[f"profile {name}"] = ["check", "--no-cache", "--format", "json", "--profile", name, *small]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = dict(zip(jobs, pool.map(_run, jobs.values()), strict=True))
        # variants live in a temporary folder whose name changes from run to run
        text = json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True).replace(tmp_prefix, "<variants>/")
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(results)} outputs of {len(every)} files")


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differ[:20]:
        print(f"DIFFERS {key}")
        old, new = a.get(key) or {}, b.get(key) or {}
        for field in ("exit", "stdout", "stderr"):
            if old.get(field) != new.get(field):
                old_lines = str(old.get(field)).splitlines()
                new_lines = str(new.get(field)).splitlines()
                for n, (x, y) in enumerate(zip(old_lines, new_lines, strict=False)):
                    if x != y:
                        print(f"  {field} line {n + 1}:\n    - {x[:200]}\n    + {y[:200]}")
                        break
                else:
                    print(f"  {field}: {len(old_lines)} → {len(new_lines)} lines")
    print(f"{len(a)} outputs before, {len(b)} after, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("snapshot").add_argument("target", type=Path)
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "snapshot":
        snapshot(args.target)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
