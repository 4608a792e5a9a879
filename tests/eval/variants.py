"""Build the orphan / matched variants of the evaluation reports described in gold.toml.

The insertion rule (also stated at the top of gold.toml):

* every insertion names the unit it goes after (`after`, a section path) and, for convenience and
  as a cross-check, the 1-based `line` where that unit ends in the base report and a `mode`;
* `mode = "line"`: the unit starts its own line (a section, or an item on its own line); `text` is
  inserted as new line(s) right after `line` (a `\\n` inside `text` starts another line);
* `mode = "append"`: the unit is an inline item (一是…二是… or 1.…2.… inside one paragraph) and is
  the last item of its paragraph; `text` (never containing `\\n`) is appended to the end of
  `line` with no separator;
* a variant applies its insertions to the base report; a matched variant applies the problem,
  cause and measure insertions, bottom-up (highest `line` first) so that each `line` still refers
  to the base report.

For DOCX the same rule holds with "line" read as "paragraph": `line` counts the paragraphs of a
DOCX built one paragraph per text line, "line" mode adds new paragraphs, "append" mode extends
the paragraph's last run.
"""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "reports"


def load_gold(path: Path = HERE / "gold.toml") -> list[dict]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)["report"]


def apply_edits(text: str, edits: list[tuple[int, str, str]]) -> str:
    """Apply (line, mode, text) edits to a report; lines are 1-based and refer to `text`."""
    lines = text.split("\n")
    for line, mode, new in sorted(edits, key=lambda e: e[0], reverse=True):
        if not 1 <= line <= len(lines):
            raise ValueError(f"line {line} out of range")
        if mode == "append":
            if "\n" in new:
                raise ValueError("an appended text cannot contain a newline")
            lines[line - 1] = lines[line - 1] + new
        elif mode == "line":
            lines[line:line] = new.split("\n")
        else:
            raise ValueError(f"unknown mode {mode!r}")
    return "\n".join(lines)


def insertion_edits(insert: dict) -> list[tuple[int, str, str]]:
    edits = [(insert["line"], insert["mode"], insert["text"])]
    if insert["kind"] == "matched":
        edits.append((insert["cause_line"], insert["cause_mode"], insert["cause_text"]))
        edits.append((insert["measure_line"], insert["measure_mode"], insert["measure_text"]))
    return edits


def variants(report: dict, reports: Path = REPORTS) -> list[tuple[str, dict, str]]:
    """(name, insert entry, text) for every insertion of one report (`reports`: its directory)."""
    base = (reports / report["file"]).read_text(encoding="utf-8")
    out = []
    for n, insert in enumerate(report.get("insert", []), 1):
        name = f"{Path(report['file']).stem}+{insert['kind']}{n}"
        out.append((name, insert, apply_edits(base, insertion_edits(insert))))
    return out


if __name__ == "__main__":  # write every variant next to a scratch directory for inspection
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "eval-variants")
    target.mkdir(parents=True, exist_ok=True)
    for rep in load_gold():
        for name, _insert, text in variants(rep):
            (target / f"{name}.txt").write_text(text, encoding="utf-8")
            print(target / f"{name}.txt")
