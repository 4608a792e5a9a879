"""Text hygiene: punctuation and width in Chinese text, and stray spaces left by PDF or web copies.

Punctuation and width are judged by autocorrect (autocorrect-py), a maintained CJK copy-editing
linter that already knows the hard cases (URLs, decimals, English sentences inside Chinese text);
its spacing rules are switched off because official documents put no space between Chinese and
digits."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..chars import FULLWIDTH_ALNUM, HAN
from ..model import Section, Span
from . import Context, Hit, rule

_AUTOCORRECT_RULES = {
    "fullwidth": 1,  # ASCII punctuation inside Chinese text → full-width
    "halfwidth-word": 1,  # ＡＢＣ１２３ → ABC123
    "halfwidth-punctuation": 1,
    "no-space-fullwidth": 1,  # no space around full-width punctuation
    "no-space-fullwidth-quote": 1,
    "space-word": 0,
    "space-punctuation": 0,
    "space-bracket": 0,
    "space-dash": 0,
    "space-backticks": 0,
    "space-dollar": 0,
    "spellcheck": 0,
}


@functools.cache
def _stray_space() -> re.Pattern[str]:
    """A space between two Chinese characters, or between a number and its unit (2025 年): PDF hard
    wraps and web copies leave these; a reader sees a gap in the middle of a word. Compiled for the
    first paragraph with a space in it (Speed decisions in bench/RESULTS.md)."""
    return re.compile(rf"(?<=[{HAN}])[ \u00a0](?=[{HAN}])|(?<=[0-9])[ \u00a0](?=[年月日次人条项个])")


# what any finding of autocorrect's edits needs in the original text (see text_hygiene): whitespace
# (a deleted space), ASCII punctuation autocorrect turns full-width, or full-width letters and
# digits (→ ASCII); a paragraph with none of these is not given to autocorrect at all (the same
# findings; most paragraphs of a clean report need no autocorrect). The punctuation it turns
# full-width is , . : ! ? (; and ~ in some versions), and never a full stop after a digit (the
# label 1., 2.5); % ( ) - / and the rest stay as they are. tests/test_rule_shortcuts.py checks that
# they still do.
_AUTOCORRECT_NEEDS = re.compile(rf"[\x00-\x1f\x7f\s,;:!?~{FULLWIDTH_ALNUM}]|(?<![0-9])\.")


def _is_width_fix(old: str, new: str) -> bool:
    """Only the corrections this rule is about: ASCII punctuation → full-width in Chinese text, and
    full-width letters or digits → ASCII (not, say, 00：00 → 00:00, a matter of taste)."""
    to_fullwidth = all(c.isascii() and not c.isalnum() for c in old) and all(not c.isascii() for c in new)
    to_ascii = all("\uff10" <= c <= "\uff5a" and c.isalnum() for c in old) and new.isascii()
    return to_fullwidth or to_ascii


@functools.lru_cache(maxsize=1)
def _autocorrect():
    """autocorrect, configured with _AUTOCORRECT_RULES; imported for the first paragraph that needs it."""
    import json

    import autocorrect_py

    autocorrect_py.load_config(json.dumps({"rules": _AUTOCORRECT_RULES}))
    return autocorrect_py


_EXACT_DIFF_CHARS = 2000  # paragraphs up to this long are diffed in one piece
_SYNC = 8  # characters that must agree again after a difference before it is closed


def _opcodes(text: str, fixed: str) -> Iterator[tuple[str, int, int, int, int]]:
    """difflib opcodes from `text` to `fixed`. One SequenceMatcher for a usual paragraph; a long
    one (a whole report on one line) is walked in step and only each difference is diffed, up to
    the point where both agree again for _SYNC characters: linear instead of quadratic, and the
    same edits, since autocorrect's changes are local. Where differences are too dense to agree
    again nearby (every other character changed), 64 characters are compared position by position."""
    import difflib  # only for a paragraph autocorrect changed

    if len(text) <= _EXACT_DIFF_CHARS:
        yield from difflib.SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes()
        return
    i = j = 0
    n, m = len(text), len(fixed)
    while i < n and j < m:
        if text[i] == fixed[j]:
            i += 1
            j += 1
            continue
        synced = _resync(text, fixed, i, j)
        if synced is None:  # dense: a fixed-size chunk, aligned position by position
            k = min(64, n - i, m - j)
            for x in range(k):
                if text[i + x] != fixed[j + x]:
                    yield "replace", i + x, i + x + 1, j + x, j + x + 1
            i, j = i + k, j + k
            continue
        a, b = synced
        for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, text[i:a], fixed[j:b], autojunk=False).get_opcodes():
            yield op, i + a0, i + a1, j + b0, j + b1
        i, j = a, b
    if i < n or j < m:
        yield ("delete" if i < n else "insert"), i, n, j, m


def _resync(text: str, fixed: str, i: int, j: int) -> tuple[int, int] | None:
    """The nearest (a, b) after a difference at (i, j), within 32 characters, where text[a:] and
    fixed[b:] agree for _SYNC characters (or both reach their end); None when there is none."""
    for a in range(i + 1, min(len(text), i + 32) + 1):
        for shift in range(-8, 9):
            b = a + (j - i) + shift
            if b <= j or b > len(fixed):
                continue
            if text[a : a + _SYNC] == fixed[b : b + _SYNC] and (
                    min(len(text) - a, len(fixed) - b) >= _SYNC or (a == len(text) and b == len(fixed))):
                return a, b
    return None


def _signed_lines(ctx: Context) -> list[Span]:
    """The closing lines but the attachment pages' text: signatures, dates, lists, 抄送 lines."""
    return ctx.shared("hygiene.signed", lambda: ctx.doc.closing_spans(("signature", "date", "attachments", "cc", "other")))


