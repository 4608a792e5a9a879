"""Regular expressions compiled when they are first used.

Compiling patterns is the larger part of a short check's start-up: a class of Chinese characters
alone takes a millisecond or more to compile, and most vocabulary patterns never fire on a given
report (an enumeration's members are looked for only where its name is written, a theme only when
the title names no year). A `LazyPattern` holds the text of a pattern and compiles it the first
time it is used; it answers the methods of `re.Pattern` that the rules call. bench/RESULTS.md
(Speed decisions) has the figures.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator


class LazyPattern:
    """A regular expression compiled at its first use."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def either(patterns: list[str]) -> str:
    """One pattern that matches where any of `patterns` does (a vocabulary's list of patterns)."""
    return "|".join(f"(?:{p})" for p in patterns)


def compile_patterns(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(either(patterns))


def lazy_patterns(patterns: list[str]) -> LazyPattern:
    return LazyPattern(either(patterns))
