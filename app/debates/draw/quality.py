"""One measure of a draw's quality, the same for every draw type and format.

:func:`measure` takes the teams' records *before* the round and the rooms the engine
returned (two-team rooms are (proposition, opposition), BP rooms (OG, OO, CG, CO); a room of
one team is a bye) and counts what a tab director checks before releasing a draw:

- ``repeats``: pairs of teams in one room that have met before;
- ``same_institution``: pairs of teams of one institution in one room;
- ``pulled_up``: teams in a room above their own bracket (points below the room's
  ``bracket``), and ``bracket_distance``: their summed distance in points;
- ``side_cost``: the sum over teams of the square of their excess on the side (BP: position)
  they are given, over their least-held one: 0 when every team gets a side it has had no
  more often than another, the cost the draws minimise;
- ``sides_apart``: teams whose side (BP: position) counts will be two or more apart once the
  round is played;
- ``conflicted_judges``: adjudicators sitting in a room they are conflicted with (counted by
  `app.debates.allocation.conflicted_judges` and passed in: the allocation never seats one,
  so anything but 0 means the panels were changed by hand or the conflicts after the fact).
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import combinations

from app.debates.draw.types import Room, TeamRecord


@dataclass(frozen=True)
class DrawQuality:
    rooms: int = 0
    repeats: int = 0
    same_institution: int = 0
    pulled_up: int = 0
    bracket_distance: float = 0
    side_cost: int = 0
    sides_apart: int = 0
    conflicted_judges: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def __add__(self, other: "DrawQuality") -> "DrawQuality":
        """Two leagues' draws together."""
        return DrawQuality(
            *(a + b for a, b in zip(self.as_dict().values(), other.as_dict().values(), strict=True))
        )


def measure(
    teams: Sequence[TeamRecord], rooms: Sequence[Room], conflicted_judges: int = 0
) -> DrawQuality:
    by_id = {team.id: team for team in teams}
    repeats = same = pulled = side_cost = apart = 0
    distance = 0.0
    debates = 0
    for room in rooms:
        seated = [by_id[team_id] for team_id in room.teams]
        if len(seated) > 1:
            debates += 1
        for a, b in combinations(seated, 2):
            repeats += b.id in a.met or a.id in b.met
            same += a.institution is not None and a.institution == b.institution
        for position, team in enumerate(seated):
            if team.points < room.bracket:
                pulled += 1
                distance += room.bracket - team.points
            if len(seated) == 1:  # a bye: no side
                apart += max(team.sides) - min(team.sides) >= 2
                continue
            sides = list(team.sides) if any(team.sides) else [0] * len(seated)
            side_cost += (sides[position] - min(sides)) ** 2
            sides[position] += 1
            apart += max(sides) - min(sides) >= 2
    return DrawQuality(
        rooms=debates,
        repeats=repeats,
        same_institution=same,
        pulled_up=pulled,
        bracket_distance=distance,
        side_cost=side_cost,
        sides_apart=apart,
        conflicted_judges=conflicted_judges,
    )
