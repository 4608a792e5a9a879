"""RL310 text-hygiene: half-width punctuation in Chinese text, full-width letters, stray spaces."""

from __future__ import annotations

import pytest

import reportlint

REPORT = "一、存在的主要问题\n（一）在学习方面。{}\n二、问题产生的原因\n（一）学习自觉性不强。\n三、整改措施\n（一）每月集中学习2次。\n"

CASES = [
    # body text, expected (where the finding starts in the body, message part) or None
    ("一是理论学习不够,全年只学了3次。", (",", "“,”应为“，”")),
    ("一是理论学习不够，全年只学了3次.", (".", "“.”应为“。”")),
    ("一是２０２５年只学了3次。", ("２", "“２０２５”应为“2025”")),
    ("一是 理论学习不够，全年只学了3次。", (" ", "中间多了空格")),
    ("一是理论学习不够，2025 年只学了3次。", (" ", "中间多了空格")),
    ("一是理论学习不够 。全年只学了3次。", (" ", "标点前后多了空格")),
    ("一是理论学习不够，全年只学了3次。", None),
    ("一是学习强国积分增长3.5%，排名第1,200位。", None),
    ("一是访问http://example.com/a,b的次数少。", None),
    ("一是对英文材料如“Work hard, play hard.”理解不够。", None),
    ("一是每天上午09:00签到，比例不足80%。", None),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_text_hygiene_cases(body, expected):
    doc = reportlint.parse_text(REPORT.format(body))
    found = [f for f in reportlint.lint(doc, select=["text-hygiene"]) if f.line == 2]
    if expected is None:
        assert found == []
    else:
        marker, message = expected
        column = len("（一）在学习方面。") + body.index(marker) + 1
        assert [(f.column, message in f.message) for f in found][:1] == [(column, True)]
        assert not [f for f in reportlint.lint(doc, ignore=["text-hygiene"]) if f.rule == "text-hygiene"]


def test_byline_with_one_space_between_unit_and_name_is_not_a_stray_space():
    # "单位 姓名" under the title, spaced with one space as often as with two
    doc = reportlint.parse_text("市委宣传部机关党支部2025年度组织生活会对照检查材料\n市委宣传部机关党支部 王宏\n"
                                "2026年1月\n" + REPORT.format("一是理论学习不够，全年只学了3次。"))
    assert [s.text for s in doc.byline] == ["市委宣传部机关党支部 王宏", "2026年1月"]
    assert reportlint.lint(doc, select=["text-hygiene"]) == []


def test_byline_spacing_is_deliberate_and_the_cap_applies():
    doc = reportlint.parse_text("某某局党支部对照检查材料\n第一党支部  刘静\n" + REPORT.format("一是 学 习 不 够 ，全 年 只 学 了3次。"))
    found = reportlint.lint(doc, select=["text-hygiene"])
    assert all(f.line != 2 for f in found)
    on_body = [f for f in found if f.line == 4]
    assert len(on_body) == 3 and "本段另有" in on_body[-1].message
