"""reportlint benchmarks: four ratios, each against a baseline measured in the same run.

    python bench/run.py                 # generate, measure, print
    python bench/run.py --record        # also write bench/RESULTS.md
    python bench/run.py --quick         # fewer runs (a smoke test, not for RESULTS.md)

Inputs are generated from the example reports (examples/*.txt): a report grows by adding more
comparison sections to each part (problems, causes, measures), taking sections of the same part from
the seeds, renumbering them and varying their figures, so a big report still looks like a report.
DOCX versions are written with python-docx with the formatting a real one has (黑体 headings,
仿宋 三号 body, 2-character first-line indent).

Every timing is a whole subprocess (start-up included), the median of several runs, interleaved so
that a noisy moment hurts baseline and subject alike. The ratios:

  1. `reportlint check` of a 100 KB DOCX  vs  python -c "import docx, lark, click" + open and iterate
     the same DOCX with python-docx                                         target <= 1.5
  2. `reportlint check` of a 10 KB text report  vs  python -c "import docx, lark, click"   <= 1.3
  3. cost per KB of `check` at 1 MB vs at 100 KB, start-up (the `check` of an empty-ish
     report) subtracted                                                     target <= 1.3
  4. a batch of a few hundred reports, `--jobs 1` time / `--jobs 2` time    target >= 1.5

`check` runs with --no-cache so the cache never flatters a number.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from reportlint.labels import chinese_number  # the label numerals, written the way reports write them

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))
PY = sys.executable
REPORTLINT = [PY, "-m", "reportlint"] if os.environ.get("BENCH_USE_MODULE") else [
    str(Path(PY).with_name("reportlint"))]
CHECK = [*REPORTLINT, "check", *os.environ.get("BENCH_CHECK_ARGS", "--no-cache").split()]

# ------------------------------------------------------------------------------------------------
# generating reports

_PART = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
_SUB = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）](.*)$")


def role_of(heading: str) -> str:
    if "原因" in heading or "根源" in heading:
        return "causes"
    if "措施" in heading or "整改" in heading or "方向" in heading:
        return "measures"
    if "案例" in heading:
        return "case"
    return "problems"


@dataclass
class Seed:
    title: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)  # role → part heading text (without label)
    intros: dict[str, list[str]] = field(default_factory=dict)  # role → body lines before (一)
    sections: dict[str, list[list[str]]] = field(default_factory=dict)  # role → [[heading line, body...]]


def read_seed(path: Path) -> Seed:
    seed = Seed()
    role = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _PART.match(line)
        if m:
            role = role_of(m.group(2))
            seed.parts.setdefault(role, m.group(2))
            seed.intros.setdefault(role, [])
            seed.sections.setdefault(role, [])
            continue
        if role is None:
            (seed.preamble if len(line) > 60 or seed.preamble else seed.title).append(line)
            continue
        m = _SUB.match(line)
        if m:
            seed.sections[role].append([m.group(2)])
        elif seed.sections[role]:
            seed.sections[role][-1].append(line)
        else:
            seed.intros[role].append(line)
    return seed


def _vary(text: str, rng: random.Random) -> str:
    """Change the figures in a line (3次 → 5次, 2025年 stays a year) so no two sections are equal."""

    def figure(m: re.Match) -> str:
        s = m.group(0)
        if len(s) == 4 and s.startswith("20"):
            return s
        n = int(s)
        return str(max(1, n + rng.randint(-n // 2 - 1, n // 2 + 2)))

    return re.sub(r"\d+", figure, text)


def make_report(n_sections: int, rng: random.Random, seeds: list[Seed], vary_all: bool = False
                ) -> list[tuple[str, int]]:
    """Lines of a report with `n_sections` comparison sections per part, as (text, level) where level
    is 0 title, 1 part heading, 2 section heading, 3 body (the DOCX writer formats by level)."""
    lead = seeds[0]
    out: list[tuple[str, int]] = [(t, 0) for t in lead.title]
    out += [(p, 3) for p in lead.preamble]
    for k, role in enumerate(("problems", "causes", "measures"), 1):
        heading = lead.parts.get(role) or {"problems": "存在的主要问题", "causes": "问题产生的原因",
                                            "measures": "整改措施"}[role]
        out.append((f"{chinese_number(k)}、{heading}", 1))
        out += [(line, 3) for line in lead.intros.get(role, [])]
        pool = [s for seed in seeds for s in seed.sections.get(role, [])]
        for i in range(1, n_sections + 1):
            section = pool[(i - 1) % len(pool)] if i <= len(pool) else rng.choice(pool)
            head, body = section[0], section[1:]
            if i > len(pool) or vary_all:
                head = _vary(head, rng)
                body = [_vary(b, rng) for b in body]
                if len(body) > 1 and rng.random() < 0.5:
                    body = body[:]
                    rng.shuffle(body)
                    body = [_relabel(b, j) for j, b in enumerate(body, 1)]
            out.append((f"（{chinese_number(i)}）{head}", 2))
            out += [(b, 3) for b in body]
    out.append(("2025年12月", 3))
    return out


_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+是|\d+[、.．])")


def _relabel(line: str, n: int) -> str:
    m = _ITEM.match(line)
    if not m:
        return line
    label = m.group(0)
    new = f"{chinese_number(n)}是" if label.endswith("是") else f"{n}{label[-1]}"
    return new + line[m.end():]


def report_text(lines: list[tuple[str, int]]) -> str:
    return "\n".join(t for t, _ in lines) + "\n"


def report_docx(lines: list[tuple[str, int]]) -> bytes:
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    fonts = {0: ("方正小标宋简体", 22, False), 1: ("黑体", 16, False), 2: ("楷体_GB2312", 16, True),
             3: ("仿宋_GB2312", 16, False)}
    for text, level in lines:
        p = doc.add_paragraph()
        font, size, bold = fonts[level]
        if level == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.paragraph_format.first_line_indent = Pt(size * 2)
            p.paragraph_format.line_spacing = Pt(28)
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold or None
        run.font.name = "Times New Roman"
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def sized(target: int, rng: random.Random, seeds: list[Seed]) -> tuple[list[tuple[str, int]], int]:
    """Lines of a report whose UTF-8 text is about `target` bytes, and its sections per part."""
    n, lines = 4, []
    for _ in range(8):
        lines = make_report(n, random.Random(rng.random()), seeds)
        size = len(report_text(lines).encode("utf-8"))
        if abs(size - target) <= target * 0.05:
            break
        n = max(1, round(n * target / size))
    return lines, n


# ------------------------------------------------------------------------------------------------
# measuring


# Each command runs under a small launcher that forks and execs it and reports its wall time and
# peak memory (ru_maxrss of that child only, not inflated by this script's own memory).
_LAUNCHER = r"""
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
print(json.dumps({"rc": os.waitstatus_to_exitcode(status), "seconds": time.perf_counter() - start,
                  "rss": usage.ru_maxrss / 1024}))
