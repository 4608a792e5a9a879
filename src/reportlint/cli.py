"""The command line: a thin printer over the library. Exit codes (SPEC §3): 0 clean, 1 findings at
or above the fail level, 2 an unreadable input or wrong usage. No traceback ever reaches a user."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import parse
from .errors import ReportlintError
from .formatters import FORMATS


def _fail(message: str) -> None:
    click.echo(f"reportlint: {message}", err=True)


def _load(path: str, encoding: str | None):
    if path == "-":
        return parse(sys.stdin.buffer.read(), name="<stdin>", encoding=encoding)
    return parse(path, encoding=encoding)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportlint")
def main() -> None:
    """Lint Chinese self-inspection reports (对照检查材料, 检视剖析材料, 发言提纲)."""
    # a file name that is not UTF-8 (GBK names unpacked from a Windows zip) reaches the output as
    # surrogate escapes: shown as \udcd6, as Python writes them on stderr, instead of a traceback
    # in a UTF-8 locale whose stdout is strict
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Force the text encoding (utf-8, gb18030, utf-16…).")
@click.argument("path")
def tree(fmt: str, encoding: str | None, path: str) -> None:
    """Show the section tree of a report: parts, roles, sections, items."""
    from .outline import tree_dict, tree_text

    try:
        doc = _load(path, encoding)
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    if fmt == "json":
        import json

        click.echo(json.dumps(tree_dict(doc), ensure_ascii=False, indent=2))
    else:
        click.echo(tree_text(doc))


_config_option = click.option("--config", "config_path", default=None,
                              help="Use this reportlint.toml / pyproject.toml and look for no other.")
_isolated_option = click.option(
    "--isolated", is_flag=True,
    help="Read no reportlint.toml / pyproject.toml found beside or above the files (for files from strangers). "
         "Without it, one is read only if you (or root) own it and its folder and nobody else can write to them; "
         "$REPORTLINT_SAFE_DIRECTORIES lists folders to trust anyway.")


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--profile", default=None, help="A built-in profile name or a profile TOML file.")
@click.option("--select", multiple=True, help="Only these rules (names, codes or code prefixes; comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error).")
@_config_option
@_isolated_option
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None, help="Parallel workers (default: CPUs for many files).")
@click.option("--encoding", default=None, help="Force the text encoding.")
@click.option("--stdin-filename", default=None, help="Name to report for '-' (standard input).")
@click.option("-o", "--output", default=None, help="Write the report to this file (atomically) instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
@click.option("--annotate", "annotate_dir", default=None, metavar="DIR",
              help="Also write DIR/<name>.docx: each checked .docx with its findings as Word comments.")
@click.option("--fix", "fix_text", is_flag=True,
              help="First fix labels in text files in place (numbering, brackets, （一）、); .docx: use `reportlint fix`.")
@click.option("--cache/--no-cache", "use_cache", default=True, show_default=True,
              help="Reuse the results of unchanged files (content hash + configuration + rule versions).")
@click.option("--cache-dir", default=None, metavar="DIR",
              help="Cache folder (default: $REPORTLINT_CACHE_DIR, else .reportlint_cache in the current directory); "
                   "used only when it is your own folder, not a symbolic link, that nobody else can write to.")
def check(paths, fmt, profile, select, ignore, fail_on, config_path, isolated, jobs, encoding, stdin_filename, output,
          color, annotate_dir, fix_text, use_cache, cache_dir):
    """Lint reports (files, directories, or - for standard input)."""
    from .engine import active_rules
    from .output import write_atomic
    from .runner import RunOptions, check_paths, expand_paths, settings_for

    options = RunOptions(profile=profile, select=_split(select), ignore=_split(ignore), fail_on=fail_on,
                         config=config_path, encoding=encoding, cache_dir=_cache_dir(use_cache, cache_dir),
                         use_config=not isolated)
    try:
        # a bad profile, --config or rule name is a usage error for the whole run, said once
        active_rules(settings_for(None, options).profile, options.select, options.ignore)
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    if fix_text:
        _fix_in_place(paths, encoding)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    files = expand_paths(paths)
    bar = _progress_bar(len(files))
    try:
        result = check_paths(files, options, jobs=jobs, stdin=stdin, stdin_name=stdin_filename, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    for f in result.files:
        if f.error:
            _fail(f.error["message"])
    annotate_failed = bool(annotate_dir) and not _annotate_all(result, annotate_dir)
    colour = color if color is not None else output is None and sys.stdout.isatty()
    text = FORMATS[fmt](result, colour=colour)
    if output:
        try:
            write_atomic(output, text + "\n", inputs=tuple(paths))
        except (OSError, ReportlintError) as exc:
            _fail(f"{output}: {exc}")
            sys.exit(2)
    elif text:
        click.echo(text)
    sys.exit(2 if annotate_failed else result.exit_code)


def _cache_dir(use_cache: bool, cache_dir: str | None) -> str | None:
    if not use_cache:
        return None
    if cache_dir:
        return cache_dir
    from .cache import default_dir

    return str(default_dir())


class _Progress:
    """A one-line progress bar on stderr (only made when stderr is a terminal): files done of all."""

    def __init__(self, total: int, stream):
        import time

        self.total, self.done, self.stream, self._time = total, 0, stream, time.monotonic
        self._last = 0.0
        self._start = self._time()

    def __call__(self, n: int = 1) -> None:
        self.done += n
        now = self._time()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        width = 30
        filled = width * self.done // max(self.total, 1)
        rate = self.done / max(now - self._start, 1e-6)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files "
                          f"({rate:.0f}/s)")
        self.stream.flush()

    def close(self) -> None:
        if self._last:
            self.stream.write("\r\033[K")
            self.stream.flush()


PROGRESS_MIN_FILES = 20


def _progress_bar(total: int, stream=None) -> _Progress | None:
    """A progress bar for long batches, on stderr and only when stderr is a terminal, so it never
    mixes into JSON or any other output that is piped or captured."""
    stream = stream or sys.stderr
    if total < PROGRESS_MIN_FILES:
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return _Progress(total, stream)


@main.command("rules")
def rules_() -> None:
    """List every rule: code, name, default severity, summary."""
    from .registry import all_rules

    try:
        rules = all_rules()
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    for r in rules:
        click.echo(f"{r.code}  {r.name:<28} {r.severity!s:<8} {r.summary}")


@main.command("rule")
@click.argument("name")
def rule_(name: str) -> None:
    """Show a rule's documentation, with a bad and a good example."""
    from .registry import find_rule

    r = find_rule(name)
    if r is None:
        _fail(f"no rule named {name!r} (see `reportlint rules`)")
        sys.exit(2)
    click.echo(f"{r.code} {r.name} (default severity: {r.severity}; scope: {r.scope})\n")
    click.echo(r.doc)
    if r.options:
        click.echo(f"\nOptions (set them in a profile under [profile.rules.{r.name}]):")
        for k, v in r.options.items():
            click.echo(f"  {k} = {v!r}")