@rule("RL310", "text-hygiene", severity="info", scope="text", options={"max_per_paragraph": 3})
def text_hygiene(ctx: Context, span: Span, section: Section | None) -> Iterator[Hit]:
    """Half-width punctuation or full-width letters in Chinese text, and stray spaces.

    Chinese official text uses full-width punctuation (，。：；？！), half-width letters and digits,
    and no space inside a word. Half-width commas and full stops usually come from typing in an
    English input mode; spaces inside words (`一是 理论`, `2025 年度`) from PDF or web copies. At most
    `max_per_paragraph` findings per paragraph (default 3), the last one saying how many more.

    Bad:
        一是理论学习不够,全年只学了3次.
        2025 年度组织生活会
        → 文字规范：“,”应为“，”
        → 文字规范：“25 年度”中间多了空格
    Good:
        一是理论学习不够，全年只学了3次。
        2025年度组织生活会
    Good (a decimal, a time and an English phrase keep their half-width marks):
        学习强国积分增长3.5%，每天上午09:00签到，对“Work hard, play hard.”理解不够。
    """
    if any(span is line for line in (*ctx.doc.title_lines, *ctx.doc.byline)) or span in _signed_lines(ctx):
        return  # 单位  姓名 lines (and 2025年1月  日, 联系人：…　电话：…) are spaced on purpose
    text = span.text
    problems: list[tuple[int, int, str]] = []
    # only these edits become findings: a deleted run of whitespace, or a replaced run that is all
    # ASCII punctuation or all full-width letters and digits; without any such character in the
    # paragraph, nothing autocorrect could change would be reported
    fixed = _autocorrect().format(text) if _AUTOCORRECT_NEEDS.search(text) else text
    if fixed != text:
        for op, a0, a1, b0, b1 in _opcodes(text, fixed):
            if op == "equal":
                continue
            old, new = text[a0:a1], fixed[b0:b1]
            if op == "delete" and not old.strip():
                problems.append((a0, a1, "标点前后多了空格"))
            elif op == "replace" and _is_width_fix(old, new):
                problems.append((a0, a1, f"“{old}”应为“{new}”"))
    for m in _stray_space().finditer(text) if (" " in text or "\u00a0" in text) else ():
        problems.append((m.start(), m.end(), f"“{text[max(0, m.start() - 2):m.end() + 2]}”中间多了空格"))
    problems.sort()
    limit = ctx.options["max_per_paragraph"]
    for n, (start, end, what) in enumerate(problems[:limit]):
        more = f"（本段另有{len(problems) - limit}处）" if n == limit - 1 and len(problems) > limit else ""
        yield ctx.hit(span, start, max(end, start + 1), f"文字规范：{what}{more}", section)
