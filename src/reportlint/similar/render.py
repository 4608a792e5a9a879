"""`similar` results as text (for a terminal), JSON (SPEC §3) and one self-contained HTML page
(for reviewers: no scripts, no external resources, readable offline and when mailed)."""

from __future__ import annotations

import datetime as _dt
import html
import json

from ..output import printable
from .batch import Pair
from .previous import Against, Repeat
from .run import SimilarResult

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_ROLE = {"problems": "问题", "causes": "原因", "measures": "措施"}


def render(result: SimilarResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "html":
        return render_html(result)
    return render_text(result)


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _where(loc: dict[str, object]) -> str:
    end = f"-{loc['end_line']}:{loc['end_column']}" if loc["end_line"] != loc["line"] else f"-{loc['end_column']}"
    return f"{loc['line']}:{loc['column']}{end} {loc['section']}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


# -- text -----------------------------------------------------------------------------------------


def render_text(result: SimilarResult) -> str:
    out: list[str] = []
    for s in [*result.files, *result.previous_files]:
        if s.error:
            out.append(f"{printable(s.path)}: 未读取 [{s.error['kind']}] {printable(s.error['message'])}")
    for pair in result.pairs:
        out.extend(_pair_text(pair))
    for n, group in enumerate(result.clusters, 1):
        out.append(f"群组 {n}（{len(group)} 份报告相互雷同）：" + "、".join(map(printable, group)))
    for against in result.previous:
        out.extend(_against_text(against))
    out.extend(result.notes)
    out.append(summary_line(result))
    return "\n".join(out)


def _pair_text(pair: Pair) -> list[str]:
    a, b = printable(pair.a), printable(pair.b)
    lines = [f"{a} ⇄ {b}  {SEVERITY[pair.severity]}：{a} 的问题、原因、措施有 {_pct(pair.share_a)} 见于 {b}，"
             f"{b} 有 {_pct(pair.share_b)} 见于 {a}"]
    for p in pair.passages:
        lines.append(f"  {a}:{_where(p.a)}  ⇄  {b}:{_where(p.b)}")
        lines.append(f"    “{printable(_short(p.text))}”")
    return lines


def _against_text(a: Against) -> list[str]:
    path, prev = printable(a.path), printable(a.previous)
    lines = [f"{path} ⇐ 上一年度 {prev}  {SEVERITY[a.severity]}：全文 {_pct(a.share)} 与上一年度相同，"
             f"重复的问题 {len(a.problems)} 个，原样重复的措施 {len(a.measures)} 条"]
    for r in a.problems:
        lines.append(_repeat_text(path, "问题重复", r))
    for r in a.measures:
        lines.append(_repeat_text(path, "措施未变", r))
    return lines


def _repeat_text(path: str, what: str, r: Repeat) -> str:
    d = r.to_dict()
    return (f"  {path}:{d['line']}:{d['column']}: {what} {d['section']}（{_pct(r.share)} 见于上一年度 "
            f"{d['previous_section']}，第 {d['previous_line']} 行）“{printable(_short(r.passage.text))}”")


def summary_line(result: SimilarResult) -> str:
    counts = {k: sum(1 for p in result.pairs if p.severity == k) for k in SEVERITY}
    readable = sum(1 for s in result.files if s.error is None)
    unread = sum(1 for s in [*result.files, *result.previous_files] if s.error)
    text = (f"比对 {readable} 份报告：{len(result.pairs)} 对报告有相同段落（错误 {counts['error']}，"
            f"警告 {counts['warning']}，提示 {counts['info']}），{len(result.clusters)} 个群组")
    if result.previous_files:
        text += f"；与上一年度比对 {len(result.previous)} 份"
    if unread:
        text += f"；{unread} 个文件未读取"
    return text


# -- HTML -----------------------------------------------------------------------------------------

e = html.escape


def render_html(result: SimilarResult) -> str:
    body = [
        "<header><h1>reportlint 雷同比对</h1>",
        f"<p class=meta>生成时间 {e(_dt.datetime.now().strftime('%Y-%m-%d %H:%M'))} · {e(summary_line(result))}</p>",
        "</header>",
        f"<div class=similar>{pairs_html(result)}</div>",
    ]
    return _PAGE.replace("{style}", STYLE).replace("{body}", "\n".join(body))


def pairs_html(result: SimilarResult, heading: int = 2) -> str:
    """What `similar` found as an HTML fragment (no page around it, no scripts; STYLE styles it
    inside an element of class `similar`): notes, unread files, clusters, pairs with their passages,
    repeats from last year. Its parts have headings of level `heading`, each pair and report one
    level below. The review page of `check --similar` embeds it."""
    h, sub = f"h{heading}", f"h{heading + 1}"
    formats = {s.path: s.format for s in [*result.files, *result.previous_files]}
    body = [f"<p class=note>{e(n)}</p>" for n in result.notes]
    unread = [s for s in [*result.files, *result.previous_files] if s.error]
    if unread:
        body.append(f"<{h}>未读取的文件</{h}><ul>" + "".join(
            f"<li><code>{e(printable(s.path))}</code> <span class=kind>{e(s.error['kind'])}</span> "
            f"{e(printable(s.error['message']))}</li>" for s in unread if s.error) + "</ul>")
    if result.clusters:
        body.append(f"<{h}>相互雷同的群组</{h}><ol>" + "".join(
            "<li>" + "、".join(f"<code>{e(printable(p))}</code>" for p in g) + "</li>" for g in result.clusters)
            + "</ol>")
    if result.pairs:
        body.append(f"<{h}>有相同段落的报告</{h}>")
        body += [_pair_html(n, p, sub, formats) for n, p in enumerate(result.pairs, 1)]
    if result.previous:
        body.append(f"<{h}>与上一年度比对</{h}>")
        body += [_against_html(a, sub, formats) for a in result.previous]
    return "\n".join(body)


def _place(line: object, fmt: str | None) -> str:
    return f"第 {line} 段" if fmt == "docx" else f"第 {line} 行"


def _where_html(loc: dict[str, object], fmt: str | None) -> str:
    """Where a passage is, as a reviewer reads it: 第 12 行 第 3–40 字 · 一/（二）/一是 (段 for DOCX)."""
    if loc["end_line"] == loc["line"]:
        where = f"{_place(loc['line'], fmt)} 第 {loc['column']}–{loc['end_column']} 字"
    else:
        where = f"{_place(loc['line'], fmt)} 第 {loc['column']} 字 至 {_place(loc['end_line'], fmt)} 第 {loc['end_column']} 字"
    return f"{where} · {loc['section']}"


def _pair_html(n: int, pair: Pair, h: str, formats: dict[str, str]) -> str:
    a, b = e(printable(pair.a)), e(printable(pair.b))
    rows = "".join(
        f"<tr><td class=loc>{e(_where_html(p.a, formats.get(pair.a)))}</td><td class=text>{e(p.text)}</td>"
        f"<td class=loc>{e(_where_html(p.b, formats.get(pair.b)))}</td></tr>" for p in pair.passages)
    return (f'<section class="pair {pair.severity}" id=pair-{n}><{h}><span class=sev>{SEVERITY[pair.severity]}</span> '
            f"<code>{a}</code> ⇄ <code>{b}</code></{h}>"
            f"<p>{a} 的问题、原因、措施有 <b>{_pct(pair.share_a)}</b> 见于 {b}；"
            f"{b} 有 <b>{_pct(pair.share_b)}</b> 见于 {a}。</p>"
            f"<table><tr><th>{a}</th><th>相同的段落</th><th>{b}</th></tr>{rows}</table></section>")


def _against_html(a: Against, h: str, formats: dict[str, str]) -> str:
    rows = "".join(_repeat_row("问题重复", r, formats.get(a.path), formats.get(a.previous)) for r in a.problems)
    rows += "".join(_repeat_row("措施未变", r, formats.get(a.path), formats.get(a.previous)) for r in a.measures)
    table = (f"<table><tr><th>本年度</th><th></th><th>内容</th><th>上一年度</th></tr>{rows}</table>" if rows else "")
    return (f'<section class="pair {a.severity}"><{h}><span class=sev>{SEVERITY[a.severity]}</span> '
            f"<code>{e(printable(a.path))}</code> ⇐ <code>{e(printable(a.previous))}</code></{h}>"
            f"<p>全文 <b>{_pct(a.share)}</b> 与上一年度相同；重复的问题 {len(a.problems)} 个，"
            f"原样重复的措施 {len(a.measures)} 条。</p>{table}</section>")


def _repeat_row(what: str, r: Repeat, fmt: str | None, fmt_before: str | None) -> str:
    d = r.to_dict()
    return (f"<tr><td class=loc>{_place(d['line'], fmt)} 第 {d['column']} 字 · {e(str(d['section']))}</td>"
            f"<td>{what} {_pct(r.share)}</td><td class=text>{e(r.passage.text)}</td>"
            f"<td class=loc>{_place(d['previous_line'], fmt_before)} · {e(str(d['previous_section']))}</td></tr>")


STYLE = """
.similar section.pair{border-left:4px solid #999;padding:.2em 1em;margin:1.2em 0;background:#fafafa}
.similar section.error{border-color:#c62828}.similar section.warning{border-color:#ef6c00}
.similar section.info{border-color:#1565c0}
.similar .sev{font-size:.8em;padding:.1em .5em;border-radius:3px;color:#fff;background:#999}
.similar .error .sev{background:#c62828}.similar .warning .sev{background:#ef6c00}.similar .info .sev{background:#1565c0}
.similar table{border-collapse:collapse;width:100%}
.similar th,.similar td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top}
.similar th{background:#eee;text-align:left}.similar td.loc{white-space:nowrap;color:#555;font-size:.9em}
.similar td.text{background:#fff3c4}
.similar code{font-family:Consolas,monospace;font-size:.95em}.similar .kind{color:#c62828}
.similar .note{background:#fff8e1;padding:.5em 1em}
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reportlint 雷同比对</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:72em;
padding:0 1em;color:#222;line-height:1.6}
h1{font-size:1.6em;margin-bottom:.2em}.meta{color:#666}
{style}</style></head><body>
{body}
</body></html>"""
