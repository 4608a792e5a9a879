"""`reportlint similar` measured: precision and recall of copied pairs, copied problems and
problems repeated from last year on synthetic batches with planted copying, and its cost against
`reportlint check` of the same batch.

    python bench/similar.py                       # 100, 1,000 and 10,000 reports
    python bench/similar.py --sizes 100 1000      # fewer
    python bench/similar.py --record              # also write its section of bench/RESULTS.md

The batches are made from the example reports and the evaluation reports (tests/eval/**/reports):
their problems, causes and measures train a character Markov chain per part, which writes each
synthetic report's own text, so two reports share only what the chain makes common (stock phrases,
as real reports do) and what is planted:
- a template shared by all (title frame, preamble, the required comparison headings, a closing
  sentence in the last measure), given to `similar` as --template;
- pairs (a report and one copy) and clusters of five (a report and four copies), each copy taking
  a share of the source's problems (20 %, 40 %, 60 % or 100 %), paraphrased: clauses reordered,
  about one character in 30 changed, every figure changed, and the copied problems moved to
  other places of the report;
- last year's report for one report in ten, with the same unit and author, a share of its problems
  the same as this year's (small edits) and two measures unchanged.

Ground truth is known by construction. A pair is copied when the two reports share a problem of
the same origin; a problem is copied when another report of the batch has one of the same origin.
Reported: the pairs `similar` lists (any severity) and the problems in their copied_a/copied_b.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from reportlint import parse
from reportlint.labels import chinese_number

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
REPORTLINT = [str(Path(PY).with_name("reportlint"))]
SEEDS = sorted([*(ROOT / "examples").glob("*.txt"), *(ROOT / "tests" / "eval").glob("**/reports/*.txt")])
ROLES = ("problems", "causes", "measures")

COMPARISONS = ["在理论学习方面", "在政治素质方面", "在能力本领方面", "在担当作为方面", "在工作作风方面", "在廉洁自律方面"]
PREAMBLE = ("根据上级党组织关于召开2025年度组织生活会的通知要求，会前本人认真学习了规定篇目，广泛征求了意见建议，"
            "与支部班子成员和党员同志开展了谈心谈话，对照要求逐项查摆了自身存在的问题，现将对照检查情况报告如下。")
CLOSER = "以上措施由本人负责落实，支部每季度督促检查一次，年底前完成全部整改并向支部报告。"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏建红飞宇浩凯鑫辉雪琳晨悦欣博文斌"
UNITS = ["市自然资源局", "县人民医院", "区教育局", "市税务局", "县市场监管局", "镇人民政府", "市医保局", "区卫健委",
         "县农业农村局", "市统计局", "区城管局", "市文旅局"]
_LABELISH = re.compile(r"[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、]|[（(][一二三四五六七八九十\d]+[)）]"
                       r"|\d+[.、．]|[①-⑳]|[一二三四五六七八九十]+、")


# -- the text model ---------------------------------------------------------------------------------


class Chain:
    """A character Markov chain of one part (problems, causes or measures) of the seed reports."""

    def __init__(self, texts: list[str], order: int):
        self.order = order
        self.next: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for t in texts:
            t = _LABELISH.sub("", t)
            if len(t) <= order:
                continue
            self.starts.append(t[:order])
            for i in range(len(t) - order):
                self.next.setdefault(t[i:i + order], []).append(t[i + order])

    def sentence(self, rng: random.Random, length: int) -> str:
        """About `length` characters, ending at a full stop (a dead end of the chain starts a new
        clause from the start of a seed unit)."""
        out = rng.choice(self.starts)
        while len(out) < length * 2:
            options = self.next.get(out[-self.order:])
            ch = rng.choice(options) if options else "，"
            if ch == "。" and (len(out) < length or out.endswith("。")):
                ch = "，"
            out += ch
            if ch == "，" and not options:
                out += rng.choice(self.starts)
            if ch == "。":
                return _clean(out)
        return _clean(out.rstrip("，、；：。") + "。")


def _clean(text: str) -> str:
    """Without a label the chain made up (二是 would split the unit) or quotation marks it left
    open (the parser does not split items inside a quotation)."""
    return re.sub(r"[“”‘’《》]", "", _LABELISH.sub("", text))


def chains(order: int) -> dict[str, Chain]:
    texts: dict[str, list[str]] = {r: [] for r in ROLES}
    for path in SEEDS:
        doc = parse(str(path))
        for role in ROLES:
            texts[role] += [u.text for u in doc.units(role)]
    return {role: Chain(t, order) for role, t in texts.items()}


# -- a report ---------------------------------------------------------------------------------------


@dataclass
class Unit:
    text: str
    origin: str  # "report:role:n" of the text it was first written as


@dataclass
class Report:
    name: str
    unit: str
    author: str
    problems: list[list[Unit]]  # per comparison section
    causes: list[Unit]
    measures: list[list[Unit]]  # per measure section
    headings: list[str]  # comparison headings used
    measure_heads: list[str] = field(default_factory=list)

    def problem_sections(self) -> list[tuple[str, Unit]]:
        return [(f"一/（{chinese_number(s + 1)}）/{chinese_number(i + 1)}是", u)
                for s, items in enumerate(self.problems) for i, u in enumerate(items)]

    def text(self, year: int = 2025) -> str:
        lines = [f"{self.unit}{year}年度组织生活会对照检查材料", f"{self.unit}  党员  {self.author}", "",
                 PREAMBLE.replace("2025", str(year)), "一、存在的主要问题"]
        for s, items in enumerate(self.problems):
            lines.append(f"（{chinese_number(s + 1)}）{self.headings[s]}")
            lines.append("".join(f"{chinese_number(i + 1)}是{u.text}" for i, u in enumerate(items)))
        lines.append("二、问题产生的原因")
        lines += [f"（{chinese_number(i + 1)}）{u.text}" for i, u in enumerate(self.causes)]
        lines.append("三、整改措施")
        for s, items in enumerate(self.measures):
            lines.append(f"（{chinese_number(s + 1)}）{self.measure_heads[s]}")
            lines += [f"{i + 1}.{u.text}" for i, u in enumerate(items)]
        lines[-1] += CLOSER
        return "\n".join(lines) + "\n"


def template_text() -> str:
    lines = ["XX2025年度组织生活会对照检查材料", "XX  党员  XX", "", PREAMBLE, "一、存在的主要问题"]
    for s, h in enumerate(COMPARISONS):
        lines += [f"（{chinese_number(s + 1)}）{h}", "一是……二是……"]
    lines += ["二、问题产生的原因", "（一）……", "三、整改措施", "（一）……", f"1.……{CLOSER}"]
    return "\n".join(lines) + "\n"


def fresh_report(n: int, rng: random.Random, model: dict[str, Chain]) -> Report:
    def unit(role: str, k: int, length: int) -> Unit:
        return Unit(model[role].sentence(rng, length), f"{n}:{role}:{k}")

    sections = rng.randint(3, 5)
    headings = COMPARISONS[:sections]
    problems = [[unit("problems", s * 10 + i, rng.randint(40, 110)) for i in range(rng.randint(2, 4))]
                for s in range(sections)]
    causes = [unit("causes", i, rng.randint(60, 140)) for i in range(rng.randint(3, 5))]
    measures = [[unit("measures", s * 10 + i, rng.randint(35, 90)) for i in range(rng.randint(2, 3))]
                for s in range(sections)]
    heads = [model["measures"].sentence(rng, 8)[:14].rstrip("，。、；") for _ in range(sections)]
    author = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    unit_name = f"{UNITS[n % len(UNITS)]}第{chinese_number(n // len(UNITS) + 1)}党支部"
    return Report(f"r{n:05d}", unit_name, author, problems, causes, measures, headings, heads)


def paraphrase(text: str, rng: random.Random, pool: str, reorder: bool = True) -> str:
    """Clauses reordered, about one character in 30 changed, every figure changed."""
    clauses = re.split(r"(?<=[，；])", text.rstrip("。"))
    if reorder and len(clauses) > 2:
        i = rng.randrange(len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    chars = list("".join(c if c.endswith(("，", "；")) else c + "，" for c in clauses).rstrip("，") + "。")
    for i, ch in enumerate(chars):
        if ch.isdigit():
            chars[i] = str((int(ch) + rng.randint(1, 8)) % 10)
        elif "\u4e00" <= ch <= "\u9fff" and rng.random() < 1 / 30:
            chars[i] = rng.choice(pool)
    return "".join(chars)


def plant_copies(source: Report, copy: Report, share: float, rng: random.Random, pool: str) -> None:
    """`copy` takes `share` of `source`'s problems, paraphrased and moved to other places."""
    theirs = [u for items in source.problems for u in items]
    slots = [(s, i) for s, items in enumerate(copy.problems) for i in range(len(items))]
    k = max(1, min(len(slots), round(share * len(theirs))))
    for (s, i), u in zip(rng.sample(slots, k), rng.sample(theirs, k), strict=True):
        copy.problems[s][i] = Unit(paraphrase(u.text, rng, pool), u.origin)


