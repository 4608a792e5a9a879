"""Proof that a matcher refactor changed no map: `map --format json` of every labelled report, byte for byte.

    python bench/map_identical.py snapshot before.json --source /work/main   # the code of another checkout
    python bench/map_identical.py snapshot after.json                        # the code of this checkout
    python bench/map_identical.py compare before.json after.json             # exit 1 when any map differs

The reports: the seed (from ../shared when it is there), the shipped examples, and every base report
and orphan/matched variant of each labelled set (any tests/eval/<set>/gold.toml), each as text and as
a DOCX with Word automatic numbering (tests/docx_builders.py). Each map is what `reportlint map
--format json FILE` prints, run in this process through the command line's own entry point on a copy
of the input with a stable name. `--source DIR` imports reportlint from DIR/src (the inputs, the
DOCX builder and the sets always come from this checkout, so both snapshots read the same files).

Snapshots hold excerpts of the inputs: keep them outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _inputs() -> dict[str, str]:
    """Stable name → report text, for every report the snapshot covers."""
    sys.path.insert(0, str(ROOT / "tests" / "eval"))
    from variants import load_gold  # type: ignore[import-not-found]
    from variants import variants as variants_of

    out: dict[str, str] = {}
    seed = SHARED / "examples" / "seed-report.txt"
    if seed.exists():
        out["seed"] = seed.read_text(encoding="utf-8")
    for path in sorted((ROOT / "examples").glob("*.txt")):
        out[f"examples/{path.stem}"] = path.read_text(encoding="utf-8")
    for gold in sorted((ROOT / "tests" / "eval").rglob("gold.toml")):
        reports = gold.parent / "reports"
        rel = gold.parent.relative_to(ROOT / "tests" / "eval")
        set_name = rel.as_posix() if rel.parts else "tuned"
        for report in load_gold(gold):
            out[f"{set_name}/{Path(report['file']).stem}"] = (reports / report["file"]).read_text(encoding="utf-8")
            for name, _insert, text in variants_of(report, reports):
                out[f"{set_name}/{name}"] = text
    return out


def snapshot(target: Path, source: Path | None) -> int:
    if source is not None:
        sys.path.insert(0, str(source.resolve() / "src"))
    sys.path.insert(1, str(ROOT / "tests"))
    from click.testing import CliRunner
    from docx_builders import docx_from_text  # type: ignore[import-not-found]

    import reportlint
    from reportlint.cli import main as cli

    inputs = _inputs()
    maps: dict[str, str] = {}
    runner = CliRunner()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            for n, (name, text) in enumerate(inputs.items()):
                for suffix in (".txt", ".docx"):
                    path = f"r{n}{suffix}"
                    if suffix == ".txt":
                        Path(path).write_text(text, encoding="utf-8")
                    else:
                        Path(path).write_bytes(docx_from_text(text, auto_numbering=True))
                    result = runner.invoke(cli, ["map", "--format", "json", path])
                    maps[f"{name}{suffix}"] = f"exit {result.exit_code}\n{result.output}"
        finally:
            os.chdir(cwd)
    target.write_text(json.dumps(maps, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{target}: {len(maps)} maps ({len(inputs)} reports, text and DOCX) from {reportlint.__file__}")
    return 0


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differ[:20]:
        old, new = (a.get(key) or "").splitlines(), (b.get(key) or "").splitlines()
        at = next((i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y), min(len(old), len(new)))
        print(f"DIFFERS {key} line {at + 1}:\n  - {(old[at:at + 1] or [''])[0][:160]}\n"
              f"  + {(new[at:at + 1] or [''])[0][:160]}")
    print(f"{len(a)} maps before, {len(b)} after, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("target", type=Path)
    snap.add_argument("--source", type=Path, default=None, help="a checkout whose src/ holds the code to run")
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "snapshot":
        return snapshot(args.target, args.source)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
