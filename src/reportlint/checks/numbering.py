"""Numbering rules: every sequence of labels counts 1, 2, 3… and each label kind keeps its level."""

from __future__ import annotations

from collections.abc import Iterator

from ..labels import LAST, LEVELS, chinese_number
from ..model import Item, Section, mixed_parts, numbered_runs
from . import Context, Hit, rule

_KIND_NAMES = {
    "cn_dun": "一、", "chapter": "第一部分", "cn_paren": "（一）", "ar_dot": "1.", "ar_dun": "1、",
    "ar_paren": "（1）", "ar_rparen": "1）", "circled": "①", "cn_shi": "一是", "di_cn": "第一，", "seq": "首先，",
    "styled": "标题样式",
}


def _locate(ctx: Context, node: Section | Item, message: str) -> Hit:
    if isinstance(node, Section):
        return Hit(message, node.line, node.column, node.line, node.column + len(node.label) - 1,
                   node.path, node.label + node.heading[:30])
    return Hit(message, node.line, node.column, node.line, node.column + len(node.label) - 1,
               node.path, node.label + node.text[:30])


@rule("RL105", "numbering-sequence", severity="error")
def numbering_sequence(ctx: Context) -> Iterator[Hit]:
    """A gap, repeat or restart in a sequence of labels (一、二、 · （一）（二） · 1. 2. · 一是 二是 · 首先 其次).

    Every sibling sequence of headings and every sequence of items inside a section must count
    1, 2, 3… without skipping, repeating or starting again. Automatic Word numbering is checked as
    Word displays it. A part heading written without its label among labelled ones (存在的主要问题
    before 二、… 三、…) is told the label it lacks.

    Bad:
        一、存在的主要问题
        （一）在工程质量监管方面
        一是对在建工地的巡查不够勤，全年只巡查了28次。二是跟踪整改不到位。二是施工许可审批用时偏长。
        （二）在服务企业方面
        一是窗口人员业务不熟，群众反映要来回跑。
        （四）在廉洁自律方面
        一是对工程款拨付环节的廉政风险排查不细。
        → 编号“二是”重复
        → 编号跳号：“（四）”之前缺少第3项
    Good:
        一、存在的主要问题
        （一）在工程质量监管方面。一是对在建工地的巡查不够勤。二是跟踪整改不到位。三是审批用时偏长。
        （二）在服务企业方面。一是窗口人员业务不熟，群众反映要来回跑。
        （三）在廉洁自律方面。一是对工程款拨付环节的廉政风险排查不细。
    """
    mixed = mixed_parts(ctx.doc.sections)
    yield from _check_mixed_parts(ctx, mixed)
    for run in numbered_runs(ctx.doc, with_parts=not mixed):
        if run[0].kind != "styled":  # unlabelled headings have no numbers to check
            yield from _check_run(ctx, run)


def _check_mixed_parts(ctx: Context, parts: list[Section]) -> Iterator[Hit]:
    """`model.mixed_parts`: the unlabelled part is told the label it lacks, and every part counts in
    the order, so the labelled ones after it are right as 二、三、 (typed) and wrong as 一、二、 (Word
    numbering that skipped the unlabelled paragraph)."""
    for position, part in enumerate(parts, 1):
        expected = f"{chinese_number(position)}、"
        if part.kind == "styled":
            yield Hit(f"部分标题“{part.heading}”缺少编号（按顺序应为“{expected}”）",
                      part.line, part.column, part.end_line, part.end_column, part.path, part.heading[:30])
        elif part.number != position:
            yield _locate(ctx, part, f"编号“{part.label}”按顺序应为“{expected}”（本报告有部分标题没有编号）")


def _check_run(ctx: Context, run: list[Section | Item]) -> Iterator[Hit]:
    expected = 1
    for k, node in enumerate(run):
        n = node.number
        if node.kind == "seq" and n == LAST:  # 最后， ends a 首先，其次， sequence of any length
            if k + 1 < len(run):
                yield _locate(ctx, node, f"“{node.label}”之后还有“{run[k + 1].label}”")
            continue
        if n == expected:
            pass
        elif n == expected - 1:
            yield _locate(ctx, node, f"编号“{node.label}”重复")
        elif n == 1 and expected > 1:
            yield _locate(ctx, node, f"编号“{node.label}”重新从头开始（应为第{expected}项）")
        elif n > expected:
            missing = _missing(expected, n)
            yield _locate(ctx, node, f"编号跳号：“{node.label}”之前缺少第{missing}项")
        else:
            yield _locate(ctx, node, f"编号“{node.label}”顺序错误（应为第{expected}项）")
        expected = n + 1


def _missing(first: int, stop: int) -> str:
    """The numbers first..stop-1, listed; a long gap (Word numbering may start at 2147483647)
    as a range, so the message stays short."""
    if stop - first > 20:
        return f"{first}至{stop - 1}"
    return "、".join(str(k) for k in range(first, stop))


@rule("RL106", "numbering-hierarchy", severity="warning")
def numbering_hierarchy(ctx: Context) -> Iterator[Hit]:
    """A label kind used at the wrong depth, or two kinds mixed at one level.

    The standard hierarchy is 一、 → （一） → 1. → （1）. A label kind should sit at the same depth
    throughout a part (一、 and what is under it), and one list should not mix 1. with 1、 or （1）
    with ①.

    Bad (1. directly under 一、, and under （一） further down the same part):
        一、存在的主要问题
        1.社保窗口办事环节多
        灵活就业人员参保登记仍要跑2次。
        （一）在工作作风方面
        1.调研走过场
        今年下基层调研4次，都是听汇报。
        → “1.”在本部分的层级与“1.”（第2行）不一致
    Bad (1. and 1、 in one list):
        一、存在的主要问题
        （一）在服务群众方面
        1.社保窗口办事环节多
        灵活就业人员参保登记仍要跑2次。
        2、政策宣传不到位
        全年只进社区宣讲3场。
        → 同一层级混用“1.”和“1、”式编号
    Good:
        一、存在的主要问题
        （一）在服务群众方面
        1.社保窗口办事环节多
        灵活就业人员参保登记仍要跑2次。
        2.政策宣传不到位
        全年只进社区宣讲3场。
    """
    for part in ctx.doc.sections:
        depth_of: dict[str, tuple[int, Section]] = {}
        for section, depth in _with_depth(part, 0):
            first = depth_of.setdefault(section.kind, (depth, section))
            if first[0] != depth:
                yield _locate(
                    ctx, section,
                    f"“{section.label}”在本部分的层级与“{first[1].label}”（第{first[1].line}行）不一致",
                )
    lists = [ctx.doc.sections, *(s.children for s in ctx.doc.walk())]
    for siblings in lists:
        kinds: dict[int, str] = {}
        for node in siblings:
            if node.kind == "styled":  # no label at all: RL105 says which label it lacks
                continue
            level = LEVELS[node.kind]
            if level in kinds and kinds[level] != node.kind:
                yield _locate(
                    ctx, node,
                    f"同一层级混用“{_KIND_NAMES[kinds[level]]}”和“{_KIND_NAMES[node.kind]}”式编号",
                )
            kinds.setdefault(level, node.kind)


def _with_depth(section: Section, depth: int) -> Iterator[tuple[Section, int]]:
    yield section, depth
    for child in section.children:
        yield from _with_depth(child, depth + 1)
