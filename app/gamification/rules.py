"""The point rules, levels and board settings, read from rules.yaml next to this file.

The file is read and checked once; a mistake in it stops the app at start-up with a message
that names the entry, rather than paying wrong points later.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .models import PointSource

RULES_FILE = Path(__file__).with_name("rules.yaml")


class RulesError(ValueError):
    """rules.yaml is malformed."""


@dataclass(frozen=True)
class Rule:
    points: int = 0
    places: tuple[int, ...] = ()
    daily_cap: int | None = None
    participation: bool = False


@dataclass(frozen=True)
class Level:
    number: int  # 1 for the first level
    points: int  # the total at which it starts
    name: dict[str, str]  # a translation map


@dataclass(frozen=True)
class Rules:
    sources: dict[PointSource, Rule]
    levels: tuple[Level, ...]
    board_size: int
    min_active_for_average: int


def _non_negative(value, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RulesError(f"{where}: expected a whole number of 0 or more, got {value!r}")
    return value


def _rule(name: str, entry: dict) -> Rule:
    unknown = set(entry) - {"points", "places", "daily_cap", "participation"}
    if unknown:
        raise RulesError(f"sources.{name}: unknown setting(s) {sorted(unknown)}")
    cap = entry.get("daily_cap")
    return Rule(
        points=_non_negative(entry.get("points", 0), f"sources.{name}.points"),
        places=tuple(_non_negative(p, f"sources.{name}.places") for p in entry.get("places", [])),
        daily_cap=None if cap is None else _non_negative(cap, f"sources.{name}.daily_cap"),
        participation=bool(entry.get("participation", False)),
    )


def _levels(entries: list) -> tuple[Level, ...]:
    levels = tuple(
        Level(
            number=index + 1,
            points=_non_negative(entry["points"], f"levels[{index}].points"),
            name=entry["name"],
        )
        for index, entry in enumerate(entries)
    )
    if not levels or levels[0].points != 0:
        raise RulesError("levels: the first level must start at 0 points")
    if any(b.points <= a.points for a, b in zip(levels, levels[1:], strict=False)):
        raise RulesError("levels: each level must need more points than the one before")
    for level in levels:
        if set(level.name) != {"kk", "ru", "en"}:
            raise RulesError(f"levels[{level.number - 1}].name: needs kk, ru and en")
    return levels


def parse_rules(data: dict) -> Rules:
    sources = data.get("sources") or {}
    missing = {source.value for source in PointSource} - set(sources)
    unknown = set(sources) - {source.value for source in PointSource}
    if missing or unknown:
        raise RulesError(f"sources: missing {sorted(missing)}, unknown {sorted(unknown)}")
    boards = data.get("leaderboards") or {}
    return Rules(
        sources={PointSource(name): _rule(name, entry or {}) for name, entry in sources.items()},
        levels=_levels(data.get("levels") or []),
        board_size=_non_negative(boards.get("top", 50), "leaderboards.top"),
        min_active_for_average=_non_negative(
            boards.get("min_active_for_average", 1), "leaderboards.min_active_for_average"
        ),
    )


@cache
def rules() -> Rules:
    return parse_rules(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))


def rule(source: PointSource) -> Rule:
    return rules().sources[source]


def placement_points(place: int) -> int:
    """Points for a podium place (1 = first); 0 below the podium."""
    places = rule(PointSource.LIVE_PLACEMENT).places
    return places[place - 1] if 1 <= place <= len(places) else 0


@dataclass(frozen=True)
class LevelProgress:
    level: Level
    next: Level | None
    points: int

    @property
    def percent(self) -> int:
        """How far from this level to the next, 0–100 (100 at the top level)."""
        if self.next is None:
            return 100
        span = self.next.points - self.level.points
        return (self.points - self.level.points) * 100 // span

    @property
    def points_to_next(self) -> int:
        return 0 if self.next is None else self.next.points - self.points


def level_progress(points: int) -> LevelProgress:
    levels = rules().levels
    reached = [level for level in levels if level.points <= max(points, 0)]
    current = reached[-1]
    following = levels[current.number] if current.number < len(levels) else None
    return LevelProgress(level=current, next=following, points=points)
