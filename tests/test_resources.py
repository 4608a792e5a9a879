"""The cache of compiled regular expressions (resources.regex): a pattern from the cache behaves
exactly like re.compile's, and a damaged or missing cache only means compiling again."""

import os
import re

import pytest

from reportlint import resources

PATTERNS = [
    (r"(?P<org>(?:[组組][织織]|zuzhi)生活[会會])|(?P<dem>(?:民主|minzhu)生活[会會])", re.IGNORECASE),
    ("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]", 0),
    (r"(?<!\d)\d+(\.\d+)?\s*(%|％)", 0),
    (r"([\u4e00-\u9fff]{2,8})\1", 0),
]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    monkeypatch.setattr(resources, "_programs", None)
    monkeypatch.setattr(resources, "_programs_added", False)
    monkeypatch.setattr("atexit.register", lambda fn: None)
    return tmp_path


def _reload():
    resources._programs = None
    return resources._load_programs()


def test_cached_patterns_equal_compiled_ones(fresh_cache):
    first = [resources.regex(p, f) for p, f in PATTERNS]
    resources._save_programs()
    assert len(_reload()) == len(PATTERNS)
    again = [resources.regex(p, f) for p, f in PATTERNS]
    text = "学习组织生活会和民主生活会ZUZHI生活会，用公款用公款，85%的人"
    for (p, f), a, b in zip(PATTERNS, first, again, strict=True):
        assert a == b == re.compile(p, f)
        assert b.groupindex == re.compile(p, f).groupindex
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]


def test_damaged_cache_compiles_again(fresh_cache):
    resources.regex("a+b")
    resources._save_programs()
    path = resources._programs_file()
    path.write_bytes(b"not marshal data")
    assert _reload() == {}
    assert resources.regex("a+b") == re.compile("a+b")
    programs = _reload()
    programs[("a+b", 0)] = (0, [1, 2, 3], 0, {}, ())  # invalid engine code
    assert resources.regex("a+b") == re.compile("a+b")


def test_no_user_cache(fresh_cache, monkeypatch):
    monkeypatch.setenv("REPORTLINT_NO_USER_CACHE", "1")
    assert resources.regex("x+") == re.compile("x+")
    assert resources._programs is None


def test_full_cache_starts_afresh(fresh_cache, monkeypatch):
    monkeypatch.setattr(resources, "_REGEX_LIMIT", 3)
    for n in range(5):
        assert resources.regex(f"a{{{n}}}b") == re.compile(f"a{{{n}}}b")
    assert len(resources._programs) <= 3


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
