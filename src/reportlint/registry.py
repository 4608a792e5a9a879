"""All rules: the built-in ones, imported directly (a checkout works without entry points), and
third-party ones from the `reportlint.rules` entry-point group, loaded lazily and sorted."""

from __future__ import annotations

import functools
import importlib
import os
import sys
from types import ModuleType

from .checks import Rule
from .errors import RuleError

BUILTIN_MODULES = (
    "reportlint.checks.recognition",
    "reportlint.checks.structure",
    "reportlint.checks.numbering",
    "reportlint.checks.content",
    "reportlint.checks.hygiene",
    "reportlint.checks.correspondence",
    "reportlint.checks.format",
    "reportlint.checks.formulations",
)
ENTRY_POINT_GROUP = "reportlint.rules"


def _rules_in(obj: object) -> list[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, ModuleType):
        return [v for v in vars(obj).values() if isinstance(v, Rule)]
    if isinstance(obj, (list, tuple)):
        return [r for r in obj if isinstance(r, Rule)]
    return []


@functools.lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for name in BUILTIN_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a rule family not written yet
                continue
            raise
        found.extend(_rules_in(module))
    return tuple(found)


def _may_have_plugins() -> bool:
    """False only when no installed distribution on sys.path declares a `reportlint.rules` entry
    point, so that a run without plugins need not import importlib.metadata (Speed decisions in
    bench/RESULTS.md). Any path entry that is not a plain folder (a zip, an unreadable folder)
    means "maybe"."""
    marker = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            path = os.path.join(folder, name, "entry_points.txt")
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    if marker in fh.read():
                        return True
            except FileNotFoundError:
                continue
            except OSError:
                return True
    return False


def plugin_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    if not _may_have_plugins():
        return ()
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must be named, not crash the run
            raise RuleError(f"rule plugin {ep.name!r} ({ep.value}) failed to load: {exc}") from None
        rules = _rules_in(obj)
        if not rules:
            raise RuleError(f"rule plugin {ep.name!r} ({ep.value}) provides no reportlint rule")
        found.extend(rules)
    return tuple(found)


@functools.lru_cache(maxsize=1)
def _all() -> tuple[Rule, ...]:
    rules = [*builtin_rules(), *plugin_rules()]
    seen: dict[str, Rule] = {}
    for r in rules:
        for ident in (r.code, r.name):
            if ident in seen and seen[ident] is not r:
                raise RuleError(f"two rules claim {ident!r}: {seen[ident].check.__module__} and {r.check.__module__}")
            seen[ident] = r
    return tuple(sorted(rules, key=lambda r: r.code))


def all_rules() -> tuple[Rule, ...]:
    return _all()


def find_rule(name_or_code: str) -> Rule | None:
    wanted = name_or_code.strip()
    for r in all_rules():
        if wanted in (r.name, r.code) or wanted.upper() == r.code:
            return r
    return None


def reset() -> None:
    """Forget loaded plugins (tests that install a fake plugin)."""
    _all.cache_clear()
