"""`reportlint similar` (SPEC §3, issue 18) on batches made from the project's correct reports with
the copying a reviewer meets: a member taking 3 of a colleague's problems with light rewording, a
cluster of five, last year's report handed in again with its dates changed, reports sharing only
the template, headings and stock phrases (which must not pair), and unreadable files in the batch.
The edits are those of bench/similar_real.py, which measures precision and recall on many rounds."""

from __future__ import annotations

import json
import os
import random
import re
import sys
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportlint.cli import main
from reportlint.similar import similar_paths
from reportlint.similar.text import fold_plain

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from headless import dom, needs_chromium, screenshot  # noqa: E402
from similar_real import copy_problems, last_year, skeleton  # noqa: E402

EVAL = ROOT / "tests" / "eval"
TAX = EVAL / "fresh" / "reports" / "01-branch-2021-tax-service-four-contrasts.txt"  # 8 problems
TEACHER = EVAL / "heldout" / "reports" / "03-member-2023-teacher-four-inspections.txt"
OTHERS = [EVAL / "fresh2" / "reports" / "02-branch-2020-food-safety-four-aspects.txt",
          EVAL / "fresh3" / "reports" / "06-member-2024-yinhang-sections.txt",
          EVAL / "heldout" / "reports" / "02-branch-2024-chemical-park-disciplines.txt"]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _batch(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _names(pair) -> tuple[str, str]:
    return Path(pair.a).name, Path(pair.b).name


@pytest.fixture
def copied(tmp_path):
    """A batch where tax.txt took 3 of teacher.txt's problems, reworded; and the 3 sections."""
    text, sections = copy_problems(_read(TAX), _read(TEACHER), random.Random(1))
    folder = _batch(tmp_path / "reports", {"tax.txt": text, "teacher.txt": _read(TEACHER),
                                           **{p.name: _read(p) for p in OTHERS}})
    return folder, sections


def test_a_member_taking_three_problems_from_a_colleague_is_one_pair_naming_the_three(copied):
    folder, sections = copied
    result = similar_paths([str(folder)])
    assert [_names(p) for p in result.pairs] == [("teacher.txt", "tax.txt")] or \
        [_names(p) for p in result.pairs] == [("tax.txt", "teacher.txt")]
    pair = result.pairs[0]
    copier = pair.copied_a if Path(pair.a).name == "tax.txt" else pair.copied_b
    assert sorted(copier) == sorted(sections)
    assert pair.severity == "warning"  # 3 of 8 problems: a small share of the whole, but whole problems
    assert result.clusters == []


def test_shared_passages_are_located_in_both_files(copied):
    folder, _ = copied
    pair = similar_paths([str(folder)]).pairs[0]
    lines = {side: _read(Path(path)).split("\n") for side, path in (("a", pair.a), ("b", pair.b))}
    assert pair.passages
    for passage in pair.passages:
        for side in ("a", "b"):
            loc = getattr(passage, side)
            if loc["line"] != loc["end_line"]:
                continue
            span = fold_plain(lines[side][loc["line"] - 1][loc["column"] - 1:loc["end_column"]])
            folded = fold_plain(passage.text)
            # the run starts and ends with the same characters in both files (edits are inside)
            assert span[:5] == folded[:5] and span[-5:] == folded[-5:], (side, loc, passage.text)
            assert loc["section"].count("/") >= 1


def test_a_cluster_of_five_copying_one_report(tmp_path):
    source = _read(TAX)
    copiers = sorted(EVAL.glob("layouts/reports/*.txt"))
    texts = {"source.txt": source}
    rng = random.Random(5)
    for path in copiers:
        made = copy_problems(_read(path), source, rng)
        if made is not None and len(texts) < 5:
            texts[f"copy-{path.name}"] = made[0]
    texts.update({p.name: _read(p) for p in OTHERS})
    result = similar_paths([str(_batch(tmp_path / "reports", texts))])
    five = sorted(name for name in texts if name == "source.txt" or name.startswith("copy-"))
    assert len(five) == 5
    assert [sorted(Path(p).name for p in group) for group in result.clusters] == [five]
    assert {n for p in result.pairs for n in _names(p)} <= set(five)


def test_reports_sharing_only_headings_and_boilerplate_do_not_pair(tmp_path):
    frames = [TAX, *OTHERS]
    fillers = [TEACHER, *sorted(EVAL.glob("fresh3/reports/*.txt"))[:3]]
    texts = {}
    for frame, filler in zip(frames, fillers, strict=True):
        texts[frame.name] = _read(frame)
        texts[f"skeleton-{frame.name}"] = skeleton(_read(frame), _read(filler))
    result = similar_paths([str(_batch(tmp_path / "reports", texts))])
    assert result.pairs == []


def test_the_units_template_is_not_copying(tmp_path):
    """Two unrelated reports whose first two problems are the unit's template sentences pair
    without --template, and not with it."""
    template = ["对照上级党组织关于本次组织生活会的通知要求，结合本人岗位职责和思想工作实际，逐项查摆了存在的差距和不足",
                "以上问题已列入本人整改清单，明确整改时限和具体措施，接受支部和党员群众的监督，确保按期整改到位"]
    texts = {}
    for path in (TAX, OTHERS[0]):
        text = _read(path)
        for old, new in zip([u.text for u in _problems(text)][:2], template, strict=True):
            text = text.replace(old, new, 1)
        texts[path.name] = text
    folder = _batch(tmp_path / "reports", texts)
    (tmp_path / "template.txt").write_text("\n".join(["XX对照检查材料", *template]) + "\n", encoding="utf-8")
    assert [p.severity for p in similar_paths([str(folder)]).pairs] == ["warning"]
    assert similar_paths([str(folder)], template=str(tmp_path / "template.txt")).pairs == []


def _problems(text: str):
    from reportlint import parse_text

    return list(parse_text(text).units("problems"))


def test_last_years_report_resubmitted_with_dates_changed_repeats_every_problem(tmp_path):
    """Matched by the title block (the file names differ), each problem reported where it is in
    both years."""
    folder = _batch(tmp_path / "2025", {"tax.txt": _read(TAX), "teacher.txt": _read(TEACHER)})
    before = _batch(tmp_path / "2024", {"a.txt": last_year(_read(TAX)), "b.txt": _read(OTHERS[0])})
    result = similar_paths([str(folder)], previous=[str(before)])
    assert [(Path(a.path).name, Path(a.previous).name) for a in result.previous] == [("tax.txt", "a.txt")]
    against = result.previous[0]
    problems = _problems(_read(TAX))
    assert [r.passage.section for r in against.problems] == [u.path for u in problems]
    assert [r.previous.section for r in against.problems] == [u.path for u in problems]
    assert against.share >= 0.9 and against.severity == "error"
    first = against.problems[0].to_dict()
    assert (first["line"], first["previous_line"]) == (problems[0].line, problems[0].line)
    assert any("teacher.txt" in note for note in result.notes)  # no earlier report found for it


def test_pairs_given_by_hand_match_reports_whose_titles_differ(tmp_path):
    folder = _batch(tmp_path / "2025", {"tax.txt": _read(TAX)})
    earlier = last_year(_read(TAX)).replace("党支部", "党总支", 1)  # the unit was renamed
    before = _batch(tmp_path / "2024", {"old.txt": earlier})
    pair = (str(folder / "tax.txt"), str(before / "old.txt"))
    result = similar_paths([str(folder)], pairs=[pair])
    assert [Path(a.previous).name for a in result.previous] == ["old.txt"]
    assert len(result.previous[0].problems) == len(_problems(_read(TAX)))


def test_check_similar_takes_pairs_given_by_hand(tmp_path):
    """The same pairing on the review page of `check`: last year's report of a renamed unit, paired
    by hand, shows every problem as repeated; --pair without --similar is a misuse."""
    folder = _batch(tmp_path / "2025", {"tax.txt": _read(TAX)})
    before = _batch(tmp_path / "2024", {"old.txt": last_year(_read(TAX)).replace("党支部", "党总支", 1)})
    pair = [str(folder / "tax.txt"), str(before / "old.txt")]
    page = tmp_path / "review.html"
    r = CliRunner().invoke(main, ["check", "--no-cache", "--similar", "--pair", *pair, "--format", "html",
                                  "-o", str(page), str(folder)])
    assert r.exit_code in (0, 1), r.output
    html = page.read_text(encoding="utf-8")
    assert "与上年重复的问题" in html and "old.txt" in html
    repeated = similar_paths([str(folder)], pairs=[tuple(pair)]).previous[0].problems
    assert len(repeated) == len(_problems(_read(TAX)))
    misuse = CliRunner().invoke(main, ["check", "--pair", *pair, str(folder)])
    assert misuse.exit_code == 2 and "go with --similar" in misuse.output


def test_a_different_report_from_the_same_author_repeats_nothing(tmp_path):
    folder = _batch(tmp_path / "2025", {"tax.txt": _read(TAX)})
    before = _batch(tmp_path / "2024", {"tax.txt": _read(OTHERS[1])})  # matched by file name
    result = similar_paths([str(folder)], previous=[str(before)])
    assert [(a.problems, a.measures, a.severity) for a in result.previous] == [([], [], "info")]


def test_the_projects_correct_reports_raise_nothing_above_info():
    """Written by different hands: they share headings, formulations and stock phrases, and a few
    stock sentences of a theory-study plan (每季度…开展1次专题研讨, 30–40 characters), which are
    listed as info and never as copying."""
    paths = [str(p) for p in sorted([*(ROOT / "examples").glob("*.txt"), *EVAL.glob("*/reports/*.txt")])]
    result = similar_paths(paths)
    assert {p.severity for p in result.pairs} <= {"info"}
    assert all(len(s.text) <= 40 for p in result.pairs for s in p.passages)
    assert result.clusters == []


def test_the_docx_example_is_the_text_example():
    result = similar_paths([str(ROOT / "examples" / "member-2023-speech.txt"),
                            str(ROOT / "examples" / "member-2023-speech.docx")])
    assert [(p.severity, round(p.share_a, 1), round(p.share_b, 1)) for p in result.pairs] == [("error", 1.0, 1.0)]


# -- the command line ----------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, ["similar", *args])


def test_json_has_the_shape_of_spec_section_3(copied, tmp_path):
    folder, _ = copied
    before = _batch(tmp_path / "2024", {"tax.txt": last_year(_read(TAX))})
    r = run("--format", "json", "--previous", str(before), str(folder))
    assert r.exit_code == 1, r.output  # the resubmission is an error
    d = json.loads(r.stdout)
    assert d["version"] == 1 and {f["error"] for f in d["files"]} == {None}
    pair = d["pairs"][0]
    assert {"a", "b", "share_a", "share_b", "severity", "passages"} <= set(pair)
    for passage in pair["passages"]:
        assert set(passage) >= {"text", "a", "b"}
        for side in ("a", "b"):
            assert set(passage[side]) >= {"line", "column", "end_line", "end_column", "section"}
    assert d["clusters"] == []
    prev = d["previous"][0]
    assert {"path", "previous", "share", "problems"} <= set(prev)
    assert set(prev["problems"][0]) >= {"section", "line", "column", "previous_line", "previous_section", "text"}


def test_an_unreadable_file_is_listed_with_its_kind_and_the_rest_compared(copied):
    folder, _ = copied
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    r = run("--format", "json", str(folder))
    assert r.exit_code == 2
    d = json.loads(r.stdout)
    kinds = {Path(f["path"]).name: (f["error"] or {}).get("kind") for f in d["files"]}
    assert kinds["empty.txt"] == "empty" and kinds["broken.docx"] == "damaged"
    assert len(d["pairs"]) == 1
    text = run(str(folder))
    assert "empty.txt" in text.output and "[damaged]" in text.output and "Traceback" not in text.output


def test_one_report_or_an_empty_previous_folder_is_a_message_not_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    r = run(str(TAX))
    assert r.exit_code == 0 and "无法在报告之间比对" in r.output
    r = run("--previous", str(tmp_path / "empty"), str(TAX))
    assert r.exit_code == 0 and "上一年度" in r.output and "Traceback" not in r.output


def test_workers_do_not_change_the_result(copied):
    folder, _ = copied
    one, two = run("--format", "json", "-j", "1", str(folder)), run("--format", "json", "-j", "2", str(folder))
    assert one.stdout == two.stdout and json.loads(one.stdout)["pairs"]


def test_the_html_page_shows_the_pairs_and_their_passages(copied):
    folder, _ = copied
    r = run("--format", "html", str(folder))
    assert r.exit_code == 0
    assert r.stdout.count("<section class=\"pair warning\"") == 1 and "tax.txt" in r.stdout
    assert "<script" not in r.stdout


# -- check --similar: the same pairs on the review page ---------------------------------------------

CLUSTER_SOURCE = EVAL / "fresh" / "reports" / "04-leader-2023-road-maintenance-six-aspects.txt"  # 12 problems
RESUBMITTED = OTHERS[1]  # 06-member-2024-yinhang-sections, handed in again a year later
_ROW = re.compile(r"<tr><td class=loc>(.*?)</td><td class=text>(.*?)</td><td class=loc>(.*?)</td></tr>")
_WHERE = re.compile(r"第 (\d+) (行|段) 第 (\d+)–(\d+) 字 · (\S+)")


@pytest.fixture(scope="module")
def season(tmp_path_factory):
    """A branch's season as a reviewer gets it: a member's DOCX taking 3 of a colleague's problems,
    a cluster of five (one report and four copying from it), a report handed in again from last
    year, a skeleton twin (another report's frame, headings and boilerplate, text of its own), and
    reports by other hands; last year's folder beside it. The page and what `similar` says of the
    same files."""
    from docx_builders import docx_from_text

    where = tmp_path_factory.mktemp("season")
    rng = random.Random(5)
    copier, sections = copy_problems(_read(TAX), _read(TEACHER), random.Random(1))
    texts = {"teacher.txt": _read(TEACHER), CLUSTER_SOURCE.name: _read(CLUSTER_SOURCE),
             RESUBMITTED.name: _read(RESUBMITTED), OTHERS[0].name: _read(OTHERS[0])}
    for path in sorted(EVAL.glob("layouts/reports/*.txt")):
        made = copy_problems(_read(path), _read(CLUSTER_SOURCE), rng)
        if made is not None and sum(n.startswith("copy-") for n in texts) < 4:
            texts[f"copy-{path.name}"] = made[0]
    texts["skeleton.txt"] = skeleton(_read(TEACHER), _read(sorted(EVAL.glob("fresh3/reports/*.txt"))[0]))
    folder = _batch(where / "2025", texts)
    (folder / "tax.docx").write_bytes(docx_from_text(copier))
    before = _batch(where / "2024", {"yinhang-2023.txt": last_year(_read(RESUBMITTED))})
    page = where / "review.html"
    r = CliRunner().invoke(main, ["check", "--no-cache", "--similar", "--previous", str(before),
                                  "--format", "html", "-o", str(page), str(folder)])
    plain = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(folder)])
    assert r.exit_code == plain.exit_code, r.output  # the pairs do not change the exit code
    return folder, before, sections, page.read_text(encoding="utf-8"), similar_paths([str(folder)], previous=[str(before)])


