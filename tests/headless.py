"""Headless Chromium for the tests of the HTML pages: the page's script runs in a real browser
(`dom` returns the document after it ran) and `screenshot` keeps an image of what a reviewer sees.
Chromium is the Debian package `chromium` (.ci/run installs it as root); without it the tests that
need it skip and say so."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
BROWSER = next((found for found in map(shutil.which, NAMES) if found), None)
needs_chromium = pytest.mark.skipif(
    BROWSER is None, reason="headless Chromium is not installed (Debian package chromium; .ci/run installs it as root)")


def _run(page: Path, fragment: str, profile: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    url = page.as_uri() + (f"#{fragment}" if fragment else "")
    command = [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--hide-scrollbars", f"--user-data-dir={profile}", *flags, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def dom(page: Path, fragment: str = "") -> str:
    """The page's document after its script ran, opened at `fragment` (a view: sev=error&sort=errors)."""
    return _run(page, fragment, page.parent / "chromium-profile", "--dump-dom").stdout


def screenshot(page: Path, png: Path, fragment: str = "", size: tuple[int, int] = (1400, 2000)) -> bytes:
    """A PNG of the top `size` of the page (Chromium draws a page scrolled to an anchor blank)."""
    proc = _run(page, fragment, page.parent / "chromium-profile", f"--screenshot={png}",
                f"--window-size={size[0]},{size[1]}")
    assert png.exists(), proc.stderr[-800:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return data
