"""The command line: a thin printer over the library. Exit codes (SPEC §3): 0 clean, 1 findings at
or above the fail level, 2 an unreadable input or wrong usage. No traceback ever reaches a user."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from . import parse
from .errors import ReportlintError
from .formatters import FORMATS
from .output import printable


def _fail(message: str) -> None:
    click.echo(f"reportlint: {printable(message)}", err=True)


def _load(path: str, encoding: str | None):
    if path == "-":
        from .readers import read_stream

        return parse(read_stream(sys.stdin.buffer), name="<stdin>", encoding=encoding)
    return parse(path, encoding=encoding)


_lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                            help="Words around the messages (summary, tree roles, map labels, Word comments): "
                                 "Chinese, or English for tooling. Codes, names and JSON keys never change.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportlint")
def main() -> None:
    """Lint Chinese self-inspection reports (对照检查材料, 检视剖析材料, 发言提纲)."""
    # a file name that is not UTF-8 (GBK names unpacked from a Windows zip) reaches the output as
    # surrogate escapes: shown as \udcd6, as Python writes them on stderr, instead of a traceback
    # in a UTF-8 locale whose stdout is strict
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    from .output import remove_temporaries_on_termination

    remove_temporaries_on_termination()


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Force the text encoding (utf-8, gb18030, utf-16…).")
@_lang_option
@click.argument("path")
def tree(fmt: str, encoding: str | None, lang: str, path: str) -> None:
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
        click.echo(tree_text(doc, lang=lang))


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
@click.option("--follow-symlinks", is_flag=True,
              help="In folders, also check what symbolic links lead to outside the folder.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings reach the fail level (report only). Exit code 2 still says that "
                   "an input could not be read or the command was misused.")
@click.option("--statistics", is_flag=True,
              help="Instead of the findings, one line per rule: how many findings, code, [name], severity "
                   "(--format text or json).")
@click.option("-q", "--quiet", count=True,
              help="-q: the findings and unreadable files only, no summary line or progress bar; "
                   "-qq: nothing on standard output, only the exit code (and -o FILE if given).")
@click.option("--similar", "with_similar", is_flag=True,
              help="With --format html or text: also compare the files checked with each other (passages copied, "
                   "照搬照抄) and with --previous (年年雷同), as `reportlint similar` does, and show the pairs after "
                   "the findings. They do not change the exit code (`reportlint similar` does).")
@click.option("--previous", multiple=True, metavar="PATH",
              help="With --similar: last year's reports (files or folders), matched to this year's by unit and author.")
@click.option("--pair", "pairs", nargs=2, multiple=True, metavar="THIS LAST",
              help="With --similar: a report and last year's report of the same author, when their titles do not say it.")
@click.option("--template", default=None, metavar="FILE",
              help="With --similar: the unit's template; its text is not copying.")
@_lang_option
def check(paths, fmt, profile, select, ignore, fail_on, config_path, isolated, jobs, encoding, stdin_filename, output,
          color, annotate_dir, fix_text, use_cache, cache_dir, follow_symlinks, exit_zero, statistics, quiet,
          with_similar, previous, pairs, template, lang):
    """Lint reports (files, directories, or - for standard input).

    Exit codes: 0 nothing at or above the fail level (or --exit-zero), 1 findings at or above it,
    2 an input could not be read or the command was misused. A file that is not a report (a
    README, a notice, a work summary) gets one info finding, RL100 not-a-report, and no other.
    With --similar the review page (--format html) or the text also shows the reports that share
    passages, located in both files, and the problems repeated from last year (--previous, or
    --pair THIS LAST where the titles do not say who wrote which).
    """
    from .engine import active_rules
    from .output import to_stdout, write_output
    from .runner import RunOptions, check_paths, settings_for

    options = RunOptions(profile=profile, select=_split(select), ignore=_split(ignore), fail_on=fail_on,
                         config=config_path, encoding=encoding, cache_dir=_cache_dir(use_cache, cache_dir),
                         use_config=not isolated)
    if statistics and fmt not in ("text", "json"):
        _fail(f"--statistics works with --format text or json, not {fmt}")
        sys.exit(2)
    _similar_usage(with_similar, fmt, statistics, [*previous, *pairs], template, profile)
    try:
        # a bad profile, --config or rule name is a usage error for the whole run, said once
        active_rules(settings_for(None, options).profile, options.select, options.ignore)
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    found, inputs = _walk(paths, output, annotate_dir, options.cache_dir, follow_symlinks,
                          also=[*previous, *(p for pair in pairs for p in pair), *([template] if template else [])])
    to_file = bool(output) and not to_stdout(output)
    if fix_text:
        _fix_in_place(found, encoding)
    found, stdin = _read_stdin(found, stdin_filename)
    bar = None if quiet else _progress_bar(sum(1 for f in found if f.error is None and f.path != "-"))  # the files read
    try:
        result = check_paths(found, options, jobs=jobs, stdin=stdin, stdin_name=stdin_filename, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    for f in result.files:
        if f.error and quiet < 2:
            _fail(f.error["message"])
    annotate_failed = bool(annotate_dir) and not _annotate_all(result, found, annotate_dir, _common_folder(paths),
                                                               inputs, lang)
    similar = None
    if with_similar:
        similar = _similar_pass(result, found, previous, pairs, template, profile, jobs, encoding,
                                follow_symlinks, quiet)
    colour = color if color is not None else not to_file and sys.stdout.isatty()
    text = _report(result, fmt, colour=colour, statistics=statistics, summary=not quiet, lang=lang,
                   similar=similar)
    if to_file:
        try:
            write_output(output, text + "\n", inputs)
        except (OSError, ReportlintError) as exc:
            _fail(f"{output}: {exc}")
            sys.exit(2)
    elif text and quiet < 2:
        click.echo(text)
    code = result.exit_code
    if similar is not None and any(s.error for s in similar.previous_files):
        code = 2  # a --previous file is an input too
    sys.exit(2 if annotate_failed else 0 if exit_zero and code == 1 else code)


def _report(result, fmt: str, *, colour: bool, statistics: bool, summary: bool, lang: str, similar=None) -> str:
    """What `check` prints: the findings in the chosen format, or with --statistics the count per
    rule; the text summary line left out under --quiet; with --similar the pairs after them."""
    from .formatters import format_statistics, format_text

    if statistics:
        return format_statistics(result, fmt, colour=colour, summary=summary, lang=lang)
    if fmt == "text":
        text = format_text(result, colour=colour, summary=summary, lang=lang)
        if similar is not None:
            from .similar.render import render_text

            text = "\n".join(t for t in (text, render_text(similar)) if t)
        return text
    if fmt == "html":
        from .htmlreport import format_html

        return format_html(result, colour=colour, lang=lang, similar=similar)
    return FORMATS[fmt](result, colour=colour, lang=lang)


def _similar_usage(with_similar: bool, fmt: str, statistics: bool, earlier, template: str | None,
                   profile: str | None) -> None:
    """--similar and what goes with it (--previous, --pair: `earlier`; --template) used as they can
    be, said before any work: the JSON of `check` keeps its shape (the pairs are `reportlint similar
    --format json`), and a template that cannot be read stops the run."""
    from .similar import expected_text

    if (earlier or template) and not with_similar:
        _fail("--previous, --pair and --template go with --similar")
        sys.exit(2)
    if not with_similar:
        return
    if fmt not in ("html", "text") or statistics:
        _fail(f"--similar works with --format html or text (not {'--statistics' if statistics else fmt}); "
              "for JSON use `reportlint similar --format json`")
        sys.exit(2)
    try:
        expected_text(template, _similar_profile(profile))
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)


def _similar_profile(profile: str | None) -> str | None:
    """The profile whose headings `similar` leaves out (the built-in ones always are)."""
    return None if profile in (None, "auto") else profile


def _similar_pass(result, found, previous, pairs, template: str | None, profile: str | None, jobs: int | None,
                  encoding: str | None, follow_symlinks: bool, quiet: int):
    """`reportlint similar` over the files `check` read (not standard input), and last year's
    (`previous`, and `pairs` of this year's and last year's given by hand)."""
    from .similar import similar_paths

    read = {f.path for f in result.files if f.error is None}
    paths = [f.path for f in found if f.path != "-" and f.path in read]
    similar = similar_paths(paths, previous=previous, pairs=pairs, template=template, profile=_similar_profile(profile),
                            jobs=jobs, encoding=encoding, follow_symlinks=follow_symlinks)
    for s in similar.previous_files:
        if s.error and quiet < 2:
            _fail(s.error["message"])
    return similar


def _walk(paths, output: str | None, annotate_dir: str | None, cache_dir: str | None, follow_symlinks: bool,
          also: Sequence[str] = ()):
    """The run's files (folders walked, the run's own outputs left out) and the files no output may
    replace (those and `also`: --previous, --template); a -o that would replace one is refused
    here, before any work."""
    from .output import Inputs, OutputError
    from .walk import expand_paths

    found = expand_paths(paths, skip=_own_outputs(output, annotate_dir, cache_dir), follow_symlinks=follow_symlinks)
    inputs = Inputs([*paths, *(f.path for f in found), *also])
    try:
        if output:
            inputs.refuse(output)
    except OutputError as exc:
        _fail(str(exc))
        sys.exit(2)
    return found, inputs


def _read_stdin(found: list, name: str | None) -> tuple[list, bytes | None]:
    """Standard input's bytes when `-` is among the inputs (read within the input size limit); past
    the limit, `-` becomes a file listed with its error."""
    from .errors import ReadError
    from .readers import read_stream
    from .walk import Found

    if not any(f.path == "-" for f in found):
        return found, None
    try:
        return found, read_stream(sys.stdin.buffer, name or "<stdin>")
    except ReadError as exc:
        return [Found(name or "<stdin>", exc) if f.path == "-" else f for f in found], None


def _own_outputs(output: str | None, annotate_dir: str | None, cache_dir: str | None) -> list[str]:
    """What this run writes, which its folder walk leaves out: the --annotate folder, the cache, and
    the -o file unless it has a report's extension (then it cannot be told from a submission: it
    is checked, and writing over it is refused)."""
    from .output import to_stdout
    from .walk import READABLE_SUFFIXES

    own = [p for p in (annotate_dir, cache_dir) if p]
    if output and not to_stdout(output) and not output.lower().endswith(READABLE_SUFFIXES):
        own.append(output)
    return own


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
    """List the built-in profiles: name, Chinese title ([未核实] where DOMAIN is unsure of it), and
    the other names --profile accepts. `auto` (the default) chooses one for each report."""
    from .config import AUTO, builtin_profiles, load_profile

    click.echo(f"{AUTO:<34} 自动：按标题、署名和导语选择适合的标准（默认）")
    for name in builtin_profiles():
        profile = load_profile(name)
        title = profile.title or profile.description
        flag = "" if profile.is_confirmed else " [未核实]"
        aliases = [a for a in profile.aliases if a != profile.title]
        also = f"（也可写：{'、'.join(aliases)}）" if aliases else ""
        click.echo(f"{name:<34} {title}{flag}{also}")


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
@click.option("-o", "--output", required=True, help="The profile TOML file to write (- for standard output).")
@click.option("--name", default=None, help="The profile's name (default: the output file's stem).")
def profile_init(report: str, output: str, name: str | None) -> None:
    """Derive a profile from a reference report: its parts and comparison headings become required."""
    from .output import Inputs, to_stdout, write_output
    from .profiles import derive_profile

    streamed = to_stdout(output)
    try:
        inputs = Inputs([report])
        inputs.refuse(output)
        doc = _load(report, None)
        write_output(output, derive_profile(doc, name or Path(report if streamed else output).stem), inputs)
    except (ReportlintError, OSError) as exc:
        _fail(str(exc))
        sys.exit(2)
    if not streamed:
        click.echo(f"wrote {printable(output)}")


@main.command("map")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True)
@click.option("--encoding", default=None, help="Force the text encoding (utf-8, gb18030, utf-16…).")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=None,
              help="Links scoring below this do not count (default 0.3).")
@click.option("-o", "--output", default=None, help="Write the table to this file (atomically) instead of stdout.")
@_lang_option
@click.argument("path")
def map_(fmt: str, encoding: str | None, min_score: float | None, output: str | None, lang: str, path: str) -> None:
    """The problem → cause → measure table: which cause explains and which measure answers each
    problem, with scores and evidence; problems, causes and measures left unmatched are marked."""
    from .mapview import render
    from .matcher import correspond
    from .output import Inputs, write_output

    inputs = Inputs([path])
    try:
        if output:
            inputs.refuse(output)
        doc = _load(path, encoding)
        found = correspond(doc, {} if min_score is None else {"min_score": min_score})  # REPORTLINT_MAX_PAIRS
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    text = render(found, fmt, lang, paragraphs=doc.format == "docx")
    if output is None:
        click.echo(text)
        return
    try:
        write_output(output, text + "\n", inputs)
    except (ReportlintError, OSError) as exc:
        _fail(f"{output}: {exc}")
        sys.exit(2)


def _fix_in_place(found, encoding) -> None:
    """check --fix: text files fixed in place (a symbolic link through to its file), changes listed
    on stderr; a .docx is left alone with a word, other formats reportlint converts to read them
    without one (`fix` cannot change them either)."""
    from .fix import fix_file
    from .walk import READABLE_SUFFIXES

    for f in found:
        suffix = os.path.splitext(f.path)[1].lower()
        if f.error or f.path == "-" or (suffix in READABLE_SUFFIXES and suffix not in (".txt", ".md", ".docx")):
            continue
        if suffix == ".docx":
            _fail(f"{f.path}: not changed (a .docx is fixed into a new file: reportlint fix {f.path} -o OUT.docx)")
            continue
        try:
            edits, fmt = fix_file(f.path, None, in_place=True, encoding=encoding)
        except ReportlintError as exc:
            _fail(str(exc))
            continue
        for edit in edits:
            click.echo(f"fixed {printable(f.path)}: {edit.describe(fmt)}", err=True)


def _common_folder(paths) -> str | None:
    """Where the relative folders of annotated copies start: the folder all the paths given share
    (a file counts by its folder); None when they share none (paths on two drives)."""
    folders = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths if p != "-"]
    try:
        return os.path.commonpath(folders) if folders else None
    except ValueError:
        return None


def _annotate_all(result, found, folder: str, base: str | None, inputs, lang: str) -> bool:
    """check --annotate DIR: an annotated copy of every .docx checked, at its path relative to
    `base` under DIR, so copies of files of the same name in different folders never collide;
    never over an input or a file the walk found. False if one failed."""
    from .docx_comments import annotate_file

    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"{folder}: cannot create the folder ({exc.strerror or exc})")
        return False
    ok = True
    for given, f in zip(found, result.files, strict=True):
        if given.path == "-" or f.error or f.format != "docx" or f.converted_from:
            continue  # standard input has no file to copy; a name given to it is only a name
        where = os.path.relpath(os.path.abspath(f.path), base) if base else os.path.basename(f.path)
        target = Path(folder) / where
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            annotate_file(f.path, str(target), f.findings, title_line=f.title_line, inputs=inputs, lang=lang)
        except ReportlintError as exc:
            _fail(str(exc))
            ok = False
        except OSError as exc:
            _fail(f"{target.parent}: cannot create the folder ({exc.strerror or exc})")
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
@_lang_option
def annotate(report, output, profile, select, ignore, config_path, isolated, lang):
    """Write a copy of a .docx report with every finding as a Word comment on the text it is about."""
    from .docx_comments import annotate_file
    from .output import Inputs, to_stdout
    from .readers import read_bytes
    from .runner import RunOptions, lint_file, say_untrusted_configs

    if not report.lower().endswith(".docx"):
        _fail(f"{report}: annotate needs a .docx file")
        sys.exit(2)
    options = RunOptions(profile=profile, select=_split(select), ignore=_split(ignore), config=config_path,
                         use_config=not isolated)
    say_untrusted_configs([report], options)
    try:
        inputs = Inputs([report])
        inputs.refuse(output)  # before any work
        data = read_bytes(report)  # read once: the bytes checked are the bytes annotated
        result = lint_file(report, options, data=data, name=report)
        if result.error:
            _fail(result.error["message"])
            sys.exit(2)
        n = annotate_file(report, output, result.findings, title_line=result.title_line, inputs=inputs, data=data,
                          lang=lang)
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    click.echo(f"wrote {printable(output)}: {n} comment(s) for {len(result.findings)} finding(s)", err=to_stdout(output))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless told).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Lint worker processes (default: the CPUs this process may use).")
@click.option("--queue", type=click.IntRange(0, 100_000), default=64, show_default=True,
              help="Requests that may wait for a busy worker; past them the answer is 503 with Retry-After.")
@click.option("--time-limit", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True,
              help="Seconds of work per request; past it the worker is stopped and the answer is 504.")
@click.option("--max-upload-mb", type=click.FloatRange(0.001, 1024), default=20.0, show_default=True,
              help="Largest upload; past it the answer is 413.")
@click.option("--token-file", default=None, metavar="FILE",
              help="Require `Authorization: Bearer <token>` on /v1/, the token being the file's first line.")
def serve_(host, port, workers, queue, time_limit, max_upload_mb, token_file):
    """Serve the HTTP API (POST /v1/check, /v1/annotate, /v1/map…) and the page for people at /."""
    try:
        from .serve import read_token, serve
        from .serve.app import create_app  # noqa: F401  (FastAPI, with the extra)
    except ImportError as exc:
        _fail(f"serve needs the extra `serve` ({exc.name} is missing): pip install 'reportlint[serve]'")
        sys.exit(2)
    from .runner import cpu_count

    try:
        token = read_token(token_file) if token_file else None
    except (OSError, ValueError) as exc:
        _fail(f"--token-file: {exc}")
        sys.exit(2)
    serve(host=host, port=port, workers=workers or cpu_count(), queue=queue, time_limit=time_limit,
          max_upload_mb=max_upload_mb, token=token)


@main.command("fix")
@click.argument("report")
@click.option("-o", "--output", required=True, help="The fixed copy to write (never the input).")
@click.option("--encoding", default=None, help="Force the text encoding.")
def fix_(report, output, encoding):
    """Write a copy of a report with its labels fixed: a broken numbering sequence renumbered,
    half-width brackets in （一）/（1） made full-width, the punctuation after （一）/（1） removed."""
    from .fix import fix_file
    from .output import to_stdout

    try:
        edits, fmt = fix_file(report, output, encoding=encoding)
    except (ReportlintError, OSError) as exc:
        _fail(str(exc))
        sys.exit(2)
    streamed = to_stdout(output)  # the fixed copy is on standard output: what changed goes to stderr
    for edit in edits:
        click.echo(edit.describe(fmt), err=streamed)
    click.echo(f"wrote {printable(output)}: {len(edits)} change(s)", err=streamed)


@main.command("similar")
@click.argument("paths", nargs=-1, required=True)
@click.option("--previous", multiple=True, metavar="PATH",
              help="Last year's reports (files or folders), matched to this year's by unit and author.")
@click.option("--pair", "pairs", nargs=2, multiple=True, metavar="THIS LAST",
              help="A report and last year's report of the same author, when their titles do not say it.")
@click.option("--template", default=None, metavar="FILE", help="The unit's template: its text is not copying.")
@click.option("--profile", default=None, help="A profile whose required headings are not copying (built-in ones never are).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity of a pair or a repeat that makes the exit code 1.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None, help="Parallel workers (default: CPUs for many files).")
@click.option("--encoding", default=None, help="Force the text encoding.")
@click.option("-o", "--output", default=None, help="Write the result to this file (atomically) instead of stdout.")
@click.option("--follow-symlinks", is_flag=True, help="In folders, also read what symbolic links lead to outside the folder.")
def similar(paths, previous, pairs, template, profile, fmt, fail_on, jobs, encoding, output, follow_symlinks):
    """Passages copied between reports (照搬照抄), and from last year's (年年雷同)."""
    from .output import Inputs, to_stdout, write_output
    from .similar import similar_paths
    from .similar.render import render

    inputs = Inputs([*paths, *previous, *(p for pair in pairs for p in pair), *([template] if template else [])])
    try:
        if output:
            inputs.refuse(output)
        result = similar_paths(paths, previous=previous, pairs=pairs, template=template, profile=profile,
                               fail_on=fail_on, jobs=jobs, encoding=encoding, follow_symlinks=follow_symlinks)
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    for s in [*result.files, *result.previous_files]:
        if s.error and fmt != "text":
            _fail(s.error["message"])
    for note in result.notes:
        if fmt != "text":
            _fail(note)
    text = render(result, fmt)
    if output and not to_stdout(output):
        try:
            write_output(output, text + "\n", inputs)
        except (OSError, ReportlintError) as exc:
            _fail(f"{output}: {exc}")
            sys.exit(2)
    else:
        click.echo(text)
    sys.exit(result.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
