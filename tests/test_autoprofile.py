"""`profile = "auto"` (the default): a report checked with no --profile gets the built-in profile that
fits what its title, byline and preamble say (meeting, year, author, campaign), and says which and why;
the checks that need no profile (announced counts, a branch's meeting) and the ones that do not let a
profile override the report's own year or meeting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportlint
from reportlint.autoprofile import read_report, settle_profile
from reportlint.cli import main

HERE = Path(__file__).parent
SEED = HERE.parent.parent / "shared" / "examples" / "seed-report.txt"
EXAMPLES = HERE / "eval" / "reports"

# A body every generated title is read with: the preamble names no meeting of its own.
BODY = """
根据上级党组织的通知要求，会前认真学习，广泛征求意见，开展谈心谈话，深入查摆问题，剖析根源，明确整改方向。现报告如下：
一、存在的主要问题
一是理论学习不够系统，全年集中学习只有8次。
二、问题产生的原因
一是理论武装不够到位，学习的自觉性不强。
三、整改措施
一是每月集中学习不少于2次，由支部书记负责。
"""

TEAM = "中共青山县财政局党组领导班子"
LEADER = "青山县财政局党组书记、局长王明"
BRANCH = "中共青山县财政局机关第二党支部"
MEMBER = "第二党支部党员李华"
PERSONAL = "个人"

# (title, the profile auto must choose): every year and meeting of DOMAIN §a, each kind of author
TITLES = [
    (f"{TEAM}“不忘初心、牢记使命”专题民主生活会对照检查材料", "2019-four-contrasts"),
    (f"{LEADER}“不忘初心、牢记使命”专题民主生活会{PERSONAL}发言提纲", "2019-four-contrasts"),
    (f"{BRANCH}2019年“不忘初心、牢记使命”专题组织生活会对照检查材料", "2019-four-contrasts"),
    (f"{MEMBER}2019年“不忘初心、牢记使命”专题组织生活会{PERSONAL}检视剖析材料", "2019-org-member-three-inspections"),
    (f"{TEAM}2020年度民主生活会对照检查材料", "2020-dem-five-leads"),
    (f"{LEADER}2020年度民主生活会{PERSONAL}对照检查材料", "2020-dem-five-leads"),
    (f"{BRANCH}2020年度组织生活会对照检查材料", "2020-org-branch-six"),
    (f"{BRANCH}2021年党史学习教育专题组织生活会对照检查材料", "2021-org-history-four"),
    (f"{MEMBER}2021年党史学习教育专题组织生活会{PERSONAL}检视剖析材料", "2021-org-history-four"),
    (f"{BRANCH}2021年度组织生活会对照检查材料", "2021-org-four-contrasts"),
    (f"{MEMBER}2021年度组织生活会{PERSONAL}对照检查材料", "2021-org-four-contrasts"),
    (f"{TEAM}2021年度党史学习教育专题民主生活会对照检查材料", "2021-dem-history"),
    (f"{LEADER}党史学习教育专题民主生活会{PERSONAL}发言提纲", "2021-dem-history"),
    (f"{TEAM}2022年度民主生活会对照检查材料", "2022-dem-six-leads"),
    (f"{LEADER}2022年度民主生活会{PERSONAL}发言提纲", "2022-dem-six-leads"),
    (f"{BRANCH}2022年度组织生活会对照检查材料", "2022-org-branch-duties"),
    (f"{MEMBER}2022年度组织生活会{PERSONAL}对照检查材料", "2022-org-member-six"),
    (f"{TEAM}学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会对照检查材料", "2023-theme-six-aspects"),
    (f"{LEADER}2023年主题教育专题民主生活会{PERSONAL}发言提纲", "2023-theme-six-aspects"),
    (f"{BRANCH}2023年主题教育专题组织生活会对照检查材料", "2023-org-branch-six-aspects"),
    (f"{MEMBER}主题教育专题组织生活会暨2023年度组织生活会{PERSONAL}检视剖析材料", "2023-org-four-inspections"),
    (f"{TEAM}2024年度民主生活会对照检查材料", "2024-dem-four-leads"),
    (f"{LEADER}2024年度民主生活会{PERSONAL}对照检查材料", "2024-dem-four-leads"),
    (f"{BRANCH}2024年度组织生活会对照检查材料", "2024-org-six-disciplines"),
    (f"{MEMBER}2024年度组织生活会{PERSONAL}对照检查材料", "2024-org-six-disciplines"),
    (f"{TEAM}2025年度民主生活会对照检查材料（含反面典型案例剖析）", "2025-dem-five-leads"),
    (f"{LEADER}2025年度民主生活会{PERSONAL}发言提纲", "2025-dem-five-leads"),
    (f"{BRANCH}2025年度组织生活会对照检查材料", "2025-org-branch-three"),
    (f"{MEMBER}2025年度组织生活会{PERSONAL}对照检查材料", "2025-org-member-six-disciplines"),
    # nothing fits: the default, and the reason says so
    (f"{TEAM}关于召开2024年度民主生活会的通知", "default"),
    (f"{TEAM}巡察整改专题民主生活会对照检查材料", "default"),
    ("关于加强机关作风建设的自查报告", "default"),
    (f"{LEADER}2018年度民主生活会{PERSONAL}对照检查材料", "default"),
]


@pytest.mark.parametrize("title, expected", TITLES, ids=[t for t, _ in TITLES])
def test_generated_titles_get_the_profile_of_their_year_meeting_and_author(title, expected):
    profile, reason = settle_profile(reportlint.parse_text(title + "\n" + BODY))
    assert profile.name == expected, reason
    assert reason.startswith("auto: 标题“")
    assert profile.auto
    if expected == "default":
        assert reason.endswith("，用default")


# the examples (tests/eval/reports): each file's name gives its kind, year and heading set
EXAMPLE_PROFILES = {
    "01-branch-2021-four-contrasts.txt": "2021-org-four-contrasts",
    "02-team-2022-six-lead.txt": "2022-dem-six-leads",
    "03-leader-2023-six-aspects.txt": "2023-theme-six-aspects",
    "04-branch-2019-four-contrasts.txt": "2019-four-contrasts",
    "05-member-2024-six-disciplines.txt": "2024-org-six-disciplines",
    "06-leader-2025-five-lead-case.txt": "2025-dem-five-leads",
    "07-team-2024-four-lead-case.txt": "2024-dem-four-leads",
    "08-branch-2022-previous-part.txt": "2022-org-branch-duties",
    "09-member-2023-four-inspections.txt": "2023-org-four-inspections",
    "10-team-2021-party-history-plain.txt": "2021-dem-history",
}


def test_every_example_is_checked_with_the_profile_of_its_kind():
    assert sorted(p.name for p in EXAMPLES.glob("*.txt")) == sorted(EXAMPLE_PROFILES)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(EXAMPLES)])
    files = json.loads(result.output)["files"]
    chosen = {Path(f["path"]).name: f["profile"] for f in files}
    assert chosen == EXAMPLE_PROFILES
    assert all(f["profile_reason"].startswith("auto: ") for f in files)
    # a correct report gets no error from the profile chosen for it
    errors = [(Path(f["path"]).name, x["rule"]) for f in files for x in f["findings"]
              if x["severity"] == "error" and x["rule"] in ("missing-part", "missing-comparison")]
    assert errors == []


def _dem_2024(case_part: bool) -> str:
    case = """二、反面典型案例剖析
