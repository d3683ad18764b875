"""Every write of events: creating and editing, registration with a waitlist, check-in.

Each use case validates first and commits once; a refusal raises (FieldError for a form's
field, EventError for a check-in or a registration) before anything is written.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.accounts.cards import card_holder
from app.accounts.models import Institution, SchoolClass, User
from app.core.access import can_see_person
from app.core.errors import FieldError
from app.core.transactions import use_case
from app.extensions import db
from app.gamification.models import PointSource
from app.gamification.rules import rule
from app.gamification.services import award
from app.i18n import _

from . import queries, tokens
from .errors import EventError
from .models import (
    SELF_CHECK_IN,
    Audience,
    CheckIn,
    CheckInMethod,
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
)

# A device clock a little ahead of the server's is not a scan from the future.
CLOCK_SKEW = timedelta(minutes=2)


@dataclass(frozen=True)
class EventDetails:
    """What the event form says, in plain values (times in UTC)."""

    kind: EventKind
    title: dict
    description: dict
    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str
    region_id: int
    institution_id: int | None
    audience: Audience
    class_ids: tuple[int, ...]
    institution_ids: tuple[int, ...]
    registration_required: bool
    capacity: int | None
    points: int


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    created: bool  # False: the student had already checked in (a replay or a second scan)


def default_points() -> int:
    """What a check-in pays unless the event says otherwise: the points rule's figure."""
    return rule(PointSource.EVENT_CHECKIN).points


def check_in_grace() -> timedelta:
    return timedelta(minutes=current_app.config["EVENT_CHECK_IN_GRACE_MINUTES"])


# --- creating and editing ---------------------------------------------------------------------


@use_case
def create_event(author: User, details: EventDetails, now: datetime) -> Event:
    event = add_event(author, details, now)
    db.session.commit()
    return event


def add_event(author: User, details: EventDetails, now: datetime) -> Event:
    """Validate and add an event inside the caller's transaction (e.g. a tournament day)."""
    _validate(details)
    event = Event(checkin_secret=tokens.new_secret(), created_by_id=author.id, created_at=now)
    _apply(event, details, now)
    db.session.add(event)
    db.session.flush()
    return event


@use_case
def update_event(event: Event, details: EventDetails, now: datetime) -> Event:
    _validate(details)
    _hold_seats(event, now)
    confirmed = _confirmed_count(event)
    if details.capacity is not None and details.capacity < confirmed:
        raise FieldError(
            "capacity",
            _(
                "%(count)d people already have a seat: the capacity cannot be lower.",
                count=confirmed,
            ),
        )
    _apply(event, details, now)
    _fill_from_waitlist(event, now)
    db.session.commit()
    return event


def _validate(details: EventDetails) -> None:
    if details.ends_at <= details.starts_at:
        raise FieldError("ends_at", _("The event must end after it starts."))
    if details.audience == Audience.CLASSES and not details.class_ids:
        raise FieldError("class_ids", _("Choose at least one class."))
    if details.audience == Audience.INSTITUTIONS:
        if not details.institution_ids:
            raise FieldError("institution_ids", _("Choose at least one institution."))
        regions = set(
            db.session.scalars(
                sa.select(Institution.region_id).where(Institution.id.in_(details.institution_ids))
            )
        )
        if regions != {details.region_id}:
            raise FieldError(
                "institution_ids", _("Choose institutions of the event's region only.")
            )


def _apply(event: Event, details: EventDetails, now: datetime) -> None:
    event.kind = details.kind
    event.title = details.title
    event.description = details.description
    event.starts_at, event.ends_at = details.starts_at, details.ends_at
    event.place, event.online_url = details.place, details.online_url
    event.region_id, event.institution_id = details.region_id, details.institution_id
    event.audience = details.audience
    event.registration_required = details.registration_required
    event.capacity = details.capacity if details.registration_required else None
    event.points = details.points
    chosen_classes = details.class_ids if details.audience == Audience.CLASSES else ()
    chosen_institutions = (
        details.institution_ids if details.audience == Audience.INSTITUTIONS else ()
    )
    event.classes = _load(SchoolClass, chosen_classes)
    event.institutions = _load(Institution, chosen_institutions)
    event.updated_at = now


def _load(model, ids: tuple[int, ...]) -> list:
    return list(db.session.scalars(sa.select(model).where(model.id.in_(ids)))) if ids else []


# --- registration -----------------------------------------------------------------------------


@use_case
def register(event: Event, user: User, now: datetime) -> Registration:
    """A seat if one is free, else a place on the waitlist; asking again changes nothing."""
    if not event.registration_required:
        raise EventError("registration_not_needed")
    if event.has_ended(now):
        raise EventError("registration_closed")
    if not event.admits(user):
        raise EventError("not_in_audience")
    _hold_seats(event, now)
    registration = registration_of(event, user)
    if registration is not None and registration.is_active:
        return registration
    free = event.capacity is None or _confirmed_count(event) < event.capacity
    if registration is None:
        registration = Registration(event_id=event.id, user_id=user.id)
        db.session.add(registration)
    registration.queue(free, now)
    db.session.commit()
    return registration


