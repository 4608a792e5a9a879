"""`reportlint similar` on text nobody wrote for tuning it: the project's correct reports
(examples/*.txt and tests/eval/*/reports, written by other hands), with copying planted by the edits
a reviewer meets, and the pairs it flags among the unedited reports.

    python bench/similar_real.py                 # 5 rounds (seeds), prints the figures
    python bench/similar_real.py --show          # also every pair flagged among the unedited reports

Each round makes one batch from all the correct reports:
- copied: 10 reports each take 3 of a colleague's problems (the copier has 6 or more), lightly
  reworded (a word or two swapped for a synonym, two clauses swapped, figures changed), put in
  place of 3 of its own; truth: the pair, and the 3 problems in the copier;
- resubmitted: for 5 reports, last year's report is the same report with its years and dates
  changed (given with --previous, matched by the title block); truth: every problem repeated;
- skeleton: 5 reports keep their title, preamble, headings and closing but take every problem,
  cause and measure from another report (left out of the batch): they share only headings, stock
  phrases and boilerplate with the report they were made from, and must NOT pair with it.
Pairs listed at any severity count as found; a pair among unedited reports is a false alarm unless
it is the DOCX/text twin of an example (none is in the batch: only .txt files are used).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reportlint import parse_text

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("problems", "causes", "measures")
SOURCES = sorted([*(ROOT / "examples").glob("*.txt"), *(ROOT / "tests" / "eval").glob("*/reports/*.txt")])

# Light rewording: words a writer swaps when making a colleague's sentence their own.
SYNONYMS = [("不够", "不足"), ("加强", "强化"), ("进一步", "更加"), ("存在", "有"), ("主要", "大多"),
            ("及时", "按时"), ("深入", "深度"), ("工作", "业务"), ("落实", "执行"), ("问题", "情况"),
            ("有时", "偶尔"), ("没有", "未能"), ("今年", "本年度"), ("群众", "百姓"), ("同志", "同事")]
_YEAR = re.compile(r"(19|20)(\d{2})(?=\s*年)")
_FIGURE = re.compile(r"\d+")


def reword(text: str, rng: random.Random) -> str:
    """Two synonyms swapped in, two adjacent clauses swapped, every figure changed."""
    for old, new in rng.sample([s for s in SYNONYMS if s[0] in text], k=min(2, sum(s[0] in text for s in SYNONYMS))):
        text = text.replace(old, new, 1)
    clauses = re.split(r"(?<=[，；])", text)
    if len(clauses) > 3:
        i = rng.randrange(1, len(clauses) - 2)  # the first (often a run-in heading) and the last stay
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    return _FIGURE.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), "".join(clauses))


def units(text: str, role: str) -> list[tuple[str, str]]:
    """(section, text) of the report's problems, causes or measures found verbatim in its file."""
    doc = parse_text(text)
    return [(u.path, u.text) for u in doc.units(role) if len(u.text) >= 20 and text.count(u.text) == 1]


def copy_problems(copier: str, source: str, rng: random.Random, k: int = 3) -> tuple[str, list[str]] | None:
    """The copier's text with `k` of its problems replaced by the source's, reworded; and the
    sections of the copier now holding copied problems (None when either has too few)."""
    mine, theirs = units(copier, "problems"), units(source, "problems")
    if len(mine) < 6 or len(theirs) < k:
        return None
    slots = rng.sample(mine, k)
    for (_, old), (_, new) in zip(slots, rng.sample(theirs, k), strict=True):
        copier = copier.replace(old, reword(new, rng), 1)
    return copier, [section for section, _ in slots]


def last_year(text: str) -> str:
    """The same report a year earlier: every year one less, every month-day date moved."""
    text = _YEAR.sub(lambda m: str(int(m.group()) - 1), text)
    return re.sub(r"(\d{1,2})月(\d{1,2})日", lambda m: f"{m.group(1)}月{int(m.group(2)) % 28 + 1}日", text)


def skeleton(frame: str, filler: str) -> str | None:
    """The frame report (title, preamble, labels, headings, closing lines) with the text of every
    problem, cause and measure replaced, in turn, by the filler report's (None when either has
    none). Each unit's text is replaced where `similar` reads it: the located pieces of its sketch."""
    from reportlint.similar.sketch import sketch_document
    from reportlint.similar.text import Expected

    mine = sketch_document(parse_text(frame), Expected([])).passages
    theirs = [u.text for r in ROLES for u in parse_text(filler).units(r)]
    if not mine or not theirs:
        return None
    lines = frame.split("\n")
    edits = [(piece, theirs[n % len(theirs)] if i == 0 else "")
             for n, passage in enumerate(mine) for i, piece in enumerate(passage.pieces)
             if not piece.expected]
    for piece, new in sorted(edits, key=lambda e: (e[0].line, e[0].column), reverse=True):
        line = lines[piece.line - 1]
        start = piece.column - 1
        assert line[start:start + len(piece.text)] == piece.text
        lines[piece.line - 1] = line[:start] + new + line[start + len(piece.text):]
    return "\n".join(lines)


