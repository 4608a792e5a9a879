"""How well reportlint reads whole documents written by other hands: tests/eval/layouts/.

    python bench/eval_layouts.py                  # tests/eval/layouts: text and DOCX, summary and misses
    python bench/eval_layouts.py --set layouts2   # the second set (never tuned on)
    python bench/eval_layouts.py --quiet          # the summary only

Every report of the set is correct (nothing missing, every problem answered), so what is measured is
the reading — title, lines above it, byline, preamble, parts with their roles and unit counts, the
closing matter — and every finding `check` reports with the default profile is counted as a false
alarm (errors and warnings separately). Each report is read as text, as a DOCX built one paragraph
per line (tests/docx_builders.py), and as two DOCX variants of its closing matter: `docx-softbreak`
joins the closing lines before the first attachment page into one paragraph with soft line breaks
(w:br), `docx-pagebreak` starts each attachment page on a new page (a w:br w:type="page" ending the
paragraph before the first one, w:pageBreakBefore on the others). The closing lines are located from
the gold, never from what the reader found.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SETS = ("layouts", "layouts2")
sys.path.insert(0, str(ROOT / "tests"))

import reportlint  # noqa: E402


@dataclass
class Tally:
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)  # (severity, code) → count
    misses: list[str] = field(default_factory=list)

    def score(self, what: str, ok: bool, report: str, detail: str) -> None:
        self.total[what] += 1
        if ok:
            self.right[what] += 1
        else:
            self.misses.append(f"{report}: {what}: {detail}")


def _squash(text: str) -> str:
    return "".join(text.split())


def _part_units(doc, part) -> dict[str, int]:
    """Problem, cause and measure units inside one part, by role."""
    out = {}
    for role in ("problems", "causes", "measures"):
        n = sum(1 for u in doc.units(role) if u.path == part.path or u.path.startswith(part.path + "/"))
        if n:
            out[role] = n
    return out


def _closing(doc) -> list[tuple[str, str]]:
    return [(c.kind, _squash(c.text)) for c in getattr(doc, "closing", [])]


def score_report(gold: dict, doc, findings, tally: Tally) -> None:
    name = gold["file"]
    title = doc.title or ""
    tally.score("title", _squash(title) == _squash(gold["title"]), name, f"{title!r} ≠ {gold['title']!r}")
    above = [_squash(x) for x in gold.get("above_title", [])]
    if above:
        leaked = [a for a in above if a in _squash(title)]
        tally.score("above-title kept out", not leaked, name, f"{leaked} read into the title")
    byline = [_squash(s.text) for s in doc.byline]
    want_byline = [_squash(x) for x in gold.get("byline", [])]
    tally.score("byline", byline == want_byline, name, f"{byline} ≠ {want_byline}")
    tally.score("preamble paragraphs", len(doc.preamble) == gold["preamble_paragraphs"], name,
                f"{len(doc.preamble)} ≠ {gold['preamble_paragraphs']}")
    got_parts = [(_squash(s.name), s.role) for s in doc.sections]
    want_parts = [(_squash(p["heading"]), p["role"]) for p in gold["parts"]]
    tally.score("part headings", [h for h, _ in got_parts] == [h for h, _ in want_parts], name,
                f"{[h for h, _ in got_parts]} ≠ {[h for h, _ in want_parts]}")
    if len(got_parts) == len(want_parts):
        for section, want in zip(doc.sections, gold["parts"], strict=True):
            roles = want["role"] if isinstance(want["role"], list) else [want["role"]]
            tally.score("part role", section.role == roles[0], name, f"{section.name}: {section.role} ≠ {roles[0]}")
            units = want["units"] if isinstance(want["units"], dict) else {roles[0]: want["units"]}
            units = {k: v for k, v in units.items() if v and k in ("problems", "causes", "measures")}
            got = _part_units(doc, section)
            tally.score("part units", got == units, name, f"{section.name}: {got} ≠ {units}")
    want_closing = [(c["kind"], _squash(c["text"])) for c in gold.get("closing", [])]
    got_closing = _closing(doc)
    tally.score("closing", got_closing[: len(want_closing)] == want_closing if got_closing else not want_closing,
                name, f"{got_closing} ≠ {want_closing}")
    for f in findings:
        tally.findings[(str(f.severity), f.code)] += 1
        if str(f.severity) in ("error", "warning"):
            tally.misses.append(f"{name}: finding {f.code} {f.severity} line {f.line}: {f.message}")


FORMATS = ("text", "docx", "docx-softbreak", "docx-pagebreak")


def _closing_start(lines: list[str], gold: dict) -> int:
    """The index of the gold's first closing line: the first line after the first part heading that
    is that line."""
    closing = gold.get("closing", [])
    if not closing:
        return len(lines)
    heading = _squash(gold["parts"][0]["heading"])
    first_part = next(k for k, line in enumerate(lines) if heading in _squash(line))
    first = _squash(closing[0]["text"])
    return next(k for k in range(first_part + 1, len(lines)) if _squash(lines[k]) == first)


def closing_variant(text: str, gold: dict, fmt: str) -> list:
    """The paragraphs of a DOCX variant (see the module docstring)."""
    lines = text.split("\n")
    start = _closing_start(lines, gold)
    pages = [k for k in range(start, len(lines)) if _ATTACHMENT_PAGE.match(lines[k].strip())]
    if fmt == "docx-softbreak":
        end = pages[0] if pages else len(lines)
        return [*lines[:start], "\n".join(lines[start:end]), *lines[end:]] if end > start else lines
    paragraphs: list = list(lines)
    for n, k in enumerate(pages):
        if n == 0:
            paragraphs[k - 1] = {"text": lines[k - 1], "page_break_after": True}
        else:
            paragraphs[k] = {"text": lines[k], "page_break_before": True}
    return paragraphs


_ATTACHMENT_PAGE = re.compile(r"^附件\s*[0-9一二三四五六七八九十]+$")


def run(set_name: str, fmt: str) -> Tally:
    folder = ROOT / "tests" / "eval" / set_name
    golds = tomllib.loads((folder / "gold.toml").read_text(encoding="utf-8"))["report"]
    tally = Tally()
    for gold in golds:
        text = (folder / "reports" / gold["file"]).read_text(encoding="utf-8")
        name = gold["file"].replace(".txt", ".docx")
        if fmt == "docx":
            from docx_builders import docx_from_text

            doc = reportlint.parse(docx_from_text(text), name=name)
        elif fmt.startswith("docx-"):
            from docx_builders import build_docx

            doc = reportlint.parse(build_docx(closing_variant(text, gold, fmt)), name=name)
        else:
            doc = reportlint.parse_text(text, name=gold["file"])
        score_report(gold, doc, reportlint.lint(doc), tally)
    return tally


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=SETS, default="layouts", help="which set (default: layouts)")
    ap.add_argument("--quiet", action="store_true", help="the summary only")
    args = ap.parse_args()
    for fmt in FORMATS:
        tally = run(args.set, fmt)
        print(f"== {args.set} {fmt}")
        for what in tally.total:
            print(f"  {what:<22} {tally.right[what]:>3}/{tally.total[what]:<3}")
        by_severity = Counter()
        for (severity, _code), n in tally.findings.items():
            by_severity[severity] += n
        codes = ", ".join(f"{code} {sev} ×{n}" for (sev, code), n in sorted(tally.findings.items()) if sev != "info")
        print(f"  findings on correct reports: {by_severity['error']} error(s), {by_severity['warning']} warning(s), "
              f"{by_severity['info']} info  [{codes}]")
        if not args.quiet:
            for miss in tally.misses:
                print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
