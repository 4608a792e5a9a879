"""Correspondence rules (问题准、原因清、措施明): every problem has a cause that explains it and a
measure that answers it, and nothing in the cause or measure part is left answering nothing.

All four rules read one map, `reportlint.matcher.correspond`, computed once per document and shared
through the rule context. `reportlint map REPORT` shows the same map with the evidence of each link.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..findings import Severity
from ..matcher import DEFAULTS, RULE_OPTIONS, Correspondence, Entry, Link, correspond
from ..matcher.options import check_tables
from ..matcher.outcomes import LINKED, MISSING
from . import Context, Hit, rule

# The matcher options a profile may set on these rules (reportlint.matcher.RULE_OPTIONS).
_OPTIONS = {k: DEFAULTS[k] for k in RULE_OPTIONS}


def _map(ctx: Context) -> Correspondence:
    opts = {k: ctx.options[k] for k in RULE_OPTIONS if k in ctx.options}
    differs = {k: v for k, v in opts.items() if v != DEFAULTS.get(k)}
    key = "correspondence" if not differs else f"correspondence:{sorted(differs.items())!r}"
    return ctx.shared(key, lambda: correspond(ctx.doc, opts, shared_words=False))  # findings show no evidence


def computed_map(shared: dict[str, Any]) -> Correspondence | None:
    """The map the rules computed for a document, from `lint(..., shared=)`: the review page shows it
    without computing it again. None when no correspondence rule ran."""
    return next((v for k, v in shared.items() if k.startswith("correspondence")), None)


def _brief(entry: Entry) -> str:
    text = entry.headline or entry.unit.text
    return text if len(text) <= 24 else text[:23] + "…"


_WHAT = {"causes": "原因剖析", "measures": "整改措施"}
# why a side is missing, as the finding says it (see reportlint.matcher.outcomes)
_ABSENCE = {"both": "，也没有对应的{other}", "mirror": "；{what}逐条对应问题，其中没有这一条",
            "unrelated": "；{what}中没有与之相关的内容"}


def _closest(corr: Correspondence, link: Link | None) -> str:
    """Where to look, as the reader numbers it: 二/（一）“理想信念有所弱化”，得分 0.42."""
    if link is None:
        return ""
    target = corr.entry(link.id)
    return f"最接近的是 {target.unit.path}“{_brief(target)}”，得分 {link.score:.2f}"


def _problems_without(ctx: Context, kind: str) -> Iterator[Hit]:
    """An error for each problem whose `kind` is missing (strong evidence of absence), a warning for
    each whose link is uncertain (reportlint.matcher.outcomes)."""
    corr = _map(ctx)
    has_part = corr.has_causes_part if kind == "causes" else corr.has_measures_part
    if not has_part or not corr.problems:
        return  # a missing part is RL101's finding, once, not one per problem
    what, other = _WHAT[kind], _WHAT["measures" if kind == "causes" else "causes"]
    for entry in corr.problems:
        outcome = entry.outcome.get(kind)
        if outcome is None or outcome.state == LINKED:
            continue
        closest = _closest(corr, outcome.near) if outcome.near is not None and outcome.near.score >= 0.1 else ""
        if outcome.state == MISSING:
            why = _ABSENCE[outcome.why].format(what=what, other=other)
            hint = f"（{closest}）" if closest else ""
            yield ctx.hit_unit(entry.unit, f"问题“{_brief(entry)}”没有对应的{what}{why}{hint}")
        else:
            hint = f"：{closest}，但依据不足" if closest else f"：没有找到与之相关的{what}"
            yield replace(ctx.hit_unit(entry.unit, f"请核对此问题的{what}{hint}"), severity=Severity.WARNING)


def _targets_without(ctx: Context, kind: str) -> Iterator[Hit]:
    corr = _map(ctx)
    if not corr.problems:
        return  # no problems part: nothing to answer (RL101 reports the absence)
    what = "原因" if kind == "causes" else "整改措施"
    for entry in corr.causes if kind == "causes" else corr.measures:
        if not entry.problems:
            yield ctx.hit_unit(entry.unit, f"{what}“{_brief(entry)}”没有对应查摆出的任何问题")


@rule("RL201", "problem-without-cause", severity="error", options=_OPTIONS, validate=check_tables)
def problem_without_cause(ctx: Context) -> Iterator[Hit]:
    """A problem that no cause in the cause part explains.

    Reviewers want 原因清: every problem listed under 存在的主要问题 should be traceable to a cause
    under 问题产生的原因 (often through its root: a 理论学习 problem is explained by a 思想建设 cause).
    The link is found by shared themes (rules/vocab/themes.toml), shared words (a rare word of four
    characters or more in the problem's headline, such as 首诊负责制, counts on its own) and structure
    (parallel numbering, 针对第二个问题, a cause headed 关于…方面的问题 or 针对…方面的问题 that names the
    comparison heading the problem is listed under, and that heading itself: a problem written in
    its work's own words under 在担当作为方面 is explained by a 担当 cause);
    `reportlint map REPORT` shows each link and its evidence. The
    finding sits on the problem item. When the whole cause part is missing, RL101 reports it once
    and this rule says nothing.

    An error only on strong evidence that no cause is there: the problem has no measure either, or
    the cause part answers the problems one by one (针对…问题, or in their order) and none is this
    one's, or the problem names a theme that nothing in the cause part speaks of. A cause part of
    root judgments (理想信念、宗旨意识…) often shares no word with a problem in the work's own terms,
    so a weak link, a link found only by elimination or by the comparison heading, or no link without
    such evidence is a warning that names the closest cause to check (请核对此问题的原因剖析：最接近的是
    …，但依据不足).

    Options: `min_score` (0–1, default 0.3): how strong a link must be to count; `sure_score`
    (default 0.5): a best link below it leaves the problem uncertain (a warning); `absent_score`
    (default 0.1): with no candidate this strong, nothing in the part relates to the problem;
    `relative` (default 0.85): weaker links of a problem are dropped below this fraction of its best;
    `leftover_ratio` (default 0.5): a problem and a cause both left unlinked are paired (evidence
    余项对应) when the cause is the problem's nearest and scores at least this × min_score, as a
    reviewer reads by elimination (never when over a third of the problems are left; 0: never);
    `themes`, `categories`: extra theme / cause-category tables, same shape as themes.toml.

    Bad (the 保密 problem has no cause that speaks to it):
        一、存在的主要问题
        一是理论学习不够深入。学懂弄通做实不够。二是保密意识有所松懈。涉密文件管理不规范。
        二、问题产生的原因
        （一）思想建设有所弱化。理论学习抓得不紧。
        三、整改措施
        （一）抓实理论学习。每月集中学习一次。
    Good:
        一、存在的主要问题
        一是理论学习不够深入。学懂弄通做实不够。二是保密意识有所松懈。涉密文件管理不规范。
        二、问题产生的原因
        （一）思想建设有所弱化。理论学习抓得不紧。
        （二）纪律规矩意识有所弱化。对保密纪律重视不够，涉密管理要求落实不严。
        三、整改措施
        （一）抓实理论学习。每月集中学习一次。
    """
    yield from _problems_without(ctx, "causes")


@rule("RL202", "problem-without-measure", severity="error", options=_OPTIONS, validate=check_tables)
def problem_without_measure(ctx: Context) -> Iterator[Hit]:
    """A problem that no rectification measure answers.

    Reviewers want 措施明 and 问题、措施一一对应: each problem needs a measure in the 整改措施 part that
    addresses it. Links are found as for RL201 (themes, shared words, headings of measure groups such
    as 抓实学习整改, 针对…问题 references). The finding sits on the problem item. When the whole
    measures part is missing, RL101 reports it once and this rule says nothing. As for RL201, an
    error only on strong evidence that no measure is there (no cause either, measures written one
    per problem with none for this one, or none speaking of the theme the problem names); an
    uncertain link is a warning
    naming the closest measure (请核对此问题的整改措施：最接近的是 …，但依据不足).

    Options: `min_score` (default 0.3), `sure_score` (default 0.5), `absent_score` (default 0.1),
    `relative` (default 0.85), `leftover_ratio` (default 0.5), `themes`, `categories` (see RL201).

    Bad (nothing in the measures answers the 意识形态 problem):
        一、存在的主要问题
        一是理论学习不够深入。二是对错误言论亮剑不够及时，宣传阵地建设较为薄弱。
        二、问题产生的原因
        （一）思想建设有所弱化。
        三、整改措施
        （一）抓实学习整改。每月开展一次集中学习。
    Good:
        一、存在的主要问题
        一是理论学习不够深入。二是对错误言论亮剑不够及时，宣传阵地建设较为薄弱。
        二、问题产生的原因
        （一）思想建设有所弱化。
        三、整改措施
        （一）抓实学习整改。每月开展一次集中学习。
        （二）守好意识形态阵地。落实意识形态工作责任制，每季度开展一次舆情研判，对错误言论及时亮剑。
    """
    yield from _problems_without(ctx, "measures")


@rule("RL203", "cause-without-problem", severity="info", options=_OPTIONS, validate=check_tables)
def cause_without_problem(ctx: Context) -> Iterator[Hit]:
    """A cause that explains no listed problem.

    A cause heading copied from a template (政治建设意识弱化, 纪律规矩有所弱化 …) with no problem
    behind it is a sign of 照搬照抄; either the problem was not written down or the cause does not
    belong. Informational: generic roots (理想信念, 党性修养) are sometimes kept on purpose.

    Options: `min_score` (default 0.3), `relative` (default 0.85), `leftover_ratio` (default 0.5),
    `themes`, `categories` (see RL201); `sure_score`, `absent_score` do not change which causes
    and measures are linked.

    Bad (no problem about 纪律 or 廉洁):
        一、存在的主要问题
        一是理论学习不够深入。
        二、问题产生的原因
        （一）思想建设有所弱化。理论学习抓得不紧。
        （二）纪律规矩有所弱化。“一岗双责”落实有差距。
    Good:
        一、存在的主要问题
        一是理论学习不够深入。二是落实“一岗双责”不够严格，对党员日常监督偏松。
        二、问题产生的原因
        （一）思想建设有所弱化。理论学习抓得不紧。
        （二）纪律规矩有所弱化。“一岗双责”落实有差距。
    """
    yield from _targets_without(ctx, "causes")


@rule("RL204", "measure-without-problem", severity="info", options=_OPTIONS, validate=check_tables)
def measure_without_problem(ctx: Context) -> Iterator[Hit]:
    """A rectification measure that answers no listed problem.

    整改措施要对着查摆出的问题: a measure with no problem behind it is usually a template leftover
    (or the problem it answers was dropped). Informational.

    Options: `min_score` (default 0.3), `relative` (default 0.85), `leftover_ratio` (default 0.5),
    `themes`, `categories` (see RL201); `sure_score`, `absent_score` do not change which causes
    and measures are linked.

    Bad (no problem about 廉洁 or 八项规定):
        一、存在的主要问题
        一是理论学习不够深入。
        三、整改措施
        1.坚持每周学习。
        2.严格遵守中央八项规定，主动厉行节约。
    Good:
        一、存在的主要问题
        一是理论学习不够深入。二是厉行节约意识有所淡化，公务接待有时超出标准。
        二、问题产生的原因
        （一）思想建设有所弱化。
        三、整改措施
        1.坚持每周学习。
        2.严格遵守中央八项规定，主动厉行节约。
    """
    yield from _targets_without(ctx, "measures")
