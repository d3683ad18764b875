"""Organizers: the region boundary, the queue's filters, CSV and the contact-access log;
activities, their confirmation and points; the region's figures; the application form."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.core.time import utcnow
from app.gamification.queries import total_points
from app.volunteers import queries
from app.volunteers.forms import normalize_phone
from app.volunteers.models import (
    Activity,
    ActivityStatus,
    Application,
    ContactAccess,
    Direction,
    Status,
)


@pytest.fixture
def school(make, region):
    return make.institution(region, name="Lyceum 15")


@pytest.fixture
def volunteer(make, school):
    return make.user(Role.STUDENT, institution=school, birth_year=2000, full_name="Dana Omarova")


@pytest.fixture
def organizer(make, region):
    return make.user(Role.ORGANIZER, region=region)


@pytest.fixture
def far_organizer(make, other_region):
    return make.user(Role.ORGANIZER, region=other_region)


def test_another_regions_organizer_gets_nothing(client, auth, make, volunteer, far_organizer):
    application = make.application(volunteer, status=Status.ACTIVE)
    activity = make.activity(volunteer)
    auth.login(far_organizer)
    assert client.get(f"/volunteer/applications/{application.id}").status_code == 404
    assert (
        client.post(
            f"/volunteer/applications/{application.id}/move", data={"status": "declined"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/volunteer/activities/{activity.id}/review", data={"confirm": "1"}
        ).status_code
        == 404
    )
    assert "Dana" not in client.get("/volunteer/queue").text
    assert "Dana" not in client.get("/volunteer/queue.csv").text
    assert "Dana" not in client.get("/volunteer/activities/review").text
    assert activity.status == ActivityStatus.PENDING
    assert application.status == Status.ACTIVE


def test_opening_an_application_and_exporting_are_logged(client, auth, make, volunteer, organizer):
    application = make.application(volunteer)
    auth.login(organizer)
    page = client.get(f"/volunteer/applications/{application.id}")
    assert "+77012345678" in page.text
    client.get("/volunteer/queue.csv")
    log = make.db.session.execute(
        sa.select(ContactAccess.user_id, ContactAccess.application_id, ContactAccess.action)
    ).all()
    assert sorted(log, key=str) == sorted(
        [(organizer.id, application.id, "view"), (organizer.id, None, "export")], key=str
    )


def test_the_csv_for_the_department(client, auth, make, volunteer, organizer):
    make.application(volunteer, direction=Direction.PRO_BONO, email="dana@example.kz")
    auth.login(organizer)
    lines = client.get("/volunteer/queue.csv").text.lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "Number,Full name,Institution,Direction,Status,Recommended,Phone,E-mail,"
        "Availability,Skills,Submitted"
    )
    cells = lines[1].split(",")
    assert cells[1:7] == [
        "Dana Omarova",
        "Lyceum 15",
        "Pro bono professional help",
        "Submitted",
        "no",
        "'+77012345678",  # a leading + would start a formula in a spreadsheet
    ]
    assert cells[7] == "dana@example.kz"


def test_queue_filters(client, auth, make, school, volunteer, organizer, region):
    other = make.user(Role.STUDENT, institution=make.institution(region), birth_year=2000)
    first = make.application(volunteer, direction=Direction.PUBLIC_CONTROL)
    second = make.application(other, direction=Direction.CORPORATE, status=Status.IN_REVIEW)
    every = queries.QueueFilter()
    assert set(queries.queue(region.id, every)) == {first, second}
    chosen = queries.QueueFilter(direction=Direction.CORPORATE)
    assert queries.queue(region.id, chosen) == [second]
    assert queries.queue(region.id, queries.QueueFilter(status=Status.SUBMITTED)) == [first]
    by_school = queries.QueueFilter(institution_id=school.id)
    assert queries.queue(region.id, by_school) == [first]
    assert queries.queue(region.id, queries.QueueFilter(recommended=True)) == []
    auth.login(organizer)
    page = client.get("/volunteer/queue?direction=corporate")
    assert f"#{second.id}" in page.text and f"#{first.id} " not in page.text


def test_bulk_move_through_the_page(client, auth, make, school, volunteer, organizer):
    other = make.user(Role.STUDENT, institution=school, birth_year=2000)
    applications = [make.application(volunteer), make.application(other)]
    auth.login(organizer)
    response = client.post(
        "/volunteer/queue",
        data={"application_ids": [a.id for a in applications], "status": "in_review"},
        follow_redirects=True,
    )
    assert "2 applications changed." in response.text
    make.db.session.expire_all()
    assert {a.status for a in make.db.session.scalars(sa.select(Application))} == {Status.IN_REVIEW}


def test_a_confirmed_activity_pays_points_and_counts(
    client, auth, make, volunteer, organizer, region
):
    make.application(volunteer, status=Status.ACTIVE)
    activity = make.activity(volunteer)
    auth.login(organizer)
    client.post(f"/volunteer/activities/{activity.id}/review", data={"confirm": "1"})
    assert activity.status == ActivityStatus.CONFIRMED
    assert total_points(volunteer.id) == 200
    again = client.post(
        f"/volunteer/activities/{activity.id}/review", data={"confirm": "1"}, follow_redirects=True
    )
    assert "already been reviewed" in again.text
    assert total_points(volunteer.id) == 200
    figures = queries.figures(region.id)
    assert figures.active_volunteers == 1
    assert figures.reported_savings_tenge == 1_500_000
    assert sum(figures.confirmed_by_kind.values()) == 1
    assert "1,500,000" in client.get("/volunteer/figures").text


def test_a_rejected_activity_pays_nothing_and_is_not_counted(make, volunteer, organizer, region):
    from app.volunteers.services import review_activity

    make.application(volunteer, status=Status.ACTIVE)
    activity = make.activity(volunteer)
    review_activity(activity, organizer, False, "no photos", utcnow())
    assert total_points(volunteer.id) == 0
    assert queries.figures(region.id).reported_savings_tenge == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"savings_tenge": "-5"}, "from 0 to 100 billion"),
        ({"savings_tenge": "999999999999999"}, "from 0 to 100 billion"),
        ({"object_type": ""}, "Choose what you monitored."),
        ({"held_on": "2999-01-01"}, "cannot be in the future"),
        ({"place": ""}, "Enter where it took place."),
    ],
)
def test_bad_activities_are_refused(client, auth, make, volunteer, changes, message):
    make.application(volunteer, status=Status.ACTIVE)
    auth.login(volunteer)
    data = {
        "kind": "monitoring_visit",
        "object_type": "road_repair",
        "held_on": (utcnow() - timedelta(days=1)).date().isoformat(),
        "place": "Abay avenue",
        "savings_tenge": "250000",
    } | changes
    response = client.post("/volunteer/activities/new", data=data)
    assert response.status_code == 200
    assert message in response.text
    assert make.db.session.scalar(sa.select(Activity)) is None


def test_only_active_volunteers_log_activities(client, auth, make, volunteer):
    make.application(volunteer)  # submitted, not yet active
    auth.login(volunteer)
    response = client.get("/volunteer/activities/new", follow_redirects=True)
    assert "Only active volunteers log activities." in response.text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+7 701 234 56 78", "+77012345678"),
        ("8 (701) 234-56-78", "+77012345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("12345", None),
        ("phone", None),
        ("+7 701 234 56 78 99 99 99", None),
    ],
)
def test_phone_numbers(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "call me"}, "Enter a phone number such as"),
        ({"email": "not-an-address"}, "Enter an e-mail address such as"),
        ({"consent": None}, "Tick the box to agree"),
        ({"direction": None}, "Choose a direction."),
    ],
)
def test_bad_applications_are_refused(client, auth, make, volunteer, changes, message):
    auth.login(volunteer)
    data = {
        "direction": "public_control",
        "motivation": "Honest roads",
        "phone": "+7 701 234 56 78",
        "email": "dana@example.kz",
        "consent": "y",
    } | changes
    response = client.post("/volunteer/apply", data={k: v for k, v in data.items() if v})
    assert response.status_code == 200
    assert message in response.text
    assert make.db.session.scalar(sa.select(Application)) is None


def test_applying_through_the_page(client, auth, make, volunteer):
    auth.login(volunteer)
    response = client.post(
        "/volunteer/apply",
        data={
            "direction": "research_education",
            "motivation": "Teach younger students",
            "phone": "8 701 234 56 78",
            "email": "Dana@Example.kz",
            "consent": "y",
        },
    )
    assert response.status_code == 302
    application = make.db.session.scalar(sa.select(Application))
    assert (application.phone, application.email) == ("+77012345678", "dana@example.kz")
    assert application.consent_policy_version == "2026-11"
    assert application.status == Status.SUBMITTED
