"""Reads of events: who sees which, lists and calendars, rosters and attendance."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from app.accounts.models import Institution, User, class_students
from app.accounts.queries import people_visible_to
from app.core.access import Role
from app.extensions import db

from .models import (
    Audience,
    CheckIn,
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
    event_classes,
    event_institutions,
)

ROSTER_SEARCH_LIMIT = 20


@dataclass(frozen=True)
class EventFilter:
    region_id: int | None = None
    institution_id: int | None = None
    kind: EventKind | None = None


def visibility(user) -> sa.ColumnElement[bool]:
    """The events a user may see: those for them (their audience), those they manage, and
    those they registered for. Anonymous visitors see open events."""
    conditions = [Event.audience == Audience.OPEN]
    if not user.is_authenticated:
        return sa.or_(*conditions)
    if user.has_role(Role.ADMIN):
        return sa.true()
    institution = user.institution
    if institution is not None:
        conditions.append(
            sa.and_(Event.audience == Audience.REGION, Event.region_id == institution.region_id)
        )
        conditions.append(
            Event.id.in_(
                sa.select(event_institutions.c.event_id).where(
                    event_institutions.c.institution_id == institution.id
                )
            )
        )
    class_ids = [klass.id for klass in (*user.classes, *user.teaching)]
    if class_ids:
        conditions.append(
            Event.id.in_(
                sa.select(event_classes.c.event_id).where(event_classes.c.class_id.in_(class_ids))
            )
        )
    conditions.append(Event.created_by_id == user.id)
    conditions.append(
        Event.id.in_(
            sa.select(Registration.event_id).where(
                Registration.user_id == user.id,
                Registration.status != RegistrationStatus.CANCELLED,
            )
        )
    )
    if user.has_role(Role.ORGANIZER):
        region_id = user.organizer_region_id
        conditions.append(sa.true() if region_id is None else Event.region_id == region_id)
    return sa.or_(*conditions)


def can_see(user, event: Event) -> bool:
    return bool(
        db.session.scalar(sa.select(sa.literal(True)).where(Event.id == event.id, visibility(user)))
    )


def _filtered(query: sa.Select, chosen: EventFilter) -> sa.Select:
    if chosen.region_id:
        query = query.where(Event.region_id == chosen.region_id)
    if chosen.institution_id:
        query = query.where(Event.institution_id == chosen.institution_id)
    if chosen.kind:
        query = query.where(Event.kind == chosen.kind)
    return query


def upcoming(user, now: datetime, chosen: EventFilter, limit: int = 100) -> list[Event]:
    """Events not yet over, soonest first (an event under way is still upcoming)."""
    query = sa.select(Event).where(visibility(user), Event.ends_at > now)
    return list(db.session.scalars(_filtered(query, chosen).order_by(Event.starts_at).limit(limit)))


def past(user, now: datetime, chosen: EventFilter, limit: int = 100) -> list[Event]:
    query = sa.select(Event).where(visibility(user), Event.ends_at <= now)
    return list(
        db.session.scalars(_filtered(query, chosen).order_by(Event.starts_at.desc()).limit(limit))
    )


def between(user, start: datetime, end: datetime, chosen: EventFilter) -> list[Event]:
    """Events that overlap [start, end), for a calendar month."""
    query = sa.select(Event).where(visibility(user), Event.starts_at < end, Event.ends_at > start)
    return list(db.session.scalars(_filtered(query, chosen).order_by(Event.starts_at)))


def feed_events(user, since: datetime, limit: int = 300) -> list[Event]:
    """What a user's calendar subscription carries: their events from ``since`` on."""
    query = sa.select(Event).where(visibility(user), Event.ends_at > since)
    return list(db.session.scalars(query.order_by(Event.starts_at).limit(limit)))


def managed(user, limit: int = 100) -> list[Event]:
    """Events a teacher created or whose classes they teach, newest first."""
    teaching = [klass.id for klass in user.teaching]
    query = sa.select(Event).where(
        sa.or_(
            Event.created_by_id == user.id,
            Event.id.in_(
                sa.select(event_classes.c.event_id).where(event_classes.c.class_id.in_(teaching))
            ),
        )
    )
    return list(db.session.scalars(query.order_by(Event.starts_at.desc()).limit(limit)))


