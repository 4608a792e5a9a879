"""`check --format html`: the review page a reviewer triages a batch on. A 台账 of every file (verdict,
counts, 主要问题), the files that could not be checked with their reason, filters by severity and rule,
per file its findings (content first, layout one row per kind), outline and problem → cause → measure
table, and the 台账 as CSV for Excel/WPS. Self-contained: it works offline, mailed as it is."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from docx_builders import docx_from_text, gbt_docx, gbt_paragraph
from headless import dom, needs_chromium, screenshot
from markupsafe import escape

from reportlint.cli import main
from reportlint.findings import RunResult, Severity
from reportlint.htmlreport import format_html, main_problems
from reportlint.runner import RunOptions, check_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.exists():  # the checkout may live elsewhere; the seed is shared next to it
    SHARED = Path("/work/shared")
SEED = SHARED / "examples" / "seed-report.txt"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CLEAN = EXAMPLES / "branch-2025-clean.txt"
DEFECTS = EXAMPLES / "leader-2024-defects.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="seed report not available")

# files a clerk's folder holds besides reports, each with the reason the page gives in Chinese
UNREADABLE = {
    "broken.docx": (b"PK\x03\x04" + b"\x00" * 40, "无法读取", "文件已损坏"),
    "empty.txt": (b"", "无法读取", "文件为空"),
    "表格.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "未检查", "不支持的文件格式"),
    "通知.html": ("<html><body>通知</body></html>".encode(), "无法读取", "网页文件"),
}


def _gongwen(lines: list[str], **change: object) -> bytes:
    """A report laid out for 公文 (GB/T 9704; a two-line title), with `change` on every body paragraph."""
    title = [gbt_paragraph(line, title=True) for line in lines[:2]]
    return gbt_docx([*title, *({"text": line, **change} if line else line for line in lines[2:])])


def _batch(folder: Path) -> list[str]:
    """Forty files as a 党委 collects them: text and Word reports, clean and with defects, Word files
    set as 公文 with one layout defect each, Word drafts with none, and four files that are not
    reports it can read."""
    seed = SEED.read_text(encoding="utf-8")
    clean, defects = CLEAN.read_text(encoding="utf-8"), DEFECTS.read_text(encoding="utf-8")
    lines = clean.splitlines()
    files: dict[str, bytes] = {
        "公文-正确.docx": _gongwen(lines),
        "公文-行距.docx": _gongwen(lines, line_pt=20),
        "公文-字体.docx": _gongwen(lines, east_asia="宋体"),
        "公文-字号.docx": _gongwen(lines, size=14),
    }
    for name, (data, _, _) in UNREADABLE.items():
        files[name] = data
    for n in range(1, 12):
        files[f"第{n}支部.txt"] = (clean if n % 3 else clean.replace("二、问题产生的原因", "二、原因")).encode()
        files[f"第{n}支部-初稿.docx"] = docx_from_text(defects if n % 2 else seed)
        files[f"班子成员{n}.txt"] = (defects if n % 4 else defects.replace("XX", "张三")).encode()
    paths = []
    for name, data in list(files.items())[:40]:
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    return paths


@pytest.fixture(scope="module")
def forty(tmp_path_factory) -> tuple[RunResult, str]:
    if not SEED.exists():
        pytest.skip("seed report not available")
    paths = _batch(tmp_path_factory.mktemp("batch"))
    result = check_paths(paths, RunOptions(), jobs=2)
    assert len(result.files) == 40
    return result, format_html(result)


def _ledger(page: str) -> str:
    return page[page.index('<table class="ledger"'):page.index("</table>", page.index('<table class="ledger"'))]


def _section(page: str, n: int) -> str:
    start = page.index(f'id="f{n}"')
    return page[start:page.find("</section>", start)]


def _name(result: RunResult, n: int) -> str:
    return Path(result.files[n - 1].path).name


def test_ledger_has_every_file_with_verdict_counts_and_main_problems(forty):
    result, page = forty
    ledger = _ledger(page)
    rows = re.findall(r"<tr data-file=\"(\d+)\".*?</tr>", ledger, re.S)
    assert rows == [str(n) for n in range(1, 41)]
    for n, f in enumerate(result.files, 1):
        row = re.search(rf'<tr data-file="{n}".*?</tr>', ledger, re.S).group()
        assert _name(result, n) in row
        for problem in main_problems(f):
            assert str(escape(problem)) in row, (n, problem)
    # a report with planted defects names its worst ones first, content before layout
    defects = next(f for f in result.files if f.path.endswith("班子成员1.txt"))
    assert main_problems(defects)[0] == "模板占位符未替换 5 处"
    assert all(not x.startswith(("标题字体", "行距")) for x in main_problems(defects))
    assert '<span class="status good">通过</span>' in ledger and '<span class="status bad">未通过</span>' in ledger


def test_unreadable_files_are_listed_with_their_reason_in_chinese(forty):
    _, page = forty
    box = page[page.index('id="unchecked"'):]
    box = box[:box.index("</section>")]
    assert "未能检查的文件（4 个）" in box
    for name, (_, verdict, reason) in UNREADABLE.items():
        row = re.search(rf"<tr data-file=\"\d+\"><td>[^<]*{re.escape(name)}</td>.*?</tr>", box).group()
        assert verdict in row and reason in row, row
        assert "Traceback" not in row and "Error" not in row
    assert page.count('class="box file"') == 36  # a section for every file that was checked


def test_layout_findings_are_one_row_per_kind_after_the_content(forty):
    result, page = forty
    by_name = {Path(f.path).name: (n, f) for n, f in enumerate(result.files, 1)}
    for name, kinds in (("公文-行距.docx", {"RL404"}), ("公文-字体.docx", {"RL402", "RL403"}),
                        ("公文-字号.docx", {"RL402", "RL403"})):
        n, f = by_name[name]
        rows = re.findall(r'data-code="(RL\d+)"', _section(page, n))
        layout = [code for code in rows if code.startswith("RL4")]
        assert sorted(layout) == sorted(kinds), (name, rows)  # one row per kind, not one per paragraph
        assert rows[-len(layout):] == layout  # after the content findings
        body = next(x.message for x in f.findings if x.code in ("RL403", "RL404"))
        assert re.search(r"第 [0-9、]+…段，共 \d+ 段", body), body  # where, in one line
    assert not [x for x in by_name["公文-正确.docx"][1].findings if x.layout]
    for name in ("第1支部-初稿.docx", "第2支部-初稿.docx"):  # Word drafts are not held to 公文 layout
        assert not [x for x in by_name[name][1].findings if x.layout]


def test_each_file_has_its_map_table_one_click_away(forty):
    result, page = forty
    ledger = _ledger(page)
    with_map = [n for n, f in enumerate(result.files, 1) if f.outline and f.outline.map]
    assert len(with_map) == 36
    for n in with_map:
        assert f'<a href="#map-{n}">对应表</a>' in ledger
        box = page[page.index(f'id="map-{n}"'):]
        box = box[:box.index("</table>")]
        assert "<th>问题</th><th>原因</th><th>措施</th>" in box
    n = next(n for n, f in enumerate(result.files, 1) if f.path.endswith("班子成员1.txt"))
    box = page[page.index(f'id="map-{n}"'):page.index("</section>", page.index(f'id="map-{n}"'))]
    assert "无原因" in box and "无措施" in box  # the 保密 problem planted without either


def test_csv_export_of_the_ledger_opens_in_excel(forty):
    result, page = forty
    href = re.search(r'<a class="button" id="csv" href="([^"]+)" download="([^"]+)"', page)
    assert href.group(2).endswith(".csv")
    prefix = "data:text/csv;charset=utf-8,"
    assert href.group(1).startswith(prefix)
    text = unquote(href.group(1)[len(prefix):])
    assert text.startswith("\ufeff")  # the byte order mark Excel and WPS need to read UTF-8
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["序号", "文件", "结论", "错误", "警告", "提示", "主要问题", "检查标准"]
    assert len(rows) == 41
    for row, f in zip(rows[1:], result.files, strict=True):
        assert row[1] == f.path
        assert row[3:6] == [str(sum(1 for x in f.findings if x.severity is s))
                            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
        assert row[6] == "；".join(main_problems(f))
    assert {row[2] for row in rows[1:]} == {"通过", "通过（有提醒）", "未通过", "无法读取", "未检查"}


def test_a_file_name_a_spreadsheet_would_run_is_kept_as_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("=HYPERLINK(1).txt").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    page = format_html(check_paths(["=HYPERLINK(1).txt"], RunOptions(), jobs=1))
    text = unquote(re.search(r'href="data:text/csv;charset=utf-8,([^"]+)"', page).group(1))
    assert list(csv.reader(io.StringIO(text[1:])))[1][1] == "'=HYPERLINK(1).txt"


# -- a small batch: escaping, the page from the results alone ---------------------------------------


@pytest.fixture
def batch(tmp_path: Path) -> list[str]:
    if not SEED.exists():
        pytest.skip("seed report not available")
    seed = SEED.read_text(encoding="utf-8")
    (tmp_path / "seed.docx").write_bytes(docx_from_text(seed))
    (tmp_path / "seed<b>.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    return [str(tmp_path / "seed.docx"), str(tmp_path / "seed<b>.txt"), str(tmp_path / "broken.docx")]


def test_page_is_self_contained_escaped_and_shows_each_finding_once(batch):
    result = check_paths(batch, RunOptions(), jobs=1)
    page = format_html(result)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r'(src|href)="(https?:)?//', page) and "<script src" not in page  # works offline
    assert "seed&lt;b&gt;.txt" in page and "seed<b>.txt" not in page  # escaped
    for words in ("检查文件", "未通过", "无法读取", "文件已损坏", "台账", "主要问题", "结构", "导出台账（CSV）"):
        assert words in page, words
    for part in ("一、存在的主要问题", "二、问题的主要原因", "三、整改措施及努力方向"):
        assert part in page, part
    assert "RL302" in page and "拼音代替汉字" in page and "检查标准 2021年度组织生活会" in page  # auto: the title says which
    total = sum(len(f.findings) for f in result.files)
    assert page.count('<tr class="finding') == total


def _page(result) -> str:
    """The page without its one moving part, the time it was made."""
    return re.sub(r"生成时间 [0-9-]+ [0-9:]+", "生成时间 X", format_html(result))


def test_page_is_made_from_the_results_alone(batch, tmp_path, monkeypatch):
    """The outline and the map come back with the results, from worker processes too: the page is
    the same with -j 2 as with -j 1, and the same when the files are gone before it is written."""
    serial = check_paths(batch, RunOptions(), jobs=1)
    parallel = check_paths(batch, RunOptions(), jobs=2)
    for path in batch:
        Path(path).unlink()

    def no_reading(*args, **kwargs):
        raise AssertionError("a file was read again")

    import reportlint.readers

    monkeypatch.setattr(reportlint.readers, "read", no_reading)
    monkeypatch.setattr(reportlint.readers, "read_bytes", no_reading)
    page = _page(serial)
    assert "（结构不可用）" not in page and page.count('<div class="outline">') == 2
    assert page.count('<table class="map">') == 2
    assert _page(parallel) == page


def test_cached_results_give_the_same_page(batch, tmp_path):
    options = RunOptions(cache_dir=str(tmp_path / "cache"))
    fresh = check_paths(batch, options, jobs=1)
    cached = check_paths(batch, options, jobs=1)
    assert len(list((tmp_path / "cache").glob("??/*.json"))) == 2  # the two readable files
    assert cached.files == fresh.files
    for path in batch:
        Path(path).unlink()
    assert _page(cached) == _page(fresh)


def test_cli_writes_the_html_file(batch, tmp_path):
    out = tmp_path / "report.html"
    r = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), *batch[:2]])
    assert r.exit_code == 1, r.output
    assert "reportlint 检查报告" in out.read_text(encoding="utf-8")


# -- in a browser ------------------------------------------------------------------------------------


def _visible_ledger(document: str) -> list[tuple[int, int]]:
    """(file number, errors) of the 台账 rows a reviewer sees, top to bottom."""
    rows = re.findall(r'<tr data-file="(\d+)"[^>]*data-errors="(\d+)"[^>]*>', _ledger(document))
    hidden = set(re.findall(r'<tr data-file="(\d+)"[^>]*hidden', _ledger(document)))
    return [(int(n), int(e)) for n, e in rows if n not in hidden]


@needs_chromium
def test_review_page_of_forty_files_in_chromium(forty, tmp_path, screenshots):
    """The page's script sorts and filters in a real browser; the screenshots are kept (their folder
    is named at the end of the test run)."""
    result, page = forty
    html = tmp_path / "review.html"
    html.write_text(page, encoding="utf-8")
    assert len(screenshot(html, screenshots / "review-40-files.png")) > 100_000

    opened = dom(html)
    assert 'data-ready="1"' in opened, "the page's script did not run (a JS error?)"
    assert [n for n, _ in _visible_ledger(opened)] == list(range(1, 41))

    # errors only, one rule, sorted by errors: the files with that rule, most errors first
    view = "sev=error&rule=RL301&layout=0&sort=errors"
    triaged = dom(html, view)
    with_rule = {n for n, f in enumerate(result.files, 1)
                 if any(x.code == "RL301" and x.severity is Severity.ERROR for x in f.findings)}
    shown = _visible_ledger(triaged)
    assert {n for n, _ in shown} == with_rule and 0 < len(with_rule) < 40
    assert [e for _, e in shown] == sorted((e for _, e in shown), reverse=True)
    assert 'data-sorted="ledger:errors:desc"' in triaged
    total = sum(1 for f in result.files for x in f.findings if x.code == "RL301")
    assert f'data-shown-findings="{total}"' in triaged
    screenshot(html, screenshots / "review-40-RL301-errors.png", view)

    # layout only in one file's rows: one per kind
    layout = dom(html, "rule=RL403")
    assert f'data-shown-files="{sum(1 for f in result.files if any(x.code == "RL403" for x in f.findings))}"' \
        in layout
    screenshot(html, screenshots / "review-40-RL403.png", "rule=RL403")


@needs_chromium
def test_map_table_opens_from_the_ledger_in_chromium(tmp_path, screenshots):
    html = tmp_path / "one.html"
    html.write_text(format_html(check_paths([str(DEFECTS)], RunOptions(), jobs=1)), encoding="utf-8")
    assert 'data-ready="1"' in dom(html, "map-1")
    screenshot(html, screenshots / "review-map-table.png", "map-1", size=(1400, 3600))


def test_markup_in_a_report_is_shown_not_run(tmp_path):
    """Report text reaches the pages only escaped: a heading or an item that looks like markup is
    text on the review page and the map page, in attributes and in the map page's link data too."""
    text = CLEAN.read_text(encoding="utf-8")
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    text = text.replace("一是学习组织不够系统。", f"一是学习组织不够系统{hostile}。", 1)
    text = text.replace("（一）在理论学习方面", f"（一）在理论学习方面{hostile}", 1)
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    review = format_html(check_paths([str(report)], RunOptions(), jobs=1))
    mapped = CliRunner().invoke(main, ["map", "--format", "html", str(report)]).output
    for page in (review, mapped):
        assert "&lt;script&gt;alert(1)" in page
        assert "<script>alert" not in page and "<img" not in page and 'onerror="' not in page
