"""Check-in: the projector's rotating code, the student's scan and typed code, the staff's
scanner (a JSON API for queued scans), the roster and attendance."""

from datetime import UTC, datetime

from flask import (
    Blueprint,
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

from app.accounts.models import User
from app.core.access import login_required
from app.core.exports import csv_response
from app.core.forms import ActionForm
from app.core.http import safe_next_url
from app.core.qr import qr_svg
from app.core.time import utcnow
from app.core.urls import public_url
from app.extensions import csrf, db, limiter
from app.i18n import _, format_datetime, format_time

from . import queries, services, tokens
from .errors import EventError
from .forms import CodeForm
from .lookup import managed_event, visible_event
from .models import (
    Audience,
    CheckIn,
    CheckInMethod,
    Event,
)

bp = Blueprint("check_in", __name__, template_folder="templates")

SCANNED_EVENT_KEY = "scanned_event"  # a valid scan of the projector's code, awaiting sign-in
MAX_SCANS = 50  # per request, as the scanner sends them: one request never holds a worker long


# --- check-in: the projector's code -----------------------------------------------------------


@bp.get("/events/<int:event_id>/projector")
@login_required
def projector(event_id: int):
    event = managed_event(event_id)
    return render_template(
        "events/projector.html",
        event=event,
        checkin=_projector_state(event),
        state_url=url_for("check_in.projector_state", event_id=event.id),
    )


@bp.get("/events/<int:event_id>/projector.json")
@login_required
def projector_state(event_id: int):
    event = managed_event(event_id)
    state = _projector_state(event)
    state["qr_svg"] = str(state["qr_svg"])
    response = jsonify(state)
    response.headers["Cache-Control"] = "no-store"
    return response


def _projector_state(event: Event) -> dict:
    now = utcnow()
    token = tokens.qr_token(event.checkin_secret, event.id, now)
    link = public_url("check_in.scan_landing", event_id=event.id, token=token)
    return {
        "qr_svg": qr_svg(link, fluid=True),
        "link": link,
        "url": public_url("check_in.code_check_in"),
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
        event = visible_event(event_id)
        return render_template("events/check_in_refused.html", event=event, error=error), 410
    session[SCANNED_EVENT_KEY] = {"event": event.id, "until": now.timestamp() + _pass_seconds()}
    return redirect(url_for("check_in.confirm_check_in", event_id=event.id))


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
        event = visible_event(event_id)
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
    event = managed_event(event_id)
    return render_template(
        "events/scanner.html",
        event=event,
        scans_url=url_for("check_in.scans", event_id=event.id),
        **_roster_context(event),
    )


@bp.post("/events/<int:event_id>/scans")
@csrf.exempt  # JSON only, and the session cookie is SameSite=Lax: no cross-site form can post
@login_required
def scans(event_id: int):
    """Scans from the scanner page, maybe queued offline; each answers on its own, and a
    replayed one answers "already checked in"."""
    event = managed_event(event_id)
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
    event = managed_event(event_id)
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
    event = managed_event(event_id)
    back = safe_next_url(request.form.get("next")) or url_for(
        "check_in.attendance", event_id=event.id
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
    event = managed_event(event_id)
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
