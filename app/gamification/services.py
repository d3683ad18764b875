"""The one way into the points ledger."""

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db

from .models import PointEntry, PointSource


def award(user_id: int, source: PointSource, key: str, amount: int, reason: str) -> bool:
    """Pay ``amount`` points for one achievement, inside the caller's transaction.

    Returns False (and pays nothing) when this achievement was paid before, including by
    another process a moment ago: the insert runs in a savepoint, so a duplicate undoes
    only itself and the caller's own writes stay.
    """
    entry = PointEntry(
        user_id=user_id, amount=amount, source_kind=source, source_key=key, reason=reason
    )
    db.session.flush()  # the caller's pending writes must not land inside the savepoint
    try:
        with db.session.begin_nested():
            db.session.add(entry)
    except IntegrityError:
        return False
    return True


def total_points(user_id: int) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(PointEntry.amount), 0)).where(
        PointEntry.user_id == user_id
    )
    return db.session.scalar(query)
