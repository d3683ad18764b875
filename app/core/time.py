"""Time: UTC in the database and in code; the user's locale converts for display."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ALMATY = ZoneInfo("Asia/Almaty")


def utcnow() -> datetime:
    return datetime.now(UTC)


def from_almaty(wall_clock: datetime) -> datetime:
    """A time typed in a form (Almaty wall-clock, no zone) as a UTC moment."""
    return wall_clock.replace(tzinfo=ALMATY).astimezone(UTC)


def to_almaty(moment: datetime) -> datetime:
    """A UTC moment as Almaty wall-clock time without a zone, to fill a form field."""
    return moment.astimezone(ALMATY).replace(tzinfo=None)


def almaty_day(moment: datetime) -> date:
    """The calendar day in Kazakhstan (Asia/Almaty) at a UTC moment: days, weeks and
    school years are counted there, whatever the server's zone."""
    return moment.astimezone(ALMATY).date()
