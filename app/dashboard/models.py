"""The dashboards' own tables: figures summed per day (or month) from every area's rows.

Nothing here is a source of truth. ``summary.refresh`` writes a closed day's figures once,
from the areas' tables, so that a national school year is a few thousand summary rows to add
up instead of millions of check-ins and answers to count.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class DailyFigure(db.Model):
    """One metric for one day (learning metrics: one month, on its first day), one region,
    and one institution (NULL for region-wide events and tournaments)."""

    __tablename__ = "dashboard_daily_figures"
    __table_args__ = (sa.Index("ix_dashboard_daily_figures_metric_day", "metric", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    metric: Mapped[str] = mapped_column(sa.String(24))
    day: Mapped[date]
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id", ondelete="CASCADE"))
    institution_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("institutions.id", ondelete="CASCADE")
    )
    # What the figure is about where a metric has a subject: a question, for learning.
    subject: Mapped[int | None]
    value: Mapped[int] = mapped_column(sa.BigInteger)


class SummaryState(db.Model):
    """How far the summary reaches: every Almaty day up to ``through`` is in it (one row)."""

    __tablename__ = "dashboard_summary_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    through: Mapped[date]
