"""Content rules RL301–RL309 on the seed report (findings at their exact positions), the shipped
examples, their helpers and their speed. Their case tables run in test_cases.py, their documented
examples in test_rule_docs.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import reportlint
from reportlint.checks import content
from reportlint.findings import Severity

HERE = Path(__file__).parent
SEED = HERE.parent.parent / "shared" / "examples" / "seed-report.txt"
if not SEED.exists():  # pragma: no cover - a checkout elsewhere
    SEED = Path("/work/shared/examples/seed-report.txt")
EXAMPLES = HERE.parent / "examples"

def findings(text: str, name: str, path: str = "<text>"):
    return reportlint.lint(reportlint.parse_text(text, name=path), select=[name])


# -- the seed report ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_findings():
    return reportlint.lint(reportlint.parse(str(SEED)), select=["RL3"])


def _at(found, code):
    return [(f.line, f.column, f.end_column, f.excerpt) for f in found if f.code == code]


def test_seed_placeholders(seed_findings) -> None:
    assert _at(seed_findings, "RL301") == [
        (5, 38, 39, "XX"),  # 会前，XX党支部
        (8, 164, 170, "XX届X中X会"),
        (12, 374, 375, "XX"),  # 上次民主生活会期间，XX党支部
        (12, 395, 396, "XX"),  # 共查找出XX方面的问题
        (12, 559, 565, "XX届五中全会"),
        (18, 51, 57, "XX届X中X会"),
        (23, 56, 62, "XX届X中X会"),
    ]


def test_seed_pinyin(seed_findings) -> None:
    hits = [f for f in seed_findings if f.code == "RL302"]
    assert [(f.line, f.column) for f in hits] == [
        (3, 15), (5, 23), (11, 23), (13, 27), (19, 4), (19, 18), (19, 31), (23, 238), (25, 54),
    ]
    assert all(f.excerpt == "zuzhi" and "组织" in f.message for f in hits)


def test_seed_meeting_type(seed_findings) -> None:
    hits = [f for f in seed_findings if f.code == "RL303"]
    assert [(f.line, f.column, f.end_column, f.excerpt, f.severity) for f in hits] == [
        (12, 366, 370, "民主生活会", Severity.ERROR)
    ]


def test_seed_has_no_stale_reference(seed_findings) -> None:
    # 2021: 新冠肺炎疫情防控 and 党的十九大以来 were current
    assert not [f for f in seed_findings if f.code == "RL306"]


def test_seed_stale_when_reused_in_2023() -> None:
    text = SEED.read_text(encoding="utf-8").replace("党支部2021年", "党支部2023年度")
    hits = reportlint.lint(reportlint.parse_text(text), select=["stale-reference"])
    # 党史学习教育 (2021) named as this year's campaign in the title, the preamble and two problems
    assert {(f.line, f.excerpt) for f in hits} == {
        (10, "新冠肺炎疫情防控"), (12, "党的十九大以来"),
        (3, "党史学习教育"), (5, "党史学习教育"), (11, "党史学习教育"), (12, "党史学习教育"),
    }


def test_seed_other_content_rules(seed_findings) -> None:
    assert not [f for f in seed_findings if f.code in ("RL307", "RL308", "RL309")]
    vague = [f for f in seed_findings if f.code == "RL304"]
    # 一是在“学懂”上 has 比如 (an example); 二是在“弄通”上 has none
    assert "一/（一）/一是" not in {f.section for f in vague}
    assert "一/（一）/二是" in {f.section for f in vague}
    measures = [f.section for f in seed_findings if f.code == "RL305"]
    assert "三/（一）/2" not in measures  # 每天…中心组…学习强国
    assert "三/（一）/1" in measures


# -- the shipped examples -------------------------------------------------------------------------


def test_clean_examples_have_no_content_findings() -> None:
    for name in ("branch-2025-clean.txt", "member-2023-speech.txt"):
        found = [f for f in reportlint.lint(reportlint.parse(str(EXAMPLES / name)), select=["RL3"])
                 if f.severity >= Severity.WARNING]
        assert found == [], (name, [(f.code, f.line, f.column, f.message) for f in found])


def test_leader_example_defects() -> None:
    found = reportlint.lint(reportlint.parse(str(EXAMPLES / "leader-2024-defects.txt")), select=["RL3"])
    got = {(f.code, f.line, f.column, f.excerpt) for f in found}
    assert got == {
        ("RL301", 4, 168, "××"),
        ("RL301", 4, 183, "20**"),
        ("RL303", 4, 216, "组织生活会"),
        ("RL302", 11, 30, "zuzhi"),
        ("RL301", 14, 18, "××"),
        ("RL305", 29, 62, "2.进一步加强作风建设，不断提高工作水平，切实增强责任意识，持续推动各项工作再上新台阶。"),
        ("RL301", 30, 23, "××"),
        ("RL320", 10, 81, "政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律"),
        ("RL317", 28, 65, "2025年03月"),
    } | {f for f in got if f[0] == "RL301" and f[1] == 2}
    assert any(f.code == "RL301" and f.line == 2 and f.excerpt == "XX" for f in found)


# -- helpers and robustness -----------------------------------------------------------------------


def test_pinyin_reading() -> None:
    assert content.pinyin_reading("zuzhi") == "组织"
    assert content.pinyin_reading("ZuzhiShenghuohui") == "组织生活会"
    assert content.pinyin_reading("excel") is None
    assert content.pinyin_reading("") is None


def test_markdown_emphasis_is_not_a_placeholder() -> None:
    text = "**一、存在的主要问题**\n\n不忘**、牢记**，**镇党委"
    md = findings(text, "placeholder", path="report.md")
    assert [(f.line, f.excerpt) for f in md] == [(3, "**"), (3, "**"), (3, "**")]
    txt = findings(text, "placeholder", path="report.txt")
    assert len(txt) > len(md)


def test_meeting_type_author_warning_severity() -> None:
    found = findings("第二党支部2024年度民主生活会对照检查材料\n\n根据通知要求。", "meeting-type-mismatch")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "组织生活会" in found[0].message


def test_report_window() -> None:
    doc = reportlint.parse_text("2021年度组织生活会对照检查材料\n\n根据要求。")
    first, last, _ = content.report_window(doc, None)
    assert (first // 12, first % 12 + 1, last // 12, last % 12 + 1) == (2021, 12, 2022, 3)
    doc = reportlint.parse_text("2021年党史学习教育专题组织生活会检查材料\n\n根据要求。")
    first, last, _ = content.report_window(doc, None)
    assert (first // 12, last // 12, last % 12 + 1) == (2021, 2021, 12)
    doc = reportlint.parse_text("对照检查材料\n\n根据要求。")
    assert content.report_window(doc, None) is None


HOSTILE = [
    "X" * 5000,
    "x中" * 5000,
    "*" * 10000 + "年",
    "【" * 3000 + "】" * 3000,
    "學(" + "xué " * 3000 + ")",
    "zuzhi" * 4000 + "中",
    "用公款" * 5000,
    "某" * 10000,
    "-" * 10000 + "中",
    "(" * 5000 + "中" + ")" * 5000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_lines_are_linted(text: str) -> None:
    """Lines that once made a text rule's pattern backtrack for minutes (bench/hostile.py times them):
    each is linted by the text rules and nothing else."""
    findings = reportlint.lint(reportlint.parse_text("标题\n\n" + text), select=["RL3"])
    assert all(f.code.startswith("RL3") for f in findings)


def test_a_one_megabyte_report_gets_its_text_findings() -> None:
    """The seed repeated to 1 MB (bench/hostile.py times it): every copy's placeholders are found."""
    body = SEED.read_text(encoding="utf-8")
    copies = 1_000_000 // len(body.encode("utf-8")) + 1
    once = [f.code for f in reportlint.lint(reportlint.parse_text(body), select=["RL301"])]
    findings = reportlint.lint(reportlint.parse_text(body * copies), select=["RL301"])
    assert once and len(findings) >= copies * len(once)


