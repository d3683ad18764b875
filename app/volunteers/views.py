"""Pages of volunteering: the student's hub and application, teachers' consent checks, the
organizers' queue, activities and the region's figures."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.accounts.models import Institution
from app.core.access import STAFF, Role, login_required, roles_required
from app.core.converters import bounded_int
from app.core.errors import FieldError, attach_field_error
from app.core.exports import csv_response
from app.core.forms import ActionForm
from app.core.time import almaty_day, utcnow
from app.extensions import db
from app.i18n import _, format_datetime

from . import queries, services
from .forms import ActivityForm, ApplicationForm, BulkMoveForm, MoveForm, ReviewForm
from .models import (
    DIRECTION_DESCRIPTIONS,
    ActivityKind,
    Application,
    Direction,
    Status,
)
from .services import VolunteerError

bp = Blueprint("volunteers", __name__, url_prefix="/volunteer", template_folder="templates")


def _today():
    return almaty_day(utcnow())


# --- the student ------------------------------------------------------------------------------


@bp.get("")
@login_required
def hub():
    user = current_user._get_current_object()
    return render_template(
        "volunteers/hub.html",
        directions=[(d.label, DIRECTION_DESCRIPTIONS[d]) for d in Direction],
        progress=services.progress_of(user),
        applications=queries.applications_of(user),
        current=services.open_application(user),
        active=services.is_active_volunteer(user),
        activities=queries.activities_of(user),
        action_form=ActionForm(),
    )


@bp.route("/apply", methods=["GET", "POST"])
@login_required
def apply():
    user = current_user._get_current_object()
    if services.open_application(user) is not None:
        flash(_("You already have an application under way."), "error")
        return redirect(url_for("volunteers.hub"))
    minor = services.is_minor(user, _today())
    form = ApplicationForm()
    if form.validate_on_submit():
        try:
            services.apply(user, form.details(), utcnow())
        except FieldError as error:
            attach_field_error(form, error)
        except VolunteerError as error:
            flash(error.message, "error")
            return redirect(url_for("volunteers.hub"))
        else:
            flash(_("Your application has been sent."), "success")
            return redirect(url_for("volunteers.hub"))
    return render_template(
        "volunteers/apply.html",
        form=form,
        minor=minor,
        recommended=all(step.met for step in services.progress_of(user)),
        descriptions=DIRECTION_DESCRIPTIONS,
    )


def _own_application(application_id: int) -> Application:
    application = db.get_or_404(Application, application_id)
    if application.user_id != current_user.id:
        abort(404)
    return application


@bp.post("/applications/<int:application_id>/withdraw")
@login_required
def withdraw(application_id: int):
    application = _own_application(application_id)
    if ActionForm().validate_on_submit():
        try:
            services.withdraw(application, current_user._get_current_object(), utcnow())
        except VolunteerError as error:
            flash(error.message, "error")
        else:
            flash(_("Your application has been withdrawn."), "success")
    return redirect(url_for("volunteers.hub"))


@bp.post("/applications/<int:application_id>/erase")
@login_required
def erase(application_id: int):
    application = _own_application(application_id)
    if ActionForm().validate_on_submit():
        services.erase(application, current_user._get_current_object(), utcnow())
        flash(_("Your application has been withdrawn and its personal data erased."), "success")
    return redirect(url_for("volunteers.hub"))


@bp.route("/activities/new", methods=["GET", "POST"])
@login_required
def new_activity():
    user = current_user._get_current_object()
    if not services.is_active_volunteer(user):
        flash(_("Only active volunteers log activities."), "error")
        return redirect(url_for("volunteers.hub"))
    form = ActivityForm()
    if form.validate_on_submit():
        try:
            services.log_activity(user, form.details(), _today())
        except FieldError as error:
            attach_field_error(form, error)
        else:
            flash(_("Your activity has been sent for confirmation."), "success")
            return redirect(url_for("volunteers.hub"))
    return render_template("volunteers/activity_form.html", form=form)


# --- teachers: a guardian's consent -----------------------------------------------------------


@bp.get("/consents")
@roles_required(Role.TEACHER)
def consents():
    applications = queries.awaiting_consent(current_user)
    for application in applications:  # the guardians' contacts are on the page
        services.log_contact_access(current_user, application, "view")
    return render_template(
        "volunteers/consents.html", applications=applications, action_form=ActionForm()
    )


@bp.post("/consents/<int:application_id>/confirm")
@roles_required(Role.TEACHER)
def confirm_consent(application_id: int):
    application = db.get_or_404(Application, application_id)
    if application.user is None or not queries.teaches(current_user, application.user):
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            services.confirm_guardian_consent(
                application, current_user._get_current_object(), utcnow()
            )
        except VolunteerError as error:
            flash(error.message, "error")
        else:
            flash(_("Consent confirmed: the application goes to the organizers."), "success")
    return redirect(url_for("volunteers.consents"))


# --- organizers -------------------------------------------------------------------------------


def _scope() -> int | None:
    """The region an organizer covers (None: all, for admins and national organizers)."""
    return None if current_user.has_role(Role.ADMIN) else current_user.organizer_region_id


def _queue_filter() -> queries.QueueFilter:
    args = request.args
    direction, status, recommended = (
        args.get("direction", ""),
        args.get("status", ""),
        args.get("recommended", ""),
    )
    return queries.QueueFilter(
        direction=Direction(direction) if direction in Direction.labels() else None,
        status=Status(status) if status in Status.labels() else None,
        institution_id=args.get("institution", type=bounded_int),
        recommended={"yes": True, "no": False}.get(recommended),
    )


@bp.route("/queue", methods=["GET", "POST"])
@roles_required(*STAFF)
def queue():
    form = BulkMoveForm()
    if form.validate_on_submit():
        try:
            chosen = services.move_chosen(
                set(form.application_ids.data),
                _scope(),
                Status(form.status.data),
                current_user,
                form.note.data or "",
                utcnow(),
            )
        except VolunteerError as error:
            flash(error.message, "error")
        else:
            flash(_("%(count)d applications changed.", count=len(chosen)), "success")
        return redirect(request.full_path.rstrip("?"))
    chosen = _queue_filter()
    return render_template(
        "volunteers/queue.html",
        applications=queries.queue(_scope(), chosen),
        chosen=chosen,
        form=form,
        directions=Direction.labels(),
        statuses={s: s.label for s in Status if s != Status.AWAITING_CONSENT},
        institutions=_institutions(),
    )


def _institutions() -> list[Institution]:
    query = sa.select(Institution).order_by(Institution.name)
    if _scope() is not None:
        query = query.where(Institution.region_id == _scope())
    return list(db.session.scalars(query))


@bp.get("/queue.csv")
@roles_required(*STAFF)
def queue_csv():
    """For the regional anti-corruption department: contact data included, so logged."""
    applications = queries.queue(_scope(), _queue_filter())
    services.log_export(current_user, applications)
    header = [
        _("Number"),
        _("Full name"),
        _("Institution"),
        _("Direction"),
        _("Status"),
        _("Recommended"),
        _("Phone"),
        _("E-mail"),
        _("Availability"),
        _("Skills"),
        _("Submitted"),
    ]
    rows = (
        [
            application.id,
            _person(application),
            _institution_name(application),
            application.direction_label,
            application.status_label,
            _("yes") if application.recommended else _("no"),
            application.phone,
            application.email,
            application.availability,
            application.skills,
            format_datetime(application.created_at, "yyyy-MM-dd"),
        ]
        for application in applications
    )
    return csv_response("volunteer-applications.csv", header, rows)


def _person(application: Application) -> str:
    if application.user is None:
        # TRANSLATORS: in place of the name of a volunteer who erased their personal data
        return _("erased")
    return application.user.full_name


def _institution_name(application: Application) -> str:
    institution = application.user.institution if application.user else None
    return institution.name if institution else ""


def _reviewed_application(application_id: int) -> Application:
    application = queries.visible_application(application_id, _scope())
    if application is None:
        abort(404)
    return application


@bp.get("/applications/<int:application_id>")
@roles_required(*STAFF)
def application(application_id: int):
    application = _reviewed_application(application_id)
    services.log_contact_access(current_user, application, "view")
    return render_template("volunteers/application.html", application=application, form=MoveForm())


@bp.post("/applications/<int:application_id>/move")
@roles_required(*STAFF)
def move(application_id: int):
    application = _reviewed_application(application_id)
    form = MoveForm()
    if form.validate_on_submit():
        try:
            services.move(
                application, Status(form.status.data), current_user, form.note.data or "", utcnow()
            )
        except VolunteerError as error:
            flash(error.message, "error")
        else:
            flash(_("The status has been changed."), "success")
    return redirect(url_for("volunteers.application", application_id=application.id))


@bp.get("/activities/review")
@roles_required(*STAFF)
def review_activities():
    return render_template(
        "volunteers/review_activities.html",
        activities=queries.pending_activities(_scope()),
        form=ReviewForm(),
    )


@bp.post("/activities/<int:activity_id>/review")
@roles_required(*STAFF)
def review_activity(activity_id: int):
    activity = queries.visible_activity(activity_id, _scope())
    if activity is None:
        abort(404)
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            services.review_activity(
                activity, current_user, bool(form.confirm.data), form.note.data or "", utcnow()
            )
        except VolunteerError as error:
            flash(error.message, "error")
        else:
            flash(_("The activity has been reviewed."), "success")
    return redirect(url_for("volunteers.review_activities"))


@bp.get("/figures")
@roles_required(*STAFF)
def figures():
    return render_template(
        "volunteers/figures.html",
        figures=queries.figures(_scope()),
        activity_kinds=ActivityKind.labels(),
        statuses=Status.labels(),
    )
