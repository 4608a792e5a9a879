"""Output formats for `reportlint check`: pure functions from a RunResult to a string, all with
the same signature and all listed in FORMATS (the command's --format choices)."""

from __future__ import annotations

from typing import Any, Protocol

from . import __version__
from .findings import RunResult, Severity
from .htmlreport import format_html
from .i18n import DEFAULT_LANG
from .output import printable

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def format_text(result: RunResult, *, colour: bool = False, lang: str = DEFAULT_LANG, summary: bool = True) -> str:
    """`path:line:col: CODE [name] message`, like other linters, then a summary (Chinese, or English
    with lang="en"; not with --quiet). Each file's findings follow a line naming the profile it was
    checked with and why (`path: 标准 …`; not with --quiet). Control characters in names and messages
    are shown escaped (`output.printable`): each finding is one line."""
    style = _styler(colour)
    out = []
    for f in result.files:
        path = printable(f.path)
        if f.error:
            said = "error" if lang == "en" else "未检查" if f.error.get("kind") == "unsupported" else "无法读取"
            out.append(f"{style(path, bold=True)}: {style(said, fg='red')} {printable(f.error['message'])}")
            continue
        if f.profile and summary:
            out.append(f"{style(path, bold=True)}: {style(_profile_line(f.profile, f.profile_reason), dim=True)}")
        for x in f.findings:
            where = f"{path}:{x.line}:{x.column}" if x.line else path
            out.append(
                f"{style(where, bold=True)}: {style(x.code, fg=_COLOURS[x.severity])} "
                f"[{x.rule}] {printable(x.message)}"
            )
    if summary:
        out.append(style(summary_line(result, lang), bold=True))
    return "\n".join(out)


def _profile_line(profile: str, reason: str | None) -> str:
    """`标准 2024-dem-four-leads（auto: 标题“…”：2024年度民主生活会（班子））`."""
    return f"标准 {printable(profile)}" + (f"（{printable(reason)}）" if reason else "")


def _styler(colour: bool):
    import click

    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    return style


def statistics(result: RunResult) -> list[dict[str, Any]]:
    """How many findings each rule gave (per severity, as a rule may report at two), most first."""
    counts: dict[tuple[str, str, Severity], int] = {}
    for f in result.files:
        for x in f.findings:
            counts[x.code, x.rule, x.severity] = counts.get((x.code, x.rule, x.severity), 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], -kv[0][2]))
    return [{"code": code, "rule": rule, "severity": str(severity), "count": n} for (code, rule, severity), n in rows]


def format_statistics(result: RunResult, fmt: str, *, colour: bool = False, summary: bool = True,
                      lang: str = DEFAULT_LANG) -> str:
    """`check --statistics`: one line per rule instead of the findings (as `ruff --statistics`):
    count, code, [name], severity; then the summary. In JSON, the same rows under `statistics`."""
    rows = statistics(result)
    if fmt == "json":
        import json

        return json.dumps({"version": 1, "statistics": rows, "summary": result.summary()}, ensure_ascii=False, indent=2)
    style = _styler(colour)
    width = max((len(r["rule"]) for r in rows), default=0) + 2
    out = [f"{r['count']:>5}  {style(r['code'], fg=_COLOURS[Severity.parse(r['severity'])])}  "
           f"{'[' + r['rule'] + ']':<{width}}  {r['severity']}" for r in rows]
    if summary:
        out.append(style(summary_line(result, lang), bold=True))
    return "\n".join(out)


def summary_line(result: RunResult, lang: str = DEFAULT_LANG) -> str:
    """“共 3 个文件：错误 2 个，警告 1 个，提示 0 个；其中 1 个未检查” (or its English)."""
    s = result.summary()
    unread = sum(1 for f in result.files if f.error)
    clean = s["error"] + s["warning"] + s["info"] == 0 and not unread
    if lang == "en":
        if clean:
            return f"{s['files']} file(s) checked: no findings"
        return (f"{s['files']} file(s) checked: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
                + (f"; {unread} file(s) not checked" if unread else ""))
    if clean:
        return f"共 {s['files']} 个文件：未发现问题"
    return (f"共 {s['files']} 个文件：错误 {s['error']} 个，警告 {s['warning']} 个，提示 {s['info']} 个"
            + (f"；其中 {unread} 个未检查" if unread else ""))


def format_json(result: RunResult, *, colour: bool = False, lang: str = DEFAULT_LANG) -> str:
    import json

    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)


