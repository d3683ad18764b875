"""The basic demo's quizzes: the curriculum loaded, and one assignment for the demo class."""

from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import SchoolClass
from app.core.time import utcnow
from app.extensions import db
from app.quizzes.content import read_folder
from app.quizzes.models import Assignment, Quiz
from app.quizzes.services import assign_quiz, load_quizzes

from .. import DemoError
from .accounts import DemoAccounts

DEMO_ASSIGNED_QUIZ = "what-is-corruption"


def load_curriculum() -> str:
    """The six curriculum quizzes from the top-level quizzes/ folder (new versions only when
    their questions changed)."""
    quizzes, errors = read_folder()
    if errors:
        raise DemoError("the quiz files have errors: run `flask quizzes validate`")
    report = load_quizzes(quizzes)
    return f"Quizzes: {len(quizzes)} ({len(report.created)} new)"


def assign_demo_quiz(accounts: DemoAccounts) -> str | None:
    """The demo class gets one open assignment, so the teacher's results page has a subject."""
    klass = db.session.scalar(
        sa.select(SchoolClass).where(SchoolClass.join_code == accounts.join_code)
    )
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == DEMO_ASSIGNED_QUIZ))
    if db.session.scalar(sa.select(Assignment).where(Assignment.class_id == klass.id)):
        return None
    teacher_id = klass.teachers[0].id if klass.teachers else None
    now = utcnow()
    assign_quiz(quiz, klass, now, now + timedelta(days=14), teacher_id)
    return f"Class {klass.name} is assigned the quiz {DEMO_ASSIGNED_QUIZ} for two weeks"
