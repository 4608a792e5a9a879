"""Runs the engine over files: finds them, reads and parses each, settles what each run uses
(profile, --select/--ignore, fail level: `settings_for`), answers unchanged files from the result
cache, and spreads many files over worker processes.

An input that cannot be read becomes that file's error; it never stops the other files.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import deadline
from .config import Profile, ProjectConfig, find_config, load_config, resolve_profile, wants_auto
from .engine import lint
from .errors import ReadError, ReportlintError
from .findings import FileResult, Outline, RunResult, Severity
from .limits import LIMITS
from .trust import SAFE_ENV
from .walk import Found, expand_paths

if TYPE_CHECKING:
    from .cache import Cache
    from .model import Document

@dataclass(frozen=True)
class RunOptions:
    """What the user asked for (command-line options or check_paths' keywords); plain data, so it
    crosses to worker processes."""

    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | Severity | None = None
    config: str | None = None  # an explicit --config file; else found by walking up from each file
    encoding: str | None = None
    use_config: bool = True  # False (--isolated): no project configuration is looked for
    cache_dir: str | None = None  # a result cache folder (cache.py); None: no cache


DEFAULT_OPTIONS = RunOptions()


@dataclass(frozen=True)
class Settings:
    """What a run uses, settled from the options and the project configuration. With `auto` (no
    profile named, or `auto` named), `profile` is the default one until a report is read:
    `profile_for` then chooses the one that fits it."""

    profile: Profile
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: Severity
    auto: bool = False
    requested: str | None = None  # the profile named (option, else configuration)
    config: ProjectConfig | None = None

    def profile_for(self, doc: Document) -> tuple[Profile, str]:
        """The profile a report is linted with, and why (autoprofile.settle_profile)."""
        from .autoprofile import settle_profile
        from .config import named_reason

        if not self.auto:
            return self.profile, named_reason(self.requested, self.config)
        return settle_profile(doc, self.requested, self.config)

    def cache_identity(self) -> object:
        """What the profile part of a cache key is: auto's choice follows from the report's bytes."""
        return ("auto", self.profile) if self.auto else self.profile


def settings_for(path: str | None, options: RunOptions) -> Settings:
    """The settings for linting `path`: the options first, then the project configuration (the
    explicit --config, else the nearest trusted one above the file). Without a path, the settings
    of the run as a whole: the options and an explicit --config only. A --select on the command
    line is the whole selection: no file's select, ignore or `off` takes a rule it names away.
    Raises ConfigError."""
    config = _config_for(path, options)
    return Settings(
        profile=resolve_profile(options.profile, config),
        select=options.select or (config.select if config else ()),
        ignore=(*options.ignore, *(config.ignore if config and not options.select else ())),
        fail_on=Severity.parse(options.fail_on or (config.fail_on if config else None) or "error"),
        auto=wants_auto(options.profile, config),
        requested=options.profile,
        config=config,
    )


def _config_for(path: str | None, options: RunOptions) -> ProjectConfig | None:
    if options.config:
        return load_config(Path(options.config))
    if path is None or not options.use_config:
        return None
    found = find_config(Path(path))  # standard input ("<stdin>"): from the current folder
    return load_config(found) if found else None


def lint_file(path: str, options: RunOptions = DEFAULT_OPTIONS, data: bytes | None = None,
              name: str | None = None) -> FileResult:
    """Read, parse and lint one file (or `data` reported as `name`: standard input, whose
    --stdin-filename is a name only, never opened); any problem reading it becomes the result's error."""
    from .checks.correspondence import computed_map
    from .parser import parse_source
    from .readers import read, read_bytes

    result = FileResult(path=name or path)
    try:
        settings = settings_for(path, options)
        result.profile = "auto" if settings.auto else settings.profile.name
        if data is None:
            data = read_bytes(path)  # the one read: these bytes are hashed, parsed and shown
        cache, key = None, ""
        if options.cache_dir is not None:
            cache, key = _cache_slot(data, settings, options)
            hit = cache.get(key, result.path)
            if hit is not None:
                return hit
        started = time.monotonic()
        source = read(data, name=name or path, encoding=options.encoding)
        result.format = source.format
        result.converted_from = source.converted_from
        if settings.auto:  # the built-in profiles, loaded once per process, are not this file's time
            from .autoprofile import candidates

            candidates()
        shared: dict[str, Any] = {}  # what the rules computed once: the review page shows the map
        # the time limit counts reading too, but not PDF text or a conversion, which have their own
        with deadline.within(LIMITS.file_seconds, None if source.converted_from else started):
            doc = parse_source(source)
            profile, result.profile_reason = settings.profile_for(doc)
            result.profile = profile.name
            result.findings = lint(doc, profile, select=settings.select, ignore=settings.ignore, shared=shared)
        result.outline = Outline.of(doc, computed_map(shared))
        if cache is not None:
            cache.put(key, result)
    except ReportlintError as exc:
        result.error = {"kind": exc.kind, "message": str(exc) if exc.path else f"{result.path}: {exc.message}"}
    except (RecursionError, MemoryError) as exc:
        error = ReadError("too-large", f"结构过于复杂，无法读取（{type(exc).__name__}）", result.path)
        result.error = {"kind": error.kind, "message": str(error)}
    return result


def _cache_slot(data: bytes, settings: Settings, options: RunOptions) -> tuple[Cache, str]:
    """The cache and the key a file's result is kept under."""
    from .cache import Cache

    cache = Cache(options.cache_dir)
    return cache, cache.key(data, settings.cache_identity(), settings.select, settings.ignore, options.encoding)


def cached_result(path: str, options: RunOptions) -> FileResult | None:
    """The cached result for a file if there is one (None also for any problem reading it)."""
    if options.cache_dir is None:
        return None
    from .readers import read_bytes

    try:
        cache, key = _cache_slot(read_bytes(path), settings_for(path, options), options)
        return cache.get(key, path)
    except (ReportlintError, RecursionError, MemoryError):
        return None


def _not_checked(path: str, error: ReadError) -> FileResult:
    """The result of a file the folder walk lists without reading it, with its reason."""
    return FileResult(path=path, error={"kind": error.kind, "message": str(error)})


def _usable_cache(options: RunOptions) -> RunOptions:
    """The options with the cache turned off, said once, when its folder is not the user's own."""
    if options.cache_dir is None:
        return options
    from .cache import Cache

    problem = Cache(options.cache_dir).refused
    if problem is None:
        return options
    _note(f"{options.cache_dir}: the result cache is not used: {problem}")
    return replace(options, cache_dir=None)


def say_untrusted_configs(files: Sequence[str], options: RunOptions) -> None:
    """One line on stderr for each configuration file the run passes over as untrusted (before
    the workers start, which pass over the same files without a word)."""
    if options.config or not options.use_config:
        return
    refused: list[tuple[Path, str]] = []
    for folder in dict.fromkeys(os.path.dirname(os.path.abspath(f)) for f in files):
        find_config(Path(folder), refused)
    for path, problem in dict(refused).items():
        _note(f"{path}: not read: {problem} (to trust it, add its folder to "
              f"${SAFE_ENV} or name it with --config)")


def _note(message: str) -> None:
    print(f"reportlint: {message}", file=sys.stderr)


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _warm_up() -> None:
    try:
        from .labels import _parser
        from .registry import all_rules

        all_rules()
        _parser()
    except Exception:  # the workers will report it per file
        pass


def _lint_in_workers(files: list[tuple[int, str]], options: RunOptions, workers: int) -> Iterator[tuple[int, FileResult]]:
    """(index, result) of each (index, path) of `files`, linted in `workers` processes.

    A worker that dies (the OOM killer, a crash in a C library) breaks the whole pool. Then the files
    whose results had not come back are linted again one at a time, in order, in a fresh process
    each time it breaks: the file it dies on is the one being linted, and gets kind `crashed`."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(8, len(files) // (workers * 8)))
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(lint_file, [f for _, f in files], repeat(options), chunksize=chunk):
                yield files[done][0], result
                done += 1
    except BrokenProcessPool:
        pass
    start = done
    while start < len(files):
        try:
            with ProcessPoolExecutor(max_workers=1) as pool:
                futures = [pool.submit(lint_file, f, options) for _, f in files[start:]]
                for future in futures:
                    yield files[start][0], future.result()
                    start += 1
        except BrokenProcessPool:
            yield files[start][0], _crashed(files[start][1])
            start += 1


def _crashed(path: str) -> FileResult:
    error = ReadError("crashed", "多半是内存不足，被系统结束；可减少 --jobs 后重试", path)
    return FileResult(path=path, error={"kind": error.kind, "message": str(error)})


def check_paths(
    paths: Sequence[str | Found],
    options: RunOptions = DEFAULT_OPTIONS,
    *,
    jobs: int | None = None,
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    progress: Callable[[int], object] | None = None,
) -> RunResult:
    """Lint many files, in parallel when it pays; results in the order the files were given (folders
    walked by `expand_paths`, the cache folder left out). Raises ConfigError for a profile or an
    explicit --config that cannot be used."""
    fail = settings_for(None, options).fail_on
    found = expand_paths(paths, skip=[options.cache_dir] if options.cache_dir else [])
    files = [f.path for f in found]
    options = _usable_cache(options)
    say_untrusted_configs([stdin_name or "<stdin>" if f.path == "-" else f.path for f in found if f.error is None],
                          options)
    results: list[FileResult | None] = [None if f.error is None else _not_checked(f.path, f.error) for f in found]
    pooled = [(i, f) for i, f in enumerate(files) if f != "-" and results[i] is None]
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
        _warm_up()  # forked workers inherit the loaded rules and the compiled grammar
        for i, result in _lint_in_workers(pooled, options, min(workers, len(pooled))):
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
