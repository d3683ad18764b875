"""Periods and streaks in Almaty time (UTC+5): weeks from Monday, school years from September."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.gamification.periods import Period, period_key, period_keys, streak_length


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_keys_follow_the_almaty_calendar_not_utc():
    sunday_evening_utc = utc(2026, 11, 29, 19, 30)  # already Monday 00:30 in Almaty
    assert period_key(Period.WEEK, sunday_evening_utc) == "w2026-11-30"
    assert period_key(Period.WEEK, utc(2026, 11, 29, 18, 59)) == "w2026-11-23"
    assert period_key(Period.MONTH, utc(2026, 11, 30, 19, 0)) == "m2026-12"
    assert period_key(Period.MONTH, utc(2026, 11, 30, 18, 59)) == "m2026-11"


def test_the_school_year_starts_on_the_first_of_september():
    assert period_key(Period.YEAR, utc(2026, 8, 31, 18, 59)) == "y2025"
    assert period_key(Period.YEAR, utc(2026, 8, 31, 19, 0)) == "y2026"  # 1 Sept in Almaty
    assert period_key(Period.YEAR, utc(2027, 5, 25, 6, 0)) == "y2026"


def test_every_moment_has_one_key_per_period():
    keys = period_keys(utc(2026, 11, 25, 6, 0))
    assert keys == {
        Period.WEEK: "w2026-11-23",
        Period.MONTH: "m2026-11",
        Period.YEAR: "y2026",
        Period.ALL: "all",
    }


MONDAY = date(2026, 11, 23)


def weeks_ago(*counts: int) -> set[date]:
    return {MONDAY - timedelta(weeks=n) for n in counts}


def test_a_streak_counts_weeks_in_a_row_up_to_this_week():
    assert streak_length(weeks_ago(0, 1, 2), MONDAY) == 3
    assert streak_length(weeks_ago(0, 1, 3), MONDAY) == 2


def test_this_week_not_done_yet_keeps_last_weeks_streak():
    assert streak_length(weeks_ago(1, 2, 3, 4), MONDAY) == 4


def test_a_missed_week_breaks_the_streak():
    assert streak_length(weeks_ago(2, 3, 4), MONDAY) == 0
    assert streak_length(set(), MONDAY) == 0


@given(st.sets(st.integers(min_value=0, max_value=30)))
def test_a_streak_is_the_run_of_consecutive_weeks_ending_now_or_last_week(offsets):
    length = streak_length(weeks_ago(*offsets), MONDAY)
    start = 0 if 0 in offsets else 1
    assert all(n in offsets for n in range(start, start + length))
    assert start + length not in offsets
