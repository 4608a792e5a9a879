"""`reportlint serve` under load, on the loopback interface only, against in-process linting of the
same files measured in the same run.

    python bench/serve.py                    # 20 s per load run, print the results
    python bench/serve.py --seconds 60       # the issue's 60 s runs (a quiet machine)
    python bench/serve.py --record           # also write its section of bench/RESULTS.md

The files: reports of about 10 KB and 100 KB, as text and as DOCX (bench/run.py makes them from the
examples), three different reports of each, and 5% hostile files (tests/test_hostile.py). Every
request is a multipart POST /v1/check. What is measured:

  - the answers: every answer of the warm-up is compared with `reportlint check --format json` of the
    same file (path aside), every answer under load with the warm-up's answer for that file; the
    hostile files must be 4xx with their kind; 5xx must be zero;
  - latency with one client (p50, p99) against `reportlint.check_bytes` in this process over the same
    sequence of files: the service's overhead (target: p50 at most 1.3 times in-process);
  - 8 and 32 concurrent clients for a bounded time: p50, p99, throughput, throughput per worker
    against in-process throughput;
  - memory (RSS of the server and its workers) after the warm-up and after the load runs (target:
    within 10%).
The load average is printed with the results: the machine may be shared.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

import httpx  # noqa: E402  (the test extra)
from hostile import write_results  # noqa: E402  (bench/hostile.py)
from run import REPORTLINT, SEEDS, machine, read_seed, report_docx, report_text, sized  # noqa: E402
from test_hostile import CASES  # noqa: E402

import reportlint  # noqa: E402

BEGIN, END = "<!-- bench/serve.py --record: begin -->", "<!-- bench/serve.py --record: end -->"
HOSTILE = ("empty", "truncated", "html", "encrypted", "legacy doc", "billion laughs", "random bytes",
           "binary named txt", "no main part", "wps")
HOSTILE_SHARE = 0.05
SCHEDULE = 400  # requests in one pass over the mix


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    kind: str | None = None  # the error kind of a hostile file


def make_files(seed: int) -> tuple[list[Upload], list[Upload]]:
    rng = random.Random(seed)
    seeds = [read_seed(p) for p in SEEDS]
    good = []
    for label, size in (("10k", 10_000), ("100k", 100_000)):
        for n in range(3):
            lines, _ = sized(size, random.Random(rng.random()), seeds)
            good.append(Upload(f"report-{label}-{n}.txt", report_text(lines).encode("utf-8")))
            good.append(Upload(f"report-{label}-{n}.docx", report_docx(lines)))
    hostile = [Upload(CASES[c][0], CASES[c][1](), CASES[c][2]) for c in HOSTILE]
    return good, hostile


def schedule(good: list[Upload], hostile: list[Upload], seed: int) -> list[Upload]:
    """One pass: SCHEDULE uploads, HOSTILE_SHARE of them hostile, in a fixed shuffled order."""
    n_hostile = round(SCHEDULE * HOSTILE_SHARE)
    items = [hostile[i % len(hostile)] for i in range(n_hostile)]
    items += [good[i % len(good)] for i in range(SCHEDULE - n_hostile)]
    random.Random(seed).shuffle(items)
    return items


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


@dataclass
class Run:
    clients: int
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]
    wrong: list[str]  # answers that differ from the expected one


# --- the baseline: in this process ----------------------------------------------------------------


def in_process(u: Upload) -> float:
    """Seconds of reportlint.check_bytes on one file, with its JSON, in this process."""
    start = time.perf_counter()
    reportlint.check_bytes(u.data, u.name).to_dict()
    return time.perf_counter() - start


def paired(url: str, items: list[Upload], expected: dict[str, bytes], seconds: float) -> tuple[Run, list[float]]:
    """One client, and in-process linting of the same file right after each request, so that both
    meet the same moment of a shared machine: (the service's run, the in-process times)."""
    latencies, inside, statuses, wrong = [], [], {}, []
    stop_at = time.monotonic() + seconds
    start = time.monotonic()
    with httpx.Client(base_url=url, timeout=120) as http:
        for n in range(100_000):
            if time.monotonic() >= stop_at:
                break
            u = items[n % len(items)]
            t = time.perf_counter()
            r = http.post("/v1/check", files={"file": (u.name, u.data)})
            latencies.append(time.perf_counter() - t)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
            if r.content != expected[u.name]:
                wrong.append(f"{u.name}: {r.status_code} {r.text[:200]}")
            inside.append(in_process(u))
    return Run(1, time.monotonic() - start, latencies, statuses, wrong), inside


def cli_answers(files: list[Upload], work: Path) -> dict[str, dict]:
    """`reportlint check --format json` of every file, by name, with the file's path as its name."""
    folder = work / "files"
    folder.mkdir(exist_ok=True)
    for u in files:
        (folder / u.name).write_bytes(u.data)
    out = subprocess.run([*REPORTLINT, "check", "--format", "json", "--no-cache", "--isolated",
                          *(str(folder / u.name) for u in files)], capture_output=True, text=True, env=_env())
    answers = {}
    for f in json.loads(out.stdout)["files"]:
        name = Path(f["path"]).name
        text = json.dumps(f, ensure_ascii=False).replace(json.dumps(f["path"], ensure_ascii=False)[1:-1], name)
        answers[name] = json.loads(text)
    return answers


def _env() -> dict[str, str]:
    return {**os.environ, "REPORTLINT_SOFFICE": "off"}


# --- the service ------------------------------------------------------------------------------------


class Service:
    def __init__(self, workers: int, work: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = (work / "access.log").open("wb")
        self.proc = subprocess.Popen([*REPORTLINT, "serve", "--port", str(self.port), "--workers", str(workers)],
                                     env=_env(), stdout=self.log, stderr=subprocess.DEVNULL, cwd=work)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                if httpx.get(self.url + "/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise SystemExit("the service did not start")

    def rss_mib(self) -> float:
        """RSS of the server process and all its descendants (Linux /proc)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        total, todo = 0, [self.proc.pid]
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        return total / 1024

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(60)
        self.log.close()


async def load(url: str, items: list[Upload], expected: dict[str, bytes], clients: int, seconds: float,
               max_requests: int) -> Run:
    """`clients` clients, each posting the next file of the sequence as soon as its answer came,
    until `seconds` have passed or `max_requests` were sent."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    wrong: list[str] = []
    counter = iter(range(max_requests))
    stop_at = time.monotonic() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        for n in counter:
            if time.monotonic() >= stop_at:
                return
            u = items[n % len(items)]
            start = time.perf_counter()
            r = await http.post("/v1/check", files={"file": (u.name, u.data)})
            latencies.append(time.perf_counter() - start)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
            if r.content != expected[u.name]:
                wrong.append(f"{u.name}: {r.status_code} {r.text[:200]}")

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    start = time.monotonic()
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return Run(clients, time.monotonic() - start, latencies, statuses, wrong)


def warm_up(url: str, files: list[Upload], cli: dict[str, dict], workers: int) -> tuple[dict[str, bytes], list[str]]:
    """Each file sent once per worker (so every worker has seen them all, more or less); the
    answers, and how they differ from the command line's."""
    answers: dict[str, bytes] = {}
    differ = []
    with httpx.Client(base_url=url, timeout=120) as http:
        for _ in range(workers):
            for u in files:
                r = http.post("/v1/check", files={"file": (u.name, u.data)})
                answers[u.name] = r.content
    for u in files:
        body = json.loads(answers[u.name])
        if u.kind is not None:
            if body.get("error", {}).get("kind") != u.kind or cli[u.name]["error"]["kind"] != u.kind:
                differ.append(f"{u.name}: {body} (CLI {cli[u.name]['error']})")
        elif body["files"][0] != cli[u.name] or "passed" not in body:
            differ.append(f"{u.name}: the answer differs from the command line's")
    return answers, differ


# --- report ---------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def report(args: argparse.Namespace, files: list[Upload], baseline: list[float], one: Run, runs: list[Run],
           memory: tuple[float, float], differ: list[str], load_avg: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    base_p50, base_mean = statistics.median(baseline), statistics.fmean(baseline)
    base_rate = 1 / base_mean
    one_p50 = statistics.median(one.latencies)
    sizes = ", ".join(sorted({f"{u.name.split('-')[1]} {u.name.rsplit('.', 1)[1]}" for u in files if u.kind is None}))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = [
        "## Service under load (`reportlint serve`)",
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit}",
        f"- machine: {machine()}; load average before {' '.join(f'{x:.2f}' for x in load_avg[0])}, "
        f"after {' '.join(f'{x:.2f}' for x in load_avg[1])} (a shared machine: other work ran beside this)",
        f"- command: `python bench/serve.py --seconds {args.seconds:g} --workers {args.workers}"
        f"{' --record' if args.record else ''}` (the project's virtualenv, loopback only)",
        f"- files: {sizes} (3 different reports each) and {round(HOSTILE_SHARE * 100)}% hostile files "
        f"({len(HOSTILE)} kinds of tests/test_hostile.py); multipart POST /v1/check; {args.workers} workers",
        "",
        f"Answers: {len(files)} files, the warm-up's answers {'all equal' if not differ else f'{len(differ)} differ from'} "
        "`reportlint check --format json` (path aside; the hostile files 422 with the same kind); under load "
        f"{sum(len(r.wrong) for r in (one, *runs))} answers differ from the warm-up's; "
        f"{sum(n for r in (one, *runs) for s, n in r.statuses.items() if s >= 500)} answers were 5xx.",
        "",
        "| clients | seconds | requests | statuses | p50 | p99 | requests/s | per worker | in-process /s | per worker ÷ in-process |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in (one, *runs):
        rate = len(r.latencies) / r.seconds
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(r.statuses.items()))
        # one client takes turns with in-process linting: its rate says nothing of the service's
        rates = ("— | — | — | —" if r is one else
                 f"{rate:.1f} | {rate / args.workers:.1f} | {base_rate:.1f} | {rate / args.workers / base_rate:.2f}")
        lines.append(f"| {r.clients} | {r.seconds:.0f} | {len(r.latencies)} | {statuses} | {ms(statistics.median(r.latencies))} "
                     f"| {ms(percentile(r.latencies, 99))} | {rates} |")
    lines += [
        "",
        f"In-process (`reportlint.check_bytes` in this warm process, each file right after the one-client run's "
        f"request for it): p50 {ms(base_p50)}, "
        f"p99 {ms(percentile(baseline, 99))}, mean {ms(base_mean)} ({base_rate:.1f} files/s).",
        f"Overhead with one client: p50 {ms(one_p50)} against {ms(base_p50)} in-process, "
        f"**{one_p50 / base_p50:.2f}×** (target ≤ 1.3×).",
        f"Memory (RSS of the server and its workers): {memory[0]:.0f} MiB after the warm-up, {memory[1]:.0f} MiB after "
        f"the load runs, **{(memory[1] / memory[0] - 1) * 100:+.1f}%** (target within 10%).",
    ]
    if differ:
        lines += ["", "Answers that differ from the command line's:", *(f"- {d}" for d in differ[:20])]
    wrong = [w for r in (one, *runs) for w in r.wrong]
    if wrong:
        lines += ["", "Answers under load that differ from the warm-up's:", *(f"- {w}" for w in wrong[:20])]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=20, help="length of each load run (default 20)")
    ap.add_argument("--workers", type=int, default=2, help="lint workers of the service (default 2)")
    ap.add_argument("--record", action="store_true", help="write the section of bench/RESULTS.md")
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-serve-"))
    print(f"making files in {work} …", file=sys.stderr)
    good, hostile = make_files(args.seed)
    files = good + hostile
    items = schedule(good, hostile, args.seed)
    cli = cli_answers(files, work)
    for u in files:  # warm
        in_process(u)
    service = Service(args.workers, work)
    try:
        print("warm-up …", file=sys.stderr)
        expected, differ = warm_up(service.url, files, cli, args.workers)
        memory_warm = service.rss_mib()
        print("one client, and in-process …", file=sys.stderr)
        one, baseline = paired(service.url, items, expected, args.seconds)
        runs = []
        for clients in (8, 32):
            print(f"{clients} clients …", file=sys.stderr)
            runs.append(asyncio.run(load(service.url, items, expected, clients, args.seconds, 100_000)))
        memory_after = service.rss_mib()
    finally:
        service.stop()
    text = report(args, files, baseline, one, runs, (memory_warm, memory_after), differ, (load_before, os.getloadavg()))
    print(text)
    if args.record:
        write_results(ROOT / "bench" / "RESULTS.md", text, BEGIN, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
