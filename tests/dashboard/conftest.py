"""A small town with known figures: two schools in Astana and one in Shymkent, their
students' check-ins, games, debates, answers and volunteering, last month and this month.

Everything is written through the areas' services where they take a time (check-ins,
applications, the ledger under a set clock); rows that only a long-running flow would
produce (a finished live game, a confirmed debate, answers) are set directly.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from app.core.access import Role
from app.core.time import ALMATY, utcnow
from app.dashboard.periods import ReportPeriod, month_period
from app.events.models import CheckInMethod, EventKind
from app.events.services import check_in
from app.gamification import services as ledger
from app.gamification.models import PointSource
from app.live.models import GamePhase, TeamMode
from app.live.scoring import Scoring
from app.live.services import create_game
from app.quizzes.models import Answer, Attempt
from app.volunteers.models import Status
from app.volunteers.services import review_activity


class Clock:
    def __init__(self):
        self.moment = None

    def __call__(self):
        return self.moment or utcnow()


@dataclass
class Town:
    this_month: ReportPeriod
    last_month: ReportPeriod
    last_month_moment: datetime
    schools: dict
    students: dict
    teacher: object
    organizer: object
    national_organizer: object
    classes: dict
    questions: list


def _tenth_of(period: ReportPeriod) -> datetime:
    first = period.first_day
    return datetime(first.year, first.month, 10, 12, 0, tzinfo=ALMATY).astimezone(UTC)


@pytest.fixture
def town(make, region, other_region, monkeypatch, db) -> Town:
    clock = Clock()
    monkeypatch.setattr(ledger, "utcnow", clock)
    today = utcnow().astimezone(ALMATY).date()
    this_month = month_period(today)
    last_month = this_month.previous()
    then = _tenth_of(last_month)
    registered = then - timedelta(days=30)

    schools = {
        "one": make.institution(region, "School No. 1"),
        "two": make.institution(region, "School No. 2"),
        "far": make.institution(other_region, "Shymkent School"),
    }
    teacher = make.user(Role.TEACHER, login="curator", institution=schools["one"])
    students = {
        name: make.user(
            Role.STUDENT, login=name, institution=schools[school], created_at=registered
        )
        for name, school in (
            ("aruzhan", "one"),
            ("bekzat", "one"),
            ("dana", "two"),
            ("yerlan", "far"),
        )
    }
    classes = {
        key: make.school_class(schools[key], teacher=teacher, name=f"9{letter}")
        for key, letter in (("one", "А"), ("two", "Б"), ("far", "В"))
    }
    for name, school in (("aruzhan", "one"), ("bekzat", "one"), ("dana", "two"), ("yerlan", "far")):
        classes[school].students.append(students[name])
    db.session.commit()

    def attend(klass, who, moment, kind=EventKind.INTEGRITY_HOUR):
        event = make.event(
            teacher, klass, starts_in=moment - utcnow() - timedelta(minutes=10), kind=kind
        )
        clock.moment = moment
        for student in who:
            check_in(event, students[student], CheckInMethod.MANUAL, moment, by=teacher)
        clock.moment = None
        return event

    # Last month: an Integrity Hour at school one (2 came), a lecture at school two (1 came),
    # an Integrity Hour in Shymkent (1 came).
    attend(classes["one"], ["aruzhan", "bekzat"], then)
    attend(classes["two"], ["dana"], then + timedelta(hours=2), EventKind.LECTURE)
    attend(classes["far"], ["yerlan"], then)
    # This month: an Integrity Hour at school one, under way now (1 came).
    attend(classes["one"], ["aruzhan"], utcnow())
    # Aruzhan reaches the volunteering bar (500 points, 2 events) this month.
    ledger.award(students["aruzhan"].id, PointSource.CORRECTION, "bonus", "test bonus", amount=300)

    quiz = make.quiz()
    game = create_game(teacher, quiz, "en", TeamMode.NONE, Scoring())
    game.phase, game.pin, game.finished_at = GamePhase.FINISHED, None, then
    tournament = make.tournament(teacher, region)
    for debate in tournament.rounds[0].debates:
        debate.confirmed_at = then

    # Answers last month: question 1 right once in five, question 2 right four times in five.
    questions = [q for q in quiz.current_version.questions if q.type != "poll"][:2]
    answerers = ["aruzhan", "bekzat", "dana", "aruzhan", "bekzat"]
    for index, name in enumerate(answerers):
        attempt = Attempt(
            user_id=students[name].id,
            version_id=quiz.current_version.id,
            started_at=then,
            finished_at=then,
        )
        db.session.add(attempt)
        db.session.flush()
        for question, right in ((questions[0], index == 0), (questions[1], index != 0)):
            db.session.add(
                Answer(
                    attempt_id=attempt.id,
                    question_id=question.id,
                    chosen=[],
                    is_correct=right,
                    points=0,
                    answered_at=then,
                )
            )
    db.session.commit()

    # Bekzat applied last month and was accepted; an adult volunteer in Astana is active.
    clock.moment = then
    application = make.application(students["bekzat"])
    if application.status == Status.AWAITING_CONSENT:
        application.move_to(Status.SUBMITTED, teacher.id, "", then)
    application.created_at = then
    application.move_to(Status.IN_REVIEW, None, "", then)
    application.move_to(Status.ACCEPTED, None, "", then)
    clock.moment = None
    db.session.commit()

    organizer = make.user(Role.ORGANIZER, login="astana-organizer", region=region)
    national = make.user(Role.ORGANIZER, login="national-organizer")
    # An adult volunteer at school two, active, with a visit confirmed today.
    volunteer = make.user(
        Role.STUDENT,
        login="volunteer",
        institution=schools["two"],
        birth_year=2000,
        created_at=registered,
    )
    make.application(volunteer, status=Status.ACTIVE)
    review_activity(make.activity(volunteer), organizer, True, "", utcnow())
    students["volunteer"] = volunteer
    return Town(
        this_month,
        last_month,
        then,
        schools,
        students,
        teacher,
        organizer,
        national,
        classes,
        questions,
    )
