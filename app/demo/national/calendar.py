"""The national demo's calendar: Almaty days from the start to today, how busy each is at
school, and wall-clock times as the naive UTC the rows store."""

import bisect
import random
from datetime import UTC, date, datetime, time, timedelta

from app.core.time import ALMATY, almaty_day

LESSON_HOURS = (8.5, 9.4, 10.3, 11.4, 12.3, 13.2, 14.1, 15.0, 15.9, 16.8)


def _school_day_weight(day: date) -> float:
    """How busy a day is at school: weekdays, Saturdays a little, holidays hardly."""
    month_day = (day.month, day.day)
    if month_day in PUBLIC_HOLIDAYS:
        weight = 0.05
    elif (6, 1) <= month_day <= (8, 24):
        weight = 0.03  # summer: camps, universities' summer terms, volunteering
    elif (
        (8, 25) <= month_day <= (8, 31)
        or (5, 26) <= month_day <= (5, 31)
        or any(first <= day <= last for first, last in BREAKS)
    ):
        weight = 0.12  # the days around the school year and the holidays
    else:
        weight = 1.0
    if day.weekday() == 5:
        weight *= 0.3
    elif day.weekday() == 6:
        weight *= 0.06
    if (12, 1) <= month_day <= (12, 12):
        weight *= 1.5  # around 9 December, the International Anti-Corruption Day
    return weight


PUBLIC_HOLIDAYS = {
    (1, 1), (1, 2), (1, 7), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9),
    (7, 6), (8, 30), (10, 25), (12, 16),
}  # fmt: skip
BREAKS = [  # school holidays
    (date(2025, 10, 27), date(2025, 11, 2)),
    (date(2025, 12, 29), date(2026, 1, 7)),
    (date(2026, 3, 19), date(2026, 3, 29)),
    (date(2026, 10, 26), date(2026, 11, 1)),
    (date(2026, 12, 29), date(2027, 1, 7)),
]


class Calendar:
    """Almaty days from the start to today, their weights, and wall-clock times as UTC."""

    def __init__(self, start: date, now: datetime):
        self.now = now.astimezone(UTC).replace(tzinfo=None)  # naive UTC, like every row
        self.today = almaty_day(now)
        self.days = [start + timedelta(days=n) for n in range((self.today - start).days + 1)]
        self.weights = [_school_day_weight(day) for day in self.days]
        self.cumulative = []
        total = 0.0
        for weight in self.weights:
            total += weight
            self.cumulative.append(total)
        self.offsets = {}

    def index(self, day: date) -> int:
        return (day - self.days[0]).days

    @staticmethod
    def almaty_date(moment: datetime) -> date:
        """The Almaty day of a naive UTC moment."""
        return almaty_day(moment.replace(tzinfo=UTC))

    def at(self, day: date, hour: float) -> datetime:
        """Almaty wall-clock ``hour`` (e.g. 9.5) of ``day`` as naive UTC."""
        offset = self.offsets.get(day)
        if offset is None:
            offset = self.offsets[day] = ALMATY.utcoffset(datetime.combine(day, time(12)))
        return datetime.combine(day, time()) + timedelta(hours=hour) - offset

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return self.at(day, 0), self.at(day + timedelta(days=1), 0)

    def weighted_day(self, rng: random.Random, first: int, last: int) -> int:
        """A day index in [first, last], busy days more likely."""
        first = max(first, 0)
        low = self.cumulative[first - 1] if first > 0 else 0.0
        point = low + rng.random() * (self.cumulative[last] - low)
        return min(bisect.bisect_left(self.cumulative, point, first, last + 1), last)
