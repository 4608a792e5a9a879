"""Mechanical fixes: renumbering, full-width brackets, no punctuation after （一）/（1）."""

from __future__ import annotations

import io

import docx
from click.testing import CliRunner
from docx_builders import build_docx, docx_from_text

from reportlint import lint, parse, parse_text
from reportlint.cli import main
from reportlint.fix import apply_text, fix_bytes, plan_fixes
from reportlint.labels import chinese_number, to_number

BROKEN = "标题\n一、问题\n(一)、政治方面\n一是aa。二是bb。二是cc。\n（三)作风\n1.学习\n3.调研\n（1）、细节\n三、原因\n四、措施"
FIXED = "标题\n一、问题\n（一）政治方面\n一是aa。二是bb。三是cc。\n（二）作风\n1.学习\n2.调研\n（1）细节\n二、原因\n三、措施"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 105, 110)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十"]


def test_a_sequence_longer_than_999_is_renumbered_without_a_traceback():
    """chinese_number stopped at 999 (IndexError in `fix` and in RL105 on a long list)."""
    assert [chinese_number(n) for n in (999, 1000, 1005, 20250)] == ["九百九十九", "一〇〇〇", "一〇〇五", "二〇二五〇"]
    assert all(to_number(chinese_number(n)) == n for n in range(1, 3000))
    text = "一、存在的问题\n（一）学习方面\n" + "一是学习不够。\n" * 1005
    fixed, edits, _ = fix_bytes(text.encode("utf-8"), "long.txt")
    assert len(edits) == 1004
    assert fixed.decode("utf-8").splitlines()[-1] == "一〇〇五是学习不够。"


def test_lists_under_unlabelled_sub_headings_are_not_renumbered():
    text = ("一、存在的主要问题\n在理论学习方面\n一是学习不够系统，全年仅8次。二是学用结合不紧。\n"
            "在服务群众方面\n一是查档等候40分钟。二是线上办理占比仅15%。\n")
    assert fix_bytes(text.encode("utf-8"), "sub.txt")[1] == []
    causes = "一、存在的问题及原因\n（一）学习不够。一是时间少；二是笔记少。究其原因，一是当作软任务，二是没有计划。\n"
    assert fix_bytes(causes.encode("utf-8"), "causes.txt")[1] == []


def test_plan_and_apply_text_keeps_encoding_and_line_endings():
    data = BROKEN.replace("\n", "\r\n").encode("gb18030")
    fixed, edits, fmt = fix_bytes(data, "r.txt")
    assert fmt == "text"
    assert fixed.decode("gb18030") == FIXED.replace("\n", "\r\n")
    assert {e.reason for e in edits} >= {"括号改为全角，删除“、”", "重新编号", "重新编号，括号改为全角"}
    # the fixed report has no numbering or punctuation findings left
    after = lint(parse_text(FIXED), select=("RL105", "RL408"))
    assert after == []
    # BOM and UTF-8 kept; a clean file gets no edits
    bom = "\ufeff".encode() + BROKEN.encode("utf-8")
    assert apply_text(bom, plan_fixes(parse_text(BROKEN))).startswith(b"\xef\xbb\xbf")
    assert fix_bytes(FIXED.encode("utf-8"), "ok.txt")[1] == []


def test_docx_fix_edits_text_in_place_keeping_run_formatting(tmp_path):
    data = build_docx([
        "标题", "一、问题",
        {"runs": [{"text": "(一", "bold": True, "east_asia": "楷体_GB2312"}, {"text": ")、政治方面", "bold": True}]},
        "（三）作风", "二、原因", "三、措施",
    ])
    fixed, edits, fmt = fix_bytes(data, "r.docx")
    assert fmt == "docx" and len(edits) == 2
    paras = docx.Document(io.BytesIO(fixed)).paragraphs
    assert [p.text for p in paras] == ["标题", "一、问题", "（一）政治方面", "（二）作风", "二、原因", "三、措施"]
    assert all(r.bold for r in paras[2].runs if r.text)


def test_automatic_numbering_is_left_alone():
    data = docx_from_text("标题\n一、问题\n（一）甲\n（三）乙\n二、原因\n三、措施", auto_numbering=True)
    doc = parse(data, name="a.docx")
    assert plan_fixes(doc) == []


def test_fix_command_and_check_fix(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "fixed.txt"
    r = run("fix", str(src), "-o", str(out))
    assert r.exit_code == 0 and "wrote" in r.output and "“(一)、” → “（一）”" in r.output
    assert out.read_text(encoding="utf-8") == FIXED and src.read_text(encoding="utf-8") == BROKEN
    r = run("fix", str(src), "-o", str(src))
    assert r.exit_code == 2 and src.read_text(encoding="utf-8") == BROKEN
    # check --fix: text in place, then linted; a .docx is never changed in place
    d = tmp_path / "r.docx"
    d.write_bytes(docx_from_text(BROKEN))
    before = d.read_bytes()
    r = run("check", "--fix", "--select", "RL105,RL408", str(src), str(d))
    assert src.read_text(encoding="utf-8") == FIXED
    assert d.read_bytes() == before
    r2 = run("fix", str(d), "-o", str(tmp_path / "fixed.docx"))
    assert r2.exit_code == 0
    assert [p.text for p in docx.Document(str(tmp_path / "fixed.docx")).paragraphs] == FIXED.split("\n")


def test_a_part_without_its_label_holds_its_place_and_word_sequences_are_left_alone():
    """存在的问题 / 二、 / 四、: RL105 and fix agree that 二、 is right, 四、 should be 三、 and the first
    part lacks 一、; 首先，其次，最后， have no numeral to rewrite, so fix leaves them (RL105 still
    reports the repeated 其次，)."""
    text = ("关于2025年度组织生活会的对照检查材料\n根据要求，现将对照检查情况报告如下。\n存在的问题\n"
            "（一）学习方面。首先，学得不深，全年3次。其次，用得不够。其次，研讨少。\n"
            "二、原因\n（一）思想松懈。\n四、措施\n（一）抓学习。每月2次。")
    fixed, edits, _fmt = fix_bytes(text.encode("utf-8"), "r.txt")
    assert [(e.line, e.old, e.new) for e in edits] == [(3, "", "一、"), (7, "四、", "三、")]
    assert edits[0].describe() == "第 3 行：补上“一、”（补上缺少的编号）"
    assert fixed.decode("utf-8") == text.replace("存在的问题", "一、存在的问题").replace("四、措施", "三、措施")
    found = [(f.code, f.message) for f in lint(parse_text(fixed.decode("utf-8")), select=("RL105",))]
    assert found == [("RL105", "编号“其次，”重复")]
    # the same report as a DOCX with typed labels: the label is typed into the heading's own run
    docx_fixed, docx_edits, fmt = fix_bytes(docx_from_text(text, auto_numbering=False), "r.docx")
    assert fmt == "docx" and len(docx_edits) == 2
    assert [s.label for s in parse(docx_fixed, name="f.docx").sections] == ["一、", "二、", "三、"]


def test_a_missing_label_is_not_typed_among_word_numbering():
    """Among Word-numbered parts a typed 一、 would sit beside Word's own 一、: fix leaves it to the writer."""
    data = build_docx([
        "关于2025年度组织生活会的对照检查材料", "存在的主要问题",
        {"text": "在学习方面。全年只学了3次。", "level": 1},
        {"text": "问题产生的原因", "level": 0}, {"text": "思想松懈。", "level": 1},
    ])
    assert not [e for e in plan_fixes(parse(data, name="w.docx")) if not e.old]
