"""Keep the board columns copied into the totals in step with accounts.

``PointTotal`` carries each user's institution, region and board visibility so that a board
is one index range. Accounts must not import gamification, so gamification listens instead:
after a flush that moved a user to another institution, moved an institution to another
region, or changed whether a user shows on public boards, the copies are updated in the same
transaction.
"""

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.accounts.models import Institution, User

from .models import InstitutionTotal, PointTotal


def _changed(obj, column: str) -> bool:
    # Only "added" is reliable: after a commit the old value is expired, not remembered.
    return inspect(obj).attrs[column].history.has_changes()


def _shift_institution_total(connection, institution_id: int, period: str, points: int, sign: int):
    changed = connection.execute(
        sa.update(InstitutionTotal)
        .where(InstitutionTotal.institution_id == institution_id, InstitutionTotal.period == period)
        .values(
            points=InstitutionTotal.points + sign * points,
            active_students=InstitutionTotal.active_students + sign,
        )
    )
    if not changed.rowcount and sign > 0:
        connection.execute(
            sa.insert(InstitutionTotal).values(
                institution_id=institution_id, period=period, points=points, active_students=1
            )
        )


def _move_user(connection, user_id: int, new_id: int | None) -> None:
    """Move a user's totals, and their share of institution totals, to ``new_id``.

    The totals themselves say where the points are now, so this needs no old value.
    """
    totals = connection.execute(
        sa.select(PointTotal.period, PointTotal.points, PointTotal.institution_id).where(
            PointTotal.user_id == user_id, PointTotal.institution_id.is_distinct_from(new_id)
        )
    ).all()
    if not totals:
        return
    for period, points, old_id in totals:
        if old_id is not None:
            _shift_institution_total(connection, old_id, period, points, -1)
        if new_id is not None:
            _shift_institution_total(connection, new_id, period, points, +1)
    region_id = connection.scalar(sa.select(Institution.region_id).where(Institution.id == new_id))
    connection.execute(
        sa.update(PointTotal)
        .where(PointTotal.user_id == user_id)
        .values(institution_id=new_id, region_id=region_id)
    )


def keep_board_columns_in_step() -> None:
    """Install the listener, once per process (create_app calls it; importing this module
    changes nothing by itself)."""
    if not event.contains(Session, "after_flush", _sync_board_columns):
        event.listen(Session, "after_flush", _sync_board_columns)


def _sync_board_columns(session: Session, _flush_context) -> None:
    connection = session.connection()
    for obj in session.dirty:
        if isinstance(obj, User):
            if _changed(obj, "institution_id"):
                _move_user(connection, obj.id, obj.institution_id)
            if _changed(obj, "show_on_boards"):
                connection.execute(
                    sa.update(PointTotal)
                    .where(PointTotal.user_id == obj.id)
                    .values(listed=obj.show_on_boards)
                )
        elif isinstance(obj, Institution) and _changed(obj, "region_id"):
            connection.execute(
                sa.update(PointTotal)
                .where(PointTotal.institution_id == obj.id)
                .values(region_id=obj.region_id)
            )
