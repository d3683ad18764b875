"""A tournament day takes its creator's scope (issue 18, finding 2): a teacher who dates a
tournament gets no region-wide event through which to reach other schools' people."""

from datetime import timedelta

import sqlalchemy as sa

from app.core.access import Role
from app.core.time import utcnow
from app.debates import services
from app.debates.standings import DEFAULT_METRICS
from app.events.models import Audience, CheckIn


def _dated(region, name="Day Cup") -> services.TournamentDetails:
    starts_at = utcnow() - timedelta(minutes=10)
    return services.TournamentDetails(
        name=name,
        format_key="wsdc",
        region_id=region.id,
        institution_id=None,
        leagues=(),
        metrics=DEFAULT_METRICS,
        break_size=0,
        institution_cap=None,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=6),
    )


def test_a_teachers_tournament_day_is_for_their_school_then_the_teams_schools(make, region):
    school, guest_school, bystander = (make.institution(region) for _ in range(3))
    teacher = make.user(Role.TEACHER, institution=school)
    tournament = services.create_tournament(teacher, _dated(region), utcnow())
    event = tournament.event
    assert event.audience == Audience.INSTITUTIONS
    assert {i.id for i in event.institutions} == {school.id}
    services.add_team(tournament, "Guests", guest_school.id, "", [], ["A", "B", "C"])
    services.add_team(tournament, "Guests 2", guest_school.id, "", [], ["D", "E", "F"])
    assert sorted(i.id for i in event.institutions) == sorted([school.id, guest_school.id])
    assert bystander.id not in {i.id for i in event.institutions}


def test_an_organizers_tournament_day_is_for_their_region(make, region):
    organizer = make.user(Role.ORGANIZER, region=region)
    tournament = services.create_tournament(organizer, _dated(region), utcnow())
    assert tournament.event.audience == Audience.REGION


def test_the_teacher_cannot_reach_another_schools_people_through_the_day(
    client, auth, make, region, db
):
    school, other = make.institution(region), make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    stranger = make.user(Role.STUDENT, institution=other, full_name="Other School Pupil")
    klass = make.school_class(other)
    klass.students.append(stranger)
    make.db.session.commit()
    tournament = services.create_tournament(teacher, _dated(region), utcnow())
    services.add_team(tournament, "Visitors", other.id, "", [], ["A", "B", "C"])
    event_id = tournament.event.id
    auth.login(teacher)
    assert "Other School Pupil" not in client.get(f"/events/{event_id}/scanner?q=pupil").text
    client.post(f"/events/{event_id}/attendance/{stranger.id}")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 0
