"""Structure rules: the parts a profile requires, their order, the comparison headings, empty
sections."""

from __future__ import annotations

from collections.abc import Iterator

from ..matching import comparison_satisfied
from ..model import Section
from ..parser import also_holds
from . import Context, Hit, rule


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
    for comparison in ctx.profile.comparisons:
        if not comparison_satisfied(comparison, headings, ctx.options["similarity"]):
            note = "" if comparison.confirmed else "（该项要求未经核实，请对照本地通知）"
            yield ctx.hit_document(f"缺少对照项“{comparison.name}”{note}")


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

