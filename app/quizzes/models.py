"""The quiz bank: quizzes, their versions and questions.

A quiz keeps its slug forever; its content lives in numbered versions. Loading changed
content makes a new version, so attempts stay tied to the questions that were answered.
"""

import math
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import SchoolClass, User
from app.core.time import utcnow
from app.core.types import TranslationMap, UTCDateTime, str_enum
from app.extensions import db
from app.i18n import _l, translate

from .kinds import Choice, QuestionKind, kind_of

# The curriculum's topics (quizzes/schema.json) and "other" for teachers' own quizzes.
TOPIC_LABELS = {
    "corruption-basics": _l("What corruption is"),
    "gifts-and-conflicts": _l("Gifts, bribes and conflicts of interest"),
    "academic-integrity": _l("Academic integrity"),
    "reporting": _l("Reporting corruption"),
    "volunteering": _l("Volunteering"),
    "heritage": _l("Honesty in Kazakh heritage"),
    "everyday-honesty": _l("Everyday honesty and fairness"),
    "law-and-liability": _l("Law and liability"),
    "public-money": _l("Public money and public control"),
    "digital-literacy": _l("Digital and financial literacy"),
    "careers-and-institutions": _l("Careers and institutions"),
    "other": _l("Other topics"),
}

# The school subjects a teacher's guide links a quiz to (quizzes/README.md).
SUBJECT_LABELS = {
    "self-knowledge": _l("Self-knowledge («Өзін-өзі тану»)"),
    "law-basics": _l("Basics of law («Құқық негіздері»)"),
    "person-society-law": _l("Person. Society. Law («Адам. Қоғам. Құқық»)"),
}