def last_year(report: Report, rng: random.Random, model: dict[str, Chain], share: float, pool: str) -> Report:
    """Last year's report of the same author: `share` of this year's problems there already (small
    edits), two measures word for word, the rest different."""
    before = fresh_report(int(report.name[1:]) + 500_000, rng, model)
    before.unit, before.author, before.name = report.unit, report.author, report.name
    mine = report.problem_sections()
    slots = [(s, i) for s, items in enumerate(before.problems) for i in range(len(items))]
    k = min(len(slots), max(1, round(share * len(mine))))
    for (s, i), (_, u) in zip(rng.sample(slots, k), rng.sample(mine, k), strict=True):
        before.problems[s][i] = Unit(paraphrase(u.text, rng, pool, reorder=False), u.origin)
    theirs = [(s, i) for s, items in enumerate(report.measures) for i in range(len(items))]
    for (s, i), (bs, bi) in zip(rng.sample(theirs, 2), rng.sample(
            [(s, i) for s, items in enumerate(before.measures) for i in range(len(items))], 2), strict=True):
        before.measures[bs][bi] = report.measures[s][i]
    return before


@dataclass
class Batch:
    folder: Path
    previous: Path
    template: Path
    reports: list[Report]
    truth_pairs: set[tuple[str, str]]
    truth_problems: set[tuple[str, str]]
    truth_repeats: set[tuple[str, str]]
    truth_measures: set[tuple[str, str]]


