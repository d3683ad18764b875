"""Staff reach no further than their own scope, whatever an event's audience (issue 18,
finding 1): a regional organizer's open event does not open the whole country to them."""

import sqlalchemy as sa

from app.accounts.cards import card_code
from app.core.access import Role
from app.core.time import utcnow
from app.events import services
from app.events.models import CheckIn, CheckInMethod
from app.gamification.queries import total_points

REFUSAL = "You cannot check in this person: they are not in your classes or region."


def _open_event_and_people(make, region, other_region):
    organizer = make.user(Role.ORGANIZER, region=region)
    home = make.institution(region, name="Home School")
    away = make.institution(other_region, name="Faraway School")
    neighbour = make.user(Role.STUDENT, institution=home, full_name="Dana Home", login="dana-h")
    stranger = make.user(Role.STUDENT, institution=away, full_name="Erlan Away", login="erlan-a")
    for person, school in ((neighbour, home), (stranger, away)):
        klass = make.school_class(school)
        klass.students.append(person)
    make.db.session.commit()
    event = make.event(organizer, region_id=region.id)  # open to everyone
    return organizer, event, neighbour, stranger


def _check_ins(db) -> list[tuple[int, int]]:
    return list(db.session.execute(sa.select(CheckIn.event_id, CheckIn.user_id)))


def test_a_manual_check_in_outside_the_organizers_region_is_refused_naming_nobody(
    client, auth, make, region, other_region, db
):
    organizer, event, _neighbour, stranger = _open_event_and_people(make, region, other_region)
    auth.login(organizer)
    page = client.post(f"/events/{event.id}/attendance/{stranger.id}", follow_redirects=True)
    assert REFUSAL in page.text
    assert "Erlan" not in page.text
    assert _check_ins(db) == []
    assert total_points(stranger.id) == 0


def test_a_missing_id_gets_the_same_refusal_as_an_out_of_scope_one(
    client, auth, make, region, other_region, db
):
    organizer, event, *_ = _open_event_and_people(make, region, other_region)
    auth.login(organizer)
    page = client.post(f"/events/{event.id}/attendance/999999", follow_redirects=True)
    assert page.status_code == 200
    assert REFUSAL in page.text


def test_the_organizer_still_checks_in_people_of_their_region(
    client, auth, make, region, other_region, db
):
    organizer, event, neighbour, _stranger = _open_event_and_people(make, region, other_region)
    auth.login(organizer)
    page = client.post(f"/events/{event.id}/attendance/{neighbour.id}", follow_redirects=True)
    assert "Dana Home: Checked in at" in page.text
    assert _check_ins(db) == [(event.id, neighbour.id)]


def test_the_scanner_search_stays_in_scope_and_never_matches_a_login(
    client, auth, make, region, other_region
):
    organizer, event, *_ = _open_event_and_people(make, region, other_region)
    auth.login(organizer)
    assert "Dana Home" in client.get(f"/events/{event.id}/scanner?q=dana").text
    assert "Erlan Away" not in client.get(f"/events/{event.id}/scanner?q=erlan").text
    assert "Dana Home" not in client.get(f"/events/{event.id}/scanner?q=dana-h").text


def test_a_scan_of_an_out_of_scope_card_is_refused_naming_nobody(
    client, auth, make, region, other_region, db
):
    organizer, event, _neighbour, stranger = _open_event_and_people(make, region, other_region)
    auth.login(organizer)
    with client.application.test_request_context():
        card = card_code(stranger)
    scan = {"id": "s1", "card": card, "scanned_at": utcnow().isoformat()}
    [result] = client.post(f"/events/{event.id}/scans", json={"scans": [scan]}).json["results"]
    assert (result["status"], result["name"], result["message"]) == ("refused", None, REFUSAL)
    assert _check_ins(db) == []


def test_self_check_in_into_an_open_event_stays_and_is_counted_but_not_named(
    client, auth, make, region, other_region, db
):
    organizer, event, _neighbour, stranger = _open_event_and_people(make, region, other_region)
    services.check_in(event, stranger, CheckInMethod.CODE, utcnow())
    assert total_points(stranger.id) == 100
    auth.login(organizer)
    page = client.get(f"/events/{event.id}/attendance")
    assert "Erlan" not in page.text and "Faraway School" not in page.text
    assert "1 person from outside your classes or region checked in" in page.text
    export = client.get(f"/events/{event.id}/attendance.csv").text
    assert "Erlan" not in export and "Faraway" not in export


def test_registrants_outside_the_scope_are_counted_not_named(
    client, auth, make, region, other_region
):
    organizer = make.user(Role.ORGANIZER, region=region)
    event = make.event(organizer, region_id=region.id, registration_required=True)
    away = make.institution(other_region)
    services.register(
        event, make.user(Role.STUDENT, institution=away, full_name="Far Off"), utcnow()
    )
    auth.login(organizer)
    page = client.get(f"/events/{event.id}/attendance")
    assert "Far Off" not in page.text
    assert "1 more person from outside your classes or region registered." in page.text


def test_a_teacher_reaches_only_the_students_of_their_own_classes(client, auth, make, region, db):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    colleague = make.user(Role.TEACHER, institution=school)
    theirs = make.user(Role.STUDENT, institution=school, full_name="Not Mine")
    klass = make.school_class(school, teacher=colleague)
    klass.students.append(theirs)
    make.db.session.commit()
    event = make.event(teacher, region_id=region.id)  # open, the teacher its author
    auth.login(teacher)
    assert "Not Mine" not in client.get(f"/events/{event.id}/scanner?q=not").text
    page = client.post(f"/events/{event.id}/attendance/{theirs.id}", follow_redirects=True)
    assert REFUSAL in page.text
    assert _check_ins(db) == []
