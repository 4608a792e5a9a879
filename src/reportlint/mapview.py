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


def _summary(corr: Correspondence) -> dict[str, Any]:
    return {
        "problems": len(corr.problems),
        "without_cause": [e.id for e in corr.problems if not e.causes] if corr.has_causes_part else [],
        "without_measure": [e.id for e in corr.problems if not e.measures] if corr.has_measures_part else [],
        # with no problems part there is nothing to answer (missing-part says so): no orphans
        "orphan_causes": [e.id for e in corr.causes if not e.problems] if corr.problems else [],
        "orphan_measures": [e.id for e in corr.measures if not e.problems] if corr.problems else [],
    }


# --------------------------------------------------------------------------------------------------
# text


_TEXT = {
    "en": {"head": "{path}: {p} problems, {c} causes, {m} measures", "no_problems": "no problems part found",
           "at": "(line {n})", "no_cause": "✗ no cause", "no_measure": "✗ no measure",
           "orphan_causes": "✗ causes that explain no problem:", "orphan_measures": "✗ measures that answer no problem:",
           "summary": "summary: {wc} problem(s) without a cause, {wm} without a measure, {oc} orphan cause(s), "
                      "{om} orphan measure(s)"},
    "zh": {"head": "{path}：问题 {p} 条，原因 {c} 条，措施 {m} 条", "no_problems": "未找到问题部分",
           "at": "（第 {n} {unit}）", "no_cause": "✗ 无原因", "no_measure": "✗ 无措施",
           "orphan_causes": "✗ 未对应任何问题的原因：", "orphan_measures": "✗ 未对应任何问题的措施：",
           "summary": "小结：缺原因的问题 {wc} 条，缺措施的问题 {wm} 条，孤立原因 {oc} 条，孤立措施 {om} 条"},
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
            if not links:
                lines.append(f"     {w['no_' + kind]}")
            for lk in links:
                t = pool[lk.id]
                lines.append(f"     {'→' if kind == 'cause' else '⇒'} {lk.id:<4} {lk.score:.2f}  "
                             f"{t.unit.path}  {_name(t, 30)}  [{_why(lk)}]")
        lines.append("")
    s = _summary(corr)
    for title, ids, pool in ((w["orphan_causes"], s["orphan_causes"], causes),
                             (w["orphan_measures"], s["orphan_measures"], measures)):
        if ids:
            lines.append(title)
            lines.extend(f"     {i:<4} {pool[i].unit.path}  {_name(pool[i], 50)}" for i in ids)
            lines.append("")
    lines.append(w["summary"].format(wc=len(s["without_cause"]), wm=len(s["without_measure"]),
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
    """Three columns (problems, causes, measures), links drawn as SVG curves, orphans highlighted.
    One self-contained page: inline CSS and a few lines of inline script, no external assets."""
    e = html.escape
    s = _summary(corr)

    def card(entry: Entry, orphan: bool, extra: str = "") -> str:
        cls = "card orphan" if orphan else "card"
        return (f'<div class="{cls}" id="{e(entry.id)}" title="{e(entry.unit.text[:400])}">'
                f'<div class="head"><span class="id">{e(entry.id)}</span> <span class="path">{e(entry.unit.path)}</span>'
                f' <span class="line">:{entry.unit.line}</span></div>'
                f'<div class="name">{e(_name(entry, 56))}</div>{extra}</div>')

    def problem_extra(p: Entry) -> str:
        bits = []
        if corr.has_causes_part:
            bits.append('<span class="flag">无原因</span>' if not p.causes else
                        '<span class="to c">原因 ' + " ".join(e(lk.id) for lk in p.causes) + "</span>")
        if corr.has_measures_part:
            bits.append('<span class="flag">无措施</span>' if not p.measures else
                        '<span class="to m">措施 ' + " ".join(e(lk.id) for lk in p.measures) + "</span>")
        return f'<div class="flags">{"".join(bits)}</div>' if bits else ""

    def target_extra(t: Entry) -> str:
        if not t.problems and corr.problems:
            return '<div class="flags"><span class="flag">未对应任何问题</span></div>'
        return '<div class="flags"><span class="to">问题 ' + " ".join(e(i) for i in t.problems) + "</span></div>"

    col_p = "".join(card(p, (corr.has_causes_part and not p.causes) or (corr.has_measures_part and not p.measures),
                         problem_extra(p)) for p in corr.problems)
    col_c = ("".join(card(c, not c.problems and bool(corr.problems), target_extra(c)) for c in corr.causes)
             or '<div class="none">（无原因部分）</div>')
    col_m = ("".join(card(m, not m.problems and bool(corr.problems), target_extra(m)) for m in corr.measures)
             or '<div class="none">（无措施部分）</div>')
    links = []
    for p in corr.problems:
        for lk in p.causes:
            links.append({"from": p.id, "to": lk.id, "score": round(lk.score, 2), "why": _why(lk)})
        for lk in p.measures:
            links.append({"from": p.id, "to": lk.id, "score": round(lk.score, 2), "why": _why(lk)})
    data = json.dumps(links, ensure_ascii=False).replace("</", "<\\/")
    summary = (f"问题 {s['problems']} 条 · 缺原因 {len(s['without_cause'])} · 缺措施 {len(s['without_measure'])} · "
               f"孤立原因 {len(s['orphan_causes'])} · 孤立措施 {len(s['orphan_measures'])}")
    return _PAGE.format(title=e(corr.path), summary=e(summary), problems=col_p, causes=col_c, measures=col_m,
                        data=data, nlinks=len(links))


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>问题 → 原因 → 措施 · {title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; margin: 16px; color: #222;
       background: #fafafa; }}
h1 {{ font-size: 18px; margin: 0 0 4px; }}
.summary {{ color: #555; margin-bottom: 12px; font-size: 14px; }}
#board {{ position: relative; display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: 120px; }}
#wires {{ position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; overflow: visible; }}
.col h2 {{ font-size: 15px; margin: 0 0 8px; color: #333; }}
.card {{ background: #fff; border: 1px solid #bbb; border-radius: 6px; padding: 6px 8px; margin-bottom: 10px;
         font-size: 13px; position: relative; z-index: 1; }}
.card.orphan {{ border: 2px solid #d33; background: #fff2f2; }}
.card .head {{ color: #666; font-size: 12px; }}
.card .id {{ font-weight: bold; color: #124; }}
.flag {{ display: inline-block; background: #d33; color: #fff; border-radius: 3px; padding: 0 4px; margin: 3px 4px 0 0;
         font-size: 12px; }}
.to {{ display: inline-block; color: #555; font-size: 12px; margin: 3px 8px 0 0; }}
.to.c {{ color: #2a6; }} .to.m {{ color: #27b; }}
.card.hl {{ outline: 3px solid #f90; }}
.none {{ color: #999; }}
path.wire {{ fill: none; stroke-width: 1.6; }}
path.wire.cause {{ stroke: #3a7; }}
path.wire.measure {{ stroke: #37c; stroke-dasharray: 6 3; opacity: 0.55; }}
path.wire.measure.on {{ opacity: 1; }}
path.wire.dim {{ opacity: 0.08; }}
.legend {{ font-size: 12px; color: #555; margin-bottom: 8px; }}
.legend b.c {{ color: #3a7; }} .legend b.m {{ color: #37c; }} .legend b.o {{ color: #d33; }}
</style></head>
<body>
<h1>问题 → 原因 → 措施 · {title}</h1>
<div class="summary">{summary}</div>
<div class="legend"><b class="c">━</b> 问题→原因 &nbsp; <b class="m">┅</b> 问题→措施 &nbsp;
<b class="o">▭</b> 未对应（孤立） &nbsp; 实线：问题→原因；虚线：问题→措施；线越粗得分越高；鼠标悬停查看依据</div>
<div id="board" data-links="{nlinks}">
<svg id="wires" xmlns="http://www.w3.org/2000/svg"></svg>
<div class="col" id="col-problems"><h2>问题</h2>{problems}</div>
<div class="col" id="col-causes"><h2>原因</h2>{causes}</div>
<div class="col" id="col-measures"><h2>措施</h2>{measures}</div>
</div>
<script>
(function () {{
  var links = {data};
  var board = document.getElementById("board"), svg = document.getElementById("wires");
  var NS = "http://www.w3.org/2000/svg";
  function box(id) {{
    var el = document.getElementById(id); if (!el) return null;
    var b = el.getBoundingClientRect(), o = board.getBoundingClientRect();
    return {{ l: b.left - o.left, r: b.right - o.left, y: b.top - o.top + Math.min(b.height / 2, 18) }};
  }}
  function draw() {{
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("height", board.scrollHeight);
    links.forEach(function (lk) {{
      var a = box(lk.from), b = box(lk.to); if (!a || !b) return;
      var measure = lk.to.charAt(0) === "m";
      var x1 = a.r, y1 = a.y, x2 = b.l, y2 = b.y;
      if (measure) {{ x1 = a.r; }}
      var dx = Math.max(40, (x2 - x1) / 2);
      var p = document.createElementNS(NS, "path");
      p.setAttribute("d", "M" + x1 + "," + y1 + " C" + (x1 + dx) + "," + y1 + " " + (x2 - dx) + "," + y2 + " " + x2 + "," + y2);
      p.setAttribute("class", "wire " + (measure ? "measure" : "cause"));
      p.setAttribute("stroke-width", (0.8 + 3 * lk.score).toFixed(1));
      p.setAttribute("data-from", lk.from); p.setAttribute("data-to", lk.to);
      var t = document.createElementNS(NS, "title");
      t.textContent = lk.from + " → " + lk.to + " " + lk.score + "：" + lk.why;
      p.appendChild(t);
      svg.appendChild(p);
    }});
    board.setAttribute("data-wires", String(svg.querySelectorAll("path.wire").length));
  }}
  function focus(id) {{
    var wires = svg.querySelectorAll("path.wire"), on = {{}};
    on[id] = true;
    wires.forEach(function (w) {{
      var hit = !id || w.getAttribute("data-from") === id || w.getAttribute("data-to") === id;
      w.classList.toggle("dim", !hit);
      w.classList.toggle("on", hit && !!id);
      if (hit && id) {{ on[w.getAttribute("data-from")] = true; on[w.getAttribute("data-to")] = true; }}
    }});
    document.querySelectorAll(".card").forEach(function (c) {{ c.classList.toggle("hl", !!id && !!on[c.id]); }});
  }}
  document.querySelectorAll(".card").forEach(function (c) {{
    c.addEventListener("mouseenter", function () {{ focus(c.id); }});
    c.addEventListener("mouseleave", function () {{ focus(null); }});
  }});
  draw();
  window.addEventListener("resize", draw);
}})();
</script>
</body></html>
"""