def make_batch(size: int, where: Path, seed: int = 7, order: int = 2) -> Batch:
    rng = random.Random(seed)
    model = chains(order)
    pool = "".join(model["problems"].next.keys())[::2]
    reports = [fresh_report(n, rng, model) for n in range(size)]
    groups: list[list[int]] = []
    free = list(range(size))
    rng.shuffle(free)
    n_groups = max(1, size // 40)  # 5 % of the reports in pairs and 12.5 % in clusters of five
    for g in range(2 * n_groups):
        k = 2 if g % 2 == 0 else 5
        if len(free) < k:
            break
        members, free = free[:k], free[k:]
        share = [0.2, 0.4, 0.6, 1.0][g % 4] if k == 2 else [0.4, 0.6, 1.0][g % 3]
        for m in members[1:]:
            plant_copies(reports[members[0]], reports[m], share, rng, pool)
        groups.append(sorted(members))
    folder, previous = where / "reports", where / "previous"
    folder.mkdir(parents=True)
    previous.mkdir()
    for r in reports:
        (folder / f"{r.name}.txt").write_text(r.text(), encoding="utf-8")
    truth_repeats: set[tuple[str, str]] = set()
    truth_measures: set[tuple[str, str]] = set()
    for n in range(0, size, 10):
        r = reports[n]
        before = last_year(r, rng, model, [0.2, 0.5, 1.0][n // 10 % 3], pool)
        (previous / f"{r.name}.txt").write_text(before.text(2024), encoding="utf-8")
        origins = {u.origin for items in before.problems for u in items}
        truth_repeats |= {(f"{r.name}.txt", s) for s, u in r.problem_sections() if u.origin in origins}
        kept = {id(u) for items in before.measures for u in items}
        truth_measures |= {(f"{r.name}.txt", f"三/（{chinese_number(s + 1)}）/{i + 1}")
                           for s, items in enumerate(r.measures) for i, u in enumerate(items) if id(u) in kept}
    template = where / "template.txt"
    template.write_text(template_text(), encoding="utf-8")
    by_origin: dict[str, set[tuple[str, str]]] = {}
    for r in reports:
        for section, u in r.problem_sections():
            by_origin.setdefault(u.origin, set()).add((f"{r.name}.txt", section))
    truth_problems = {p for places in by_origin.values() if len({f for f, _ in places}) > 1 for p in places}
    truth_pairs = set()
    for places in by_origin.values():
        files = sorted({f for f, _ in places})
        truth_pairs |= {(a, b) for i, a in enumerate(files) for b in files[i + 1:]}
    return Batch(folder, previous, template, reports, truth_pairs, truth_problems, truth_repeats, truth_measures)


# -- measuring ------------------------------------------------------------------------------------


def _pr(found: set, truth: set) -> tuple[float, float, int, int]:
    hit = len(found & truth)
    return (hit / len(found) if found else 1.0), (hit / len(truth) if truth else 1.0), len(found), len(truth)


def quality(batch: Batch) -> dict[str, tuple[float, float, int, int]]:
    from reportlint.similar import similar_paths

    result = similar_paths([str(batch.folder)], previous=[str(batch.previous)], template=str(batch.template), jobs=1)
    name = os.path.basename
    pairs = {tuple(sorted((name(p.a), name(p.b)))) for p in result.pairs}
    problems = {(name(p.a), s) for p in result.pairs for s in p.copied_a if s.startswith("一/")}
    problems |= {(name(p.b), s) for p in result.pairs for s in p.copied_b if s.startswith("一/")}
    repeats = {(name(a.path), r.passage.section) for a in result.previous for r in a.problems}
    measures = {(name(a.path), r.passage.section) for a in result.previous for r in a.measures}
    return {"pairs": _pr(pairs, batch.truth_pairs), "problems": _pr(problems, batch.truth_problems),
            "repeated": _pr(repeats, batch.truth_repeats), "unchanged": _pr(measures, batch.truth_measures)}


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall time of a command, its CPU time (user + system, its worker processes included) and
    the peak memory (MiB) of its largest process. On a machine shared with other work the CPU
    time is the steadier measure of what the command costs; both are recorded."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss)")
    out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]) / 1024


