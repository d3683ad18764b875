"""The four causes of the fuzz run's 500s, each reproduced as the probe sent it: numbers no
column can hold, calendar months and dashboard periods out of range, and a roster file
that is text in neither accepted encoding."""

import io

import pytest

from app.accounts.roster import RosterInvalid, parse_roster
from app.core.access import Role

HUGE = str(2**63)  # SQLite's OverflowError
PG_HUGE = str(2**31)  # one past PostgreSQL's INTEGER


@pytest.mark.parametrize("number", [HUGE, PG_HUGE, "9" * 40])
def test_an_id_no_column_can_hold_is_not_found(client, number):
    assert client.get(f"/events/{number}").status_code == 404
    assert client.get(f"/quizzes/{number}").status_code in (302, 404)


@pytest.mark.parametrize("number", [HUGE, PG_HUGE, "-" + HUGE])
def test_a_query_number_no_column_can_hold_is_ignored(client, auth, make, region, number):
    auth.login(make.user(Role.ORGANIZER, region=region))
    assert client.get(f"/events?region={number}&institution={number}").status_code == 200
    assert client.get(f"/volunteer/queue?institution={number}").status_code == 200
    assert client.get(f"/leaderboards/institutions?region={number}").status_code == 200
    assert client.get(f"/leaderboards?scope=region&region={number}").status_code < 500


@pytest.mark.parametrize("month", ["9999-12", "1-1", "0-5", "10000-1", "2026-13", "-1-1"])
def test_a_calendar_month_out_of_range_shows_this_month(client, month):
    assert client.get(f"/events/calendar?month={month}").status_code == 200


@pytest.mark.parametrize("period", ["m9999-12", "y9999", "m1-1", "y0", "m2026-0"])
def test_a_dashboard_period_out_of_range_is_refused_without_an_error(
    client, auth, make, region, period
):
    auth.login(make.user(Role.ORGANIZER, region=region))
    assert client.get(f"/dashboard?period={period}").status_code < 500


def test_a_roster_in_neither_encoding_is_a_clear_error(in_language):
    with in_language("en"), pytest.raises(RosterInvalid) as refused:
        parse_roster(b"\xff\x98")
    assert refused.value.errors[0].message == "This is not a text CSV file."


def test_a_teacher_uploading_such_a_roster_sees_the_error_and_no_account_is_made(
    client, auth, make, region
):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher=teacher)
    auth.login(teacher)
    response = client.post(
        f"/classes/{klass.id}/roster",
        data={"roster": (io.BytesIO(b"\xff\x98"), "roster.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "This is not a text CSV file." in response.text
    assert klass.students == []
