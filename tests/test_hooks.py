"""Running reportlint over a whole repository or folder: files that are not reports get one info
finding (RL100 not-a-report) and no other, every report of ours is still checked as a report, the
options a hook or a CI job sets (--exit-zero, --statistics, --quiet), and the pre-commit hook
itself on a repository with a README beside the reports."""

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
from reportlint.checks.recognition import not_a_report
from reportlint.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
NOT_REPORTS = ROOT / "tests" / "fixtures" / "not-reports"
CLEAN = ROOT / "examples" / "branch-2025-clean.txt"
DEFECTS = ROOT / "examples" / "leader-2024-defects.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "docx"


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", *args])


def our_reports() -> list[Path]:
    """Every report the project has: the examples, the evaluation sets, the layout fixtures, the seed."""
    found = [p for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".docx")]
    found += [p for p in (ROOT / "tests" / "eval").rglob("reports/*") if p.suffix in (".txt", ".docx")]
    found += [p for p in (ROOT / "tests" / "fixtures" / "layouts").glob("*.txt") if ".expected" not in p.name]
    if (SHARED / "examples" / "seed-report.txt").exists():
        found.append(SHARED / "examples" / "seed-report.txt")
    return sorted(found)


# -- what is a report ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(NOT_REPORTS.iterdir()), ids=lambda p: p.name)
def test_a_file_that_is_not_a_report_gets_one_info_finding(path: Path) -> None:
    result = run("--format", "json", str(path))
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["files"][0]["findings"]
    assert [(f["code"], f["rule"], f["severity"]) for f in findings] == [("RL100", "not-a-report", "info")]
    assert findings[0]["message"].startswith("未按对照检查材料检查：")


def test_every_report_we_have_is_checked_as_a_report() -> None:
    reports = our_reports()
    assert len(reports) >= 100
    assert [(str(p), not_a_report(reportlint.parse(p))) for p in reports
            if not_a_report(reportlint.parse(p)) is not None] == []


def test_the_blind_openings_of_meeting_materials_are_reports_and_the_others_are_not() -> None:
    """tests/eval/titles: 144 openings of meeting materials and 16 other documents that name a meeting
    (notices, 情况报告, 实施方案, minutes, 述职报告, 工作总结, a README of templates). Decided: the
    党校 党性分析报告 (id 153) is a self-inspection of a report's shape and is checked as one."""
    openings = tomllib.loads((ROOT / "tests" / "eval" / "titles" / "openings.toml").read_text(encoding="utf-8"))
    wrong = []
    for o in openings["opening"]:
        is_report = o["meeting"] != "none" or o["id"] == 153
        if (not_a_report(reportlint.parse_text(o["text"])) is None) != is_report:
            wrong.append(o["id"])
    assert wrong == []


@pytest.mark.skipif(not CORPUS.exists(), reason="the DOCX corpus (../shared/corpus) is not here")
def test_no_third_party_docx_is_taken_for_a_report() -> None:
    """The corpus holds the test documents of DOCX libraries (lists, tables, a tender, a résumé
    template, a tour plan): none is a report, and none gets a report's missing-part errors."""
    taken = []
    for path in sorted(CORPUS.rglob("*.docx")):
        try:
            doc = reportlint.parse(path)
        except reportlint.ReportlintError:
            continue
        if not_a_report(doc) is None:
            taken.append(str(path))
    assert taken == []


def test_a_report_with_a_title_and_no_parts_found_is_still_checked() -> None:
    text = "2025年度组织生活会个人发言提纲\n根据支部安排，我对照党员标准作如下发言。\n"
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "-"], input=text.encode())
    codes = [f["code"] for f in json.loads(result.output)["files"][0]["findings"]]
    assert "RL100" not in codes and codes.count("RL101") == 3


def test_turning_the_rule_off_checks_any_file_as_a_report() -> None:
    notice = str(NOT_REPORTS / "notice.txt")
    codes = [f["code"] for f in json.loads(run("--format", "json", "--ignore", "not-a-report", notice).output)
             ["files"][0]["findings"]]
    assert "RL100" not in codes and codes.count("RL101") == 3