def cost(batch: Batch, jobs: int, check_sample: int | None) -> dict[str, float]:
    """Seconds (wall and CPU) of `check` and `similar` on the batch (check on a sample when asked:
    then extrapolated per report), and similar's peak memory."""
    files = sorted(batch.folder.iterdir())
    check_files = files if check_sample is None else files[:check_sample]
    check_s, check_cpu, _ = timed([*REPORTLINT, "check", "--no-cache", "-j", str(jobs), *map(str, check_files)])
    scale = len(files) / len(check_files)
    similar_s, similar_cpu, peak = timed([*REPORTLINT, "similar", "-j", str(jobs), "--template", str(batch.template),
                                          "--format", "json", str(batch.folder)])
    return {"check": check_s * scale, "check_cpu": check_cpu * scale, "similar": similar_s,
            "similar_cpu": similar_cpu, "peak_mib": peak, "reports": len(files)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--check-sample", type=int, default=None,
                    help="time `check` on this many reports and extrapolate (default: all)")
    ap.add_argument("--record", action="store_true", help="write the section of bench/RESULTS.md")
    ap.add_argument("--keep", metavar="DIR", help="write the batches here and keep them")
    args = ap.parse_args()
    rows = []
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="similar-bench-"))
    try:
        for size in args.sizes:
            where = base / f"batch-{size}"
            if where.exists():
                shutil.rmtree(where)
            t = time.perf_counter()
            batch = make_batch(size, where)
            made = time.perf_counter() - t
            q = quality(batch)
            c = cost(batch, args.jobs, args.check_sample)
            rows.append({"size": size, **{k: list(v) for k, v in q.items()}, **c})
            print(json.dumps(rows[-1], ensure_ascii=False), f"(made in {made:.0f} s)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    table = _table(rows, args.jobs)
    print(table)
    if args.record:
        _record(table)
    return 0


def _table(rows: list[dict], jobs: int) -> str:
    lines = ["| reports | copied pairs P / R (n) | copied problems P / R (n) | repeated problems P / R (n) "
             "| unchanged measures P / R (n) | check s (CPU s) | similar s (CPU s) | similar / check: CPU (wall) "
             "| CPU ms per report | peak MiB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = [f"{p:.1%} / {rc:.1%} ({truth})" for p, rc, _, truth in (r[k] for k in ("pairs", "problems",
                                                                                          "repeated", "unchanged"))]
        lines.append(f"| {r['size']:,} | {' | '.join(cells)} | {r['check']:.1f} ({r['check_cpu']:.1f}) | "
                     f"{r['similar']:.1f} ({r['similar_cpu']:.1f}) | "
                     f"**{r['similar_cpu'] / r['check_cpu']:.2f}** ({r['similar'] / r['check']:.2f}) | "
                     f"{1000 * r['similar_cpu'] / r['reports']:.2f} | {r['peak_mib']:.0f} |")
    per = {r["size"]: (r["similar_cpu"] / r["reports"], r["similar"] / r["reports"]) for r in rows}
    if 1000 in per and 10000 in per:
        lines.append(f"\nPer report, 10,000 / 1,000: CPU **{per[10000][0] / per[1000][0]:.2f}**, "
                     f"wall {per[10000][1] / per[1000][1]:.2f} (`-j {jobs}`).")
    return "\n".join(lines)


BEGIN, END = "<!-- bench/similar.py --record: begin -->", "<!-- bench/similar.py --record: end -->"


def _record(table: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{table}\n{END}"
    if BEGIN in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text += "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
