"""Heading and item labels: the Lark grammar in grammars/labels.lark classifies them.

The grammar covers labels only, never whole documents: prose is free-form, so the parser asks
"does a label start here?" at the start of each paragraph and at inline candidates. Every label is
parsed by Lark (memoised per window), never by a hand-written regular expression mirroring the
grammar, which would make two definitions of a label."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from .chars import SPACES
from .resources import grammar_text

# label kind → level in the standard hierarchy (SPEC §1); a 第一部分/第一章 chapter stands above
# 一、 (level 0); item labels (一是, 第一，) are never headings and have no level.
LEVELS = {
    "chapter": 0,
    "cn_dun": 1,
    "cn_paren": 2,
    "ar_dot": 3,
    "ar_dun": 3,
    "ar_paren": 4,
    "ar_rparen": 4,
    "circled": 4,
    "cn_shi": -1,
    "di_cn": -1,
    "seq": -1,
    "styled": 1,  # a DOCX part heading without a label: Heading 1 style and a part name (parser.py)
}
ITEM_KINDS = frozenset({"cn_shi", "di_cn", "seq"})
# 首先，其次，再次，最后，: their numbers; 最后 has none (LAST), it ends the sequence whatever its length
LAST = 0
SEQ_NUMBERS = {"首先": 1, "其次": 2, "再次": 3, "最后": LAST}

# Pre-filter: a label can only start with one of these characters.
_CANDIDATE = re.compile(r"[首其再最（(﹙第〇零○一二三四五六七八九十百两壹贰叁肆伍陆柒捌玖拾0-9０-９①-⑳㉑-㉟㊱-㊿]")
_WINDOW = 24  # longer than any label, so the grammar never sees a whole long paragraph
# A necessary condition for the grammar to accept a window, checked before Lark is asked (most
# candidates in prose, 一次 · 三个 · 2025年, fail here and are never parsed). Each
# branch follows one way a label can start in grammars/labels.lark: CN_NUM then DUN, DOT or SHI · DI
# CN_NUM then UNIT or COMMA · ARABIC then DOT, DUN or RP · SEQ then COMMA · LP or CIRCLED (always asked). Keep it a
# superset of the grammar when the grammar changes (tests/test_properties.py checks it).
_CN = "〇零○一二三四五六七八九十百两壹贰叁肆伍陆柒捌玖拾"
_WS = f"[{SPACES}]*"
_MAYBE_LABEL = re.compile(
    rf"[{_CN}]+{_WS}[、﹑是.．]|第{_WS}[{_CN}]+{_WS}(?:部分|章|节|篇|[，,、：:])|[（(﹙]"
    rf"|[0-9０-９]{{1,3}}{_WS}[.．、﹑）)﹚]|[①-⑳㉑-㉟㊱-㊿]|(?:首先|其次|再次|最后){_WS}[，,、：:]"
)


@dataclass(frozen=True)
class Label:
    kind: str
    text: str  # the label as shown, e.g. "（一）", "1．", "一是"
    number: int
    start: int  # index of the label in the string searched
    end: int  # index of the first character after the label and any spaces after it

    @property
    def level(self) -> int:
        return LEVELS[self.kind]

    @property
    def is_item(self) -> bool:
        return self.kind in ITEM_KINDS


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    """The LALR parser, built once per process and kept between runs in a private cache file, through
    Lark's own `cache=` (loading it is much quicker than building it). Lark checks the grammar's hash
    and its own version when loading, so an edited grammar or another Lark simply rebuilds it."""
    return Lark(grammar_text("labels.lark"), parser="lalr", cache=_grammar_cache_file())


def _grammar_cache_file() -> str | bool:
    """A file in the user's own cache folder (never a shared temporary folder: the cache is a
    pickle); False, i.e. no cache, when there is no such folder we can trust."""
    import sys

    from .resources import user_cache_dir

    folder = user_cache_dir()
    if folder is None or os.environ.get("REPORTLINT_NO_GRAMMAR_CACHE"):
        return False
    return str(folder / f"labels-py{sys.version_info[0]}{sys.version_info[1]}.lark-cache")


def match_label(text: str, pos: int = 0) -> Label | None:
    """The label starting exactly at `pos` (leading spaces allowed), or None."""
    while pos < len(text) and text[pos] in SPACES:
        pos += 1
    if pos >= len(text) or not _CANDIDATE.match(text, pos):
        return None
    found = _parse_window(text[pos : pos + _WINDOW])
    if found is None:
        return None
    kind, label_text, number, end = found
    return Label(kind, label_text, number, pos, pos + end)


@functools.lru_cache(maxsize=8192)
def _parse_window(window: str) -> tuple[str, str, int, int] | None:
    """(kind, label text, number, end within the window) of the label a window starts with, or None.
    Cached: the parser looks at a line several times (contents, headings, items), and a label
    depends on the window alone."""
    if not _MAYBE_LABEL.match(window):
        return None
    try:
        tree = _parser().parse(window)
    except LarkError:
        return None
    label = tree.children[0]
    if not isinstance(label, Tree):
        return None
    tokens = [t for t in label.children if isinstance(t, Token)]
    rest = tree.children[1] if len(tree.children) > 1 else None
    label_end = tokens[-1].end_pos or 0
    end = rest.start_pos if isinstance(rest, Token) and rest.start_pos is not None else len(window)
    number_token = next(t for t in tokens if t.type in ("CN_NUM", "ARABIC", "CIRCLED", "SEQ"))
    if number_token.type == "SEQ":
        return str(label.data), window[: label_end].strip(), SEQ_NUMBERS[str(number_token)], end
    number = to_number(str(number_token))
    if number is None or number == 0:
        return None
    return str(label.data), window[: label_end].strip(), number, end


_CN_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4,
    "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100}


def to_number(s: str) -> int | None:
    """'二十一' → 21, '１２' → 12, '③' → 3; None when the numeral is malformed."""
    if _ARABIC.fullmatch(s):
        return int(s.translate(_FULLWIDTH_DIGITS))
    if len(s) == 1 and ("①" <= s <= "⑳"):
        return ord(s) - ord("①") + 1
    if len(s) == 1 and ("㉑" <= s <= "㉟"):
        return ord(s) - ord("㉑") + 21
    if len(s) == 1 and ("㊱" <= s <= "㊿"):
        return ord(s) - ord("㊱") + 36
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:  # two digits in a row (一二) read digit by digit
                digit = digit * 10 + _CN_DIGITS[ch]
            else:
                digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (digit if digit else 1) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


_DIGIT_CHARS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as labels write them; to_number's inverse).
    Labels have no 千: from 1000 digit by digit (一〇〇五), as Word's chineseCounting and to_number do."""
    if n >= 1000:
        return "".join(_DIGIT_CHARS[int(d)] for d in str(n))
    if n < 10:
        return _DIGIT_CHARS[n]
    if n < 20:
        return "十" + (_DIGIT_CHARS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGIT_CHARS[n // 10] + "十" + (_DIGIT_CHARS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + chinese_number(rest) if rest < 10 else
                                 (("一" if rest < 20 else "") + chinese_number(rest)))
    return _DIGIT_CHARS[n // 100] + "百" + tail


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ARABIC = re.compile(r"[0-9０-９]+")