class QuizStatus(StrEnum):
    """Where a quiz stands in the shared library. Curriculum quizzes are published; a
    teacher's own quiz is a draft (playable by their classes through assignments) until an
    organizer approves it for everyone."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"


class Quiz(db.Model):
    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    topic: Mapped[str] = mapped_column(sa.String(40))
    min_grade: Mapped[int]
    max_grade: Mapped[int]
    # Grades 12..16 are at a college, a university or either: ["college", "university"].
    stages: Mapped[list] = mapped_column(sa.JSON, default=list, server_default="[]")
    title: Mapped[dict] = mapped_column(TranslationMap)
    description: Mapped[dict] = mapped_column(TranslationMap)
    # The curriculum's guide for teachers (aim, discussion, misconceptions, subjects), as
    # the file writes it; updated in place like the title. Students never see it.
    teacher_guide: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None for the curriculum (the quizzes/ folder); the teacher who wrote it otherwise.
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[QuizStatus] = mapped_column(
        str_enum(QuizStatus), default=QuizStatus.PUBLISHED, server_default="published"
    )
    review_note: Mapped[str | None] = mapped_column(sa.String(500))  # why it was sent back

    owner: Mapped["User | None"] = relationship()
    versions: Mapped[list["QuizVersion"]] = relationship(
        back_populates="quiz", order_by="QuizVersion.number", cascade="all, delete-orphan"
    )

    @property
    def current_version(self) -> "QuizVersion | None":
        return self.versions[-1] if self.versions else None

    @property
    def display_title(self) -> str:
        return translate(self.title)

    @property
    def is_curriculum(self) -> bool:
        return self.owner_id is None

    def submit_for_review(self) -> None:
        if self.status != QuizStatus.DRAFT or self.current_version is None:
            raise ValueError("only a draft with questions can be submitted")
        self.status, self.review_note = QuizStatus.SUBMITTED, None

    def review(self, approved: bool, note: str | None) -> None:
        if self.status != QuizStatus.SUBMITTED:
            raise ValueError("only a submitted quiz can be reviewed")
        self.status = QuizStatus.PUBLISHED if approved else QuizStatus.DRAFT
        self.review_note = None if approved else note


class QuizVersion(db.Model):
    __tablename__ = "quiz_versions"
    __table_args__ = (sa.UniqueConstraint("quiz_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quizzes.id", ondelete="CASCADE"))
    number: Mapped[int]
    # The content version the author wrote in the file, and a hash of what was loaded:
    # a new version is made only when the questions really changed.
    source_version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Case studies: short scenarios that a group of questions refer to (Question.case_key).
    cases: Mapped[list] = mapped_column(sa.JSON, default=list, server_default="[]")

    quiz: Mapped[Quiz] = relationship(back_populates="versions")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="version", order_by="Question.position", cascade="all, delete-orphan"
    )

    @property
    def minutes_to_play(self) -> int:
        """About how long the quiz takes: its questions' time limits in whole minutes (the
        live game's length; self-paced play is usually quicker)."""
        return max(1, math.ceil(sum(q.time_limit for q in self.questions) / 60))


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (
        sa.UniqueConstraint("version_id", "key"),
        sa.UniqueConstraint("version_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("quiz_versions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(sa.String(80))  # the question's id in the quiz file
    position: Mapped[int]
    type: Mapped[str] = mapped_column(sa.String(32))  # a kind's name (app/quizzes/kinds/)
    text: Mapped[dict] = mapped_column(TranslationMap)
    # The kind's own fields as written in the quiz file: options, an answer, items...
    body: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    image: Mapped[dict | None] = mapped_column(sa.JSON)  # {"src": media key, "alt": {...}}
    case_key: Mapped[str | None] = mapped_column(sa.String(80))  # the case it belongs to
    explanation: Mapped[dict] = mapped_column(TranslationMap)
    source: Mapped[dict | None] = mapped_column(sa.JSON)
    time_limit: Mapped[int]
    points: Mapped[int]

    version: Mapped[QuizVersion] = relationship(back_populates="questions")

    @property
    def kind(self) -> QuestionKind:
        return kind_of(self)

    @property
    def case(self) -> dict | None:
        """The case study this question is about: {"id", "text", "image"?}."""
        if self.case_key is None:
            return None
        return next((c for c in self.version.cases if c["id"] == self.case_key), None)


class Assignment(db.Model):
    """A quiz set for a class, playable between two moments; its results are the class's."""

    __tablename__ = "assignments"
    __table_args__ = (sa.UniqueConstraint("class_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(sa.ForeignKey("classes.id", ondelete="CASCADE"))
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quizzes.id", ondelete="CASCADE"))
    assigned_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school_class: Mapped[SchoolClass] = relationship()
    quiz: Mapped[Quiz] = relationship()

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at


class Attempt(db.Model):
    """One play-through of one quiz version by one user (retakes are new attempts)."""

    __tablename__ = "attempts"
    __table_args__ = (sa.Index("ix_attempts_user_version", "user_id", "version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz_versions.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int] = mapped_column(default=0)
    # The order the player sees each question's choices in, by question key, chosen when
    # the attempt starts: the same on every reload, new for a retake.
    orders: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default="{}")
    # Set when the attempt was started while the quiz was assigned to the player's class:
    # it then counts in that class's results and closes with the assignment.
    assignment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("assignments.id", ondelete="SET NULL"), index=True
    )

    version: Mapped[QuizVersion] = relationship()
    assignment: Mapped[Assignment | None] = relationship()
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="Answer.id"
    )

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def scored_answers(self) -> list["Answer"]:
        """Answers that can be right or wrong (polls have no right answer)."""
        return [answer for answer in self.answers if answer.is_correct is not None]

    @property
    def right_count(self) -> int:
        return sum(1 for answer in self.scored_answers if answer.is_correct)

    def choices_of(self, question: Question) -> list[Choice]:
        """The question's choices in the order this player was shown them."""
        return question.kind.in_order(question.body, self.orders.get(question.key))

    def answer_to(self, question: Question) -> "Answer | None":
        return next((answer for answer in self.answers if answer.question_id == question.id), None)

    def next_question(self) -> Question | None:
        answered = {answer.question_id for answer in self.answers}
        return next((q for q in self.version.questions if q.id not in answered), None)

    def finish(self, now: datetime) -> None:
        if self.next_question() is not None:
            raise ValueError("questions remain unanswered")
        self.finished_at = now
        self.score = sum(answer.points for answer in self.answers)


class Answer(db.Model):
    __tablename__ = "answers"
    # One answer per question per attempt, in the database: a double click or a replayed
    # form cannot answer twice, even across server processes.
    __table_args__ = (sa.UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("questions.id"))
    chosen: Mapped[list] = mapped_column(sa.JSON)
    is_correct: Mapped[bool | None]  # None for polls; partly right answers are not correct
    points: Mapped[int]
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    attempt: Mapped[Attempt] = relationship(back_populates="answers")
    # Every use of an answer shows its question: load them together, not one query each.
    question: Mapped[Question] = relationship(lazy="joined")
