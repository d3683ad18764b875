"""Staff check-in: the scanner's queued scans of students' cards, the roster, attendance and
its CSV."""

import logging
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.cards import card_code, card_holder
from app.accounts.services import change_password
from app.core.access import Role
from app.events.models import CheckIn, CheckInMethod


def _scans(client, event, *scans):
    return client.post(f"/events/{event.id}/scans", json={"scans": list(scans)})


def _scan(scan_id, card, moment) -> dict:
    return {"id": scan_id, "card": card, "scanned_at": moment.isoformat()}


def test_card_codes_name_their_holder_and_cannot_be_forged(app, hall, in_language):
    with in_language("en"):
        code = card_code(hall.student)
        assert card_holder(code) == hall.student
        assert card_holder(code[:-2] + ("AA" if code[-2:] != "AA" else "BB")) is None
        assert card_holder("IH-garbage") is None
        assert card_holder(code.removeprefix("IH-")) is None


def test_a_password_change_replaces_the_card(db, hall, in_language):
    with in_language("en"):
        old = card_code(hall.student)
        change_password(hall.student, "another-horse-7")
        assert card_holder(old) is None
        assert card_holder(card_code(hall.student)) == hall.student


def test_a_batch_of_scans_answers_each_one(client, auth, make, hall, clock, db):
    outsider = make.user(Role.STUDENT, institution=hall.school)
    auth.login(hall.teacher)
    with client.application.test_request_context():
        student_card, outsider_card = card_code(hall.student), card_code(outsider)
    response = _scans(
        client,
        hall.event,
        _scan("a", student_card, clock.moment),
        _scan("b", student_card, clock.moment),  # the camera saw it twice
        _scan("c", "IH-forged.card", clock.moment),
        _scan("d", outsider_card, clock.moment),
        {"id": "e"},
        "not even an object",
    )
    assert response.status_code == 200
    results = {r["id"]: r for r in response.json["results"]}
    assert results["a"]["status"] == "checked_in"
    assert results["a"]["name"] == "Aruzhan Seitkali"
    assert results["b"]["status"] == "already"
    assert results["b"]["message"].startswith("Already checked in at")
    assert results["c"]["status"] == "refused"
    assert "not a valid student card" in results["c"]["message"]
    assert results["d"]["status"] == "refused"  # not in the teacher's classes
    assert "not in your classes or region" in results["d"]["message"]
    assert results["d"]["name"] is None
    assert results["e"]["status"] == "refused"
    assert len(response.json["results"]) == 6
    [record] = db.session.scalars(sa.select(CheckIn)).all()
    assert (record.method, record.by_id) == (CheckInMethod.SCAN, hall.teacher.id)


def test_a_scan_synced_after_the_window_counts_at_the_time_it_was_made(
    client, auth, hall, clock, db
):
    auth.login(hall.teacher)
    with client.application.test_request_context():
        card = card_code(hall.student)
    scanned = clock.moment
    clock.moment = hall.event.ends_at + timedelta(hours=3)  # the connection came back late
    response = _scans(client, hall.event, _scan("late", card, scanned))
    assert response.json["results"][0]["status"] == "checked_in"
    record = db.session.scalar(sa.select(CheckIn))
    assert record.checked_in_at == scanned
    assert record.recorded_at == clock.moment
    # a replay of the same queue later is harmless
    again = _scans(client, hall.event, _scan("late", card, scanned))
    assert again.json["results"][0]["status"] == "already"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 1


def test_a_scan_dated_outside_the_window_is_refused(client, auth, hall, clock, db):
    auth.login(hall.teacher)
    with client.application.test_request_context():
        card = card_code(hall.student)
    long_before = hall.event.starts_at - timedelta(days=1)
    response = _scans(client, hall.event, _scan("x", card, long_before))
    assert response.json["results"][0]["status"] == "refused"
    assert "not opened yet" in response.json["results"][0]["message"]
    assert db.session.scalar(sa.select(CheckIn)) is None


def test_scans_must_be_json_from_staff_of_the_event(client, auth, make, hall):
    auth.login(hall.teacher)
    assert client.post(f"/events/{hall.event.id}/scans", data={"scans": "x"}).status_code == 400
    assert _scans(client, hall.event, *[{}] * 51).status_code == 400
    other_teacher = make.user(Role.TEACHER, institution=hall.school)
    auth.login(other_teacher)  # the class event is not theirs to see, let alone run
    assert _scans(client, hall.event).status_code == 404


