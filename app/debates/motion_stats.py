"""Motion statistics: how each side (BP: each position) fared on each motion, to spot
motions that favour one side. Pure: plain records in, plain figures out.

A *seat* is one team's place in a confirmed debate (byes are left out): the motion of its
round, the debate, its position and its points (two-team: 1 for a win, 0 for a loss; BP:
3/2/1/0). For each motion, ``average[p]`` is the mean points of position p over the
motion's rooms: in two-team formats that is the side's win rate, in BP the position's
average team points (1.5 when balanced).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Seat:
    motion: int
    debate: int
    position: int
    points: int


@dataclass(frozen=True)
class MotionStats:
    motion: int
    rooms: int
    average: tuple[float, ...]  # per position: win rate (two teams) or average points (BP)


def motion_stats(seats: Iterable[Seat], positions: int) -> dict[int, MotionStats]:
    """Per motion id, its rooms and each position's average points."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0] * positions)
    rooms: dict[int, set[int]] = defaultdict(set)
    for seat in seats:
        totals[seat.motion][seat.position] += seat.points
        rooms[seat.motion].add(seat.debate)
    return {
        motion: MotionStats(
            motion=motion,
            rooms=len(rooms[motion]),
            average=tuple(total / len(rooms[motion]) for total in totals[motion]),
        )
        for motion in totals
    }
