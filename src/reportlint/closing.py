"""The closing matter (SPEC §1) and the lines that sign a report: what follows the last section and
is not its content — signature lines, dates, 附件 lists and the attachment pages after them,
抄送/印发/联系人 lines — and the author and date lines of the byline, which read the same way.

The closing is found from the end: the attachment pages first (everything from the first `附件1`
line on, except the 抄送 lines at the very end), then, going up, every line that reads as closing
matter by its own shape, in any order (a signature, an attachment list, then a second date). A
numbered line (`2.征求意见建议汇总表`) belongs to the closing only under an attachment list's head.
The words and shapes are data: rules/vocab/closing.toml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Protocol

from .chars import HAN
from .labels import match_label
from .model import ClosingLine, Span
from .patterns import LazyPattern, lazy_patterns
from .resources import vocab

KINDS = ("signature", "date", "attachments", "attachment-page", "cc", "other")
_NAME = f"[{HAN}][{HAN}·]{{1,3}}"  # a person's name: 2–4 characters (欧阳明华, 阿依·木拉提)
_MAX_LIST_LINE = 60  # an attachment's title on its own numbered line


class _Line(Protocol):
    """What the parser hands over for each logical line: its text, its automatic label, whether it
    stands in a table."""

    text: str
    auto_label: str
    in_table: bool

    def span(self, start: int = 0, end: int | None = None) -> Span: ...


@functools.lru_cache(maxsize=1)
def _vocab() -> dict[str, LazyPattern]:
    data = vocab("closing")
    units = "|".join(sorted(map(re.escape, data["units"]), key=len, reverse=True))
    posts = "|".join(sorted(map(re.escape, data["posts"]), key=len, reverse=True))
    signers = "|".join(sorted(map(re.escape, data["signers"]), key=len, reverse=True))
    return {
        "date": lazy_patterns(data["date"]),
        "cc": lazy_patterns(data["cc"]),
        "attachments": lazy_patterns(data["attachments"]),
        "attachment-page": lazy_patterns(data["attachment_page"]),
        "other": lazy_patterns(data["other"]),
        # 中共临溪县统计局党组: a unit signing (Chinese characters, brackets, digits; no punctuation;
        # XX left in from a template: XX党支部)
        "unit": LazyPattern(rf"^[{HAN}0-9XxＸ×*＊（）()·]{{1,40}}(?:{units})$"),
        # 检视人：刘雅琴, 学院党委书记：林振宇
        "signer": LazyPattern(rf"^[^:：。，,；;]{{0,24}}(?:{signers}|{posts})\s*[:：]\s*{_NAME}$"),
        # 县委常委、副县长　周振华, 临溪县医疗保障局党组书记、局长<tab>陈立群, 第一党支部 吴秀兰
        "spaced": LazyPattern(rf"^[^。；;]{{1,36}}?(?:\s{{2,}}|[\t\u3000]|(?<=[{HAN}]) (?=[{HAN}])){_NAME}$"),
        # 第二党支部刘雅琴: a unit or post and a name with no gap
        "glued": LazyPattern(rf"^[{HAN}0-9（）()·、]{{1,30}}(?:{units}|{posts})[{HAN}]{{2,3}}$"),
        "name": LazyPattern(rf"^{_NAME}$"),
        "role_word": LazyPattern(rf"(?:{units}|{posts}|{signers})$"),
    }


def is_date(text: str) -> bool:
    """A date standing alone on a line, in any common form (with blanks or XX left to fill in)."""
    return bool(_vocab()["date"].search(text))


def author_kind(text: str) -> str | None:
    """How a line names who wrote or signs the report: "unit" (中共云岭村支部委员会), "person"
    (检视人：刘雅琴, 县委常委、副县长　周振华, 第二党支部刘雅琴), "name" (a bare name: 陈立群), or None."""
    v = _vocab()
    text = text.strip()
    if not text or len(text) > 48 or match_label(text) is not None:  # 第一部分… is a heading
        return None
    # each pattern is tried only where its literal parts could be (a name is 2–4 characters, a
    # signer has a colon, a spaced line a space): most lines are none of these
    units, roles = _signing_words()
    if len(text) <= 4 and v["name"].match(text) and not v["role_word"].search(text):
        return "name"
    if text.endswith(units) and v["unit"].match(text):
        return "unit"
    if (":" in text or "：" in text) and v["signer"].match(text):
        return "person"
    if any(ch.isspace() for ch in text) and v["spaced"].match(text):
        return "person"
    glued = text[:-2].endswith(roles) or text[:-3].endswith(roles)
    if glued and v["glued"].match(text) and not v["role_word"].search(text):
        return "person"
    return None


@functools.cache
def _signing_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words a signing unit ends with, and those a unit or post ends with before a name."""
    data = vocab("closing")
    return tuple(data["units"]), (*data["units"], *data["posts"])