def test_manual_check_in_from_the_roster(client, auth, hall, clock, db):
    auth.login(hall.teacher)
    roster = client.get(f"/events/{hall.event.id}/scanner")
    assert "Aruzhan Seitkali" in roster.text
    response = client.post(
        f"/events/{hall.event.id}/attendance/{hall.student.id}",
        data={"next": f"/events/{hall.event.id}/scanner"},
        follow_redirects=True,
    )
    assert "Aruzhan Seitkali: Checked in at" in response.text
    record = db.session.scalar(sa.select(CheckIn))
    assert (record.method, record.by_id) == (CheckInMethod.MANUAL, hall.teacher.id)


def test_the_roster_of_a_wide_event_is_searched_by_name(client, auth, make, region, hall):
    organizer = make.user(Role.ORGANIZER, region=region)
    event = make.event(organizer, region_id=region.id)
    auth.login(organizer)
    assert "Aruzhan" not in client.get(f"/events/{event.id}/attendance").text
    found = client.get(f"/events/{event.id}/attendance?q=aruzh")
    assert "Aruzhan Seitkali" in found.text
    assert "Aruzhan" not in client.get(f"/events/{event.id}/attendance?q=100%25").text


def test_attendance_list_and_csv(client, auth, hall, clock, caplog):
    auth.login(hall.teacher)
    hall.student.full_name = "=HYPERLINK(evil)"
    client.application.extensions["sqlalchemy"].session.commit()
    client.post(f"/events/{hall.event.id}/attendance/{hall.student.id}")
    page = client.get(f"/events/{hall.event.id}/attendance")
    assert "=HYPERLINK(evil)" in page.text
    assert "Checked in by staff" in page.text
    with caplog.at_level(logging.INFO, logger="integrity_hour.exports"):
        export = client.get(f"/events/{hall.event.id}/attendance.csv")
    lines = export.text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Full name,Display name,Institution,Checked in,Method"
    assert lines[1].startswith(f"'=HYPERLINK(evil),{hall.student.display_name},School No. 7,")
    assert lines[1].endswith(",Checked in by staff")
    assert f"export attendance-event-{hall.event.id}.csv by user {hall.teacher.id}" in caplog.text
    assert "HYPERLINK" not in caplog.text  # who exported, never what


def test_projector_state_rotates_with_the_clock(client, auth, hall, clock):
    auth.login(hall.teacher)
    first = client.get(f"/events/{hall.event.id}/projector.json").json
    clock.advance(seconds=20)
    second = client.get(f"/events/{hall.event.id}/projector.json").json
    assert first["code"] != second["code"] or first["qr_svg"] != second["qr_svg"]
    assert first["qr_svg"].startswith("<svg")
    assert 1 <= first["seconds_left"] <= first["window_seconds"] == 20
    assert first["checked_in"] == 0


def test_a_scan_synced_after_the_allowed_delay_is_refused(client, auth, hall, clock, db):
    """Issue 18, finding 8: the phone's clock alone cannot check a student in days later."""
    auth.login(hall.teacher)
    with client.application.test_request_context():
        card = card_code(hall.student)
    scanned = clock.moment  # inside the window, as the device says
    closes = hall.event.ends_at + timedelta(minutes=30)
    clock.moment = closes + timedelta(hours=12, minutes=1)
    [result] = _scans(client, hall.event, _scan("stale", card, scanned)).json["results"]
    assert result["status"] == "refused"
    assert "too long after check-in closed" in result["message"]
    assert db.session.scalar(sa.select(CheckIn)) is None
    clock.moment = hall.event.ends_at + timedelta(days=2)  # the probe's two days
    [result] = _scans(client, hall.event, _scan("stale", card, scanned)).json["results"]
    assert result["status"] == "refused"
    assert db.session.scalar(sa.select(CheckIn)) is None


def test_a_scan_synced_just_inside_the_allowed_delay_counts(client, auth, hall, clock, db):
    auth.login(hall.teacher)
    with client.application.test_request_context():
        card = card_code(hall.student)
    scanned = clock.moment
    clock.moment = hall.event.ends_at + timedelta(hours=12, minutes=29)
    [result] = _scans(client, hall.event, _scan("late", card, scanned)).json["results"]
    assert result["status"] == "checked_in"
