"""Reads of volunteering: the organizers' queue with its filters, teachers' consent checks,
activities, and the region's figures."""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from app.accounts.models import Region, SchoolClass, User, class_students, class_teachers
from app.extensions import db
from app.gamification.models import BadgeAward, PointEntry, PointSource, PointTotal
from app.gamification.periods import ALL_TIME

from . import eligibility
from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Application,
    Direction,
    Status,
    StatusChange,
)

QUEUE_LIMIT = 500


@dataclass(frozen=True)
class QueueFilter:
    direction: Direction | None = None
    status: Status | None = None
    institution_id: int | None = None
    recommended: bool | None = None


def in_scope(region_id: int | None) -> sa.ColumnElement[bool]:
    """Applications an organizer covers: their region's; a national organizer's: all."""
    return sa.true() if region_id is None else Application.region_id == region_id


def queue(region_id: int | None, chosen: QueueFilter) -> list[Application]:
    """Applications organizers work on: never one waiting for a guardian's consent."""
    query = sa.select(Application).where(_reviewable(region_id))
    if chosen.direction:
        query = query.where(Application.direction == chosen.direction)
    if chosen.status:
        query = query.where(Application.status == chosen.status)
    if chosen.institution_id:
        query = query.join(User, Application.user_id == User.id).where(
            User.institution_id == chosen.institution_id
        )
    if chosen.recommended is not None:
        query = query.where(Application.recommended.is_(chosen.recommended))
    query = query.order_by(Application.recommended.desc(), Application.created_at)
    return list(db.session.scalars(query.limit(QUEUE_LIMIT)))


def _reviewable(region_id: int | None) -> sa.ColumnElement[bool]:
    return sa.and_(in_scope(region_id), Application.status != Status.AWAITING_CONSENT)


def visible_application(application_id: int, region_id: int | None) -> Application | None:
    """None also when the application is outside the organizer's region (a 404, not a 403:
    another region's volunteers are not even confirmed to exist)."""
    return db.session.scalar(
        sa.select(Application).where(Application.id == application_id, _reviewable(region_id))
    )


def visible_applications(ids: set[int], region_id: int | None) -> list[Application]:
    """The ones of ``ids`` an organizer may act on, in one query (bulk actions)."""
    query = sa.select(Application).where(Application.id.in_(ids), _reviewable(region_id))
    return list(db.session.scalars(query.order_by(Application.id)))


def awaiting_consent(teacher: User) -> list[Application]:
    """Minors' applications from the teacher's classes, waiting for the guardian's consent."""
    students = (
        sa.select(class_students.c.user_id)
        .join(class_teachers, class_teachers.c.class_id == class_students.c.class_id)
        .where(class_teachers.c.user_id == teacher.id)
    )
    query = sa.select(Application).where(
        Application.status == Status.AWAITING_CONSENT, Application.user_id.in_(students)
    )
    return list(db.session.scalars(query.order_by(Application.created_at)))


def teaches(teacher: User, student: User) -> bool:
    return bool(
        db.session.scalar(
            sa.select(sa.literal(True))
            .select_from(SchoolClass)
            .join(class_teachers, class_teachers.c.class_id == SchoolClass.id)
            .join(class_students, class_students.c.class_id == SchoolClass.id)
            .where(class_teachers.c.user_id == teacher.id, class_students.c.user_id == student.id)
        )
    )


def applications_of(user: User) -> list[Application]:
    query = sa.select(Application).where(Application.user_id == user.id)
    return list(db.session.scalars(query.order_by(Application.created_at.desc())))


def activities_of(user: User) -> list[Activity]:
    query = sa.select(Activity).where(Activity.user_id == user.id)
    return list(db.session.scalars(query.order_by(Activity.held_on.desc(), Activity.id.desc())))


def pending_activities(region_id: int | None) -> list[Activity]:
    scope = sa.true() if region_id is None else Activity.region_id == region_id
    query = sa.select(Activity).where(scope, Activity.status == ActivityStatus.PENDING)
    return list(db.session.scalars(query.order_by(Activity.created_at)))