def _similar_box(page: str) -> str:
    start = page.index('<section class="box similar" id="similar">')
    return page[start:page.index("\n</section>", start)]


def _pairs_on(box: str) -> list[tuple[str, str, str]]:
    """(severity class, file a, file b) of each pair the page shows, in its order."""
    return [(sev, Path(unescape(a)).name, Path(unescape(b)).name) for sev, a, b in
            re.findall(r'<section class="pair (\w+)" id=pair-\d+><h4>.*?<code>(.*?)</code> ⇄ <code>(.*?)</code></h4>', box)]


def _text_at(path: Path, kind: str, line: int, start: int, end: int) -> str:
    if kind == "段":
        import docx

        return docx.Document(str(path)).paragraphs[line - 1].text[start - 1:end]
    return _read(path).split("\n")[line - 1][start - 1:end]


def test_the_review_page_shows_the_pairs_similar_finds(season):
    folder, _, _, page, result = season
    box = _similar_box(page)
    assert _pairs_on(box) == [(p.severity, Path(p.a).name, Path(p.b).name) for p in result.pairs]
    names = {frozenset((a, b)) for _, a, b in _pairs_on(box)}
    assert frozenset(("tax.docx", "teacher.txt")) in names
    five = sorted(n for n in os.listdir(folder) if n.startswith("copy-") or n == CLUSTER_SOURCE.name)
    assert len(five) == 5 and [sorted(Path(p).name for p in g) for g in result.clusters] == [five]
    assert all(n.startswith("copy-") or n == CLUSTER_SOURCE.name for pair in names - {frozenset(("tax.docx", "teacher.txt"))}
               for n in pair)
    assert not any("skeleton.txt" in pair for pair in names)  # headings and boilerplate only
    assert "相互雷同的群组" in box and all(unescape(n) in box for n in five)
    assert '<div class="num"><a href="#similar">' in page  # the card


