"""Files from strangers must not decide the verdict (issue 12, trust).

Configuration is the operator's: a reportlint.toml (or pyproject.toml) found by walking up from a
report is read only when it and its folder belong to the user (or root) and nobody else can write
to them, as git's safe.directory; `--isolated` and `--config` look for none; the command line's
--select/--ignore win over every file. The result cache is used only in a private folder of the
user's, and an entry is believed only when its HMAC (a key in the user's own cache folder) checks.

The tests build their folders in tmp_path (under /tmp, itself world-writable with the sticky bit,
as on any Linux machine). Files owned by another user need root (os.chown to uid 65534).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportlint
from reportlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEFECTS = ROOT / "examples" / "leader-2024-defects.txt"  # exit 1: placeholder errors and more
NOBODY = 65534
IGNORE_EVERYTHING = 'ignore = ["RL"]\n'  # a code prefix: every rule

posix = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and permission bits")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="giving a file to another user (chown) needs root")


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def report_in(folder: Path, name: str = "r.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(DEFECTS, target)
    return target


def plant_config(folder: Path, text: str = IGNORE_EVERYTHING, owner: int | None = None) -> Path:
    config = folder / "reportlint.toml"
    config.write_text(text, encoding="utf-8")
    if owner is not None:
        os.chown(config, owner, owner)
    return config


@pytest.fixture(autouse=True)
def _no_trusted_folders(monkeypatch):
    monkeypatch.delenv("REPORTLINT_SAFE_DIRECTORIES", raising=False)


# -- configuration ----------------------------------------------------------------------------------


@as_root
def test_config_a_submitter_put_beside_the_report_is_not_read(tmp_path):
    """Submitters drop their files into an inbox; one adds a reportlint.toml that ignores every
    rule. It is not theirs to decide: the file is not read, and stderr says so once."""
    inbox = tmp_path / "inbox"
    report = report_in(inbox)
    config = plant_config(inbox, owner=NOBODY)
    r = run("check", "--no-cache", str(report))
    assert r.exit_code == 1, r.output
    assert "RL301" in r.stdout
    assert r.stderr.count(str(config)) == 1 and "not read" in r.stderr


@as_root
def test_config_in_a_folder_the_submitter_owns_is_not_read(tmp_path):
    inbox = tmp_path / "inbox" / "zhang"
    report = report_in(inbox)
    os.chown(inbox, NOBODY, NOBODY)
    plant_config(inbox, owner=NOBODY)
    assert run("check", "--no-cache", str(report)).exit_code == 1


@posix
@pytest.mark.parametrize("mode", [0o1777, 0o777], ids=["sticky-like-tmp", "world-writable"])
def test_config_planted_in_a_shared_parent_is_not_read(tmp_path, mode):
    """A shared scratch folder anyone can write to: a reportlint.toml in it is not the user's,
    whoever wrote it (run as root, it is given to another user as it would be)."""
    shared = tmp_path / "shared"
    report = report_in(shared / "alice")
    config = plant_config(shared, owner=NOBODY if os.geteuid() == 0 else None)
    os.chmod(shared, mode)
    r = run("check", "--no-cache", str(report))
    assert r.exit_code == 1
    assert r.stderr.count(str(config)) == 1


@posix
def test_own_config_under_a_folder_others_could_swap_is_not_read(tmp_path):
    """A world-writable folder without the sticky bit lets anyone rename the user's folder away
    and put their own in its place: nothing below it is trusted."""
    scratch = tmp_path / "scratch"
    project = scratch / "alice"
    report = report_in(project)
    plant_config(project)
    os.chmod(scratch, 0o777)
    assert run("check", "--no-cache", str(report)).exit_code == 1


@posix
def test_own_config_in_own_folder_keeps_working(tmp_path):
    """The ordinary clerk: a reportlint.toml in their own project folder (here under a sticky,
    world-writable folder like /tmp) is read with no extra step and nothing said."""
    scratch = tmp_path / "tmp-like"
    project = scratch / "alice" / "2025"
    report = report_in(project / "reports")
    plant_config(project)
    os.chmod(scratch, 0o1777)
    r = run("check", "--no-cache", str(report))
    assert r.exit_code == 0, r.output
    assert r.stderr == ""


@posix
def test_safe_directories_trust_a_shared_folder_explicitly(tmp_path, monkeypatch):
    team = tmp_path / "team"
    report = report_in(team / "drafts")
    plant_config(team)
    os.chmod(team, 0o777)
    assert run("check", "--no-cache", str(report)).exit_code == 1
    monkeypatch.setenv("REPORTLINT_SAFE_DIRECTORIES", os.pathsep.join(["/nonexistent", str(team)]))
    r = run("check", "--no-cache", str(report))
    assert (r.exit_code, r.stderr) == (0, "")
    monkeypatch.setenv("REPORTLINT_SAFE_DIRECTORIES", "*")
    assert run("check", "--no-cache", str(report)).exit_code == 0


@posix
def test_untrusted_config_is_said_once_for_a_whole_batch(tmp_path):
    """Six reports under one planted config, linted by two worker processes: one line on stderr."""
    shared = tmp_path / "shared"
    for n in range(6):
        report_in(shared / "in", f"r{n}.txt")
    config = plant_config(shared, owner=NOBODY if os.geteuid() == 0 else None)
    os.chmod(shared, 0o1777)
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--no-cache", "-j", "2", str(shared / "in")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count(str(config)) == 1, proc.stderr


def test_isolated_reads_no_configuration(tmp_path):
    """A submission system unpacks an upload into its own folder: the upload's reportlint.toml is
    then the service's file by ownership, so the service runs with --isolated (as in Ruff)."""
    upload = tmp_path / "upload-17"
    report = report_in(upload)
    plant_config(upload)
    (upload / "pyproject.toml").write_text("[tool.reportlint]\n" + IGNORE_EVERYTHING, encoding="utf-8")
    assert run("check", "--no-cache", str(report)).exit_code == 0  # the owner's own file: read
    r = run("check", "--no-cache", "--isolated", str(report))
    assert r.exit_code == 1 and "RL301" in r.stdout
    r = run("check", "--no-cache", "--isolated", "--stdin-filename", str(report), "-", input=report.read_bytes())
    assert r.exit_code == 1
    # the library entry point a service calls
    assert reportlint.check_paths([str(report)], isolated=True).exit_code == 1
    assert reportlint.check_paths([str(report)]).exit_code == 0