@main.group()
def profile() -> None:
    """Built-in and derived profiles: which parts and comparison headings are required."""


@profile.command("list")
def profile_list() -> None:
    """List the built-in profiles."""
    from .config import builtin_profiles, load_profile

    for name in builtin_profiles():
        click.echo(f"{name:<28} {load_profile(name).description}")


@profile.command("show")
@click.argument("name")
def profile_show(name: str) -> None:
    """Show a profile (built-in name or TOML file), with everything it inherits."""
    from .config import load_profile
    from .profiles import describe

    try:
        click.echo(describe(load_profile(name)))
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)


@profile.command("init")
@click.argument("report")
@click.option("-o", "--output", required=True, help="The profile TOML file to write.")
@click.option("--name", default=None, help="The profile's name (default: the output file's stem).")
def profile_init(report: str, output: str, name: str | None) -> None:
    """Derive a profile from a reference report: its parts and comparison headings become required."""
    from .output import write_atomic
    from .profiles import derive_profile

    try:
        doc = _load(report, None)
        write_atomic(output, derive_profile(doc, name or Path(output).stem), inputs=(report,))
    except (ReportlintError, OSError) as exc:
        _fail(str(exc))
        sys.exit(2)
    click.echo(f"wrote {output}")


@main.command("map")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True)
@click.option("--encoding", default=None, help="Force the text encoding (utf-8, gb18030, utf-16…).")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=None,
              help="Links scoring below this do not count (default 0.3).")
