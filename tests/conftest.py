"""Fixtures shared by every test: the app (migrated once per session), a clean database
per test, factories for each kind of object, and a helper to act as any role.

Set TEST_DATABASE_URL to run against PostgreSQL; otherwise a temporary SQLite file is used.
"""

import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import g
from flask_migrate import upgrade

os.environ["APP_ENV"] = "testing"

from app import create_app  # noqa: E402
from app.accounts.models import (  # noqa: E402
    Institution,
    InstitutionKind,
    Region,
    RoleGrant,
    SchoolClass,
    User,
)
from app.core.access import Role  # noqa: E402
from app.core.time import utcnow  # noqa: E402
from app.debates import draw_services as debate_draws  # noqa: E402
from app.debates import services as debate_services  # noqa: E402
from app.debates.models import DrawType, Tournament  # noqa: E402
from app.debates.standings import DEFAULT_METRICS  # noqa: E402
from app.events.models import Audience, Event, EventKind  # noqa: E402
from app.events.services import EventDetails, create_event  # noqa: E402
from app.extensions import db as _db  # noqa: E402
from app.gamification.models import BadgeAward, PointSource  # noqa: E402
from app.gamification.services import award  # noqa: E402
from app.live.models import TeamMode  # noqa: E402
from app.live.scoring import Scoring  # noqa: E402
from app.live.services import create_game  # noqa: E402
from app.live.services import join as join_game  # noqa: E402
from app.media import media_store  # noqa: E402
from app.quizzes.content import CONTENT_DIR, read_quiz  # noqa: E402
from app.quizzes.editor import QuizDetails, create_quiz  # noqa: E402
from app.quizzes.models import Quiz  # noqa: E402
from app.quizzes.services import assign_quiz, load_quizzes, start_attempt  # noqa: E402
from app.volunteers.models import Activity as VolunteerActivity  # noqa: E402
from app.volunteers.models import ActivityKind, Direction, MonitoredObject  # noqa: E402
from app.volunteers.models import Application as VolunteerApplication  # noqa: E402
from app.volunteers.models import Status as VolunteerStatus  # noqa: E402
from app.volunteers.services import ActivityDetails, ApplicationDetails, log_activity  # noqa: E402
from app.volunteers.services import apply as apply_to_volunteer  # noqa: E402
from tests.media.pictures import picture  # noqa: E402

PASSWORD = "correct-horse-9"
# Tables whose rows come from migrations and stay for the whole session.
SEEDED_TABLES = {"regions", "alembic_version"}


def empty_g() -> None:
    """Test requests run inside the test's app context (so objects stay live), and thus
    share its `g`, where Flask-Login and Flask-Babel cache the user and the locale.
    Empty it, as a request's own app context would be in production."""
    for name in list(vars(g)):
        delattr(g, name)


def database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    )


def _drop_everything(engine) -> None:
    """Start PostgreSQL runs from an empty database, whatever an earlier run left."""
    metadata = sa.MetaData()
    metadata.reflect(bind=engine)
    metadata.drop_all(bind=engine)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
            "MEDIA_DIR": str(tmp_path_factory.mktemp("media")),
        }
    )

    app.before_request(empty_g)

    with app.app_context():
        _drop_everything(_db.engine)
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(scope="session")
def spawn_app(app):
    """Make more instances of the app on the test database, as more server processes
    would be; their connection pools are closed at the end of the session."""
    spawned = []

    def spawn(**overrides):
        instance = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "MEDIA_DIR": app.config["MEDIA_DIR"],
                **overrides,
            }
        )
        spawned.append(instance)
        return instance

    yield spawn
    for instance in spawned:
        with instance.app_context():
            _db.engine.dispose()


