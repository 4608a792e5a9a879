"""Finds the data shipped with reportlint: Lark grammars and the TOML rule packs and profiles.

In a wheel they are the subpackages `reportlint.grammars` and `reportlint.data`; an editable install
maps them to the top-level `grammars/` and `rules/` folders of the checkout, so edits show at once.
Running from a checkout without installing (PYTHONPATH=src) falls back to those folders directly.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from .trust import private_folder_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_CHECKOUT = Path(__file__).resolve().parents[2]


@functools.cache
def _root(package: str, folder: str) -> Path:
    """The folder of a data subpackage: where its import spec says it is, or a Traversable from
    importlib.resources when the package is not a plain folder (a zip). Speed decisions in
    bench/RESULTS.md say why importlib.resources is not the first choice."""
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
    for the label parser Lark builds from the shipped grammar (labels.py), like a .pyc file, and the
    key that signs result-cache entries (cache.py); never results. None when there is no such
    folder we can trust."""
    if os.environ.get("REPORTLINT_NO_USER_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = Path(base, "reportlint")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if private_folder_problem(folder) is not None:
        return None  # someone else's, a link, or writable by others: do not load anything from it
    return folder


@functools.cache
def load_data(*parts: str) -> dict:
    """A TOML file from rules/, parsed once per process."""
    return tomllib.loads(data_path(*parts).read_text(encoding="utf-8"))


def vocab(name: str) -> dict:
    return load_data("vocab", f"{name}.toml")
