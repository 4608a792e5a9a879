"""`reportlint check --format html`: one self-contained page for a batch, for reviewers who never
use a terminal (审核把关): a summary, then per file its outline and its findings grouped by part.

No scripts, no external resources: the page can be mailed or put on a share as it is. Everything
comes from the results (the outline is `FileResult.outline`); no file is read again.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable

from .findings import FileResult, Finding, Outline, OutlineSection, RunResult, Severity
from .output import printable

_SEVERITY = {Severity.ERROR: ("错误", "error"), Severity.WARNING: ("警告", "warning"), Severity.INFO: ("提示", "info")}
_ROLE = {"problems": "问题", "causes": "原因", "measures": "措施", "previous": "上年度整改", "case": "案例剖析",
         "comparison": "对照", "other": "其他"}
e = html.escape


def format_html(result: RunResult, *, colour: bool = False, lang: str = "zh") -> str:
    summary = result.summary()
    unchecked = sum(1 for f in result.files if f.error)
    body: list[str] = [
        "<header><h1>reportlint 检查报告</h1>",
        f"<p class=meta>生成时间 {e(_dt.datetime.now().strftime('%Y-%m-%d %H:%M'))} · "
        f"判定标准：出现{e(_SEVERITY[result.fail_on][0])}及以上即为“未通过”</p></header>",
        '<section class=cards>',
        _card("检查文件", summary["files"], ""),
        _card("未通过", summary["failed_files"], "bad" if summary["failed_files"] else "good"),
        _card("未检查", unchecked, "bad" if unchecked else ""),
        _card("错误", summary["error"], "error" if summary["error"] else ""),
        _card("警告", summary["warning"], "warning" if summary["warning"] else ""),
        _card("提示", summary["info"], ""),
        "</section>",
        _file_table(result),
    ]
    for n, f in enumerate(result.files, 1):
        body.append(_file_section(n, f, result.fail_on))
    return _PAGE.replace("{body}", "\n".join(body))


def _card(label: str, value: int, cls: str) -> str:
    return f'<div class="card {cls}"><div class=num>{value}</div><div>{e(label)}</div></div>'


def _status(f: FileResult, fail_on: Severity) -> tuple[str, str]:
    if f.error:
        return "无法读取", "bad"
    if any(x.severity >= fail_on for x in f.findings):
        return "未通过", "bad"
    return ("通过（有提醒）", "ok") if f.findings else ("通过", "good")


def _counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    out = {s: 0 for s in _SEVERITY}
    for x in findings:
        out[x.severity] = out.get(x.severity, 0) + 1
    return out


def _file_table(result: RunResult) -> str:
    rows = []
    for n, f in enumerate(result.files, 1):
        status, cls = _status(f, result.fail_on)
        c = _counts(f.findings)
        rows.append(
            f'<tr><td><a href="#f{n}">{e(printable(f.path))}</a></td><td><span class="status {cls}">{e(status)}</span></td>'
            f"<td class=n>{c[Severity.ERROR]}</td><td class=n>{c[Severity.WARNING]}</td><td class=n>{c[Severity.INFO]}</td></tr>"
        )
    return ("<table class=files><thead><tr><th>文件</th><th>结论</th><th>错误</th><th>警告</th><th>提示</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


# --- one file -----------------------------------------------------------------------------------


def _where(x: Finding, fmt: str | None) -> str:
    if x.line is None:
        return "全文"
    if fmt == "docx":
        return f"第 {x.line} 段" + (f" 第 {x.column} 字" if x.column and x.column > 1 else "")
    return f"第 {x.line} 行" + (f" 第 {x.column} 列" if x.column else "")


def _parts(outline: Outline | None) -> list[tuple[int, str, str]]:
    """(first line, label + heading, role) of every top-level section."""
    if not outline:
        return []
    return [(s.line, f"{s.label}{s.heading}", s.role or "") for s in outline.sections]


def _group(findings: list[Finding], parts: list[tuple[int, str, str]]) -> list[tuple[str, list[Finding]]]:
    """Findings by part: by line when the outline is known, else by the first label of `section`."""
    groups: dict[str, list[Finding]] = {}
    order: list[str] = []
    first_line = parts[0][0] if parts else None
    for x in findings:
        if x.line is None:
            key = "全文（页面设置、缺少的部分等）"
        elif parts and first_line is not None and x.line < first_line:
            key = "标题与前言"
        elif parts:
            key = next(name for line, name, _ in reversed(parts) if line <= x.line) if x.line >= parts[0][0] else "标题与前言"
        elif x.section:
            key = x.section.split("/")[0]
        else:
            key = "标题与前言"
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(x)
    rank = {name: n for n, (_, name, _) in enumerate(parts)}
    order.sort(key=lambda k: (0 if k.startswith("全文") else 1 if k == "标题与前言" else 2, rank.get(k, 99)))
    return [(k, groups[k]) for k in order]


def _outline_html(outline: Outline, per_line: dict[int, int]) -> str:
    out = ["<div class=outline>"]
    out.append(f"<div class=title>{e(outline.title or '（未识别到标题）')}</div>")
    if outline.preamble_paragraphs:
        out.append(f"<div class=pre>前言 {outline.preamble_paragraphs} 段，{outline.preamble_chars} 字</div>")
    out.append("<ul>")
    for s in outline.sections:
        out.append(_section_html(s, per_line))
    out.append("</ul></div>")
    return "".join(out)


def _section_html(s: OutlineSection, per_line: dict[int, int]) -> str:
    role = s.role
    badge = f' <span class="role r-{e(role)}">{e(_ROLE.get(role, role))}</span>' if role and role != "other" else ""
    items = f" <span class=items>{s.items} 项</span>" if s.items else ""
    empty = ' <span class="flag">空</span>' if s.empty else ""
    hits = per_line.get(s.line, 0)
    marks = f' <span class=hits title="本标题所在段的问题数">{hits}</span>' if hits else ""
    children = "".join(_section_html(c, per_line) for c in s.children)
    sub = f"<ul>{children}</ul>" if children else ""
    return (f"<li><span class=lbl>{e(s.label)}</span>{e(s.heading)}{badge}{items}{empty}{marks}"
            f"<span class=ln>{s.line}</span>{sub}</li>")


def _file_section(n: int, f: FileResult, fail_on: Severity) -> str:
    status, cls = _status(f, fail_on)
    meta = " · ".join(x for x in (
        f"格式 {f.format}" if f.format else "", f"标准 {f.profile}" if f.profile else "") if x)
    out = [f'<section class=file id="f{n}"><h2>{e(printable(f.path))} <span class="status {cls}">{e(status)}</span></h2>',
           f"<p class=meta>{e(meta)}</p>"]
    if f.error:
        out.append(f"<div class=err>无法读取：{e(printable(f.error.get('message', '')))}</div></section>")
        return "".join(out)
    outline = f.outline
    per_line: dict[int, int] = {}
    for x in f.findings:
        if x.line is not None:
            per_line[x.line] = per_line.get(x.line, 0) + 1
    out.append("<div class=cols>")
    if outline is not None:
        out.append(f"<details open><summary>结构</summary>{_outline_html(outline, per_line)}</details>")
    else:
        out.append("<p class=meta>（结构不可用）</p>")
    out.append("<div class=findings>")
    if not f.findings:
        out.append("<p class=none>未发现问题。</p>")
    for part, items in _group(f.findings, _parts(outline)):
        c = _counts(items)
        tally = "，".join(f"{_SEVERITY[s][0]} {c[s]}" for s in _SEVERITY if c[s])
        out.append(f"<h3>{e(part)} <small>{e(tally)}</small></h3><table class=fx><thead><tr><th>级别</th><th>位置</th>"
                   "<th>规则</th><th>说明</th><th>原文</th></tr></thead><tbody>")
        for x in items:
            label, sev = _SEVERITY[x.severity]
            out.append(
                f'<tr class="{sev}"><td><span class="sev {sev}">{label}</span></td><td class=loc>{e(_where(x, f.format))}'
                f'{"<br><small>" + e(x.section) + "</small>" if x.section else ""}</td>'
                f"<td class=rule><code>{e(x.code)}</code><br><small>{e(x.rule)}</small></td>"
                f"<td>{e(x.message)}</td><td class=ex>{e(x.excerpt or '')}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("</div></div></section>")
    return "".join(out)


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reportlint 检查报告</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;margin:0;
  padding:24px 32px;color:#1f2328;background:#f6f8fa;line-height:1.55}
h1{margin:0 0 4px;font-size:26px}
h2{font-size:19px;margin:0 0 4px;word-break:break-all}
h3{font-size:16px;margin:18px 0 6px;border-left:4px solid #8c959f;padding-left:8px}
h3 small{font-weight:normal;color:#57606a;margin-left:8px}
.meta{color:#57606a;margin:0 0 12px;font-size:14px}
.cards{display:flex;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 18px;min-width:90px;text-align:center}
.card .num{font-size:28px;font-weight:bold}
.card.bad .num,.card.error .num{color:#cf222e}.card.warning .num{color:#9a6700}.card.good .num{color:#1a7f37}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#eaeef2}
td.n{text-align:right;width:60px}
table.files{margin-bottom:24px}
.status{font-size:13px;padding:2px 8px;border-radius:10px;font-weight:normal;white-space:nowrap}
.status.bad{background:#ffebe9;color:#cf222e}.status.ok{background:#fff8c5;color:#9a6700}.status.good{background:#dafbe1;color:#1a7f37}
section.file{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:0 0 24px}
.cols{display:grid;grid-template-columns:minmax(260px,1fr) 3fr;gap:20px;align-items:start}
details summary{cursor:pointer;font-weight:bold;margin-bottom:6px}
.outline{font-size:14px}
.outline .title{font-weight:bold;margin-bottom:4px}
.outline .pre{color:#57606a}
.outline ul{margin:2px 0;padding-left:18px}
.outline li{margin:2px 0}
.outline .lbl{color:#0550ae;margin-right:2px}
.outline .ln{color:#8c959f;font-size:12px;margin-left:6px}
.role{font-size:12px;border-radius:6px;padding:0 5px;background:#ddf4ff;color:#0550ae;margin-left:4px}
.r-problems{background:#ffebe9;color:#a40e26}.r-causes{background:#fff8c5;color:#7d4e00}.r-measures{background:#dafbe1;color:#116329}
.items{font-size:12px;color:#57606a;margin-left:4px}
.flag{font-size:12px;background:#cf222e;color:#fff;border-radius:6px;padding:0 5px;margin-left:4px}
.hits{font-size:11px;background:#9a6700;color:#fff;border-radius:8px;padding:0 6px;margin-left:4px}
.sev{font-size:13px;border-radius:6px;padding:1px 6px;white-space:nowrap;color:#fff}
.sev.error{background:#cf222e}.sev.warning{background:#bf8700}.sev.info{background:#0969da}
td.loc{white-space:nowrap;font-size:13px}
td.rule{font-size:13px;white-space:nowrap}
td.ex{color:#57606a;font-size:13px;max-width:260px}
.err{background:#ffebe9;border:1px solid #ff8182;padding:10px;border-radius:6px}
.none{color:#1a7f37}
@media print{body{background:#fff;padding:0}.cols{grid-template-columns:1fr}section.file{break-inside:avoid-page}}
</style></head><body>
{body}
</body></html>"""