（一）案例基本情况。原局长张某某利用职务便利在项目审批中收受财物，2024年6月被开除党籍。
（二）对照案例查摆自身差距。班子对权力运行的监督不够，对李某某等人的苗头性问题提醒不及时。
""" if case_part else ""
    n = ["三", "四"] if case_part else ["二", "三"]
    return f"""青山县发展改革局领导班子2024年度民主生活会对照检查材料

根据县委关于召开2024年度民主生活会的通知要求，局领导班子围绕“四个带头”深入查摆问题。现报告如下：
一、存在的主要问题
（一）带头严守政治纪律和政治规矩，维护党的团结统一方面。一是学习贯彻不够深入，全年集中学习12次，有3次流于读文件。
（二）带头增强党性、严守纪律、砥砺作风方面。一是调查研究不够扎实，全年到企业调研只有5次。
（三）带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面。一是改革攻坚魄力不足，2项审批改革任务延期2个月。
（四）带头履行全面从严治党政治责任方面。一是“一岗双责”落实不到位，全年专题研究党风廉政建设只有2次。
{case}{n[0]}、问题产生的原因
（一）理论武装不够到位。对党的创新理论学习的系统性不强，学用结合不紧。
（二）党性修养有所放松。对纪律规矩的敬畏之心有所减弱，调查研究和改革攻坚的担当不足。
{n[1]}、整改措施
（一）加强理论学习。2025年3月底前制定学习计划，每月集中学习不少于2次，由办公室负责。
（二）改进调查研究。2025年每名班子成员到企业调研不少于8次，6月底前完成审批改革任务。
"""


def test_one_command_finds_the_missing_case_part_of_a_2024_democratic_meeting_report(tmp_path):
    path = tmp_path / "2024.txt"
    path.write_text(_dem_2024(case_part=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{path}: 标准 2024-dem-four-leads（auto: 标题“")
    assert f"{path}: RL101 [missing-part] 缺少“反面典型案例剖析”部分" in lines


def test_a_case_part_is_its_own_part_and_its_anonymised_names_are_not_placeholders():
    doc = reportlint.parse_text(_dem_2024(case_part=True))
    assert [s.role for s in doc.sections] == ["problems", "case", "causes", "measures"]
    found = reportlint.lint(doc)
    assert not [f for f in found if f.rule in ("missing-part", "placeholder", "missing-comparison")]


@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
class TestSeed:
    def lint(self, text: str | None = None):
        doc = reportlint.parse_text(text) if text is not None else reportlint.parse(SEED)
        return reportlint.lint(doc)

    def test_local_comparison_headings_are_one_warning_listing_both_sets(self):
        found = [f for f in self.lint() if f.rule == "missing-comparison"]
        assert [(f.severity.name, f.line) for f in found] == [("WARNING", None)]
        assert "请核对本单位通知" in found[0].message
        assert "对照入党誓词" in found[0].message and "对照上级部署要求" in found[0].message

    def test_the_named_profile_keeps_its_headings_required(self):
        found = reportlint.lint(reportlint.parse(SEED), profile="2021-org-four-contrasts")
        assert [f.severity.name for f in found if f.rule == "missing-comparison"] == ["ERROR"] * 4

    def test_the_titles_four_contrasts_match_its_four_headings(self):
        assert not [f for f in self.lint() if f.rule == "announced-count"]

    @pytest.mark.parametrize("change", ["removed", "added"])
    def test_one_heading_removed_or_added_is_an_announced_count_finding(self, change):
        lines = SEED.read_text(encoding="utf-8").split("\n")
        at = next(n for n, line in enumerate(lines) if line.startswith("（二）对照上级部署要求"))
        if change == "removed":
            del lines[at]
        else:
            lines.insert(at + 1, "（五）对照先进典型。一是比学赶超的劲头不足，全年只参加2次交流活动。")
        found = [f for f in self.lint("\n".join(lines)) if f.rule == "announced-count"]
        assert [(f.line, f.excerpt) for f in found] == [(3, "四个对照")]
        assert f"有{3 if change == 'removed' else 5}个对照项" in found[0].message


def test_a_branch_report_under_a_democratic_meeting_profile_gets_one_finding_not_two():
    text = """中共青山县市场监管局第二党支部2023年主题教育专题组织生活会对照检查材料

