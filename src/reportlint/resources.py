"""Finds the data shipped with reportlint: Lark grammars and the TOML rule packs and profiles.

In a wheel they are the subpackages `reportlint.grammars` and `reportlint.data`; an editable install
maps them to the top-level `grammars/` and `rules/` folders of the checkout, so edits show at once.
Running from a checkout without installing (PYTHONPATH=src) falls back to those folders directly.
"""

from __future__ import annotations

import functools
import sys
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_CHECKOUT = Path(__file__).resolve().parents[2]


def _root(package: str, folder: str) -> Traversable:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        return _CHECKOUT / folder


def grammar_text(name: str) -> str:
    return _root("reportlint.grammars", "grammars").joinpath(name).read_text(encoding="utf-8")


def data_path(*parts: str) -> Traversable:
    node = _root("reportlint.data", "rules")
    for part in parts:
        node = node.joinpath(part)
    return node


@functools.cache
def load_data(*parts: str) -> dict:
    """A TOML file from rules/, parsed once per process."""
    return tomllib.loads(data_path(*parts).read_text(encoding="utf-8"))


def vocab(name: str) -> dict:
    return load_data("vocab", f"{name}.toml")
