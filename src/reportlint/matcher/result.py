"""The map: every problem with its links to causes and measures, and every cause and measure with
the problems it answers (`map --format json`, SPEC §3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Unit

if TYPE_CHECKING:
    from .outcomes import Outcome


def is_sure(score: float, sure_score: float) -> bool:
    """A link settles its side from `sure_score` up, compared as the score is shown (0.50 is 0.5)."""
    return round(score, 2) >= sure_score


@dataclass
class Link:
    """One link from a problem to a cause or measure."""

    id: str
    score: float
    evidence: list[str]
    signals: dict[str, float] = field(default_factory=dict)  # theme / words / terms / structure parts

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 2), "evidence": list(self.evidence)}


@dataclass
class Entry:
    """A unit in the map: the unit, its headline, its themes, and its links."""

    unit: Unit
    headline: str
    themes: dict[str, float] = field(default_factory=dict)
    categories: dict[str, float] = field(default_factory=dict)
    causes: list[Link] = field(default_factory=list)  # problems only
    measures: list[Link] = field(default_factory=list)  # problems only
    problems: list[str] = field(default_factory=list)  # causes and measures: problems linked to it
    nearest: dict[str, Link | None] = field(default_factory=dict)  # problems: best candidate per kind
    outcome: dict[str, Outcome] = field(default_factory=dict)  # problems: linked / uncertain / missing per kind

    @property
    def id(self) -> str:
        return self.unit.id

    @property
    def links(self) -> list[Link]:
        """All links of a problem, best first."""
        return sorted([*self.causes, *self.measures], key=lambda link: -link.score)

    @property
    def orphan(self) -> bool:
        if self.unit.role == "problems":
            return not self.causes and not self.measures
        return not self.problems

    def base_dict(self) -> dict[str, Any]:
        u = self.unit
        return {"id": u.id, "section": u.path, "line": u.line, "column": u.column, "text": u.text}


@dataclass
class Correspondence:
    path: str
    problems: list[Entry]
    causes: list[Entry]
    measures: list[Entry]
    has_causes_part: bool
    has_measures_part: bool
    options: dict[str, Any]

    def entry(self, unit_id: str) -> Entry:
        return self._by_id()[unit_id]

    def _by_id(self) -> dict[str, Entry]:
        cache = self.__dict__.get("_index")
        if cache is None:
            cache = {e.id: e for e in (*self.problems, *self.causes, *self.measures)}
            self.__dict__["_index"] = cache
        return cache

    def to_dict(self) -> dict[str, Any]:
        """The `map --format json` shape (SPEC §3)."""
        return {
            "path": self.path,
            "problems": [
                {**e.base_dict(), "causes": [lk.to_dict() for lk in e.causes],
                 "measures": [lk.to_dict() for lk in e.measures],
                 "outcome": {kind: o.state for kind, o in e.outcome.items()}}
                for e in self.problems
            ],
            "causes": [{**e.base_dict(), "problems": list(e.problems)} for e in self.causes],
            "measures": [{**e.base_dict(), "problems": list(e.problems)} for e in self.measures],
        }
