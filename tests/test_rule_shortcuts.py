"""The shortcuts the content and hygiene rules take for speed give the answers of the long way round:
the joined vocabulary pattern finds something wherever one of its patterns does, an early stop
returns the first markers of the full list, counting by deletion counts what findall counts, the
placeholder pattern tried only at its possible first characters matches what finditer matches, and
the paragraphs not given to autocorrect are ones it would not change into a finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportlint
from reportlint.chars import ALNUM, HAN
from reportlint.checks import content, text_spans
from reportlint.resources import vocab

HERE = Path(__file__).parent
REPORTS = sorted((HERE / "eval" / "reports").glob("*.txt")) + sorted((HERE.parent / "examples").glob("*.txt"))


def _texts() -> list[str]:
    texts = []
    for path in REPORTS:
        doc = reportlint.parse(path)
        texts += [span.text for span, _ in text_spans(doc)]
    # every vocabulary entry in a sentence of its own, and at the edges of a text
    for entry in vocab("confusables").get("word", []) + vocab("stale").get("phrase", []):
        literal = re.sub(r"\(\?[^)]*\)|[()?|\[\]^\\{}\d,*+]", "", entry["pattern"])
        texts += [literal, f"坚持{literal}中国特色社会主义", f"各{literal}经"]
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("patterns", [
    [p for p, _ in content._confusables()],
    [entry.pattern for entry in content._stale_table()],
], ids=["confusables", "stale"])
def test_joined_pattern_finds_whatever_one_pattern_finds(patterns):
    joined = content._any_of(patterns)
    assert joined is not None
    for text in TEXTS:
        if any(p.search(text) for p in patterns):
            assert joined.search(text), text


def test_unjoinable_patterns_are_not_joined():
    assert content._any_of([re.compile(r"(a)\1"), re.compile("b")]) is None
    assert content._any_of([re.compile("(?P<w>a)(?P=w)")]) is None
    assert content._any_of([re.compile("a", re.I), re.compile("b")]) is None
    assert content._any_of([]) is None


def test_early_stop_returns_the_first_markers():
    for text in TEXTS:
        for kind in ("problem", "measure"):
            full = content.concrete_markers(text, kind)
            for n in (1, 2, 3):
                assert content.concrete_markers(text, kind, enough=n) == full[:n]


def test_count_chars_counts_chinese_letters_and_digits():
    counted = re.compile(f"[{HAN}{ALNUM}]")
    for text in [*TEXTS, "", "，。", "ＡＢＣ１２３abc", "𠀀𠀁字", "\u3400\u4dbf\u9fff\uf900\ufaff"]:
        assert content.count_chars(text) == len(counted.findall(text))


def test_placeholder_matches_are_finditer_matches():
    pattern, _ = content._placeholder_re()
    samples = ["党的XX届X中X会", "20**年度", "202X年", "【姓名】", "（ ）", "＿＿＿", "邓--理论", "李某某",
               "学习.新时代", "组##paidbegin##织", "ZZ建设", "XJP新时代", "×××同志", "主席新时代", "1.2.3",
               "x86", "X光", "a.b.c", "**加粗**", "19**", "2020XX", "DZYZZ", "某", "领导机关八项规定"]
    for text in TEXTS + samples + ["".join(samples), "中".join(samples)]:
        got = [(m.span(), m.lastgroup) for m in content._placeholder_matches(text)]
        assert got == [(m.span(), m.lastgroup) for m in pattern.finditer(text)], text


def _width_fixes(text: str) -> list[tuple[int, int]]:
    """Where autocorrect (as text_hygiene configures it) makes an edit text_hygiene reports."""
    import difflib

    from reportlint.checks.hygiene import _autocorrect, _is_width_fix

    fixed = _autocorrect().format(text)
    return [(a0, a1) for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes()
            if (op == "replace" and _is_width_fix(text[a0:a1], fixed[b0:b1])) or (op == "delete" and not text[a0:a1].strip())]


def test_autocorrect_changes_only_what_text_hygiene_looks_for():
    """text_hygiene gives autocorrect only a paragraph with a character _AUTOCORRECT_NEEDS finds:
    that is right only while autocorrect changes no other ASCII punctuation (% ( ) - / …), and no
    full stop after a digit (1. labels, decimals). Every ASCII punctuation mark in many contexts."""
    import itertools

    from reportlint.checks.hygiene import _AUTOCORRECT_NEEDS

    marks = [chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()]
    around = ["", "对", "a", "1", "。", "，", "对对", "Ab"]
    texts = [b + m + a for m in marks for b, a in itertools.product(around, around)]
    texts += [b + m + i + m + a for m in marks for b, i, a in itertools.product(["", "对", "a"], ["对", "对对", "a1"], ["", "对", "。"])]
    texts += [b + o + i + c + a for o, c in ["()", "[]", "{}", "<>"] for b, i, a in itertools.product(["", "对"], ["对", "a"], ["", "对"])]
    texts += [b + d + "." + a for b, d, a in itertools.product(["", "对", "a", "共"], ["1", "10", "2024"], [*around, "对."])]
    texts += TEXTS
    for text in texts:
        if _AUTOCORRECT_NEEDS.search(text) is None:
            assert not _width_fixes(text), text
        for a0, a1 in _width_fixes(text):  # and each edit is at a character it looks for
            assert _AUTOCORRECT_NEEDS.search(text, a0, a1), (text, a0, a1)
    assert _AUTOCORRECT_NEEDS.search("1.对县委，达到90%以上（第3页）") is None
    assert _AUTOCORRECT_NEEDS.search("对.对") and _AUTOCORRECT_NEEDS.search("对,对") and _AUTOCORRECT_NEEDS.search("对 对")
