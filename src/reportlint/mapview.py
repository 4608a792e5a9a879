"""Renderings of the problem → cause → measure map (`reportlint map`): text, json, markdown, html."""

from __future__ import annotations

import html
import json
import unicodedata
from typing import Any

from .i18n import DEFAULT_LANG
from .matcher import Correspondence, Entry, Link
from .output import printable

FORMATS = ("text", "json", "markdown", "html")


def render(corr: Correspondence, fmt: str, lang: str = DEFAULT_LANG, *, paragraphs: bool = False) -> str:
    """The map in `fmt`; `lang` is for the text table (the other formats are the same in either),
    `paragraphs` says a line number is a DOCX paragraph's (第 8 段, not 第 8 行)."""
    if fmt == "json":
        return render_json(corr)
    if fmt == "markdown":
        return render_markdown(corr)
    if fmt == "html":
        return render_html(corr)
    return render_text(corr, lang, paragraphs=paragraphs)


def render_json(corr: Correspondence) -> str:
    return json.dumps(corr.to_dict(), ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------------------------------
# helpers


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    """Cut text to a display width (CJK characters count two), ending in … when cut."""
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _name(entry: Entry, width: int = 34) -> str:
    return _clip(entry.headline or entry.unit.text, width)


def _why(link: Link) -> str:
    return "、".join(link.evidence[:4]) or "—"


def _state(entry: Entry, kind: str) -> str:
    """linked / uncertain / missing (reportlint.matcher.outcomes); a map built without outcomes
    reads its links."""
    outcome = entry.outcome.get(kind)
    if outcome is not None:
        return outcome.state
    return "linked" if getattr(entry, kind) else "missing"


def _summary(corr: Correspondence) -> dict[str, Any]:
    return {
        "problems": len(corr.problems),
        "without_cause": [e.id for e in corr.problems if _state(e, "causes") == "missing"]
        if corr.has_causes_part else [],
        "without_measure": [e.id for e in corr.problems if _state(e, "measures") == "missing"]
        if corr.has_measures_part else [],
        "uncertain": [e.id for e in corr.problems
                      if any(_state(e, k) == "uncertain" for k, has in (("causes", corr.has_causes_part),
                                                                        ("measures", corr.has_measures_part)) if has)],
        # with no problems part there is nothing to answer (missing-part says so): no orphans
        "orphan_causes": [e.id for e in corr.causes if not e.problems] if corr.problems else [],
        "orphan_measures": [e.id for e in corr.measures if not e.problems] if corr.problems else [],
    }


# --------------------------------------------------------------------------------------------------
# text


_TEXT = {
    "en": {"head": "{path}: {p} problems, {c} causes, {m} measures", "no_problems": "no problems part found",
           "at": "(line {n})", "no_cause": "✗ no cause", "no_measure": "✗ no measure",
           "unsure_cause": "? no cause found, check", "unsure_measure": "? no measure found, check",
           "weak_cause": "? weak cause link, check", "weak_measure": "? weak measure link, check",
           "inline": "in the problem itself:",
           "orphan_causes": "✗ causes that explain no problem:", "orphan_measures": "✗ measures that answer no problem:",
           "summary": "summary: {wc} problem(s) without a cause, {wm} without a measure, {uc} to check, "
                      "{oc} orphan cause(s), {om} orphan measure(s)"},
    "zh": {"head": "{path}：问题 {p} 条，原因 {c} 条，措施 {m} 条", "no_problems": "未找到问题部分",
           "at": "（第 {n} {unit}）", "no_cause": "✗ 无原因", "no_measure": "✗ 无措施",
           "unsure_cause": "? 未找到有把握的原因，请核对", "unsure_measure": "? 未找到有把握的措施，请核对",
           "weak_cause": "? 原因对应依据不足，请核对", "weak_measure": "? 措施对应依据不足，请核对",
           "inline": "见问题本身：",
           "orphan_causes": "✗ 未对应任何问题的原因：", "orphan_measures": "✗ 未对应任何问题的措施：",
           "summary": "小结：缺原因的问题 {wc} 条，缺措施的问题 {wm} 条，待核对 {uc} 处，孤立原因 {oc} 条，孤立措施 {om} 条"},
}


def render_text(corr: Correspondence, lang: str = DEFAULT_LANG, *, paragraphs: bool = False) -> str:
    """A terminal table: each problem with its causes and measures and why; orphans marked ✗."""
    w = _TEXT["en" if lang == "en" else "zh"]
    lines: list[str] = [w["head"].format(path=printable(corr.path), p=len(corr.problems), c=len(corr.causes),
                                         m=len(corr.measures)), ""]
    if not corr.problems:
        lines.append(w["no_problems"])
    causes = {e.id: e for e in corr.causes}
    measures = {e.id: e for e in corr.measures}
    unit = "段" if paragraphs else "行"
    for p in corr.problems:
        lines.append(f"{p.id:<4} {p.unit.path}  {_name(p, 60)}  {w['at'].format(n=p.unit.line, unit=unit)}")
        for kind, links, pool, has_part in (("cause", p.causes, causes, corr.has_causes_part),
                                            ("measure", p.measures, measures, corr.has_measures_part)):
            if not has_part:
                continue
            state = _state(p, kind + "s")
            inline = p.outcome[kind + "s"].inline if kind + "s" in p.outcome else ""
            if inline:
                lines.append(f"     {'→' if kind == 'cause' else '⇒'} {w['inline']} {_clip(inline, 50)}")
            elif not links:
                lines.append(f"     {w[('no_' if state != 'uncertain' else 'unsure_') + kind]}")
            for lk in links:
                t = pool[lk.id]
                lines.append(f"     {'→' if kind == 'cause' else '⇒'} {lk.id:<4} {lk.score:.2f}  "
                             f"{t.unit.path}  {_name(t, 30)}  [{_why(lk)}]")
            if links and state == "uncertain":
                lines.append(f"     {w['weak_' + kind]}")
        lines.append("")
    s = _summary(corr)
    for title, ids, pool in ((w["orphan_causes"], s["orphan_causes"], causes),
                             (w["orphan_measures"], s["orphan_measures"], measures)):
        if ids:
            lines.append(title)
            lines.extend(f"     {i:<4} {pool[i].unit.path}  {_name(pool[i], 50)}" for i in ids)
            lines.append("")
    lines.append(w["summary"].format(wc=len(s["without_cause"]), wm=len(s["without_measure"]), uc=len(s["uncertain"]),
                                     oc=len(s["orphan_causes"]), om=len(s["orphan_measures"])))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# markdown


def _md(text: str) -> str:
    """Report text in a table cell: HTML in it is shown, never rendered (Markdown passes raw HTML
    through), a `|` does not end the cell and a line break does not end the row."""
    return html.escape(printable(text.replace("\n", " ")), quote=False).replace("|", "\\|")


def render_markdown(corr: Correspondence) -> str:
    causes = {e.id: e for e in corr.causes}
    measures = {e.id: e for e in corr.measures}
    out = [f"# 问题 → 原因 → 措施: {_md(corr.path)}", "",
           "| 问题 | 原因 | 措施 |", "|---|---|---|"]
    for p in corr.problems:
        cells = [f"**{p.id}** {_md(p.unit.path)}<br>{_md(_name(p, 60))}"]
        for links, pool, has_part in ((p.causes, causes, corr.has_causes_part),
                                      (p.measures, measures, corr.has_measures_part)):
            if not has_part:
                cells.append("—")
            elif not links:
                cells.append("❌ 无对应")
            else:
                cells.append("<br>".join(
                    f"**{lk.id}** {_md(pool[lk.id].unit.path)} {_md(_name(pool[lk.id], 30))} "
                    f"({lk.score:.2f}: {_md(_why(lk))})" for lk in links))
        out.append("| " + " | ".join(cells) + " |")
    s = _summary(corr)
    out.append("")
    for title, ids, pool in (("未对应任何问题的原因", s["orphan_causes"], causes),
                             ("未对应任何问题的措施", s["orphan_measures"], measures)):
        if ids:
            out.append(f"**{title}**:")
            out.append("")
            out.extend(f"- ❌ **{i}** {_md(pool[i].unit.path)} {_md(_name(pool[i], 60))}" for i in ids)
            out.append("")
    out.append(f"问题 {s['problems']} 条；缺原因 {len(s['without_cause'])} 条，缺措施 {len(s['without_measure'])} 条；"
               f"孤立原因 {len(s['orphan_causes'])} 条，孤立措施 {len(s['orphan_measures'])} 条。")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------
# html


def render_html(corr: Correspondence) -> str:
    """Three columns (problems, causes, measures) with the links drawn as SVG curves and orphans
    highlighted, then the same map as a table (templates/map.html: the review page's layout and its
    map table). One self-contained page: inline CSS and script, no external assets."""
    from .findings import OutlineMap
    from .templating import render as render_page

    m = OutlineMap.of(corr)
    links = [{"from": p.id, "to": lk.id, "score": round(lk.score, 2), "why": _why(lk)}
             for p in corr.problems for lk in (*p.causes, *p.measures)]
    return render_page("map.html", path=printable(corr.path), m=m, links=links)
