"""Hostile files: the time and peak memory of `reportlint check` on each, and the slowest.

    python bench/hostile.py                       # build, measure, print
    python bench/hostile.py --record              # also write its section of bench/RESULTS.md
    python bench/hostile.py --before OLD/src      # also measure other sources (PYTHONPATH), e.g. a
                                                  # checkout from before the limits

Two sets of files, built in a temporary folder:
  - the small files that once cost unbounded work (tests/test_hostile.py, BOUNDED), each refused by
    a limit;
  - files built just under each limit (the most work each default lets through), checked or refused
    by the last limit they reach: the worst a file can cost by design;
  - reports with one line that once made a text rule's pattern backtrack (tests/test_content_rules.py,
    HOSTILE), and a 1 MB report of the seed repeated, checked with the text rules.
Every number is one whole `reportlint check --no-cache --format json FILE` process (start-up
included), the median wall time and the largest peak RSS of `--runs` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from run import _LAUNCHER, ENV, PY, REPORTLINT, machine  # noqa: E402  (bench/run.py)
from test_content_rules import HOSTILE as HOSTILE_LINES  # noqa: E402
from test_hostile import BOUNDED, _related, _with_body, numbered_paragraphs  # noqa: E402

from reportlint.labels import chinese_number  # noqa: E402

BEGIN, END = "<!-- bench/hostile.py --record: begin -->", "<!-- bench/hostile.py --record: end -->"
TIMEOUT = 120
_HAN = "学习理论联系实际工作作风群众观念担当作为组织建设纪律规矩廉洁自律政治意识宗旨服务基层调查研究"


def _han(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_HAN) for _ in range(n))


def _footer_relationships_under_the_limit() -> bytes:
    """9000 relationships to one 50 KB footer (the limit is 10 000): the footer is read once."""
    from test_hostile import _package, _parts, _story, new_document, to_bytes

    parts = _parts(to_bytes(new_document(page_numbers=True)))
    parts["word/footer1.xml"] = _story("ftr", 1250)
    _related(parts, "footer", ["footer1.xml"] * 9000)
    return _package(parts)


def _every_limit_at_once(rng: random.Random) -> bytes:
    """Three parts of 3289 numbered headings, each with three short paragraphs, every paragraph in
    four runs: 39 500 paragraphs, 158 000 runs, 490 000 characters, 9 870 numbered lines, and units
    that share most of their bigrams, the matcher's costliest pairs."""
    def paragraph(text: str) -> str:
        k = max(1, len(text) // 4)
        return "<w:p>" + "".join(f"<w:r><w:t>{text[i:i + k]}</w:t></w:r>" for i in range(0, len(text), k)) + "</w:p>"

    out = []
    for part, word in (("一、存在的问题", "不够深入"), ("二、问题产生的原因", "有所放松"), ("三、整改措施", "加强")):
        out.append(paragraph(part))
        for k in range(1, 3290):
            out.append(paragraph(f"（{chinese_number(k)}）理论学习{_han(rng, 3)}{word}"))
            out += [paragraph(_han(rng, 8) + "。") for _ in range(3)]
    return _with_body("".join(out))


def _at_the_limits(rng: random.Random) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """name → (file name, builder) of files just under each default limit."""
    def text(lines: list[str]) -> bytes:
        return "\n".join(lines).encode()

    return {
        "199 000 one-character runs (REPORTLINT_MAX_RUNS 200 000)": ("runs.docx", lambda: _with_body(
            ("<w:p>" + "".join(f"<w:r><w:t>{c}</w:t></w:r>" for c in _han(rng, 4975)) + "</w:p>") * 40)),
        "1.9 million empty elements (REPORTLINT_MAX_XML_TAGS 2 000 000)": ("tags.docx", lambda: _with_body(
            "<w:p><w:r>" + "<w:b/>" * 1_900_000 + "<w:t>一、问题</w:t></w:r></w:p>", stored=True)),
        "49 000 paragraphs (REPORTLINT_MAX_PARAGRAPHS 50 000)": ("paragraphs.docx", lambda: _with_body(
            "".join(f"<w:p><w:r><w:t>{_han(rng, 8)}</w:t></w:r></w:p>" for _ in range(49_000)))),
        "49 000 lines of text (REPORTLINT_MAX_PARAGRAPHS)": ("lines.txt", lambda: text(
            ["标题", "一、存在的问题", *(_han(rng, 8) for _ in range(49_000))])),
        "49 000 soft line breaks in one paragraph": ("breaks.docx", lambda: _with_body(
            "<w:p><w:r>" + "".join(f"<w:t>{_han(rng, 2)}</w:t><w:br/>" for _ in range(49_000)) + "</w:r></w:p>")),
        "a paragraph of 490 000 characters (REPORTLINT_MAX_CHARS 500 000)": ("paragraph.docx", lambda: _with_body(
            f"<w:p><w:r><w:t>{_han(rng, 490_000)}</w:t></w:r></w:p>", stored=True)),
        "a line of 490 000 characters": ("line.txt", lambda: text(
            ["标题", "一、存在的问题", "（一）学习", _han(rng, 490_000)])),
        "9 900 labelled problems (REPORTLINT_MAX_ITEMS 10 000)": ("labels.txt", lambda: text(
            ["标题", "一、存在的问题", *(f"（{chinese_number(k)}）{_han(rng, 12)}" for k in range(1, 9900)),
             "二、原因", "三、措施"])),
        "9 500 problems against 180 causes and 180 measures (REPORTLINT_MAX_PAIRS 300 000)": ("pairs.txt", lambda: text(
            ["标题", "一、存在的问题", *(f"（{chinese_number(k)}）理论学习{_han(rng, 6)}不够深入" for k in range(1, 9500)),
             "二、问题产生的原因", *(f"（{chinese_number(k)}）理论学习{_han(rng, 6)}有所放松" for k in range(1, 181)),
             "三、整改措施", *(f"（{chinese_number(k)}）加强理论学习{_han(rng, 6)}" for k in range(1, 181))])),
        "40 000 paragraphs numbered by a 100-character level text (REPORTLINT_MAX_LABEL_CHARS 100)": (
            "numbered.docx", lambda: numbered_paragraphs("%1" * 50, 40_000)),
        "9 000 footer relationships to one 50 KB footer (REPORTLINT_MAX_RELATIONSHIPS 10 000)": (
            "footers.docx", _footer_relationships_under_the_limit),
        "near every limit at once: 39 500 paragraphs, 158 000 runs, 490 000 characters, 9 870 numbered lines": (
            "everything.docx", lambda: _every_limit_at_once(rng)),
    }


def _text_rule_lines() -> dict[str, tuple[str, Callable[[], bytes]]]:
    """name → (file name, builder): a report of one hostile line each, and the seed repeated to 1 MB."""
    files: dict[str, tuple[str, Callable[[], bytes]]] = {
        f"a line of {line[:6]!r}… ({len(line)} characters)": (f"line{k}.txt", lambda line=line: f"标题\n\n{line}".encode())
        for k, line in enumerate(HOSTILE_LINES)
    }
    seed = ROOT.parent / "shared" / "examples" / "seed-report.txt"
    if seed.exists():
        body = seed.read_text(encoding="utf-8")
        files["the seed repeated to 1 MB"] = ("seed-1mb.txt", lambda: (body * (1_000_000 // len(body.encode()) + 1)).encode())
    return files


def measure(path: Path, runs: int, pythonpath: str | None = None) -> dict:
    """Median seconds, largest peak RSS (MiB) and the outcome of checking `path`."""
    env = {**ENV, "REPORTLINT_SOFFICE": "off", **({"PYTHONPATH": pythonpath} if pythonpath else {})}
    env.pop("REPORTLINT_FILE_SECONDS")  # bench/run.py lifts the time limit; here it is part of what is measured
    cmd = [PY, "-c", _LAUNCHER, *REPORTLINT, "check", "--no-cache", "--format", "json", str(path)]
    seconds, rss, outcome = [], [], ""
    for _ in range(runs):
        try:
            proc = subprocess.run(cmd, cwd=path.parent, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return {"seconds": None, "rss": None, "outcome": f"still running after {TIMEOUT} s"}
        info = json.loads(proc.stdout.strip().splitlines()[-1])
        seconds.append(info["seconds"])
        rss.append(info["rss"])
        outcome = _outcome(proc.stdout, info["rc"])
    return {"seconds": statistics.median(seconds), "rss": max(rss), "outcome": outcome}


def _outcome(stdout: str, rc: int) -> str:
    """`checked` or the error kind and the variable its message names."""
    try:  # the report, then the launcher's line
        (result,) = json.loads(stdout.strip().rpartition("\n")[0])["files"]
    except (ValueError, KeyError):
        return f"exit {rc}"
    error = result["error"]
    if error is None:
        return "checked"
    variable = next((w for w in error["message"].replace("（", " ").replace("）", " ").replace("；", " ").split()
                     if w.startswith("REPORTLINT_")), "")
    return f"{error['kind']} {variable}".strip()


def _cell(m: dict | None) -> str:
    if m is None:
        return ""
    if m["seconds"] is None:
        return f"> {TIMEOUT} s | ? |"
    return f"{m['seconds']:.2f} s | {m['rss']:.0f} MiB |"


def table(rows: list[tuple[str, str, dict, dict | None]], before: bool) -> str:
    head = "| file | size | time | peak RSS | outcome |"
    rule = "|---|---:|---:|---:|---|"
    if before:
        head = "| file | size | before: time | peak RSS | outcome | after: time | peak RSS | outcome |"
        rule = "|---|---:|---:|---:|---|---:|---:|---|"
    lines = [head, rule]
    for name, size, after, old in rows:
        cells = f"| {name} | {size} | "
        if before:
            cells += f"{_cell(old)} {old['outcome'] if old else ''} | "
        lines.append(cells + f"{_cell(after)} {after['outcome']} |")
    return "\n".join(lines)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def write_results(path: Path, generated: str, begin: str = BEGIN, end: str = END) -> None:
    """Replace a script's section of RESULTS.md (between its markers `begin` and `end`, by default
    this one's), or add it at the end."""
    old = path.read_text(encoding="utf-8")
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        old = head + rest.split(end, 1)[1].lstrip("\n")
    path.write_text(f"{old.rstrip()}\n\n{begin}\n{generated.rstrip()}\n{end}\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per file (median time, largest RSS)")
    ap.add_argument("--before", metavar="SRC", help="also measure the reportlint package under SRC (a src/ folder)")
    ap.add_argument("--record", action="store_true", help="write this script's section of bench/RESULTS.md")
    args = ap.parse_args()
    rng = random.Random(12)
    sets = {
        "Files that once cost unbounded work (tests/test_hostile.py), refused by a limit":
            {case: build for case, (_file, build, _kind, _var) in BOUNDED.items()},
        "Files just under each limit (the most work a default lets through)":
            {case: build for case, (_file, build) in _at_the_limits(rng).items()},
        "Lines that once made a text rule's pattern backtrack (tests/test_content_rules.py)":
            {case: build for case, (_file, build) in _text_rule_lines().items()},
    }
    names = {**{c: f for c, (f, *_r) in BOUNDED.items()}, **{c: f for c, (f, _b) in _at_the_limits(rng).items()},
             **{c: f for c, (f, _b) in _text_rule_lines().items()}}
    sections, everything = [], []
    with tempfile.TemporaryDirectory(prefix="reportlint-hostile-") as tmp:
        for title, builds in sets.items():
            rows = []
            for case, build in builds.items():
                path = Path(tmp) / names[case]
                path.write_bytes(build())
                after = measure(path, args.runs)
                old = measure(path, 1, args.before) if args.before else None
                rows.append((case, _size(path.stat().st_size), after, old))
                everything.append((case, after))
                print(f"{case}: {_cell(after)} {after['outcome']}" + (f"  (before: {_cell(old)} {old['outcome']})"
                                                                       if old else ""), flush=True)
                path.unlink()
            sections.append(f"### {title}\n\n{table(rows, bool(args.before))}")
    slowest = max(everything, key=lambda r: r[1]["seconds"])
    largest = max(everything, key=lambda r: r[1]["rss"])
    load = "/".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    summary = (f"Slowest: {slowest[0]}, {slowest[1]['seconds']:.2f} s. Largest peak memory: {largest[0]}, "
               f"{largest[1]['rss']:.0f} MiB. Target: every hostile file within 10 s and 800 MB. Load average "
               f"at the end (1/5/15 min): {load}: other work on the machine slows every number.")
    print(summary)
    if args.record:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=False).stdout.strip()
        cmd = "python bench/hostile.py --record" + (f" --runs {args.runs}" if args.runs != 3 else "") + (
            " --before SRC" if args.before else "")
        text = "\n".join([
            "## Hostile files",
            "",
            f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
            f"- machine: {machine()}",
            f"- commit: {rev}" + (f"; before: the sources of {args.before}" if args.before else ""),
            f"- command: `{cmd}` (from the repository root, with the project's virtualenv)",
            "- each number is a whole `reportlint check --no-cache --format json FILE` process, start-up included: "
            f"the median wall time and the largest peak RSS of {args.runs} run(s)" +
            ("; before: one run, stopped after 120 s" if args.before else ""),
            "",
            summary,
            "",
            *(f"{s}\n" for s in sections),
        ])
        write_results(ROOT / "bench" / "RESULTS.md", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
