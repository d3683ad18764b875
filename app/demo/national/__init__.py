"""National-scale demo data (``flask demo --scale national``): what the dashboards are
benchmarked on.

A year and a bit of use, simulated day by day in Almaty time from 1 September 2025 to now:
institutions in all 20 regions, their teachers, classes and students; events with their
audiences and check-ins; live games; quiz attempts with every answer; debate tournaments;
volunteer applications and activities; organizers' corrections. Every payment is a ledger
row written as ``gamification.award`` writes it (same source keys and reasons as the events,
live, quizzes, debates and volunteers services), through the ledger's own arithmetic
(``gamification.payments.settle``: daily caps in the order the awards happen, period totals,
weeks of participation), so the maintained aggregates (point_totals, institution_totals,
daily_points, activity_weeks, badge_awards) are the ones ``award`` would have left, without
calling it once per row (``tests/demo/test_national.py`` runs both and compares).

One module per area (accounts, events, live, quizzes, debates, volunteers, corrections),
over a shared ``world.World``; ``run.py`` puts the days together, ``ledger.py`` pays,
``writer.py`` writes in bulk (COPY on PostgreSQL), ``calendar.py`` knows the school year.

Reproducible: the same ``seed`` gives the same data, apart from secrets (session tokens,
check-in and ballot secrets, badge ids), which come from ``secrets`` as in the app.
"""

from datetime import datetime

import sqlalchemy as sa

from app.accounts.models import Region, User
from app.core.time import utcnow
from app.extensions import db

from .. import DemoError, refuse_in_production
from .accounts import NATIONAL_ORGANIZER
from .run import run
from .scale import Scale
from .world import PERMILLE, Progress, World

__all__ = ["NATIONAL_ORGANIZER", "PERMILLE", "Scale", "national_demo_exists", "seed_national"]


def national_demo_exists() -> bool:
    return db.session.scalar(sa.select(User.id).where(User.login == NATIONAL_ORGANIZER)) is not None


def seed_national(
    scale: Scale, progress: Progress | None = None, seed: int = 2026, now: datetime | None = None
) -> dict[str, int]:
    """Create the national demo data; returns the rows written per table.

    Refuses in production and when the national demo data exists already (its national
    organizer account is the marker): a second run would double everything.
    """
    refuse_in_production()
    if national_demo_exists():
        raise DemoError(
            f"The national demo data exists already (account {NATIONAL_ORGANIZER}); "
            "start from an empty database to make it again."
        )
    regions = db.session.execute(sa.select(Region.id, Region.code).order_by(Region.id)).all()
    if not regions:
        raise DemoError("Regions are missing: run `flask db upgrade` first.")
    return run(World(scale, regions, progress, seed, now or utcnow()))
