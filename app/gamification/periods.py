"""Board periods in Almaty time: this week, this month, this school year, all time.

Each period has a key stored with the totals (``w2026-11-23``, ``m2026-11``, ``y2026``,
``all``). Weeks start on Monday and school years on 1 September, as in Kazakh schools; a
moment near midnight UTC belongs to the Almaty day it is in.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from app.core.time import almaty_day

ALL_TIME = "all"
SCHOOL_YEAR_START_MONTH = 9


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"  # the school year
    ALL = "all"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def school_year(day: date) -> int:
    """The calendar year the school year containing ``day`` started in."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def period_key(period: Period, moment: datetime) -> str:
    return day_period_key(period, almaty_day(moment))


def day_period_key(period: Period, day: date) -> str:
    """The key of the period the Almaty ``day`` falls in."""
    match period:
        case Period.WEEK:
            return f"w{week_start(day).isoformat()}"
        case Period.MONTH:
            return f"m{day:%Y-%m}"
        case Period.YEAR:
            return f"y{school_year(day)}"
        case Period.ALL:
            return ALL_TIME


def period_keys(moment: datetime) -> dict[Period, str]:
    """The key of every period ``moment`` falls in."""
    return dict(zip(Period, day_period_keys(almaty_day(moment)), strict=True))


@lru_cache(maxsize=1024)
def day_period_keys(day: date) -> tuple[str, ...]:
    """The keys of every period the Almaty ``day`` falls in, in the order of ``Period``
    (cached: the national demo's generator asks once per ledger row)."""
    return tuple(day_period_key(period, day) for period in Period)


@dataclass(frozen=True, slots=True)
class StreakRun:
    """The weeks in a row of participation that end with the latest week taken part in.

    Weeks are added in time order (``with_week``); ``length`` is the streak as of a week.
    ``streak_length`` folds a set of weeks through it, and the national demo's generator
    keeps one per student as its ledger goes, so both count streaks by this one rule.
    """

    last_week: date | None = None
    weeks: int = 0

    def with_week(self, week: date) -> "StreakRun":
        if week == self.last_week:
            return self
        follows = self.last_week is not None and week - self.last_week == timedelta(weeks=1)
        return StreakRun(week, self.weeks + 1 if follows else 1)

    def length(self, this_week: date) -> int:
        """Weeks in a row up to ``this_week``, which still counts as "in progress": a
        streak that ran to last week is kept (not broken) until this week is over, which
        is when the nudge to take part matters most."""
        if self.last_week is None:
            return 0
        if self.last_week == this_week or self.last_week == this_week - timedelta(weeks=1):
            return self.weeks
        return 0


def streak_length(active_weeks: set[date], this_week: date) -> int:
    """Weeks in a row with participation, up to this week (see ``StreakRun.length``)."""
    run = StreakRun()
    for week in sorted(week for week in active_weeks if week <= this_week):
        run = run.with_week(week)
    return run.length(this_week)