@dataclass
class Batch:
    folder: Path
    previous: Path
    pairs: set[tuple[str, str]] = field(default_factory=set)
    copied: set[tuple[str, str]] = field(default_factory=set)  # (file, section) of copied problems
    skeletons: set[tuple[str, str]] = field(default_factory=set)
    repeated: set[tuple[str, str]] = field(default_factory=set)  # (file, section) of repeated problems
    edited: set[str] = field(default_factory=set)


def _name(path: Path) -> str:
    return f"{path.parent.parent.name}-{path.name}" if path.parent.name == "reports" else path.name


def make_batch(where: Path, seed: int) -> Batch:
    rng = random.Random(seed)
    texts = {_name(p): p.read_text(encoding="utf-8") for p in SOURCES}
    names = sorted(texts)
    rng.shuffle(names)
    batch = Batch(where / "reports", where / "previous")
    batch.folder.mkdir(parents=True)
    batch.previous.mkdir()
    out = dict(texts)
    free = list(names)
    while len(batch.skeletons) < 5 and len(free) >= 2:
        frame, filler = free.pop(), free.pop()
        made = skeleton(texts[frame], texts[filler])
        if made is None:
            free[:0] = [frame, filler]
            continue
        del out[filler]
        out[f"skeleton-of-{frame}"] = made
        batch.skeletons.add(tuple(sorted((frame, f"skeleton-of-{frame}"))))
        batch.edited |= {frame, f"skeleton-of-{frame}"}
    for copier in [n for n in free if len(units(texts[n], "problems")) >= 6]:
        sources = [n for n in free if n != copier and len(units(texts[n], "problems")) >= 3]
        if len(batch.pairs) == 10 or copier not in free or not sources:
            continue
        source = sources[0]
        made = copy_problems(texts[copier], texts[source], rng)
        assert made is not None
        free.remove(copier)
        free.remove(source)
        out[copier] = made[0]
        batch.pairs.add(tuple(sorted((copier, source))))
        batch.copied |= {(copier, s) for s in made[1]}
        batch.edited |= {copier, source}
    for name in free[:5]:
        (batch.previous / name).write_text(last_year(out[name]), encoding="utf-8")
        batch.repeated |= {(name, u.path) for u in parse_text(out[name]).units("problems")}
        batch.edited.add(name)
    for name, text in out.items():
        (batch.folder / name).write_text(text, encoding="utf-8")
    return batch


def _pr(found: set, truth: set) -> tuple[int, int, int]:
    return len(found & truth), len(found), len(truth)


def evaluate(batch: Batch, show: bool) -> dict[str, tuple[int, int, int]]:
    from reportlint.similar import similar_paths

    result = similar_paths([str(batch.folder)], previous=[str(batch.previous)], jobs=1)
    name = os.path.basename
    listed = {tuple(sorted((name(p.a), name(p.b)))): p for p in result.pairs}
    copiers = {f for f, _ in batch.copied}
    problems = {(f, u.path) for f in copiers
                for u in parse_text((batch.folder / f).read_text(encoding="utf-8")).units("problems")}
    copied = {(name(p.a), s) for p in result.pairs for s in p.copied_a} | {
        (name(p.b), s) for p in result.pairs for s in p.copied_b}
    repeated = {(name(a.path), r.passage.section) for a in result.previous for r in a.problems}
    unedited = {k: p for k, p in listed.items() if not set(k) & batch.edited}
    if show:
        for p in unedited.values():
            print(f"  unedited pair [{p.severity}] {name(p.a)} ⇄ {name(p.b)}: "
                  + " | ".join(s.text for s in p.passages))
    return {"pairs": _pr(set(listed), batch.pairs),
            "pairs at warning+": _pr({k for k, p in listed.items() if p.severity != "info"}, batch.pairs),
            "copied problems": _pr(copied & problems, batch.copied),
            "repeated problems": _pr(repeated, batch.repeated),
            "skeleton pairs (must be 0)": (0, len(set(listed) & batch.skeletons), len(batch.skeletons)),
            "pairs among unedited": (0, len(unedited), 0)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--show", action="store_true", help="print the pairs flagged among unedited reports")
    args = ap.parse_args()
    total: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="similar-real-") as tmp:
        for seed in range(args.rounds):
            batch = make_batch(Path(tmp) / f"round-{seed}", seed)
            for key, (hit, found, truth) in evaluate(batch, args.show).items():
                t = total.setdefault(key, [0, 0, 0])
                t[0] += hit
                t[1] += found
                t[2] += truth
    print(f"{len(SOURCES)} correct reports, {args.rounds} rounds")
    for key, (hit, found, truth) in total.items():
        if truth and key != "skeleton pairs (must be 0)":
            print(f"{key}: precision {hit / max(found, 1):.1%} ({hit}/{found}), recall {hit / truth:.1%} ({hit}/{truth})")
        else:
            print(f"{key}: {found} (of {truth} made)" if truth else f"{key}: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
