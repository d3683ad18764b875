"""Dashboard pages: the organizers' region (or national) dashboard with its exports and
printable report, and the teachers' view of their classes. Read-only."""

from dataclasses import dataclass

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from app.accounts.models import Region
from app.core.access import STAFF, Role, covers_region, roles_required
from app.core.exports import csv_response
from app.core.time import almaty_day, utcnow
from app.events.queries import EventFilter, upcoming
from app.extensions import db
from app.i18n import _, format_date
from app.quizzes.models import Assignment
from app.quizzes.results import assignment_results
from app.volunteers.models import ActivityKind

from . import charts, queries, summary
from .periods import ReportPeriod, month_period, parse_period, recent_periods

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard", template_folder="templates")

UPCOMING_EVENTS = 10
RECENT_ASSIGNMENTS = 5


def period_label(period: ReportPeriod) -> str:
    if period.is_year:
        return _(
            "School year %(start)s/%(end)s",
            start=period.first_day.year,
            end=str(period.end_day.year)[2:],
        )
    return format_date(period.first_day, "LLLL y")


def bucket_label(row: queries.BucketRow) -> str:
    return format_date(row.first_day, "d MMM" if row.is_week else "LLL")


@dataclass(frozen=True)
class Selection:
    """What the organizer asked for, checked: a region they cover (None: national) and a
    period that has begun."""

    region: Region | None
    period: ReportPeriod

    @property
    def region_id(self) -> int | None:
        return self.region.id if self.region else None

    @property
    def args(self) -> dict:
        return {"region": self.region.code if self.region else "", "period": self.period.key}


def _selection() -> Selection:
    today = almaty_day(utcnow())
    period = parse_period(request.args.get("period"), today)
    if period is None:
        abort(404)
    code = request.args.get("region", "")
    own = current_user.organizer_region_id if not current_user.has_role(Role.ADMIN) else None
    if not code:
        region = db.session.get(Region, own) if own is not None else None
    else:
        region = db.session.scalar(db.select(Region).where(Region.code == code))
        if region is None or not covers_region(current_user, region.id):
            abort(404)
    return Selection(region, period)


def _summary() -> summary.Summary:
    now = utcnow()
    return summary.current(almaty_day(now), now)


def _sort() -> str:
    sort = request.args.get("sort", "points")
    return sort if sort in queries.TABLE_COLUMNS else "points"


def _table(figures: summary.Summary, chosen: Selection) -> list[queries.GroupRow]:
    if chosen.region is None:
        return queries.regions_table(figures, chosen.period)
    return queries.institutions_table(figures, chosen.region_id, chosen.period)


def _timeline_chart(labels: list[str], timeline: list[queries.BucketRow], key: str):
    return charts.columns(
        [(label, row.figures[key]) for label, row in zip(labels, timeline, strict=True)]
    )


def _dashboard_context(chosen: Selection) -> dict:
    figures = _summary()
    timeline = queries.over_time(figures, chosen.region_id, chosen.period)
    labels = [bucket_label(row) for row in timeline]
    learning = queries.learning(figures, chosen.region_id, chosen.period)
    funnel = queries.funnel(figures, chosen.region_id, chosen.period)
    sort = _sort()
    table = queries.sorted_rows(_table(figures, chosen), sort)
    return {
        "chosen": chosen,
        "period_name": period_label(chosen.period),
        "previous_name": period_label(chosen.period.previous()),
        "headline": queries.headline(figures, chosen.region_id, chosen.period),
        "timeline": list(zip(labels, timeline, strict=True)),
        "timeline_figures": queries.TIMELINE_FIGURES,
        "active_chart": _timeline_chart(labels, timeline, "active_students"),
        "check_in_chart": _timeline_chart(labels, timeline, "check_ins"),
        "table": table,
        "table_is_regions": chosen.region is None,
        "sort": sort,
        "columns": queries.TABLE_COLUMNS,
        "column_labels": queries.COLUMN_LABELS,
        "learning": learning,
        "topic_chart": charts.rows(
            [(row.label, row.result.percent) for row in learning.topics], maximum=100
        ),
        "funnel": funnel,
        "funnel_chart": charts.rows([(step.label, step.count) for step in funnel]),
        "volunteering": queries.volunteering(chosen.region_id, chosen.period),
        "activity_kinds": ActivityKind.labels(),
    }


def _regions_for_picker() -> list[Region]:
    regions = queries.all_regions()
    return [region for region in regions if covers_region(current_user, region.id)]


def _may_see_national() -> bool:
    return current_user.has_role(Role.ADMIN) or current_user.organizer_region_id is None


# --- the organizers' dashboard ----------------------------------------------------------------


@bp.get("")
@roles_required(*STAFF)
def organizer():
    chosen = _selection()
    today = almaty_day(utcnow())
    return render_template(
        "dashboard/organizer.html",
        c=_dashboard_context(chosen),
        regions=_regions_for_picker(),
        national=_may_see_national(),
        periods=[(period.key, period_label(period)) for period in recent_periods(today)],
    )