@pytest.fixture(autouse=True)
def db(app):
    """A clean database for every test: rows a test made are deleted afterwards."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        for table in reversed(_db.metadata.sorted_tables):
            if table.name not in SEEDED_TABLES:
                _db.session.execute(table.delete())
        _db.session.commit()
        _db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def region(db) -> Region:
    return db.session.scalar(sa.select(Region).where(Region.code == "astana"))


@pytest.fixture
def other_region(db) -> Region:
    return db.session.scalar(sa.select(Region).where(Region.code == "shymkent"))


@dataclass
class Factory:
    db: object

    def institution(self, region: Region, name: str | None = None) -> Institution:
        institution = Institution(
            name=name or f"School {secrets.token_hex(3)}",
            kind=InstitutionKind.SCHOOL,
            region_id=region.id,
        )
        self.db.session.add(institution)
        self.db.session.commit()
        return institution

    def user(
        self,
        role: Role | None = Role.STUDENT,
        *,
        login: str | None = None,
        approved: bool = True,
        institution: Institution | None = None,
        region: Region | None = None,
        password: str = PASSWORD,
        one_time_password: bool = False,
        **fields,
    ) -> User:
        user = User(
            login=login or f"user-{secrets.token_hex(4)}",
            display_name=fields.pop("display_name", f"Display {secrets.token_hex(2)}"),
            full_name=fields.pop("full_name", f"Full Name {secrets.token_hex(2)}"),
            locale=fields.pop("locale", "en"),  # tests read English; kk has its own tests
            session_token=secrets.token_hex(16),
            institution=institution,
            **fields,
        )
        user.set_password(password, one_time=one_time_password)
        if role is not None:
            user.grants.append(
                RoleGrant(
                    role=role,
                    region_id=region.id if region else None,
                    approved_at=utcnow() if approved else None,
                )
            )
        self.db.session.add(user)
        self.db.session.commit()
        return user

    def school_class(
        self,
        institution: Institution,
        teacher: User | None = None,
        name="9А",
        join_code: str | None = None,
    ) -> SchoolClass:
        klass = SchoolClass(
            name=name,
            institution=institution,
            join_code=join_code or secrets.token_hex(3).upper(),
        )
        if teacher is not None:
            klass.teachers.append(teacher)
        self.db.session.add(klass)
        self.db.session.commit()
        return klass

    def quiz(self, slug: str = "what-is-corruption") -> Quiz:
        """A quiz from the repository's curriculum, loaded as `flask quizzes load` would."""
        quiz_file, errors = read_quiz(CONTENT_DIR / f"{slug}.yaml")
        assert not errors, errors
        load_quizzes([quiz_file])
        return self.db.session.scalar(sa.select(Quiz).where(Quiz.slug == slug))

    def teacher_quiz(self, owner: User, questions: int = 2, language: str = "en") -> Quiz:
        """A teacher's draft quiz with single-choice questions written in one language."""
        details = QuizDetails(
            title={language: "Honesty at school"},
            description={},
            topic="other",
            min_grade=5,
            max_grade=11,
        )
        return create_quiz(
            owner.id, details, [sample_question(f"q{n}", language) for n in range(1, questions + 1)]
        )

    def event(
        self,
        author: User,
        klass: SchoolClass | None = None,
        *,
        starts_in: timedelta = timedelta(minutes=-10),
        lasts: timedelta = timedelta(hours=1),
        **fields,
    ) -> Event:
        """An event under way now: for ``klass`` (its teacher's event) or, without one, open
        to everyone in the author's region."""
        starts_at = utcnow() + starts_in
        region_id = fields.pop("region_id", None) or (
            klass.institution.region_id if klass else author.institution.region_id
        )
        details = EventDetails(
            kind=fields.pop("kind", EventKind.INTEGRITY_HOUR),
            title=fields.pop("title", {"en": "Integrity Hour", "kk": "Адалдық сағаты"}),
            description=fields.pop("description", {}),
            starts_at=starts_at,
            ends_at=starts_at + lasts,
            place=fields.pop("place", "Assembly hall"),
            online_url="",
            region_id=region_id,
            institution_id=klass.institution_id if klass else None,
            audience=fields.pop("audience", Audience.CLASSES if klass else Audience.OPEN),
            class_ids=(klass.id,) if klass else (),
            institution_ids=fields.pop("institution_ids", ()),
            registration_required=fields.pop("registration_required", False),
            capacity=fields.pop("capacity", None),
            points=fields.pop("points", 100),
        )
        assert not fields, f"unknown event fields: {fields}"
        return create_event(author, details, utcnow())

    def application(
        self, user: User, status: VolunteerStatus | None = None, **fields
    ) -> VolunteerApplication:
        """A volunteer application through the service (minors wait for consent), then
        moved to ``status`` along the pipeline's legal path."""
        details = ApplicationDetails(
            direction=fields.pop("direction", Direction.PUBLIC_CONTROL),
            motivation=fields.pop("motivation", "I want my town to be honest."),
            skills="",
            availability="weekends",
            phone=fields.pop("phone", "+77012345678"),
            email=fields.pop("email", "volunteer@example.kz"),
            consent=True,
            guardian_name=fields.pop("guardian_name", "Saule Guardian"),
            guardian_contact=fields.pop("guardian_contact", "+77019876543"),
        )
        assert not fields, f"unknown application fields: {fields}"
        application = apply_to_volunteer(user, details, utcnow())
        path = [VolunteerStatus.IN_REVIEW, VolunteerStatus.ACCEPTED, VolunteerStatus.ACTIVE]
        if status in path:
            for step in path[: path.index(status) + 1]:
                application.move_to(step, None, "", utcnow())
            self.db.session.commit()
        return application

    def activity(self, volunteer: User) -> VolunteerActivity:
        details = ActivityDetails(
            kind=ActivityKind.MONITORING_VISIT,
            object_type=MonitoredObject.PLAYGROUND,
            held_on=utcnow().date(),
            place="Park of the First President",
            findings="The new playground has half the promised equipment.",
            savings_tenge=1_500_000,
        )
        return log_activity(volunteer, details, utcnow().date())

    def tournament(self, author: User, region: Region, teams: int = 2) -> Tournament:
        """A WSDC tournament of guest teams with one judge and round 1 drawn, not released."""
        details = regional_tournament("School Cup", region)
        tournament = debate_services.create_tournament(author, details, utcnow())
        for number in range(1, teams + 1):
            guests = [f"Speaker {number}.{k}" for k in range(1, 4)]
            debate_services.add_team(tournament, f"Team {number}", None, "", [], guests)
        debate_services.add_adjudicator(tournament, "Judge", None, 8, None, [], [])
        round_ = debate_services.add_round(tournament, DrawType.RANDOM, None, None)
        debate_draws.generate_draw(round_, utcnow())
        return tournament


