"""A content-hash cache of lint results, so a hook never lints an unchanged file twice.

The key of an entry is a SHA-256 over everything the findings depend on:
- the file's bytes (not its name or modification time: a renamed or touched file is still a hit);
- the resolved profile (which already includes the project configuration's rule overrides,
  meeting, year and author), the effective --select/--ignore and --encoding;
- the rules: code, name, version and module of every rule, built-in and plugin;
- reportlint's version, plus a fingerprint of its own source and data files (size and mtime), so
  an edited checkout or an upgraded vocabulary never serves stale results.

An entry holds what every output format needs (findings, input format, profile name, outline:
`findings.FileResult`), so a cached result prints, renders as HTML and annotates exactly as a fresh
one. Entries are small JSON files under the cache folder (default `.reportlint_cache/` in the current
directory, or `$REPORTLINT_CACHE_DIR`, or `--cache-dir`), written atomically (temporary file +
rename). An entry that cannot be read or does not have the expected shape is ignored (and
replaced on the next write). Delete the folder at any time to clear the cache. Only successful
results are stored; an unreadable input is read again every time.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Any

from .findings import FileResult, Finding, Outline
from .output import write_atomic

FORMAT = 3  # bump when the entry layout changes (2: the outline; 3: converted_from)
ENV = "REPORTLINT_CACHE_DIR"
DEFAULT_FOLDER = ".reportlint_cache"

_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by reportlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


def default_dir() -> Path:
    env = os.environ.get(ENV)
    return Path(env) if env else Path.cwd() / DEFAULT_FOLDER


def rules_fingerprint() -> str:
    """Rule identities and versions (built-in and plugins), the package version, and the state of
    the package's own files."""
    from .registry import all_rules

    h = hashlib.sha256(_files_fingerprint().encode())
    for r in all_rules():
        h.update(f"{r.code} {r.name} {r.version} {getattr(r.check, '__module__', '')}\n".encode())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _files_fingerprint() -> str:
    from . import __version__

    h = hashlib.sha256(f"reportlint {__version__} cache {FORMAT}\n".encode())
    here = Path(__file__).resolve().parent
    roots = [here]
    for package in ("reportlint.grammars", "reportlint.data"):
        try:
            from importlib.util import find_spec

            spec = find_spec(package)
            if spec is not None:
                roots.extend(Path(p) for p in spec.submodule_search_locations or [])
        except (ImportError, ValueError):
            pass
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for f in sorted(filenames):
                if f.endswith((".py", ".toml", ".lark")):
                    try:
                        st = os.stat(os.path.join(dirpath, f))
                    except OSError:
                        continue
                    h.update(f"{os.path.relpath(os.path.join(dirpath, f), root)} {st.st_size} "
                             f"{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class Cache:
    """Lint results by content hash in `folder`; never raises for a broken or unwritable cache."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder is not None else default_dir()
        self.hits = 0
        self.misses = 0

    def key(self, data: bytes, profile: Any, select: tuple[str, ...], ignore: tuple[str, ...],
            encoding: str | None) -> str:
        h = hashlib.sha256()
        h.update(rules_fingerprint().encode())
        # the Profile is a frozen dataclass of plain data: its repr is a complete, stable description
        h.update(repr((profile, tuple(select), tuple(ignore), encoding)).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.json"

    def get(self, key: str, path: str) -> FileResult | None:
        """The stored result for `key` (reported under `path`), or None on a miss or a bad entry."""
        import json

        try:
            raw = self._path(key).read_bytes()
            entry = json.loads(raw)
            if entry.get("format") != FORMAT or entry.get("key") != key:
                raise ValueError("stale entry")
            result = FileResult(path=path, format=entry["input_format"], profile=entry["profile"],
                                findings=[Finding.from_dict(d) for d in entry["findings"]],
                                outline=Outline.from_dict(entry["outline"]),
                                converted_from=entry.get("converted_from"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if result.error is not None or result.outline is None:
            return
        import json

        entry = {"format": FORMAT, "key": key, "input_format": result.format, "profile": result.profile,
                 "findings": [f.to_dict() for f in result.findings], "outline": result.outline.to_dict(),
                 "converted_from": result.converted_from}
        try:
            self._write(self._path(key), json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only or full disk makes the cache useless, never the run

    def _write(self, target: Path, data: bytes) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# created by reportlint\n*\n")):
                try:
                    (self.folder / name).write_text(text, encoding="utf-8")
                except OSError:
                    pass
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, data, durable=False)

