"""Text normalisation for matching headings and vocabularies, tolerant of the ways the same words
arrive: full-width vs half-width, Traditional characters, spaces, quotes and punctuation."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from .chars import CLAUSE_END, QUOTES
from .resources import vocab


@functools.lru_cache(maxsize=1)
def _traditional_table() -> dict[int, str]:
    data = vocab("traditional")
    return {ord(t): s for t, s in zip(data["traditional"], data["simplified"], strict=True)}


_PUNCT = re.compile(f"[\\s{QUOTES}{CLAUSE_END}" + re.escape("[]（）()、.．…—-_·") + "]+")


MEMO_MAX_CHARS = 1000


def memoised_for_short_texts(fn: Callable[[str], str]) -> Callable[[str], str]:
    """`fn` (a pure function of one text) memoised for texts of up to MEMO_MAX_CHARS characters:
    headings and ordinary paragraphs, which the parser, the matcher and the checks ask about again
    and again. Longer texts are computed each time, so the cache never keeps megabytes alive."""
    cached = functools.lru_cache(maxsize=4096)(fn)

    @functools.wraps(fn)
    def memoised(text: str) -> str:
        return cached(text) if len(text) <= MEMO_MAX_CHARS else fn(text)

    return memoised


@memoised_for_short_texts
def simplify(text: str) -> str:
    """NFKC (full-width ASCII → ASCII) and Traditional → Simplified for the characters we know."""
    return unicodedata.normalize("NFKC", text).translate(_traditional_table())


@memoised_for_short_texts
def key(text: str) -> str:
    """A matching key: simplified, without spaces, quotes and punctuation."""
    return _PUNCT.sub("", simplify(text))

