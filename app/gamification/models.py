"""The points ledger: every point is a row, and the same achievement is paid only once."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.time import utcnow
from app.core.types import UTCDateTime, str_enum
from app.extensions import db


class PointSource(StrEnum):
    """What a ledger row pays for; with ``source_key`` it names one achievement."""

    QUIZ_COMPLETION = "quiz_completion"


class PointEntry(db.Model):
    __tablename__ = "point_entries"
    # The uniqueness key: one payment per user per achievement, enforced by the database so
    # a double click or two server processes at once cannot pay twice.
    __table_args__ = (sa.UniqueConstraint("user_id", "source_kind", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    amount: Mapped[int]
    source_kind: Mapped[PointSource] = mapped_column(str_enum(PointSource))
    source_key: Mapped[str] = mapped_column(sa.String(80))
    reason: Mapped[str] = mapped_column(sa.String(200))  # for organizers; never personal data
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
