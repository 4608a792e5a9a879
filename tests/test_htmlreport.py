"""`check --format html`: one self-contained page with summary, outlines and findings by part."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_builders import docx_from_text

from reportlint.cli import main
from reportlint.htmlreport import format_html
from reportlint.runner import RunOptions, check_paths

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-report.txt"
CLEAN = Path(__file__).resolve().parents[1] / "examples" / "branch-2025-clean.txt"


@pytest.fixture
def batch(tmp_path: Path) -> list[str]:
    if not SEED.exists():
        pytest.skip("seed report not available")
    seed = SEED.read_text(encoding="utf-8")
    (tmp_path / "seed.docx").write_bytes(docx_from_text(seed))
    (tmp_path / "seed<b>.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    return [str(tmp_path / "seed.docx"), str(tmp_path / "seed<b>.txt"), str(tmp_path / "broken.docx")]


def test_page_has_summary_outline_and_findings_by_part(batch):
    result = check_paths(batch, RunOptions(), jobs=1)
    page = format_html(result)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # self-contained
    assert "seed&lt;b&gt;.txt" in page and "seed<b>.txt" not in page  # escaped
    assert "检查文件" in page and "未通过" in page and "无法读取" in page
    for part in ("一、存在的主要问题", "二、问题的主要原因", "三、整改措施及努力方向", "全文（页面设置"):
        assert f"<h3>{part}" in page, part
    assert "RL302" in page and "pinyin-substitution" in page and "结构" in page
    # every finding appears once
    total = sum(len(f.findings) for f in result.files)
    assert page.count('<tr class="') == total


def _page(result) -> str:
    """The page without its one moving part, the time it was made."""
    return re.sub(r"生成时间 [0-9-]+ [0-9:]+", "生成时间 X", format_html(result))


def test_page_is_made_from_the_results_alone(batch, tmp_path, monkeypatch):
    """The outline comes back with the results, from worker processes too: the page is the same
    with -j 2 as with -j 1, and the same when the files are gone before it is written."""
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
    assert "（结构不可用" not in page and page.count("<div class=outline>") == 2
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


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="no chromium")
def test_chromium_renders_the_page(batch, tmp_path):
    html_file = tmp_path / "report.html"
    html_file.write_text(format_html(check_paths([*batch, str(CLEAN)], RunOptions(), jobs=1)), encoding="utf-8")
    png = tmp_path / "shot.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    proc = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1400,2000",
         html_file.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert png.exists(), proc.stderr[-500:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a rendered page, not a blank one