def registrations(event: Event, viewer: User | None = None) -> list[Registration]:
    """Seats first, then the waitlist in its order; for a ``viewer``, only the registrants
    their scope holds."""
    order = sa.case((Registration.status == RegistrationStatus.CONFIRMED, 0), else_=1)
    query = (
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status != RegistrationStatus.CANCELLED,
        )
        .order_by(order, Registration.queued_at, Registration.id)
    )
    if viewer is not None:
        query = query.join(User, User.id == Registration.user_id).where(people_visible_to(viewer))
    return list(db.session.scalars(query))


def registration_count(event: Event) -> int:
    """Registrations still standing, seats and waitlist, whoever holds them."""
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.event_id == event.id,
            Registration.status != RegistrationStatus.CANCELLED,
        )
    )


def seat_counts(event: Event) -> dict[RegistrationStatus, int]:
    rows = db.session.execute(
        sa.select(Registration.status, sa.func.count())
        .where(Registration.event_id == event.id)
        .group_by(Registration.status)
    )
    return {status: count for status, count in rows}


def waitlist_position(registration: Registration) -> int:
    """1 for the first on the waitlist."""
    ahead = db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.event_id == registration.event_id,
            Registration.status == RegistrationStatus.WAITLISTED,
            sa.tuple_(Registration.queued_at, Registration.id)
            < sa.tuple_(registration.queued_at, registration.id),
        )
    )
    return ahead + 1


def attendance(event: Event, viewer: User | None = None) -> list[CheckIn]:
    """Who came, in order; for a ``viewer``, only the people their scope holds (an open
    event draws people from everywhere, and staff see no further than their own scope)."""
    query = (
        sa.select(CheckIn)
        .where(CheckIn.event_id == event.id)
        .order_by(CheckIn.checked_in_at, CheckIn.id)
    )
    if viewer is not None:
        query = query.join(User, User.id == CheckIn.user_id).where(people_visible_to(viewer))
    return list(db.session.scalars(query))


def attendance_count(event: Event) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(CheckIn.event_id == event.id))


def history(user: User, limit: int = 100) -> list[CheckIn]:
    """A student's attendance, latest first."""
    query = (
        sa.select(CheckIn)
        .where(CheckIn.user_id == user.id)
        .order_by(CheckIn.checked_in_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def my_registrations(user: User, now: datetime) -> list[Registration]:
    query = (
        sa.select(Registration)
        .join(Event)
        .where(
            Registration.user_id == user.id,
            Registration.status != RegistrationStatus.CANCELLED,
            Event.ends_at > now,
        )
        .order_by(Event.starts_at)
    )
    return list(db.session.scalars(query))


def roster(event: Event, staff: User, search: str = "") -> list[User]:
    """Students ``staff`` may check in by hand: the event's classes in full; for wider
    audiences the registered students, or those whose name matches ``search``. Always
    within the people the staff member's own scope holds, whatever the event's audience."""
    if event.audience == Audience.CLASSES:
        query = (
            sa.select(User)
            .join(class_students, class_students.c.user_id == User.id)
            .where(class_students.c.class_id.in_([klass.id for klass in event.classes]))
            .distinct()
        )
    elif search.strip():
        query = _audience_students(event).where(_name_matches(search.strip()))
        query = query.limit(ROSTER_SEARCH_LIMIT)
    else:
        query = sa.select(User).where(
            User.id.in_(
                sa.select(Registration.user_id).where(
                    Registration.event_id == event.id,
                    Registration.status != RegistrationStatus.CANCELLED,
                )
            )
        )
    return list(db.session.scalars(query.where(people_visible_to(staff)).order_by(User.full_name)))


def _audience_students(event: Event) -> sa.Select:
    query = sa.select(User).where(
        User.id.in_(sa.select(class_students.c.user_id))  # students belong to a class
    )
    if event.audience == Audience.INSTITUTIONS:
        return query.where(User.institution_id.in_([i.id for i in event.institutions]))
    if event.audience == Audience.REGION:
        return query.join(Institution, User.institution_id == Institution.id).where(
            Institution.region_id == event.region_id
        )
    return query


def _name_matches(search: str) -> sa.ColumnElement[bool]:
    """By full or display name, never by login: a login is a credential's half."""
    pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return sa.or_(
        User.full_name.ilike(pattern, escape="\\"),
        User.display_name.ilike(pattern, escape="\\"),
    )


def checked_in_ids(event: Event) -> dict[int, CheckIn]:
    return {record.user_id: record for record in attendance(event)}


def institutions_in(region_id: int | None) -> list[Institution]:
    query = sa.select(Institution).order_by(Institution.name)
    if region_id is not None:
        query = query.where(Institution.region_id == region_id)
    return list(db.session.scalars(query))
