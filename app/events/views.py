"""Pages of events: lists and calendar, the event form, registration, calendar files.

Check-in (the projector, the scanner, attendance) is in checkin_views.py."""

from datetime import timedelta

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from wtforms import SelectChoice

from app.accounts.cards import referenced_user, signed_reference
from app.accounts.models import Institution, Region
from app.core.access import Role, can_manage_event, login_required, roles_required
from app.core.converters import bounded_int
from app.core.errors import FieldError, attach_field_error
from app.core.forms import ActionForm, fill_translations
from app.core.time import almaty_day, to_almaty, utcnow
from app.core.urls import public_host, public_url
from app.extensions import db
from app.i18n import _, force_locale

from . import calendar, ical, queries, services
from .errors import EventError
from .forms import EventForm
from .lookup import managed_event, visible_event
from .models import (
    Audience,
    Event,
    EventKind,
    RegistrationStatus,
)

bp = Blueprint("events", __name__, template_folder="templates")

ORGANIZERS = (Role.ORGANIZER, Role.ADMIN)
AUTHORS = (Role.TEACHER, *ORGANIZERS)
FEED_PURPOSE = "calendar-feed"
FEED_DAYS_BACK = 30


# --- lists, calendar, the event page ----------------------------------------------------------


@bp.get("/events")
def index():
    chosen = _filter_from_request()
    now = utcnow()
    past = request.args.get("when") == "past"
    events = (queries.past if past else queries.upcoming)(current_user, now, chosen)
    return render_template(
        "events/index.html", events=events, past=past, chosen=chosen, **_filter_choices()
    )


@bp.get("/events/calendar")
def month():
    chosen = _filter_from_request()
    first = calendar.parse_month(request.args.get("month"), almaty_day(utcnow()))
    start, end = calendar.month_bounds(first)
    events = queries.between(current_user, start, end, chosen)
    previous, following = calendar.neighbours(first)
    return render_template(
        "events/calendar.html",
        weeks=calendar.month_grid(first, events),
        first=first,
        previous=previous,
        following=following,
        chosen=chosen,
        **_filter_choices(),
    )


def _filter_from_request() -> queries.EventFilter:
    kind = request.args.get("kind", "")
    return queries.EventFilter(
        region_id=request.args.get("region", type=bounded_int),
        institution_id=request.args.get("institution", type=bounded_int),
        kind=EventKind(kind) if kind in EventKind.labels() else None,
    )


def _filter_choices() -> dict:
    return {
        "regions": db.session.scalars(sa.select(Region).order_by(Region.code)).all(),
        "institutions": db.session.scalars(
            sa.select(Institution)
            .where(Institution.id.in_(sa.select(Event.institution_id)))
            .order_by(Institution.name)
        ).all(),
        "kinds": EventKind.labels(),
    }


@bp.get("/events/<int:event_id>")
def detail(event_id: int):
    event = visible_event(event_id)
    now = utcnow()
    registration = check_in = None
    if current_user.is_authenticated:
        registration = services.registration_of(event, current_user)
        check_in = services.check_in_of(event, current_user)
    return render_template(
        "events/detail.html",
        event=event,
        registration=registration,
        waitlist_position=_waitlist_position(registration),
        check_in=check_in,
        seats=queries.seat_counts(event),
        admitted=current_user.is_authenticated and event.admits(current_user),
        manages=current_user.is_authenticated and can_manage_event(current_user, event),
        check_in_open=event.is_check_in_open(now, services.check_in_grace()),
        ended=event.has_ended(now),
        action_form=ActionForm(),
    )


def _waitlist_position(registration) -> int | None:
    if registration is None or registration.status != RegistrationStatus.WAITLISTED:
        return None
    return queries.waitlist_position(registration)


@bp.get("/events/mine")
@login_required
def mine():
    now = utcnow()
    feed = public_url("events.feed", token=signed_reference(current_user, FEED_PURPOSE))
    return render_template(
        "events/mine.html",
        registrations=queries.my_registrations(current_user, now),
        history=queries.history(current_user),
        managed=queries.managed(current_user) if current_user.has_role(Role.TEACHER) else [],
        feed_url=feed,
        webcal_url="webcal://" + feed.split("://", 1)[1],
    )


# --- creating and editing ---------------------------------------------------------------------


