"""The calls for a program that holds one report in memory — an upload handler, an OA system's
pre-submission hook, `reportlint serve`: bytes in, a result with the pass/fail decision out, and the
annotated copy as bytes. Nothing is read from or written to disk, and no configuration file is looked
for: the file name is only a name (its extension helps tell a .wps from a .doc), never a path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError, ReportlintError
from .findings import FileResult, Finding, RunResult, Severity
from .runner import RunOptions, lint_file, settings_for


class UnreadableError(ReportlintError):
    """`annotate` of a file that cannot be read: `kind` and the message are its check's error
    (the kinds of SPEC §3: `empty`, `damaged`, `unsafe`, `timeout`…)."""

    def __init__(self, error: dict[str, str]):
        super().__init__(error["message"])
        self.kind = error["kind"]


@dataclass(frozen=True)
class Result:
    """One file's check: what `check --format json` says of it, and whether it passed."""

    file: FileResult
    fail_on: Severity

    @property
    def passed(self) -> bool:
        """Readable, and no finding at or above the fail level (exit code 0 of `check`)."""
        return self._run().exit_code == 0

    @property
    def findings(self) -> list[Finding]:
        return self.file.findings

    @property
    def error(self) -> dict[str, str] | None:
        """None, or {"kind": …, "message": …} when the file could not be read (SPEC §3 kinds)."""
        return self.file.error

    def to_dict(self) -> dict[str, Any]:
        """The `check --format json` object for this one file, plus "passed" (SPEC §3, serve)."""
        return {**self._run().to_dict(), "passed": self.passed}

    def _run(self) -> RunResult:
        return RunResult([self.file], self.fail_on)


def _options(profile: str | None, select: Sequence[str], ignore: Sequence[str], fail_on: str | Severity,
             encoding: str | None) -> RunOptions:
    """The options of one in-memory check, refused with ConfigError before any work when the profile,
    a rule name or the fail level is wrong: those are the caller's mistakes, not the file's."""
    from .engine import active_rules

    try:
        Severity.parse(fail_on)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    options = RunOptions(profile=profile, select=tuple(select), ignore=tuple(ignore), fail_on=fail_on,
                         encoding=encoding, use_config=False)
    active_rules(settings_for(None, options).profile, options.select, options.ignore)
    return options


def check_bytes(
    data: bytes,
    filename: str = "<bytes>",
    *,
    profile: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | Severity = "error",
    encoding: str | None = None,
) -> Result:
    """Check one report given as bytes (DOCX, text, PDF…, told apart by content), reported as `filename`.

    `profile` is a built-in profile name or a profile TOML path (a service passes names only);
    `select`/`ignore` take rule names, codes or code prefixes; `fail_on` is the lowest severity that
    fails. A file that cannot be read is a Result with `error` set and `passed` False; a wrong
    profile, rule or fail level raises ConfigError."""
    options = _options(profile, select, ignore, fail_on, encoding)
    return Result(lint_file(filename, options, data=bytes(data), name=filename), Severity.parse(fail_on))


def annotate(data: bytes, filename: str = "report.docx", *, result: Result | None = None,
             profile: str | None = None, select: Sequence[str] = (), ignore: Sequence[str] = (),
             lang: str = "zh") -> bytes:
    """A copy of the .docx `data` with every finding as a Word comment on the text it is about.

    The findings are those of `result` when the caller checked the same bytes already, else of a
    check with `profile`, `select` and `ignore`. Each comment opens with the severity and the rule's
    Chinese title (错误 · 模板占位符未替换（RL301）：…), or with `lang="en"` the code and name for
    tooling. Raises UnreadableError when the file cannot be read,
    AnnotateError when it is not a .docx (a converted .doc or a text file has no package to comment)
    or python-docx cannot write it; ConfigError as check_bytes."""
    from .docx_comments import AnnotateError, annotate_docx

    if result is None:
        result = check_bytes(data, filename, profile=profile, select=select, ignore=ignore)
    if result.error is not None:
        raise UnreadableError(result.error)
    if result.file.format != "docx" or result.file.converted_from:
        raise AnnotateError("批注只能加在 .docx 文件上（请另存为 .docx 后再试）", filename)
    try:
        annotated, _ = annotate_docx(bytes(data), result.findings, title_line=result.file.title_line, lang=lang)
    except AnnotateError as exc:
        raise AnnotateError(exc.message, filename) from None
    return annotated

