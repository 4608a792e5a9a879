"""Runs the rules: for each rule and each node in its scope, call it; collect findings.

A rule that crashes becomes one error finding for that file; an input that cannot be read becomes
that file's error. Neither stops the run."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .checks import Context, Hit, Rule, text_spans
from .config import Profile, ProjectConfig, find_config, load_config, resolve_profile
from .errors import ConfigError, ReportlintError
from .findings import FileResult, Finding, RunResult, Severity
from .limits import LIMITS
from .model import Document
from .registry import all_rules

LINTABLE_SUFFIXES = (".docx", ".txt", ".md")


class ActiveRule(NamedTuple):
    rule: Rule
    severity: Severity
    options: dict


def _matches(rule: Rule, selectors: Iterable[str]) -> bool:
    for s in selectors:
        s = s.strip()
        if s and (s == rule.name or s.upper() == rule.code or (s.upper().startswith("RL") and rule.code.startswith(s.upper()))):
            return True
    return False


def active_rules(
    profile: Profile, select: Sequence[str] = (), ignore: Sequence[str] = (), fmt: str | None = None
) -> list[ActiveRule]:
    """The rules that run, with their severity and options: profile settings, then --select
    (which also turns on rules the profile has off) and --ignore."""
    rules = all_rules()
    for s in (*select, *ignore):
        if s.strip() and not any(_matches(r, [s]) for r in rules):
            raise ConfigError(f"unknown rule {s!r} in --select/--ignore (see `reportlint rules`)")
    active = []
    for r in rules:
        setting = profile.setting(r.name, r.code)
        enabled = setting.enabled
        if select:
            enabled = _matches(r, select)
        if ignore and _matches(r, ignore):
            enabled = False
        if not enabled or (fmt is not None and fmt not in r.formats):
            continue
        active.append(ActiveRule(r, setting.severity or r.severity, {**r.options, **setting.options}))
    return active


def _run_rule(rule: Rule, ctx: Context) -> Iterator[Hit]:
    if rule.scope == "document":
        yield from rule.check(ctx)
    elif rule.scope == "section":
        for section in ctx.doc.walk():
            yield from rule.check(ctx, section)
    else:  # the located texts are listed once per document, not once per text rule
        for span, section in ctx.shared("linter.text_spans", lambda: list(text_spans(ctx.doc))):
            yield from rule.check(ctx, span, section)


def lint(
    doc: Document,
    profile: str | Path | Profile | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config: ProjectConfig | None = None,
) -> list[Finding]:
    """Findings for a parsed document, sorted by location."""
    prof = resolve_profile(profile, config)
    shared: dict = {}
    findings: list[Finding] = []
    for active in active_rules(prof, select, ignore, doc.format):
        ctx = Context(doc, active.options, prof, shared)
        try:
            for n, hit in enumerate(_run_rule(active.rule, ctx)):
                if n == LIMITS.findings_per_rule:  # a pathological file must not cost unbounded memory
                    findings.append(_too_many(active, hit))
                    break
                findings.append(_finding(active, hit))
        except Exception as exc:  # one rule's bug must not hide the other findings
            findings.append(
                Finding(active.rule.code, active.rule.name, Severity.ERROR,
                        f"rule {active.rule.name} crashed on this file: {type(exc).__name__}: {exc}")
            )
    findings.sort(key=Finding.sort_key)
    return findings


def _too_many(active: ActiveRule, hit: Hit) -> Finding:
    return Finding(
        active.rule.code, active.rule.name, Severity.INFO,
        f"more {active.rule.name} findings in this file are not listed (at most {LIMITS.findings_per_rule} "
        "per rule and file; REPORTLINT_MAX_FINDINGS_PER_RULE)", hit.line, hit.column, hit.end_line, hit.end_column,
        hit.section,
    )


def _finding(active: ActiveRule, hit: Hit) -> Finding:
    return Finding(
        active.rule.code, active.rule.name, hit.severity or active.severity, hit.message,
        hit.line, hit.column, hit.end_line, hit.end_column, hit.section, hit.excerpt,
    )


# -- files ----------------------------------------------------------------------------------------


class RunOptions(NamedTuple):
    """Everything a worker needs to lint one file; plain data so it crosses process boundaries."""

    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: str | None = None  # an explicit --config file; else found by walking up
    encoding: str | None = None
    use_config: bool = True
    cache_dir: str | None = None  # a result cache folder (cache.py); None: no cache


DEFAULT_OPTIONS = RunOptions()


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files as given; directories searched (sorted) for .docx/.txt/.md, skipping hidden folders,
    Word's `~$` lock files and README/CHANGELOG/LICENSE files."""
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.lower().endswith(LINTABLE_SUFFIXES) and not f.startswith("~$") and not _is_project_file(f):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out


def _is_project_file(name: str) -> bool:
    """README.md, CHANGELOG.txt and the like sit beside reports in a folder but are not reports."""
    return name.split(".")[0].upper() in _PROJECT_FILES


