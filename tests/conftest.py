"""Shared test setup: every test gets its own result cache folder, so `reportlint check` run by
a test never reads results cached by another test (or by a developer's run in the checkout)."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_result_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("reportlint-cache")))
