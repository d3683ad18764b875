"""The month grid of the calendar view: pure, Almaty days, weeks starting on Monday."""

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from app.core.time import ALMATY, almaty_day


@dataclass
class Day:
    day: date
    in_month: bool
    events: list = field(default_factory=list)


# The months the calendar pages through. Bounded so that the month before and after (and
# their Almaty midnights) are dates too: date(1, 1, 1) has no previous month, date(9999, 12,
# 1) no next one, and either was a 500 for anyone, signed in or not.
FIRST_YEAR, LAST_YEAR = 2000, 2999


def parse_month(text: str | None, today: date) -> date:
    """ "2026-11" → 1 November 2026; anything else, or a year outside FIRST_YEAR..LAST_YEAR,
    → this month."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def month_bounds(first: date) -> tuple[datetime, datetime]:
    """The month as a UTC interval [start, end) of Almaty days."""
    following = (first + timedelta(days=31)).replace(day=1)
    return _utc_midnight(first), _utc_midnight(following)


def neighbours(first: date) -> tuple[date, date]:
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=31)).replace(day=1)
    return previous, following


def month_grid(first: date, events: list) -> list[list[Day]]:
    """Weeks of days; each event appears on every Almaty day it covers in the grid."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )
    days = {day: Day(day, day.month == first.month) for week in weeks for day in week}
    for event in events:
        day = almaty_day(event.starts_at)
        last = almaty_day(event.ends_at - timedelta(microseconds=1))
        while day <= last:
            if day in days:
                days[day].events.append(event)
            day += timedelta(days=1)
    return [[days[day] for day in week] for week in weeks]


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=ALMATY).astimezone(UTC)
