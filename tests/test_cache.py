"""The result cache (cache.py), --jobs and the progress bar."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportlint import runner
from reportlint.cache import FORMAT, Cache
from reportlint.cli import _progress_bar, main
from reportlint.runner import RunOptions, check_paths, lint_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DEFECTS = EXAMPLES / "leader-2024-defects.txt"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("??/*.json"))


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "r.txt"
    shutil.copy(DEFECTS, p)
    return p


def test_unchanged_file_is_not_linted_twice(tmp_path, report, monkeypatch):
    options = RunOptions(cache_dir=str(tmp_path / "cache"))
    first = lint_file(str(report), options)
    assert first.findings and first.error is None
    assert len(_entries(tmp_path / "cache")) == 1

    def no_lint(*args, **kwargs):
        raise AssertionError("linted again")

    monkeypatch.setattr(runner, "lint", no_lint)
    second = lint_file(str(report), options)
    assert second.findings == first.findings
    assert (second.format, second.profile) == (first.format, first.profile)
    # same bytes under another name: still a hit, reported under the new name
    other = tmp_path / "copy.txt"
    shutil.copy(report, other)
    assert lint_file(str(other), options).path == str(other)


def test_key_covers_bytes_profile_rules_and_options(tmp_path, report, monkeypatch):
    cache = tmp_path / "cache"
    lint_file(str(report), RunOptions(cache_dir=str(cache)))
    lint_file(str(report), RunOptions(cache_dir=str(cache), profile="2024-dem-four-leads"))
    lint_file(str(report), RunOptions(cache_dir=str(cache), ignore=("RL301",)))
    lint_file(str(report), RunOptions(cache_dir=str(cache), encoding="utf-8"))
    assert len(_entries(cache)) == 4
    report.write_bytes(report.read_bytes() + "\n（补充）".encode())
    lint_file(str(report), RunOptions(cache_dir=str(cache)))
    assert len(_entries(cache)) == 5
    # a project configuration found next to the file is part of the key too
    (report.parent / "reportlint.toml").write_text('ignore = ["RL301"]\n', encoding="utf-8")
    res = lint_file(str(report), RunOptions(cache_dir=str(cache)))
    assert not any(f.code == "RL301" for f in res.findings)
    assert len(_entries(cache)) == 6
    # a new rule version changes every key
    from reportlint import cache as cache_mod

    before = Cache(cache).key(b"x", None, (), (), None)
    monkeypatch.setattr(cache_mod, "_files_fingerprint", lambda: "another version")
    assert Cache(cache).key(b"x", None, (), (), None) != before


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[]", b'{"format": 2}', b"\xff\xfe\x00",
                                     b'{"format": 2, "key": "K", "input_format": "text", "profile": "p", '
                                     b'"findings": [{"code": 1}]}',
                                     b'{"format": 2, "key": "K", "input_format": "text", "profile": "p", '
                                     b'"findings": [], "outline": {"title": 1}}'])
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_corrupted_entry_is_ignored_and_replaced(tmp_path, report, garbage, signed):
    """Damage is caught by the signature; damage signed with the user's own key (a bug in some
    version, say) by the shape check."""
    options = RunOptions(cache_dir=str(tmp_path / "cache"))
    first = lint_file(str(report), options)
    (entry,) = _entries(tmp_path / "cache")
    current = f'"format": {FORMAT}'.encode()
    body = garbage.replace(b"K", entry.parent.name.encode() + entry.stem.encode()).replace(b'"format": 2', current)
    entry.write_bytes(Cache(tmp_path / "cache")._sign(body) + b"\n" + body if signed else body)
    again = lint_file(str(report), options)
    assert again.findings == first.findings and again.error is None
    assert json.loads(entry.read_bytes().partition(b"\n")[2])["findings"]


def test_unreadable_inputs_are_not_cached(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"\x00\x01 not a zip")
    res = lint_file(str(bad), RunOptions(cache_dir=str(tmp_path / "cache")))
    assert res.error
    assert not _entries(tmp_path / "cache")


def test_unwritable_cache_never_breaks_the_run(tmp_path, report):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    res = lint_file(str(report), RunOptions(cache_dir=str(blocker / "cache")))
    assert res.error is None and res.findings


def test_cli_cache_options(tmp_path, report, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    runner = CliRunner()
    r1 = runner.invoke(main, ["check", "--no-cache", str(report)])
    assert not (tmp_path / ".reportlint_cache").exists()
    r2 = runner.invoke(main, ["check", str(report)])
    assert _entries(tmp_path / ".reportlint_cache")
    assert (tmp_path / ".reportlint_cache" / "CACHEDIR.TAG").is_file()
    r3 = runner.invoke(main, ["check", str(report)])
    assert r1.output == r2.output == r3.output and r1.exit_code == r3.exit_code == 1
    runner.invoke(main, ["check", "--cache-dir", str(tmp_path / "elsewhere"), str(report)])
    assert _entries(tmp_path / "elsewhere")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "fromenv"))
    runner.invoke(main, ["check", str(report)])
    assert _entries(tmp_path / "fromenv")


def test_jobs_give_the_same_results_in_order_and_use_the_cache(tmp_path):
    files = []
    for n, src in enumerate(sorted(EXAMPLES.glob("*.txt")) * 3):
        p = tmp_path / "in" / f"{n:02d}-{src.name}"
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(src.read_bytes() + f"\n{n}".encode())
        files.append(str(p))
    serial = check_paths(files, RunOptions(), jobs=1)
    parallel = check_paths(files, RunOptions(cache_dir=str(tmp_path / "cache")), jobs=2)
    assert [f.path for f in parallel.files] == files
    assert [f.findings for f in parallel.files] == [f.findings for f in serial.files]
    ticks = []
    cached = check_paths(files, RunOptions(cache_dir=str(tmp_path / "cache")), jobs=2, progress=ticks.append)
    assert [f.findings for f in cached.files] == [f.findings for f in serial.files]
    assert sum(ticks) == len(files)


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal_and_for_long_batches():
    assert _progress_bar(500, io.StringIO()) is None
    assert _progress_bar(3, _Tty()) is None
    stream = _Tty()
    bar = _progress_bar(40, stream)
    for _ in range(40):
        bar(1)
    bar.close()
    out = stream.getvalue()
    assert "40/40 files" in out and out.endswith("\r\033[K")


def test_no_progress_bar_in_captured_json_output(tmp_path):
    for n in range(25):
        (tmp_path / f"r{n}.txt").write_bytes(DEFECTS.read_bytes())
    r = CliRunner().invoke(main, ["check", "--format", "json", "-j", "1", str(tmp_path)])
    data = json.loads(r.stdout)
    assert len(data["files"]) == 25
    assert "files" not in (r.stderr if hasattr(r, "stderr") else "")