"""
# as installed: bytecode is cached (pip compiles it; this sandbox's PYTHONDONTWRITEBYTECODE would
# make every run compile reportlint's modules again, which no user pays); the per-file time limit is
# lifted: the 1 MB report measures the algorithms, and a busy machine must not turn it into a timeout
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"REPORTLINT_FILE_SECONDS": "0"}


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, max RSS MiB) of one command; fails loudly on exit status 2 or worse."""
    proc = subprocess.run([PY, "-c", _LAUNCHER, *cmd], cwd=cwd, env=ENV, capture_output=True, text=True)
    try:
        info = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise SystemExit(f"launcher failed for {' '.join(cmd)}: {proc.stderr[-2000:]}") from None
    if info["rc"] not in (0, 1):
        raise SystemExit(f"benchmark command failed ({info['rc']}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return info["seconds"], info["rss"]


def parallelism(cwd: Path) -> float:
    """How much two CPU-bound processes gain over one on this machine right now (2.0 = two free
    cores): the ceiling for the --jobs 2 ratio, measured in the same run."""
    spin = [PY, "-c", "sum(i * i for i in range(6_000_000))"]

    def wall(copies: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen(spin, cwd=cwd, env=ENV) for _ in range(copies)]
        for p in procs:
            p.wait()
        return time.perf_counter() - start

    one, two = [], []
    for _ in range(3):
        one.append(wall(1))
        two.append(wall(2))
    return 2 * statistics.median(one) / statistics.median(two)


def measure(commands: dict[str, list[str]], runs: int, cwd: Path, warmup: int = 1) -> dict[str, dict]:
    """Median wall time per command; runs are interleaved (a, b, a, b, …)."""
    for _ in range(warmup):
        for cmd in commands.values():
            run_once(cmd, cwd)
    times: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(runs):
        for name, cmd in commands.items():
            t, m = run_once(cmd, cwd)
            times[name].append(t)
            rss[name] = max(rss[name], m)
    return {k: {"median": statistics.median(v), "min": min(v), "runs": len(v), "rss": rss[k], "times": v}
            for k, v in times.items()}


# Where the time of one `check` goes, phase by phase, in a fresh interpreter (one run; in-process
# timings, so start-up of the interpreter itself is not included).
_PHASES = r"""
import sys, time
t0 = last = time.perf_counter()
rows = []
def lap(name):
    global last
    now = time.perf_counter(); rows.append((name, now - last)); last = now
import click, lark; lap("import click, lark (the baseline imports them too)")
import reportlint.cli; lap("import reportlint.cli")
from reportlint.config import resolve_profile; from reportlint.engine import active_rules
profile = resolve_profile(None); lap("load profile")
rules = active_rules(profile); lap("import rule modules (regexes compiled at import)")
from reportlint.readers import read; source = read(sys.argv[1]); lap("read (" + source.format + ")")
from reportlint.parser import parse_source; doc = parse_source(source); lap("parse (first use compiles the parser's patterns)")
from reportlint.checks import Context; from reportlint.engine import run_rule
shared = {}; matcher = 0.0; other = 0.0
for a in active_rules(profile, fmt=doc.format):
    s = time.perf_counter(); list(run_rule(a.rule, Context(doc, a.options, profile, shared))); d = time.perf_counter() - s
    if a.rule.code in ("RL201", "RL202", "RL203", "RL204"): matcher += d
    else: other += d
rows.append(("rules RL201-RL204 (the correspondence matcher)", matcher)); rows.append(("all other rules (first use compiles their patterns)", other))
last = time.perf_counter()
for name, d in rows: print(f"{d * 1000:.1f}	{name}")
"""


def breakdown(path: Path, cwd: Path) -> str:
    out = subprocess.run([PY, "-c", _PHASES, str(path)], cwd=cwd, env=ENV, capture_output=True, text=True)
    if out.returncode != 0:
        return f"(breakdown failed: {out.stderr[-300:]})"
    rows = [line.split("\t", 1) for line in out.stdout.strip().splitlines()]
    lines = [f"| phase, `check` of {path.name} | ms |", "|---|---:|"]
    lines += [f"| {name} | {float(ms):.1f} |" for ms, name in rows]
    lines.append(f"| total in-process | {sum(float(ms) for ms, _ in rows):.1f} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs{mem}, "
            f"Python {platform.python_version()}")


BEGIN, END = "<!-- bench/run.py --record: begin -->", "<!-- bench/run.py --record: end -->"


def write_results(path: Path, generated: str) -> None:
    """Replace this script's part of RESULTS.md and keep what others added (other benchmarks'
    sections): between the markers when they are there, else everything from the first `## `
    section this script does not write."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    ours = {"## Ratios", "## Timings"}
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
    else:
        head, tail = "", ""
        lines = old.splitlines(keepends=True)
        for n, line in enumerate(lines):
            if line.startswith("## ") and line.strip() not in ours:
                tail = "\n" + "".join(lines[n:])
                break
    path.write_text(f"{head}{BEGIN}\n{generated.rstrip()}\n{END}\n{tail}", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=9, help="runs per command (median taken)")
    ap.add_argument("--batch", type=int, default=300, help="files in the batch")
    ap.add_argument("--quick", action="store_true", help="3 runs, 100-file batch")
    ap.add_argument("--record", action="store_true", help="write bench/RESULTS.md")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep the files")
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()
    if args.quick:
        args.runs, args.batch = 3, 100

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    seeds = [read_seed(p) for p in SEEDS]

    files: dict[str, Path] = {}
    print(f"generating reports in {work}", file=sys.stderr)
    for label, size in (("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)):
        lines, n = sized(size, rng, seeds)
        # the DOCX of a size holds the same report as the text file of that size
        for kind, data in (("txt", report_text(lines).encode("utf-8")), ("docx", report_docx(lines))):
            path = work / f"report-{label}.{kind}"
            path.write_bytes(data)
            files[f"{label}.{kind}"] = path
            print(f"  {path.name}: {len(data) / 1000:.0f} KB on disk, {n} sections per part", file=sys.stderr)
    tiny = work / "tiny.txt"
    tiny.write_text("一、存在的问题\n（一）学习不够\n一是学习不够深入。\n", encoding="utf-8")
    batch = work / "batch"
    if batch.exists():
        shutil.rmtree(batch)
    batch.mkdir()
    for i in range(args.batch):
        n = rng.randint(3, 8)
        lines = make_report(n, random.Random(rng.random()), seeds, vary_all=True)
        if i % 5 == 4:
            (batch / f"r{i:04d}.docx").write_bytes(report_docx(lines))
        else:
            (batch / f"r{i:04d}.txt").write_text(report_text(lines), encoding="utf-8")
    batch_kb = sum(p.stat().st_size for p in batch.iterdir()) / 1000

    docx100 = str(files["100k.docx"])
    iterate = (
        "import sys, docx, lark, click\n"
        "d = docx.Document(sys.argv[1])\n"
        "n = 0\n"
        "for p in d.paragraphs:\n"
        "    n += len(p.text)\n"
        "for t in d.tables:\n"
        "    for row in t.rows:\n"
        "        for c in row.cells:\n"
        "            n += len(c.text)\n"
    )
    results: dict[str, dict] = {}
    print("measuring …", file=sys.stderr)
    results.update(measure({
        "baseline: import docx, lark, click": [PY, "-c", "import docx, lark, click"],
        "check 10 KB text": [*CHECK, str(files["10k.txt"])],
    }, args.runs, work))
    results.update(measure({
        "baseline: python-docx open+iterate 100 KB DOCX": [PY, "-c", iterate, docx100],
        "check 100 KB DOCX": [*CHECK, docx100],
    }, args.runs, work))
    results.update(measure({  # not a target: a report of ordinary length, as a hook sees most of them
        "baseline: python-docx open+iterate 10 KB DOCX": [PY, "-c", iterate, str(files["10k.docx"])],
        "check 10 KB DOCX": [*CHECK, str(files["10k.docx"])],
    }, max(3, args.runs // 2), work))
    no_match = ["--ignore", "RL201,RL202,RL203,RL204"]
    results.update(measure({
        "diagnostic: check 10 KB text without RL201-RL204": [*CHECK, *no_match, str(files["10k.txt"])],
        "diagnostic: check 100 KB DOCX without RL201-RL204": [*CHECK, *no_match, docx100],
        "diagnostic: check 100 KB text without RL201-RL204": [*CHECK, *no_match, str(files["100k.txt"])],
        "diagnostic: check 1 MB text without RL201-RL204": [*CHECK, *no_match, str(files["1m.txt"])],
    }, max(3, args.runs // 2), work))
    results.update(measure({
        "check tiny text (start-up)": [*CHECK, str(tiny)],
        "check 100 KB text": [*CHECK, str(files["100k.txt"])],
        "check 1 MB text": [*CHECK, str(files["1m.txt"])],
        "check 1 MB DOCX": [*CHECK, str(files["1m.docx"])],
    }, max(3, args.runs // 2), work))
    results.update(measure({
        "batch --jobs 1": [*CHECK, "--jobs", "1", str(batch)],
        "batch --jobs 2": [*CHECK, "--jobs", "2", str(batch)],
    }, max(3, args.runs // 2), work))

    cores = parallelism(work)
    paired = statistics.median(a / b for a, b in zip(results["batch --jobs 1"]["times"],
                                                     results["batch --jobs 2"]["times"], strict=True))
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    med = {k: v["median"] for k, v in results.items()}
    size = {k: p.stat().st_size / 1000 for k, p in files.items()}
    startup = med["check tiny text (start-up)"]
    per_kb_100 = (med["check 100 KB text"] - startup) / size["100k.txt"]
    per_kb_1m = (med["check 1 MB text"] - startup) / size["1m.txt"]
    ratios = [
        ("check 100 KB DOCX / python-docx open+iterate", med["check 100 KB DOCX"]
         / med["baseline: python-docx open+iterate 100 KB DOCX"], "<=", 1.5),
        ("check 10 KB text / import docx, lark, click", med["check 10 KB text"]
         / med["baseline: import docx, lark, click"], "<=", 1.3),
        ("cost per KB, 1 MB / 100 KB text (start-up subtracted)", per_kb_1m / per_kb_100, "<=", 1.3),
        ("batch: --jobs 1 time / --jobs 2 time", med["batch --jobs 1"] / med["batch --jobs 2"], ">=", 1.5),
    ]

    d_startup = med["check tiny text (start-up)"]
    def without_matcher(name: str) -> float:
        return med[f"diagnostic: check {name} without RL201-RL204"]

    diagnostics = [
        ("without RL201-RL204: check 100 KB DOCX / python-docx open+iterate",
         without_matcher("100 KB DOCX") / med["baseline: python-docx open+iterate 100 KB DOCX"]),
        ("without RL201-RL204: check 10 KB text / import docx, lark, click",
         without_matcher("10 KB text") / med["baseline: import docx, lark, click"]),
        ("without RL201-RL204: cost per KB, 1 MB / 100 KB text",
         ((without_matcher("1 MB text") - d_startup) / size["1m.txt"])
         / ((without_matcher("100 KB text") - d_startup) / size["100k.txt"])),
        ("ordinary size, all rules: check 10 KB DOCX / python-docx open+iterate",
         med["check 10 KB DOCX"] / med["baseline: python-docx open+iterate 10 KB DOCX"]),
    ]
    dlines = ["| diagnostic ratio (not a target) | measured |", "|---|---:|"]
    dlines += [f"| {name} | {value:.2f}× |" for name, value in diagnostics]
    dtable = "\n".join(dlines)
    lines = ["| command | median | min | runs | max RSS |", "|---|---:|---:|---:|---:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['median'] * 1000:.0f} ms | {r['min'] * 1000:.0f} ms | {r['runs']} "
                     f"| {r['rss']:.0f} MiB |")
    table = "\n".join(lines)
    rlines = ["| ratio | measured | target | |", "|---|---:|---:|---|"]
    ok_all = True
    for name, value, op, target in ratios:
        ok = value <= target if op == "<=" else value >= target
        ok_all &= ok
        rlines.append(f"| {name} | {value:.2f}× | {op} {target}× | {'ok' if ok else 'MISSED'} |")
    rtable = "\n".join(rlines)
    inputs = ", ".join(f"{k} {v:.0f} KB" for k, v in size.items())
    extra = (f"Inputs: {inputs}; batch: {args.batch} files ({batch_kb:.0f} KB, one in five DOCX). "
             f"Cost per KB: {per_kb_100 * 1000:.2f} ms/KB at 100 KB, {per_kb_1m * 1000:.2f} ms/KB at 1 MB; "
             f"1 MB DOCX: {med['check 1 MB DOCX'] * 1000:.0f} ms. Parallelism available during the run "
             f"(two CPU-bound processes vs one): {cores:.2f}× of 2; batch ratio of runs paired in time: "
             f"{paired:.2f}×; load average at the end (1/5/15 min): {load} — other work on the machine "
             "slows the baselines and the checks alike, but eats into the --jobs 2 gain.")
    print(table)
    print()
    print(rtable)
    print()
    print(extra)
    print()
    print(dtable)
    breakdowns = "\n\n".join(breakdown(files[k], work) for k in ("10k.txt", "100k.docx"))
    print()
    print(breakdowns)
    if args.record:
        try:
            rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True, check=False).stdout.strip()
        except OSError:
            rev = "?"
        cmd = "python bench/run.py --record" + (f" --runs {args.runs}" if args.runs != 9 else "")
        text = "\n".join([
            "# reportlint benchmark results",
            "",
            f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
            f"- machine: {machine()}",
            f"- commit: {rev} (plus uncommitted changes, if any, at the time of the run)",
            f"- command: `{cmd}` (from the repository root, with the project's virtualenv)",
            "- every number is the median wall time of whole subprocesses, start-up included; baselines "
            "were measured in the same run, interleaved with the commands they are compared to",
            "",
            "## Ratios",
            "",
            rtable,
            "",
            extra,
            "",
            "Diagnostic (not a target): the same ratios with the four correspondence rules left out, i.e. "
            "without the problem → cause → measure matcher, to show where the time goes; and, with every "
            "rule, the ratio for a DOCX of ordinary length (10 KB of text, the size of most reports).",
            "",
            dtable,
            "",
            "Where the time goes (one run each, timed inside a fresh interpreter after warm-up runs; the "
            "interpreter's own start, ~10 ms, is not in these totals):",
            "",
            breakdowns,
            "",
            "## Timings",
            "",
            table,
            "",
        ])
        write_results(ROOT / "bench" / "RESULTS.md", text)
        print(f"wrote {ROOT / 'bench' / 'RESULTS.md'}", file=sys.stderr)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