def visible_activity(activity_id: int, region_id: int | None) -> Activity | None:
    scope = sa.true() if region_id is None else Activity.region_id == region_id
    return db.session.scalar(sa.select(Activity).where(Activity.id == activity_id, scope))


@dataclass(frozen=True)
class RegionFigures:
    active_volunteers: int
    applications_by_status: dict[Status, int]
    confirmed_by_kind: dict[ActivityKind, int]
    reported_savings_tenge: int


def figures(region_id: int | None, held: tuple[date, date] | None = None) -> RegionFigures:
    """What regional anti-corruption departments announce: confirmed activities only,
    optionally those held in [first day, end day)."""
    by_status = dict(
        db.session.execute(
            sa.select(Application.status, sa.func.count())
            .where(in_scope(region_id))
            .group_by(Application.status)
        ).all()
    )
    confirmed = sa.and_(
        sa.true() if region_id is None else Activity.region_id == region_id,
        Activity.status == ActivityStatus.CONFIRMED,
    )
    if held is not None:
        confirmed = sa.and_(confirmed, Activity.held_on >= held[0], Activity.held_on < held[1])
    by_kind = dict(
        db.session.execute(
            sa.select(Activity.kind, sa.func.count()).where(confirmed).group_by(Activity.kind)
        ).all()
    )
    savings = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Activity.savings_tenge), 0)).where(confirmed)
    )
    return RegionFigures(
        active_volunteers=by_status.get(Status.ACTIVE, 0),
        applications_by_status=by_status,
        confirmed_by_kind=by_kind,
        reported_savings_tenge=int(savings),
    )


def applied_between(region_id: int | None, start: datetime, end: datetime) -> int:
    """Applications made in [start, end), whatever became of them."""
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            in_scope(region_id), Application.created_at >= start, Application.created_at < end
        )
    )


def accepted_between(region_id: int | None, start: datetime, end: datetime) -> int:
    """Applications accepted in [start, end), by their history."""
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(StatusChange.application_id)))
        .join(Application, StatusChange.application_id == Application.id)
        .where(
            in_scope(region_id),
            StatusChange.to_status == Status.ACCEPTED,
            StatusChange.at >= start,
            StatusChange.at < end,
        )
    )


def eligible_by_region(regions: list[Region]) -> dict[int, int]:
    """{region id: people there who meet their region's eligibility rules now}, counted in
    the database: one query per distinct set of rules. Nationally it reads every student's
    totals (half a second on SQLite at 200,000 students), so dashboards count it nightly."""
    by_rules: dict[tuple, list[int]] = {}
    for region in regions:
        by_rules.setdefault(eligibility.rules_for(region.code), []).append(region.id)
    counts = dict.fromkeys((region.id for region in regions), 0)
    for rules, ids in by_rules.items():
        counts.update(_meeting(rules, ids))
    return counts


def _meeting(rules: tuple[eligibility.Rule, ...], region_ids: list[int]) -> dict[int, int]:
    # Everyone who meets a rule has points (check-ins and badges come with them), so the
    # all-time totals, kept per user with the region copied in, are the candidates.
    query = (
        sa.select(PointTotal.region_id, sa.func.count())
        .where(PointTotal.period == ALL_TIME, PointTotal.region_id.in_(region_ids))
        .group_by(PointTotal.region_id)
    )
    for rule in rules:
        if rule.kind == "points":
            query = query.where(PointTotal.points >= rule.target)
        elif rule.kind == "events":
            # The rule's K-th check-in exists: stops at K rows instead of counting them all.
            kth_event = (
                sa.select(PointEntry.id)
                .where(
                    PointEntry.user_id == PointTotal.user_id,
                    PointEntry.source_kind == PointSource.EVENT_CHECKIN,
                )
                .limit(1)
                .offset(rule.target - 1)
            )
            query = query.where(sa.exists(kth_event))
        else:
            query = query.where(
                sa.exists().where(
                    BadgeAward.user_id == PointTotal.user_id,
                    BadgeAward.badge_id == rule.target,
                    BadgeAward.revoked_at.is_(None),
                )
            )
    return dict(db.session.execute(query).all())
