"""`reportlint check --format html`: one self-contained page for a batch, for reviewers who never
use a terminal (审核把关). It triages: a 台账 of every file with its verdict, counts and 主要问题
(sortable, exportable as CSV for Excel/WPS), the files that could not be checked with their reason,
filters by severity and rule, and per file its findings, its outline and its problem → cause →
measure table one click away.

Rendered from templates/review.html (Jinja2, autoescaped; the map page shares its layout). No
external resources: inline CSS and a few lines of inline script, so the page can be mailed or put on
a share and works offline; without the script everything is shown, unsorted. Everything comes from
the results (`FileResult.outline` carries the outline and the map); no file is read again.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .findings import FileResult, Finding, Outline, RunResult, Severity
from .i18n import ROLE_NAMES, rule_title, severity_name
from .output import printable

if TYPE_CHECKING:
    from .similar import SimilarResult

_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
MAIN_PROBLEMS = 3  # rules named in a file's 主要问题


def format_html(result: RunResult, *, colour: bool = False, lang: str = "zh",
                similar: SimilarResult | None = None) -> str:
    """The review page (always Chinese: it is for people; `lang` is for the text formats); with
    `similar` (`check --similar`: similar_paths over the files checked), also the pairs of reports
    that share passages and the problems repeated from last year, as `reportlint similar` shows them."""
    from .templating import render

    files = [file_view(n, f, result.fail_on) for n, f in enumerate(result.files, 1)]
    summary = result.summary()
    rules = _rules_seen(result.files)
    return render("review.html", files=files, summary=summary, rules=rules, roles=ROLE_NAMES,
                  unchecked=[f for f in files if f["error"]],
                  fail_on=severity_name(result.fail_on),
                  made=_dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                  csv_href=csv_data_uri(ledger_csv(result)),
                  similar=similar_view(similar, result.files) if similar is not None else None)


def similar_view(similar: SimilarResult, files: list[FileResult]) -> dict[str, Any]:
    """What the review page shows of `similar`: counts for its cards, one line, for each file (by
    its number) how many pairs and repeats from last year name it, and the fragment of
    `reportlint similar --format html` (escaped there; its style scoped to `.similar`)."""
    from markupsafe import Markup

    from .similar.render import STYLE, pairs_html, summary_line

    named = Counter([p.a for p in similar.pairs] + [p.b for p in similar.pairs])
    named.update(a.path for a in similar.previous if a.problems or a.measures)
    return {"pairs": len(similar.pairs), "flagged": sum(1 for p in similar.pairs if p.severity != "info"),
            "clusters": len(similar.clusters), "repeated": sum(len(a.problems) for a in similar.previous),
            "per_file": {n: named[f.path] for n, f in enumerate(files, 1)},
            "summary": summary_line(similar), "html": Markup(pairs_html(similar, heading=3)),
            "style": Markup(STYLE)}


# --- the 台账 -------------------------------------------------------------------------------------


_NOT_CHECKED = ("unsupported", "timeout", "crashed")  # read, or readable, but not checked to the end
_STATUS_RANK = {"无法读取": 0, "未检查": 0, "未通过": 1, "通过（有提醒）": 2, "通过": 3}  # sorting the 台账


def status(f: FileResult, fail_on: Severity) -> tuple[str, str]:
    """The verdict shown for a file and its CSS class."""
    if f.error:
        return ("未检查", "bad") if f.error.get("kind") in _NOT_CHECKED else ("无法读取", "bad")
    if any(x.severity >= fail_on for x in f.findings):
        return "未通过", "bad"
    return ("通过（有提醒）", "ok") if f.findings else ("通过", "good")


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    out = {s: 0 for s in _CLASS}
    for x in findings:
        out[x.severity] += 1
    return out


def main_problems(f: FileResult, limit: int = MAIN_PROBLEMS) -> list[str]:
    """What a reviewer reads first about a file: its worst rules, content before layout, each as
    its one message (clipped) or as its Chinese title and how many times; an unreadable file's reason."""
    if f.error:
        return [_reason(f)]
    by_rule: dict[str, list[Finding]] = {}
    for x in f.findings:
        by_rule.setdefault(x.code, []).append(x)
    worst = sorted(by_rule.values(), key=lambda xs: (-max(x.severity for x in xs), xs[0].layout, -len(xs)))
    out = []
    for xs in worst[:limit]:
        x = xs[0]
        if len(xs) == 1:
            out.append(x.message if len(x.message) <= 40 else x.message[:39] + "…")
        else:
            out.append(f"{rule_title(x.code, x.rule)} {len(xs)} 处")
    return out


