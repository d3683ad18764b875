"""What the home page offers a signed-in person to do next, read from the areas.

A student sees the quizzes their classes are waiting for and the next event open to them; a
teacher the three steps of a start (a class, its students, a first live game), each ticked
once done, so a first visit shows the way and a later one what is left.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.queries import classes_taught_by
from app.core.time import utcnow
from app.events import queries as events
from app.events.models import Event
from app.extensions import db
from app.live.models import LiveGame
from app.quizzes import queries as quizzes
from app.quizzes.models import Assignment

SHOWN_ASSIGNMENTS = 3


@dataclass(frozen=True)
class TeacherStart:
    first_class_id: int | None  # None: no class yet
    has_students: bool
    has_hosted: bool

    @property
    def done(self) -> bool:
        return self.first_class_id is not None and self.has_students and self.has_hosted


@dataclass(frozen=True)
class NextSteps:
    assignments: list[Assignment]  # open now, not yet played, soonest closing first
    next_event: Event | None
    teacher: TeacherStart | None  # a teacher's first steps, until all three are done


def next_steps(user: User) -> NextSteps:
    now = utcnow()
    played = quizzes.best_scores(user.id)
    waiting = [
        assignment
        for assignment in quizzes.student_assignments(user)
        if assignment.is_open(now) and assignment.quiz_id not in played
    ]
    coming = events.upcoming(user, now, events.EventFilter(), limit=1)
    return NextSteps(
        assignments=waiting[:SHOWN_ASSIGNMENTS],
        next_event=coming[0] if coming else None,
        teacher=_teacher_start(user) if user.has_role("teacher") else None,
    )


def _teacher_start(teacher: User) -> TeacherStart | None:
    classes = classes_taught_by(teacher)
    hosted = db.session.scalar(sa.select(sa.exists().where(LiveGame.host_id == teacher.id)))
    start = TeacherStart(
        first_class_id=classes[0].id if classes else None,
        has_students=any(klass.students for klass in classes),
        has_hosted=bool(hosted),
    )
    return None if start.done else start
