"""The dashboards' figures, composed from the summary and the areas' own aggregates.

Every function here adds up aggregates in the database and merges at most one row per
institution in Python; none reads the areas' rows one by one.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from app.accounts.models import Institution, Region, SchoolClass, User, class_students
from app.extensions import db
from app.gamification.models import InstitutionTotal, PointTotal
from app.gamification.rules import rules as board_rules
from app.i18n import _l, lazy_pgettext, translate
from app.quizzes.models import TOPIC_LABELS, Answer, Attempt, Question, Quiz, QuizVersion
from app.volunteers import queries as volunteers

from .periods import ReportPeriod
from .summary import Metric, Summary

HARDEST_QUESTIONS = 10
EVER = date(2000, 1, 1)  # before anyone signed up: "by the end of the period" counts from here
MIN_ANSWERS_FOR_HARDEST = 5  # fewer answers say more about the few than about the question

FIGURE_LABELS = {
    "active_students": _l("Active students"),
    "points": _l("Points earned"),
    "integrity_hours": _l("Integrity Hours held"),
    "events": _l("Events held"),
    "check_ins": lazy_pgettext("dashboard figure", "Check-ins"),
    "live_games": _l("Live games played"),
    "debates": _l("Debates judged"),
}
SUMMARY_FIGURES = {
    "integrity_hours": Metric.INTEGRITY_HOURS,
    "events": Metric.EVENTS,
    "check_ins": Metric.CHECK_INS,
    "live_games": Metric.LIVE_GAMES,
    "debates": Metric.DEBATES,
}


@dataclass(frozen=True)
class Figure:
    key: str
    value: int
    previous: int

    @property
    def label(self) -> str:
        return str(FIGURE_LABELS[self.key])

    @property
    def change(self) -> int:
        return self.value - self.previous

    @property
    def change_percent(self) -> int | None:
        """None when there is nothing to compare with."""
        return round(100 * self.change / self.previous) if self.previous else None


# --- the ledger's maintained totals -----------------------------------------------------------


def _ledger_totals(period_keys: list[str], region_id: int | None, by=None) -> dict:
    """{group: (points, active students)} from the institutions' totals for the periods;
    one total under the key None when ``by`` is None."""
    groups = [] if by is None else [by]
    query = (
        sa.select(
            *groups,
            sa.func.sum(InstitutionTotal.points),
            sa.func.sum(InstitutionTotal.active_students),
        )
        .join(Institution, InstitutionTotal.institution_id == Institution.id)
        .where(InstitutionTotal.period.in_(period_keys))
        .group_by(*groups)
    )
    if region_id is not None:
        query = query.where(Institution.region_id == region_id)
    return {
        (group[0] if groups else None): (int(points or 0), int(active or 0))
        for *group, points, active in db.session.execute(query)
    }


def _period_figures(summary: Summary, region_id: int | None, period: ReportPeriod) -> dict:
    points, active = _ledger_totals([period.key], region_id).get(None, (0, 0))
    figures = {"active_students": active, "points": points}
    for key, metric in SUMMARY_FIGURES.items():
        figures[key] = summary.total(metric, period.first_day, period.end_day, region_id)
    return figures


def headline(summary: Summary, region_id: int | None, period: ReportPeriod) -> list[Figure]:
    """Each figure of the period beside the same figure of the period before."""
    now = _period_figures(summary, region_id, period)
    before = _period_figures(summary, region_id, period.previous())
    return [Figure(key, now[key], before[key]) for key in FIGURE_LABELS]


# --- over time --------------------------------------------------------------------------------


# Over time: active students from the ledger's totals, the rest from the summary.
TIMELINE_FIGURES = ("active_students", "integrity_hours", "check_ins", "live_games", "debates")


@dataclass(frozen=True)
class BucketRow:
    first_day: date
    is_week: bool
    figures: dict[str, int]


def over_time(summary: Summary, region_id: int | None, period: ReportPeriod) -> list[BucketRow]:
    """Months of a school year, or weeks of a month: the summary's days added up per bar,
    and what it does not hold yet (today) counted for the bars it falls in."""
    buckets = period.buckets()
    ledger = _ledger_totals([bucket.key for bucket in buckets], region_id, InstitutionTotal.period)
    first, end = buckets[0].first_day, buckets[-1].end_day
    metrics = {key: SUMMARY_FIGURES[key] for key in TIMELINE_FIGURES[1:]}
    daily = {key: summary.by_day(metric, first, end, region_id) for key, metric in metrics.items()}

    def figure(key: str, bucket) -> int:
        stored = sum(v for day, v in daily[key].items() if bucket.first_day <= day < bucket.end_day)
        if bucket.end_day <= summary.covered_until:
            return stored
        rest = max(bucket.first_day, summary.covered_until)
        return stored + summary.total(metrics[key], rest, bucket.end_day, region_id)

    return [
        BucketRow(
            bucket.first_day,
            bucket.key.startswith("w"),
            {
                "active_students": ledger.get(bucket.key, (0, 0))[1],
                **{key: figure(key, bucket) for key in metrics},
            },
        )
        for bucket in buckets
    ]


# --- by institution and by region -------------------------------------------------------------


@dataclass
class GroupRow:
    """One institution or region: the period's figures, and its place on the board."""

    id: int
    name: str
    active_students: int = 0
    points: int = 0
    integrity_hours: int = 0
    events: int = 0
    check_ins: int = 0
    live_games: int = 0
    debates: int = 0

    @property
    def points_per_student(self) -> float:
        return round(self.points / self.active_students, 1) if self.active_students else 0.0


