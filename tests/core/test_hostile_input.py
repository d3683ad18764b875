"""The four causes of the fuzz run's 500s, each reproduced as the probe sent it: numbers no
column can hold, calendar months and dashboard periods out of range, and a roster file
that is text in neither accepted encoding."""

import io

import pytest

from app.accounts.roster import RosterInvalid, parse_roster
from app.core.access import Role
from app.quizzes.models import Quiz

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


# What the route fuzz test found on PostgreSQL and in JSON bodies, each as it sent it.


@pytest.mark.parametrize(
    ("method", "url", "options"),
    [
        ("GET", "/badges/%00", {}),
        ("GET", "/events", {"query_string": {"q": "\x00"}}),
        ("POST", "/login", {"data": {"login": "a\x00", "password": "x"}}),
        ("POST", "/live/api/join", {"json": {"pin": "1\x00", "nickname": "x"}}),
    ],
)
def test_a_nul_character_anywhere_in_a_request_is_a_400(client, method, url, options):
    """PostgreSQL text cannot hold NUL: one check at the door answers 400 for every route."""
    assert client.open(url, method=method, **options).status_code == 400


@pytest.mark.parametrize("body", [b"[1, 2, 3]", b'{"login": 1, "password": ["x"]}'])
def test_a_json_body_sent_to_a_page_form_is_an_empty_form(client, body):
    response = client.post("/login", data=body, content_type="application/json")
    assert response.status_code == 200  # the form again, with its errors
    assert "<form" in response.text


def test_a_quiz_file_with_a_nul_is_refused_as_not_text(client, auth, make, region, db):
    teacher = make.user(Role.TEACHER, institution=make.institution(region))
    auth.login(teacher)
    data = {"file": (io.BytesIO(b"Q?{T}\x00"), "quiz.txt"), "format": "gift", "language": "ru"}
    data["title"] = "Binary"
    response = client.post(
        "/teach/quizzes/import",
        data=data,
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "The file is not UTF-8 text." in response.text
    assert db.session.query(Quiz).filter_by(owner_id=teacher.id).count() == 0
