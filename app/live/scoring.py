"""Live-game scoring and ranking: pure functions over plain values, no Flask, no database.

The default follows the well-known speed formula: a correct answer earns
round((1 − (t / T) / 2) × base), so an instant answer earns the whole base and one at the
last moment half of it; a streak bonus rewards consecutive correct answers.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEFAULT_BASE = 1000
BASE_CHOICES = (500, 1000, 2000)


@dataclass(frozen=True)
class Scoring:
    base: int = DEFAULT_BASE
    speed: bool = True  # False: every correct answer earns the whole base
    streak: bool = True
    streak_step: int = 100  # per consecutive correct answer after the first
    streak_cap: int = 500

    @classmethod
    def from_dict(cls, data: dict | None) -> "Scoring":
        data = data or {}
        return cls(
            base=int(data.get("base", DEFAULT_BASE)),
            speed=bool(data.get("speed", True)),
            streak=bool(data.get("streak", True)),
        )

    def to_dict(self) -> dict:
        return {"base": self.base, "speed": self.speed, "streak": self.streak}


@dataclass(frozen=True)
class Scored:
    points: int  # everything this answer earned, bonus included
    bonus: int
    streak: int  # consecutive correct answers, this one included


def speed_points(elapsed_ms: int, limit_ms: int, base: int) -> int:
    """round((1 − (t / T) / 2) × base), with t clamped to [0, T]."""
    fraction = min(max(elapsed_ms, 0), limit_ms) / limit_ms
    return round((1 - fraction / 2) * base)


def base_points(credit: float | None, elapsed_ms: int, limit_ms: int, rules: "Scoring") -> int:
    """What an answer earns before any streak bonus (known when it arrives): the speed
    points times the answer's credit (1 for a right answer, a share for a partly right
    matching, 0 or None for a wrong one or a poll)."""
    if not credit:
        return 0
    full = speed_points(elapsed_ms, limit_ms, rules.base) if rules.speed else rules.base
    return round(full * credit)


def streak_bonus(streak_before: int, rules: "Scoring") -> int:
    """The bonus of a correct answer after ``streak_before`` correct ones in a row."""
    return min(streak_before * rules.streak_step, rules.streak_cap) if rules.streak else 0


def score_answer(
    correct: bool | None, elapsed_ms: int, limit_ms: int, streak_before: int, rules: Scoring
) -> Scored:
    """Points for one answer. ``correct`` is None for a poll: no points, streak untouched."""
    if correct is None:
        return Scored(0, 0, streak_before)
    if not correct:
        return Scored(0, 0, 0)
    bonus = streak_bonus(streak_before, rules)
    return Scored(base_points(True, elapsed_ms, limit_ms, rules) + bonus, bonus, streak_before + 1)


def competition_ranks(scores: Sequence[int]) -> list[int]:
    """Ranks of scores already sorted best first; equal scores share a rank (1, 2, 2, 4)."""
    ranks: list[int] = []
    for index, score in enumerate(scores):
        same_as_above = index > 0 and score == scores[index - 1]
        ranks.append(ranks[-1] if same_as_above else index + 1)
    return ranks


def average(values: Iterable[int]) -> int:
    """A team's score: the rounded mean of its members' scores (0 for an empty team), so a
    big team has no edge over a small one."""
    values = list(values)
    return round(sum(values) / len(values)) if values else 0
