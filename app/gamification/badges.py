"""Badge definitions from badges.yaml, and their criteria.

A criterion is a small object that answers ``met(facts)`` and names the ledger sources it
depends on, so that an award only re-checks the badges it could have changed. ``facts`` is
whatever gives a user's counts, points and streak (the database in services, a dict in
tests), so criteria stay free of queries.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

import yaml

from .models import PointSource
from .rules import rules

BADGES_FILE = Path(__file__).with_name("badges.yaml")
LANGUAGES = {"kk", "ru", "en"}


class BadgesError(ValueError):
    """badges.yaml is malformed."""


class Facts(Protocol):
    def count(self, sources: frozenset[PointSource]) -> int: ...
    def points(self) -> int: ...
    def streak(self) -> int: ...
    def evidence(self, sources: frozenset[PointSource]) -> list[str]: ...


@dataclass(frozen=True)
class Count:
    sources: frozenset[PointSource]
    at_least: int

    def met(self, facts: Facts) -> bool:
        return facts.count(self.sources) >= self.at_least

    def watched(self) -> frozenset[PointSource]:
        return self.sources

    def evidence(self, facts: Facts) -> list[str]:
        return facts.evidence(self.sources)[: self.at_least]


@dataclass(frozen=True)
class Points:
    at_least: int

    def met(self, facts: Facts) -> bool:
        return facts.points() >= self.at_least

    def watched(self) -> frozenset[PointSource]:
        return frozenset(PointSource)  # any payment changes the total

    def evidence(self, facts: Facts) -> list[str]:
        return [f"{facts.points()} points in all (at least {self.at_least} needed)"]


@dataclass(frozen=True)
class Streak:
    weeks: int

    def met(self, facts: Facts) -> bool:
        return facts.streak() >= self.weeks

    def watched(self) -> frozenset[PointSource]:
        return frozenset(s for s, rule in rules().sources.items() if rule.participation)

    def evidence(self, facts: Facts) -> list[str]:
        return [f"took part {facts.streak()} weeks in a row"]


@dataclass(frozen=True)
class All:
    parts: tuple

    def met(self, facts: Facts) -> bool:
        return all(part.met(facts) for part in self.parts)

    def watched(self) -> frozenset[PointSource]:
        return frozenset().union(*(part.watched() for part in self.parts))

    def evidence(self, facts: Facts) -> list[str]:
        return [line for part in self.parts for line in part.evidence(facts)]


@dataclass(frozen=True)
class Badge:
    id: str
    name: dict[str, str]  # translation maps
    description: dict[str, str]
    criteria: Count | Points | Streak | All = field(repr=False)

    @property
    def image(self) -> str:
        """The image's path under static/."""
        return f"badges/{self.id}.svg"


def _positive(value, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise BadgesError(f"{where}: expected a whole number of 1 or more, got {value!r}")
    return value


def parse_criterion(data, where: str):
    if not isinstance(data, dict) or len(data) != 1:
        raise BadgesError(f"{where}: expected exactly one of count, points, streak, all")
    ((kind, value),) = data.items()
    match kind:
        case "count":
            try:
                sources = frozenset(PointSource(name) for name in value["sources"])
            except (KeyError, TypeError, ValueError) as error:
                raise BadgesError(f"{where}.count.sources: {error}") from None
            return Count(sources, _positive(value.get("at_least"), f"{where}.count.at_least"))
        case "points":
            return Points(_positive(value, f"{where}.points"))
        case "streak":
            return Streak(_positive(value, f"{where}.streak"))
        case "all":
            if not isinstance(value, list) or not value:
                raise BadgesError(f"{where}.all: expected a list of criteria")
            return All(tuple(parse_criterion(p, f"{where}.all[{i}]") for i, p in enumerate(value)))
    raise BadgesError(f"{where}: unknown criterion {kind!r}")


def _translations(value, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != LANGUAGES or not all(value.values()):
        raise BadgesError(f"{where}: needs kk, ru and en")
    return value


def parse_badges(entries: list) -> tuple[Badge, ...]:
    badges = tuple(
        Badge(
            id=entry["id"],
            name=_translations(entry.get("name"), f"{entry['id']}.name"),
            description=_translations(entry.get("description"), f"{entry['id']}.description"),
            criteria=parse_criterion(entry.get("criteria"), f"{entry['id']}.criteria"),
        )
        for entry in entries
    )
    ids = [badge.id for badge in badges]
    if len(set(ids)) != len(ids):
        raise BadgesError("badges: ids must be unique")
    return badges


@cache
def all_badges() -> tuple[Badge, ...]:
    return parse_badges(yaml.safe_load(BADGES_FILE.read_text(encoding="utf-8")))


def badge(badge_id: str) -> Badge | None:
    return next((b for b in all_badges() if b.id == badge_id), None)


def watching(source: PointSource) -> list[Badge]:
    """The badges an award of this source could complete."""
    return [b for b in all_badges() if source in b.criteria.watched()]
