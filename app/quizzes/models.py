"""The quiz bank: quizzes, their versions and questions.

A quiz keeps its slug forever; its content lives in numbered versions. Loading changed
content makes a new version, so attempts stay tied to the questions that were answered.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.time import utcnow
from app.core.types import TranslationMap, UTCDateTime, str_enum
from app.extensions import db
from app.i18n import translate


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    POLL = "poll"


class Quiz(db.Model):
    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    topic: Mapped[str] = mapped_column(sa.String(40))
    min_grade: Mapped[int]
    max_grade: Mapped[int]
    title: Mapped[dict] = mapped_column(TranslationMap)
    description: Mapped[dict] = mapped_column(TranslationMap)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    versions: Mapped[list["QuizVersion"]] = relationship(
        back_populates="quiz", order_by="QuizVersion.number", cascade="all, delete-orphan"
    )

    @property
    def current_version(self) -> "QuizVersion | None":
        return self.versions[-1] if self.versions else None

    @property
    def display_title(self) -> str:
        return translate(self.title)


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

    quiz: Mapped[Quiz] = relationship(back_populates="versions")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="version", order_by="Question.position", cascade="all, delete-orphan"
    )


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
    type: Mapped[QuestionType] = mapped_column(str_enum(QuestionType))
    text: Mapped[dict] = mapped_column(TranslationMap)
    # [{"id": "a", "text": {...}, "correct": bool}]; true/false questions have none.
    options: Mapped[list] = mapped_column(sa.JSON, default=list)
    answer: Mapped[bool | None]  # the right answer of a true/false question
    explanation: Mapped[dict] = mapped_column(TranslationMap)
    source: Mapped[dict | None] = mapped_column(sa.JSON)
    time_limit: Mapped[int]
    points: Mapped[int]

    version: Mapped[QuizVersion] = relationship(back_populates="questions")
