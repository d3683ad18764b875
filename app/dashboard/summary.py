"""The maintained summary behind the dashboards, and the one way to read a figure.

Each metric is a grouped SELECT over its area's rows for a time range. ``refresh`` runs it
once per closed Almaty day and stores the result in ``DailyFigure``, per institution and
summed per region; once a month is over, its rows per institution (and per question) are
rolled up into one row per month. A reading adds up the summary rows of the period and
counts only today from the areas' tables, so figures are always current and a national
school year stays a few thousand rows to add. Eligibility to volunteer is counted once a
day, when the summary is brought up to date.

A day is closed once it is over: check-ins count by when the server recorded them (a
scanner that syncs yesterday's scans today adds to today), so nothing arrives in a closed
day. ``flask dashboard refresh --rebuild`` recomputes everything after a correction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.exc import IntegrityError

from app.accounts.models import Institution, Region, RoleGrant, User
from app.core.access import Role
from app.core.time import almaty_day
from app.debates.models import Debate, Round, Tournament
from app.events.models import CheckIn, Event, EventKind
from app.extensions import db
from app.gamification.periods import school_year
from app.live.models import GamePhase, LiveGame
from app.quizzes.models import Answer, Attempt
from app.volunteers import queries as volunteers

from .models import DailyFigure, SummaryState
from .periods import ReportPeriod, almaty_midnight, month_period, school_year_period


class Metric(StrEnum):
    NEW_STUDENTS = "new_students"  # students who signed up, by their institution
    CHECK_INS = "check_ins"  # by the student's institution
    # People at their first check-in of the month (the school year): summed over a month
    # (a school year), the number of different people who came, which no count of days adds up.
    ATTENDEES_MONTH = "attendees_month"
    ATTENDEES_YEAR = "attendees_year"
    # People who meet their region's volunteering rules, counted once a day: one row per
    # region (the rules read every student's totals: too slow for every page view).
    ELIGIBLE = "eligible"
    EVENTS = "events"  # events that began, by the event's institution (NULL: region-wide)
    INTEGRITY_HOURS = "integrity_hours"
    LIVE_GAMES = "live_games"  # finished games, by the host's institution
    DEBATES = "debates"  # debates with a confirmed result, by the tournament
    # Scored answers (not polls) per question, by the student's region: per institution, a
    # month would hold nearly as many rows as answers.
    ANSWERS = "answers"
    CORRECT_ANSWERS = "correct_answers"


Source = Callable[[datetime, datetime], sa.Select]  # (start, end) -> grouped rows


def _none():
    """NULL as an integer column: a metric with no subject, or no institution."""
    return sa.null().cast(sa.Integer)


def _by_institution_of(user_id, *conditions, value=None) -> sa.Select:
    """Rows of ``user_id``'s table counted (or ``value``) by that user's institution."""
    return (
        sa.select(
            Institution.region_id.label("region_id"),
            User.institution_id.label("institution_id"),
            _none().label("subject"),
            (sa.func.count() if value is None else value).label("value"),
        )
        .select_from(user_id.table)
        .join(User, user_id == User.id)
        .join(Institution, User.institution_id == Institution.id)
        .where(*conditions)
        .group_by(Institution.region_id, User.institution_id)
    )


def _new_students(start: datetime, end: datetime) -> sa.Select:
    students = sa.select(RoleGrant.user_id).where(
        RoleGrant.role == Role.STUDENT, RoleGrant.approved_at.is_not(None)
    )
    return (
        sa.select(
            Institution.region_id.label("region_id"),
            User.institution_id.label("institution_id"),
            _none().label("subject"),
            sa.func.count().label("value"),
        )
        .join(Institution, User.institution_id == Institution.id)
        .where(User.created_at >= start, User.created_at < end, User.id.in_(students))
        .group_by(Institution.region_id, User.institution_id)
    )


def _check_ins(start: datetime, end: datetime) -> sa.Select:
    return _by_institution_of(
        CheckIn.user_id, CheckIn.recorded_at >= start, CheckIn.recorded_at < end
    )


def _first_attendances(period_of: Callable[[date], ReportPeriod]) -> Source:
    """People checked in within [start, end) with no check-in earlier in the same period
    (month or school year); the range must lie inside one such period."""

    def source(start: datetime, end: datetime) -> sa.Select:
        since = period_of(almaty_day(start)).start
        earlier = orm.aliased(CheckIn)
        came_before = sa.exists().where(
            earlier.user_id == CheckIn.user_id,
            earlier.recorded_at >= since,
            earlier.recorded_at < start,
        )
        return _by_institution_of(
            CheckIn.user_id,
            CheckIn.recorded_at >= start,
            CheckIn.recorded_at < end,
            ~came_before,
            value=sa.func.count(sa.distinct(CheckIn.user_id)),
        )

    return source


def _school_year_of(day: date) -> ReportPeriod:
    return school_year_period(school_year(day))


def _events(start: datetime, end: datetime, kind: EventKind | None = None) -> sa.Select:
    query = sa.select(
        Event.region_id.label("region_id"),
        Event.institution_id.label("institution_id"),
        _none().label("subject"),
        sa.func.count().label("value"),
    ).where(Event.starts_at >= start, Event.starts_at < end)
    if kind is not None:
        query = query.where(Event.kind == kind)
    return query.group_by(Event.region_id, Event.institution_id)


def _live_games(start: datetime, end: datetime) -> sa.Select:
    return _by_institution_of(
        LiveGame.host_id,
        LiveGame.phase == GamePhase.FINISHED,
        LiveGame.finished_at >= start,
        LiveGame.finished_at < end,
    )


def _debates(start: datetime, end: datetime) -> sa.Select:
    return (
        sa.select(
            Tournament.region_id.label("region_id"),
            Tournament.institution_id.label("institution_id"),
            _none().label("subject"),
            sa.func.count().label("value"),
        )
        .select_from(Debate)
        .join(Round, Debate.round_id == Round.id)
        .join(Tournament, Round.tournament_id == Tournament.id)
        .where(Debate.confirmed_at >= start, Debate.confirmed_at < end)
        .group_by(Tournament.region_id, Tournament.institution_id)
    )


def _answers(value) -> Source:
    def source(start: datetime, end: datetime) -> sa.Select:
        return (
            sa.select(
                Institution.region_id.label("region_id"),
                _none().label("institution_id"),
                Answer.question_id.label("subject"),
                value().label("value"),
            )
            .select_from(Answer)
            .join(Attempt, Answer.attempt_id == Attempt.id)
            .join(User, Attempt.user_id == User.id)
            .join(Institution, User.institution_id == Institution.id)
            .where(
                Answer.answered_at >= start,
                Answer.answered_at < end,
                Answer.is_correct.is_not(None),
            )
            .group_by(Institution.region_id, Answer.question_id)
        )

    return source


DAILY: dict[Metric, Source] = {
    Metric.NEW_STUDENTS: _new_students,
    Metric.CHECK_INS: _check_ins,
    Metric.ATTENDEES_MONTH: _first_attendances(month_period),
    Metric.ATTENDEES_YEAR: _first_attendances(_school_year_of),
    Metric.EVENTS: _events,
    Metric.INTEGRITY_HOURS: lambda start, end: _events(start, end, EventKind.INTEGRITY_HOUR),
    Metric.LIVE_GAMES: _live_games,
    Metric.DEBATES: _debates,
}
# Summarized per day like the rest, and rolled up into one row per month when the month is
# over: per question and region, a day holds nearly as many rows as answers; a month does not.
MONTHLY: dict[Metric, Source] = {
    Metric.ANSWERS: _answers(sa.func.count),
    Metric.CORRECT_ANSWERS: _answers(
        lambda: sa.func.sum(sa.case((Answer.is_correct.is_(True), 1), else_=0))
    ),
}
SOURCES = {**DAILY, **MONTHLY}
PER_REGION = "@region"  # the suffix of a daily metric's rows summed per region
# Metrics whose count starts again each period: counted live, a range is cut at its ends.
RESETS: dict[Metric, Callable[[date], ReportPeriod]] = {
    Metric.ATTENDEES_MONTH: month_period,
    Metric.ATTENDEES_YEAR: _school_year_of,
}
FIRST_MOMENT_OF = (
    User.created_at,
    CheckIn.recorded_at,
    Event.starts_at,
    LiveGame.finished_at,
    Debate.confirmed_at,
    Answer.answered_at,
)


# --- writing the summary ----------------------------------------------------------------------


def _store(metric: Metric, day: date, start: datetime, end: datetime) -> None:
    rows = SOURCES[metric](start, end).subquery()
    db.session.execute(
        sa.insert(DailyFigure).from_select(
            ["metric", "day", "region_id", "institution_id", "subject", "value"],
            sa.select(
                sa.literal(metric.value),
                sa.literal(day, sa.Date),
                rows.c.region_id,
                rows.c.institution_id,
                rows.c.subject,
                rows.c.value,
            ),
        )
    )


def _store_per_region(metric: Metric, day: date) -> None:
    """The day's figures summed per region, for readings that need no institution."""
    db.session.execute(
        sa.insert(DailyFigure).from_select(
            ["metric", "day", "region_id", "value"],
            sa.select(
                sa.literal(_stored_name(metric, None)),
                sa.literal(day, sa.Date),
                DailyFigure.region_id,
                sa.func.sum(DailyFigure.value),
            )
            .where(DailyFigure.metric == metric.value, DailyFigure.day == day)
            .group_by(DailyFigure.region_id),
        )
    )


