"""Live games: the game and its phases, players, teams and answers.

The database is the source of truth for a game; every server process reads it. The game's
``revision`` is SQLAlchemy's version counter: each change to the game row adds one, and a
write based on an outdated read fails (StaleDataError), so two processes (or a double click)
can never both move the game on from the same state.
"""

from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import SchoolClass, User
from app.core.time import utcnow
from app.core.types import LabelledEnum, UTCDateTime, str_enum
from app.extensions import db
from app.i18n import _l
from app.quizzes.models import Question, Quiz, QuizVersion


class GamePhase(StrEnum):
    LOBBY = "lobby"
    QUESTION = "question"
    REVEAL = "reveal"
    FINISHED = "finished"


class TeamMode(LabelledEnum):
    NONE = "none", _l("Everyone for themselves")
    CLASS = "class", _l("Teams by class")  # signed-in students grouped by their class
    HOST = (
        "host",
        _l("Teams I make in the lobby"),
    )  # teams made by the host; newcomers join the smallest


class WrongPhase(Exception):
    """The action does not fit the game's phase (e.g. "next" while a question is open)."""


class LiveGame(db.Model):
    __tablename__ = "live_games"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique among open games; cleared when the game ends, so PINs are reused.
    pin: Mapped[str | None] = mapped_column(sa.String(6), unique=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quizzes.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz_versions.id"))
    host_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    host_language: Mapped[str] = mapped_column(sa.String(2))
    phase: Mapped[GamePhase] = mapped_column(str_enum(GamePhase), default=GamePhase.LOBBY)
    position: Mapped[int] = mapped_column(default=0)  # 1-based current question; 0 in the lobby
    question_count: Mapped[int]
    revision: Mapped[int] = mapped_column(default=1)
    scoring: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # The order each question's choices are shown in, by position ("1", "2", ...).
    orders: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default="{}")
    team_mode: Mapped[TeamMode] = mapped_column(str_enum(TeamMode), default=TeamMode.NONE)
    question_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    question_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by every change players must see; the update then moves the revision on.
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    quiz: Mapped[Quiz] = relationship()
    version: Mapped[QuizVersion] = relationship()
    host: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": revision}

    @property
    def is_open(self) -> bool:
        return self.phase != GamePhase.FINISHED

    def touch(self) -> None:
        """Mark a change to the game's players or teams, so its revision moves on."""
        self.changed_at = utcnow()

    def question_at(self, position: int) -> Question:
        return self.version.questions[position - 1]

    def open_question(self, position: int, now: datetime) -> None:
        if self.phase not in (GamePhase.LOBBY, GamePhase.REVEAL) or not (
            1 <= position <= self.question_count
        ):
            raise WrongPhase(self.phase)
        limit = self.question_at(position).time_limit
        self.phase, self.position, self.changed_at = GamePhase.QUESTION, position, now
        self.question_started_at, self.question_ends_at = now, now + timedelta(seconds=limit)

    def close_question(self) -> None:
        if self.phase != GamePhase.QUESTION:
            raise WrongPhase(self.phase)
        self.phase, self.changed_at = GamePhase.REVEAL, utcnow()

    def finish(self, now: datetime) -> None:
        if self.phase == GamePhase.FINISHED:
            raise WrongPhase(self.phase)
        self.phase, self.pin, self.finished_at, self.changed_at = (
            GamePhase.FINISHED,
            None,
            now,
            now,
        )


class LiveTeam(db.Model):
    __tablename__ = "live_teams"
    __table_args__ = (sa.UniqueConstraint("game_id", "class_id"),)  # one team per class

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_games.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(60))
    class_id: Mapped[int | None] = mapped_column(sa.ForeignKey("classes.id", ondelete="SET NULL"))

    school_class: Mapped[SchoolClass | None] = relationship()


class LivePlayer(db.Model):
    __tablename__ = "live_players"
    __table_args__ = (
        sa.UniqueConstraint("game_id", "nickname_key"),
        sa.UniqueConstraint("game_id", "user_id"),  # one player per account and game
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_games.id", ondelete="CASCADE"), index=True
    )
    nickname: Mapped[str] = mapped_column(sa.String(20))
    nickname_key: Mapped[str] = mapped_column(sa.String(40))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    language: Mapped[str] = mapped_column(sa.String(2))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("live_teams.id", ondelete="SET NULL"))
    # Totals as of the last reveal: the reveal adds each question's points in one statement.
    score: Mapped[int] = mapped_column(default=0)
    streak: Mapped[int] = mapped_column(default=0)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User | None] = relationship()
    team: Mapped[LiveTeam | None] = relationship()


class LiveAnswer(db.Model):
    __tablename__ = "live_answers"
    __table_args__ = (
        sa.UniqueConstraint("player_id", "position"),  # one answer per player per question
        sa.Index("ix_live_answers_game_position", "game_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(sa.ForeignKey("live_games.id", ondelete="CASCADE"))
    player_id: Mapped[int] = mapped_column(sa.ForeignKey("live_players.id", ondelete="CASCADE"))
    position: Mapped[int]
    choices: Mapped[list] = mapped_column(sa.JSON)
    correct: Mapped[bool | None]  # None for a poll
    elapsed_ms: Mapped[int]
    points: Mapped[int]  # bonus included; added to the player's score at the reveal
    bonus: Mapped[int]
    streak_after: Mapped[int]
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
