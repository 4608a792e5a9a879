"""Structure rules: the parts a profile requires, their order, the comparison headings, empty
sections."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ..config import Comparison
from ..findings import Severity
from ..matching import comparison_satisfied
from ..model import UNIT_ROLES, Section, Span
from ..parser import also_holds, role_of
from ..resources import vocab
from . import Context, Hit, rule, text_spans


@rule("RL101", "missing-part", severity="error")
def missing_part(ctx: Context) -> Iterator[Hit]:
    """A required part (problems, causes, measures…, per profile) is absent.

    Each part the profile lists with `required = true` must appear as a top-level section whose
    heading names it (存在的主要问题 / 问题产生的原因 / 整改措施 and their usual variants, see
    rules/vocab/roles.toml). The finding has no line: it is about something absent.

    Bad (no cause part):
        一、存在的主要问题
        一是调查研究不够深入，全年到村调研只有4次。
        二、整改措施
        （一）每季度到联系村蹲点调研不少于3天。
        → 缺少“问题产生的原因”部分
    Good:
        一、存在的主要问题
        一是调查研究不够深入，全年到村调研只有4次。
        二、问题产生的原因
        （一）群众观点树得不牢，习惯于在办公室听汇报。
        三、整改措施
        （一）每季度到联系村蹲点调研不少于3天。
    Good (one part holding problems and causes):
        一、查摆的问题及原因分析
        （一）调查研究不够深入。全年到村调研只有4次。究其原因，群众观点树得不牢。
        二、整改措施
        （一）每季度到联系村蹲点调研不少于3天。
    Good (--profile 2024-dem-four-leads, its 反面典型案例剖析 written as a subsection):
        2024年度民主生活会个人对照检查材料
        一、存在的主要问题
        （一）带头增强党性、严守纪律、砥砺作风方面。全年到基层调研只有4次。
        （二）对照反面典型案例查摆自身差距。对下属单位的苗头性问题提醒不及时，今年有2次。
        二、问题产生的原因
        （一）党性修养有所放松，对纪律规矩的敬畏之心减弱。
        三、整改措施
        （一）每季度到基层调研不少于3天，对苗头性问题当月提醒谈话。
    Good (one part holding causes and measures):
        一、存在的主要问题
        一是调查研究不够深入，全年到村调研只有4次。
        二、原因分析及整改措施
        （一）群众观点树得不牢。下一步，每季度到联系村蹲点调研不少于3天。
    """
    present = {s.role for s in ctx.doc.sections}
    for s in ctx.doc.sections:
        if s.role == "causes":  # 查摆的问题及原因分析, 原因分析及整改措施: one part holding two
            present |= also_holds(s.name)
    # the causes written within each comparison section (（一）…方面 / 1．问题表现 / 2．原因分析)
    present |= {s.role for part in ctx.doc.sections for s in part.walk() if s is not part and s.role in UNIT_ROLES}
    # a case analysis written as a subsection (（五）对照反面典型案例查摆自身差距) is there too
    if any(role_of(s.heading) == "case" for part in ctx.doc.sections for s in part.walk() if s is not part):
        present.add("case")
    for part in ctx.profile.parts:
        if part.required and part.role not in present:
            yield ctx.hit_document(f"缺少“{part.name}”部分")


@rule("RL102", "part-order", severity="warning")
def part_order(ctx: Context) -> Iterator[Hit]:
    """The parts are out of the profile's order.

    Reviewers read problems, then causes, then measures: a report that puts measures before causes
    is sent back. Only parts the profile lists are compared; others may stand anywhere.

    Bad:
        一、存在的主要问题
        一是食品安全抽检覆盖不全，全年抽检小餐饮门店只有36家。
        二、整改措施
        （一）今年10月底前完成辖区小餐饮门店全覆盖抽检。
        三、问题产生的原因
        （一）担当意识有所弱化，满足于完成上级下达的任务量。
        → “问题产生的原因”应在“整改措施”之前（三、问题产生的原因）
    Good:
        一、存在的主要问题
        一是食品安全抽检覆盖不全，全年抽检小餐饮门店只有36家。
        二、问题产生的原因
        （一）担当意识有所弱化，满足于完成上级下达的任务量。
        三、整改措施
        （一）今年10月底前完成辖区小餐饮门店全覆盖抽检。
    """
    if not ctx.profile.part_order:
        return
    order = {p.role: n for n, p in enumerate(ctx.profile.parts)}
    names = {p.role: p.name for p in ctx.profile.parts}
    highest: Section | None = None
    for section in ctx.doc.sections:
        if section.role not in order:
            continue
        if highest is not None and order[section.role] < order[highest.role]:
            yield ctx.hit_section(
                section, f"“{names[section.role]}”应在“{names[highest.role]}”之前（{section.label}{section.heading}）"
            )
        elif highest is None or order[section.role] > order[highest.role]:
            highest = section


@rule("RL103", "missing-comparison", severity="error", options={"similarity": 0.55})
def missing_comparison(ctx: Context) -> Iterator[Hit]:
    """A comparison heading the profile requires (对照…, 带头…, 检视…) is absent.

    Each required heading is looked for among the headings of the problems part (and, if the report
    has no such part, among all headings). Matching tolerates wording drift: 在/关于…方面 frames,
    领悟/感悟-style word swaps, 、 vs ，, quotes and trailing 。/： (option `similarity`, 0–1, for how
    close a heading must be when no pattern of the profile matches). The message names the heading.

    Local committees reword the national headings and add or drop some (DOMAIN §a). When the
    profile was chosen by `auto` (from the report's title), the headings the report lacks are one
    warning that lists them and the report's own (请核对本单位通知), not an error each: the
    choice is a reading of the title, not the unit's notice. A profile named with `--profile` or
    in the configuration is the unit's own: its headings stay required, an error each. Headings
    DOMAIN could not confirm (`confirmed = false`, shown [未核实] by `profile list`) make the auto
    warning an info.

    Bad (--profile 2021-org-four-contrasts, whose four headings include 对照入党誓词):
        一、存在的主要问题
        （一）对照党中央和习近平总书记的号召和要求方面。一是学用结合不够紧密，全年集中学习只有12次。
        （二）对照新时代合格党员标准方面。一是斗争精神不够强，对群众反映的问题只转交未跟踪。
        （三）对照革命先辈和先进典型方面。一是冲锋在前不够，全年只参加3次志愿服务。
        → 缺少对照项“对照入党誓词”
    Good (--profile 2021-org-four-contrasts):
        一、存在的主要问题
        （一）对照党中央和习近平总书记的号召和要求方面。一是学用结合不够紧密，全年集中学习只有12次。
        （二）对照新时代合格党员标准方面。一是斗争精神不够强，对群众反映的问题只转交未跟踪。
        （三）对照入党誓词方面。一是“随时准备为党和人民牺牲一切”的担当不够，急难险重任务主动请缨少。
        （四）对照革命先辈和先进典型方面。一是冲锋在前不够，全年只参加3次志愿服务。
    """
    if not ctx.profile.comparisons:
        return
    problems = ctx.doc.part("problems")
    scope = problems if problems else ctx.doc.sections
    headings = [s.heading for part in scope for s in part.walk() if s is not part or not problems]
    missing = [c for c in ctx.profile.comparisons if not comparison_satisfied(c, headings, ctx.options["similarity"])]
    if missing and ctx.profile.auto:
        yield _auto_missing(ctx, problems, missing)
        return
    for comparison in missing:
        note = "" if comparison.confirmed else "（该项要求未经核实，请对照本地通知）"
        yield ctx.hit_document(f"缺少对照项“{comparison.name}”{note}")


def _auto_missing(ctx: Context, problems: list[Section], missing: list[Comparison]) -> Hit:
    """One warning for the headings of a profile chosen by auto that a report lacks: units word
    them their own way or list problems without them; both sets, for the writer to check against
    the unit's notice."""
    name = ctx.profile.title or ctx.profile.name
    theirs = "；".join(c.name for c in missing)
    own = [s.heading for part in problems for s in part.children]
    if len(own) >= 2:
        ours = "；".join(_short(h) for h in own)
        message = f"本报告的对照项与“{name}”的要求不同，请核对本单位通知。未找到：{theirs}。本报告：{ours}"
    else:
        message = f"问题部分未按“{name}”的对照项分列，请核对本单位通知。未找到：{theirs}"
    sure = ctx.profile.confirmed is not False and all(c.confirmed for c in missing)
    return Hit(message if sure else message + "（该标准的对照项未经核实）",
               severity=Severity.WARNING if sure else Severity.INFO)


def _short(heading: str, limit: int = 30) -> str:
    return heading if len(heading) <= limit else heading[:limit] + "…"


@rule("RL104", "empty-section", severity="error", scope="section")
def empty_section(ctx: Context, section: Section) -> Iterator[Hit]:
    """A heading with nothing under it: no text, no items, no subsections.

    Usually a template heading left unfilled, or content pasted under the wrong heading. A numbered
    line that is itself a full statement (`1、每月走访群众不少于5户，建立台账`) is content, not an
    empty heading.

    Bad (a template heading left unfilled):
        一、存在的主要问题
        （一）在理论学习方面
        一是学习不够系统，全年集中学习15次，其中4次因门诊繁忙取消。
        （二）在服务群众方面
        （三）在廉洁自律方面
        一是对药品耗材采购环节的廉政风险排查不细，全年只开展1次。
        → “（二）在服务群众方面”下没有内容
    Good:
        一、存在的主要问题
        （一）在理论学习方面
        一是学习不够系统，全年集中学习15次，其中4次因门诊繁忙取消。
        （二）在服务群众方面
        一是家庭医生签约服务重签约轻履约，今年随访记录缺失率达到12%。
    Good (numbered lines that are full statements are content):
        三、整改措施
        1、每月走访签约居民不少于5户，建立走访台账。
        2、每季度开展1次签约履约情况抽查。
    """
    if section.is_empty():
        yield ctx.hit_section(section, f"“{section.label}{section.heading}”下没有内容")



_CN_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@functools.cache
def _count_table() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    return [(entry["name"], re.compile(entry["pattern"]), re.compile(entry["heading"]) if entry.get("heading") else None)
            for entry in vocab("counts").get("count", [])]


@rule("RL311", "announced-count", severity="warning")
def announced_count(ctx: Context) -> Iterator[Hit]:
    """A number the report announces (四个对照, 五个带头, 六个方面, 存在以下三个方面问题) that its
    headings do not bear out.

    The title, the preamble and the opening text of the problems part are read for a count of
    comparison headings (N个对照, N个带头, N个检视: the problems part's subsections that begin so)
    or of aspects (N个方面: its subsections, or its items when it has none). A number that any one
    part or subsection of the problems matches is taken as meant. A count with nothing of its kind
    to count (四个带头 in a report whose problems are not headed 带头…) says nothing; one defect is
    reported once, where it is first announced. The words are data: rules/vocab/counts.toml.

    Bad (the title says four, the report has three):
        党支部2021年度组织生活会“四个对照”检查材料
        一、存在的主要问题
        （一）对照党章规定的职责任务。一是学习不够系统，全年集中学习只有8次。
        （二）对照上级部署要求。一是落实不够及时，2项任务延期1个月。
        （三）对照人民群众的新期待。一是联系群众不够，全年走访群众只有12户。
        → 标题称“四个对照”，“一、存在的主要问题”下有3个对照项（（一）（二）（三））
    Good:
        党支部2021年度组织生活会“三个对照”检查材料
        一、存在的主要问题
        （一）对照党章规定的职责任务。一是学习不够系统，全年集中学习只有8次。
        （二）对照上级部署要求。一是落实不够及时，2项任务延期1个月。
        （三）对照人民群众的新期待。一是联系群众不够，全年走访群众只有12户。
    """
    parts = ctx.doc.part("problems")
    if not parts:
        return
    reported: set[int] = set()
    other = re.compile(vocab("counts").get("other_clause") or "(?!)")
    counts: dict[str, list[list[Any]]] = {}
    for span, where, section in _announcing_spans(ctx, parts):
        for name, pattern, heading in _count_table():
            for m in pattern.finditer(span.text):
                if other.search(_clause(span.text, m.start(), m.end())):
                    continue
                said = _number(m.group("n") if "n" in pattern.groupindex and m.group("n") else m.group("n2"))
                if name not in counts:
                    counts[name] = _counts(parts, heading)
                counted = counts[name]
                if said is None or not counted or said in {len(c) for c in counted}:
                    continue
                main = counted[0]
                if len(main) in reported:
                    continue
                reported.add(len(main))
                labels = "".join(getattr(s, "label", "").rstrip("、.．") for s in main[:10])
                count = f"{len(main)}个{name}项" if heading is not None else f"{len(main)}个方面"
                yield ctx.hit(span, m.start(), m.end(),
                              f"{where}称“{m.group().strip()}”，“{_part_title(parts[0])}”下有{count}（{labels}）",
                              section)


def _announcing_spans(ctx: Context, parts: list[Section]) -> Iterator[tuple[Span, str, Section | None]]:
    """Where a report announces what it will list: the title, the preamble, the opening text of
    the problems part (before its first subsection)."""
    for span in ctx.doc.title_lines:
        yield span, "标题", None
    for span in ctx.doc.preamble:
        yield span, "导语", None
    for part in parts:
        for span in part.body[:2]:
            yield span, "问题部分", part


def _counts(parts: list[Section], heading: re.Pattern[str] | None) -> list[list[Any]]:
    """What an announcement may count, the problems part's own first: for a heading pattern, the
    subsections of each part or subsection that begin so; else every part's and subsection's
    subsections, or a part's items when it has none."""
    out: list[list[Any]] = []
    for part in parts:
        for node in part.walk():
            found: list[Any] = list(node.children)
            if heading is not None:
                found = [c for c in node.children if heading.search(c.heading)]
            elif not found and node is part:
                found = list(node.items)
            if found:
                out.append(found)
    if heading is None:
        out = [c for c in out if len(c) >= 2]
    return out


def _in_part(section: Section | None, role: str) -> bool:
    while section is not None and section.parent is not None:
        section = section.parent
    return section is not None and section.role == role


def _clause(text: str, start: int, end: int) -> str:
    """The clause (between ，。；) around text[start:end]."""
    left = max(text.rfind(p, 0, start) for p in "，。；,;")
    right = min((i for i in (text.find(p, end) for p in "，。；,;") if i >= 0), default=len(text))
    return text[left + 1:right]


def _number(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else _CN_NUMBERS.get(text)


def _part_title(part: Section) -> str:
    return f"{part.label}{part.name}"


@rule("RL312", "profile-mismatch", severity="warning")
def profile_mismatch(ctx: Context) -> Iterator[Hit]:
    """The profile named for a report is for another meeting or year than the report's title says.

    A 2021年度组织生活会 profile given to a 2025 report, or a 民主生活会 profile given to a branch's
    组织生活会 report, requires the wrong headings. Said once, on the title, naming both; the
    report's own year and meeting still decide the other rules (stale references are judged by the
    title's year, the meeting-type rule by the title's meeting). A profile chosen by `auto` fits
    the title by construction and is not compared.

    Bad (--profile 2021-org-four-contrasts):
        第二党支部2025年度组织生活会对照检查材料
        → 所用标准“2021年度组织生活会（四个对照）”是2021年度组织生活会的，标题是2025年度组织生活会（党支部）
    Good (--profile 2025-org-branch-three, or no --profile):
        第二党支部2025年度组织生活会对照检查材料
    """
    from ..autoprofile import profile_differs, read_report

    profile = ctx.profile
    if profile.auto or not ctx.doc.title_lines:
        return
    reading = read_report(ctx.doc)
    said = profile_differs(profile, reading)
    if said is None:
        return
    span = ctx.doc.title_lines[0]
    name = profile.title or profile.name
    yield ctx.hit(span, 0, len(span.text.rstrip()),
                  f"所用标准“{name}”是{said}的，标题是{reading.describe()}", None)


_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(度)?")
_MEETING_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(度)?[^。；，,：:\d]{0,16}?(?:民主|组织|zuzhi|minzhu)生活会", re.IGNORECASE)
_THIS_MEETING_RE = re.compile("召开|开好|本次|这次|此次")
_PAST_MEETING_RE = re.compile("上年度|上一年度|上次|上一次|去年|往年|以来|整改|落实|查摆的|期间|会上")


@rule("RL313", "year-mismatch", severity="warning")
def year_mismatch(ctx: Context) -> Iterator[Hit]:
    """A meeting named in the text with another year than the title's: a leftover of last year's
    report (标题“2024年度民主生活会”，导语“关于召开2023年度民主生活会的通知要求”).

    Flagged: this meeting (召开/开好/本次/这次/此次) named with another year, outside the measures
    (which may look ahead to next year's meeting). Not flagged: the previous meeting and its 整改
    (上年度/整改/落实/以来…), and the year of holding beside the 年度 (a 2024年度 meeting is held in
    2025: `2025年民主生活会` under a 2024年度 title).

    Bad:
        第二党支部2024年度组织生活会对照检查材料
        根据机关党委关于召开2023年度组织生活会的通知要求，支部深入查摆问题。
        → 正文写“2023年度组织生活会”，标题是2024年度
    Good:
        第二党支部2024年度组织生活会对照检查材料
        根据机关党委关于召开2024年度组织生活会的通知要求，支部通报了2023年度组织生活会整改落实情况。
    """
    title = "".join(s.text for s in ctx.doc.title_lines)
    m = _TITLE_YEAR_RE.search(title)
    if m is None:
        return
    year, annual = int(m.group(1)), bool(m.group(2))
    # the 年度 a text may give this meeting: its own, or the year of holding's
    allowed = {(year, True), (year + 1, False), (year, False)} if annual else {(year, False), (year, True), (year - 1, True)}
    title_ids = {id(s) for s in ctx.doc.title_lines}
    for span, section in text_spans(ctx.doc):
        if id(span) in title_ids or "生活会" not in span.text or _in_part(section, "measures"):
            continue  # a measure may look ahead: 为开好2025年度组织生活会打基础
        for found in _MEETING_YEAR_RE.finditer(span.text):
            said = (int(found.group(1)), bool(found.group(2)))
            if said in allowed:
                continue
            clause = _clause(span.text, found.start(), found.end())
            if _PAST_MEETING_RE.search(clause) or not _THIS_MEETING_RE.search(clause):
                continue
            yield ctx.hit(span, found.start(), found.end(),
                          f"正文写“{found.group()}”，标题是{year}年{'度' if annual else ''}", section)
