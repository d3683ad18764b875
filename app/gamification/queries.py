"""Reads of gamification: totals, streaks, badges, history and the leaderboards.

Every figure comes from the maintained totals (``PointTotal``, ``InstitutionTotal``), never
from summing the ledger, and a board is one index range whatever the number of students.
Ties go to whoever reached the score first (then the lower user id, so the order is total).
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import Institution, Region, User, class_students
from app.core.time import almaty_day, utcnow
from app.extensions import db

from .models import ActivityWeek, BadgeAward, InstitutionTotal, PointEntry, PointTotal
from .periods import ALL_TIME, Period, period_key, streak_length, week_start
from .rules import rules

STREAK_LOOKBACK_WEEKS = 156  # three school years: longer streaks show as at least this


class Scope(StrEnum):
    CLASS = "class"
    INSTITUTION = "institution"
    REGION = "region"
    NATIONAL = "national"


def total_points(user_id: int) -> int:
    points = db.session.scalar(
        sa.select(PointTotal.points).filter_by(user_id=user_id, period=ALL_TIME)
    )
    return points or 0


# --- streaks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StreakInfo:
    weeks: int  # weeks in a row, up to this week
    this_week_done: bool  # False: taking part this week keeps (or starts) the streak


def streak(user_id: int, now: datetime | None = None) -> StreakInfo:
    this_week = week_start(almaty_day(now or utcnow()))
    weeks = set(
        db.session.scalars(
            sa.select(ActivityWeek.week_start)
            .where(ActivityWeek.user_id == user_id)
            .order_by(ActivityWeek.week_start.desc())
            .limit(STREAK_LOOKBACK_WEEKS)
        )
    )
    return StreakInfo(weeks=streak_length(weeks, this_week), this_week_done=this_week in weeks)


# --- badges and history ----------------------------------------------------------------------


def badge_ids_held(user_id: int) -> set[str]:
    return set(db.session.scalars(sa.select(BadgeAward.badge_id).filter_by(user_id=user_id)))


def badges_of(user_id: int) -> list[BadgeAward]:
    return list(
        db.session.scalars(
            sa.select(BadgeAward)
            .where(BadgeAward.user_id == user_id, BadgeAward.revoked_at.is_(None))
            .order_by(BadgeAward.awarded_at, BadgeAward.id)
        )
    )


def unseen_badges(user_id: int) -> list[BadgeAward]:
    return [award for award in badges_of(user_id) if award.seen_at is None]


def badge_award(public_id: str) -> BadgeAward | None:
    return db.session.scalar(sa.select(BadgeAward).filter_by(public_id=public_id))


def history(user_id: int, limit: int = 20) -> list[PointEntry]:
    return list(
        db.session.scalars(
            sa.select(PointEntry)
            .where(PointEntry.user_id == user_id)
            .order_by(PointEntry.created_at.desc(), PointEntry.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class Paid:
    points: int
    capped: bool  # a daily cap paid less than the rules offered


def paid_for(user_id: int, key: str, sources) -> Paid:
    """What one achievement (several sources under one key, e.g. a quiz) paid the user."""
    rows = db.session.execute(
        sa.select(PointEntry.amount, PointEntry.capped_from).where(
            PointEntry.user_id == user_id,
            PointEntry.source_key == key,
            PointEntry.source_kind.in_(sources),
        )
    ).all()
    return Paid(sum(amount for amount, _ in rows), any(c is not None for _, c in rows))


def recent_corrections(region_id: int | None, limit: int = 50) -> list[tuple[PointEntry, User]]:
    """Corrections to students of a region (all regions for None), newest first."""
    query = (
        sa.select(PointEntry, User)
        .join(User, PointEntry.user_id == User.id)
        .where(PointEntry.source_kind == "correction")
        .order_by(PointEntry.created_at.desc())
        .limit(limit)
    )
    if region_id is not None:
        query = query.join(Institution, User.institution_id == Institution.id).where(
            Institution.region_id == region_id
        )
    return list(db.session.execute(query).all())


# --- student boards ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    rank: int | None  # None: no points in this period yet
    user_id: int
    display_name: str
    full_name: str | None  # only on boards whose viewer may see full names
    points: int
    listed: bool


@dataclass(frozen=True)
class Board:
    rows: list[Standing]
    me: Standing | None  # the viewer's own place, shown even far from the top


def _scope_filter(scope: Scope, scope_id: int | None):
    match scope:
        case Scope.CLASS:
            members = sa.select(class_students.c.user_id).where(
                class_students.c.class_id == scope_id
            )
            return PointTotal.user_id.in_(members)
        case Scope.INSTITUTION:
            return PointTotal.institution_id == scope_id
        case Scope.REGION:
            return PointTotal.region_id == scope_id
    return sa.true()


def student_board(
    scope: Scope,
    scope_id: int | None,
    period: str,
    viewer_id: int | None,
    *,
    private: bool = False,
) -> Board:
    """The top of a board and the viewer's own standing.

    A public board lists display names of students who have not hidden themselves. A
    ``private`` board (a teacher's own class) also lists hidden students, with full names.
    """
    in_board = [PointTotal.period == period, _scope_filter(scope, scope_id)]
    if not private:
        in_board.append(PointTotal.listed.is_(True))
    rows = db.session.execute(
        sa.select(PointTotal, User.display_name, User.full_name)
        .join(User, PointTotal.user_id == User.id)
        .where(*in_board)
        .order_by(PointTotal.points.desc(), PointTotal.reached_at, PointTotal.user_id)
        .limit(rules().board_size)
    ).all()
    standings = [
        _standing(rank, total, display, full if private else None)
        for rank, (total, display, full) in enumerate(rows, start=1)
    ]
    me = next((s for s in standings if s.user_id == viewer_id), None)
    if me is None and viewer_id is not None:
        me = _own_standing(viewer_id, period, in_board, private)
    return Board(rows=standings, me=me)


def _standing(rank, total: PointTotal, display_name: str, full_name: str | None) -> Standing:
    return Standing(rank, total.user_id, display_name, full_name, total.points, total.listed)


def _own_standing(user_id: int, period: str, in_board: list, private: bool) -> Standing | None:
    """The user's rank: one more than the number ahead (two index-range counts)."""
    user = db.session.get(User, user_id)
    mine = db.session.get(PointTotal, (user_id, period))
    full_name = user.full_name if private else None
    if mine is None:
        return Standing(None, user_id, user.display_name, full_name, 0, user.show_on_boards)
    ahead_by_points = sa.select(sa.func.count()).where(*in_board, PointTotal.points > mine.points)
    ahead_by_time = sa.select(sa.func.count()).where(
        *in_board,
        PointTotal.points == mine.points,
        sa.or_(
            PointTotal.reached_at < mine.reached_at,
            sa.and_(PointTotal.reached_at == mine.reached_at, PointTotal.user_id < user_id),
        ),
    )
    ahead = db.session.scalar(
        sa.select(ahead_by_points.scalar_subquery() + ahead_by_time.scalar_subquery())
    )
    return Standing(ahead + 1, user_id, user.display_name, full_name, mine.points, mine.listed)


# --- institution and region boards ------------------------------------------------------------


@dataclass(frozen=True)
class GroupStanding:
    rank: int
    id: int
    name: str
    points: int
    active_students: int

    @property
    def per_student(self) -> float:
        return self.points / self.active_students if self.active_students else 0.0


def _ranked(rows) -> list[GroupStanding]:
    return [GroupStanding(rank, *row) for rank, row in enumerate(rows, start=1)]


def institution_board(
    period: str, region_id: int | None = None, per_student: bool = False
) -> list[GroupStanding]:
    """Institutions by points (or points per active student) in a period, top first."""
    query = (
        sa.select(
            Institution.id,
            Institution.name,
            InstitutionTotal.points,
            InstitutionTotal.active_students,
        )
        .join(Institution, InstitutionTotal.institution_id == Institution.id)
        .where(InstitutionTotal.period == period)
    )
    if region_id is not None:
        query = query.where(Institution.region_id == region_id)
    if per_student:
        average = sa.cast(InstitutionTotal.points, sa.Float) / InstitutionTotal.active_students
        query = query.where(
            InstitutionTotal.active_students >= rules().min_active_for_average
        ).order_by(average.desc(), InstitutionTotal.reached_at, Institution.id)
    else:
        query = query.order_by(
            InstitutionTotal.points.desc(), InstitutionTotal.reached_at, Institution.id
        )
    return _ranked(db.session.execute(query.limit(rules().board_size)).all())


def region_board(period: str, per_student: bool = False) -> list[tuple[GroupStanding, Region]]:
    """The regions, summed from their institutions' totals (about 2,000 rows at most)."""
    points = sa.func.sum(InstitutionTotal.points)
    active = sa.func.sum(InstitutionTotal.active_students)
    reached = sa.func.max(InstitutionTotal.reached_at)
    query = (
        sa.select(Institution.region_id, points, active)
        .join(Institution, InstitutionTotal.institution_id == Institution.id)
        .where(InstitutionTotal.period == period)
        .group_by(Institution.region_id)
    )
    if per_student:
        query = query.having(active >= rules().min_active_for_average).order_by(
            (sa.cast(points, sa.Float) / active).desc(), reached, Institution.region_id
        )
    else:
        query = query.order_by(points.desc(), reached, Institution.region_id)
    totals = db.session.execute(query).all()
    regions = {r.id: r for r in db.session.scalars(sa.select(Region))}
    return [
        (
            GroupStanding(rank, region_id, regions[region_id].display_name, total, students),
            regions[region_id],
        )
        for rank, (region_id, total, students) in enumerate(totals, start=1)
    ]


def current_period(period: Period) -> str:
    return period_key(period, utcnow())
