"""Content rules: template leftovers, masked and pinyin words, the wrong meeting type, vague
problems and measures, stale references, short and repeated text, confusable words (RL3xx).

The vocabularies are data in rules/vocab/ (placeholders, pinyin, meetings, stale, vague,
duplicates, confusables); their patterns are compiled on first use. None can backtrack
catastrophically: the only unbounded repeats are over single character classes.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..chars import ALNUM, CLAUSE_END, HAN, SENTENCE_END, SPACES, is_alnum, is_cjk_punct, is_han
from ..findings import Severity
from ..model import Document, Section, Span
from ..normalize import key
from ..patterns import LazyPattern
from ..resources import vocab
from . import Context, Hit, rule, text_spans


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The characters either side of text[start:end], looking past a few spaces
    (`局长  XX`: a name field padded with spaces)."""
    i = start - 1
    while i >= 0 and start - i <= 4 and text[i] in SPACES:
        i -= 1
    j = end
    while j < len(text) and j - end < 4 and text[j] in SPACES:
        j += 1
    return (text[i] if i >= 0 else "", text[j] if j < len(text) else "")


def _in_chinese(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands in Chinese text: no Latin letter or digit on either side, and
    a Chinese character on one side, or Chinese punctuation on one side and nothing else on the
    other (`发言人：XX`, `（XX）`)."""
    left, right = _neighbours(text, start, end)
    if is_alnum(left) or is_alnum(right):
        return False
    if is_han(left) or is_han(right):
        return True
    punct = [is_han(ch) or is_cjk_punct(ch) for ch in (left, right)]
    return any(punct) and all(p or not ch for p, ch in zip(punct, (left, right), strict=True))


def _with_severity(hit: Hit, severity: Severity) -> Hit:
    return replace(hit, severity=severity)


_GROUP_NAME_RE = re.compile(r"\(\?P<\w+>")
# what a pattern must not contain to be joined with others: group references (they would point at
# other groups once joined), an escaped character before a group (`\(?P<`)
_UNJOINABLE_RE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\\\(")


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that finds a match in a text whenever one of `patterns` does (they are joined,
    their group names dropped): a vocabulary rule asks it once per paragraph and tries its ~20
    patterns one by one only where it found something. None when they cannot simply be joined."""
    sources = [p.pattern for p in patterns]
    if not sources or len({p.flags for p in patterns}) > 1 or any(_UNJOINABLE_RE.search(s) for s in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{_GROUP_NAME_RE.sub('(?:', s)})" for s in sources), patterns[0].flags)
    except re.error:
        return None


# ================================================================================================
# RL301 placeholder
# ================================================================================================

_MASK = "XxＸｘ×*＊"  # characters a template puts where a name, number or word belongs
_M = f"[{_MASK}]"


@functools.cache
def _placeholder_data() -> dict[str, Any]:
    data = vocab("placeholders")
    codes = data.get("codes", {})
    return {
        "x_words": tuple(data.get("x_words", [])),
        "bracket_fields": frozenset(data.get("bracket_fields", [])),
        "bracket_openers": tuple(data.get("bracket_openers", [])),
        "case_markers": tuple(data.get("case_markers", [])),
        "codes": dict(codes),
        "masked": [(m["text"], m["reading"]) for m in data.get("masked", [])],
    }


@functools.cache
def _placeholder_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The placeholder pattern, and the characters a match of it can start with: each alternative
    is written beside its possible first characters. find_placeholders tries the pattern only at
    those (the same matches as finditer, which would try its dozen alternatives, several behind a
    lookbehind, at every character of a paragraph)."""
    data = _placeholder_data()
    masked_texts = sorted((text for text, _ in data["masked"]), key=len, reverse=True)
    masked = "|".join(re.escape(text) for text in masked_texts)
    code_names = sorted(data["codes"], key=len, reverse=True)
    codes = "|".join(code_names)
    alternatives = [
        # 党的XX届X中X会, 十九届X中全会, XX届五中全会: one finding for the whole session name
        (_MASK, rf"(?P<session>{_M}{{1,3}}届(?:[{_MASK}一二三四五六七八九十]中[{_MASK}全]会)?|{_M}中[{_MASK}全]会)"),
        # 20**年, 202X年度, 20XX
        ("12", rf"(?P<year>(?<![0-9])(?:19|20)(?:[0-9]{_M}|{_M}{{2}})(?![0-9]))"),
        ("【", r"(?P<bracket>【[^【】\n]{0,12}】)"),
        ("（", f"(?P<paren>（[{SPACES}]*）)"),
        ("_＿", r"(?P<blank>[_＿]{2,})"),
        # 邓--理论: dashes between Chinese characters (find_placeholders checks the neighbours with
        # _between_han; nothing else can start at a dash or a dot, so matching every run is the same)
        ("-－", r"(?P<dashes>[-－]{2,})"),
        ("某", r"(?P<someone>某{2,})"),
        # 学习.新时代中国特色.主义思想: dots where a template site cut out a word
        (".", r"(?P<dot>\.)"),  # between Chinese characters, not after 一…十 (_between_han)
        ("#", r"(?P<paywall>##paid(?:begin|end)##)"),
        ("".join(c[:1] for c in code_names), rf"(?P<code>(?<![A-Za-z])(?:{codes})(?![A-Za-z]))" if codes else None),
        (_MASK, rf"(?P<run>{_M}+)"),
        ("".join(t[:1] for t in masked_texts), f"(?P<masked>{masked})" if masked else None),
    ]
    pattern = re.compile("|".join(a for _, a in alternatives if a))
    # codes are written as patterns: only plain, non-empty words have a known first character
    if any(not c or re.escape(c) != c for c in code_names) or any(not t for t in masked_texts):
        return pattern, re.compile(".", re.DOTALL)  # any character: try everywhere
    starts = "".join(sorted({ch for first, _ in alternatives for ch in first}))
    return pattern, re.compile(f"[{re.escape(starts)}]")


_EMPHASIS_RE = re.compile(r"(?<![*\\])(\*{1,3})(?=[^\s*])([^*\n]{1,200}?)(?<=[^\s*])\1(?!\*)")
_SENTENCE_END_RE = re.compile(f"[{SENTENCE_END}]")


def _markdown_emphasis(text: str) -> list[tuple[int, int]]:
    """Spans of `*…*` / `**…**` that Markdown would render as emphasis (a .md report's bold
    headings), so their asterisks are not placeholders. Like CommonMark, a delimiter run next
    to punctuation on the inside cannot open or close (不忘**、牢记** stays a mask)."""
    spans = []
    for m in _EMPHASIS_RE.finditer(text):
        inner = m.group(2)
        if is_cjk_punct(inner[0]) or is_cjk_punct(inner[-1]):
            continue
        spans.append((m.start(), m.end()))
    return spans


def _placeholder_message(kind: str, text: str, span_text: str, start: int, end: int,
                         case: bool = False) -> str | None:
    data = _placeholder_data()
    if kind == "session":
        return f"届次、全会名称留有占位符“{text}”，应写明如“十九届六中全会”"
    if kind == "year":
        return f"年份留有占位符“{text}”"
    if kind == "bracket":
        inner = text[1:-1].strip(SPACES)
        if inner and inner not in data["bracket_fields"] and not inner.startswith(data["bracket_openers"]) \
                and not re.fullmatch(rf"[{_MASK}某…\.。\s]+", inner):
            return None
        return f"待填内容“{text}”未填写"
    if kind == "paren":
        return f"空括号“{text}”未填写"
    if kind == "blank":
        left, right = _neighbours(span_text, start, end)
        if is_alnum(left) or is_alnum(right):
            return None
        if not any(is_han(ch) or is_cjk_punct(ch) for ch in (left, right)):
            return None  # a rule drawn with underscores, or a blank in English text
        return f"待填横线“{text}”未填写"
    if kind == "dashes":
        return f"“{span_text[max(0, start - 1):end + 1]}”中的“{text}”疑为屏蔽词，应写出完整词语"
    if kind == "dot":
        return f"汉字之间的“.”（“{span_text[max(0, start - 2):end + 2]}”）疑为被删去的屏蔽词或误用的标点"
    if kind == "paywall":
        return f"网页付费阅读标记“{text}”未删除"
    if kind == "someone":
        before = span_text[max(0, start - 1):start]
        sentence_start = max((m.end() for m in _SENTENCE_END_RE.finditer(span_text, 0, start)), default=0)
        sentence_end = _SENTENCE_END_RE.search(span_text, end)
        sentence = span_text[sentence_start: sentence_end.end() if sentence_end else len(span_text)]
        # 张某某 in a published case, or anywhere in a case-analysis part: anonymisation, not a leftover
        if is_han(before) and (case or any(w in sentence for w in data["case_markers"])):
            return None
        return f"占位符“{text}”未替换为真实名称"
    if kind == "run":
        if not _in_chinese(span_text, start, end):
            return None
        after = span_text[end:end + 3]
        if text in "Xx" and any(after.startswith(w) for w in data["x_words"]):
            return None  # X光, X射线, X型
        before = span_text[start - 1] if start else ""
        if text in "*＊" and after.startswith("注"):
            return None  # *注：a footnote marker
        if text in "*＊" and not span_text[:start].strip(SPACES) and span_text[end:end + 1] in SPACES:
            return None  # "* 加强学习": a list bullet
        if after.startswith("中央"):
            return f"“{text}中央”疑为屏蔽词（党中央），应写出完整词语"
        if before == "治":
            return f"“治{text}”疑为屏蔽词（治党），应写出完整词语"
        if text[0] in "*＊" and (is_han(before) or is_han(span_text[end:end + 1])):
            return f"“{text}”疑为占位符或屏蔽词，应写出完整内容"
        return f"模板占位符“{text}”未替换"
    if kind == "code":
        if not _in_chinese(span_text, start, end):
            return None
        return f"字母代号“{text}”疑为屏蔽词（{data['codes'][text]}），应写出完整词语"
    if kind == "masked":
        reading = dict(data["masked"])[text]
        return f"“{text}”是屏蔽改写的词语，应为“{reading}”"
    return None


def _between_han(text: str, start: int, end: int, not_after_numeral: bool) -> bool:
    """What the lookarounds (?<=[HAN]) … (?=[HAN]) (and (?<![一二三四五六七八九十])) would say
    (tested here: four classes of Chinese characters in the placeholder pattern would make it
    slow to compile, see Speed decisions in bench/RESULTS.md)."""
    if start == 0 or end >= len(text):
        return False
    before = text[start - 1]
    if not_after_numeral and before in "一二三四五六七八九十":
        return False
    return is_han(before) and is_han(text[end])


def _placeholder_matches(text: str) -> Iterator[re.Match[str]]:
    """What the placeholder pattern's finditer gives, trying it only where a match can start."""
    pattern, starts = _placeholder_re()
    pos = 0
    while (hint := starts.search(text, pos)) is not None:
        m = pattern.match(text, hint.start())
        if m is None:
            pos = hint.start() + 1
        else:
            yield m
            pos = m.end()  # no alternative matches an empty string


def find_placeholders(text: str, *, markdown: bool = False, ignore: tuple[str, ...] = (),
                      case: bool = False) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) for every placeholder in one line of text; `case`: the line is in a
    反面典型案例剖析 part, where 张某某 names a person of the case."""
    if not text:
        return
    delimiters: set[int] = set()
    if markdown and "*" in text:
        for a, b in _markdown_emphasis(text):
            width = len(text[a:b]) - len(text[a:b].lstrip("*"))
            delimiters.update(range(a, a + width))
            delimiters.update(range(b - width, b))
    for m in _placeholder_matches(text):
        kind = m.lastgroup or ""
        start, end = m.span()
        if kind in ("dashes", "dot") and not _between_han(text, start, end, kind == "dot"):
            continue
        if delimiters and all(i in delimiters for i in range(start, end)):
            continue  # the asterisks of Markdown emphasis
        if m.group() in ignore:
            continue
        message = _placeholder_message(kind, m.group(), text, start, end, case)
        if message:
            yield start, end, message


@rule("RL301", "placeholder", severity="error", scope="text", options={"ignore": []})
def placeholder(ctx: Context, span: Span, section: Section | None) -> Iterator[Hit]:
    """Template leftovers: XX, ××, X中X会, 20**年, 某某, 【】, ＿＿, and masked words.

    Reports downloaded from template sites keep the marks their authors left for the user to
    fill in, and the masks the sites put over sensitive words. Each finding covers exactly the
    placeholder; the message says what kind it is. Found, in Chinese text only:

    - X, XX, xxx, ××, Ｘ (full width) touching a Chinese character, or between Chinese punctuation
      (`发言人：XX`, `（XX）`), with no Latin letter or digit on either side (`XX党支部`, `x人`,
      `召开会议x次`, `X中央`, `全面从严治X`); not `x86`, `XXL`, `Excel`, `3×4`, `X光`, `X射线`;
    - `*`, `**`, `***` next to a Chinese character (`***同志`, `不忘**、牢记**`, `**镇`); not `1*2`,
      a list bullet `* 加强学习` or a footnote `*注`; in a Markdown (.md) report `**加粗**` emphasis
      is not a placeholder;
    - years `20**`, `202X`, `20XX`; session names `XX届`, `X中X会`, `XX届X中X会`, `十九届X中全会`;
    - `某某` (`李某某` in a sentence about a disciplinary case, or anywhere in a 反面典型案例剖析 part,
      is anonymisation and is not flagged; `某些`, `某种`, `某单位` are words);
    - `【】`, `【姓名】`, `【待补】`, `【单位名称】` (a bracketed field to fill in), empty `（ ）`,
      blanks `＿＿` / `____`;
    - masked words: letter codes `ZZ` (政治), `GJ` (国家), `XJP` … (rules/vocab/placeholders.toml),
      `邓--理论`, a `.` between Chinese characters where a word was cut out (`学习.新时代`; not the
      label `一.`), and rewritten phrases such as `领导机关八项规定` (中央八项规定), `主席新时代`;
    - the paywall markers of template sites (`组##paidbegin##织生活会`).

    Options: `ignore` — exact texts never to report (for a report that really means `XX`).

    Bad:
        根据…的要求，会前，XX党支部聚焦主题深入学习……学习贯彻党的XX届X中X会精神。
        → 模板占位符“XX”未替换
        → 届次、全会名称留有占位符“XX届X中X会”，应写明如“十九届六中全会”
    Good:
        根据…的要求，会前，第二党支部聚焦主题深入学习……学习贯彻党的十九届六中全会精神。
    """
    markdown = ctx.doc.path.lower().endswith((".md", ".markdown"))
    ignore = tuple(ctx.options.get("ignore") or ())
    case = _in_case_part(section)
    for start, end, message in find_placeholders(span.text, markdown=markdown, ignore=ignore, case=case):
        yield ctx.hit(span, start, end, message, section)


def _in_case_part(section: Section | None) -> bool:
    """Whether a section is, or is under, a case analysis (反面典型案例剖析, 以案促改): a part with
    the role `case`, or a subsection whose heading names one (（五）对照反面典型案例查摆自身差距)."""
    from ..parser import role_of

    while section is not None:
        if section.role == "case" or role_of(section.heading) == "case":
            return True
        section = section.parent
    return False


# ================================================================================================
# RL302 pinyin-substitution
# ================================================================================================

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_LATIN_RUN_RE = re.compile(r"[A-Za-z]+")
_GLOSS_ONE = rf"[{HAN}][（(][ \t]*[a-zü{_TONED}]{{1,7}}(?:[ \t]+[a-zü{_TONED}]{{1,7}}){{0,7}}[ \t]*[)）]"
# a bracket and a pinyin letter, which every gloss contains: a line without one has no gloss
_GLOSS_HINT_RE = re.compile(rf"[（(][ \t]*[a-zü{_TONED}]")


@functools.cache
def _gloss_re() -> re.Pattern[str]:
    """Compiled for the first line with the hint (Speed decisions in bench/RESULTS.md)."""
    return re.compile(f"(?:{_GLOSS_ONE})+")


_TONE_RE = re.compile(f"[{_TONED}]")
# one pinyin syllable: initial, vowels, final (rejects café, résumé)
_SYLLABLE_RE = re.compile(f"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouü{_TONED}]{{1,4}}(?:ng|n|r)?")


@functools.cache
def _pinyin_words() -> dict[str, str]:
    return {k.lower(): v for k, v in vocab("pinyin").get("words", {}).items()}


def _segment(word: str, words: dict[str, str]) -> list[str] | None:
    """Split a lower-case Latin run into dictionary words (fewest pieces), or None."""
    n = len(word)
    longest = max((len(w) for w in words), default=0)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + longest) + 1):
            piece = word[i:j]
            if piece in words:
                candidate = [*best[i], piece]  # type: ignore[misc]
                if best[j] is None or len(candidate) < len(best[j]):  # type: ignore[arg-type]
                    best[j] = candidate
    return best[n]


def pinyin_reading(run: str, extra: dict[str, str] | None = None) -> str | None:
    """The Chinese a pinyin run stands for (`zuzhi` → 组织), or None if it is not pinyin we know."""
    words = _pinyin_words()
    if extra:
        words = {**words, **{k.lower(): v for k, v in extra.items()}}
    pieces = _segment(run.lower(), words)
    return "".join(words[p] for p in pieces) if pieces else None


def find_pinyin(text: str, extra: dict[str, str] | None = None) -> Iterator[tuple[int, int, str]]:
    if not text.isascii():
        for m in _LATIN_RUN_RE.finditer(text):
            start, end = m.span()
            left = text[start - 1] if start else ""
            right = text[end] if end < len(text) else ""
            if not (is_han(left) or is_han(right)):
                continue
            if any(is_alnum(ch) for ch in (left, right, *_neighbours(text, start, end))):
                continue  # part of a Latin phrase or name (Dang Van), or of a code (zuzhi2)
            reading = pinyin_reading(m.group(), extra)
            if reading:
                yield start, end, f"拼音“{m.group()}”代替了“{reading}”，应写汉字"
        if ("(" in text or "（" in text) and _GLOSS_HINT_RE.search(text):
            for m in _gloss_re().finditer(text):
                syllables = re.findall(f"[a-zü{_TONED}]+", m.group())
                if _TONE_RE.search(m.group()) and all(_SYLLABLE_RE.fullmatch(x) for x in syllables):
                    yield m.start(), m.end(), f"“{m.group()}”带有拼音注音（网页转换残留），应删去注音"


@rule("RL302", "pinyin-substitution", severity="error", scope="text", options={"words": {}})
def pinyin_substitution(ctx: Context, span: Span, section: Section | None) -> Iterator[Hit]:
    """Latin pinyin standing in for Chinese words (zuzhi = 组织), and pinyin glosses (學(xué)).

    Template sites replace words that filters watch with their pinyin, and users copy the text as
    it is: `zuzhi生活会`, `党zuzhi建设`, `dang风廉政`. A Latin run touching a Chinese character is
    flagged when it is a pinyin word from rules/vocab/pinyin.toml, or several of them run
    together (`zuzhishenghuohui`); the message names the Chinese word it stands for. English
    words and names (`Excel`, `Word`, `PPT`, `Zhang Wei`) are not pinyin words and are left
    alone, as is any Latin text not touching Chinese.

    Also flagged: a Chinese character followed by a parenthesised pinyin syllable with a tone mark
    (`學(xué)習(xí)`, `会(huì)`), left over from copying a web page with pinyin annotations; a run of
    annotated characters is one finding.

    Options: `words` — extra pinyin words for this profile, as a table `{pinyin = "汉字"}`.

    Bad:
        党支部2021年党史学习教育zuzhi生活会“四个对照”检查材料
        → 拼音“zuzhi”代替了“组织”，应写汉字
    Good:
        党支部2021年党史学习教育组织生活会“四个对照”检查材料
    """
    extra = dict(ctx.options.get("words") or {})
    for start, end, message in find_pinyin(span.text, extra):
        yield ctx.hit(span, start, end, message, section)


# ================================================================================================
# RL303 meeting-type-mismatch
# ================================================================================================

ORG, DEM = "组织生活会", "民主生活会"
_MEETING_RE = re.compile(r"(?P<org>(?:[组組][织織]|zuzhi)生活[会會])|(?P<dem>(?:民主|minzhu)生活[会會])", re.IGNORECASE)


@functools.cache
def _meeting_data() -> dict[str, Any]:
    return vocab("meetings")


def _meeting_kind(value: str | None) -> str | None:
    if not value:
        return None
    v = value.lower()
    has_org = "组织" in value or "組織" in value or "zuzhi" in v or "org" in v
    has_dem = "民主" in value or "minzhu" in v or "dem" in v
    if has_org and not has_dem:
        return ORG
    if has_dem and not has_org:
        return DEM
    return None


def _meetings_named(text: str) -> set[str]:
    return {ORG if m.lastgroup == "org" else DEM for m in _MEETING_RE.finditer(text)}


def report_meeting(doc: Document, profile: Any) -> tuple[str | None, str]:
    """(meeting type, where it came from): the title's, else the profile's `meeting`, else the
    preamble's when it names only one type. None when unknown or ambiguous. The report's own title
    comes first: a profile of the other meeting does not turn the title into a mistake (RL312
    profile-mismatch says once that the two differ)."""
    title = "".join(s.text for s in doc.title_lines) or (doc.title or "")
    named = _meetings_named(title)
    if len(named) == 1:
        return named.pop(), "title"
    if named:
        return None, "title"
    kind = _meeting_kind(getattr(profile, "meeting", None))
    if kind:
        return kind, "profile"
    named = set()
    for span in doc.preamble:
        named |= _meetings_named(span.text)
    if len(named) == 1:
        return named.pop(), "preamble"
    return None, ""


def _clause_before(text: str, start: int, limit: int) -> str:
    before = text[max(0, start - limit):start]
    cut = max((m.end() for m in re.finditer(f"[{CLAUSE_END}]", before)), default=0)
    return before[cut:]


_CONNECTOR = "和与及、暨"


def _names_both(text: str, start: int, end: int, meeting: str) -> bool:
    """`民主生活会和组织生活会`: both kinds named together (a notice covering both), not a mix-up."""
    own = "组织生活会" if meeting == ORG else "民主生活会"
    after, before = text[end:end + 6], text[max(0, start - 6):start]
    return (after[:1] in _CONNECTOR and after[1:].startswith(own)) or (
        before[-1:] in _CONNECTOR and before[:-1].endswith(own)
    )


def _in_book_title(text: str, start: int, end: int) -> bool:
    """Inside 《…》: the title of a notice or regulation, quoted as it is."""
    open_at = text.rfind("《", 0, start)
    return open_at >= 0 and text.rfind("》", open_at, start) < 0 and text.find("》", end) >= 0


def _author_kind(doc: Document, profile: Any) -> str | None:
    """`branch` or `team`: the party body the title names before its meeting, else the profile's
    `author` when it names one kind only."""
    data = _meeting_data()
    title = "".join(s.text for s in doc.title_lines) or (doc.title or "")
    from_title = _title_body(title, data)
    if from_title is not None:
        return from_title
    value = getattr(profile, "author", None) or ""
    kinds = {"branch" if any(w in a for w in ("支部", "党小组", "党员")) or "branch" in a.lower() else "team"
             for a in re.split("[、,，/ ]+", value) if a}
    return kinds.pop() if len(kinds) == 1 else None


def _title_body(title: str, data: dict[str, Any]) -> str | None:
    m = _MEETING_RE.search(title)
    head = title[: m.start()] if m else title
    best, where = None, -1
    for kind, words in (("branch", data["branch_words"]), ("team", data["team_words"])):
        for w in words:
            i = head.rfind(w)
            if i >= 0 and i + len(w) > where:
                best, where = kind, i + len(w)
    return best


@rule("RL303", "meeting-type-mismatch", severity="error", options={"check_author": True})
def meeting_type_mismatch(ctx: Context) -> Iterator[Hit]:
    """民主生活会 named in a 组织生活会 report, or the reverse.

    The report's meeting type is read from its title (also when masked: `zuzhi生活会` = 组织生活会);
    without one it is the profile's `meeting`, else the preamble's when it names only one kind. A
    profile of the other meeting never makes the title a mistake (RL312 says once that they differ). Every mention of the other kind is an error, a
    sign of a template taken from another kind of meeting — also in a passage about the previous
    meeting (`上次民主生活会期间，XX党支部…` in a branch report: a branch holds no 民主生活会).

    Two readings are legitimate and not flagged: in a 民主生活会 report, a leader's attendance at
    a branch meeting (`以普通党员身份参加所在党支部组织生活会`: 参加/所在/支部/双重… shortly before);
    in a 组织生活会 report, another body's meeting (`学习县委常委班子民主生活会精神`: 党委/党组/班子/
    常委… shortly before). Nor are both kinds named together (`民主生活会和组织生活会`) or a mention
    inside 《…》 (the title of a notice covering both). The word lists are in
    rules/vocab/meetings.toml.

    With `check_author` (default on), a report whose title names a 党支部 or 党小组 as author but
    a 民主生活会 gets one warning on the title, and its mentions of 组织生活会 none: 民主生活会 is
    for leadership teams, branches hold 组织生活会. (The
    reverse, a 党委 holding a 组织生活会, is not flagged: 机关党委 and other grassroots committees
    hold both.)

    Bad (the title names a 组织生活会; the text a 民主生活会):
        第二党支部2025年度组织生活会对照检查材料
        四是上次民主生活会期间，党支部进行了认真自我检视剖析。
        → 本报告是组织生活会材料，此处却写“民主生活会”
    Good:
        第二党支部2025年度组织生活会对照检查材料
        四是上年度组织生活会期间，党支部进行了认真自我检视剖析。
    Good (another body's meeting):
        第二党支部2025年度组织生活会对照检查材料
        会前，支部组织党员学习县委常委班子民主生活会精神。
    """
    meeting, source = report_meeting(ctx.doc, ctx.profile)
    if meeting is None:
        return
    data = _meeting_data()
    branch_dem = meeting == DEM and _author_kind(ctx.doc, ctx.profile) == "branch"
    if branch_dem:
        # a branch's report is a 组织生活会 report: one finding on the title at most, never one per
        # mention of 组织生活会 (which would contradict it)
        for span in ctx.doc.title_lines if ctx.options.get("check_author", True) else ():
            found = _MEETING_RE.search(span.text)
            if found:
                hit = ctx.hit(span, found.start(), found.end(), "党支部（党小组）召开的是组织生活会，民主生活会由领导班子召开")
                yield _with_severity(hit, Severity.WARNING)
                break
        return
    limit = int(data.get("context_chars", 12))
    title_ids = {id(s) for s in ctx.doc.title_lines}
    for span, section in text_spans(ctx.doc):
        if source == "title" and id(span) in title_ids:
            continue
        if "生活" not in span.text:  # in every match of _MEETING_RE (Chinese has no case to ignore)
            continue
        for m in _MEETING_RE.finditer(span.text):
            named = ORG if m.lastgroup == "org" else DEM
            if named == meeting:
                continue
            before = _clause_before(span.text, m.start(), limit)
            words = data["attend_words"] if meeting == DEM else data["other_body_words"]
            if any(w in before for w in words):
                continue
            if _names_both(span.text, m.start(), m.end(), meeting) or _in_book_title(span.text, m.start(), m.end()):
                continue
            yield ctx.hit(span, m.start(), m.end(), f"本报告是{meeting}材料，此处却写“{m.group()}”", section)


# ================================================================================================
# RL304 vague-problem, RL305 vague-measure
# ================================================================================================


@functools.cache
def _vague_res() -> dict[str, Any]:
    data = vocab("vague")

    def compile_all(patterns: list[str]) -> list[LazyPattern]:
        return [LazyPattern(p) for p in patterns]  # a search that finds enough stops early

    return {
        "numbers": compile_all(data.get("numbers", [])),
        "problem": compile_all(data.get("problem_markers", [])),
        "measure": compile_all(data.get("measure_markers", [])),
        "slogans": compile_all(data.get("slogans", [])),
    }


def concrete_markers(text: str, kind: str, enough: int | None = None) -> list[str]:
    """The concrete markers in a problem's or measure's text (numbers, examples, deadlines…).

    With `enough`, the search stops once that many are found: a rule that only asks whether a
    unit has enough markers need not try the other ~50 patterns (the list is whole when shorter)."""
    res = _vague_res()
    found: list[str] = []
    starts: list[int] = []  # the spans taken, disjoint, sorted by start (found in finding order)
    ends: list[int] = []
    for pattern in (*res["numbers"], *res[kind]):
        for m in pattern.finditer(text):
            start, end = m.span()
            if end <= start:
                continue
            # only the neighbours of the insertion point can overlap a disjoint sorted set: a bisect,
            # not a scan of every span taken (quadratic on a long paragraph full of numbers)
            k = bisect.bisect_left(starts, start)
            if (k > 0 and ends[k - 1] > start) or (k < len(starts) and starts[k] < end):
                continue
            starts.insert(k, start)
            ends.insert(k, end)
            found.append(m.group())
            if enough is not None and len(found) >= enough:
                return found
    return found


@rule("RL304", "vague-problem", severity="warning", options={"min_markers": 1})
def vague_problem(ctx: Context) -> Iterator[Hit]:
    """A problem with no concrete fact, example or number (见人见事).

    Reviewers send back problems that could be pasted into any unit's report: 问题要见人见事. A
    problem (each leaf unit of the problems part) needs at least `min_markers` concrete markers:
    an example (比如, 例如, 以…为例, 如：), a date (今年6月, 2024年8月), a number with a measure word
    (3次, 12名, 85%, 两次), or a named document (《条例》). The lists are in rules/vocab/vague.toml;
    slogans such as 四个意识 and 八项规定 are not counts.

    Options: `min_markers` (default 1). Turn the rule off for a profile whose problems are
    deliberately general (a 班子 summary), or raise the minimum to demand more evidence.

    Bad:
        一、存在的主要问题
        一是理论学习不够深入。学习缺少挤劲、钻劲，距离入脑入心、真懂真信的要求还有一些差距。
        → 问题表述笼统，没有具体事例、时间或数字，要见人见事
    Good:
        一、存在的主要问题
        一是理论学习不够深入。全年集中学习22次，其中7次被业务会议挤占，比如9月的专题研讨只传达了文件。
    """
    need = int(ctx.options.get("min_markers", 1))
    for unit in ctx.doc.units("problems"):
        found = concrete_markers(unit.text, "problem", enough=need)
        if len(found) < need:
            have = f"（只有{len(found)}处：{'、'.join(found)}）" if found else ""
            yield ctx.hit_unit(unit, f"问题表述笼统，没有具体事例、时间或数字{have}，要见人见事")


@rule("RL305", "vague-measure", severity="warning", options={"min_markers": 1})
def vague_measure(ctx: Context) -> Iterator[Hit]:
    """A measure with no concrete action, owner, deadline or quantity: only slogans.

    措施要明: a rectification measure says what will be done, by whom, by when, or how much. A
    measure (each leaf unit of the measures part) needs at least `min_markers` concrete markers: a
    deadline or frequency (6月底前, 每季度, 年内, 3个工作日), a quantity (不少于4次, 20人, 全覆盖), an
    owner (由…负责, 牵头, 本人任组长, 专班), or a concrete instrument (台账, 清单, 学习计划, 中心组,
    谈心谈话, 专项检查, 《条例》). Phrases like 进一步加强, 不断提高, 切实增强, 持续推进 (口号) do not
    count; when a measure has nothing else the message names them. Lists: rules/vocab/vague.toml.

    Options: `min_markers` (default 1).

    Bad:
        三、整改措施
        1.进一步加强作风建设，不断提高工作水平，切实增强责任意识，持续推动各项工作再上新台阶。
        → 整改措施不具体：只有“进一步加强”“不断提高”“切实增强”“持续推动”“再上新台阶”等口号，没有具体举措、责任人、时限或数量
    Good:
        三、整改措施
        1.建立文风会风季度抽查制度，工作简报一般不超过2页，每月回访办事群众不少于20人。
    """
    need = int(ctx.options.get("min_markers", 1))
    slogans = _vague_res()["slogans"]
    for unit in ctx.doc.units("measures"):
        found = concrete_markers(unit.text, "measure", enough=need)
        if len(found) < need:
            said = [m.group() for p in slogans for m in p.finditer(unit.text)]
            tail = f"只有“{'”“'.join(dict.fromkeys(said))}”等口号，" if said else ""
            yield ctx.hit_unit(unit, f"整改措施不具体：{tail}没有具体举措、责任人、时限或数量")


# ================================================================================================
# RL306 stale-reference
# ================================================================================================

_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(度)?")
_PREAMBLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(度)?[^。；，]{0,24}?生活[会會]")


def _month(value: str | None) -> int | None:
    if not value:
        return None
    year, _, month = str(value).partition("-")
    return int(year) * 12 + (int(month or 1) - 1)


@dataclass(frozen=True)
class StalePhrase:
    """One entry of rules/vocab/stale.toml (months as year*12 + month-1)."""

    pattern: re.Pattern[str]
    valid_from: int | None
    valid_to: int | None
    note: str
    unless_before: LazyPattern | None
    unless_after: LazyPattern | None
    confirmed: bool

    def excused(self, text: str, start: int, end: int) -> bool:
        """Named as past, or as the source of results or rectification (巩固…成果, …专题民主生活会整改)."""
        before, after = text[max(0, start - 16):start], text[end:end + 16]
        return bool((self.unless_before and self.unless_before.search(before))
                    or (self.unless_after and self.unless_after.search(after)))


@functools.cache
def _stale_table() -> list[StalePhrase]:
    def optional(entry: dict[str, Any], key: str) -> LazyPattern | None:
        return LazyPattern(entry[key]) if entry.get(key) else None

    return [
        StalePhrase(re.compile(entry["pattern"]), _month(entry.get("valid_from")), _month(entry.get("valid_to")),
                    entry.get("note", ""), optional(entry, "unless_before"), optional(entry, "unless_after"),
                    entry.get("confirmed", True))
        for entry in vocab("stale").get("phrase", [])
    ]


@functools.cache
def _stale_for_window(first: int, last: int) -> tuple[tuple[StalePhrase, ...], re.Pattern[str] | None]:
    """The entries that can be out of date in a report written from `first` to `last` (most are
    valid in any one year), and one pattern joining them to pass over lines that name none."""
    entries = tuple(e for e in _stale_table() if (e.valid_to is not None and e.valid_to <= first)
                    or (e.valid_from is not None and e.valid_from > last))
    return entries, _any_of([e.pattern for e in entries])


def report_window(doc: Document, profile: Any) -> tuple[int, int, str] | None:
    """The months (as year*12 + month-1, inclusive) in which the report can have been written, and
    a description of where its year came from. The report's own year comes first: a profile never
    overrides it (a 2025 report checked with a 2021 profile is still a 2025 report).

    - title (else a preamble sentence naming the meeting) `Y年度`: December of Y to March of Y+1,
      since 年度 meetings are held at the turn of the year;
    - title `Y年` (a meeting within the year, e.g. 2021年党史学习教育专题组织生活会): the year Y;
    - else the profile's `year` Y: January of Y to March of Y+1 — profiles name either the
      meeting's year (2023 主题教育) or its 年度 (2025年度民主生活会, held early 2026), so both are
      allowed.
    """
    title = "".join(s.text for s in doc.title_lines) or (doc.title or "")
    m = _YEAR_RE.search(title)
    if m is None:
        for span in doc.preamble:
            m = _PREAMBLE_YEAR_RE.search(span.text)
            if m:
                break
    if m is not None:
        y = int(m.group(1))
        if m.group(2):
            return y * 12 + 11, (y + 1) * 12 + 2, f"{y}年度"
        return y * 12, y * 12 + 11, f"{y}年"
    year = getattr(profile, "year", None)
    if year:
        y = int(year)
        return y * 12, (y + 1) * 12 + 2, f"{y}"
    return None


def _fmt_month(value: int) -> str:
    return f"{value // 12}年{value % 12 + 1}月"


@rule("RL306", "stale-reference", severity="warning", scope="text")
def stale_reference(ctx: Context, span: Span, section: Section | None) -> Iterator[Hit]:
    """References out of date for the report's year (十九大以来 in 2023, 新冠肺炎疫情防控 in 2024).

    Templates are reused from year to year and keep the wording of the year they were written. A
    table in rules/vocab/stale.toml gives, for each phrase, the months in which it is current
    (valid_from, valid_to). A phrase is flagged when the report cannot have been written inside
    that period: after it ended (党的十九大以来 after the 二十大 of October 2022) or before it
    began (二十届三中全会 in a report of 2023).

    A campaign or an event of a past year may still be named as past, or as the source of results
    or rectification (巩固拓展党史学习教育成果, 党史学习教育专题民主生活会整改落实情况): each entry lists
    the words around it that say so (`unless_before`, `unless_after`). Every entry names its source;
    one whose date DOMAIN marks partly verified (`confirmed = false`) is reported as info.

    The report's year comes from its title, else from a preamble sentence naming the meeting
    (`召开2024年度民主生活会`), else from the profile's `year`: a profile never overrides the
    report's own year. A 年度 report (`2021年度组织生活会`) is held at the turn of the year, so it
    may have been written from December of that year to March of the next; a report titled
    `2021年…生活会` was written in 2021; a profile's `year` allows the whole year and the following
    first quarter. Without a year the rule says nothing.

    Bad (a 2023 report still says 党的十九大以来):
        2023年度组织生活会对照检查材料
        对党的十九大以来党和国家事业取得的历史性成就理解不够深入。
        → “党的十九大以来”对2023年度的报告已过时（2022年10月起不再适用）：党的二十大召开后应写“党的二十大以来”或“新时代以来”
    Good:
        2023年度组织生活会对照检查材料
        对党的二十大以来党和国家事业取得的历史性成就理解不够深入。
    Good (the same words in a 2021 report):
        2021年度组织生活会对照检查材料
        对党的十九大以来党和国家事业取得的历史性成就理解不够深入。
    """
    window = ctx.shared("content.report_window", lambda: report_window(ctx.doc, ctx.profile))
    if window is None:
        return
    first, last, label = window
    entries, hint = _stale_for_window(first, last)
    if not entries or (hint is not None and hint.search(span.text) is None):
        return
    for entry in entries:
        for m in entry.pattern.finditer(span.text):
            if entry.valid_to is not None and entry.valid_to <= first:
                if entry.excused(span.text, m.start(), m.end()):
                    continue
                message = f"“{m.group()}”对{label}的报告已过时（{_fmt_month(entry.valid_to)}起不再适用）：{entry.note}"
            elif entry.valid_from is not None and entry.valid_from > last:
                message = f"“{m.group()}”早于其出现的时间（{_fmt_month(entry.valid_from)}起才有），与报告年份{label}不符：{entry.note}"
            else:
                continue
            hit = ctx.hit(span, m.start(), m.end(), message, section)
            yield hit if entry.confirmed else _with_severity(hit, Severity.INFO)


# ================================================================================================
# RL307 too-short
# ================================================================================================

_UNCOUNTED_RE = re.compile(f"[^{HAN}{ALNUM}]+")


def count_chars(text: str) -> int:
    """Characters that carry content: Chinese characters, letters and digits (what is left when
    everything else is deleted: no list of one string per character, as findall would make)."""
    return len(_UNCOUNTED_RE.sub("", text))


def _section_chars(section: Section) -> int:
    return sum(count_chars(s.heading) + sum(count_chars(b.text) for b in s.body) for s in section.walk())


@rule("RL307", "too-short", severity="info", options={"min_report_chars": 1000, "min_part_chars": 100})
def too_short(ctx: Context) -> Iterator[Hit]:
    """The report, or one of its parts, is shorter than the profile's minimum.

    Counts Chinese characters, letters and digits (not spaces or punctuation). The whole report
    (title to the end) must reach `min_report_chars`; each problems, causes and measures part
    must reach `min_part_chars`. A one-line cause part or a 300-character report is usually a
    draft submitted by mistake. No national length limit exists, so the defaults are modest and
    the finding is informational; a profile can set its unit's own limits.

    Options: `min_report_chars` (default 1000), `min_part_chars` (default 100; 0 turns the part
    check off).

    Bad (min_report_chars = 0, so only the parts are measured, with min_part_chars = 40):
        一、存在的主要问题
        一是学习不够系统。全年集中学习18次，其中5次只传达文件，研讨发言照稿念的多，结合工作谈体会的少。
        二、问题产生的原因
        理想信念有所放松。
        三、整改措施
        （一）每月集中学习不少于2次，每次安排2名党员结合分管工作发言，学习情况每季度在支部党员大会上通报。
        → “问题产生的原因”部分只有15字，少于40字
    Good (min_report_chars = 0, min_part_chars = 40):
        一、存在的主要问题
        一是学习不够系统。全年集中学习18次，其中5次只传达文件，研讨发言照稿念的多，结合工作谈体会的少。
        二、问题产生的原因
        （一）理论学习的自觉性不够强。把学习当作软任务，业务一忙就给工作让路，学用结合的导向树得不牢。
        三、整改措施
        （一）每月集中学习不少于2次，每次安排2名党员结合分管工作发言，学习情况每季度在支部党员大会上通报。
    """
    doc = ctx.doc
    min_report = int(ctx.options.get("min_report_chars", 1000))
    min_part = int(ctx.options.get("min_part_chars", 100))
    total = sum(count_chars(s.text) for s in (*doc.title_lines, *doc.byline, *doc.preamble))
    parts = [(section, _section_chars(section)) for section in doc.sections]
    total += sum(n for _, n in parts)
    if min_report and total < min_report:
        message = f"报告正文只有{total}字，少于{min_report}字"
        if doc.title_lines:
            first = doc.title_lines[0]
            yield Hit(message, first.line, first.column, first.end_line, first.end_column, None, first.text[:60])
        else:
            yield ctx.hit_document(message)
    if min_part:
        for section, n in parts:
            if section.role in ("problems", "causes", "measures"):
                if n < min_part:
                    yield ctx.hit_section(section, f"“{section.name}”部分只有{n}字，少于{min_part}字")


# ================================================================================================
# RL308 duplicate-text
# ================================================================================================

_SENTENCE_RE = re.compile(f"[^{SENTENCE_END}]+[{SENTENCE_END}]*")
# an item label at the start of a sentence (1. 一是 （1） 第一， ①) is not part of what is repeated
_LEADING_LABEL_RE = re.compile(
    f"^[{SPACES}]*" r"(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，、,]|[①-⑳])"
)
_DOUBLED_RE = re.compile(f"([{HAN}]{{2,8}})\\1")


@functools.cache
def _reduplicated() -> frozenset[str]:
    return frozenset(vocab("duplicates").get("reduplicated", []))


@functools.cache
def _field_sentence() -> re.Pattern[str]:
    """责任人：… / 完成时限：…: the field lines closing each measure repeat by design."""
    fields = "|".join(re.escape(f) for f in vocab("duplicates").get("fields", []))
    return re.compile(f"^[{SPACES}]*(?:{fields})[{SPACES}]*[：:]") if fields else re.compile(r"(?!)")


def doubled_words(text: str, min_chars: int = 2) -> Iterator[tuple[int, int, str]]:
    """Words written twice in a row (用公款用公款, 决策决策), not legitimate reduplication."""
    for m in _DOUBLED_RE.finditer(text):
        word = m.group(1)
        if len(word) < min_chars:
            continue
        if len(word) == 2 and (word[0] == "一" or word[0] == word[1] or word in _reduplicated()):
            continue
        yield m.start(), m.end(), word


def _body_spans(doc: Document) -> Iterator[tuple[Span, Section | None]]:
    for span in (*doc.title_lines, *doc.byline, *doc.preamble):
        yield span, None
    for section in doc.walk():
        for span in section.body:
            yield span, section


@rule("RL308", "duplicate-text", severity="warning",
      options={"min_sentence_chars": 12, "min_word_chars": 2, "words": True})
def duplicate_text(ctx: Context) -> Iterator[Hit]:
    """The same sentence or paragraph written twice, or a word doubled by a typo (用公款用公款).

    Copy-and-paste leaves the same sentence in two places; reviewers read it as a report put
    together carelessly. Sentences (split at 。！？；) and paragraphs are compared after removing
    spaces, quotes and punctuation, and after folding full-width and Traditional forms; those
    shorter than `min_sentence_chars` characters are not compared (short set phrases repeat
    legitimately). Headings, table cells and field sentences (a 整改清单 repeats its 时限 and
    责任人; so do lines 责任人：…。完成时限：…。 under each measure, see `fields` in
    rules/vocab/duplicates.toml) are not compared. Each repetition after the first is reported, with
    the line of the first.

    With `words` (default on), a word of two or more characters written twice in a row is also
    reported (`用公款用公款`, `形成决策决策决议`). Legitimate reduplication is not: one-character
    doubling (常常, 看看), `一步一步`-style counts, and verbs such as 研究研究 listed in
    rules/vocab/duplicates.toml. `min_word_chars` raises the minimum word length (3 reports only
    doubled words of three characters or more).

    Options: `min_sentence_chars` (12), `min_word_chars` (2), `words` (true).

    Bad:
        严格落实中央八项规定精神，坚决反对“四风”。……严格落实中央八项规定精神，坚决反对“四风”。
        不得违规用公款用公款吃喝。
        → 句子与本段前文重复
        → 词语重复：“用公款用公款”应为“用公款”
    Good:
        严格落实中央八项规定精神，坚决反对“四风”。……每季度开展一次廉政风险点排查。
        不得违规用公款吃喝。
    """
    min_len = int(ctx.options.get("min_sentence_chars", 12))
    min_word = max(2, int(ctx.options.get("min_word_chars", 2)))
    paragraphs: dict[str, Span] = {}
    sentences: dict[str, Span] = {}
    in_table = {p.line for p in ctx.doc.source.paragraphs if p.in_table} if ctx.doc.source else set()
    # key() (NFKC and all) once per distinct text: a one-sentence paragraph is its own sentence,
    # and repeated text is what this rule looks for
    keys: dict[str, str] = {}

    def key_of(text: str) -> str:
        k = keys.get(text)
        if k is None:
            k = keys[text] = key(text)
        return k

    for span, section in _body_spans(ctx.doc):
        if span.line in in_table:
            continue  # a 整改清单 table repeats its 时限 and 责任人 cells by design
        text = span.text
        para_key = key_of(text)
        if len(para_key) >= min_len and para_key in paragraphs:
            first = paragraphs[para_key]
            start = len(text) - len(text.lstrip())
            yield ctx.hit(span, start, len(text.rstrip()), f"整段与第{first.line}行重复", section)
            continue
        if len(para_key) >= min_len:
            paragraphs[para_key] = span
        for m in _SENTENCE_RE.finditer(text):
            k = key_of(_LEADING_LABEL_RE.sub("", m.group()))
            if len(k) < min_len or _field_sentence().match(m.group()):
                continue
            if k in sentences:
                first = sentences[k]
                where = "本段前文" if first is span else f"第{first.line}行"
                label = _LEADING_LABEL_RE.match(m.group())
                start = m.start() + (label.end() if label else 0)
                start += len(text[start:m.end()]) - len(text[start:m.end()].lstrip())
                yield ctx.hit(span, start, m.end(), f"句子与{where}重复", section)
            else:
                sentences[k] = span
        if ctx.options.get("words", True):
            for start, end, word in doubled_words(text, min_word):
                yield ctx.hit(span, start, end, f"词语重复：“{word}{word}”应为“{word}”", section)


# ================================================================================================
# RL309 confusable-word
# ================================================================================================


@functools.cache
def _confusables() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(w["pattern"]), w["right"]) for w in vocab("confusables").get("word", [])]


@functools.cache
def _any_confusable() -> re.Pattern[str] | None:
    return _any_of([pattern for pattern, _ in _confusables()])


def find_confusables(text: str) -> Iterator[tuple[int, int, str]]:
    hint = _any_confusable()
    if hint is not None and hint.search(text) is None:
        return
    for pattern, right in _confusables():
        for m in pattern.finditer(text):
            start, end = m.span("w") if "w" in pattern.groupindex else m.span()
            yield start, end, f"“{text[start:end]}”疑为错别字，应为“{right}”"


@rule("RL309", "confusable-word", severity="warning", scope="text")
def confusable_word(ctx: Context, span: Span, section: Section | None) -> Iterator[Hit]:
    """Typos and conversion errors common in these reports (新世代, 自已, 再接再励, 原那么性).

    A short list of wrong forms seen in real reports, each with its correction, in
    rules/vocab/confusables.toml: homophone typos (以身做则 → 以身作则, 按步就班 → 按部就班,
    再接再励 → 再接再厉, 自已 → 自己), and the damage of PDF-to-text conversion (假设干规定 →
    若干规定, 原那么性 → 原则性). Entries are patterns with context where the wrong form can also
    be a real word (新世代 is flagged only before 中国特色 or 社会主义; 各自已经 is not 自已).

    Bad:
        坚持以身做则，再接再励，做到令行禁止。
        → “以身做则”疑为错别字，应为“以身作则”
        → “再接再励”疑为错别字，应为“再接再厉”
    Good:
        坚持以身作则，再接再厉，做到令行禁止。
    """
    for start, end, message in find_confusables(span.text):
        yield ctx.hit(span, start, end, message, section)


RULES = [
    placeholder,
    pinyin_substitution,
    meeting_type_mismatch,
    vague_problem,
    vague_measure,
    stale_reference,
    too_short,
    duplicate_text,
    confusable_word,
]

__all__ = [
    "RULES",
    "concrete_markers",
    "count_chars",
    "doubled_words",
    "find_confusables",
    "find_pinyin",
    "find_placeholders",
    "pinyin_reading",
    "report_meeting",
    "report_window",
]