def test_annotate_takes_isolated_too(tmp_path):
    from docx_builders import docx_from_text

    upload = tmp_path / "upload"
    upload.mkdir()
    report = upload / "r.docx"
    report.write_bytes(docx_from_text(DEFECTS.read_text(encoding="utf-8")))
    plant_config(upload)
    r = run("annotate", "--isolated", str(report), "-o", str(tmp_path / "out.docx"))
    assert r.exit_code == 0 and " 0 comment" not in r.stdout, r.output
    assert " 0 comment" in run("annotate", str(report), "-o", str(tmp_path / "out2.docx")).stdout


def test_explicit_config_disables_discovery(tmp_path):
    upload = tmp_path / "upload"
    report = report_in(upload)
    plant_config(upload)
    ours = tmp_path / "service" / "reportlint.toml"
    ours.parent.mkdir()
    ours.write_text('fail-on = "error"\n', encoding="utf-8")
    assert run("check", "--no-cache", "--config", str(ours), str(report)).exit_code == 1
    assert run("check", "--no-cache", "--isolated", "--config", str(ours), str(report)).exit_code == 1
    assert reportlint.check_paths([str(report)], config=str(ours)).exit_code == 1


@pytest.mark.parametrize("toml", [
    IGNORE_EVERYTHING,
    'select = ["RL1"]\n',
    '[rules]\nplaceholder = "off"\n',
    'select = ["RL1"]\nignore = ["RL3", "placeholder"]\n[rules]\nplaceholder = "off"\n',
])
def test_command_line_select_wins_over_configuration(tmp_path, toml):
    """`--select placeholder` is the operator's word: no configuration file turns it off."""
    report = report_in(tmp_path / "p")
    plant_config(tmp_path / "p", toml)
    r = run("check", "--no-cache", "--select", "placeholder", "--format", "json", str(report))
    assert r.exit_code == 1, r.output
    codes = {f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert codes == {"RL301"}


def test_command_line_ignore_wins_over_configuration_select(tmp_path):
    report = report_in(tmp_path / "p")
    plant_config(tmp_path / "p", 'select = ["placeholder", "RL1"]\n')
    r = run("check", "--no-cache", "--ignore", "placeholder", "--format", "json", str(report))
    codes = {f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert "RL301" not in codes and codes <= {c for c in codes if c.startswith("RL1")}


# -- the result cache -------------------------------------------------------------------------------


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("??/*.json"))


def _edit_entry(entry: Path, change) -> None:
    """Rewrite the JSON of an entry, keeping whatever comes before it (a signature) untouched."""
    raw = entry.read_bytes()
    start = raw.index(b"{")
    data = json.loads(raw[start:])
    change(data)
    entry.write_bytes(raw[:start] + json.dumps(data, ensure_ascii=False).encode("utf-8"))


@pytest.mark.parametrize("edit", ["suppress", "invent"])
def test_edited_entry_is_not_believed(tmp_path, edit):
    report = report_in(tmp_path / "in")
    cache = tmp_path / "cache"
    first = run("check", "--cache-dir", str(cache), "--format", "json", str(report))
    assert first.exit_code == 1
    (entry,) = _entries(cache)
    if edit == "suppress":
        _edit_entry(entry, lambda d: d["findings"].clear())
    else:
        _edit_entry(entry, lambda d: d["findings"].append({**d["findings"][0], "code": "RL999", "message": "伪造"}))
    again = run("check", "--cache-dir", str(cache), "--format", "json", str(report))
    assert again.exit_code == 1
    assert json.loads(again.stdout)["files"] == json.loads(first.stdout)["files"]


def test_entry_written_with_another_users_key_is_not_believed(tmp_path, monkeypatch):
    """A cache folder shared or copied between users: what another user's reportlint stored is
    not used, even when it is well formed."""
    from reportlint import runner

    report = report_in(tmp_path / "in")
    options = runner.RunOptions(cache_dir=str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else" / ".cache"))
    theirs = runner.lint_file(str(report), options)
    assert len(_entries(tmp_path / "cache")) == 1
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "me" / ".cache"))
    linted = []
    real_lint = runner.lint
    monkeypatch.setattr(runner, "lint", lambda *a, **k: linted.append(1) or real_lint(*a, **k))
    mine = runner.lint_file(str(report), options)
    assert linted == [1] and mine.findings == theirs.findings
    runner.lint_file(str(report), options)  # now stored with my key: a hit
    assert linted == [1]


