"""Finds the data shipped with reportlint: Lark grammars and the TOML rule packs and profiles.

In a wheel they are the subpackages `reportlint.grammars` and `reportlint.data`; an editable install
maps them to the top-level `grammars/` and `rules/` folders of the checkout, so edits show at once.
Running from a checkout without installing (PYTHONPATH=src) falls back to those folders directly.

Also the user cache of things rebuilt from shipped files: parsed TOML.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def _root(package: str, folder: str) -> Path:
    """The folder of a data subpackage. Found with find_spec (cheap) rather than importlib.resources
    (~4 ms to import); importlib.resources is still used when the package is not a plain folder."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        return _CHECKOUT / folder
    for location in spec.submodule_search_locations or ():
        if os.path.isdir(location):
            return Path(location)
    from importlib import resources

    return resources.files(package)  # type: ignore[return-value]  # a zip: a Traversable


def grammar_text(name: str) -> str:
    return _root("reportlint.grammars", "grammars").joinpath(name).read_text(encoding="utf-8")


def data_path(*parts: str) -> Path:
    node = _root("reportlint.data", "rules")
    for part in parts:
        node = node.joinpath(part)
    return node


def user_cache_dir() -> Path | None:
    """reportlint's folder in the user's cache ($XDG_CACHE_HOME or ~/.cache), private to the user,
    for things rebuilt from shipped files (the compiled grammar, parsed TOML): like .pyc files,
    never needed and never results. None when there is no such folder we can trust."""
    if os.environ.get("REPORTLINT_NO_USER_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = os.path.join(base, "reportlint")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        st = os.stat(folder)
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None  # someone else's, or writable by others: do not load anything from it
    except OSError:
        return None
    return Path(folder)


@functools.cache
def load_data(*parts: str) -> dict:
    """A TOML file from rules/, parsed once per process; the parsed data is kept between runs in
    the user cache (marshal, keyed by the file's path, size and modification time)."""
    path = data_path(*parts)
    text_and_key = _stat_key(path)
    cached = _cached_data(text_and_key) if text_and_key else None
    if cached is not None:
        return cached
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if text_and_key:
        _store_data(text_and_key, data)
    return data


def _stat_key(path) -> str | None:
    try:
        st = os.stat(path)
    except (OSError, TypeError):
        return None
    import hashlib

    raw = f"{os.fspath(path)}|{st.st_size}|{st.st_mtime_ns}|{sys.version_info[:2]}"
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _cached_data(key: str) -> dict | None:
    folder = user_cache_dir()
    if folder is None:
        return None
    import marshal

    try:
        data = marshal.loads((folder / f"data-{key}.marshal").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _store_data(key: str, data: dict) -> None:
    folder = user_cache_dir()
    if folder is None:
        return
    import marshal

    from .output import write_atomic

    try:
        blob = marshal.dumps(data)
    except ValueError:  # a TOML date or time: not worth caching
        return
    try:
        write_atomic(folder / f"data-{key}.marshal", blob, durable=False)
    except OSError:
        return
    _prune(folder, "data-", ".marshal", _DATA_ENTRIES)


_DATA_ENTRIES = 256  # parsed files kept; every checkout, install or edit of a rules file adds one


def _prune(folder: Path, prefix: str, suffix: str, keep: int) -> None:
    """Delete all but the `keep` newest cache entries named prefix…suffix, so that the entries of
    old checkouts and edited files do not pile up (run only when an entry was added)."""
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(suffix)]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for e in entries[keep:]:
            os.unlink(e.path)
    except OSError:  # another run pruning at the same time, or a file already gone
        pass


def vocab(name: str) -> dict:
    return load_data("vocab", f"{name}.toml")
