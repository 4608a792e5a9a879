"""Tolerant matching of headings against the names a profile requires."""

from __future__ import annotations

import re

from .config import Comparison
from .normalize import key

_FRAME_PREFIX = re.compile(r"^(在|关于|从|围绕)")
_FRAME_SUFFIX = re.compile(r"(等)?(方面|情况|问题)?(存在的)?(问题|不足|差距)?$")


def heading_key(text: str) -> str:
    """A heading reduced to what identifies it: no label frame 在/关于…方面, no punctuation."""
    k = key(text)
    k = _FRAME_PREFIX.sub("", k)
    return _FRAME_SUFFIX.sub("", k) or k


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: robust to one swapped word (领悟/感悟)."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def comparison_satisfied(comparison: Comparison, headings: list[str], threshold: float) -> bool:
    patterns = [re.compile(p) for p in comparison.patterns]
    wanted = [heading_key(n) for n in (comparison.name, *comparison.alternatives)]
    for heading in headings:
        h = heading_key(heading)
        if not h:
            continue
        if any(p.search(key(heading)) for p in patterns):
            return True
        for w in wanted:
            if w in h or (len(h) >= 4 and h in w) or similarity(w, h) >= threshold:
                return True
    return False
