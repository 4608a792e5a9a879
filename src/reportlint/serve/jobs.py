"""What a lint worker of `reportlint serve` does for each request: check, annotate or map one report
held in memory, and the HTTP answer to it (status, body, and a few facts for the access log), so the
server process only passes bytes along.

A file that cannot be read is the client's problem, never the server's: 422 with its kind (504 for
`timeout`); so is a report that makes reportlint itself fail, answered with kind `crashed` instead
of a 500.
"""

from __future__ import annotations

import json
import sys
import traceback
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import reportlint
from reportlint.errors import ReportlintError


@dataclass(frozen=True)
class Job:
    """One request's work: `kind` is check, annotate or map; `name` the file's name (a name only)."""

    kind: str  # check, annotate, map, or page (the result as the page shows it)
    data: bytes
    name: str
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    lang: str = "zh"  # annotate: the words around each comment (codes and names with "en")
    outline: bool = False  # check: add the report's outline (the page shows findings beside it)
    min_score: float | None = None  # map: links scoring below this do not count


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    media_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    kind: str | None = None  # the error kind, for the access log
    outcome: str = "ok"  # passed, failed, ok, error


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# a report of a few lines: checking it and a .docx of it loads the rules, the label grammar, the
# vocabularies, the matcher, python-docx and the templates, so that the first request does not pay for them
_WARM_UP_REPORT = "关于某某的对照检查材料\n一、存在的问题\n（一）学习不够。一是学得不深。\n二、原因\n（一）思想放松。\n三、整改措施\n（一）加强学习。"


def warm() -> None:
    """Do each kind of job once on a small text and .docx report, before the first request."""
    import io

    import docx

    document = docx.Document()
    for line in _WARM_UP_REPORT.splitlines():
        document.add_paragraph(line)
    package = io.BytesIO()
    document.save(package)
    for kind in ("check", "annotate", "map", "page"):
        run(Job(kind, package.getvalue(), "warm-up.docx"))
    run(Job("check", _WARM_UP_REPORT.encode("utf-8"), "warm-up.txt"))


def run(job: Job) -> Reply:
    try:
        if job.kind == "check":
            return _check(job)
        if job.kind == "annotate":
            return _annotate(job)
        if job.kind == "page":
            return _page(job)
        return _map(job)
    except ReportlintError as exc:
        return error_reply(_status(exc.kind), exc.kind, str(exc))
    except Exception as exc:  # a bug met on this file: the client gets a kind, the log the place
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"reportlint serve: {type(exc).__name__} at {where.filename}:{where.lineno} ({job.kind})",
              file=sys.stderr)
        return error_reply(422, "crashed", f"{job.name}: 检查这个文件时出错（{type(exc).__name__}），请把文件交给维护者")


def _status(kind: str) -> int:
    return 504 if kind == "timeout" else 422


def error_reply(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> Reply:
    """SPEC §3: {"error": {"kind": …, "message": …}}."""
    return Reply(status, _json({"error": {"kind": kind, "message": message}}), headers=headers or {}, kind=kind,
                 outcome="error")


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _checked(job: Job) -> reportlint.Result | Reply:
    result = reportlint.check_bytes(job.data, job.name, profile=job.profile, select=job.select,
                                    ignore=job.ignore, fail_on=job.fail_on)
    if result.error is not None:
        return error_reply(_status(result.error["kind"]), result.error["kind"], result.error["message"])
    return result


def _check(job: Job) -> Reply:
    result = _checked(job)
    if isinstance(result, Reply):
        return result
    body = result.to_dict()
    if job.outline and result.file.outline is not None:
        body["outline"] = result.file.outline.to_dict()
    return Reply(200, _json(body), outcome="passed" if result.passed else "failed")


def _annotate(job: Job) -> Reply:
    result = _checked(job)
    if isinstance(result, Reply):
        return result
    annotated = reportlint.annotate(job.data, job.name, result=result, lang=job.lang)
    headers = {"Content-Disposition": _attachment(_annotated_name(job.name)),
               "X-Reportlint-Passed": "true" if result.passed else "false",
               "X-Reportlint-Findings": str(len(result.findings))}
    return Reply(200, annotated, DOCX, headers, outcome="passed" if result.passed else "failed")


def _page(job: Job) -> Reply:
    """The result of a check as HTML, for the page at / (templates/serve_result.html): the file's
    findings beside its outline, its problem → cause → measure table, or why it cannot be read."""
    from reportlint.findings import Severity
    from reportlint.htmlreport import file_view
    from reportlint.i18n import ROLE_NAMES
    from reportlint.templating import render

    result = reportlint.check_bytes(job.data, job.name, profile=job.profile, select=job.select,
                                    ignore=job.ignore, fail_on=job.fail_on)
    annotatable = result.error is None and result.file.format == "docx" and not result.file.converted_from
    html = render("serve_result.html", f=file_view(1, result.file, Severity.parse(job.fail_on)), roles=ROLE_NAMES,
                  passed=result.passed, download=_annotated_name(job.name) if annotatable else None)
    status = 200 if result.error is None else _status(result.error["kind"])
    return Reply(status, html.encode("utf-8"), "text/html; charset=utf-8",
                 kind=result.error["kind"] if result.error else None,
                 outcome="error" if result.error else "passed" if result.passed else "failed")


def _annotated_name(name: str) -> str:
    stem = name[:-5] if name.lower().endswith(".docx") else name
    return f"{stem}（批注）.docx"


def _attachment(name: str) -> str:
    """Content-Disposition for a download named `name` (RFC 6266: an ASCII fallback, then UTF-8)."""
    return f"attachment; filename=\"annotated.docx\"; filename*=UTF-8''{quote(name)}"


def _map(job: Job) -> Reply:
    """Under the per-file time limit, as a check is (REPORTLINT_FILE_SECONDS, kind timeout)."""
    from reportlint import deadline
    from reportlint.limits import LIMITS
    from reportlint.matcher import correspond

    options = {} if job.min_score is None else {"min_score": job.min_score}
    with deadline.within(LIMITS.file_seconds):
        correspondence = correspond(reportlint.parse(job.data, name=job.name), options)
    return Reply(200, _json(correspondence.to_dict()))
