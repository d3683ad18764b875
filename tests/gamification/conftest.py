"""A controllable clock for gamification: awards, periods and streaks read it."""

from datetime import UTC, datetime

import pytest

from app.gamification import queries, services


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def set(self, *args) -> datetime:
        """clock.set(2026, 11, 23, 10, 0) — UTC."""
        self.moment = datetime(*args, tzinfo=UTC)
        return self.moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(datetime(2026, 11, 25, 6, 0, tzinfo=UTC))  # a Wednesday, 11:00 in Almaty
    monkeypatch.setattr(services, "utcnow", clock)
    monkeypatch.setattr(queries, "utcnow", clock)
    return clock
