"""RL310 text-hygiene on the lines under the title (its case table, tests/cases/text-hygiene.toml, runs in
test_cases.py): a byline's spacing is deliberate."""

from __future__ import annotations

import reportlint

REPORT = "一、存在的主要问题\n（一）在学习方面。{}\n二、问题产生的原因\n（一）学习自觉性不强。\n三、整改措施\n（一）每月集中学习2次。\n"


def test_byline_with_one_space_between_unit_and_name_is_not_a_stray_space():
    # "单位 姓名" under the title, spaced with one space as often as with two
    doc = reportlint.parse_text("市委宣传部机关党支部2025年度组织生活会对照检查材料\n市委宣传部机关党支部 王宏\n"
                                "2026年1月\n" + REPORT.format("一是理论学习不够，全年只学了3次。"))
    assert [s.text for s in doc.byline] == ["市委宣传部机关党支部 王宏", "2026年1月"]
    assert reportlint.lint(doc, select=["text-hygiene"]) == []