_PROJECT_FILES = {"README", "CHANGELOG", "CHANGES", "LICENSE", "LICENCE", "CONTRIBUTING", "NOTICE", "AUTHORS"}


def _config_for(path: str, options: RunOptions) -> ProjectConfig | None:
    if options.config:
        return load_config(Path(options.config))
    if not options.use_config or path == "-":
        found = find_config(Path.cwd()) if options.use_config else None
    else:
        found = find_config(Path(path))
    return load_config(found) if found else None


def lint_file(path: str, options: RunOptions = DEFAULT_OPTIONS, data: bytes | None = None,
              name: str | None = None) -> FileResult:
    """Read, parse and lint one file; any problem reading it becomes the result's error."""
    from .parser import parse_source
    from .readers import read

    result = FileResult(path=name or path)
    try:
        config = _config_for(path, options)
        profile = resolve_profile(options.profile, config)
        result.profile = profile.name
        select = options.select or (config.select if config else ())
        ignore = (*options.ignore, *(config.ignore if config else ()))
        cache, key = None, None
        if options.cache_dir is not None:
            from .cache import Cache
            from .readers import read_bytes

            cache = Cache(options.cache_dir)
            data = data if data is not None else read_bytes(path)
            key = cache.key(data, profile, select, ignore, options.encoding)
            hit = cache.get(key, result.path)
            if hit is not None:
                return hit
        source = read(data if data is not None else path, name=name or (None if data is None else path),
                      encoding=options.encoding)
        result.format = source.format
        doc = parse_source(source)
        result.document = doc
        result.findings = lint(doc, profile, select=select, ignore=ignore)
        if cache is not None and key is not None:
            cache.put(key, result)
    except ReportlintError as exc:
        result.error = {"kind": exc.kind, "message": str(exc) if exc.path else f"{result.path}: {exc.message}"}
    except (RecursionError, MemoryError) as exc:
        result.error = {"kind": "read-error", "message": f"{result.path}: input too complex to read ({type(exc).__name__})"}
    return result


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cached_result(path: str, options: RunOptions) -> FileResult | None:
    """The cached result for a file if there is one (None also for any problem reading it)."""
    if options.cache_dir is None:
        return None
    from .cache import Cache
    from .readers import read_bytes

    try:
        config = _config_for(path, options)
        profile = resolve_profile(options.profile, config)
        select = options.select or (config.select if config else ())
        ignore = (*options.ignore, *(config.ignore if config else ()))
        cache = Cache(options.cache_dir)
        return cache.get(cache.key(read_bytes(path), profile, select, ignore, options.encoding), path)
    except (ReportlintError, RecursionError, MemoryError):
        return None


def _warm_up() -> None:
    try:
        all_rules()
        from .labels import _parser

        _parser()
    except Exception:  # the workers will report it per file
        pass


def _lint_for_pool(args: tuple[str, RunOptions]) -> FileResult:
    result = lint_file(*args)
    result.document = None  # documents stay in the worker; only findings cross back
    return result


def check_paths(
    paths: Sequence[str],
    options: RunOptions = DEFAULT_OPTIONS,
    *,
    fail_on: str | Severity = Severity.ERROR,
    jobs: int | None = None,
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    progress=None,
) -> RunResult:
    """Lint many files, in parallel when it pays; results in the order the files were given."""
    files = expand_paths(paths)
    fail = Severity.parse(fail_on)
    results: list[FileResult | None] = [None] * len(files)
    pooled = [(i, f) for i, f in enumerate(files) if f != "-"]
    workers = jobs if jobs is not None else (cpu_count() if len(pooled) > 4 else 1)
    if workers > 1 and len(pooled) > 1 and options.cache_dir is not None:
        # unchanged files are answered from the cache here; only the others go to the workers
        remaining = []
        for i, f in pooled:
            hit = cached_result(f, options)
            if hit is None:
                remaining.append((i, f))
            else:
                results[i] = hit
                if progress:
                    progress(1)
        pooled = remaining
    if workers > 1 and len(pooled) > 1:
        from concurrent.futures import ProcessPoolExecutor

        _warm_up()  # forked workers inherit the loaded rules and the compiled grammar
        chunk = max(1, min(8, len(pooled) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=min(workers, len(pooled))) as pool:
            futures = pool.map(_lint_for_pool, [(f, options) for _, f in pooled], chunksize=chunk)
            for (i, _), result in zip(pooled, futures, strict=True):
                results[i] = result
                if progress:
                    progress(1)
    else:
        for i, f in pooled:
            results[i] = lint_file(f, options)
            if progress:
                progress(1)
    for i, f in enumerate(files):
        if f == "-":
            results[i] = lint_file(stdin_name or "<stdin>", options, data=stdin or b"", name=stdin_name or "<stdin>")
    return RunResult([r for r in results if r is not None], fail)