def _stored_name(metric: Metric, by: str | None) -> str:
    """Whose rows a reading adds up. Per institution, each closed month is one row; per
    region, every day is: totals, charts over time and the regions' table need no
    institution, and a national school year is then 20 rows a day instead of hundreds."""
    return metric.value if by == "institution_id" or metric not in DAILY else metric + PER_REGION


def _roll_up(metric: Metric, first: date, end: date) -> None:
    """Replace a closed month's day rows of ``metric`` by one row per group, dated the 1st."""
    in_month = (DailyFigure.metric == metric.value, DailyFigure.day >= first, DailyFigure.day < end)
    groups = (DailyFigure.region_id, DailyFigure.institution_id, DailyFigure.subject)
    sums = db.session.execute(
        sa.select(*groups, sa.func.sum(DailyFigure.value)).where(*in_month).group_by(*groups)
    ).all()
    db.session.execute(sa.delete(DailyFigure).where(*in_month))
    if sums:
        db.session.execute(
            sa.insert(DailyFigure),
            [
                {
                    "metric": metric.value,
                    "day": first,
                    "region_id": region_id,
                    "institution_id": institution_id,
                    "subject": subject,
                    "value": int(value),
                }
                for region_id, institution_id, subject, value in sums
            ],
        )


def _earliest_day(today: date) -> date:
    firsts = [db.session.scalar(sa.select(sa.func.min(column))) for column in FIRST_MOMENT_OF]
    days = [almaty_day(moment) for moment in firsts if moment is not None]
    return min([*days, today])


