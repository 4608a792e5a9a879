"""The user cache folder holds the label parser Lark builds (a pickle): it is used only when it is
the user's own and nobody else can write to it."""

import os

import pytest

from reportlint import labels, resources


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    return tmp_path


def test_private_folder_is_made_and_used(cache_home):
    folder = resources.user_cache_dir()
    assert folder == cache_home / "reportlint"
    assert folder.is_dir() and not folder.stat().st_mode & 0o077
    assert labels._grammar_cache_file().startswith(str(folder))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_folder_others_can_write_is_not_trusted(cache_home):
    (cache_home / "reportlint").mkdir(mode=0o700)
    os.chmod(cache_home / "reportlint", 0o777)
    assert resources.user_cache_dir() is None
    assert labels._grammar_cache_file() is False


def test_cache_can_be_turned_off(cache_home, monkeypatch):
    monkeypatch.setenv("REPORTLINT_NO_USER_CACHE", "1")
    assert resources.user_cache_dir() is None
    assert labels._grammar_cache_file() is False


def test_relative_cache_home_is_not_trusted(monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    assert resources.user_cache_dir() is None