def test_planted_cache_symlink_is_refused(tmp_path, monkeypatch):
    """`.reportlint_cache` in the current folder is a symbolic link someone planted: nothing is
    read from or written through it, and stderr says so once."""
    work = tmp_path / "work"
    report = report_in(work)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (work / ".reportlint_cache").symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.chdir(work)
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    r = run("check", report.name)
    assert r.exit_code == 1 and "RL301" in r.stdout
    assert list(elsewhere.iterdir()) == []
    assert r.stderr.count(".reportlint_cache") == 1 and "symbolic link" in r.stderr
    # --cache-dir and $REPORTLINT_CACHE_DIR get the same check
    r = run("check", "--cache-dir", str(work / ".reportlint_cache"), report.name)
    assert r.exit_code == 1 and list(elsewhere.iterdir()) == []


@posix
def test_cache_folder_others_can_write_is_not_used(tmp_path):
    report = report_in(tmp_path / "in")
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    os.chmod(shared, 0o777)
    r = run("check", "--cache-dir", str(shared), str(report))
    assert r.exit_code == 1
    assert _entries(shared) == [] and "not used" in r.stderr


@as_root
def test_cache_folder_of_another_user_is_not_used(tmp_path):
    report = report_in(tmp_path / "in")
    theirs = tmp_path / "their-cache"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, NOBODY, NOBODY)
    r = run("check", "--cache-dir", str(theirs), str(report))
    assert r.exit_code == 1 and _entries(theirs) == []


def test_new_cache_folder_is_private(tmp_path):
    report = report_in(tmp_path / "in")
    cache = tmp_path / "new-cache"
    assert run("check", "--cache-dir", str(cache), str(report)).exit_code == 1
    assert _entries(cache)
    if hasattr(os, "geteuid"):
        assert not stat.S_IMODE(cache.stat().st_mode) & 0o077


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fifo_at_an_entry_path_does_not_hang(tmp_path, jobs):
    """A FIFO where an entry belongs would block the first read forever: it is never opened, the
    file is linted, and the run ends in seconds."""
    reports = [report_in(tmp_path / "in", "a.txt"), report_in(tmp_path / "in", "b.txt")]
    reports[1].write_bytes(reports[1].read_bytes() + "\n（补充）".encode())
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "reportlint", "check", "-j", jobs, "--cache-dir", str(cache),
               *map(str, reports)]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    entries = _entries(cache)
    assert len(entries) == 2
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    proc = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    assert proc.returncode == 1 and "RL301" in proc.stdout
