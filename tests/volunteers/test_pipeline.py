"""The application's pipeline: legal moves only, each recorded and notified; the minors'
consent gate; withdrawal and erasure."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.accounts import notifications
from app.accounts.models import Notification
from app.core.access import Role
from app.core.errors import FieldError
from app.core.time import utcnow
from app.volunteers import queries, services
from app.volunteers.models import (
    ORGANIZER_MOVES,
    TRANSITIONS,
    Application,
    IllegalTransition,
    Status,
)
from app.volunteers.services import ApplicationDetails, VolunteerError


@pytest.fixture
def school(make, region):
    return make.institution(region)


@pytest.fixture
def adult(make, school):
    return make.user(Role.STUDENT, institution=school, birth_year=2001)


@pytest.fixture
def organizer(make, region):
    return make.user(Role.ORGANIZER, region=region)


def _details(**changes) -> ApplicationDetails:
    values = {
        "direction": "public_control",
        "motivation": "Honest roads",
        "skills": "",
        "availability": "",
        "phone": "+77012345678",
        "email": "a@example.kz",
        "consent": True,
        "guardian_name": "",
        "guardian_contact": "",
    }
    return ApplicationDetails(**(values | changes))


ALL_MOVES = [(current, wanted) for current in Status for wanted in Status]


@pytest.mark.parametrize(("current", "wanted"), ALL_MOVES)
def test_only_the_pipelines_moves_are_possible(current, wanted):
    application = Application(status=current, history=[])
    legal = wanted in TRANSITIONS[current]
    if legal:
        application.move_to(wanted, None, "", utcnow())
        assert application.status == wanted
        assert application.history[-1].from_status == current
    else:
        with pytest.raises(IllegalTransition):
            application.move_to(wanted, None, "", utcnow())
        assert application.status == current and application.history == []


def test_final_statuses_go_nowhere_and_withdrawal_is_always_open_until_then():
    assert TRANSITIONS[Status.DECLINED] == TRANSITIONS[Status.WITHDRAWN] == frozenset()
    for status in set(Status) - {Status.DECLINED, Status.WITHDRAWN}:
        assert Status.WITHDRAWN in TRANSITIONS[status]


def test_an_illegal_move_by_an_organizer_is_refused_and_nothing_changes(
    db, adult, organizer, in_language
):
    application = services.apply(adult, _details(), utcnow())
    with in_language("en"), pytest.raises(VolunteerError) as refused:
        services.move(application, Status.ACTIVE, organizer, "skip ahead", utcnow())
    assert "cannot become" in refused.value.message
    db.session.rollback()
    db.session.refresh(application)
    assert application.status == Status.SUBMITTED
    assert len(application.history) == 1
    with pytest.raises(VolunteerError):  # not an organizer's move at all
        services.move(application, Status.WITHDRAWN, organizer, "", utcnow())
    assert Status.WITHDRAWN not in ORGANIZER_MOVES


def test_each_move_is_recorded_and_notified(db, adult, organizer, in_language):
    application = services.apply(adult, _details(), utcnow())
    for status in (Status.IN_REVIEW, Status.INTERVIEW, Status.ACCEPTED, Status.ACTIVE):
        services.move(application, status, organizer, f"to {status}", utcnow())
    assert [c.to_status for c in application.history] == [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.INTERVIEW,
        Status.ACCEPTED,
        Status.ACTIVE,
    ]
    assert application.history[-1].by_id == organizer.id
    assert application.history[-1].note == "to active"
    with in_language("kk"):
        texts = [notifications.text(n) for n in notifications.recent(adult.id)]
    assert len(texts) == 4
    assert any("белсенді" in text.lower() for text in texts)  # "active volunteer" in Kazakh


def test_bulk_moves_are_all_or_nothing(db, make, school, adult, organizer):
    other = make.user(Role.STUDENT, institution=school, birth_year=2000)
    first = services.apply(adult, _details(), utcnow())
    second = services.apply(other, _details(), utcnow())
    services.move(second, Status.DECLINED, organizer, "", utcnow())
    with pytest.raises(VolunteerError) as refused:
        services.bulk_move([first, second], Status.IN_REVIEW, organizer, "", utcnow())
    assert f"#{second.id}" in refused.value.message
    assert db.session.get(Application, first.id).status == Status.SUBMITTED  # rolled back
    services.bulk_move([first], Status.IN_REVIEW, organizer, "", utcnow())
    assert first.status == Status.IN_REVIEW


def test_a_ticked_application_outside_the_region_moves_nothing(
    db, make, school, adult, organizer, other_region
):
    mine = services.apply(adult, _details(), utcnow())
    away = make.user(Role.STUDENT, institution=make.institution(other_region), birth_year=2000)
    theirs = services.apply(away, _details(), utcnow())
    region_id = organizer.organizer_region_id
    with pytest.raises(VolunteerError) as refused:
        services.move_chosen(
            {mine.id, theirs.id}, region_id, Status.IN_REVIEW, organizer, "", utcnow()
        )
    assert refused.value.code == "choose_from_list"
    assert db.session.get(Application, mine.id).status == Status.SUBMITTED
    moved = services.move_chosen({mine.id}, region_id, Status.IN_REVIEW, organizer, "", utcnow())
    assert moved == [mine] and mine.status == Status.IN_REVIEW


def test_a_minors_application_waits_for_the_guardians_consent(db, make, school, organizer, region):
    minor = make.user(Role.STUDENT, institution=school, birth_year=utcnow().year - 15)
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher=teacher)
    klass.students.append(minor)
    db.session.commit()
    with pytest.raises(FieldError) as refused:
        services.apply(minor, _details(), utcnow())
    assert refused.value.field == "guardian_name"
    assert db.session.scalar(sa.select(Application)) is None
    application = services.apply(
        minor, _details(guardian_name="Aigul Omarova", guardian_contact="+77015550000"), utcnow()
    )
    assert (application.status, application.is_minor) == (Status.AWAITING_CONSENT, True)
    assert queries.queue(region.id, queries.QueueFilter()) == []
    assert queries.visible_application(application.id, region.id) is None
    assert queries.awaiting_consent(teacher) == [application]
    services.confirm_guardian_consent(application, teacher, utcnow())
    assert application.status == Status.SUBMITTED
    assert application.guardian_confirmed_by_id == teacher.id
    assert queries.queue(region.id, queries.QueueFilter()) == [application]


def test_only_the_students_teacher_confirms_consent(client, auth, make, school):
    minor = make.user(Role.STUDENT, institution=school, birth_year=2012)
    application = make.application(minor)
    stranger = make.user(Role.TEACHER, institution=school)
    auth.login(stranger)
    assert client.post(f"/volunteer/consents/{application.id}/confirm").status_code == 404
    assert application.status == Status.AWAITING_CONSENT


def test_an_unknown_birth_year_counts_as_a_minor(make, school):
    assert services.is_minor(make.user(Role.STUDENT, institution=school), date(2026, 11, 25))


def test_one_application_under_way_at_a_time(db, adult):
    services.apply(adult, _details(), utcnow())
    with pytest.raises(VolunteerError):
        services.apply(adult, _details(), utcnow())
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1


def test_missing_consent_is_refused(db, adult):
    with pytest.raises(FieldError) as refused:
        services.apply(adult, _details(consent=False), utcnow())
    assert refused.value.field == "consent"


def test_erasure_removes_the_personal_data_and_withdraws(db, adult, organizer):
    application = services.apply(adult, _details(motivation="Secret reasons"), utcnow())
    services.move(application, Status.IN_REVIEW, organizer, "called her", utcnow())
    services.erase(application, adult, utcnow())
    db.session.expire_all()
    stored = db.session.get(Application, application.id)
    assert stored.status == Status.WITHDRAWN
    assert stored.erased_at is not None
    for field in ("motivation", "phone", "email", "guardian_name", "guardian_contact"):
        assert getattr(stored, field) == ""
    assert all(change.note == "" for change in stored.history)
    assert services.open_application(adult) is None  # may apply again


def test_notifications_page_and_mark_read(client, auth, db, adult, organizer):
    application = services.apply(adult, _details(), utcnow())
    services.move(application, Status.IN_REVIEW, organizer, "", utcnow())
    auth.login(adult)
    page = client.get("/notifications")
    assert "Organizers are reviewing your volunteer application." in page.text
    assert "<mark" in client.get("/").text  # the unread count in the menu
    client.post("/notifications/read")
    assert notifications.unread_count(adult.id) == 0
    assert db.session.scalar(sa.select(Notification.read_at)) is not None


def test_a_teacher_seeing_guardians_contacts_is_logged(client, auth, make, school):
    from app.volunteers.models import ContactAccess

    teacher = make.user(Role.TEACHER, institution=school)
    minor = make.user(Role.STUDENT, institution=school, birth_year=2012)
    klass = make.school_class(school, teacher=teacher)
    klass.students.append(minor)
    make.db.session.commit()
    application = make.application(minor)
    auth.login(teacher)
    assert "Saule Guardian" in client.get("/volunteer/consents").text
    logged = make.db.session.execute(
        sa.select(ContactAccess.user_id, ContactAccess.application_id, ContactAccess.action)
    ).all()
    assert logged == [(teacher.id, application.id, "view")]