def regional_tournament(name: str, region: Region, format_key: str = "wsdc"):
    """A region's tournament without leagues, break or institution cap, as most tests want."""
    return debate_services.TournamentDetails(
        name=name,
        format_key=format_key,
        region_id=region.id,
        institution_id=None,
        leagues=(),
        metrics=DEFAULT_METRICS,
        break_size=0,
        institution_cap=None,
    )


def sample_question(key: str = "q1", language: str = "en") -> dict:
    """A valid single-choice question in the curriculum's shape."""
    return {
        "id": key,
        "type": "single",
        "text": {language: f"Question {key}: is copying homework honest?"},
        "options": [
            {"id": "a", "text": {language: "No"}, "correct": True},
            {"id": "b", "text": {language: "Yes"}},
        ],
        "explanation": {language: "Copying presents someone else's work as yours."},
        "time_limit": 30,
        "points": 100,
    }


@pytest.fixture
def make(db) -> Factory:
    return Factory(db)


@pytest.fixture
def in_language(app):
    """A request context in a given language, for code that translates outside a view."""

    @contextmanager
    def context(language: str):
        with app.test_request_context(headers={"Accept-Language": language}):
            empty_g()
            yield

    return context


class Auth:
    """Sign a test client in as a user without going through the login form."""

    def __init__(self, client):
        self.client = client

    def login(self, user: User | None) -> None:
        with self.client.session_transaction() as session:
            session.clear()
            if user is not None:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True


@pytest.fixture
def auth(client) -> Auth:
    return Auth(client)


@pytest.fixture
def world(make, region, other_region):
    """One of each actor plus the objects they own, for access tests.

    The organizer covers ``region``; the school and the class are in it; the pending
    teacher asks to teach at that school.
    """
    school = make.institution(region, name="School No. 1")
    teacher = make.user(Role.TEACHER, login="teacher", institution=school)
    actors = {
        "anonymous": None,
        "student": make.user(Role.STUDENT, login="student", institution=school),
        "teacher": teacher,
        "organizer": make.user(Role.ORGANIZER, login="organizer", region=region),
        "admin": make.user(Role.ADMIN, login="admin"),
    }
    klass = make.school_class(school, teacher=teacher)
    klass.students.append(actors["student"])
    make.db.session.commit()
    pending = make.user(Role.TEACHER, login="pending", approved=False, institution=school)
    quiz = make.quiz()
    attempt = start_attempt(actors["student"], quiz)
    draft = make.teacher_quiz(teacher)
    submitted = make.teacher_quiz(teacher)
    submitted.submit_for_review()
    make.db.session.commit()
    now = utcnow()
    assignment = assign_quiz(quiz, klass, now, now + timedelta(days=7), teacher.id)
    award(actors["student"].id, PointSource.QUIZ_COMPLETION, "world", "first completion")
    make.db.session.commit()
    badge = make.db.session.scalar(sa.select(BadgeAward))  # "first quiz", for the matrix
    game = create_game(teacher, quiz, "en", TeamMode.NONE, Scoring())
    game_player, _rejoined = join_game(game, "Guest player", "en")
    event = make.event(teacher, klass)
    student_application = make.application(actors["student"])  # a minor's: awaiting consent
    volunteer = make.user(Role.STUDENT, institution=school, birth_year=2000)
    volunteer_application = make.application(volunteer, status=VolunteerStatus.ACTIVE)
    activity = make.activity(volunteer)
    tournament = make.tournament(teacher, region)  # a teacher's school tournament
    return {
        "actors": actors,
        "school": school,
        "class": klass,
        "pending": pending,
        "quiz": quiz,
        "attempt": attempt,
        "draft": draft,
        "submitted": submitted,
        "assignment": assignment,
        "badge": badge,
        "game": game,
        "game_player": game_player,
        "event": event,
        "student_application": student_application,
        "volunteer_application": volunteer_application,
        "activity": activity,
        "tournament": tournament,
        "image": media_store().save_image(picture((16, 16))).key,
    }
