"""Every write of gamification: the one way into the ledger, corrections and revocations.

``award`` runs inside the caller's transaction and keeps the maintained totals, daily caps,
weekly activity and badges in step with the ledger row it writes; what a payment grants and
adds to is the pure ``payments.settle``, which the national demo's generator applies too.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.accounts.models import Institution, User
from app.core.errors import FieldError
from app.core.time import almaty_day, utcnow
from app.extensions import db
from app.i18n import _

from . import queries
from .badges import Badge, watching
from .models import (
    ActivityWeek,
    BadgeAward,
    DailyPoints,
    InstitutionTotal,
    PointEntry,
    PointSource,
    PointTotal,
)
from .openbadges import new_recipient_identity, recipient
from .payments import counts_against_cap, offered_points, settle
from .rules import rule

MAX_CORRECTION = 10_000


def award(
    user_id: int,
    source: PointSource,
    key: str,
    reason: str,
    *,
    count: int = 1,
    amount: int | None = None,
    by_id: int | None = None,
) -> bool:
    """Pay one achievement, inside the caller's transaction; False if it was paid before.

    The points come from the source's rule in rules.yaml (``count`` times, e.g. correct
    answers) unless ``amount`` is given (an event's own points, a podium place, a
    correction). A daily cap may pay less; the row then says what was offered.

    The database's unique key decides "paid before", so this holds even for two server
    processes at once: the insert runs in a savepoint, and a duplicate undoes only itself,
    never the caller's other writes.
    """
    source_rule = rule(source)
    offered = offered_points(source_rule, count, amount)
    now = utcnow()
    day = almaty_day(now)
    db.session.flush()  # the caller's pending writes must not land inside the savepoint
    try:
        with db.session.begin_nested():
            entry = PointEntry(
                user_id=user_id,
                source_kind=source,
                source_key=key,
                amount=offered,
                reason=reason[:200],
                awarded_by_id=by_id,
                created_at=now,
            )
            db.session.add(entry)
            db.session.flush()  # the unique key refuses a second payment here
            capped = counts_against_cap(source_rule, offered)
            daily = {"user_id": user_id, "source_kind": source, "day": day}
            spent = _spent_today(daily) if capped else 0
            payment = settle(source_rule, offered, day, spent)
            entry.amount, entry.capped_from = payment.granted, payment.capped_from
            if capped and payment.granted:
                _update(DailyPoints, daily, {"points": spent + payment.granted})
            if payment.periods:
                _add_to_totals(user_id, payment.granted, payment.periods, now)
            if payment.week is not None:
                _record_week(user_id, payment.week)
            db.session.flush()
    except IntegrityError:
        return False
    _check_badges(user_id, source)
    return True


# --- the pieces of an award ------------------------------------------------------------------


def _update(model, key: dict, values: dict) -> int:
    statement = sa.update(model).where(*(getattr(model, k) == v for k, v in key.items()))
    result = db.session.execute(
        statement.values(values), execution_options={"synchronize_session": False}
    )
    return result.rowcount


def _insert_if_missing(model, row: dict) -> bool:
    """Insert a row in a savepoint; False if its key exists (perhaps inserted a moment ago
    by another transaction, which the unique key tells us)."""
    try:
        with db.session.begin_nested():
            db.session.execute(sa.insert(model).values(**row))
    except IntegrityError:
        return False
    return True


def _update_or_create(model, key: dict, changes: dict, new_row: dict) -> bool:
    """Apply ``changes`` to the row with ``key``, or insert ``new_row`` if there is none.

    Returns True when it created the row. Portable (no dialect upsert): UPDATE first; with
    no row, INSERT; if another transaction inserted it meanwhile, UPDATE its row after all.
    """
    if _update(model, key, changes):
        return False
    if _insert_if_missing(model, {**key, **new_row}):
        return True
    _update(model, key, changes)
    return False


def _spent_today(key: dict) -> int:
    """The points of this source already paid to the user today, the day's row locked
    (SELECT ... FOR UPDATE on PostgreSQL; SQLite has one writer at a time anyway), so two
    awards at once cannot both fit into the last free points under the cap."""
    used = _daily_used(key)
    if used is None:  # the day's first award of this kind
        _insert_if_missing(DailyPoints, {**key, "points": 0})
        used = _daily_used(key)
    return used


def _daily_used(key: dict) -> int | None:
    return db.session.scalar(sa.select(DailyPoints.points).filter_by(**key).with_for_update())


@dataclass(frozen=True)
class _Scope:
    institution_id: int | None
    region_id: int | None
    listed: bool


def _scope_of(user_id: int) -> _Scope:
    row = db.session.execute(
        sa.select(User.institution_id, Institution.region_id, User.show_on_boards)
        .outerjoin(Institution, User.institution_id == Institution.id)
        .where(User.id == user_id)
    ).one()
    return _Scope(*row)


def _add_to_totals(user_id: int, amount: int, periods: tuple[str, ...], now: datetime) -> None:
    scope = _scope_of(user_id)
    for period in periods:
        created = _update_or_create(
            PointTotal,
            {"user_id": user_id, "period": period},
            {"points": PointTotal.points + amount, "reached_at": now},
            {
                "points": amount,
                "reached_at": now,
                "institution_id": scope.institution_id,
                "region_id": scope.region_id,
                "listed": scope.listed,
            },
        )
        if scope.institution_id is not None:
            _update_or_create(
                InstitutionTotal,
                {"institution_id": scope.institution_id, "period": period},
                {
                    "points": InstitutionTotal.points + amount,
                    "active_students": InstitutionTotal.active_students + int(created),
                    "reached_at": now,
                },
                {"points": amount, "active_students": 1, "reached_at": now},
            )


def _record_week(user_id: int, week: date) -> None:
    row = {"user_id": user_id, "week_start": week}
    if db.session.get(ActivityWeek, tuple(row.values())) is None:
        _insert_if_missing(ActivityWeek, row)


class _LedgerFacts:
    """What badge criteria ask about one user, read from the ledger and its totals."""

    def __init__(self, user_id: int):
        self.user_id = user_id

    def count(self, sources) -> int:
        return db.session.scalar(
            sa.select(sa.func.count())
            .select_from(PointEntry)
            .where(PointEntry.user_id == self.user_id, PointEntry.source_kind.in_(sources))
        )

    def points(self) -> int:
        return queries.total_points(self.user_id)

    def streak(self) -> int:
        return queries.streak(self.user_id).weeks

    def evidence(self, sources) -> list[str]:
        return list(
            db.session.scalars(
                sa.select(PointEntry.reason)
                .where(PointEntry.user_id == self.user_id, PointEntry.source_kind.in_(sources))
                .order_by(PointEntry.created_at, PointEntry.id)
            )
        )


def _check_badges(user_id: int, source: PointSource) -> None:
    held = queries.badge_ids_held(user_id)
    candidates = [b for b in watching(source) if b.id not in held]
    if not candidates:
        return
    facts = _LedgerFacts(user_id)
    for badge in candidates:
        if badge.criteria.met(facts):
            _give_badge(user_id, badge, badge.criteria.evidence(facts))


def _give_badge(user_id: int, badge: Badge, evidence: list[str]) -> None:
    base = current_app.config.get("PUBLIC_BASE_URL", "")  # an https identity (see openbadges)
    identity, salt = new_recipient_identity(base), secrets.token_hex(8)
    hashed = recipient(identity, salt)
    try:
        with db.session.begin_nested():
            db.session.add(
                BadgeAward(
                    public_id=secrets.token_hex(16),
                    user_id=user_id,
                    badge_id=badge.id,
                    evidence=[{"narrative": line} for line in evidence],
                    recipient_type=hashed["type"],
                    recipient_identity=identity,
                    recipient_hash=hashed["identity"],
                    salt=salt,
                )
            )
    except IntegrityError:
        pass  # earned a moment ago in another transaction


# --- organizers ------------------------------------------------------------------------------


def correct_points(organizer: User, student: User, amount: int, reason: str) -> PointEntry:
    """An organizer's correction: a new ledger row with a reason, never an edit of history."""
    reason = reason.strip()
    if amount == 0 or abs(amount) > MAX_CORRECTION:
        raise FieldError(
            "amount",
            _("Enter a correction between -%(max)d and %(max)d, not 0.", max=MAX_CORRECTION),
        )
    if not reason:
        raise FieldError("reason", _("Say why the points are corrected."))
    if queries.total_points(student.id) + amount < 0:
        raise FieldError("amount", _("A correction cannot take a total below zero."))
    key = f"{utcnow():%Y%m%d%H%M%S}-{secrets.token_hex(4)}"
    award(student.id, PointSource.CORRECTION, key, reason, amount=amount, by_id=organizer.id)
    db.session.commit()
    return db.session.scalar(
        sa.select(PointEntry).filter_by(
            user_id=student.id, source_kind=PointSource.CORRECTION, source_key=key
        )
    )


def revoke_badge(organizer: User, badge_award: BadgeAward, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", _("Say why the badge is revoked."))
    if badge_award.is_revoked:
        return  # revoked already: a second click changes nothing
    badge_award.revoke(organizer.id, reason, utcnow())
    db.session.commit()


def mark_badges_seen(user_id: int) -> None:
    db.session.execute(
        sa.update(BadgeAward)
        .where(BadgeAward.user_id == user_id, BadgeAward.seen_at.is_(None))
        .values(seen_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