TABLE_COLUMNS = (
    "name",
    "active_students",
    "points",
    "points_per_student",
    "integrity_hours",
    "events",
    "check_ins",
    "live_games",
    "debates",
)
COLUMN_LABELS = {
    **FIGURE_LABELS,
    "name": _l("Name"),
    "points_per_student": _l("Points per active student"),
}


def _fill(rows: dict[int, GroupRow], summary, period, region_id, by_column: str, by) -> None:
    for key, (points, active) in _ledger_totals([period.key], region_id, by).items():
        if key in rows:
            rows[key].points, rows[key].active_students = points, active
    for name, metric in SUMMARY_FIGURES.items():
        totals = summary.totals(metric, period.first_day, period.end_day, region_id, by_column)
        for key, value in totals.items():
            if key in rows:
                setattr(rows[key], name, value)


def sorted_rows(rows: list[GroupRow], sort: str) -> list[GroupRow]:
    """Largest first; names alphabetically. By points per active student, places with too
    few active students for a fair average come last, as on the leaderboards."""
    if sort == "name":
        return sorted(rows, key=lambda row: row.name)
    if sort == "points_per_student":
        enough = board_rules().min_active_for_average
        return sorted(
            rows, key=lambda row: (row.active_students < enough, -row.points_per_student, row.name)
        )
    return sorted(rows, key=lambda row: (-getattr(row, sort), row.name))


def institutions_table(
    summary: Summary, region_id: int | None, period: ReportPeriod
) -> list[GroupRow]:
    """Every institution of the region (or of the country)."""
    query = sa.select(Institution.id, Institution.name)
    if region_id is not None:
        query = query.where(Institution.region_id == region_id)
    rows = {id_: GroupRow(id_, name) for id_, name in db.session.execute(query)}
    _fill(rows, summary, period, region_id, "institution_id", Institution.id)
    return list(rows.values())


def regions_table(summary: Summary, period: ReportPeriod) -> list[GroupRow]:
    rows = {region.id: GroupRow(region.id, region.display_name) for region in all_regions()}
    _fill(rows, summary, period, None, "region_id", Institution.region_id)
    return list(rows.values())


def all_regions() -> list[Region]:
    return list(db.session.scalars(sa.select(Region).order_by(Region.id)))


# --- learning ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Correctness:
    answers: int
    correct: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.answers) if self.answers else 0

    @property
    def wrong_percent(self) -> int:
        return 100 - self.percent if self.answers else 0


@dataclass(frozen=True)
class TopicRow:
    topic: str
    result: Correctness

    @property
    def label(self) -> str:
        return str(TOPIC_LABELS.get(self.topic, TOPIC_LABELS["other"]))


@dataclass(frozen=True)
class QuestionRow:
    question_id: int
    quiz_title: str
    text: str
    topic: str
    result: Correctness


@dataclass(frozen=True)
class Learning:
    topics: list[TopicRow]
    hardest: list[QuestionRow]


def learning(summary: Summary, region_id: int | None, period: ReportPeriod) -> Learning:
    answers = summary.totals(Metric.ANSWERS, period.first_day, period.end_day, region_id, "subject")
    correct = summary.totals(
        Metric.CORRECT_ANSWERS, period.first_day, period.end_day, region_id, "subject"
    )
    return learning_from(answers, correct)


