"""How well reportlint reads what a report is from its opening, and which profile it chooses:
tests/eval/titles/ (written blind: 160 openings and 12 short reports with gold attributes).

    python bench/eval_titles.py            # the summary, then every miss
    python bench/eval_titles.py --quiet    # the summary only

Scored per opening and per report: the meeting (民主生活会 / 组织生活会 / none = not a meeting
report), the year the meeting is about, the author kind (team / leader / branch / member /
unknown), the theme (a campaign's 专题 meeting, or none) and the profile chosen with no --profile,
against the built-in profile that fits the gold heading set (HEADING_SETS below; gold `none` wants
the default profile). The reports are checked end to end (`check --format json`, its `profile`).

The set's README asks for leniency on a few golds; LENIENT lists the answers it calls defensible.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "eval"
SET = SETS / "titles"  # --set chooses another of the same shape (titles2: written blind, never tuned on)
REPORTLINT = str(Path(sys.executable).with_name("reportlint"))

import reportlint  # noqa: E402

# The set's heading-set names (README "Heading-set names") → the built-in profile that fits.
HEADING_SETS = {
    "none": "default",
    "2019-dem-four-duizhao": "2019-four-contrasts",
    "2019-org-branch-four-duizhao": "2019-four-contrasts",
    "2019-org-member-three-jianshi": "2019-org-member-three-inspections",
    "2020-dem-five-leads": "2020-dem-five-leads",
    "2020-org-branch-six": "2020-org-branch-six",
    "2021-org-dangshi-four": "2021-org-history-four",
    "2021-org-four-duizhao": "2021-org-four-contrasts",
    "2021-dem-dangshi-five": "2021-dem-history",
    "2022-dem-six-leads": "2022-dem-six-leads",
    "2022-org-branch-duties": "2022-org-branch-duties",
    "2022-org-member-six": "2022-org-member-six",
    "2023-dem-six-aspects": "2023-theme-six-aspects",
    "2023-dem-five-leads": "2023-theme-six-aspects",  # the profile accepts either 2023 set
    "2023-org-branch-six-aspects": "2023-org-branch-six-aspects",
    "2023-org-member-four-jianshi": "2023-org-four-inspections",
    "2024-dem-four-leads": "2024-dem-four-leads",
    "2024-org-six-disciplines": "2024-org-six-disciplines",
    "2025-dem-five-leads": "2025-dem-five-leads",
    "2025-org-member-six-disciplines": "2025-org-member-six-disciplines",
    "2025-org-branch-three": "2025-org-branch-three",
}

# Each set's README "Golds I am not sure of": other answers it calls defensible, by opening id.
LENIENT_BY_SET = {
    "titles": {
        3: {"year": {2019}}, 38: {"year": {2021}}, 76: {"year": {2023}},
        111: {"profile": {"2024-org-six-disciplines"}}, 112: {"profile": {"2024-org-six-disciplines"}},
    },
    "titles2": {
        52: {"year": {2023}}, 39: {"author": {"team"}}, 22: {"theme": {"党史学习教育"}},
        64: {"profile": {"2024-org-six-disciplines"}}, 65: {"profile": {"2024-org-six-disciplines"}},
        87: {"year": {2025}},
    },
}
LENIENT: dict[int, dict] = LENIENT_BY_SET["titles"]

ATTRIBUTES = ("meeting", "year", "author", "theme", "profile")


def read_openings() -> list[dict]:
    return tomllib.loads((SET / "openings.toml").read_text(encoding="utf-8"))["opening"]


def read_report_golds() -> list[dict]:
    """The README's report table: file, meeting, year, held, author, theme, heading set."""
    rows = []
    for line in (SET / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 7 and cells[0].startswith("`r"):
            rows.append({"file": cells[0].strip("`"), "meeting": cells[1], "year": int(cells[2]),
                         "author": cells[4], "theme": cells[5], "headings": cells[6]})
    return rows


def reading_of(doc: reportlint.Document) -> dict:
    """What reportlint reads from a document: meeting, year, author, theme and the profile."""
    try:
        from reportlint.autoprofile import choose_profile, read_report
    except ImportError:  # before `auto` existed: what the rules read, and always the default profile
        return _baseline(doc)
    reading = read_report(doc)
    theme = "other" if reading.theme == "其他专题" else reading.theme or "none"  # the set's name for it
    return {"meeting": reading.meeting or "none", "year": reading.year, "author": _author(reading),
            "theme": theme, "profile": choose_profile(reading).name}


def _author(reading) -> str:
    kinds = {"班子": "team", "党支部": "branch", "党员": "member"}
    if reading.author == "个人":
        return "member" if reading.meeting == "组织生活会" else "leader"
    return kinds.get(reading.author or "", "unknown")


def _baseline(doc: reportlint.Document) -> dict:
    from reportlint.checks.content import _author_kind, report_meeting, report_window

    meeting, _ = report_meeting(doc, None)
    window = report_window(doc, None)
    year = int(re.match(r"\d+", window[2]).group()) if window else None
    author = {"branch": "branch", "team": "team"}.get(_author_kind(doc, None) or "", "unknown")
    return {"meeting": meeting or "none", "year": year, "author": author, "theme": "none", "profile": "default"}


def _ok(what: str, got, gold: dict, lenient: dict) -> bool:
    want = HEADING_SETS[gold["headings"]] if what == "profile" else gold[what]
    return got == want or got in lenient.get(what, ())


def _want(what: str, gold: dict):
    return HEADING_SETS[gold["headings"]] if what == "profile" else gold[what]


def evaluate(quiet: bool) -> int:
    tallies = {name: (Counter(), Counter()) for name in ("openings", "reports")}
    misses: list[str] = []
    for opening in read_openings():
        got = reading_of(reportlint.parse_text(opening["text"], name=f"opening-{opening['id']}"))
        right, total = tallies["openings"]
        for what in ATTRIBUTES:
            total[what] += 1
            if _ok(what, got[what], opening, LENIENT.get(opening["id"], {})):
                right[what] += 1
            else:
                misses.append(f"opening {opening['id']}: {what}: {got[what]} (gold {_want(what, opening)})")
    for gold in read_report_golds():
        path = SET / "reports" / gold["file"]
        got = reading_of(reportlint.parse(path))
        proc = subprocess.run([REPORTLINT, "check", "--no-cache", "--isolated", "--format", "json", str(path)],
                              capture_output=True, text=True)
        got["profile"] = json.loads(proc.stdout)["files"][0]["profile"]  # as `check` says it
        right, total = tallies["reports"]
        for what in ATTRIBUTES:
            total[what] += 1
            if _ok(what, got[what], gold, {}):
                right[what] += 1
            else:
                misses.append(f"{gold['file']}: {what}: {got[what]} (gold {_want(what, gold)})")
    print(f"{'set':<10}" + "".join(f"{a:>10}" for a in ATTRIBUTES))
    for name, (right, total) in tallies.items():
        cells = "".join(f"{100 * right[a] / total[a]:>9.1f}%" for a in ATTRIBUTES)
        print(f"{name:<10}{cells}   (n={total['meeting']})")
    if not quiet:
        print()
        print("\n".join(misses))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiet", action="store_true", help="the summary only")
    parser.add_argument("--set", default="titles", help="the set under tests/eval/ (titles, titles2)")
    args = parser.parse_args()
    global SET, LENIENT
    SET, LENIENT = SETS / args.set, LENIENT_BY_SET.get(args.set, {})
    return evaluate(args.quiet)


if __name__ == "__main__":
    raise SystemExit(main())
