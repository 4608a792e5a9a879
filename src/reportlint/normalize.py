"""Text normalisation for matching headings and vocabularies, tolerant of the ways the same words
arrive: full-width vs half-width, Traditional characters, spaces, quotes and punctuation."""

from __future__ import annotations

import functools
import re
import unicodedata

from .resources import vocab


@functools.lru_cache(maxsize=1)
def _traditional_table() -> dict[int, str]:
    data = vocab("traditional")
    return {ord(t): s for t, s in zip(data["traditional"], data["simplified"], strict=True)}


_PUNCT = re.compile(r"[\s\u3000“”‘’\"'「」『』《》〈〉【】\[\]（）()、，,。.．：:；;！!？?…—\-_·]+")


# simplify and key are memoised: the parser, the matcher and the checks ask for the same
# paragraphs and headings again and again (a 100 KB report: ~2800 calls for ~1100 strings), and NFKC
# of a Chinese paragraph costs several µs. Both are pure functions of the text.
@functools.lru_cache(maxsize=4096)
def simplify(text: str) -> str:
    """NFKC (full-width ASCII → ASCII) and Traditional → Simplified for the characters we know."""
    return unicodedata.normalize("NFKC", text).translate(_traditional_table())


@functools.lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A matching key: simplified, without spaces, quotes and punctuation."""
    return _PUNCT.sub("", simplify(text))


def compile_patterns(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))
