"""A class's results on an assignment: completion, average, per question and per student.

Each student counts with their first finished attempt for the assignment: it measures what
the class understood, while retakes are practice. Figures are computed by the database
(grouped counts), not by loading every answer.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from app.extensions import db

from .kinds import all_kinds
from .models import Answer, Assignment, Attempt, Question


@dataclass(frozen=True)
class StudentResult:
    user: object  # accounts.User
    attempt_id: int | None
    right: int
    scored: int
    finished_at: datetime | None
    in_progress: bool

    @property
    def percent(self) -> int | None:
        if self.attempt_id is None or not self.scored:
            return None
        return round(100 * self.right / self.scored)


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int
    right: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.right / self.answered) if self.answered else None


@dataclass(frozen=True)
class AssignmentResults:
    students: list[StudentResult]
    questions: list[QuestionResult]  # scored questions, most misunderstood first

    @property
    def completed(self) -> int:
        return sum(1 for student in self.students if student.attempt_id is not None)

    @property
    def average_percent(self) -> int | None:
        percents = [s.percent for s in self.students if s.percent is not None]
        return round(sum(percents) / len(percents)) if percents else None


def _first_finished_attempts(assignment: Assignment) -> dict[int, Attempt]:
    query = (
        sa.select(Attempt)
        .where(Attempt.assignment_id == assignment.id, Attempt.finished_at.is_not(None))
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
    )
    # Later rows are overwritten by earlier ones: each user keeps their first completion.
    return {attempt.user_id: attempt for attempt in db.session.scalars(query)}


def _right_counts(attempt_ids: list[int]) -> dict[int, tuple[int, int]]:
    """attempt id → (right answers, scored answers); polls are not scored."""
    right = sa.func.sum(sa.case((Answer.is_correct.is_(True), 1), else_=0))
    query = (
        sa.select(Answer.attempt_id, right, sa.func.count())
        .where(Answer.attempt_id.in_(attempt_ids), Answer.is_correct.is_not(None))
        .group_by(Answer.attempt_id)
    )
    return {attempt_id: (r, n) for attempt_id, r, n in db.session.execute(query)}


def _question_results(attempt_ids: list[int]) -> list[QuestionResult]:
    right = sa.func.sum(sa.case((Answer.is_correct.is_(True), 1), else_=0))
    query = (
        sa.select(Question, sa.func.count(Answer.id), right)
        .join(Answer, Answer.question_id == Question.id)
        .where(
            Answer.attempt_id.in_(attempt_ids),
            Question.type.not_in([k.name for k in all_kinds() if not k.scored]),
        )
        .group_by(Question.id)
    )
    rows = [QuestionResult(q, answered, right) for q, answered, right in db.session.execute(query)]
    return sorted(rows, key=lambda row: (row.percent, row.question.position))


def _in_progress(assignment: Assignment) -> set[int]:
    query = sa.select(Attempt.user_id).where(
        Attempt.assignment_id == assignment.id, Attempt.finished_at.is_(None)
    )
    return set(db.session.scalars(query))


def assignment_results(assignment: Assignment) -> AssignmentResults:
    firsts = _first_finished_attempts(assignment)
    attempt_ids = [attempt.id for attempt in firsts.values()]
    counts = _right_counts(attempt_ids) if attempt_ids else {}
    started = _in_progress(assignment)
    students = []
    for user in assignment.school_class.students:
        attempt = firsts.get(user.id)
        right, scored = counts.get(attempt.id, (0, 0)) if attempt else (0, 0)
        students.append(
            StudentResult(
                user=user,
                attempt_id=attempt.id if attempt else None,
                right=right,
                scored=scored,
                finished_at=attempt.finished_at if attempt else None,
                in_progress=attempt is None and user.id in started,
            )
        )
    questions = _question_results(attempt_ids) if attempt_ids else []
    return AssignmentResults(students=students, questions=questions)
