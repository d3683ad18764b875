"""Eligibility: the rules file, per-region overrides, progress and the recommended mark."""

import pytest

from app.core.access import Role
from app.gamification.models import PointSource
from app.gamification.services import award
from app.volunteers import eligibility, services
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