def test_each_shared_passage_is_located_in_both_files_with_its_section(season):
    folder, _, sections, page, _ = season
    box = _similar_box(page)
    pair = box[box.index("<code>", box.index("tax.docx") - 200):]
    pair = pair[:pair.index("</section>")]
    rows = _ROW.findall(pair)
    assert rows
    docx_side = 0 if pair.index("tax.docx") < pair.index("teacher.txt") else 2
    copied = set()
    for row in rows:
        text = unescape(row[1])
        for side, cell in ((0, row[0]), (2, row[2])):
            line, kind, start, end, section = _WHERE.fullmatch(unescape(cell)).groups()
            name = "tax.docx" if side == docx_side else "teacher.txt"
            assert kind == ("段" if name == "tax.docx" else "行")
            found = fold_plain(_text_at(folder / name, kind, int(line), int(start), int(end)))
            # the passage starts and ends with the same characters in both files (edits are inside)
            assert found[:5] == fold_plain(text)[:5] and found[-5:] == fold_plain(text)[-5:], (name, cell, text)
            if name == "tax.docx":
                copied.add(section)
    assert copied == set(sections)  # the three problems taken, each where it is in the DOCX


def test_last_years_repeats_and_the_flags_of_the_ledger(season):
    _, _, _, page, result = season
    box = _similar_box(page)
    assert "与上一年度比对" in box and "yinhang-2023.txt" in box
    repeats = [r for a in result.previous for r in a.problems]
    assert repeats and box.count("问题重复") == len(repeats)
    flagged = set(re.findall(r'<a href="#f\d+">([^<]*)</a>\n<a class="flag" href="#similar"', page))
    named = {p.a for p in result.pairs} | {p.b for p in result.pairs} | {a.path for a in result.previous}
    assert {Path(unescape(f)).name for f in flagged} == {Path(p).name for p in named}
    assert "skeleton.txt" not in {Path(unescape(f)).name for f in flagged}


