"""The theme vocabulary (rules/vocab/themes.toml, plus a profile's extra tables): themes with their
keywords, the cause categories a theme's problems are explained by, and the lexical lists (stop
bigrams, dropped characters, pinyin)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..normalize import simplify
from ..resources import vocab
from .options import Options
from .text import STRIP


@dataclass
class Theme:
    name: str
    strong: tuple[str, ...]
    keywords: tuple[str, ...]
    measure: tuple[str, ...]
    causes: tuple[str, ...]


@dataclass
class Vocab:
    themes: list[Theme]
    categories: dict[str, tuple[str, tuple[str, ...]]]  # id → (name, patterns)
    stop: frozenset[str]
    drop_chars: frozenset[str]
    pinyin: list[tuple[str, str]]
    words: frozenset[str] = frozenset()  # every theme keyword and category pattern
    inline: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind → words opening a cause/measure sentence

    @property
    def by_name(self) -> dict[str, Theme]:
        cache = self.__dict__.get("_by_name")
        if cache is None:
            cache = self.__dict__["_by_name"] = {t.name: t for t in self.themes}
        return cache

    def category_label(self, cid: str) -> str:
        """The short name of a cause category as evidence shows it (思想建设 for 党性/思想建设)."""
        return self.categories[cid][0].split("/")[-1]

    def words_in(self, text: str) -> frozenset[str]:
        """The vocabulary words (two characters or more) that occur in `text`. Words are indexed by
        their first two characters, so only the words starting with a pair the text contains are
        tested, not the whole vocabulary for every unit. The pairs are found by a regular expression
        that stops only at a character some word starts with."""
        index = self.__dict__.get("_by_pair")
        if index is None:
            index = {}
            for w in self.words:
                if len(w) >= 2:
                    index.setdefault(w[:2], []).append(w)
            firsts = "".join(sorted({p[0] for p in index}))
            self.__dict__["_by_pair"] = index
            self.__dict__["_pairs"] = frozenset(index)
            self.__dict__["_pair_at"] = re.compile(f"(?s)(?=([{re.escape(firsts)}].))" if firsts else "(?!)")
        found: set[str] = set()
        for pair in self.__dict__["_pairs"].intersection(self.__dict__["_pair_at"].findall(text)):
            found.update(w for w in index[pair] if w in text)
        return frozenset(found)


def norm_words(words: Iterable[str]) -> tuple[str, ...]:
    out = []
    for w in words:
        k = STRIP.sub("", simplify(w)).lower()
        if k and k not in out:
            out.append(k)
    return tuple(out)


_CACHE: dict[tuple, Vocab] = {}


def load_vocab(opts: Options) -> Vocab:
    """The shipped vocabulary with the options' extra tables (a table named like a shipped theme or
    category extends it). Cached per distinct extra tables."""
    extra_key = (repr(opts.themes), repr(opts.categories), repr(opts.stop_grams))
    if extra_key in _CACHE:
        return _CACHE[extra_key]
    data = vocab("themes")
    lexical = data.get("lexical", {})
    themes: dict[str, Theme] = {}
    for table in [*data.get("theme", []), *(opts.themes or [])]:
        name = table["name"]
        keywords = norm_words(table.get("keywords", []))
        old = themes.get(name)
        if old is not None:  # a user's table with the same name extends the shipped one
            keywords = norm_words([*old.keywords, *keywords])
            measure = norm_words([*old.measure, *table.get("measure", [])])
            causes = tuple(dict.fromkeys([*old.causes, *table.get("causes", [])]))
            themes[name] = Theme(name, old.strong, keywords, measure, causes)
        else:
            themes[name] = Theme(name, keywords[:4], keywords, norm_words(table.get("measure", [])),
                                 tuple(table.get("causes", [])))
    categories: dict[str, tuple[str, tuple[str, ...]]] = {}
    for table in [*data.get("category", []), *(opts.categories or [])]:
        cid = table["id"]
        old_name, old_patterns = categories.get(cid, (table.get("name", cid), ()))
        categories[cid] = (table.get("name", old_name), norm_words([*old_patterns, *table.get("patterns", [])]))
    stop = frozenset(norm_words([*lexical.get("stop_grams", []), *(opts.stop_grams or [])]))
    pinyin = sorted(lexical.get("pinyin", {}).items(), key=lambda kv: -len(kv[0]))
    words = frozenset(w for t in themes.values() for w in (*t.keywords, *t.measure)) | frozenset(
        p for _n, ps in categories.values() for p in ps)
    inline = {kind: tuple(data.get("inline", {}).get(kind, ())) for kind in ("causes", "measures")}
    result = Vocab(list(themes.values()), categories, stop, frozenset(lexical.get("drop_chars", "")), pinyin, words,
                   inline)
    _CACHE[extra_key] = result
    return result
