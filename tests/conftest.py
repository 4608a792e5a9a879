"""Shared test setup: every test gets its own result cache folder, so `reportlint check` run by
a test never reads results cached by another test (or by a developer's run in the checkout); the
screenshots the browser tests take are kept in one folder, named at the end of the test run."""

from pathlib import Path

import pytest

_SCREENSHOTS = pytest.StashKey[Path]()


@pytest.fixture(autouse=True)
def _isolated_result_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("reportlint-cache")))


@pytest.fixture
def screenshots(request, tmp_path_factory) -> Path:
    """The folder for this run's screenshots (pytest keeps the last three runs' temporary folders)."""
    stash = request.config.stash
    if _SCREENSHOTS not in stash:
        stash[_SCREENSHOTS] = tmp_path_factory.mktemp("screenshots", numbered=False)
    return stash[_SCREENSHOTS]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    folder = config.stash.get(_SCREENSHOTS, None)
    if folder is not None and any(folder.iterdir()):
        names = ", ".join(sorted(p.name for p in folder.iterdir()))
        terminalreporter.write_line(f"screenshots of the HTML pages in {folder}: {names}")
