"""Check-in: the projector's rotating QR code and number, the window, the audience, replays
and duplicates, and the ledger."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.events import services, tokens
from app.events.errors import EventError
from app.events.models import Audience, CheckIn, CheckInMethod
from app.gamification.models import PointEntry, PointSource
from app.gamification.queries import total_points


def _token(event, moment) -> str:
    return tokens.qr_token(event.checkin_secret, event.id, moment)


def _code(event, moment) -> str:
    return tokens.numeric_code(event.checkin_secret, event.id, moment)


def _check_ins(db, event) -> list[CheckIn]:
    return list(db.session.scalars(sa.select(CheckIn).where(CheckIn.event_id == event.id)))


def _scan(client, event, token):
    return client.get(f"/e/{event.id}/{token}")


# --- the QR code on the projector -------------------------------------------------------------


def test_scanning_the_projector_code_then_confirming_checks_the_student_in(
    client, auth, hall, clock, db
):
    auth.login(hall.student)
    landing = _scan(client, hall.event, _token(hall.event, clock.moment))
    assert landing.status_code == 302
    assert landing.headers["Location"] == f"/events/{hall.event.id}/check-in"
    confirm = client.get(landing.headers["Location"])
    assert "Check me in" in confirm.text
    assert _check_ins(db, hall.event) == []  # a GET changes nothing

    done = client.post(f"/events/{hall.event.id}/check-in")
    assert done.status_code == 200
    assert "You are checked in" in done.text
    [record] = _check_ins(db, hall.event)
    assert (record.user_id, record.method) == (hall.student.id, CheckInMethod.QR)
    assert total_points(hall.student.id) == 100


def test_an_anonymous_scan_signs_in_first_and_keeps_the_pass(client, hall, clock, db):
    landing = _scan(client, hall.event, _token(hall.event, clock.moment))
    to_login = client.get(landing.headers["Location"])
    assert to_login.status_code == 302
    assert to_login.headers["Location"].startswith("/login?next=")
    clock.advance(minutes=2)  # signing in takes a while; the code on screen moved on
    signed_in = client.post(
        to_login.headers["Location"],
        data={"login": hall.student.login, "password": "correct-horse-9"},
    )
    assert signed_in.headers["Location"] == f"/events/{hall.event.id}/check-in"
    assert client.post(signed_in.headers["Location"]).status_code == 200
    assert len(_check_ins(db, hall.event)) == 1


def test_the_pass_lapses_after_a_few_minutes(client, auth, hall, clock, db):
    auth.login(hall.student)
    _scan(client, hall.event, _token(hall.event, clock.moment))
    clock.advance(minutes=6)
    response = client.post(f"/events/{hall.event.id}/check-in")
    assert response.status_code == 410
    assert "Scan the code again" in response.text
    assert _check_ins(db, hall.event) == []


def test_the_previous_code_is_accepted_but_a_screenshot_expires_within_a_minute(
    client, auth, hall, clock
):
    auth.login(hall.student)
    shown = clock.moment
    token = _token(hall.event, shown)
    clock.advance(seconds=tokens.WINDOW_SECONDS)  # the screen has just changed
    assert _scan(client, hall.event, token).status_code == 302
    clock.moment = shown + timedelta(seconds=2 * tokens.WINDOW_SECONDS)
    expired = _scan(client, hall.event, token)
    assert expired.status_code == 410
    assert "expired" in expired.text


@pytest.mark.parametrize("token", ["", "123", "abc.def", "99999999999.forged", "١٢٣.x"])
def test_malformed_and_forged_tokens_are_refused(client, auth, hall, clock, db, token):
    auth.login(hall.student)
    response = client.get(f"/e/{hall.event.id}/{token}x")
    assert response.status_code == 410
    assert _check_ins(db, hall.event) == []


def test_a_token_of_another_event_is_refused(client, auth, make, hall, clock, db):
    other = make.event(hall.teacher, hall.klass)
    auth.login(hall.student)
    response = _scan(client, hall.event, _token(other, clock.moment))
    assert response.status_code == 410
    assert client.post(f"/events/{hall.event.id}/check-in").status_code == 410
    assert _check_ins(db, hall.event) == []


def test_a_pass_for_one_event_does_not_check_in_at_another(client, auth, make, hall, clock, db):
    other = make.event(hall.teacher, hall.klass)
    auth.login(hall.student)
    _scan(client, hall.event, _token(hall.event, clock.moment))
    assert client.post(f"/events/{other.id}/check-in").status_code == 410
    assert _check_ins(db, other) == []


def test_a_second_scan_says_already_checked_in_with_the_time(client, auth, hall, clock, db):
    auth.login(hall.student)
    _scan(client, hall.event, _token(hall.event, clock.moment))
    client.post(f"/events/{hall.event.id}/check-in")
    clock.advance(minutes=3)
    again = client.get(_scan(client, hall.event, _token(hall.event, clock.moment)).location)
    assert again.status_code == 200
    assert "already checked in" in again.text
    assert len(_check_ins(db, hall.event)) == 1
    assert total_points(hall.student.id) == 100  # paid once


# --- the number on the projector --------------------------------------------------------------


def test_the_numeric_code_checks_in_without_naming_the_event(client, auth, hall, clock, db):
    auth.login(hall.student)
    response = client.post("/check-in", data={"code": _code(hall.event, clock.moment)})
    assert response.status_code == 200
    assert "You are checked in" in response.text
    [record] = _check_ins(db, hall.event)
    assert record.method == CheckInMethod.CODE


def test_a_code_typed_with_a_space_is_read(client, auth, hall, clock, db):
    auth.login(hall.student)
    code = _code(hall.event, clock.moment)
    client.post("/check-in", data={"code": f" {code[:3]} {code[3:]} "})
    assert len(_check_ins(db, hall.event)) == 1


@pytest.mark.parametrize("age_windows", [2, 3])
def test_an_old_code_is_refused(client, auth, hall, clock, db, age_windows):
    auth.login(hall.student)
    code = _code(hall.event, clock.moment)
    clock.advance(seconds=age_windows * tokens.WINDOW_SECONDS)
    if _code(hall.event, clock.moment) == code:  # a one-in-a-million repeat
        pytest.skip("the code happened to repeat")
    response = client.post("/check-in", data={"code": code})
    assert response.status_code == 404
    assert "wrong or has expired" in response.text
    assert _check_ins(db, hall.event) == []


def test_wrong_codes_are_rate_limited_per_student(spawn_app, make, region, hall):
    app = spawn_app(RATELIMIT_ENABLED=True, EVENT_CODE_RATE_LIMIT="3 per minute")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = hall.student.get_id()
    statuses = [client.post("/check-in", data={"code": "000000"}).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    other = make.user(Role.STUDENT)
    with client.session_transaction() as session:
        session["_user_id"] = other.get_id()
    assert client.post("/check-in", data={"code": "000000"}).status_code == 404


# --- rules that hold for every method ---------------------------------------------------------


def test_check_in_opens_and_closes_with_the_grace_period(app, make, hall, db):
    event = make.event(hall.teacher, hall.klass, starts_in=timedelta(hours=2))
    grace = timedelta(minutes=app.config["EVENT_CHECK_IN_GRACE_MINUTES"])
    with pytest.raises(EventError) as refused:
        services.check_in(event, hall.student, CheckInMethod.MANUAL, event.starts_at - grace * 2)
    assert refused.value.code == "too_early"
    with pytest.raises(EventError) as refused:
        services.check_in(event, hall.student, CheckInMethod.MANUAL, event.ends_at + grace * 2)
    assert refused.value.code == "too_late"
    assert _check_ins(db, event) == []
    inside = event.ends_at + grace - timedelta(seconds=1)
    assert services.check_in(event, hall.student, CheckInMethod.MANUAL, inside).created


def test_the_code_of_an_ended_event_matches_nothing(client, auth, make, hall, clock, db):
    event = make.event(hall.teacher, hall.klass, starts_in=timedelta(hours=-3))
    auth.login(hall.student)
    response = client.post("/check-in", data={"code": _code(event, clock.moment)})
    assert response.status_code == 404
    assert _check_ins(db, event) == []


def test_a_student_outside_the_audience_is_refused(client, auth, make, hall, clock, db):
    outsider = make.user(Role.STUDENT, institution=hall.school)  # same school, not the class
    auth.login(outsider)
    _scan(client, hall.event, _token(hall.event, clock.moment))
    response = client.post(f"/events/{hall.event.id}/check-in")
    assert response.status_code == 422
    assert "not open to this student" in response.text
    # a typed code is looked up among the student's own events only
    typed = client.post("/check-in", data={"code": _code(hall.event, clock.moment)})
    assert typed.status_code == 404
    assert "the event is not for you" in typed.text
    assert _check_ins(db, hall.event) == []


def test_audiences(make, region, other_region, hall):
    elsewhere = make.user(Role.STUDENT, institution=make.institution(other_region))
    organizer = make.user(Role.ORGANIZER, region=region)
    open_event = make.event(organizer, region_id=region.id)
    regional = make.event(organizer, region_id=region.id, audience=Audience.REGION)
    schools = make.event(
        organizer,
        region_id=region.id,
        audience=Audience.INSTITUTIONS,
        institution_ids=(hall.school.id,),
    )
    assert open_event.admits(elsewhere) and open_event.admits(hall.student)
    assert regional.admits(hall.student) and not regional.admits(elsewhere)
    assert schools.admits(hall.student) and not schools.admits(elsewhere)
    assert hall.event.admits(hall.student) and not hall.event.admits(elsewhere)


def test_self_check_in_needs_a_seat_when_the_event_asks_for_registration(make, hall, db):
    event = make.event(hall.teacher, hall.klass, registration_required=True)
    now = event.starts_at
    with pytest.raises(EventError) as refused:
        services.check_in(event, hall.student, CheckInMethod.CODE, now)
    assert refused.value.code == "not_registered"
    # staff at the door may still let the student in
    result = services.check_in(event, hall.student, CheckInMethod.MANUAL, now, by=hall.teacher)
    assert result.created


def test_an_event_can_set_its_own_points(make, hall, db):
    event = make.event(hall.teacher, hall.klass, points=250)
    services.check_in(event, hall.student, CheckInMethod.MANUAL, event.starts_at)
    entry = db.session.scalar(sa.select(PointEntry).where(PointEntry.user_id == hall.student.id))
    assert (entry.source_kind, entry.amount, entry.source_key) == (
        PointSource.EVENT_CHECKIN,
        250,
        f"event:{event.id}",
    )


def test_concurrent_double_check_in_leaves_one_row(app, hall, db):
    """Two requests for the same student at the same moment (a double tap, two scanners)."""
    event_id, student_id = hall.event.id, hall.student.id
    moment = hall.event.starts_at + timedelta(minutes=5)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def check_in():
        with app.app_context():
            from app.accounts.models import User
            from app.events.models import Event

            event, student = db.session.get(Event, event_id), db.session.get(User, student_id)
            services.check_in_of(event, student)  # both look first and see nothing
            barrier.wait()
            try:
                results.append(services.check_in(event, student, CheckInMethod.MANUAL, moment))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=check_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert not errors, errors
    assert len(_check_ins(db, hall.event)) == 1
    assert sorted(result.created for result in results) == [False, True]
    assert total_points(student_id) == 100