def _reason(f: FileResult) -> str:
    """An unreadable file's message without the path it opens with."""
    message = printable((f.error or {}).get("message", ""))
    path = printable(f.path)
    return message[len(path) + 2:] if message.startswith(path + ": ") else message


def ledger_csv(result: RunResult) -> str:
    """The 台账 as CSV (file, verdict, counts, main problems, profile): what the page's export
    button saves, for Excel or WPS. Cells that a spreadsheet would take for a formula are quoted."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["序号", "文件", "结论", "错误", "警告", "提示", "主要问题", "检查标准"])
    for n, f in enumerate(result.files, 1):
        c = counts(f.findings)
        writer.writerow([n, _cell(printable(f.path)), status(f, result.fail_on)[0], c[Severity.ERROR],
                         c[Severity.WARNING], c[Severity.INFO], _cell("；".join(main_problems(f))),
                         _cell(f.profile or "")])
    return out.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_data_uri(text: str) -> str:
    """A download link's target: UTF-8 with a byte order mark, so that Excel and WPS read the
    Chinese right when the file is opened by a double click. A file name that is not UTF-8 is
    written as its escapes (\\udcd6), as on the page."""
    from urllib.parse import quote

    return "data:text/csv;charset=utf-8," + quote("\ufeff" + text, errors="backslashreplace")


# --- one file -----------------------------------------------------------------------------------


def file_view(n: int, f: FileResult, fail_on: Severity) -> dict[str, Any]:
    """What templates/filesection.html shows of file number `n`: its verdict, counts, findings,
    outline and map (the review page, and the page of `reportlint serve` for one file)."""
    verdict, cls = status(f, fail_on)
    c = counts(f.findings)
    outline = f.outline
    return {
        "n": n, "path": printable(f.path), "status": verdict, "status_class": cls, "status_rank": _STATUS_RANK[verdict],
        "errors": c[Severity.ERROR], "warnings": c[Severity.WARNING], "infos": c[Severity.INFO],
        "main": main_problems(f), "format": f.format, "profile": f.profile, "profile_title": _profile_title(f.profile),
        "profile_reason": f.profile_reason,  # set when the profile was chosen for it
        "error": f.error is not None,
        "reason": _reason(f) if f.error else "",
        "outline": outline, "map": outline.map if outline else None,
        "per_line": _per_line(f.findings),
        "findings": [_finding_view(k, x, f.format, outline) for k, x in enumerate(f.findings)],
    }


def _profile_title(name: str | None) -> str:
    """The Chinese title people know a built-in profile by (2024年度民主生活会…), else its name."""
    from .config import resolve_profile
    from .errors import ReportlintError

    if not name:
        return ""
    try:
        return resolve_profile(name).title or name
    except ReportlintError:  # a user's own profile file, moved since
        return name


def _finding_view(k: int, x: Finding, fmt: str | None, outline: Outline | None) -> dict[str, Any]:
    return {"order": k, "severity": severity_name(x.severity), "class": _CLASS[x.severity], "rank": int(x.severity),
            "code": x.code, "rule": x.rule, "title": rule_title(x.code, x.rule), "where": _where(x, fmt),
            "part": _part(x, outline), "section": x.section, "message": printable(x.message),
            "excerpt": x.excerpt or "", "layout": x.layout}


def _where(x: Finding, fmt: str | None) -> str:
    if x.line is None:
        return "全文"
    if fmt == "docx":
        return f"第 {x.line} 段" + (f" 第 {x.column} 字" if x.column and x.column > 1 else "")
    return f"第 {x.line} 行" + (f" 第 {x.column} 列" if x.column else "")


def _part(x: Finding, outline: Outline | None) -> str:
    """The top-level part a finding is in (一、存在的主要问题), or 标题与前言 / 全文."""
    if x.line is None:
        return "全文"
    parts = [s for s in (outline.sections if outline else ()) if s.line <= x.line]
    if parts:
        return parts[-1].label + parts[-1].heading
    if x.section:
        return x.section.split("/")[0]
    return "标题与前言"


def _per_line(findings: list[Finding]) -> dict[int, int]:
    out: dict[int, int] = {}
    for x in findings:
        if x.line is not None:
            out[x.line] = out.get(x.line, 0) + 1
    return out


def _rules_seen(files: list[FileResult]) -> list[dict[str, Any]]:
    """Every rule with findings in the batch, for the rule filter: code, title, how many."""
    seen: dict[str, dict[str, Any]] = {}
    for f in files:
        for x in f.findings:
            entry = seen.setdefault(x.code, {"code": x.code, "title": rule_title(x.code, x.rule), "count": 0})
            entry["count"] += 1
    return [seen[k] for k in sorted(seen)]
