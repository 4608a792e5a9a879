"""The user cache of parsed rule files: old entries do not pile up."""

import os

import pytest

from reportlint import resources


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    return tmp_path


def test_parsed_rule_files_do_not_pile_up(fresh_cache, monkeypatch):
    """Each checkout, install or edit of a rules file adds a parsed-TOML entry; the oldest go."""
    monkeypatch.setattr(resources, "_DATA_ENTRIES", 5)
    folder = resources.user_cache_dir()
    for n in range(12):
        resources._store_data(f"key{n:02d}", {"n": n})
        stamp = 1_700_000_000 + n  # distinct modification times, oldest first
        os.utime(folder / f"data-key{n:02d}.marshal", (stamp, stamp))
    resources._store_data("newest", {"n": 99})
    left = sorted(p.name for p in folder.glob("data-*.marshal"))
    assert len(left) == 5
    assert "data-newest.marshal" in left and "data-key11.marshal" in left and "data-key00.marshal" not in left
    assert resources._cached_data("newest") == {"n": 99}
