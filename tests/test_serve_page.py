"""The page of `reportlint serve` in a real browser (headless Chromium), used as a clerk would on a
1366×768 office screen: choose a report, read the findings beside its outline and its problem →
cause → measure table, choose another profile, download the annotated DOCX, print. Screenshots are
kept in pytest's temporary folder (named at the end of the run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from cdp import Browser
from docx_builders import docx_from_text
from headless import needs_chromium
from test_serve import DEFECTS, Server

from reportlint.docx_comments import read_comments

pytestmark = needs_chromium
SCREENSHOTS: list[Path] = []


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("page-server"), "--workers", "2")
    yield s
    s.stop()


@pytest.fixture
def browser(tmp_path):
    (tmp_path / "downloads").mkdir()
    b = Browser(tmp_path / "profile", tmp_path / "downloads")
    yield b
    b.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    files = {"defects.docx": docx_from_text(DEFECTS.read_text(encoding="utf-8")),
             "defects.txt": DEFECTS.read_bytes(), "empty.docx": b""}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def keep(browser: Browser, path: Path, full_page: bool = False) -> bytes:
    data = browser.screenshot(path, full_page)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    SCREENSHOTS.append(path)
    return data


def check(browser: Browser, server: Server, path: Path) -> None:
    browser.open(server.url + "/")
    browser.wait_for("document.body.dataset.ready === '1'")
    browser.choose_file("#file", path)
    browser.wait_for("['done', 'error'].includes(document.body.dataset.state)")


def test_a_report_checked_on_the_page_shows_what_the_api_says(server, browser, reports, tmp_path):
    check(browser, server, reports["defects.docx"])
    keep(browser, tmp_path / "serve-page-1366x768.png")
    keep(browser, tmp_path / "serve-page-whole.png", full_page=True)
    api = server.check(reports["defects.docx"].read_bytes(), "defects.docx").json()
    findings = api["files"][0]["findings"]
    shown = browser.js("Array.from(document.querySelectorAll('#result tr.finding'), r => r.dataset.code)")
    assert sorted(shown) == sorted(f["code"] for f in findings)
    assert browser.js("document.querySelector('#result .status').textContent") == "未通过"
    roles = browser.js("Array.from(document.querySelectorAll('#result .outline .role'), e => e.textContent)")
    assert {"问题", "原因", "措施"} <= set(roles)
    assert browser.js("document.querySelectorAll('#result table.map tbody tr').length") > 0
    assert browser.js("getComputedStyle(document.querySelector('#result table.map')).display") != "none"


def test_the_page_fits_a_1366x768_screen_and_loads_nothing_from_elsewhere(server, browser, reports):
    check(browser, server, reports["defects.docx"])
    assert browser.js("document.documentElement.scrollWidth") <= 1366
    for selector in ("#drop", "#profile", "#check"):
        assert browser.js(f"document.querySelector('{selector}').getBoundingClientRect().bottom") <= 768, selector
    origins = browser.js("performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    assert set(origins) <= {server.url}
    html = browser.js("document.documentElement.outerHTML")
    assert "http://" not in html.replace(server.url, "") and "https://" not in html


def test_the_annotated_docx_downloads_with_a_comment_per_finding(server, browser, reports, tmp_path):
    check(browser, server, reports["defects.docx"])
    saved = browser.download("#download", tmp_path / "downloads")
    assert saved.name == "defects（批注）.docx"
    api = server.check(reports["defects.docx"].read_bytes(), "defects.docx").json()
    assert len(read_comments(saved.read_bytes())) == len(api["files"][0]["findings"]) > 0
    assert "已下载" in browser.js("document.getElementById('message').textContent")


def test_another_profile_is_chosen_and_the_report_checked_again(server, browser, reports):
    check(browser, server, reports["defects.txt"])
    assert browser.js("document.getElementById('download')") is None  # a text file has no Word comments
    browser.js("const s = document.getElementById('profile'); s.value = '2024-dem-four-leads';"
               "s.dispatchEvent(new Event('change'))")
    title = next(p["title"] for p in server.client.get("/v1/profiles").json()["profiles"]
                 if p["name"] == "2024-dem-four-leads")
    browser.wait_for("document.body.dataset.state === 'done' && document.querySelector('#result section.file p.meta')"
                     f".textContent.includes({json.dumps(title, ensure_ascii=False)})")
    api = server.check(reports["defects.txt"].read_bytes(), "defects.txt", profile="2024-dem-four-leads").json()
    shown = browser.js("Array.from(document.querySelectorAll('#result tr.finding'), r => r.dataset.code)")
    assert sorted(shown) == sorted(f["code"] for f in api["files"][0]["findings"])


def test_an_unreadable_file_is_explained_in_chinese(server, browser, reports, tmp_path):
    check(browser, server, reports["empty.docx"])
    text = browser.js("document.getElementById('result').textContent")
    assert "文件为空" in text and "无法读取" in text
    assert browser.js("document.getElementById('download')") is None
    keep(browser, tmp_path / "serve-page-unreadable.png")


def test_the_page_prints_without_its_controls(server, browser, reports):
    check(browser, server, reports["defects.docx"])
    browser.send("Emulation.setEmulatedMedia", session=True, media="print")
    assert browser.js("getComputedStyle(document.getElementById('upload')).display") == "none"
    assert browser.js("getComputedStyle(document.querySelector('#result table.map')).display") != "none"
    browser.send("Emulation.setEmulatedMedia", session=True, media="")
    assert browser.print_pdf()[:5] == b"%PDF-"


def test_screenshots_are_named(request):
    """Last in the module: where the screenshots are, for a person to look at them."""
    print("\n" + json.dumps([str(p) for p in SCREENSHOTS], ensure_ascii=False))