def format_github(result: RunResult, *, colour: bool = False, lang: str = DEFAULT_LANG) -> str:
    """GitHub Actions workflow commands: annotations on the changed files."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for f in result.files:
        if f.error:
            out.append(f"::error file={_gh(f.path)}::{_gh(f.error['message'])}")
        for x in f.findings:
            loc = f"file={_gh(f.path)}"
            if x.line:
                loc += f",line={x.line},col={x.column}"
                if x.end_line:
                    loc += f",endLine={x.end_line},endColumn={x.end_column}"
            out.append(f"::{level[x.severity]} {loc},title={x.code} {x.rule}::{_gh(x.message)}")
    return "\n".join(out)


def _gh(text: str) -> str:
    """A workflow command's value: control characters shown escaped, then GitHub's own escapes."""
    text = printable(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(",", "%2C").replace("::", "%3A%3A")


def format_sarif(result: RunResult, *, colour: bool = False, lang: str = DEFAULT_LANG) -> str:
    """SARIF 2.1.0, one run, rules described from their documentation."""
    from .registry import all_rules

    rules = all_rules()
    index = {r.code: n for n, r in enumerate(rules)}
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    results = []
    notifications = []
    for f in result.files:
        if f.error:
            notifications.append({"level": "error", "message": {"text": f.error["message"]},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}}}]})
        for x in f.findings:
            physical: dict = {"artifactLocation": {"uri": _uri(f.path)}}
            if x.line:
                region = {"startLine": x.line, "startColumn": x.column or 1}
                if x.end_line:
                    region.update(endLine=x.end_line, endColumn=(x.end_column or 1) + 1)
                physical["region"] = region
            entry: dict[str, Any] = {
                "ruleId": x.code,
                "level": level[x.severity],
                "message": {"text": x.message},
                "locations": [{"physicalLocation": physical}],
            }
            if x.code in index:
                entry["ruleIndex"] = index[x.code]
            results.append(entry)
    run = {
        "tool": {"driver": {
            "name": "reportlint",
            "version": __version__,
            "informationUri": "https://pypi.org/project/reportlint/",
            "rules": [{
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary or r.name},
                "fullDescription": {"text": r.doc or r.name},
                "defaultConfiguration": {"level": level[r.severity]},
            } for r in rules],
        }},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    import json

    return json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
                       "runs": [run]}, ensure_ascii=False, indent=2)


def _uri(path: str) -> str:
    from urllib.parse import quote

    # a file name that is not UTF-8 is percent-encoded as its own bytes (surrogate escapes)
    return quote(path.replace("\\", "/").encode("utf-8", "surrogateescape"), safe="/:")


# characters XML 1.0 cannot carry even escaped; a text report may hold them (a form feed from a
# PDF page break, other controls) and messages quote it
_NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


def format_junit(result: RunResult, *, colour: bool = False, lang: str = DEFAULT_LANG) -> str:
    """JUnit XML: one test case per file; findings at or above the fail level are failures."""
    import re
    from xml.sax import saxutils  # imported here: it pulls in urllib and http

    not_xml = re.compile(_NOT_XML)

    def escape(text: str) -> str:
        return saxutils.escape(not_xml.sub("\ufffd", text))

    def quoteattr(text: str) -> str:  # names and messages: one line each, controls shown escaped
        return saxutils.quoteattr(not_xml.sub("\ufffd", printable(text)))

    cases = []
    failures = errors = 0
    for f in result.files:
        name = quoteattr(f.path)
        if f.error:
            errors += 1
            cases.append(f'  <testcase classname="reportlint" name={name}><error message={quoteattr(f.error["message"])}/></testcase>')
            continue
        failing = [x for x in f.findings if x.severity >= result.fail_on]
        if failing:
            failures += 1
            body = "\n".join(f"{printable(f.path)}:{x.line or ''}:{x.column or ''}: {x.code} [{x.rule}] {x.message}"
                              for x in f.findings)
            cases.append(
                f'  <testcase classname="reportlint" name={name}><failure message={quoteattr(f"{len(failing)} finding(s)")}>'
                f"{escape(body)}</failure></testcase>"
            )
        else:
            cases.append(f'  <testcase classname="reportlint" name={name}/>')
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="reportlint" tests="{len(result.files)}" '
            f'failures="{failures}" errors="{errors}">')
    return "\n".join([head, *cases, "</testsuite>"])


class Formatter(Protocol):
    def __call__(self, result: RunResult, *, colour: bool = False, lang: str = DEFAULT_LANG) -> str: ...


# `colour` is for a terminal and `lang` for the words around the messages: the text format uses
# them; the machine formats are the same either way, and the HTML page is for people (Chinese)
FORMATS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "junit": format_junit,
    "html": format_html,
}
