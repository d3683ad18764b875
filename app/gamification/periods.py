"""Board periods in Almaty time: this week, this month, this school year, all time.

Each period has a key stored with the totals (``w2026-11-23``, ``m2026-11``, ``y2026``,
``all``). Weeks start on Monday and school years on 1 September, as in Kazakh schools; a
moment near midnight UTC belongs to the Almaty day it is in.
"""

from datetime import date, datetime, timedelta
from enum import StrEnum

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
    day = almaty_day(moment)
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
    return {period: period_key(period, moment) for period in Period}


def streak_length(active_weeks: set[date], this_week: date) -> int:
    """Weeks in a row with participation, up to this week.

    This week still counts as "in progress": a streak that ran to last week is kept (not
    broken) until this week is over, which is when the nudge to take part matters most.
    """
    week = this_week if this_week in active_weeks else this_week - timedelta(weeks=1)
    length = 0
    while week in active_weeks:
        length += 1
        week -= timedelta(weeks=1)
    return length