def test_options_documented_as_data() -> None:
    # every vocabulary the rules read is shipped
    for name in ("placeholders", "pinyin", "meetings", "stale", "vague", "duplicates", "confusables"):
        assert reportlint.resources.vocab(name)
    for entry in reportlint.resources.vocab("stale")["phrase"]:
        re.compile(entry["pattern"])


@pytest.mark.parametrize("auto", [False, True], ids=["typed-labels", "auto-numbering"])
def test_seed_as_docx_gives_the_same_findings(auto: bool) -> None:
    pytest.importorskip("docx")
    sys.path.insert(0, str(HERE))
    from docx_builders import docx_from_text

    text = SEED.read_text(encoding="utf-8")
    as_docx = reportlint.lint(reportlint.parse(docx_from_text(text, auto_numbering=auto), name="seed.docx"),
                              select=["RL3"])
    as_text = reportlint.lint(reportlint.parse(str(SEED)), select=["RL3"])
    key = (lambda f: (f.code, f.line, f.excerpt)) if auto else (lambda f: (f.code, f.line, f.column, f.excerpt))
    assert sorted(map(key, as_docx)) == sorted(map(key, as_text))


def test_excerpts_are_the_located_text_on_random_input() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    alphabet = list("XxＸ×*＊某【】（）_＿-.。，：“”") + list("党支部组织生活会民主学习问题整改一二三是") + [
        "zuzhi", "dang", "學(xué)", "20", "202", "届", "中", "全会", "\n", "一、", "（一）", "1.", " ", "用公款", "自已",
    ]

    @hypothesis.settings(max_examples=150, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(alphabet), max_size=80).map("".join))
    def check(text: str) -> None:
        doc = reportlint.parse_text(text)
        lines = text.split("\n")
        for f in reportlint.lint(doc, select=["RL3"]):
            assert "crashed" not in f.message, f.message
            if f.line is not None and f.code in ("RL301", "RL302", "RL306", "RL308", "RL309"):
                assert lines[f.line - 1][f.column - 1:f.end_column] == f.excerpt, (f, text)

    check()