@click.argument("path")
def map_(fmt: str, encoding: str | None, min_score: float | None, path: str) -> None:
    """The problem → cause → measure table: which cause explains and which measure answers each
    problem, with scores and evidence; problems, causes and measures left unmatched are marked."""
    from .mapview import render
    from .matcher import correspond

    try:
        doc = _load(path, encoding)
        found = correspond(doc, {} if min_score is None else {"min_score": min_score})  # REPORTLINT_MAX_PAIRS
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    click.echo(render(found, fmt))

def _fix_in_place(paths, encoding) -> None:
    """check --fix: text files fixed in place, changes listed on stderr; .docx left alone."""
    from .fix import fix_file
    from .runner import expand_paths

    for path in expand_paths([p for p in paths if p != "-"]):
        if path.lower().endswith(".docx"):
            _fail(f"{path}: not changed (a .docx is fixed into a new file: reportlint fix {path} -o OUT.docx)")
            continue
        try:
            edits, fmt = fix_file(path, None, in_place=True, encoding=encoding)
        except ReportlintError as exc:
            _fail(str(exc))
            continue
        for edit in edits:
            click.echo(f"fixed {path}: {edit.describe(fmt)}", err=True)


def _annotate_all(result, folder: str) -> bool:
    """check --annotate DIR: an annotated copy of every .docx checked; False if one failed."""
    from .annotate import annotate_file

    ok, used = True, set()
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"{folder}: cannot create the folder ({exc.strerror or exc})")
        return False
    for f in result.files:
        if f.error or f.format != "docx" or f.converted_from or not Path(f.path).is_file():
            continue
        stem, n = Path(f.path).stem, 1
        name = f"{stem}.docx"
        while name in used:
            n += 1
            name = f"{stem}-{n}.docx"
        used.add(name)
        try:
            annotate_file(f.path, str(Path(folder) / name), f.findings, title_line=f.title_line)
        except ReportlintError as exc:
            _fail(str(exc))
            ok = False
    return ok


@main.command()
@click.argument("report")
@click.option("-o", "--output", required=True, help="The annotated copy to write (never the input).")
@click.option("--profile", default=None, help="A built-in profile name or a profile TOML file.")
@click.option("--select", multiple=True, help="Only these rules (names, codes or code prefixes; comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@_config_option
@_isolated_option
def annotate(report, output, profile, select, ignore, config_path, isolated):
    """Write a copy of a .docx report with every finding as a Word comment on the text it is about."""
    from .annotate import annotate_file
    from .runner import RunOptions, lint_file, say_untrusted_configs

    if not report.lower().endswith(".docx"):
        _fail(f"{report}: annotate needs a .docx file")
        sys.exit(2)
    options = RunOptions(profile=profile, select=_split(select), ignore=_split(ignore), config=config_path,
                         use_config=not isolated)
    say_untrusted_configs([report], options)
    result = lint_file(report, options)
    if result.error:
        _fail(result.error["message"])
        sys.exit(2)
    try:
        n = annotate_file(report, output, result.findings, title_line=result.title_line)
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    click.echo(f"wrote {output}: {n} comment(s) for {len(result.findings)} finding(s)")


@main.command("fix")
@click.argument("report")
@click.option("-o", "--output", required=True, help="The fixed copy to write (never the input).")
@click.option("--encoding", default=None, help="Force the text encoding.")
def fix_(report, output, encoding):
    """Write a copy of a report with its labels fixed: a broken numbering sequence renumbered,
    half-width brackets in （一）/（1） made full-width, the punctuation after （一）/（1） removed."""
    from .fix import fix_file

    try:
        edits, fmt = fix_file(report, output, encoding=encoding)
    except (ReportlintError, OSError) as exc:
        _fail(str(exc))
        sys.exit(2)
    for edit in edits:
        click.echo(edit.describe(fmt))
    click.echo(f"wrote {output}: {len(edits)} change(s)")


if __name__ == "__main__":  # pragma: no cover
    main()
