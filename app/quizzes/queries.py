"""Read-only queries over the quiz bank, assignments and attempts."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.core.access import STAFF, Role, can_see_quiz_draft
from app.core.time import utcnow
from app.extensions import db

from .models import Assignment, Attempt, Quiz, QuizStatus, QuizVersion


def _with_questions(query):
    return query.where(Quiz.versions.any()).options(
        selectinload(Quiz.versions).selectinload(QuizVersion.questions)
    )


def library(grade: int | None = None) -> list[Quiz]:
    """Published quizzes with content, for one grade or all."""
    query = _with_questions(sa.select(Quiz).where(Quiz.status == QuizStatus.PUBLISHED))
    if grade is not None:
        query = query.where(Quiz.min_grade <= grade, Quiz.max_grade >= grade)
    return list(db.session.scalars(query.order_by(Quiz.min_grade, Quiz.slug)))


def quizzes_by(owner_id: int) -> list[Quiz]:
    query = (
        sa.select(Quiz)
        .where(Quiz.owner_id == owner_id)
        .options(selectinload(Quiz.versions).selectinload(QuizVersion.questions))
        .order_by(Quiz.created_at.desc())
    )
    return list(db.session.scalars(query))


def submitted_quizzes() -> list[Quiz]:
    """The organizers' review queue, oldest first."""
    query = _with_questions(sa.select(Quiz).where(Quiz.status == QuizStatus.SUBMITTED))
    return list(db.session.scalars(query.options(selectinload(Quiz.owner)).order_by(Quiz.id)))


def student_assignments(user) -> list[Assignment]:
    """Assignments of the user's classes that are open or open later, soonest closing first."""
    class_ids = [klass.id for klass in user.classes]
    if not class_ids:
        return []
    query = (
        sa.select(Assignment)
        .where(Assignment.class_id.in_(class_ids), Assignment.closes_at > utcnow())
        .options(selectinload(Assignment.quiz))
        .order_by(Assignment.closes_at)
    )
    return list(db.session.scalars(query))


def assignments_for_classes(class_ids: list[int]) -> list[Assignment]:
    """A teacher's assignments, newest first."""
    if not class_ids:
        return []
    query = (
        sa.select(Assignment)
        .where(Assignment.class_id.in_(class_ids))
        .options(selectinload(Assignment.quiz), selectinload(Assignment.school_class))
        .order_by(Assignment.opens_at.desc())
    )
    return list(db.session.scalars(query))


def open_assignment_for(user, quiz: Quiz) -> Assignment | None:
    """The open assignment of this quiz to one of the user's classes, if any."""
    class_ids = [klass.id for klass in user.classes]
    if not class_ids:
        return None
    now = utcnow()
    return db.session.scalar(
        sa.select(Assignment)
        .where(
            Assignment.quiz_id == quiz.id,
            Assignment.class_id.in_(class_ids),
            Assignment.opens_at <= now,
            Assignment.closes_at > now,
        )
        .order_by(Assignment.closes_at)
        .limit(1)
    )


def can_play(user, quiz: Quiz) -> bool:
    """Published quizzes are for everyone (and hosts); any other only as
    ``can_see_quiz_draft`` says: its author, staff covering the author's region, and the
    classes it is assigned to while the assignment is open."""
    if quiz.current_version is None:
        return False
    if quiz.status == QuizStatus.PUBLISHED or can_see_quiz_draft(user, quiz.owner):
        return True
    assigned = open_assignment_for(user, quiz) is not None  # a query: only when it decides
    return can_see_quiz_draft(user, quiz.owner, assigned=assigned)


def can_see_content(user, quiz: Quiz) -> bool:
    """Who may read a quiz with its answers (preview, export): published quizzes for
    teachers and staff; any other for its author and staff covering the author's region
    (an assigned class plays it, but never reads its answer key)."""
    if quiz.status == QuizStatus.PUBLISHED:
        return any(user.has_role(role) for role in (Role.TEACHER, *STAFF))
    return can_see_quiz_draft(user, quiz.owner)


def reviewable_by(user, quizzes: list[Quiz]) -> list[Quiz]:
    """The submitted quizzes a staff member may open for review: all of them for curators of
    the national library, their region's for a regional organizer."""
    return [quiz for quiz in quizzes if can_see_quiz_draft(user, quiz.owner)]


def best_scores(user_id: int) -> dict[int, int]:
    """The user's best finished score per quiz id."""
    query = (
        sa.select(QuizVersion.quiz_id, sa.func.max(Attempt.score))
        .join(Attempt, Attempt.version_id == QuizVersion.id)
        .where(Attempt.user_id == user_id, Attempt.finished_at.is_not(None))
        .group_by(QuizVersion.quiz_id)
    )
    return dict(db.session.execute(query).all())


def first_completion_id(user_id: int, quiz_id: int) -> int | None:
    """The attempt that completed this quiz first: the one that earned its points."""
    query = (
        sa.select(Attempt.id)
        .join(QuizVersion, Attempt.version_id == QuizVersion.id)
        .where(
            Attempt.user_id == user_id,
            QuizVersion.quiz_id == quiz_id,
            Attempt.finished_at.is_not(None),
        )
        .order_by(Attempt.finished_at, Attempt.id)
        .limit(1)
    )
    return db.session.scalar(query)
