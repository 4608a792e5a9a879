"""`profile = "auto"` (the default): what a report says of itself — its meeting, the year the meeting
is about, who wrote it, the campaign whose 专题 meeting it is — read from the title, the lines
around it and the preamble, and the built-in profile that fits (DOMAIN §a: the required headings
change with each of these).

A profile fits when its `meeting` (if it names one), its theme (a 专题 meeting) or its year (an
annual meeting: `annual`) and its `author` kinds agree with the reading. When none fits, or the
reading cannot tell two fitting profiles apart (a 组织生活会 report of unknown author, whose branch
and member sets differ), the default profile is used and the reason says so. The words are data in
rules/vocab/meetings.toml ([reading], [[theme]]).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .config import (
    DEFAULT_PROFILE,
    Profile,
    ProjectConfig,
    builtin_profiles,
    load_profile,
    named_reason,
    resolve_profile,
    wants_auto,
    with_config,
)
from .model import Document, Span
from .normalize import simplify
from .patterns import LazyPattern
from .resources import vocab

ORG, DEM = "组织生活会", "民主生活会"
TEAM, LEADER, BRANCH, MEMBER = "班子", "个人", "党支部", "党员"
_MEETING_RE = re.compile(r"(?P<org>组织生活会|zuzhi生活会)|(?P<dem>民主生活会|minzhu生活会)", re.IGNORECASE)
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(度)?")
_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_DISPATCH_RE = re.compile(r"[〔\[［(（]((?:19|20)\d{2})[〕\]］)）]")
# what the words before a name end with: a post, a party body, a unit (closing.toml's lists, short)
_ROLE_END = ("(书记|局长|主任|部长|长|委员|党员|常委|干部|教师|支部|党组|党委|总支|党工委|班子|委员会|局|委|办|院|校|"
             "中心|公司|集团|所|站|队|馆|处|科|室|人)$")
_BODY_END = re.compile("(部务会|党组|党委|党工委|委员会|支部|总支|班子|常委会|党小组)$")
_CN_DIGITS = str.maketrans("〇○零Ｏ一二三四五六七八九", "000012345678" + "9")
_CN_YEAR_RE = re.compile("[〇○零Ｏ一二三四五六七八九]{4}(?=年)")
_CN_MONTH_RE = re.compile("(?<=年)(十[一二]|[一二三四五六七八九十])(?=月)")
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12}


@dataclass(frozen=True)
class Reading:
    """What a report says of itself. `year` is the year the meeting is about (2024年度 → 2024; a
    campaign's 专题 meeting without 年度: the year it was held); `held` the year of a date line."""

    meeting: str | None = None  # 组织生活会 | 民主生活会 | None: not a meeting report, or not said
    year: int | None = None
    held: int | None = None
    author: str | None = None  # 班子 | 个人 (at a 民主生活会) | 党支部 | 党员 (at a 组织生活会)
    theme: str | None = None  # the campaign of a 专题 meeting (vocab [[theme]] names), else None
    annual: bool = False  # the year was said as Y年度
    evidence: str = ""  # the title (or the first line read), as the reason quotes it

    def describe(self) -> str:
        """`2024年度民主生活会（班子）`, `2023年学习贯彻…主题教育专题组织生活会（党员）`."""
        year = f"{self.year}年{'度' if self.annual or not self.theme else ''}" if self.year else ""
        theme = f"{self.theme}专题" if self.theme else ""
        author = f"（{self.author}）" if self.author else ""
        return f"{year}{theme}{self.meeting or '会议类型不明'}{author}"


@dataclass(frozen=True)
class Choice:
    """The profile auto chose (by name) and why, in words for people."""

    name: str
    why: str


# -- reading ----------------------------------------------------------------------------------------


@functools.cache
def _vocab() -> dict[str, Any]:
    data = vocab("meetings")
    reading = data.get("reading", {})
    bare = data.get("bare_theme", {})
    return {
        **reading,
        "first_person_re": re.compile(reading.get("first_person", "(?!)")),
        "clause_re": re.compile(reading.get("meeting_clause", "(?!)")),
        "themes": [(t["name"], [LazyPattern(p) for p in t.get("patterns", [])], t.get("year"))
                   for t in data.get("theme", [])],
        "bare_re": re.compile(bare.get("pattern", "(?!)")),
        "bare_years": {int(y): name for y, name in bare.get("years", {}).items()},
        "other_theme": data.get("other_theme", "其他专题"),
        "branch_words": data.get("branch_words", []),
        "team_words": data.get("team_words", []),
    }


def plain(text: str) -> str:
    """Simplified, half-width, years and months in Arabic digits (二〇二二年十二月 → 2022年12月)."""
    text = simplify(text)
    text = _CN_YEAR_RE.sub(lambda m: m.group().translate(_CN_DIGITS), text)
    return _CN_MONTH_RE.sub(lambda m: str(_CN_MONTHS[m.group()]), text)


# a title, a byline or a preamble paragraph says what the report is within its first characters (a
# report pasted as one line of megabytes is not read whole for it)
_READ_CHARS = 400


def _texts(spans: list[Span]) -> list[str]:
    return [plain(s.text[:_READ_CHARS]) for s in spans]


def read_report(doc: Document) -> Reading:
    """The meeting, year, author and theme a report gives itself (each None when it does not say)."""
    title_lines = _texts(doc.title_lines)
    title = "".join(t.strip() for t in title_lines)
    byline = _texts(doc.byline)
    preamble = _texts(doc.preamble[:3])
    head = title or (preamble[0][:40] if preamble else "")
    meeting = _meeting(title, preamble)
    held = _held(doc, byline, preamble)
    year, annual = _year(title, preamble, held)
    theme = _theme(title, preamble, meeting)
    if year is None and held is not None:
        year = held[0] if theme or not meeting else _annual_year(*held)
    if theme == "bare" and year is None:  # 主题教育 of no year: the campaign its slogan names
        theme = _slogan_theme(preamble) or theme
    if theme is not None and year is None:
        year = _theme_year(theme)
    if theme == "bare":
        theme = _vocab()["bare_years"].get(year or 0)
    author = _author(title_lines, byline, preamble, meeting)
    return Reading(meeting, year, held[0] if held else None, author, theme, annual, head)


def _meeting(title: str, preamble: list[str]) -> str | None:
    """The title's meeting; a material whose title names none (个人发言提纲), the preamble's."""
    v = _vocab()
    material = any(w in title for w in v["material_words"])
    if not material and any(w in title for w in v["other_document_words"]):
        return None  # a notice, plan or report about a meeting
    named = _named(title)
    if len(named) == 1:
        return named.pop()
    if title and not material:
        return None
    clauses = [c for text in preamble for c in re.split("[。；;]", text)]
    for keep in (lambda c: v["clause_re"].search(c) is not None, lambda c: True):
        found = set().union(*(_named(c) for c in clauses if keep(c))) if clauses else set()
        if len(found) == 1:
            return found.pop()
    return None


def _named(text: str) -> set[str]:
    return {ORG if m.lastgroup == "org" else DEM for m in _MEETING_RE.finditer(text)}


def _held(doc: Document, byline: list[str], preamble: list[str]) -> tuple[int, int | None] | None:
    """(year, month) of the report's date: a date line under the title or at the end, a dispatch
    number 〔2025〕, else a date in the preamble."""
    for text in (*byline, *_texts(doc.closing_spans(["date", "signature"])), *_texts(doc.masthead)):
        m = _DATE_RE.search(text)
        if m:
            return int(m.group(1)), int(m.group(2))
        m = _DISPATCH_RE.search(text) or re.fullmatch(r"[（(]?((?:19|20)\d{2})年[)）]?", text.strip())
        if m:
            return int(m.group(1)), None
    for text in preamble:
        m = _DATE_RE.search(text)
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


def _year(title: str, preamble: list[str], held: tuple[int, int | None] | None) -> tuple[int | None, bool]:
    """(the year the meeting is about, whether it was said as Y年度): the title's Y年度, else the
    preamble's Y年度 of this meeting (not the previous one's 整改), else the title's Y年."""
    said = [(int(m.group(1)), bool(m.group(2))) for m in _YEAR_RE.finditer(title)]
    for year, annual in said:
        if annual:
            return year, True
    v = _vocab()
    for text in preamble:
        for m in _YEAR_RE.finditer(text):
            after = text[m.end(): m.end() + 24]
            if m.group(2) and "生活会" in after and not any(w in after for w in v["previous_words"]) \
                    and not text[max(0, m.start() - 3): m.start()].endswith(("上", "去年")):
                return int(m.group(1)), True
    if said:
        year = said[0][0]
        # 2021年民主生活会 held in January 2021 is the 2020年度 meeting
        if held and held[0] == year and held[1] is not None and held[1] <= 3 and "专题" not in title:
            return year - 1, False
        return year, False
    return None, False


def _annual_year(year: int, month: int | None) -> int:
    """The 年度 of an annual meeting held in `month` of `year`: early in the year, the last one's."""
    return year - 1 if month is not None and month <= 6 else year


def _theme_year(theme: str) -> int | None:
    return next((year for name, _, year in _vocab()["themes"] if name == theme), None)


def _slogan_theme(preamble: list[str]) -> str | None:
    """The 主题教育 whose name or slogan the preamble gives (学思想、强党性、重实践、建新功: 2023);
    the latest when it names several (不忘初心、牢记使命 is also said of later years)."""
    v = _vocab()
    bare = set(v["bare_years"].values())
    found = [(year or 0, name) for name, patterns, year in v["themes"]
             if name in bare and any(p.search(text) for p in patterns for text in preamble)]
    return max(found)[1] if found else None


def _theme(title: str, preamble: list[str], meeting: str | None) -> str | None:
    """The campaign of a 专题 meeting: named in a title that says 专题, or where the preamble says
    which 专题 meeting this is (`2021年党史学习教育组织生活会` is the year's meeting, not a 专题
    one). `bare` for 主题教育 alone (its campaign depends on the year); the other_theme for a 专题
    meeting of no known campaign (unless it is also a Y年度 meeting). A document that is not a
    meeting report gets the campaign its title names."""
    v = _vocab()
    if "专题" in title or meeting is None:
        for name, patterns, _ in v["themes"]:
            if any(p.search(title) for p in patterns):
                return name
        if v["bare_re"].search(title):
            return "bare"
    for text in preamble if meeting else []:
        for clause in re.split("[。；;]", text):
            at = re.search("专题(民主|组织)生活会", clause)
            if at is None or any(w in clause[at.end(): at.end() + 16] for w in v["previous_words"]):
                continue  # the previous meeting, whose 整改 is reported
            before = clause[: at.start()][-30:]
            for name, patterns, _ in v["themes"]:
                if any(p.search(before) for p in patterns):
                    return name
            if v["bare_re"].search(before):
                return "bare"
    if meeting and re.search("专题(民主|组织)生活会|专题会", title) and not re.search(r"\d{4}\s*年度", title):
        return v["other_theme"]
    return None


def _author(title_lines: list[str], byline: list[str], preamble: list[str], meeting: str | None) -> str | None:
    """班子, 个人, 党支部 or 党员: a person named under or in the title, a personal word in the title
    or the first person in the preamble make it personal; else the body named last in the title."""
    v = _vocab()
    title = "".join(t.strip() for t in title_lines)
    words = title
    for phrase in v["not_personal"]:
        words = words.replace(phrase, "")
    collective = any(w in words for w in v["collective_words"]) and "个人" not in words
    first = preamble[0][:80] if preamble else ""
    personal = not collective and (
        any(w in words for w in v["personal_words"])
        or any(_names_person(t) for t in (*title_lines, *byline))
        or any(w in t for w in v["personal_phrases"] for t in (*title_lines, *byline, first))
        or v["first_person_re"].search(first) is not None
    )
    body = _body(title + "".join(byline))
    if personal:
        return MEMBER if meeting == ORG or (meeting is None and body == BRANCH) else LEADER
    if collective:
        return BRANCH if body == BRANCH or "支部" in words or meeting == ORG else TEAM
    return body


def _names_person(line: str) -> bool:
    """A byline naming a person: a post or a party body, then a name (局长  唐晓波, 党员  秦雨,
    第二党支部  韩雪), or 发言人：…; not a slogan spaced out (守初心  担使命)."""
    from .closing import author_kind

    line = line.strip()
    if _DATE_RE.search(line) or author_kind(line) not in ("person", "name") or _BODY_END.search(line):
        return False
    tokens = re.split(r"[\s\u3000:：]+", line)
    if len(tokens) < 2:
        return author_kind(line) == "person"  # 第二党支部刘雅琴
    return bool(re.search(_ROLE_END, tokens[-2]))


def _body(text: str) -> str | None:
    """党支部 or 班子: whichever kind of party body the text names last (…党委第一党支部 is a branch)."""
    v = _vocab()
    best, where = None, -1
    text = text.replace("党组织", "")  # 上级党组织: no body of its own, and not a 党组
    for kind, words in ((BRANCH, [*v["branch_words"], "党总支"]), (TEAM, [*v["team_words"], "委员会"])):
        for w in words:
            i = text.rfind(w)
            if i >= 0 and i + len(w) > where:
                best, where = kind, i + len(w)
    if best == TEAM and re.search("支部委员会$", text[:where]):
        return BRANCH
    return best


# -- choosing ---------------------------------------------------------------------------------------


@functools.cache
def candidates() -> tuple[Profile, ...]:
    """The built-in profiles auto may choose: those for a year's or a campaign's meeting."""
    out = []
    for name in builtin_profiles():
        profile = load_profile(name)
        if profile.year is not None and (profile.meeting or profile.theme):
            out.append(profile)
    return tuple(out)


def _fits(profile: Profile, reading: Reading) -> bool:
    if profile.meeting and profile.meeting != reading.meeting:
        return False
    if reading.theme is not None:  # the campaign's meeting, held in its year or the January after
        near = reading.year is None or profile.year is None or abs(reading.year - profile.year) <= 1
        return profile.theme == reading.theme and near
    return profile.is_annual and profile.year == reading.year


def profile_differs(profile: Profile, reading: Reading) -> str | None:
    """What a profile is for (`2021年度组织生活会`), when its meeting or year is not the report's;
    None when they agree or the report does not say."""
    meeting = profile.meeting if profile.meeting and reading.meeting and profile.meeting != reading.meeting else None
    year = None
    if profile.year is not None and reading.year is not None:
        near = profile.theme is not None and profile.theme == reading.theme and abs(profile.year - reading.year) <= 1
        if profile.year != reading.year and not near:
            year = profile.year
    if meeting is None and year is None:
        return None
    what = f"{profile.theme}专题" if profile.theme and not profile.is_annual else ""
    when = f"{profile.year}年{'度' if profile.is_annual else ''}" if profile.year else ""
    return f"{when}{what}{profile.meeting or reading.meeting or ''}"


def choose_profile(reading: Reading) -> Choice:
    """The built-in profile that fits a reading, or the default one, and why."""
    said = reading.describe()
    if reading.meeting is None:
        return Choice(DEFAULT_PROFILE, "未读出会议类型（不是组织生活会或民主生活会材料，或标题和导语没有说明）")
    fitting = [p for p in candidates() if _fits(p, reading)]
    if not fitting and reading.theme is not None and reading.annual:  # …暨巡察整改专题民主生活会
        fitting = [p for p in candidates() if _fits(p, replace(reading, theme=None))]
    if not fitting:
        missing = "年度" if reading.year is None and reading.theme is None else "会议"
        return Choice(DEFAULT_PROFILE, f"{said}：没有适合该{missing}的内置标准")
    if reading.author is not None:
        fitting = [p for p in fitting if not p.authors or reading.author in p.authors]
        if not fitting:
            return Choice(DEFAULT_PROFILE, f"{said}：没有适合该作者的内置标准")
    else:  # only a profile for every kind of author of this meeting fits a report of unknown author
        kinds = {ORG: {BRANCH, MEMBER}, DEM: {TEAM, LEADER}}[reading.meeting]
        unknown = [p for p in fitting if not p.authors or kinds <= set(p.authors)]
        if not unknown:
            names = "、".join(p.name for p in fitting)
            return Choice(DEFAULT_PROFILE, f"{said}：未读出作者（{names}各适用于不同作者）")
        fitting = unknown
    return Choice(fitting[0].name, said)


def settle_profile(doc: Document, profile: str | Path | Profile | None = None,
                   config: ProjectConfig | None = None) -> tuple[Profile, str]:
    """The profile a document is linted with, and why (`--profile`, `config: reportlint.toml`, or
    `auto: 标题“…”：2024年度民主生活会（班子）`). Auto's profile is marked `auto`; the
    configuration's meeting, year and author stand before what the report says."""
    if not wants_auto(profile, config):
        return resolve_profile(profile, config), named_reason(profile, config)
    reading = read_report(doc)
    if config is not None:
        reading = replace(reading, meeting=config.meeting or reading.meeting, year=config.year or reading.year,
                          author=config.author or reading.author)
    choice = choose_profile(reading)
    chosen = replace(with_config(load_profile(choice.name), config), auto=True)
    where = f"标题“{_short(reading.evidence)}”" if doc.title_lines else (
        f"导语“{_short(reading.evidence)}”" if reading.evidence else "报告")
    fallback = "" if choice.name != DEFAULT_PROFILE else f"，用{DEFAULT_PROFILE}"
    return chosen, f"auto: {where}：{choice.why}{fallback}"


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


__all__ = ["Choice", "Reading", "candidates", "choose_profile", "profile_differs", "read_report", "settle_profile"]