def test_check_similar_in_text_and_its_misuses(copied, tmp_path):
    folder, _ = copied
    text = CliRunner().invoke(main, ["check", "--no-cache", "--similar", str(folder)])
    alone = CliRunner().invoke(main, ["check", "--no-cache", str(folder)])
    assert text.exit_code == alone.exit_code
    assert text.output.startswith(alone.output.rstrip("\n"))
    assert "⇄" in text.output and "比对 5 份报告：1 对报告有相同段落" in text.output
    for args, said in ((["--similar", "--format", "json"], "reportlint similar --format json"),
                       (["--similar", "--statistics"], "--similar works with"),
                       (["--previous", str(folder)], "go with --similar"),
                       (["--similar", "--template", str(tmp_path / "missing.txt")], "missing.txt")):
        r = CliRunner().invoke(main, ["check", *args, str(folder)])
        assert r.exit_code == 2 and said in r.output and "Traceback" not in r.output, (args, r.output)
    json_alone = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(folder)])
    assert set(json.loads(json_alone.stdout)) == {"version", "files", "summary"}


@needs_chromium
def test_review_page_with_pairs_in_chromium(season, tmp_path, screenshots):
    """The page with the similar section runs its script and filters as before; the screenshot
    (the 台账 with its 雷同 flags, the cards and the first pairs) is kept."""
    page = season[3]
    html = tmp_path / "review.html"
    html.write_text(page, encoding="utf-8")
    opened = dom(html)
    assert 'data-ready="1"' in opened and 'id="similar"' in opened
    assert screenshot(html, screenshots / "review-similar.png", size=(1400, 2600))
    filtered = dom(html, "sev=error")  # filtering findings leaves the pairs shown
    assert 'data-ready="1"' in filtered
    box = filtered[filtered.index('id="similar"') - 40:filtered.index('id="similar"')]
    assert "hidden" not in box