@use_case
def cancel_registration(event: Event, user: User, now: datetime) -> list[Registration]:
    """Give the seat (or the waitlist place) back; the waitlist moves up. Returns the
    registrations that got a seat because of it."""
    _hold_seats(event, now)
    registration = registration_of(event, user)
    if registration is None or not registration.is_active:
        raise EventError("not_registered_yet")
    registration.cancel(now)
    db.session.flush()
    promoted = _fill_from_waitlist(event, now)
    db.session.commit()
    return promoted


def registration_of(event: Event, user: User) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.user_id == user.id
        )
    )


def _hold_seats(event: Event, now: datetime) -> None:
    """Write the event row first, so that changes to its seats queue up one at a time (a row
    lock on PostgreSQL, the write lock on SQLite) and two people never take the last seat."""
    db.session.execute(sa.update(Event).where(Event.id == event.id).values(seats_changed_at=now))


def _confirmed_count(event: Event) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
    )


def _fill_from_waitlist(event: Event, now: datetime) -> list[Registration]:
    waiting = sa.select(Registration).where(
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.WAITLISTED,
    )
    if event.capacity is not None:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
        waiting = waiting.limit(free)
    promoted = list(db.session.scalars(waiting.order_by(Registration.queued_at, Registration.id)))
    for registration in promoted:
        registration.take_freed_seat(now)
    return promoted


# --- check-in ---------------------------------------------------------------------------------


def check_qr_token(event: Event, token: str, now: datetime) -> None:
    """Accept the projector's token of the current or the previous window only."""
    if not tokens.qr_token_is_valid(event.checkin_secret, event.id, token, now):
        raise EventError("token_invalid")


@use_case
def check_in_with_code(user: User, code: str, now: datetime) -> CheckInResult:
    """The student typed the number on the screen: find the event it belongs to among
    those open for check-in now that the student can see (on a national Integrity Hour
    thousands of class events are open at once; the student's own are a handful)."""
    grace = check_in_grace()
    candidates = db.session.execute(
        sa.select(Event.id, Event.checkin_secret).where(
            Event.starts_at <= now + grace,
            Event.ends_at >= now - grace,
            queries.visibility(user),
        )
    )
    for event_id, secret in candidates:
        if tokens.numeric_code_is_valid(secret, event_id, code, now):
            return check_in(db.session.get(Event, event_id), user, CheckInMethod.CODE, now)
    raise EventError("code_wrong")


@use_case
def check_in_card(
    event: Event, card: str, staff: User, now: datetime, scanned_at: datetime | None = None
) -> CheckInResult:
    """Staff scanned a student's card, maybe offline a while ago (``scanned_at``, the
    device's clock). That time must fall inside the check-in window (``check_in`` holds
    it there), and the sync must arrive within EVENT_SCAN_SYNC_HOURS after the window."""
    student = card_holder(card)
    if student is None:
        raise EventError("card_invalid")
    if scanned_at is not None and now > event.check_in_closes(check_in_grace()) + sync_delay():
        raise EventError("synced_too_late")
    when = min(scanned_at, now + CLOCK_SKEW) if scanned_at else now
    return check_in(event, student, CheckInMethod.SCAN, now, by=staff, at=when)


def sync_delay() -> timedelta:
    return timedelta(hours=current_app.config["EVENT_SCAN_SYNC_HOURS"])


@use_case
def check_in(
    event: Event,
    user: User,
    method: CheckInMethod,
    now: datetime,
    *,
    by: User | None = None,
    at: datetime | None = None,
) -> CheckInResult:
    """Once per student per event: a repeat returns the first check-in, not an error.

    Staff (``by``) may let in a student without a registration (they decide at the door),
    but only someone their own scope holds, whatever the event's audience; the window and
    the audience hold for everyone. Points go through the ledger in the same transaction.
    """
    if by is not None and not can_see_person(by, user):
        raise EventError("not_in_scope")
    when = at or now
    existing = check_in_of(event, user)
    if existing is not None:
        return CheckInResult(existing, created=False)
    grace = check_in_grace()
    if when < event.check_in_opens(grace):
        raise EventError("too_early")
    if when > event.check_in_closes(grace):
        raise EventError("too_late")
    if not event.admits(user):
        raise EventError("not_in_audience")
    if method in SELF_CHECK_IN and event.registration_required and not _has_seat(event, user):
        raise EventError("not_registered")
    record = CheckIn(
        event_id=event.id,
        user_id=user.id,
        method=method,
        checked_in_at=when,
        recorded_at=now,
        by_id=by.id if by else None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(record)
    except IntegrityError:  # the same student at the same moment in another request
        return CheckInResult(check_in_of(event, user), created=False)
    award(
        user.id,
        PointSource.EVENT_CHECKIN,
        f"event:{event.id}",
        event.title.get("en") or event.display_title,
        amount=event.points,
    )
    db.session.commit()
    return CheckInResult(record, created=True)


def check_in_of(event: Event, user: User) -> CheckIn | None:
    return db.session.scalar(
        sa.select(CheckIn).where(CheckIn.event_id == event.id, CheckIn.user_id == user.id)
    )


def _has_seat(event: Event, user: User) -> bool:
    registration = registration_of(event, user)
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED
