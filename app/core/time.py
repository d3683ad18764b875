"""Time: UTC in the database and in code; the user's locale converts for display."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

ALMATY = ZoneInfo("Asia/Almaty")


def utcnow() -> datetime:
    return datetime.now(UTC)
