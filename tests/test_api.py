"""The in-memory calls a program uses (reportlint.check_bytes, reportlint.annotate): bytes in, the
same verdict as `reportlint check` out, with the fail decision; the annotated copy as bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_builders import docx_from_text

import reportlint
from reportlint.cli import main
from reportlint.docx_comments import AnnotateError, read_comments

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "examples" / "branch-2025-clean.txt"
DEFECTS = ROOT / "examples" / "leader-2024-defects.txt"
SPEECH_DOCX = ROOT / "examples" / "member-2023-speech.docx"


def cli_json(*args: str) -> dict:
    return json.loads(CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", "--isolated", *args]).output)


@pytest.mark.parametrize("path", [CLEAN, DEFECTS, SPEECH_DOCX])
def test_check_bytes_says_what_check_says_of_the_file(path):
    result = reportlint.check_bytes(path.read_bytes(), str(path))
    assert result.to_dict() == {**cli_json(str(path)), "passed": result.passed}


def test_the_verdict_follows_the_fail_level():
    data = DEFECTS.read_bytes()
    failed = reportlint.check_bytes(data, "a.txt")
    assert not failed.passed and failed.to_dict()["summary"]["failed_files"] == 1
    warnings = reportlint.check_bytes(data, "a.txt", select=["vague-measure"], fail_on="error")
    assert [f.code for f in warnings.findings] == ["RL305"] and str(warnings.findings[0].severity) == "warning"
    assert warnings.passed
    assert not reportlint.check_bytes(data, "a.txt", select=["vague-measure"], fail_on="warning").passed
    clean = reportlint.check_bytes(CLEAN.read_bytes(), "clean.txt")
    assert clean.passed and clean.to_dict()["passed"] is True and clean.error is None


def test_profile_select_and_ignore_are_those_of_check():
    data = DEFECTS.read_bytes()
    result = reportlint.check_bytes(data, "a.txt", profile="2024-dem-four-leads", ignore=["placeholder"])
    assert result.file.profile == "2024-dem-four-leads"
    assert result.findings and not any(f.rule == "placeholder" for f in result.findings)
    cli = cli_json("--profile", "2024-dem-four-leads", "--ignore", "placeholder", str(DEFECTS))["files"][0]
    assert result.to_dict()["files"][0]["findings"] == cli["findings"]


def test_an_unreadable_file_is_a_failed_result_with_its_kind():
    result = reportlint.check_bytes(b"", "empty.docx")
    assert not result.passed and result.findings == []
    assert result.error == {"kind": "empty", "message": "empty.docx: 文件为空"}
    assert result.to_dict()["files"][0]["error"]["kind"] == "empty"
    html = reportlint.check_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.docx")
    assert html.error is not None and html.error["kind"] == "html"


@pytest.mark.parametrize("kwargs", [{"profile": "no-such-profile"}, {"select": ["no-such-rule"]},
                                    {"ignore": ["RL999"]}, {"fail_on": "fatal"}])
def test_a_wrong_option_is_the_callers_error_not_the_files(kwargs):
    with pytest.raises(reportlint.ConfigError):
        reportlint.check_bytes(CLEAN.read_bytes(), "a.txt", **kwargs)


def test_the_file_name_is_only_a_name(tmp_path, monkeypatch):
    """No configuration beside the name is read, the file it names is not opened, nothing is written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reportlint.toml").write_text('fail-on = "info"\nignore = ["placeholder"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(CLEAN.read_bytes())
    before = sorted(p.name for p in tmp_path.iterdir())
    result = reportlint.check_bytes(DEFECTS.read_bytes(), "a.txt")
    assert result.file.path == "a.txt"
    assert any(f.rule == "placeholder" for f in result.findings)  # the defects' bytes, no configuration
    assert str(result.fail_on) == "error"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_annotate_returns_the_docx_with_a_comment_per_finding():
    data = docx_from_text(DEFECTS.read_text(encoding="utf-8"))
    result = reportlint.check_bytes(data, "defects.docx")
    annotated = reportlint.annotate(data, "defects.docx")
    comments = read_comments(annotated)
    assert len(comments) == len(result.findings) > 0
    assert any(c["anchor"] == "zuzhi" for c in comments)
    assert read_comments(reportlint.annotate(data, "defects.docx", result=result)) == comments
    assert reportlint.check_bytes(annotated, "defects.docx").findings == result.findings  # comments change no text


def test_annotate_refuses_what_it_cannot_comment():
    with pytest.raises(reportlint.UnreadableError) as unreadable:
        reportlint.annotate(b"PK\x03\x04 not really a zip", "broken.docx")
    assert unreadable.value.kind == "damaged" and "broken.docx" in str(unreadable.value)
    with pytest.raises(AnnotateError, match=r"\.docx"):
        reportlint.annotate(CLEAN.read_bytes(), "clean.txt")