# -- options for hooks and CI ---------------------------------------------------------------------


def test_exit_zero_reports_findings_without_failing() -> None:
    result = run("--exit-zero", str(DEFECTS))
    assert result.exit_code == 0
    assert "RL301 [placeholder]" in result.output


def test_exit_zero_still_says_an_input_could_not_be_read(tmp_path: Path) -> None:
    result = run("--exit-zero", str(DEFECTS), str(tmp_path / "missing.docx"))
    assert result.exit_code == 2


def test_statistics_count_findings_per_rule_most_first() -> None:
    result = run("--statistics", str(DEFECTS), str(CLEAN), str(NOT_REPORTS / "notice.txt"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1].startswith("共 3 个文件：")
    rows = [line.split() for line in lines[:-1]]
    counts = [int(r[0]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert ["RL100", "[not-a-report]", "info"] in [r[1:] for r in rows]
    placeholders = [r for r in rows if r[1] == "RL301"]
    findings = json.loads(run("--format", "json", str(DEFECTS)).output)["files"][0]["findings"]
    assert placeholders == [[str(sum(f["code"] == "RL301" for f in findings)), "RL301", "[placeholder]", "error"]]
    assert not any(":" in line and "RL301 [placeholder]" in line for line in lines)  # no finding lines


def test_statistics_in_json() -> None:
    data = json.loads(run("--statistics", "--format", "json", str(DEFECTS)).output)
    assert data["version"] == 1 and data["summary"]["files"] == 1
    total = sum(r["count"] for r in data["statistics"])
    assert total == data["summary"]["error"] + data["summary"]["warning"] + data["summary"]["info"]
    assert {"code", "rule", "severity", "count"} == set(data["statistics"][0])


def test_statistics_with_another_format_is_a_usage_error() -> None:
    assert run("--statistics", "--format", "sarif", str(DEFECTS)).exit_code == 2


def test_quiet_prints_the_findings_without_the_summary() -> None:
    loud = run(str(DEFECTS)).output.splitlines()
    quiet = run("-q", str(DEFECTS))
    assert quiet.exit_code == 1
    # the findings alone: no summary line, no line naming the profile each file was checked with
    assert quiet.output.splitlines() == [line for line in loud[:-1] if ": 标准 " not in line]
    assert any(": 标准 " in line for line in loud)


def test_twice_quiet_prints_nothing_and_keeps_the_exit_code() -> None:
    result = run("-qq", str(DEFECTS))
    assert (result.exit_code, result.output) == (1, "")
    assert (run("-qq", str(CLEAN)).exit_code, run("-qq", str(CLEAN)).output) == (0, "")


# -- the pre-commit hook --------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo_passes_and_fails_on_the_reports_only(tmp_path: Path) -> None:
    """A repository with the usual project files beside a notice and a report: the hook (installed
    by pre-commit from this checkout, in its own environment) passes while the report is clean and
    fails on a report with defects, naming only that report."""
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository: pre-commit try-repo needs one")
    repo = tmp_path / "materials"
    (repo / "reports").mkdir(parents=True)
    for name in ("README.md", "CHANGELOG.md", "requirements.txt"):
        shutil.copy(NOT_REPORTS / name, repo / name)
    shutil.copy(NOT_REPORTS / "notice.txt", repo / "reports" / "会议通知.txt")
    shutil.copy(CLEAN, repo / "reports" / "clean.txt")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "materials")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "reportlint", "--all-files", "--verbose",
               "--color", "never"]

    passed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "RL100 [not-a-report]" in passed.stdout  # the notice reaches the tool and is not a report
    for project_file in ("README.md", "CHANGELOG.md", "requirements.txt"):
        assert project_file not in passed.stdout  # never passed to the hook at all

    shutil.copy(DEFECTS, repo / "reports" / "defects.txt")
    _git(repo, "add", "-A")
    failed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    errors = [line for line in failed.stdout.splitlines() if " RL" in line and "[not-a-report]" not in line]
    assert errors and all(line.startswith("reports/defects.txt:") for line in errors)
