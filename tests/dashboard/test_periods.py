"""Report periods: what a query string may name, the period before, and the chart's bars."""

from datetime import UTC, date, datetime

import pytest

from app.dashboard.periods import month_period, parse_period, recent_periods, school_year_period

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("", ("y2026", date(2026, 9, 1), date(2027, 9, 1))),
        ("y2025", ("y2025", date(2025, 9, 1), date(2026, 9, 1))),
        ("m2026-11", ("m2026-11", date(2026, 11, 1), date(2026, 12, 1))),
        ("m2026-12", ("m2026-12", date(2026, 12, 1), date(2027, 1, 1))),
    ],
)
def test_a_period_a_query_string_names(key, expected):
    period = parse_period(key, TODAY)
    assert (period.key, period.first_day, period.end_day) == expected


@pytest.mark.parametrize(
    "key", ["m2026-13", "m2026-00", "y1999", "m2027-01", "y2027", "2026", "w2026-11-30", "m26-1"]
)
def test_anything_else_or_a_period_not_begun_is_refused(key):
    assert parse_period(key, TODAY) is None


def test_the_period_before():
    assert month_period(date(2026, 1, 15)).previous().key == "m2025-12"
    assert school_year_period(2026).previous().key == "y2025"


def test_periods_start_at_almaty_midnight():
    assert month_period(date(2026, 11, 1)).start == datetime(2026, 10, 31, 19, 0, tzinfo=UTC)


def test_a_school_year_is_charted_by_month():
    months = school_year_period(2026).buckets()
    assert [b.key for b in months][:2] == ["m2026-09", "m2026-10"]
    assert len(months) == 12 and months[-1].key == "m2027-08"


def test_a_month_is_charted_by_weeks_cut_to_the_month():
    weeks = month_period(date(2026, 12, 1)).buckets()
    assert [w.key for w in weeks] == [
        "w2026-11-30",
        "w2026-12-07",
        "w2026-12-14",
        "w2026-12-21",
        "w2026-12-28",
    ]
    assert (weeks[0].first_day, weeks[-1].end_day) == (date(2026, 12, 1), date(2027, 1, 1))
    days = sum((w.end_day - w.first_day).days for w in weeks)
    assert days == 31


def test_the_picker_offers_two_school_years_then_recent_months():
    keys = [period.key for period in recent_periods(TODAY, months=3)]
    assert keys == ["y2026", "y2025", "m2026-12", "m2026-11", "m2026-10"]
