"""A part that holds two roles (查摆的问题及原因分析, 原因分析及整改措施) gives each its units: by the
subsections named for them, or by marker lines (问题表现：… 原因剖析：…) under comparison headings.
Before, the whole part was read as causes only, so its problems had no map and no correspondence
check. The texts are written for these tests."""

from __future__ import annotations

import pytest
from docx_builders import docx_from_text

import reportlint
from reportlint.matcher import correspond

PROBLEMS_AND_CAUSES = """粮库保管科党员2020年度组织生活会对照检查材料

一、查摆的问题及原因分析
（一）存在的问题
1.政治理论学习不够深入。参加支部集中学习多，自学少，全年读书笔记只有3篇。
2.保粮安全责任有所松懈。夏季高温期间粮情检查有2次没有按规定登记测温数据。
（二）产生问题的原因
1.理论学习的自觉性不强。认为自己是业务干部，学习理论是软任务。
2.责任意识有所淡化。对粮情检查制度的严肃性认识不足，存在侥幸心理。
二、整改措施
一是加强理论学习。每周安排3小时自学，每季度写1篇读书笔记。
二是压实保粮责任。严格执行粮情检查登记制度，每次测温数据当天录入。
"""

CAUSES_AND_MEASURES = """港口装卸公司调度科党员2025年度组织生活会对照检查材料

一、查摆的问题
一是学习不够系统，全会精神只通读了1遍。二是服务客户不够主动，压港投诉有2次超时答复。
二、原因分析及整改措施
（一）原因分析
1.理论学习的主动性不强。把主要精力放在生产上。
2.宗旨意识有所弱化。对客户的急难事重视不够。
（二）整改措施
1.系统学习全会精神。一季度精读全会公报和决定各2遍。
2.提升服务客户水平。建立投诉当班响应机制，1个工作日内答复。
"""

MARKER_LINES = """县农业农村局党组2020年度民主生活会对照检查材料

一、查摆的问题及原因分析
（一）带头学习贯彻习近平新时代中国特色社会主义思想方面
问题表现：班子学习“三农”重要论述多停留在读原文，全年专题研讨只有2次。
原因剖析：对理论学习的重要性认识不足，把学习当作软任务。
（二）带头履职尽责、担当作为方面
问题表现：产业扶贫项目后续管理跟进不够，有6个项目效益下滑。
原因剖析：脱贫攻坚任务完成后有松劲歇脚思想，担当精神有所弱化。
二、整改措施
1.强化理论武装。全年开展专题研讨不少于6次。
2.推动产业项目见效。对6个效益下滑的项目逐个制定帮扶方案，年底前完成。
"""


NAMED_ITEMS = """县广播电视台党支部2023年度组织生活会对照检查材料

一、存在的问题及原因分析
（一）理论学习方面
1．问题表现：集中学习以读文件为主，全年专题研讨只有2次，理论学习与采编工作结合不紧。
2．原因分析：支部对理论学习的重要性认识不足，学习制度缺少考核，专题研讨安排得少。
（二）工作作风方面
1．问题表现：一是深入基层采访不够，全年走基层稿件不足一成。二是文风不够清新，会议新闻套话多。
2．原因分析：一是“脚力”不足，吃不了苦，习惯坐在办公室等材料。二是“笔力”锤炼不够，对自己的稿件推敲少。
（三）廉洁自律方面
1．问题表现：广告经营合同审核流于形式，有的合同把新闻报道与广告投放捆绑。
2．原因分析：对广告经营岗位的廉洁风险认识不足，合同审核监督失之于宽。
（四）能力本领方面
1．问题表现：采编人员全媒体能力不足，能独立完成短视频剪辑的只有5人。
2．原因分析：支部没有把全媒体能力培训纳入党员教育，短视频培训缺乏规划。
二、整改措施
（一）每季度开展1次理论学习专题研讨，学习情况纳入年终考核。
（二）实行记者蹲点采访制度，走基层稿件占比提高到两成，开展好标题评选改进文风。
（三）修订广告经营合同审核办法，严禁新闻报道与广告投放挂钩。
（四）制定全媒体能力培训计划，年内开展短视频剪辑培训4期。
"""


