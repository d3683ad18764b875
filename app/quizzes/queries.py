"""Read-only queries over the quiz bank and attempts."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.extensions import db

from .models import Attempt, Quiz, QuizVersion


def playable_quizzes() -> list[Quiz]:
    """Every quiz that has content, with its versions' questions loaded for counting."""
    query = (
        sa.select(Quiz)
        .where(Quiz.versions.any())
        .options(selectinload(Quiz.versions).selectinload(QuizVersion.questions))
        .order_by(Quiz.min_grade, Quiz.slug)
    )
    return list(db.session.scalars(query))


def best_scores(user_id: int) -> dict[int, int]:
    """The user's best finished score per quiz id."""
    query = (
        sa.select(QuizVersion.quiz_id, sa.func.max(Attempt.score))
        .join(Attempt, Attempt.version_id == QuizVersion.id)
        .where(Attempt.user_id == user_id, Attempt.finished_at.is_not(None))
        .group_by(QuizVersion.quiz_id)
    )
    return dict(db.session.execute(query).all())