def _locked_state(today: date) -> SummaryState:
    state = db.session.scalar(sa.select(SummaryState).with_for_update())
    if state is not None:
        return state
    try:
        with db.session.begin_nested():
            db.session.add(SummaryState(id=1, through=_earliest_day(today) - timedelta(days=1)))
    except IntegrityError:  # another process made it a moment ago
        pass
    return db.session.scalar(sa.select(SummaryState).with_for_update())


def refresh(today: date, max_days: int | None = None) -> date:
    """Summarize the closed days not summarized yet, oldest first, at most ``max_days`` of
    them; returns the last day summarized. Eligibility is recounted once caught up.

    The state row is locked for the catch-up, so two processes never write a day twice.
    """
    state = _locked_state(today)
    yesterday = today - timedelta(days=1)
    caught_up = state.through >= yesterday
    day, written = state.through + timedelta(days=1), 0
    while day <= yesterday and (max_days is None or written < max_days):
        following = day + timedelta(days=1)
        for metric in SOURCES:
            _store(metric, day, almaty_midnight(day), almaty_midnight(following))
        for metric in DAILY:
            _store_per_region(metric, day)
        if following.day == 1:  # the month is over
            for metric in SOURCES:
                _roll_up(metric, day.replace(day=1), following)
        day, written = following, written + 1
    state.through = max(state.through, day - timedelta(days=1))
    if (state.through >= yesterday and not caught_up) or not _has_eligible_count():
        _count_eligible(state.through)
    db.session.commit()
    return state.through


def _has_eligible_count() -> bool:
    query = sa.select(DailyFigure.id).where(DailyFigure.metric == Metric.ELIGIBLE.value)
    return db.session.scalar(query.limit(1)) is not None


def _count_eligible(day: date) -> None:
    """Replace the eligibility count with one made now, when the summary reaches ``day``."""
    db.session.execute(sa.delete(DailyFigure).where(DailyFigure.metric == Metric.ELIGIBLE.value))
    regions = list(db.session.scalars(sa.select(Region)))
    counts = volunteers.eligible_by_region(regions)
    rows = [
        {"metric": Metric.ELIGIBLE.value, "day": day, "region_id": region_id, "value": count}
        for region_id, count in counts.items()
    ]
    if rows:
        db.session.execute(sa.insert(DailyFigure), rows)