def line_kind(text: str) -> str | None:
    """The kind a line of closing matter has by its own shape (KINDS, or "name" for a bare name,
    which is a signature only next to a date), else None."""
    v = _vocab()
    for kind in ("cc", "attachment-page", "attachments", "other"):
        if v[kind].search(text):
            return kind
    if is_date(text):
        return "date"
    author = author_kind(text)
    if author == "name":
        return "name"
    return "signature" if author else None


def _is_list_line(text: str) -> bool:
    """A numbered line of an attachment list (2.征求意见建议汇总表): a level-3 or level-4 label and a
    short title, not a sentence."""
    label = match_label(text)
    return (label is not None and label.level >= 3 and len(text) <= _MAX_LIST_LINE
            and not text.rstrip("；;").endswith("。"))


def closing_start(lines: Sequence[_Line]) -> int:
    """Index of the first line of the closing matter (len(lines) when there is none); never 0,
    so at least one line of the report comes before it. A table's cells (a 整改清单 whose last row
    has a name and a date) are never closing matter, but inside an attachment page."""
    texts = shown_texts(lines)
    tail = max(_cc_tail(lines, texts), 1)
    page_start = _vocab()["attachment-page"]
    page = next((k for k in range(1, tail) if "附" in texts[k] and not lines[k].in_table
                 and page_start.search(texts[k])), None)
    start = page if page is not None else tail
    k = start - 1
    while k >= 1 and not lines[k].in_table:
        kind = line_kind(texts[k])
        if kind is None and _is_list_line(texts[k]):
            k -= 1  # an attachment list's line: closing matter only under the list's head
            continue
        listed = k + 1 < start  # numbered lines wait between this line and the closing found so far
        if kind is None or (listed and kind != "attachments"):
            break
        if kind == "name" and not (is_date(texts[k - 1]) or (k + 1 < len(texts) and is_date(texts[k + 1]))):
            break  # a bare name signs only next to a date
        start = k
        k -= 1
    return start


def _cc_tail(lines: Sequence[_Line], texts: Sequence[str]) -> int:
    """Where the 抄送/印发/联系人 lines at the very end start (after the attachment pages, say)."""
    tail = len(texts)
    while tail > 0 and not lines[tail - 1].in_table and line_kind(texts[tail - 1]) == "cc":
        tail -= 1
    return tail


def shown_texts(lines: Sequence[_Line]) -> list[str]:
    """Each line as a reader sees it, with its automatic label (an attachment list numbered by Word)."""
    return [line.auto_label + line.text for line in lines]


def read_closing(lines: Sequence[_Line]) -> list[ClosingLine]:
    """The closing lines from `closing_start` on, each with its kind; the lines that belong to one
    (an attachment list's numbered lines, an attachment page's title and text) go in its `body`."""
    texts = shown_texts(lines)
    tail = _cc_tail(lines, texts)
    out: list[ClosingLine] = []
    for n, (line, text) in enumerate(zip(lines, texts, strict=True)):
        kind = line_kind(text)
        current = out[-1] if out else None
        in_page = current is not None and current.kind == "attachment-page" and n < tail
        if in_page and kind != "attachment-page":
            current.body.append(line.span())  # type: ignore[union-attr]
            continue
        if current is not None and current.kind == "attachments" and kind is None and _is_list_line(text):
            current.body.append(line.span())
            continue
        span = line.span()
        kind = "signature" if kind == "name" else kind or "other"
        out.append(ClosingLine(kind, span.text, span.line, span.column, span.end_line, span.end_column))
    return out


__all__ = ["KINDS", "author_kind", "closing_start", "is_date", "line_kind", "read_closing", "shown_texts"]