# -- the folding and comparison helpers against plain character-by-character versions -----------------

_PIECES = [*"党支部问题整改學習０１２３4506789 ，。、“”《》_-\nABCａｂ", "00", "2024年", "１０"]


def _plain_fold(text: str) -> tuple[str, list[int]]:
    """Folding one character at a time: what the regular expressions of text.py must give."""
    from reportlint.similar.text import _fold_table

    raw = text.translate(_fold_table())
    keep = [i for i, ch in enumerate(raw) if ch.isalnum() and not (ch == "0" and i and raw[i - 1] == "0")]
    return "".join(raw[i] for i in keep), keep


def test_folding_locating_and_masking_are_folding_one_character_at_a_time() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    from reportlint.similar.text import MASK_A, fold_masked, merged, raw_index

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join),
                      st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)), max_size=4))
    def check(text: str, cuts: list[tuple[int, int]]) -> None:
        folded, keep = _plain_fold(text)
        assert fold_plain(text) == folded
        index = raw_index(text)
        assert [index(p) for p in range(len(folded))] == keep
        spans = merged((min(s, len(text)), min(s + n, len(text))) for s, n in cuts)
        hidden = [any(s <= i < e for s, e in spans) for i in range(len(text))]
        assert fold_masked(text, spans) == "".join(MASK_A if hidden[i] else folded[n] for n, i in enumerate(keep))

    check()


def test_common_length_is_counting_equal_characters() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    from reportlint.similar.text import common_length

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text("ab", max_size=70), st.text("ab", max_size=70), st.integers(0, 70), st.integers(0, 70))
    def check(a: str, b: str, i: int, j: int) -> None:
        i, j = min(i, len(a)), min(j, len(b))
        n = 0
        while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
            n += 1
        assert common_length(a, i, b, j) == n

    check()