@bp.route("/events/new", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def new():
    form = EventForm()
    if request.method == "GET":
        form.points.data = services.default_points()
    if not _prepare_form(form):
        return render_template("events/no_classes.html")
    if form.validate_on_submit():
        try:
            event = services.create_event(current_user, form.details(), utcnow())
        except FieldError as error:
            attach_field_error(form, error)
        else:
            flash(_("The event has been created."), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = managed_event(event_id)
    form = EventForm(data=_form_data(event) if request.method == "GET" else None)
    _prepare_form(form, event)
    if form.validate_on_submit():
        try:
            services.update_event(event, form.details(), utcnow())
        except FieldError as error:
            attach_field_error(form, error)
        else:
            flash(_("The event has been saved."), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


def _prepare_form(form: EventForm, event: Event | None = None) -> bool:
    """Fill the choices this user may make. False: a teacher with no class to invite."""
    if current_user.has_role(Role.ADMIN) or current_user.has_role(Role.ORGANIZER):
        return _prepare_organizer_form(form, event)
    classes = list(current_user.teaching)
    if event is not None:
        classes = sorted({*classes, *event.classes}, key=lambda klass: klass.name)
    if not classes or current_user.institution is None:
        return False
    institution = (event.institution if event else None) or current_user.institution
    region_id = event.region_id if event else institution.region_id
    form.region_id.choices = [
        SelectChoice(region_id, db.session.get(Region, region_id).display_name)
    ]
    form.institution_id.choices = [SelectChoice(institution.id, institution.name)]
    form.set_audiences([Audience.CLASSES])
    form.class_ids.choices = [SelectChoice(klass.id, klass.name) for klass in classes]
    form.institution_ids.choices = []
    return True


def _prepare_organizer_form(form: EventForm, event: Event | None) -> bool:
    scope = None if current_user.has_role(Role.ADMIN) else current_user.organizer_region_id
    regions = sa.select(Region).order_by(Region.code)
    if scope is not None:
        regions = regions.where(Region.id == scope)
    form.region_id.choices = [
        SelectChoice(region.id, region.display_name) for region in db.session.scalars(regions)
    ]
    institutions = queries.institutions_in(scope)
    form.institution_id.choices = [SelectChoice(0, _("None"))] + [
        SelectChoice(institution.id, f"{institution.name} · {institution.region.display_name}")
        for institution in institutions
    ]
    form.institution_ids.choices = form.institution_id.choices[1:]
    # Organizers invite a region, institutions or everyone; a class event (a teacher's)
    # keeps its classes when an organizer or admin edits it.
    audiences = [Audience.OPEN, Audience.REGION, Audience.INSTITUTIONS]
    if event is not None and event.audience == Audience.CLASSES:
        audiences.append(Audience.CLASSES)
        form.class_ids.choices = [
            SelectChoice(klass.id, f"{klass.name} · {klass.institution.name}")
            for klass in event.classes
        ]
    else:
        form.class_ids.choices = []
    form.set_audiences(audiences)
    return True


def _form_data(event: Event) -> dict:
    data = {
        "kind": event.kind.value,
        "starts_at": to_almaty(event.starts_at),
        "ends_at": to_almaty(event.ends_at),
        "place": event.place,
        "online_url": event.online_url,
        "region_id": event.region_id,
        "institution_id": event.institution_id or 0,
        "audience": event.audience.value,
        "class_ids": [klass.id for klass in event.classes],
        "institution_ids": [institution.id for institution in event.institutions],
        "registration_required": event.registration_required,
        "capacity": event.capacity,
        "points": event.points,
    }
    fill_translations(data, "title", event.title)
    fill_translations(data, "description", event.description)
    return data


# --- registration -----------------------------------------------------------------------------


@bp.post("/events/<int:event_id>/register")
@login_required
def register(event_id: int):
    event = visible_event(event_id)
    if ActionForm().validate_on_submit():
        try:
            registration = services.register(event, current_user, utcnow())
        except EventError as error:
            flash(error.message, "error")
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                flash(_("You are registered. See you there!"), "success")
            else:
                flash(_("All seats are taken: you are on the waitlist."), "success")
    return redirect(url_for("events.detail", event_id=event.id))


@bp.post("/events/<int:event_id>/cancel")
@login_required
def cancel(event_id: int):
    event = visible_event(event_id)
    if ActionForm().validate_on_submit():
        try:
            services.cancel_registration(event, current_user, utcnow())
        except EventError as error:
            flash(error.message, "error")
        else:
            flash(_("Your registration has been cancelled."), "success")
    return redirect(url_for("events.detail", event_id=event.id))


# --- calendars --------------------------------------------------------------------------------


@bp.get("/events/<int:event_id>/event.ics")
def event_ics(event_id: int):
    event = visible_event(event_id)
    return _ics_response(event.display_title, [event], f"event-{event.id}.ics")


@bp.get("/events/feed/<token>.ics")
def feed(token: str):
    """A calendar app's subscription: no session, so the signed link itself is the key."""
    user = referenced_user(token, FEED_PURPOSE)
    if user is None:
        abort(404)
    since = utcnow() - timedelta(days=FEED_DAYS_BACK)
    events = queries.feed_events(user, since)
    with force_locale(user.locale):  # the owner's language: a calendar app sends none
        return _ics_response(_("Integrity Hour events"), events, "integrity-hour.ics")


def _ics_response(name: str, events: list[Event], filename: str) -> Response:
    body = ical.calendar(name, [_calendar_entry(event) for event in events])
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _calendar_entry(event: Event) -> ical.CalendarEntry:
    return ical.CalendarEntry(
        uid=ical.event_uid(event.id, public_host()),
        title=event.display_title,
        description=event.display_description,
        location=event.place or event.online_url,
        url=public_url("events.detail", event_id=event.id),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        updated_at=event.updated_at,
        sequence=ical.revision_number(event.created_at, event.updated_at),
    )