一、存在的主要问题
（一）理论学习方面。一是学习不够系统，全年集中学习10次，有3次只读文件。
二、问题产生的原因
（一）理论武装不够到位。学习的系统性不强，学用结合不紧。
三、整改措施
（一）加强理论学习。2024年3月底前制定学习计划，每月集中学习不少于2次。
"""
    found = reportlint.lint(reportlint.parse_text(text), profile="2023-theme-six-aspects",
                            select=["meeting-type-mismatch", "profile-mismatch"])
    assert [(f.rule, f.line) for f in found] == [("profile-mismatch", 1)]
    assert "民主生活会" in found[0].message and "组织生活会（党支部）" in found[0].message


def test_a_branch_title_naming_a_democratic_meeting_is_one_warning():
    text = "第二党支部2024年度民主生活会对照检查材料\n\n会前，支部召开组织生活会征求意见。\n" + BODY
    found = reportlint.lint(reportlint.parse_text(text), select=["meeting-type-mismatch"])
    assert [(f.line, f.severity.name) for f in found] == [(1, "WARNING")]


def test_a_named_profile_of_another_year_is_said_once_and_the_report_keeps_its_year():
    text = "第二党支部2025年度组织生活会对照检查材料\n\n深入学习贯彻党的二十届四中全会精神。\n" + BODY
    found = reportlint.lint(reportlint.parse_text(text), profile="2021-org-four-contrasts",
                            select=["profile-mismatch", "stale-reference"])
    assert [(f.rule, f.line) for f in found] == [("profile-mismatch", 1)]
    assert "2021年度组织生活会" in found[0].message and "2025年度组织生活会（党支部）" in found[0].message


def test_chinese_names_choose_a_profile_and_the_list_shows_them(tmp_path):
    path = tmp_path / "2024.txt"
    path.write_text(_dem_2024(case_part=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--profile", "2024年度民主生活会", str(path)])
    file = json.loads(result.output)["files"][0]
    assert (file["profile"], file["profile_reason"]) == ("2024-dem-four-leads", "--profile")
    listing = CliRunner().invoke(main, ["profile", "list"]).output
    assert "2024年度民主生活会（四个带头，含反面典型案例剖析）" in listing
    assert "2022年度民主生活会（六个带头） [未核实]" in listing


def test_reading_a_year_of_holding_and_a_year_of_the_meeting():
    """年度 is the year the meeting is about; a 民主生活会 dated January 2025 is the 2024年度 one."""
    reading = read_report(reportlint.parse_text(f"{TEAM}民主生活会对照检查材料\n2025年1月20日\n" + BODY))
    assert (reading.meeting, reading.year, reading.held, reading.author) == ("民主生活会", 2024, 2025, "班子")
