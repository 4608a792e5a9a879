"""A part that holds two roles (查摆的问题及原因分析, 原因分析及整改措施) gives each its units: by the
subsections named for them, or by marker lines (问题表现：… 原因剖析：…) under comparison headings.
Before, the whole part was read as causes only, so its problems had no map and no correspondence
check. The texts are written for these tests."""

from __future__ import annotations

import pytest
from docx_builders import docx_from_text

import reportlint

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
