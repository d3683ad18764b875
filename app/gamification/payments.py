"""What one award pays and what it adds to: the ledger's arithmetic as a pure function.

``services.award`` applies a ``Payment`` to the database, one award at a time; the national
demo's bulk generator (``app/demo/national/ledger.py``) applies it to millions of rows in
memory. Both ask ``settle``, so one rule produces both: the daily cap, the period totals a
payment adds to, and the week of participation it records (from which streaks are counted,
``periods.StreakRun``). No Flask and no database here.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .periods import day_period_keys, week_start

if TYPE_CHECKING:
    from .rules import Rule


@dataclass(frozen=True, slots=True)
class Payment:
    granted: int  # the points the ledger row pays
    capped_from: int | None  # what was offered, when the daily cap paid less
    periods: tuple[str, ...]  # the keys of the period totals it adds to (none if it pays 0)
    week: date | None  # the week of participation it records (None: not participation)


def offered_points(rule: "Rule", count: int = 1, amount: int | None = None) -> int:
    """The source's points ``count`` times (e.g. correct answers), unless an ``amount`` is
    given (an event's own points, a podium place, a correction)."""
    return rule.points * count if amount is None else amount


def counts_against_cap(rule: "Rule", offered: int) -> bool:
    """Whether the award counts against (and so needs) the day's points of its source."""
    return rule.daily_cap is not None and offered > 0


def settle(rule: "Rule", offered: int, day: date, spent_today: int = 0) -> Payment:
    """One award of ``offered`` points on the Almaty ``day``, when ``spent_today`` points of
    its source were paid to the user that day before it (read only when
    ``counts_against_cap``). The cap pays what still fits, never less than 0."""
    granted = offered
    if counts_against_cap(rule, offered):
        granted = max(0, min(offered, rule.daily_cap - spent_today))
    return Payment(
        granted=granted,
        capped_from=offered if granted != offered else None,
        periods=day_period_keys(day) if granted else (),
        week=week_start(day) if rule.participation else None,
    )
