"""In-app notifications: areas call ``notify`` in their own transaction; the bell in the
menu and /notifications show them in the reader's language."""

from datetime import datetime

import sqlalchemy as sa

from app.extensions import db
from app.i18n import _

from .models import Notification

LIST_LIMIT = 50


def notify(user_id: int, message: str, link: str = "", **params) -> None:
    """``message`` is an English msgid marked with N_(); it is translated when shown."""
    db.session.add(Notification(user_id=user_id, message=message, params=params, link=link))


def text(notification: Notification) -> str:
    return _(notification.message, **notification.params)


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
    )


def recent(user_id: int) -> list[Notification]:
    query = (
        sa.select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(LIST_LIMIT)
    )
    return list(db.session.scalars(query))


def mark_all_read(user_id: int, now: datetime) -> None:
    db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=now)
    )
    db.session.commit()
