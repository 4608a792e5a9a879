"""The matcher's options: one typed record, its defaults, and the options a profile may set.

The correspondence rules (RL201–RL204) accept exactly `RULE_OPTIONS` in a profile; their
documentation names those and no others (tests/test_rule_docs.py checks every rule's documented
options against what the configuration accepts).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Options:
    """How links are found and kept. Weights are the most one signal alone can give (0–1)."""

    min_score: float = 0.3  # a link below this does not count
    relative: float = 0.85  # keep a problem's links at least this fraction of its best link
    max_links: int = 3  # per problem and kind (causes, measures); a target also keeps its best problem
    theme_weight: float = 0.7  # the most the theme signal alone can give
    lexical_scale: float = 3.0  # cosine × scale, capped at lexical_cap
    lexical_cap: float = 0.75
    context_weight: float = 0.6  # weight of the heading a cause/measure sits under
    headline_weight: float = 2.0  # weight of a unit's first sentence
    structure: bool = True  # use numbering and 针对… references
    parallel_weight: float = 0.15  # same number when both parts have the same number of sections (a weak hint)
    reference_weight: float = 0.8  # a 针对…问题 phrase naming the problem
    heading_reference_weight: float = 0.2  # … naming the heading the problem is listed under (not alone a link)
    hint_floor: float | None = None  # parallel numbering only adds to links already this strong (None: min_score)
    max_df: float = 0.5  # bigrams in more than this share of units are boilerplate
    term_weight: float = 0.2  # a shared specific trigram (a rare word of 3+ characters) in both units
    term_cap: float = 0.6
    term_body_weight: float = 0.5  # a problem's trigrams outside its headline
    term_single: float = 0.5  # a shared trigram not part of a longer shared run (often across two words)
    specific_weight: float = 0.45  # the least the terms signal gives for a shared specific word of 4+ characters
    specific_rare: float = 0.8  # … whose trigrams are this specific (1: in two units of the report)
    frame_weight: float = 0.3  # the problem's comparison heading naming a cause's category (alone, only a hint)
    bridge_weight: float = 0.3  # problem → its measure → the cause that measure answers (问题-原因-措施 chain)
    max_candidates: int = 30  # in a huge report, a problem's likeliest targets scored, and each target's likeliest problems
    leftover_ratio: float = 0.5  # a problem and a target both left unlinked pair up from this × min_score (0: never)
    mirror_weight: float = 0.5  # a part answering the problems in their order: the unit in a problem's place
    sure_score: float = 0.5  # a problem's best link at least this strong settles the side (else it is uncertain)
    absent_score: float = 0.1  # no candidate this strong: nothing in the part relates to the problem
    themes: list[dict[str, Any]] = field(default_factory=list)  # extra [[theme]] tables (same shape as themes.toml)
    categories: list[dict[str, Any]] = field(default_factory=list)  # extra [[category]] tables
    stop_grams: list[str] = field(default_factory=list)  # extra stop bigrams

    @classmethod
    def of(cls, options: Mapping[str, Any] | None) -> Options:
        """The defaults with `options` on top (unknown names are an error: a typo must not pass silently)."""
        if not options:
            return cls()
        unknown = sorted(set(options) - _NAMES)
        if unknown:
            raise ValueError(f"unknown matcher option(s): {', '.join(unknown)}")
        check_tables(options)
        return cls(**options)

    @property
    def floor(self) -> float:
        """Hints (the same number) only back links already this strong."""
        return self.min_score if self.hint_floor is None else float(self.hint_floor)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def check_tables(options: Mapping[str, Any]) -> None:
    """The extra vocabulary tables have the shape of rules/vocab/themes.toml: a [[theme]] has a
    `name` and lists of words (`keywords`, `measure`) and of category ids (`causes`); a [[category]]
    has an `id`, perhaps a `name`, and `patterns`. Raises ValueError naming the first fault."""
    shapes = {"themes": ("name", ("keywords", "measure", "causes")), "categories": ("id", ("patterns",))}
    for option, (key, lists) in shapes.items():
        tables = options.get(option) or []
        if not isinstance(tables, list):
            raise ValueError(f"{option} must be a list of tables")
        for n, table in enumerate(tables):
            where = f"{option}[{n}]"
            if not isinstance(table, dict) or not isinstance(table.get(key), str) or not table[key]:
                raise ValueError(f"{where} needs a {key!r}")
            for name in lists:
                words = table.get(name, [])
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise ValueError(f"{where}.{name} must be a list of strings")
            unknown = sorted(set(table) - {key, "name", *lists})
            if unknown:
                raise ValueError(f"{where}: unknown key {unknown[0]!r}")


_NAMES = frozenset(f.name for f in dataclasses.fields(Options))
DEFAULTS: dict[str, Any] = Options().as_dict()

# What a profile may set on RL201–RL204 (and what their documentation names).
RULE_OPTIONS = ("min_score", "relative", "leftover_ratio", "sure_score", "absent_score", "themes", "categories")