@pytest.mark.parametrize("form", ["text", "docx"])
def test_numbered_role_names_within_comparison_sections(form: str) -> None:
    """1．问题表现 / 2．原因分析 under each comparison heading: the problem and its cause side by side."""
    doc = _parse(NAMED_ITEMS, form)
    assert _units(doc) == {
        "problems": ["一/（一）/1", "一/（二）/1/一是", "一/（二）/1/二是", "一/（三）/1", "一/（四）/1"],
        "causes": ["一/（一）/2", "一/（二）/2/一是", "一/（二）/2/二是", "一/（三）/2", "一/（四）/2"],
        "measures": ["二/（一）", "二/（二）", "二/（三）", "二/（四）"],
    }
    assert [u.heading for u in doc.units("problems")][:3] == ["理论学习方面", "工作作风方面", "工作作风方面"]
    # cause 一是 answers problem 一是: the causes are listed item by item under the same headings
    links = {p.path: [c.path for c in causes] for p, causes in _cause_links(doc)}
    assert links["一/（二）/1/一是"][0] == "一/（二）/2/一是"
    assert links["一/（二）/1/二是"][0] == "一/（二）/2/二是"
    findings = reportlint.lint(doc)
    assert not {f.code for f in findings} & {"RL101", "RL201", "RL203"}
    assert not [f for f in findings if f.code == "RL202" and f.severity == "error"]  # 文风: a warning


def test_role_names_within_a_problems_part() -> None:
    """A part named for the problems alone whose comparison sections hold 问题表现 and 原因剖析: the
    causes are there, not missing (RL101)."""
    text = NAMED_ITEMS.replace("存在的问题及原因分析", "存在的主要问题").replace("原因分析：", "原因剖析：")
    doc = _parse(text, "text")
    assert _units(doc)["problems"][:2] == ["一/（一）/1", "一/（二）/1/一是"]
    assert _units(doc)["causes"][:2] == ["一/（一）/2", "一/（二）/2/一是"]
    assert "RL101" not in {f.code for f in reportlint.lint(doc)}


def _cause_links(doc: reportlint.Document) -> list[tuple[reportlint.Unit, list[reportlint.Unit]]]:
    result = correspond(doc)
    return [(e.unit, [result.entry(lk.id).unit for lk in e.causes]) for e in result.problems]


def _units(doc: reportlint.Document) -> dict[str, list[str]]:
    return {role: [u.path for u in doc.units(role)] for role in ("problems", "causes", "measures")}


@pytest.mark.parametrize("form", ["text", "docx"])
def test_named_subsections_hold_problems_and_causes(form: str) -> None:
    doc = _parse(PROBLEMS_AND_CAUSES, form)
    assert _units(doc) == {
        "problems": ["一/（一）/1", "一/（一）/2"],
        "causes": ["一/（二）/1", "一/（二）/2"],
        "measures": ["二/一是", "二/二是"],
    }
    findings = reportlint.lint(doc)
    assert "RL101" not in {f.code for f in findings}  # no part is missing
    # the problems are checked: each gets its measure (the problem-cause links are the matcher's)
    assert not [f for f in findings if f.code in ("RL202", "RL204")]


@pytest.mark.parametrize("form", ["text", "docx"])
def test_named_subsections_hold_causes_and_measures(form: str) -> None:
    doc = _parse(CAUSES_AND_MEASURES, form)
    assert _units(doc) == {
        "problems": ["一/一是", "一/二是"],
        "causes": ["二/（一）/1", "二/（一）/2"],
        "measures": ["二/（二）/1", "二/（二）/2"],
    }
    assert not {f.code for f in reportlint.lint(doc)} & {"RL101", "RL202", "RL204"}  # measures answer both


@pytest.mark.parametrize("form", ["text", "docx"])
def test_marker_lines_under_comparison_headings(form: str) -> None:
    doc = _parse(MARKER_LINES, form)
    assert _units(doc) == {
        "problems": ["一/（一）/¶1", "一/（二）/¶1"],
        "causes": ["一/（一）/¶2", "一/（二）/¶2"],
        "measures": ["二/1", "二/2"],
    }
    assert doc.sections[0].children[0].role == "comparison"


def test_a_combined_part_without_markers_stays_one_cause() -> None:
    """No subsection named for a role and no marker lines: the part is read as before (its own role)."""
    text = MARKER_LINES.replace("问题表现：", "").replace("原因剖析：", "")
    doc = _parse(text, "text")
    assert _units(doc)["problems"] == []
    assert _units(doc)["causes"] == ["一/（一）", "一/（二）"]


def _parse(text: str, form: str) -> reportlint.Document:
    if form == "docx":
        return reportlint.parse(docx_from_text(text), name="r.docx")
    return reportlint.parse(text.encode("utf-8"), name="r.txt")
