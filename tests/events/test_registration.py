"""Registration: seats, the waitlist moving up, and capacity changes that cannot strand
anyone."""

from datetime import timedelta

import pytest

from app.core.access import Role
from app.core.errors import FieldError
from app.core.time import utcnow
from app.events import queries, services
from app.events.errors import EventError
from app.events.models import RegistrationStatus
from app.events.services import EventDetails

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


@pytest.fixture
def students(make, hall):
    crowd = [make.user(Role.STUDENT, institution=hall.school) for _ in range(4)]
    hall.klass.students.extend(crowd)
    make.db.session.commit()
    return crowd


@pytest.fixture
def seminar(make, hall):
    return make.event(
        hall.teacher,
        hall.klass,
        starts_in=timedelta(days=2),
        registration_required=True,
        capacity=2,
    )


def _statuses(event, users) -> list:
    found = {r.user_id: r.status for r in queries.registrations(event)}
    return [found.get(user.id) for user in users]


def test_seats_then_a_waitlist_in_order(seminar, students):
    now = utcnow()
    for minute, student in enumerate(students):
        services.register(seminar, student, now + timedelta(minutes=minute))
    assert _statuses(seminar, students) == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    third = services.registration_of(seminar, students[3])
    assert queries.waitlist_position(third) == 2


def test_cancelling_a_seat_moves_the_first_waiting_up(seminar, students):
    now = utcnow()
    for minute, student in enumerate(students):
        services.register(seminar, student, now + timedelta(minutes=minute))
    promoted = services.cancel_registration(seminar, students[0], now + timedelta(hours=1))
    assert [r.user_id for r in promoted] == [students[2].id]
    assert _statuses(seminar, students) == [None, CONFIRMED, CONFIRMED, WAITLISTED]


def test_leaving_the_waitlist_promotes_nobody(seminar, students):
    now = utcnow()
    for minute, student in enumerate(students):
        services.register(seminar, student, now + timedelta(minutes=minute))
    assert services.cancel_registration(seminar, students[2], now) == []
    assert _statuses(seminar, students) == [CONFIRMED, CONFIRMED, None, WAITLISTED]


def test_registering_twice_changes_nothing_and_coming_back_queues_at_the_end(seminar, students):
    now = utcnow()
    for minute, student in enumerate(students[:3]):
        services.register(seminar, student, now + timedelta(minutes=minute))
    again = services.register(seminar, students[0], now + timedelta(minutes=10))
    assert again.status == CONFIRMED
    services.cancel_registration(seminar, students[0], now + timedelta(minutes=11))
    services.register(seminar, students[0], now + timedelta(minutes=12))
    assert _statuses(seminar, students[:3]) == [WAITLISTED, CONFIRMED, CONFIRMED]


def test_registration_refusals(make, region, other_region, hall, seminar):
    with pytest.raises(EventError) as refused:
        services.register(hall.event, hall.student, utcnow())  # needs no registration
    assert refused.value.code == "registration_not_needed"
    outsider = make.user(Role.STUDENT, institution=make.institution(other_region))
    with pytest.raises(EventError) as refused:
        services.register(seminar, outsider, utcnow())
    assert refused.value.code == "not_in_audience"
    with pytest.raises(EventError) as refused:
        services.register(seminar, hall.student, seminar.ends_at + timedelta(minutes=1))
    assert refused.value.code == "registration_closed"
    with pytest.raises(EventError) as refused:
        services.cancel_registration(seminar, hall.student, utcnow())
    assert refused.value.code == "not_registered_yet"
    assert queries.registrations(seminar) == []


def _details(event, **changes) -> EventDetails:
    values = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.place,
        "online_url": event.online_url,
        "region_id": event.region_id,
        "institution_id": event.institution_id,
        "audience": event.audience,
        "class_ids": tuple(k.id for k in event.classes),
        "institution_ids": tuple(i.id for i in event.institutions),
        "registration_required": event.registration_required,
        "capacity": event.capacity,
        "points": event.points,
    }
    return EventDetails(**(values | changes))


def test_capacity_below_the_seats_taken_is_refused_and_nothing_changes(
    db, seminar, students, in_language
):
    now = utcnow()
    for student in students[:2]:
        services.register(seminar, student, now)
    with in_language("en"), pytest.raises(FieldError) as refused:
        services.update_event(seminar, _details(seminar, capacity=1, place="Gym"), now)
    assert refused.value.field == "capacity"
    assert "2 people already have a seat" in refused.value.message
    db.session.rollback()
    db.session.refresh(seminar)
    assert (seminar.capacity, seminar.place) == (2, "Assembly hall")


def test_raising_the_capacity_lets_the_waitlist_in(seminar, students):
    now = utcnow()
    for minute, student in enumerate(students):
        services.register(seminar, student, now + timedelta(minutes=minute))
    services.update_event(seminar, _details(seminar, capacity=3), now)
    assert _statuses(seminar, students) == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]


def test_an_event_cannot_end_before_it_starts(db, seminar):
    details = _details(seminar, ends_at=seminar.starts_at - timedelta(minutes=1))
    with pytest.raises(FieldError) as refused:
        services.update_event(seminar, details, utcnow())
    assert refused.value.field == "ends_at"


def test_register_and_cancel_through_the_page(client, auth, seminar, hall):
    auth.login(hall.student)
    client.post(f"/events/{seminar.id}/register")
    page = client.get(f"/events/{seminar.id}")
    assert "You are registered." in page.text
    client.post(f"/events/{seminar.id}/cancel")
    assert "Register" in client.get(f"/events/{seminar.id}").text
    assert services.registration_of(seminar, hall.student).status == RegistrationStatus.CANCELLED
