"""The periods a dashboard reports on: a month or a school year, in Almaty time.

They are the periods the ledger already keeps totals for (``m2026-11``, ``y2026``), so
"active students" and points are read from maintained rows, never counted from the ledger.
Pure: no Flask, no database.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from app.core.time import ALMATY
from app.gamification.periods import SCHOOL_YEAR_START_MONTH, school_year, week_start

KEY = re.compile(r"^(?:m(\d{4})-(\d{2})|y(\d{4}))$")
EARLIEST_YEAR = 2000


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def almaty_midnight(day: date) -> datetime:
    """Almaty midnight at the start of ``day``, as a UTC moment."""
    return datetime(day.year, day.month, day.day, tzinfo=ALMATY).astimezone(UTC)


class _AlmatyDays:
    """A range [first_day, end_day) of Almaty days, with its ends as UTC moments."""

    first_day: date
    end_day: date

    @property
    def start(self) -> datetime:
        return almaty_midnight(self.first_day)

    @property
    def end(self) -> datetime:
        return almaty_midnight(self.end_day)


@dataclass(frozen=True)
class Bucket(_AlmatyDays):
    """One bar of a chart over time: a month of a year, or a week of a month (its days in
    the month, under the ledger's key of the whole week)."""

    key: str  # the ledger's period key: m2026-11 or w2026-11-02
    first_day: date
    end_day: date  # exclusive


@dataclass(frozen=True)
class ReportPeriod(_AlmatyDays):
    key: str  # m2026-11 or y2026
    first_day: date
    end_day: date  # exclusive

    @property
    def is_year(self) -> bool:
        return self.key.startswith("y")

    def previous(self) -> "ReportPeriod":
        if self.is_year:
            return school_year_period(self.first_day.year - 1)
        return month_period(self.first_day - timedelta(days=1))

    def buckets(self) -> list[Bucket]:
        """Months of a school year; the weeks (from Monday) of a month, cut to the month, so
        the bars add up to the month; a week's active students are the whole week's."""
        if self.is_year:
            months, day = [], self.first_day
            while day < self.end_day:
                following = first_of_next_month(day)
                months.append(Bucket(f"m{day:%Y-%m}", day, following))
                day = following
            return months
        monday, weeks = week_start(self.first_day), []
        while monday < self.end_day:
            following = monday + timedelta(weeks=1)
            first, end = max(monday, self.first_day), min(following, self.end_day)
            weeks.append(Bucket(f"w{monday.isoformat()}", first, end))
            monday = following
        return weeks


def month_period(day: date) -> ReportPeriod:
    first = day.replace(day=1)
    return ReportPeriod(f"m{first:%Y-%m}", first, first_of_next_month(first))


def school_year_period(year: int) -> ReportPeriod:
    first = date(year, SCHOOL_YEAR_START_MONTH, 1)
    return ReportPeriod(f"y{year}", first, date(year + 1, SCHOOL_YEAR_START_MONTH, 1))


def parse_period(key: str | None, today: date) -> ReportPeriod | None:
    """The period a query string names; None for anything else, or for a period that has
    not begun. An empty key means this school year."""
    if not key:
        return school_year_period(school_year(today))
    match = KEY.match(key)
    if match is None:
        return None
    month_year, month, year = match.groups()
    # Check the year before making dates: y9999 or m9999-12 would end in the year 10000,
    # which is no date (a 500); a period that has not begun is refused anyway.
    if not EARLIEST_YEAR <= int(year or month_year) <= today.year:
        return None
    if year is not None:
        period = school_year_period(int(year))
    elif 1 <= int(month) <= 12:
        period = month_period(date(int(month_year), int(month), 1))
    else:
        return None
    return None if period.first_day > today else period


def recent_periods(today: date, months: int = 12) -> list[ReportPeriod]:
    """What the period picker offers: this and the last school year, then recent months."""
    year = school_year(today)
    choices = [school_year_period(year), school_year_period(year - 1)]
    month = month_period(today)
    for _ in range(months):
        choices.append(month)
        month = month.previous()
    return choices
