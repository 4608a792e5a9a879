"""Character classes and punctuation of Chinese report text, each defined once.

A set is a string of characters, for `ch in SET` and `str.strip(SET)`; a class (HAN, ALNUM …) is
the inside of a regular-expression character class, for `f"[{HAN}]"`, with a test for one
character beside it (`is_han`). Modules take these from here rather than spelling their own.
"""

from __future__ import annotations


def _class(ranges: tuple[tuple[str, str], ...]) -> str:
    return "".join(lo if lo == hi else f"{lo}-{hi}" for lo, hi in ranges)


def _within(ch: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    return len(ch) == 1 and any(lo <= ch <= hi for lo, hi in ranges)


# -- Chinese characters ---------------------------------------------------------------------------

_HAN_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))
HAN = _class(_HAN_RANGES)
"""Chinese characters as the text rules, the parser and the matcher count them: the Han
ideographs of the Basic Multilingual Plane (CJK Extension A, the Unified Ideographs, the
Compatibility Ideographs)."""

HAN_ALL_PLANES = HAN + "\U00020000-\U0002fa1f"
"""HAN and the rare ideographs of the supplementary planes (Extensions B to F and the
Compatibility Supplement, found in names and place names). The font rules count these too: any
ideograph is shown in the East Asian font, and a wrong font there is as visible as anywhere."""


def is_han(ch: str) -> bool:
    """Whether `ch` is one character of HAN."""
    return _within(ch, _HAN_RANGES)


_CJK_PUNCT_RANGES = (
    ("\u3000", "\u303f"), ("\uff01", "\uff0f"), ("\uff1a", "\uff20"), ("\uff3b", "\uff40"),
    ("\uff5b", "\uff65"), ("\u2018", "\u201f"), ("\u2014", "\u2014"), ("\u2026", "\u2026"),
)
CJK_PUNCT = _class(_CJK_PUNCT_RANGES)
"""Chinese punctuation and quotes (。，、：“”《》…——, full-width brackets and signs, the ideographic
space): text between these is Chinese text even where no Chinese character touches it
(`发言人：XX`, `（XX）`)."""


def is_cjk_punct(ch: str) -> bool:
    """Whether `ch` is one character of CJK_PUNCT."""
    return _within(ch, _CJK_PUNCT_RANGES)


_FULLWIDTH_ALNUM_RANGES = (("\uff10", "\uff19"), ("\uff21", "\uff3a"), ("\uff41", "\uff5a"))
FULLWIDTH_ALNUM = _class(_FULLWIDTH_ALNUM_RANGES)
"""Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ), which Chinese text should write half-width."""

_ALNUM_RANGES = (("A", "Z"), ("a", "z"), ("0", "9"), *_FULLWIDTH_ALNUM_RANGES)
ALNUM = _class(_ALNUM_RANGES)
"""Latin letters and digits, half- and full-width: a code, a number or a Latin word, not Chinese text."""


def is_alnum(ch: str) -> bool:
    """Whether `ch` is one character of ALNUM."""
    return _within(ch, _ALNUM_RANGES)


# -- spaces ---------------------------------------------------------------------------------------

SPACES = " \t\u3000\u00a0"
"""The spaces typed inside a line: space, tab, the ideographic (full-width) space and the no-break
space that web pages and Word leave."""

LINE_SPACES = SPACES + "\r\f\v"
"""What is stripped from the ends of a line: SPACES, and the carriage return, form feed and vertical
tab a reader can leave in a paragraph's text (Word writes a manual line break as a vertical tab)."""

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
"""Characters that take no room: zero-width space, (non-)joiners, word joiner, BOM. A paragraph of
nothing else is an empty paragraph to a reader."""


# -- punctuation ----------------------------------------------------------------------------------

SENTENCE_END = "。！？!?；;"
"""What ends a sentence in a report: full stop, exclamation and question marks, and the semicolon,
which ends one point of an enumeration as a full stop would (headlines, first sentences, statements)."""

CLAUSE_END = SENTENCE_END + "，,：:"
"""What ends a clause: a sentence end, a comma or a colon."""

LABEL_PUNCT = "、.．,，:：;；"
"""The punctuation written right after a label (一、 1. 1． and the commas, colons and semicolons
typed after （一） by mistake)."""

QUOTES = "“”‘’\"'「」『』《》〈〉【】"
"""Quotation marks and the brackets that quote a title or a term (《…》, 【…】): not part of the words
they enclose, so matching ignores them."""
