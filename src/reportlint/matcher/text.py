"""Text as the matcher reads it: normalised, split into headline and body, cut into character
bigrams (the usual unit for Chinese text without a segmenter) and content trigrams."""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from typing import TYPE_CHECKING

from ..chars import CLAUSE_END, HAN, QUOTES, SENTENCE_END, is_han
from ..model import Section, Unit
from ..normalize import simplify
from ..patterns import LazyPattern

if TYPE_CHECKING:
    from .vocab import Vocab

CJK = LazyPattern(f"[{HAN}]+")
STRIP = re.compile(f"[\\s{QUOTES}]+")
_HEADLINE_END = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_END = re.compile("[，,；;]")


def prep(text: str, v: Vocab) -> str:
    """A text as the matcher compares it: simplified, NFKC, no spaces or quotes, lower case, pinyin
    stand-ins (zuzhi) read as the Chinese they stand for."""
    t = STRIP.sub("", unicodedata.normalize("NFKC", simplify(text))).lower()
    for latin, chinese in v.pinyin:
        if latin in t:
            t = t.replace(latin, chinese)
    return t


def split_headline(text: str, bold_lead: int = 0, clause: bool = False) -> tuple[str, str]:
    """The first sentence (if it ends within 60 characters) and the rest; but a DOCX headline set
    in bold (4 to 60 characters) that ends before the first full stop is the headline, as the writer
    marked it (**涉密资料保管不严**今年3月…。). With `clause`, a longer first sentence gives its first
    clause when that is short (家校沟通方式简单，多在班级群里…: what the body under a comparison
    heading says first)."""
    end = _HEADLINE_END.search(text, 0, 60)
    if 4 <= bold_lead <= 60 and (end is None or bold_lead < end.start()):
        return text[:bold_lead], text[bold_lead:]
    if end is None and clause:
        end = _CLAUSE_END.search(text, 4, 30)
    return (text[: end.end()], text[end.end() :]) if end else ("", text)


def headline(unit: Unit, section: Section | None) -> str:
    """What a reader calls the unit: a section's heading, else its first sentence (short)."""
    if section is not None and section.heading and unit.text.startswith(section.heading):
        return section.heading
    head, _ = split_headline(unit.text, unit.bold_lead)
    return head.rstrip(CLAUSE_END) if head else unit.text[:30]


TRI_SKIP = frozenset("的了着是在对有不得会把被将与和及或等也都就还又很于之其这那个些")
_WORD, _INNER = 1, 2  # a word bigram; a bigram that can be inside a content trigram


class PairKinds(dict):
    """Bigram → which of _WORD and _INNER it is (bits), memoised: a report has a few thousand
    distinct bigrams but tens of thousands of occurrences. A word bigram: two Chinese characters, not
    boilerplate, no dropped character (了, 吗 …); inside a content trigram: two Chinese characters,
    not boilerplate, no particle. A pair with a character that is not Chinese is neither: it spans
    two runs."""

    def __init__(self, v: Vocab) -> None:
        super().__init__()
        self.stop, self.drop = v.stop, v.drop_chars

    def __missing__(self, pair: str) -> int:
        a, b = pair[0], pair[1]
        kinds = 0
        if is_han(a) and is_han(b) and pair not in self.stop:
            if a not in self.drop and b not in self.drop:
                kinds |= _WORD
            if a not in TRI_SKIP and b not in TRI_SKIP:
                kinds |= _INNER
        self[pair] = kinds
        return kinds


_PAIR_MEMO_MAX = 200_000  # distinct pairs remembered (~20 MB), then forgotten


def pair_kinds(v: Vocab) -> PairKinds:
    """The bigram memo of the vocabulary (bounded for a long-lived process)."""
    kinds = v.__dict__.get("_pair_kinds")
    if kinds is None or len(kinds) > _PAIR_MEMO_MAX:
        kinds = v.__dict__["_pair_kinds"] = PairKinds(v)
    return kinds


def pairs(run: str) -> list[str]:
    """The character pairs of a string in order (run[i] + run[i + 1])."""
    return list(map(operator.add, run, run[1:]))


def grams(text: str, v: Vocab) -> tuple[list[str], dict[str, None]]:
    """The word bigrams of a text (`bigrams`) and its trigrams that can be part of a content word:
    no particle or function character, no boilerplate bigram inside (属地网站 → 属地网, 地网站; not
    不及时, 满足于). A trigram passes when both its bigrams do, which covers its three characters.
    The trigrams are in text order (a dict, not a set: the sums over them must not depend on hashing).
    Every pair of the text is tested (through the memo `pair_kinds`): a pair that leaves a run of
    Chinese characters fails, so the grams are those of the runs, without a loop over runs."""
    ps = pairs(text)
    kinds = list(map(pair_kinds(v).__getitem__, ps))
    inner = list(map(operator.and_, kinds, itertools.repeat(_INNER)))
    trigrams = itertools.compress(map(operator.add, ps, text[2:]), map(operator.and_, inner, inner[1:]))
    words = itertools.compress(ps, map(operator.and_, kinds, itertools.repeat(_WORD)))
    return list(words), dict.fromkeys(trigrams)


def bigrams(text: str, v: Vocab) -> list[str]:
    """Character bigrams in text order, without boilerplate bigrams or a dropped character (了, 吗 …)."""
    ps = pairs(text)
    kinds = map(pair_kinds(v).__getitem__, ps)
    return list(itertools.compress(ps, map(operator.and_, kinds, itertools.repeat(_WORD))))


_EDGE = set("的了着是在对有不得会一把被将与和及或等也都就还又很作化")
_LEAD = _EDGE | set("够")  # 不够深刻 → 深刻
_TRAIL = _EDGE | set("中上下")  # 理论中 → 理论 (not at the start: 中国特色, 上级)


def trim(term: str) -> str:
    """A run of shared characters without the particles at its edges."""
    start, end = 0, len(term)
    while start < end and term[start] in _LEAD:
        start += 1
    while end > start and term[end - 1] in _TRAIL:
        end -= 1
    return term[start:end]


_CN_DIGITS = "零一二三四五六七八九十"


def cn(n: int) -> str:
    """A number as a report writes it in Chinese (十二, 二十)."""
    if 0 <= n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + _CN_DIGITS[n - 10]
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)
