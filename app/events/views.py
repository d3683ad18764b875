"""Pages of events: lists and calendar, the event form, registration, check-in, attendance."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from wtforms import SelectChoice

from app.accounts.cards import referenced_user, signed_reference
from app.accounts.models import Institution, Region, User
from app.core.access import Role, can_manage_event, ensure, login_required, roles_required
from app.core.converters import bounded_int
from app.core.errors import FieldError, attach_field_error
from app.core.exports import csv_response
from app.core.forms import ActionForm, fill_translations
from app.core.http import safe_next_url
from app.core.qr import qr_svg
from app.core.time import ALMATY, to_almaty, utcnow
from app.extensions import csrf, db, limiter
from app.gamification.models import PointSource
from app.gamification.rules import rule
from app.i18n import _, force_locale, format_datetime, format_time

from . import calendar, ical, queries, services, tokens
from .errors import EventError
from .forms import CodeForm, EventForm
from .models import (
    EVENT_KIND_LABELS,
    Audience,
    CheckIn,
    CheckInMethod,
    Event,
    EventKind,
    RegistrationStatus,
)

bp = Blueprint("events", __name__, template_folder="templates")

ORGANIZERS = (Role.ORGANIZER, Role.ADMIN)
AUTHORS = (Role.TEACHER, *ORGANIZERS)
SCANNED_EVENT_KEY = "scanned_event"  # a valid scan of the projector's code, awaiting sign-in
FEED_PURPOSE = "calendar-feed"
FEED_DAYS_BACK = 30
MAX_SCANS = 50  # per request, as the scanner sends them: one request never holds a worker long


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
    first = calendar.parse_month(request.args.get("month"), utcnow().astimezone(ALMATY).date())
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
        kind=EventKind(kind) if kind in EVENT_KIND_LABELS else None,
    )


def _filter_choices() -> dict:
    return {
        "regions": db.session.scalars(sa.select(Region).order_by(Region.code)).all(),
        "institutions": db.session.scalars(
            sa.select(Institution)
            .where(Institution.id.in_(sa.select(Event.institution_id)))
            .order_by(Institution.name)
        ).all(),
        "kinds": EVENT_KIND_LABELS,
    }


@bp.get("/events/<int:event_id>")
def detail(event_id: int):
    event = _visible_event(event_id)
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


def _visible_event(event_id: int) -> Event:
    """The event, for those who may see it; anyone else, signed in or not, gets the 404 a
    missing id gets, so that ids tell nobody which private events exist."""
    event = db.get_or_404(Event, event_id)
    if not queries.can_see(current_user, event):
        abort(404)
    return event


def _managed_event(event_id: int) -> Event:
    event = _visible_event(event_id)
    ensure(can_manage_event(current_user, event))
    return event


@bp.get("/events/mine")
@login_required
def mine():
    now = utcnow()
    feed = url_for(
        "events.feed",
        token=signed_reference(current_user, FEED_PURPOSE),
        _external=True,
    )
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
        form.points.data = rule(PointSource.EVENT_CHECKIN).points
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
    event = _managed_event(event_id)
    form = EventForm(data=_form_data(event) if request.method == "GET" else None)
    _prepare_form(form, event)
    if form.validate_on_submit():
        try:
            services.update_event(event, form.details(), utcnow())
        except FieldError as error:
            db.session.rollback()
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
    event = _visible_event(event_id)
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
    event = _visible_event(event_id)
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
    event = _visible_event(event_id)
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
    host = request.host.split(":")[0]
    return ical.CalendarEntry(
        uid=f"event-{event.id}@{host}",
        title=event.display_title,
        description=event.display_description,
        location=event.place or event.online_url,
        url=url_for("events.detail", event_id=event.id, _external=True),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        updated_at=event.updated_at,
    )


# --- check-in: the projector's code -----------------------------------------------------------


@bp.get("/events/<int:event_id>/projector")
@login_required
def projector(event_id: int):
    event = _managed_event(event_id)
    return render_template(
        "events/projector.html",
        event=event,
        checkin=_projector_state(event),
        state_url=url_for("events.projector_state", event_id=event.id),
    )


@bp.get("/events/<int:event_id>/projector.json")
@login_required
def projector_state(event_id: int):
    event = _managed_event(event_id)
    state = _projector_state(event)
    state["qr_svg"] = str(state["qr_svg"])
    response = jsonify(state)
    response.headers["Cache-Control"] = "no-store"
    return response


def _projector_state(event: Event) -> dict:
    now = utcnow()
    token = tokens.qr_token(event.checkin_secret, event.id, now)
    link = url_for("events.scan_landing", event_id=event.id, token=token, _external=True)
    return {
        "qr_svg": qr_svg(link, fluid=True),
        "link": link,
        "url": url_for("events.code_check_in", _external=True),
        "code": tokens.numeric_code(event.checkin_secret, event.id, now),
        "seconds_left": tokens.seconds_left(now),
        "window_seconds": tokens.WINDOW_SECONDS,
        "checked_in": queries.attendance_count(event),
    }


@bp.get("/e/<int:event_id>/<token>")
def scan_landing(event_id: int, token: str):
    """Where the projector's QR code leads. A valid code leaves a pass in this browser's
    session, good for a few minutes: time to sign in, then confirm with one tap."""
    event = db.get_or_404(Event, event_id)
    now = utcnow()
    try:
        services.check_qr_token(event, token, now)
    except EventError as error:
        # A valid code proves its bearer is in the hall, signed in or not; a wrong one tells
        # about the event only those who may see it.
        event = _visible_event(event_id)
        return render_template("events/check_in_refused.html", event=event, error=error), 410
    session[SCANNED_EVENT_KEY] = {"event": event.id, "until": now.timestamp() + _pass_seconds()}
    return redirect(url_for("events.confirm_check_in", event_id=event.id))


def _pass_seconds() -> int:
    return current_app.config["EVENT_PASS_SECONDS"]


def _has_pass(event: Event) -> bool:
    held = session.get(SCANNED_EVENT_KEY)
    return (
        isinstance(held, dict)
        and held.get("event") == event.id
        and isinstance(held.get("until"), int | float)
        and utcnow().timestamp() <= held["until"]
    )


@bp.route("/events/<int:event_id>/check-in", methods=["GET", "POST"])
@login_required
def confirm_check_in(event_id: int):
    event = db.get_or_404(Event, event_id)
    if not _has_pass(event):  # a pass proves its holder scanned the code in the hall
        event = _visible_event(event_id)
    existing = services.check_in_of(event, current_user)
    if existing is not None:
        session.pop(SCANNED_EVENT_KEY, None)
        return _checked_in_page(event, existing, created=False)
    form = ActionForm()
    if not _has_pass(event):
        error = EventError("pass_expired")
        return render_template("events/check_in_refused.html", event=event, error=error), 410
    if form.validate_on_submit():
        try:
            result = services.check_in(event, current_user, CheckInMethod.QR, utcnow())
        except EventError as error:
            return render_template("events/check_in_refused.html", event=event, error=error), 422
        session.pop(SCANNED_EVENT_KEY, None)
        return _checked_in_page(event, result.check_in, result.created)
    return render_template("events/confirm_check_in.html", event=event, form=form)


def _checked_in_page(event: Event, record: CheckIn, created: bool):
    return render_template("events/checked_in.html", event=event, check_in=record, created=created)


def _wrong_codes_limit():
    """Wrong numeric codes per student (a hall shares one address, so per account)."""
    return limiter.limit(
        lambda: current_app.config["EVENT_CODE_RATE_LIMIT"],
        key_func=lambda: f"user:{current_user.get_id()}",
        methods=["POST"],
        deduct_when=lambda response: response.status_code == 404,
    )


@bp.route("/check-in", methods=["GET", "POST"])
@login_required
@_wrong_codes_limit()
def code_check_in():
    form = CodeForm()
    if form.validate_on_submit():
        code = form.code.data.replace(" ", "")
        try:
            result = services.check_in_with_code(current_user, code, utcnow())
        except EventError as error:
            form.code.errors.append(error.message)
            status = 404 if error.code == "code_wrong" else 422  # 404s count as guesses
            return render_template("events/code.html", form=form), status
        return _checked_in_page(result.check_in.event, result.check_in, result.created)
    return render_template("events/code.html", form=form)


# --- check-in: staff --------------------------------------------------------------------------


@bp.get("/events/<int:event_id>/scanner")
@login_required
def scanner(event_id: int):
    event = _managed_event(event_id)
    return render_template(
        "events/scanner.html",
        event=event,
        scans_url=url_for("events.scans", event_id=event.id),
        **_roster_context(event),
    )


@bp.post("/events/<int:event_id>/scans")
@csrf.exempt  # JSON only, and the session cookie is SameSite=Lax: no cross-site form can post
@login_required
def scans(event_id: int):
    """Scans from the scanner page, maybe queued offline; each answers on its own, and a
    replayed one answers "already checked in"."""
    event = _managed_event(event_id)
    body = request.get_json(silent=True) if request.is_json else None
    batch = body.get("scans") if isinstance(body, dict) else None
    if not isinstance(batch, list) or len(batch) > MAX_SCANS:
        return jsonify(error=_("The scans could not be read.")), 400
    staff = current_user._get_current_object()
    return jsonify(results=[_scan_result(event, staff, scan) for scan in batch])


def _scan_result(event: Event, staff, scan) -> dict:
    scan_id = scan.get("id") if isinstance(scan, dict) else None
    card = scan.get("card") if isinstance(scan, dict) else None
    scanned_at = _parse_moment(scan.get("scanned_at")) if isinstance(scan, dict) else None
    if not isinstance(scan_id, str) or len(scan_id) > 64 or not isinstance(card, str):
        return {
            "id": str(scan_id)[:64],
            "status": "refused",
            "message": _("Unreadable scan."),
            "name": None,
        }
    try:
        result = services.check_in_card(event, card, staff, utcnow(), scanned_at)
    except EventError as error:
        db.session.rollback()
        return {"id": scan_id, "status": "refused", "message": error.message, "name": None}
    record = result.check_in
    return {
        "id": scan_id,
        "status": "checked_in" if result.created else "already",
        "message": _check_in_message(record, result.created),
        "name": record.user.full_name,
    }


def _parse_moment(text) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else None


def _check_in_message(record: CheckIn, created: bool) -> str:
    if created:
        return _("Checked in at %(time)s.", time=format_time(record.checked_in_at, "short"))
    return _("Already checked in at %(time)s.", time=format_time(record.checked_in_at, "short"))


@bp.get("/events/<int:event_id>/attendance")
@login_required
def attendance(event_id: int):
    event = _managed_event(event_id)
    staff = current_user._get_current_object()
    return render_template(
        "events/attendance.html",
        event=event,
        check_ins=queries.attendance(event, staff),
        check_in_total=queries.attendance_count(event),
        registrations=queries.registrations(event, staff),
        registration_total=queries.registration_count(event),
        **_roster_context(event),
    )


def _roster_context(event: Event) -> dict:
    search = request.args.get("q", "")[:100]
    return {
        "roster": queries.roster(event, current_user._get_current_object(), search),
        "checked_in": queries.checked_in_ids(event),
        "search": search,
        "action_form": ActionForm(),
        "searchable": event.audience != Audience.CLASSES,
    }


@bp.post("/events/<int:event_id>/attendance/<int:user_id>")
@login_required
def manual_check_in(event_id: int, user_id: int):
    event = _managed_event(event_id)
    back = safe_next_url(request.form.get("next")) or url_for(
        "events.attendance", event_id=event.id
    )
    if ActionForm().validate_on_submit():
        _check_in_by_hand(event, db.session.get(User, user_id))
    return redirect(back)


def _check_in_by_hand(event: Event, person: User | None) -> None:
    """A missing id gets the same refusal as someone outside the staff member's scope, so
    walking the ids tells nothing about who exists."""
    try:
        if person is None:
            raise EventError("not_in_scope")
        result = services.check_in(
            event, person, CheckInMethod.MANUAL, utcnow(), by=current_user._get_current_object()
        )
    except EventError as error:
        flash(error.message, "error")
        return
    flash(f"{person.full_name}: {_check_in_message(result.check_in, result.created)}", "success")


@bp.get("/events/<int:event_id>/attendance.csv")
@login_required
def attendance_csv(event_id: int):
    event = _managed_event(event_id)
    header = [_("Full name"), _("Display name"), _("Institution"), _("Checked in"), _("Method")]
    rows = (
        [
            record.user.full_name,
            record.user.display_name,
            record.user.institution.name if record.user.institution else "",
            format_datetime(record.checked_in_at, "yyyy-MM-dd HH:mm"),
            record.method_label,
        ]
        for record in queries.attendance(event, current_user._get_current_object())
    )
    return csv_response(f"attendance-event-{event.id}.csv", header, rows)