@bp.get("/report")
@roles_required(*STAFF)
def report():
    """The campaign report for a region and period, laid out for printing."""
    chosen = _selection()
    return render_template(
        "dashboard/report.html", c=_dashboard_context(chosen), printed_at=utcnow()
    )


# --- exports ----------------------------------------------------------------------------------


def _file_name(chosen: Selection, table: str) -> str:
    return f"{table}-{chosen.region.code if chosen.region else 'kz'}-{chosen.period.key}.csv"


def _export_figures(figures, chosen):
    header = [_("Figure"), period_label(chosen.period), period_label(chosen.period.previous())]
    rows = [
        (figure.label, figure.value, figure.previous)
        for figure in queries.headline(figures, chosen.region_id, chosen.period)
    ]
    return header, rows


def _export_over_time(figures, chosen):
    timeline = queries.over_time(figures, chosen.region_id, chosen.period)
    keys = queries.TIMELINE_FIGURES
    header = [_("Period"), *(str(queries.FIGURE_LABELS[key]) for key in keys)]
    rows = [(row.first_day.isoformat(), *(row.figures[key] for key in keys)) for row in timeline]
    return header, rows


def _export_table(figures, chosen):
    header = [str(queries.COLUMN_LABELS[column]) for column in queries.TABLE_COLUMNS]
    table = queries.sorted_rows(_table(figures, chosen), "points")
    rows = [[getattr(row, column) for column in queries.TABLE_COLUMNS] for row in table]
    return header, rows


def _export_topics(figures, chosen):
    learning = queries.learning(figures, chosen.region_id, chosen.period)
    header = [_("Topic"), _("Answers"), _("Correct"), _("Share correct")]
    rows = [
        (row.label, row.result.answers, row.result.correct, row.result.percent)
        for row in learning.topics
    ]
    return header, rows


def _export_questions(figures, chosen):
    learning = queries.learning(figures, chosen.region_id, chosen.period)
    header = [_("Quiz"), _("Question"), _("Answers"), _("Share wrong")]
    rows = [
        (row.quiz_title, row.text, row.result.answers, row.result.wrong_percent)
        for row in learning.hardest
    ]
    return header, rows


def _export_funnel(figures, chosen):
    header = [_("Step"), _("People"), _("Share of the step before"), _("How it is counted")]
    rows = [
        (step.label, step.count, "" if step.conversion is None else step.conversion, step.note)
        for step in queries.funnel(figures, chosen.region_id, chosen.period)
    ]
    return header, rows


def _export_volunteering(figures, chosen):
    numbers = queries.volunteering(chosen.region_id, chosen.period)
    header = [_("Figure"), _("Value")]
    rows = [
        (_("Active volunteers"), numbers.active_volunteers),
        (_("Savings reported, tenge"), numbers.reported_savings_tenge),
        *(
            (label, numbers.confirmed_by_kind.get(kind, 0))
            for kind, label in ActivityKind.labels().items()
        ),
    ]
    return header, rows


EXPORTS = {
    "figures": _export_figures,
    "over-time": _export_over_time,
    "table": _export_table,
    "topics": _export_topics,
    "questions": _export_questions,
    "funnel": _export_funnel,
    "volunteering": _export_volunteering,
}


@bp.get("/export/<table>.csv")
@roles_required(*STAFF)
def export(table: str):
    if table not in EXPORTS:
        abort(404)
    chosen = _selection()
    header, rows = EXPORTS[table](_summary(), chosen)
    return csv_response(_file_name(chosen, table), header, rows)


# --- the teachers' dashboard ------------------------------------------------------------------


def _class_context() -> dict:
    now = utcnow()
    today = almaty_day(now)
    month = month_period(today)
    year = parse_period("", today)
    teacher = current_user._get_current_object()
    classes = queries.class_rows(teacher, month.key, year.start, year.end)
    return {
        "month_name": period_label(month),
        "year_name": period_label(year),
        "classes": classes,
        "assignments": {row.klass.id: _recent_assignments(row.klass) for row in classes},
        "events": upcoming(teacher, now, EventFilter(), limit=UPCOMING_EVENTS),
    }


def _recent_assignments(klass) -> list:
    recent = db.session.scalars(
        db.select(Assignment)
        .where(Assignment.class_id == klass.id)
        .order_by(Assignment.opens_at.desc())
        .limit(RECENT_ASSIGNMENTS)
    )
    return [(assignment, assignment_results(assignment)) for assignment in recent]


@bp.get("/classes")
@roles_required(Role.TEACHER)
def classes():
    return render_template("dashboard/classes.html", **_class_context())


@bp.get("/classes.csv")
@roles_required(Role.TEACHER)
def classes_csv():
    context = _class_context()
    header = [
        _("Class"),
        _("Students"),
        _("Active this month"),
        _("Share active"),
        _("Weakest topic"),
        _("Share correct"),
    ]
    rows = []
    for row in context["classes"]:
        weakest = row.topics[0] if row.topics else None
        rows.append(
            (
                row.klass.name,
                row.students,
                row.active,
                row.active_percent,
                weakest.label if weakest else "",
                weakest.result.percent if weakest else "",
            )
        )
    return csv_response("classes.csv", header, rows)
