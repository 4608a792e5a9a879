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
