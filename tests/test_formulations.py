"""The proofreading rules RL314–RL321 beyond their case tables: what they say on the seed and the
shipped examples, a unit's own `[formulations]` table, what `reportlint fix` changes and leaves, and
the vocabulary's provenance."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportlint
from reportlint.checks.formulations import enumerations, names
from reportlint.cli import main
from reportlint.fix import fix_bytes
from reportlint.resources import vocab

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
SEED = HERE.parent.parent / "shared" / "examples" / "seed-report.txt"
NEW = ["RL320", "RL321", "RL314", "RL315", "RL316", "RL317", "RL318", "RL319"]


def _new_findings(path: Path, profile: str = "default") -> list[tuple[int | None, int | None, str]]:
    return [(f.line, f.column, f.code) for f in reportlint.lint(reportlint.parse(path), profile, select=NEW)]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed report is not here")
def test_seed_gets_its_one_wrong_name_and_nothing_else() -> None:
    found = reportlint.lint(reportlint.parse(SEED), select=NEW)
    assert [(f.line, f.column, f.code, f.excerpt) for f in found] == [
        (12, 212, "RL321", "习近平中国特色社会主义思想")]


def test_examples_get_what_examples_readme_lists() -> None:
    assert _new_findings(EXAMPLES / "branch-2025-clean.txt") == []
    assert _new_findings(EXAMPLES / "member-2023-speech.txt", "2023-org-four-inspections") == []
    assert _new_findings(EXAMPLES / "member-2023-speech.docx", "2023-org-four-inspections") == []
    assert _new_findings(EXAMPLES / "leader-2024-defects.txt", "2024-dem-four-leads") == [
        (10, 81, "RL320"), (28, 65, "RL317")]
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "| 10:81 |" in readme and "| 28:65 |" in readme and "12:212" in readme


REPORT = """2025年度组织生活会对照检查材料
一、存在的主要问题
一是对市自然资源局党组“三个结合”即理论和实践相结合、学习和工作相结合的要求落实不够。
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_unit_s_own_terms_from_reportlint_toml(tmp_path: Path) -> None:
    cfg = tmp_path / "reportlint.toml"
    cfg.write_text('[formulations]\n"云溪市自然资源和规划局" = ["市自然资源局"]\n'
                   '"三个结合" = {members = ["理论和实践相结合", "学习和工作相结合", "个人和集体相结合"]}\n',
                   encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    r = run("check", "--config", str(cfg), "--no-cache", "--select", "RL320,RL321", "--format", "json", str(report))
    messages = [f["message"] for f in json.loads(r.output)["files"][0]["findings"]]
    assert messages == [
        "“市自然资源局”应为“云溪市自然资源和规划局”（本单位规定的写法）",
        "“三个结合”只列出2项，缺少“个人和集体相结合”；应为理论和实践相结合、学习和工作相结合、个人和集体相结合",
    ]
    # without the table the report is clean for these rules
    r = run("check", "--isolated", "--no-cache", "--select", "RL320,RL321", "--format", "json", str(report))
    assert r.exit_code == 0 and json.loads(r.output)["files"][0]["findings"] == []


@pytest.mark.parametrize(("toml", "needle"), [
    ('[formulations]\n"三个结合" = "理论和实践相结合"\n', "formulations.三个结合 must be a list"),
    ('[formulations]\n"三个结合" = {members = [1, 2]}\n', "formulations.三个结合.members must be a list"),
    ('[formulations]\n"三个结合" = {items = ["a"]}\n', "formulations.三个结合 must be a list"),
    ('formulations = 5\n', "'formulations' must be a table"),
    # the house style's table: known kinds of label, marks as a string (a number crashed the rule)
    ('[rules.ordinal-punctuation]\nforbidden = {"一是" = 5}\n', "forbidden.一是 must be str, not int"),
    ('[rules.ordinal-punctuation]\nforbidden = {"第十" = "、"}\n', "unknown key rules.ordinal-punctuation.forbidden.第十"),
])
def test_a_wrong_formulations_table_is_a_config_error(tmp_path: Path, toml: str, needle: str) -> None:
    cfg = tmp_path / "reportlint.toml"
    cfg.write_text(toml, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    r = run("check", "--config", str(cfg), "--no-cache", str(report))
    assert r.exit_code == 2 and needle in r.output and "Traceback" not in r.output


def test_fix_writes_only_the_certain_changes() -> None:
    text = ("2024年度组织生活会对照检查材料\n一、存在的主要问题\n"
            "一是对“学懂“的要求落实不够。\n"
            "二是树牢\"四个意识\"不够，落实“三会一课\"制度（支部党员大会、党课)不严。\n"
            "三是2025年01月05日才召开会议，二〇二五年1月才学习。\n"
            "四是对“学懂“弄通\"的理解不深。\n")
    fixed, edits, _ = fix_bytes(text.encode("utf-8"), "r.txt")
    lines = fixed.decode("utf-8").splitlines()
    assert lines[2] == "一是对“学懂”的要求落实不够。"  # the only two quotes, both opening: the second closes
    assert lines[3] == "二是树牢“四个意识”不够，落实“三会一课”制度（支部党员大会、党课）不严。"
    assert lines[4] == "三是2025年1月5日才召开会议，二〇二五年1月才学习。"  # a mixed date is the author's choice
    assert lines[5] == "四是对“学懂“弄通\"的理解不深。"  # which quote is wrong is a guess: left alone
    assert {e.reason for e in edits} == {"引号方向", "改为全角", "月、日不补零"}
    left = reportlint.lint(reportlint.parse_text(fixed.decode("utf-8")), select=["RL315", "RL316", "RL317"])
    assert sorted((f.line, f.code) for f in left) == [(5, "RL317"), (6, "RL315"), (6, "RL316")]


def test_every_entry_has_its_sources_and_only_verified_ones_are_on() -> None:
    data = vocab("formulations")
    sources = set(data["sources"])
    entries = [e for kind in ("enumeration", "name", "variants") for e in data.get(kind, [])]
    assert entries and all(e.get("tag") in ("V", "P", "U") for e in entries)
    assert all(e.get("sources") and set(e["sources"]) <= sources for e in entries)
    shipped = {e["name"] for e in data["enumeration"] if e["tag"] == "V"}
    assert {e.name for e in enumerations()} == shipped
    rights = [n.right for n in names()]
    assert "习近平总书记" not in rights and "习近平总书记" in [n.right for n in names(unconfirmed=True)]


def test_the_vocabulary_is_plain_toml_a_unit_can_read() -> None:
    path = Path(reportlint.__file__).resolve().parents[2] / "rules" / "vocab" / "formulations.toml"
    if path.exists():  # an editable install; the wheel has it as package data
        assert tomllib.loads(path.read_text(encoding="utf-8")) == vocab("formulations")


def test_fix_makes_the_same_changes_in_a_docx() -> None:
    from docx_builders import docx_from_text

    text = "2024年度组织生活会对照检查材料\n一、存在的主要问题\n一是树牢\"四个意识\"不够，2025年01月05日才召开会议（含党课)。\n"
    fixed, edits, fmt = fix_bytes(docx_from_text(text), "r.docx")
    assert fmt == "docx" and len(edits) == 5
    paragraphs = [p.text for p in reportlint.parse(fixed, name="r.docx").source.paragraphs]
    assert paragraphs[2] == "一是树牢“四个意识”不够，2025年1月5日才召开会议（含党课）。"