def learning_from(answers: dict[int, int], correct: dict[int, int]) -> Learning:
    """Per topic and the questions most often answered wrong, from counts per question."""
    details = {
        question_id: (topic, title, text)
        for question_id, topic, title, text in db.session.execute(
            sa.select(Question.id, Quiz.topic, Quiz.title, Question.text)
            .join(QuizVersion, Question.version_id == QuizVersion.id)
            .join(Quiz, QuizVersion.quiz_id == Quiz.id)
            .where(Question.id.in_(list(answers)))
        )
    }
    per_topic: dict[str, list[int]] = {}
    questions = []
    for question_id, count in answers.items():
        topic, title, text = details[question_id]
        result = Correctness(count, correct.get(question_id, 0))
        sums = per_topic.setdefault(topic, [0, 0])
        sums[0], sums[1] = sums[0] + result.answers, sums[1] + result.correct
        if count >= MIN_ANSWERS_FOR_HARDEST:
            questions.append(
                QuestionRow(question_id, translate(title), translate(text), topic, result)
            )
    topics = [TopicRow(topic, Correctness(*sums)) for topic, sums in per_topic.items()]
    topics.sort(key=lambda row: (row.result.percent, row.label))
    questions.sort(key=lambda row: (-row.result.wrong_percent, -row.result.answers))
    return Learning(topics, questions[:HARDEST_QUESTIONS])


# --- the recruitment funnel -------------------------------------------------------------------

FUNNEL_LABELS = {
    "registered": _l("Registered"),
    "active": _l("Active"),
    "attended": _l("Attended an event"),
    "eligible": _l("Eligible to volunteer"),
    "applied": _l("Applied"),
    "accepted": _l("Accepted as volunteers"),
    "volunteering": _l("Active volunteers"),
}
FUNNEL_NOTES = {
    "registered": _l("students signed up by the end of the period"),
    "active": _l("earned points in the period"),
    "attended": _l("checked in at an event in the period"),
    "eligible": _l("meet the eligibility rules (counted once a day)"),
    "applied": _l("applications made in the period"),
    "accepted": _l("applications accepted in the period"),
    "volunteering": _l("active volunteers today"),
}


@dataclass(frozen=True)
class FunnelStep:
    key: str
    count: int
    conversion: int | None  # percent of the step before; None for the first

    @property
    def label(self) -> str:
        return str(FUNNEL_LABELS[self.key])

    @property
    def note(self) -> str:
        return str(FUNNEL_NOTES[self.key])


def funnel(summary: Summary, region_id: int | None, period: ReportPeriod) -> list[FunnelStep]:
    start, end = period.start, period.end
    attendees = Metric.ATTENDEES_YEAR if period.is_year else Metric.ATTENDEES_MONTH
    counts = {
        "registered": summary.total(Metric.NEW_STUDENTS, EVER, period.end_day, region_id),
        "active": _ledger_totals([period.key], region_id).get(None, (0, 0))[1],
        "attended": summary.total(attendees, period.first_day, period.end_day, region_id),
        "eligible": summary.eligible(region_id),
        "applied": volunteers.applied_between(region_id, start, end),
        "accepted": volunteers.accepted_between(region_id, start, end),
        "volunteering": volunteers.figures(region_id).active_volunteers,
    }
    steps, before = [], None
    for key, count in counts.items():
        conversion = None if before is None else (round(100 * count / before) if before else 0)
        steps.append(FunnelStep(key, count, conversion))
        before = count
    return steps


def volunteering(region_id: int | None, period: ReportPeriod) -> volunteers.RegionFigures:
    return volunteers.figures(region_id, held=(period.first_day, period.end_day))


# --- a teacher's classes ----------------------------------------------------------------------


@dataclass
class ClassRow:
    klass: SchoolClass
    students: int = 0
    active: int = 0  # earned points in the period
    topics: list[TopicRow] = field(default_factory=list)

    @property
    def active_percent(self) -> int:
        return round(100 * self.active / self.students) if self.students else 0


def class_rows(teacher: User, period_key: str, start: datetime, end: datetime) -> list[ClassRow]:
    """Each of the teacher's classes: its size, who took part, and its topics, worst first."""
    rows = []
    for klass in teacher.teaching:
        members = sa.select(class_students.c.user_id).where(class_students.c.class_id == klass.id)
        students = db.session.scalar(sa.select(sa.func.count()).select_from(members.subquery()))
        active = db.session.scalar(
            sa.select(sa.func.count()).where(
                PointTotal.period == period_key, PointTotal.user_id.in_(members)
            )
        )
        rows.append(ClassRow(klass, students, active, _class_topics(members, start, end)))
    return rows


def _class_topics(members: sa.Select, start: datetime, end: datetime) -> list[TopicRow]:
    rows = db.session.execute(
        sa.select(
            Answer.question_id,
            sa.func.count(),
            sa.func.sum(sa.case((Answer.is_correct.is_(True), 1), else_=0)),
        )
        .join(Attempt, Answer.attempt_id == Attempt.id)
        .where(
            Attempt.user_id.in_(members),
            Answer.is_correct.is_not(None),
            Answer.answered_at >= start,
            Answer.answered_at < end,
        )
        .group_by(Answer.question_id)
    ).all()
    answers = {question_id: count for question_id, count, _ in rows}
    correct = {question_id: int(right or 0) for question_id, _, right in rows}
    return learning_from(answers, correct).topics
