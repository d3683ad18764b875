"""Eligibility: the rules file, per-region overrides, progress and the recommended mark."""

import pytest
import sqlalchemy as sa

from app.accounts.models import Region
from app.core.access import Role
from app.gamification.models import BadgeAward, PointSource
from app.gamification.services import award
from app.volunteers import eligibility, queries, services
from app.volunteers.eligibility import EligibilityError, Facts, Rule


def test_the_repositorys_rules_file_is_valid():
    default, overrides = eligibility.load_rules()
    assert default
    assert all(rules for rules in overrides.values())


@pytest.mark.parametrize(
    "entries",
    [None, [], [{"points": -1}], [{"points": 1, "events": 2}], [{"level": 3}], [{"badge": ""}]],
)
def test_malformed_rules_are_refused(entries):
    with pytest.raises(EligibilityError):
        eligibility.parse_rules(entries, "default")


def test_progress_toward_each_rule():
    rules = (Rule("points", 500), Rule("events", 2), Rule("badge", "first-quiz"))
    facts = Facts(points=650, events=1, badges=frozenset({"first-quiz"}))
    steps = eligibility.progress(rules, facts)
    assert [(s.have, s.need, s.met) for s in steps] == [
        (650, 500, True),
        (1, 2, False),
        (1, 1, True),
    ]
    assert not eligibility.is_eligible(rules, facts)
    assert eligibility.is_eligible(rules, Facts(500, 2, frozenset({"first-quiz"})))


def test_a_region_can_override_the_default():
    default, overrides = eligibility.load_rules()
    assert eligibility.rules_for("almaty") == overrides["almaty"]
    assert eligibility.rules_for("no-such-region") == default
    assert eligibility.rules_for(None) == default


def test_an_eligible_students_application_is_recommended(db, make, region):
    student = make.user(Role.STUDENT, institution=make.institution(region), birth_year=2000)
    award(student.id, PointSource.CORRECTION, "gift", "test", amount=600)
    for number in range(2):
        award(student.id, PointSource.EVENT_CHECKIN, f"event:{number}", "event")
    db.session.commit()
    assert all(step.met for step in services.progress_of(student))
    application = make.application(student)
    assert application.recommended


def test_the_hub_shows_progress_and_the_invitation(client, auth, make, region):
    student = make.user(Role.STUDENT, institution=make.institution(region), birth_year=2000)
    auth.login(student)
    page = client.get("/volunteer").text
    assert "Points: 0 of 500" in page
    assert "Events attended: 0 of 2" in page
    assert "You are invited" not in page
    award(student.id, PointSource.CORRECTION, "gift", "test", amount=600)
    for number in range(2):
        award(student.id, PointSource.EVENT_CHECKIN, f"event:{number}", "event")
    make.db.session.commit()
    assert "You are invited to become a volunteer!" in client.get("/volunteer").text
    assert "You are invited to become a volunteer!" in client.get("/").text  # the home page


def test_regions_count_who_meets_their_rules_as_each_student_sees_it(db, make, region, monkeypatch):
    """The dashboards' count per region agrees with every student's own progress page."""
    almaty = db.session.scalar(sa.select(Region).where(Region.code == "almaty"))
    schools = {"astana": make.institution(region), "almaty": make.institution(almaty)}
    students = []
    for place, (points, events, badge) in enumerate(
        [(600, 2, False), (600, 3, False), (400, 5, True), (900, 1, True), (500, 2, True)]
    ):
        for code, school in schools.items():
            student = make.user(Role.STUDENT, institution=school)
            award(student.id, PointSource.CORRECTION, "earlier", "earlier work", amount=points)
            for number in range(events):
                award(
                    student.id,
                    PointSource.EVENT_CHECKIN,
                    f"event:{place}-{code}-{number}",
                    "an event",
                    amount=0,
                )
            if badge:
                db.session.add(
                    BadgeAward(
                        public_id=f"b{student.id}",
                        user_id=student.id,
                        badge_id="first_quiz",
                        recipient_identity="urn:uuid:test",
                        recipient_type="id",
                        recipient_hash="h",
                        salt="s",
                    )
                )
            students.append(student)
    db.session.commit()
    with_badge = (*eligibility.rules_for(None), Rule("badge", "first_quiz"))
    monkeypatch.setattr(
        eligibility,
        "rules_for",
        lambda code: (
            with_badge
            if code == "astana"
            else eligibility.load_rules()[1].get(code, eligibility.load_rules()[0])
        ),
    )
    expected = {region.id: 0, almaty.id: 0}
    for student in students:
        if all(step.met for step in services.progress_of(student)):
            expected[student.institution.region_id] += 1
    assert expected == {region.id: 1, almaty.id: 1}  # astana needs the badge; almaty 3 events
    assert queries.eligible_by_region([region, almaty]) == expected
