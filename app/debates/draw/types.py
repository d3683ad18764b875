"""The records the draw engine reads and the rooms it returns."""

from dataclasses import dataclass, field
from enum import StrEnum


class Flag(StrEnum):
    """Why a room looks the way it does (shown to organizers)."""

    PULLED_UP = "pulled_up"  # a team was moved up from the bracket below to even a bracket
    SWAPPED_REPEAT = "swapped_repeat"  # teams were swapped to avoid a repeat meeting
    SWAPPED_INSTITUTION = "swapped_institution"  # swapped to avoid two teams of one school
    REPEAT = "repeat"  # a repeat meeting that could not be avoided
    SAME_INSTITUTION = "same_institution"  # one school on both sides, not avoidable
    BYE = "bye"  # the team has no opponent this round
    SIDES_UNBALANCED = "sides_unbalanced"  # a side history that could not be evened
    # ... because more teams of the bracket were due that side than it has places for them
    SIDES_BRACKET = "sides_bracket"
    # ... because every pairing that evened it meant a repeat or one school on both sides
    SIDES_CONFLICT = "sides_conflict"


@dataclass(frozen=True)
class TeamRecord:
    """One team as the draw sees it, after the rounds so far.

    ``sides`` counts, for two-team formats, how often the team was [proposition, opposition];
    for British Parliamentary, how often it sat in each position [OG, OO, CG, CO].
    """

    id: int
    institution: int | None = None
    points: int = 0  # wins in two-team formats; team points (3/2/1/0 per room) in BP
    speaks: float = 0.0  # total speaker score, a tie-breaker inside a bracket
    met: frozenset[int] = frozenset()  # ids of teams already debated against
    sides: tuple[int, ...] = (0, 0)
    pullups: int = 0  # times pulled up so far
    byes: int = 0  # byes had so far


@dataclass(frozen=True)
class Room:
    """Teams in their positions: (proposition, opposition), or (OG, OO, CG, CO) in BP.
    A bye is a room of one team."""

    teams: tuple[int, ...]
    bracket: float = 0  # the points of the room's bracket (for allocation and display)
    flags: dict[int, tuple[Flag, ...]] = field(default_factory=dict)  # per team id
