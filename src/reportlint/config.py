"""Profiles (TOML, `extends` between them) and project configuration.

A profile says which parts are required and in which order, which comparison headings are required
(with the patterns that satisfy each), the meeting type, year and author kind, and per-rule severity
(`off` too) and options. Project configuration lives in `reportlint.toml` or `[tool.reportlint]`
of `pyproject.toml`, found by walking up from the checked file (only where the user can trust it:
trust.py); it names a profile and may override rules on top of it.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import Severity
from .resources import data_path, load_data
from .trust import config_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_PROFILE = "default"
AUTO = "auto"  # choose the built-in profile that fits each report (autoprofile.py)
_PROFILE_KEYS = {
    "name", "description", "extends", "meeting", "year", "author", "provenance", "parts",
    "part_order", "comparisons", "rules", "formats", "title", "aliases", "theme", "annual", "confirmed",
    "formulations",
}
_RULE_ENTRY_KEYS = {"severity"}


@dataclass(frozen=True)
class Part:
    role: str
    name: str  # how messages name it, e.g. 问题产生的原因
    required: bool = True


@dataclass(frozen=True)
class Comparison:
    name: str
    patterns: tuple[str, ...] = ()
    confirmed: bool = True
    alternatives: tuple[str, ...] = ()  # other accepted wordings (e.g. a second official set)


@dataclass(frozen=True)
class RuleSetting:
    severity: Severity | None = None  # None: the rule's default
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Formulation:
    """A unit's own term (`[formulations]`): its right form, the forms not to write, and for a
    count word (三个结合) its members in order."""

    right: str
    wrong: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    source: str = ""  # the file it came from
    meeting: str | None = None  # 组织生活会 | 民主生活会
    year: int | None = None  # the year the meeting is about (年度, or the campaign's year)
    author: str | None = None  # who writes it: 班子 | 个人 | 党支部 | 党员, several joined by 、
    provenance: str = ""
    parts: tuple[Part, ...] = ()
    part_order: bool = True
    comparisons: tuple[Comparison, ...] = ()
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    formulations: dict[str, Formulation] = field(default_factory=dict)  # a unit's own terms
    title: str = ""  # the Chinese title people know it by (not inherited)
    aliases: tuple[str, ...] = ()  # other names `--profile` accepts (not inherited)
    theme: str | None = None  # the campaign whose 专题 meeting it is for (主题教育, 党史学习教育…)
    annual: bool | None = None  # whether it is also the set of the year's 年度 meeting (default: no theme)
    confirmed: bool | None = None  # false: DOMAIN is unsure of it as a whole (see provenance)
    auto: bool = False  # chosen by `auto` from what the report says of itself

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(a for a in re.split("[、,，/ ]+", self.author or "") if a)

    @property
    def is_annual(self) -> bool:
        return self.annual if self.annual is not None else self.theme is None

    @property
    def is_confirmed(self) -> bool:
        """False when the profile, or one of its comparison headings, is marked unconfirmed."""
        return self.confirmed is not False and all(c.confirmed for c in self.comparisons)

    def setting(self, rule_name: str, code: str = "") -> RuleSetting:
        return self.rules.get(rule_name) or self.rules.get(code) or RuleSetting()

    def with_rules(self, overrides: dict[str, RuleSetting]) -> Profile:
        merged = dict(self.rules)
        for key, value in overrides.items():
            merged[key] = _merge_setting(merged.get(key), value)
        return replace(self, rules=merged)


def _merge_setting(base: RuleSetting | None, top: RuleSetting) -> RuleSetting:
    """`top` wins where it says something: off, a severity, or options (merged key by key)."""
    if base is None:
        return top
    options = {**base.options, **top.options}
    if not top.enabled:
        return RuleSetting(None, False, options)
    if top.severity is not None:
        return RuleSetting(top.severity, True, options)
    return RuleSetting(base.severity, base.enabled, options)


# -- loading ------------------------------------------------------------------------------------


@functools.cache
def builtin_profiles() -> tuple[str, ...]:
    """The names of the shipped profiles, listed once per process (choosing a profile asks often)."""
    folder = data_path("profiles")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


@functools.cache
def builtin_aliases() -> dict[str, str]:
    """Every other name of a built-in profile (its Chinese title and aliases) → its name."""
    out: dict[str, str] = {}
    for name in builtin_profiles():
        try:
            table = load_data("profiles", f"{name}.toml").get("profile", {})
        except Exception:  # a damaged file: load_profile says what is wrong when it is asked for
            continue
        for alias in (table.get("title"), *(table.get("aliases") or ())):
            if isinstance(alias, str) and alias:
                out.setdefault(alias, name)
    return out


def _read_toml(path: Path | Any, label: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such file", label) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", label) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError("invalid TOML: nested too deeply", label) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", label) from None


def load_profile(name_or_path: str | Path | None = None, *, _seen: tuple[str, ...] = ()) -> Profile:
    """A built-in profile by name, or a profile file by path, with its `extends` chain resolved."""
    ref = str(name_or_path or DEFAULT_PROFILE)
    if ref in _seen:
        raise ConfigError(f"profile extends itself: {' → '.join([*_seen, ref])}")
    path = Path(ref)
    if ref.endswith(".toml") or path.exists():
        label, raw = str(path), _read_toml(path, str(path))
        base_dir = path.parent
    elif ref in builtin_profiles() or ref in builtin_aliases():
        return _builtin_profile(ref if ref in builtin_profiles() else builtin_aliases()[ref])
    else:
        raise ConfigError(f"unknown profile {ref!r}; built-in profiles: {', '.join(builtin_profiles())} "
                          f"(or {AUTO!r}: the one that fits each report)")
    return _resolved(raw, label, ref, base_dir, _seen)


@functools.cache
def _builtin_profile(ref: str) -> Profile:
    """A shipped profile, read and checked once per process: choosing a profile reads them all, and
    each extends `default`. (Shipped profiles extend only shipped ones; the tests load every one.)"""
    label = f"<builtin>/{ref}.toml"
    return _resolved(_builtin_profile_toml(ref, label), label, ref, None, ())


def _resolved(raw: dict[str, Any], label: str, ref: str, base_dir: Path | None, _seen: tuple[str, ...]) -> Profile:
    """The profile a profile file holds, on the profiles it extends."""
    table = raw.get("profile", raw)
    if not isinstance(table, dict):
        raise ConfigError("[profile] must be a table", label)
    unknown = set(table) - _PROFILE_KEYS
    if unknown:
        raise ConfigError(f"unknown key {sorted(unknown)[0]!r} in profile", label)
    parents = table.get("extends") or []
    if isinstance(parents, str):
        parents = [parents]
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        raise ConfigError("'extends' must be a profile name or a list of them", label)
    profile = Profile(name=table.get("name") or (Path(ref).stem if base_dir else ref), source=label)
    for parent in parents:
        parent_ref = parent
        if base_dir is not None and (base_dir / parent).exists():
            parent_ref = str(base_dir / parent)
        profile = _overlay(load_profile(parent_ref, _seen=(*_seen, ref)), profile)
    return _overlay(profile, _profile_from_table(table, label))


def _builtin_profile_toml(ref: str, label: str) -> dict[str, Any]:
    try:
        return load_data("profiles", f"{ref}.toml")
    except Exception:  # a damaged installation: let _read_toml say what is wrong
        return _read_toml(data_path("profiles", f"{ref}.toml"), label)


def _overlay(base: Profile, top: Profile) -> Profile:
    """`top` on `base`: scalars and lists from `top` when it sets them; rule settings merged."""
    merged = replace(
        base,
        name=top.name or base.name,
        source=top.source or base.source,
        description=top.description or base.description,
        meeting=top.meeting or base.meeting,
        year=top.year or base.year,
        author=top.author or base.author,
        provenance=top.provenance or base.provenance,
        parts=top.parts or base.parts,
        comparisons=top.comparisons or base.comparisons,
        part_order=top.part_order if top.parts else base.part_order,
        formulations={**base.formulations, **top.formulations},
        title=top.title,
        aliases=top.aliases,
        theme=top.theme or base.theme,
        annual=top.annual if top.annual is not None else base.annual,
        confirmed=top.confirmed if top.confirmed is not None else base.confirmed,
    )
    return merged.with_rules(top.rules)


def _typed(table: dict[str, Any], key: str, kind: type, label: str, what: str | None = None,
           default: Any = None, items: type | None = None) -> Any:
    """table[key] (or `default`), checked to be a `kind` (true is not a number) whose entries, with
    `items`, are all of that type: a profile or configuration found beside a report is as untrusted
    as the report, and a wrong type must be a one-line error, not a rule crashing later."""
    value = table.get(key, default)
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if ok and items is not None:
        ok = all(isinstance(v, items) for v in value)
    if value is not None and not ok:
        raise ConfigError(f"{key!r} must be {what or 'a ' + kind.__name__}", label)
    return value


def _profile_from_table(table: dict[str, Any], label: str) -> Profile:
    def typed(key: str, kind: type, default: Any = None) -> Any:
        return _typed(table, key, kind, label, default=default)

    parts = []
    for n, entry in enumerate(typed("parts", list, []) or []):
        if not isinstance(entry, dict) or "role" not in entry:
            raise ConfigError(f"parts[{n}] needs a 'role'", label)
        if entry["role"] not in ("problems", "causes", "measures", "previous", "case", "other"):
            raise ConfigError(f"parts[{n}]: unknown role {entry['role']!r}", label)
        _check_entry(entry, f"parts[{n}]", label)
        parts.append(Part(entry["role"], str(entry.get("name", entry["role"])), entry.get("required", True)))
    comparisons = []
    for n, entry in enumerate(typed("comparisons", list, []) or []):
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or "name" not in entry:
            raise ConfigError(f"comparisons[{n}] needs a 'name'", label)
        _check_entry(entry, f"comparisons[{n}]", label)
        comparisons.append(
            Comparison(entry["name"], tuple(entry.get("patterns", ())), entry.get("confirmed", True),
                       tuple(entry.get("alternatives", ())))
        )
    author = table.get("author")
    if isinstance(author, list) and all(isinstance(a, str) for a in author):
        author = "、".join(author)
    elif author is not None and not isinstance(author, str):
        raise ConfigError("'author' must be a string or a list of strings", label)
    return Profile(
        name=typed("name", str, "") or "",
        description=typed("description", str, "") or "",
        source=label,
        meeting=typed("meeting", str),
        year=typed("year", int),
        author=author,
        title=typed("title", str, "") or "",
        aliases=tuple(_typed(table, "aliases", list, label, "a list of strings", [], str)),
        theme=typed("theme", str),
        annual=typed("annual", bool),
        confirmed=typed("confirmed", bool),
        provenance=typed("provenance", str, "") or "",
        parts=tuple(parts),
        part_order=typed("part_order", bool, True),
        comparisons=tuple(comparisons),
        rules=parse_rule_settings(typed("rules", dict, {}) or {}, label),
        formulations=parse_formulations(typed("formulations", dict, {}) or {}, label),
    )


def parse_formulations(table: dict[str, Any], label: str) -> dict[str, Formulation]:
    """`[formulations]`: a right form and the forms not to write (`"云溪市自然资源和规划局" =
    ["市自然资源局"]`), or a count word and its members (`"三个结合" = {members = [...]}`, a `wrong`
    list too if wanted). The types are checked here, so a rule never meets a wrong one."""
    out: dict[str, Formulation] = {}
    for right, value in table.items():
        entry = {"wrong": value} if isinstance(value, list) else value
        if not right.strip() or not isinstance(entry, dict) or set(entry) - {"wrong", "members"}:
            raise ConfigError(f"formulations.{right} must be a list of wrong forms or a table with "
                              "'wrong' and/or 'members'", label)
        lists = {}
        for key in ("wrong", "members"):
            items = entry.get(key, [])
            if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
                raise ConfigError(f"formulations.{right}.{key} must be a list of non-empty strings", label)
            lists[key] = tuple(v.strip() for v in items)
        out[right.strip()] = Formulation(right.strip(), lists["wrong"], lists["members"])
    return out


def _check_entry(entry: dict[str, Any], where: str, label: str) -> None:
    """The types of a parts/comparisons entry, and its patterns compile: otherwise a rule would
    crash on every report, or the run end in a traceback."""
    for key in ("role", "name"):
        if key in entry and not isinstance(entry[key], str):
            raise ConfigError(f"{where}.{key} must be a string", label)
    for key in ("required", "confirmed"):
        if key in entry and not isinstance(entry[key], bool):
            raise ConfigError(f"{where}.{key} must be true or false", label)
    for key in ("patterns", "alternatives"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}.{key} must be a list of strings", label)
    for pattern in entry.get("patterns", []):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}.patterns: {pattern!r} is not a regular expression ({exc})", label) from None


def parse_rule_settings(table: dict[str, Any], label: str, validate: bool = True) -> dict[str, RuleSetting]:
    """`{"placeholder": "off", "too-short": {"severity": "info", "min_report_chars": 800}}`.

    Unknown rule names and unknown options are errors naming the file and the key."""
    from .registry import find_rule

    settings: dict[str, RuleSetting] = {}
    for name, value in table.items():
        rule = find_rule(name)
        if validate and rule is None:
            raise ConfigError(f"unknown rule {name!r} (see `reportlint rules`)", label)
        if isinstance(value, str):
            settings[rule.name if rule else name] = _severity_setting(value, f"rules.{name}", label)
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"rules.{name} must be a severity or a table", label)
        base = _severity_setting(value["severity"], f"rules.{name}.severity", label) if "severity" in value else RuleSetting()
        options = {k: v for k, v in value.items() if k not in _RULE_ENTRY_KEYS}
        if validate and rule is not None:
            for key, option in options.items():
                if key not in rule.options:
                    known = ", ".join(sorted(rule.options)) or "none"
                    raise ConfigError(f"unknown option rules.{name}.{key} (options: {known})", label)
                if not _same_type(rule.options[key], option):
                    raise ConfigError(
                        f"rules.{name}.{key} must be {type(rule.options[key]).__name__}, not {type(option).__name__}",
                        label,
                    )
                _check_table_option(rule.options[key], option, f"rules.{name}.{key}", label)
            if rule.validate is not None:
                try:
                    rule.validate(options)
                except ValueError as exc:
                    raise ConfigError(f"rules.{name}: {exc}", label) from None
        settings[rule.name if rule else name] = RuleSetting(base.severity, base.enabled, options)
    return settings


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) == isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return default is None or isinstance(value, type(default))


def _check_table_option(default: Any, value: Any, where: str, label: str) -> None:
    """A table option whose default names its keys (ordinal-punctuation's `forbidden`): the same
    keys, each value of the default's type, or a rule would crash on every report."""
    if not isinstance(default, dict) or not default:
        return
    kind = type(next(iter(default.values())))
    for k, v in value.items():
        if k not in default:
            raise ConfigError(f"unknown key {where}.{k} (keys: {', '.join(default)})", label)
        if not isinstance(v, kind):
            raise ConfigError(f"{where}.{k} must be {kind.__name__}, not {type(v).__name__}", label)


def _severity_setting(value: Any, key: str, label: str) -> RuleSetting:
    if not isinstance(value, str):
        raise ConfigError(f"{key} must be error, warning, info or off", label)
    if value.strip().lower() == "off":
        return RuleSetting(enabled=False)
    try:
        return RuleSetting(Severity.parse(value))
    except ValueError:
        raise ConfigError(f"{key}: unknown severity {value!r} (error, warning, info or off)", label) from None


# -- project configuration ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectConfig:
    """`[tool.reportlint]` / reportlint.toml: which profile, and overrides on top of it."""

    source: str | None = None
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    meeting: str | None = None
    year: int | None = None
    author: str | None = None
    formulations: dict[str, Formulation] = field(default_factory=dict)


_CONFIG_KEYS = {"profile", "select", "ignore", "fail-on", "fail_on", "rules", "meeting", "year", "author",
                "formulations"}


def find_config(start: Path, refused: list[tuple[Path, str]] | None = None) -> Path | None:
    """The nearest reportlint.toml, or pyproject.toml with a [tool.reportlint] table, upwards.

    Only a file the user can trust is read (trust.config_problem); another is passed over as if it
    were not there, and listed with the reason in `refused`. (A pyproject.toml is listed when it
    mentions reportlint: whether it has the table takes parsing it, which only a trusted file gets.)"""
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        for candidate in (d / "reportlint.toml", d / "pyproject.toml"):
            if not candidate.is_file() or (candidate.name == "pyproject.toml" and not _mentions_reportlint(candidate)):
                continue
            problem = config_problem(candidate)
            if problem is not None:
                if refused is not None:
                    refused.append((candidate, problem))
            elif candidate.name == "reportlint.toml" or _has_table(candidate):
                return candidate
    return None


def _mentions_reportlint(path: Path) -> bool:
    """Whether a pyproject.toml says `reportlint` in its first MiB (anyone's file may be looked at
    this far, and no further)."""
    try:
        with path.open("rb") as fh:
            return b"reportlint" in fh.read(1 << 20)
    except OSError:
        return False


def _has_table(pyproject: Path) -> bool:
    try:
        return "reportlint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError, RecursionError):
        return False


def load_config(path: Path) -> ProjectConfig:
    raw = _read_toml(path, str(path))
    table = raw.get("tool", {}).get("reportlint", {}) if path.name == "pyproject.toml" else raw
    if not isinstance(table, dict):
        raise ConfigError("[tool.reportlint] must be a table", str(path))
    unknown = set(table) - _CONFIG_KEYS
    if unknown:
        raise ConfigError(f"unknown key {sorted(unknown)[0]!r}", str(path))

    def typed(key: str, kind: type, what: str) -> Any:
        return _typed(table, key, kind, str(path), what, items=str if kind is list else None)

    if isinstance(table.get("year"), str) and table["year"].strip().isdigit():
        table["year"] = int(table["year"])  # year = "2025" has always worked
    profile = typed("profile", str, "a profile name or path")
    if profile and not Path(profile).is_absolute() and (path.parent / profile).exists():
        profile = str(path.parent / profile)
    fail_on = typed("fail-on", str, "error, warning or info") or typed("fail_on", str, "error, warning or info")
    if fail_on is not None and fail_on.strip().lower() not in ("error", "warning", "info"):
        raise ConfigError(f"fail-on must be error, warning or info, not {fail_on!r}", str(path))
    return ProjectConfig(
        source=str(path),
        profile=profile,
        select=tuple(typed("select", list, "a list of rule names") or ()),
        ignore=tuple(typed("ignore", list, "a list of rule names") or ()),
        fail_on=fail_on,
        rules=parse_rule_settings(typed("rules", dict, "a table") or {}, str(path)),
        meeting=typed("meeting", str, "a string"),
        year=typed("year", int, "a number"),
        author=typed("author", str, "a string"),
        formulations=parse_formulations(typed("formulations", dict, "a table") or {}, str(path)),
    )


def wants_auto(profile: str | Path | Profile | None, config: ProjectConfig | None = None) -> bool:
    """Whether the profile is chosen for each report (autoprofile.py): none is named by the argument
    or the project configuration, or `auto` is."""
    if isinstance(profile, Profile):
        return False
    ref = profile or (config.profile if config else None)
    return ref is None or str(ref) == AUTO


def resolve_profile(profile: str | Path | Profile | None, config: ProjectConfig | None = None) -> Profile:
    """The profile for a run: explicit argument, else the project's, else `default` (also for
    `auto`, until a report is read: autoprofile.settle_profile); then the project's rule overrides
    and meeting/year/author on top."""
    if isinstance(profile, Profile):
        result = profile
    else:
        ref = profile or (config.profile if config else None)
        result = load_profile(None if str(ref) == AUTO else ref)
    return with_config(result, config)


def with_config(profile: Profile, config: ProjectConfig | None) -> Profile:
    """The project's rule overrides and meeting/year/author on top of a profile."""
    if config is None:
        return profile
    return replace(
        profile.with_rules(config.rules),
        meeting=config.meeting or profile.meeting,
        year=config.year or profile.year,
        author=config.author or profile.author,
        formulations={**profile.formulations, **config.formulations},
    )


def named_reason(profile: str | Path | Profile | None, config: ProjectConfig | None) -> str:
    """Why a named profile is used: given to the command (`--profile`) or by the configuration."""
    if isinstance(profile, Profile) or profile or config is None or config.source is None:
        return "--profile"
    return f"config: {_shown_path(config.source)}"


def _shown_path(path: str) -> str:
    """A configuration file's path, relative to the current folder when it is below it."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if rel.startswith("..") else rel
