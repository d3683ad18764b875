"""Gamification models: the ledger, its maintained totals, weekly activity and badge awards.

The ledger (``PointEntry``) is the history and is never edited. Everything else here is
derived from it by ``services.award`` in the same transaction, so that reading a total or a
rank never scans the ledger.
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.time import utcnow
from app.core.types import LabelledEnum, UTCDateTime, str_enum
from app.extensions import db
from app.i18n import _l


class PointSource(LabelledEnum):
    """What a ledger row pays for; with ``source_key`` it names one achievement.

    Each has a rule in rules.yaml.
    """

    QUIZ_COMPLETION = "quiz_completion", _l("Quiz completed")
    QUIZ_CORRECT_ANSWER = "quiz_correct_answer", _l("Correct answers")
    QUIZ_PERFECT_SCORE = "quiz_perfect_score", _l("Perfect score")
    LIVE_PARTICIPATION = "live_participation", _l("Live game played")
    LIVE_PLACEMENT = "live_placement", _l("Live game podium")
    EVENT_CHECKIN = "event_checkin", _l("Event attended")
    DEBATE_PARTICIPATION = "debate_participation", _l("Debate")
    DEBATE_WIN = "debate_win", _l("Debate won")
    DEBATE_BEST_SPEAKER = "debate_best_speaker", _l("Best speaker")
    VOLUNTEER_ACTIVITY = "volunteer_activity", _l("Volunteer activity")
    CORRECTION = "correction", _l("Correction by an organizer")


class PointEntry(db.Model):
    __tablename__ = "point_entries"
    # The uniqueness key: one payment per user per achievement, enforced by the database so
    # a double click or two server processes at once cannot pay twice.
    __table_args__ = (
        sa.UniqueConstraint("user_id", "source_kind", "source_key"),
        sa.Index("ix_point_entries_user_created", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    amount: Mapped[int]
    # What the rule offered when a daily cap paid less than that; NULL when paid in full.
    capped_from: Mapped[int | None]
    source_kind: Mapped[PointSource] = mapped_column(str_enum(PointSource))
    source_key: Mapped[str] = mapped_column(sa.String(80))
    reason: Mapped[str] = mapped_column(sa.String(200))  # for organizers; never personal data
    # The organizer who made a correction entry.
    awarded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def label(self) -> str:
        return str(self.source_kind.label)


class PointTotal(db.Model):
    """A user's points in one period: a maintained aggregate of the ledger.

    ``period`` is a key such as ``w2026-11-23`` (the week starting that Monday, Almaty time),
    ``m2026-11``, ``y2026`` (the school year from 1 September) or ``all``. The user's
    institution, region and board visibility are copied here, and kept in step by
    ``scopes.py``, so a board is one index range: top N and a rank are cheap at any size.
    """

    __tablename__ = "point_totals"
    __table_args__ = (
        sa.Index(
            "ix_point_totals_region_board",
            "period",
            "region_id",
            "listed",
            sa.desc("points"),
            "reached_at",
        ),
        sa.Index(
            "ix_point_totals_institution_board",
            "period",
            "institution_id",
            "listed",
            sa.desc("points"),
            "reached_at",
        ),
        sa.Index(
            "ix_point_totals_national_board", "period", "listed", sa.desc("points"), "reached_at"
        ),
    )

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    period: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    points: Mapped[int] = mapped_column(default=0)
    # When the user reached this score: ties on a board go to whoever got there first.
    reached_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    institution_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("institutions.id", ondelete="SET NULL")
    )
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id", ondelete="SET NULL"))
    listed: Mapped[bool] = mapped_column(default=True)  # False: hidden from public boards


class InstitutionTotal(db.Model):
    """An institution's points and active students in one period (regions sum these)."""

    __tablename__ = "institution_totals"

    institution_id: Mapped[int] = mapped_column(
        sa.ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True
    )
    period: Mapped[str] = mapped_column(sa.String(16), primary_key=True, index=True)
    points: Mapped[int] = mapped_column(default=0)
    # Students with a point total in this period: the divisor of "per active student".
    active_students: Mapped[int] = mapped_column(default=0)
    reached_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DailyPoints(db.Model):
    """Points of one kind paid to one user on one Almaty day: what daily caps count."""

    __tablename__ = "daily_points"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    source_kind: Mapped[PointSource] = mapped_column(str_enum(PointSource), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    points: Mapped[int] = mapped_column(default=0)


class ActivityWeek(db.Model):
    """A calendar week (Monday, Almaty time) in which the user took part: streaks count these."""

    __tablename__ = "activity_weeks"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    week_start: Mapped[date] = mapped_column(primary_key=True)


class BadgeAward(db.Model):
    """A badge earned by a user: once per badge, with evidence; an Open Badges assertion."""

    __tablename__ = "badge_awards"
    __table_args__ = (sa.UniqueConstraint("user_id", "badge_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The public, unguessable part of the assertion's URL.
    public_id: Mapped[str] = mapped_column(sa.String(32), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    badge_id: Mapped[str] = mapped_column(sa.String(40))  # an id from badges.yaml
    awarded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What earned it: a list of {"narrative": ...}, from the ledger rows that met the criteria.
    evidence: Mapped[list] = mapped_column(sa.JSON, default=list)
    # The recipient: a random identity of this award's own (openbadges.new_recipient_identity),
    # shown only to its holder; the assertion publishes its salted hash. Nothing public
    # (a login, a name) hashes to it, and it never changes.
    recipient_identity: Mapped[str] = mapped_column(sa.String(300))
    recipient_type: Mapped[str] = mapped_column(sa.String(16))
    recipient_hash: Mapped[str] = mapped_column(sa.String(80))
    salt: Mapped[str] = mapped_column(sa.String(32))
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the student was told
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    revocation_reason: Mapped[str | None] = mapped_column(sa.String(300))

    user = relationship("User", foreign_keys=[user_id])

    @property
    def recipient(self) -> dict:
        """The Open Badges IdentityObject, as hashed at issue."""
        return {
            "type": self.recipient_type,
            "hashed": True,
            "salt": self.salt,
            "identity": self.recipient_hash,
        }

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self, by_id: int, reason: str, when: datetime) -> None:
        if self.is_revoked:
            raise ValueError("this badge award is already revoked")
        self.revoked_at, self.revoked_by_id, self.revocation_reason = when, by_id, reason