def rebuild(today: date) -> date:
    """Forget the summary and build it again from the areas' rows."""
    db.session.execute(sa.delete(DailyFigure))
    db.session.execute(sa.delete(SummaryState))
    db.session.flush()
    through = refresh(today)
    _vacuum()
    return through


def _vacuum() -> None:
    """A rebuild leaves PostgreSQL's index full of the deleted rows (each month's day rows are
    rolled up), which made a school year's reading 10x slower until autovacuum came by."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text(f"VACUUM ANALYZE {DailyFigure.__tablename__}"))


# --- reading figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Figures as of ``now``, with the summary holding every day up to ``through``."""

    through: date
    now: datetime

    @property
    def covered_until(self) -> date:
        """The first day the summary does not hold."""
        return self.through + timedelta(days=1)

    def totals(
        self,
        metric: Metric,
        first_day: date,
        end_day: date,
        region_id: int | None = None,
        by: str | None = None,
    ) -> dict:
        """The metric over [first_day, end_day), summed per ``by`` ("region_id",
        "institution_id" or "subject"), or one total under the key None."""
        covered = min(end_day, max(first_day, self.covered_until))
        result: dict = {}
        if covered > first_day:
            stored = sa.select(DailyFigure).where(
                DailyFigure.metric == _stored_name(metric, by),
                DailyFigure.day >= first_day,
                DailyFigure.day < covered,
            )
            _add(result, stored.subquery(), region_id, by)
        live_end = min(almaty_midnight(end_day), self.now)
        for start, end in _pieces(metric, almaty_midnight(covered), live_end):
            _add(result, SOURCES[metric](start, end).subquery(), region_id, by)
        return result

    def eligible(self, region_id: int | None) -> int:
        """People who met the volunteering rules when the summary was last brought up to date
        (once a day)."""
        query = sa.select(sa.func.coalesce(sa.func.sum(DailyFigure.value), 0)).where(
            DailyFigure.metric == Metric.ELIGIBLE.value
        )
        if region_id is not None:
            query = query.where(DailyFigure.region_id == region_id)
        return int(db.session.scalar(query))

    def total(self, metric: Metric, first_day: date, end_day: date, region_id=None) -> int:
        return self.totals(metric, first_day, end_day, region_id).get(None, 0)

    def by_day(self, metric: Metric, first_day: date, end_day: date, region_id=None) -> dict:
        """{day: value} of the days in the range that the summary holds (see covered_until)."""
        query = (
            sa.select(DailyFigure.day, sa.func.sum(DailyFigure.value))
            .where(
                DailyFigure.metric == _stored_name(metric, None),
                DailyFigure.day >= first_day,
                DailyFigure.day < min(end_day, self.covered_until),
            )
            .group_by(DailyFigure.day)
        )
        if region_id is not None:
            query = query.where(DailyFigure.region_id == region_id)
        return {day: int(value) for day, value in db.session.execute(query)}


def _pieces(metric: Metric, start: datetime, end: datetime):
    """[start, end) cut where the metric's period starts again (whole, for most metrics)."""
    period_of = RESETS.get(metric)
    while start < end:
        piece_end = end if period_of is None else min(end, period_of(almaty_day(start)).end)
        yield start, piece_end
        start = piece_end


def _add(result: dict, rows, region_id: int | None, by: str | None) -> None:
    groups = [rows.c[by]] if by else []  # no GROUP BY for one total (PostgreSQL refuses NULL)
    query = sa.select(*groups, sa.func.sum(rows.c.value)).group_by(*groups)
    if region_id is not None:
        query = query.where(rows.c.region_id == region_id)
    for *group, value in db.session.execute(query):
        key = group[0] if by else None
        result[key] = result.get(key, 0) + int(value or 0)


# A page view catches up a week at most (about a second), so a summary left far behind,
# say after an upgrade, never holds a request past the server's timeout; what it has not
# reached yet is counted from the areas' tables meanwhile, slower but the same figures.
PAGE_CATCH_UP_DAYS = 7


def current(today: date, now: datetime) -> Summary:
    """Bring the summary towards yesterday, then read from it."""
    return Summary(through=refresh(today, PAGE_CATCH_UP_DAYS), now=now)
