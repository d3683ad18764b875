"""Every write of volunteering: applying (with consent, and a guardian's for minors), the
organizers' pipeline, withdrawal and erasure, activities and their confirmation.

Each use case validates first and commits once; a refusal raises FieldError (a form field)
or VolunteerError (an action) before anything is written.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.accounts.notifications import notify
from app.core.errors import FieldError
from app.core.transactions import use_case
from app.extensions import db
from app.gamification import queries as progress
from app.gamification.models import PointEntry, PointSource
from app.gamification.services import award
from app.i18n import N_, _

from . import eligibility, queries
from .errors import VolunteerError
from .models import (
    OPEN_STATUSES,
    ORGANIZER_MOVES,
    Activity,
    ActivityKind,
    ActivityStatus,
    Application,
    ContactAccess,
    Direction,
    IllegalTransition,
    MonitoredObject,
    Status,
    StatusChange,
)

ADULT_AGE = 18
MAX_SAVINGS_TENGE = 100_000_000_000  # 100 billion: more than any one object's budget

# What the student reads at each step (N_: stored, translated when shown).
STATUS_NOTICES = {
    Status.SUBMITTED: N_("Your volunteer application has reached the organizers."),
    Status.IN_REVIEW: N_("Organizers are reviewing your volunteer application."),
    Status.INTERVIEW: N_("You are invited to an interview about volunteering."),
    Status.ACCEPTED: N_("Your volunteer application has been accepted!"),
    Status.DECLINED: N_("Your volunteer application has been declined."),
    Status.ACTIVE: N_("You are now an active anti-corruption volunteer!"),
}
ACTIVITY_CONFIRMED = N_(
    "Your volunteer activity of %(day)s has been confirmed: +%(points)d points."
)
ACTIVITY_REJECTED = N_("Your volunteer activity of %(day)s was not confirmed.")


@dataclass(frozen=True)
class ApplicationDetails:
    direction: Direction
    motivation: str
    skills: str
    availability: str
    phone: str
    email: str
    consent: bool
    guardian_name: str
    guardian_contact: str


@dataclass(frozen=True)
class ActivityDetails:
    kind: ActivityKind
    object_type: MonitoredObject | None
    held_on: date
    place: str
    findings: str
    savings_tenge: int | None


# --- eligibility ------------------------------------------------------------------------------


def facts_of(user: User) -> eligibility.Facts:
    events = db.session.scalar(
        sa.select(sa.func.count()).where(
            PointEntry.user_id == user.id, PointEntry.source_kind == PointSource.EVENT_CHECKIN
        )
    )
    return eligibility.Facts(
        points=progress.total_points(user.id),
        events=events,
        badges=frozenset(progress.badge_ids_held(user.id)),
    )


def progress_of(user: User) -> list[eligibility.Progress]:
    region = user.institution.region if user.institution else None
    return eligibility.progress(
        eligibility.rules_for(region.code if region else None), facts_of(user)
    )


def is_invited(user: User) -> bool:
    """Meets every rule and has no application under way: the home page invites them."""
    return open_application(user) is None and all(step.met for step in progress_of(user))


def is_minor(user: User, today: date) -> bool:
    """Under 18 by birth year; an unknown birth year counts as a minor (the safe side)."""
    return user.birth_year is None or today.year - user.birth_year < ADULT_AGE


# --- applying ---------------------------------------------------------------------------------


def open_application(user: User) -> Application | None:
    return db.session.scalar(
        sa.select(Application).where(
            Application.user_id == user.id, Application.status.in_(OPEN_STATUSES)
        )
    )


@use_case
def apply(user: User, details: ApplicationDetails, now: datetime) -> Application:
    if open_application(user) is not None:
        raise VolunteerError("already_applying")
    if user.institution is None:
        raise VolunteerError("no_institution")
    if not details.consent:
        raise FieldError("consent", _("Tick the box to agree to the processing of your data."))
    minor = is_minor(user, now.date())
    if minor and not (details.guardian_name.strip() and details.guardian_contact.strip()):
        raise FieldError(
            "guardian_name", _("Under 18: enter your parent's or guardian's name and contact.")
        )
    application = Application(
        user_id=user.id,
        region_id=user.institution.region_id,
        direction=details.direction,
        status=Status.AWAITING_CONSENT if minor else Status.SUBMITTED,
        recommended=all(step.met for step in progress_of(user)),
        motivation=details.motivation,
        skills=details.skills,
        availability=details.availability,
        phone=details.phone,
        email=details.email,
        consent_policy_version=current_app.config["VOLUNTEER_CONSENT_POLICY"],
        consent_at=now,
        is_minor=minor,
        guardian_name=details.guardian_name.strip() if minor else "",
        guardian_contact=details.guardian_contact.strip() if minor else "",
        created_at=now,
        updated_at=now,
    )
    application.history.append(
        StatusChange(from_status=None, to_status=application.status, by_id=user.id, at=now)
    )
    db.session.add(application)
    db.session.commit()
    return application


@use_case
def confirm_guardian_consent(application: Application, teacher: User, now: datetime) -> None:
    """The student's teacher confirms the guardian agreed; only then do organizers see it."""
    _move(application, Status.SUBMITTED, teacher, _("Guardian's consent confirmed"), now)
    application.guardian_confirmed_by_id, application.guardian_confirmed_at = teacher.id, now
    db.session.commit()


# --- the organizers' pipeline -----------------------------------------------------------------


@use_case
def move(application: Application, wanted: Status, organizer: User, note: str, now: datetime):
    if wanted not in ORGANIZER_MOVES:
        raise VolunteerError("not_an_organizer_move")
    _move(application, wanted, organizer, note, now)
    db.session.commit()


@use_case
def bulk_move(
    applications: list[Application], wanted: Status, organizer: User, note: str, now: datetime
) -> None:
    """All or none: one application that cannot move stops the whole action."""
    if wanted not in ORGANIZER_MOVES:
        raise VolunteerError("not_an_organizer_move")
    stuck = [application for application in applications if not application.can_move_to(wanted)]
    if stuck:
        names = ", ".join(f"#{application.id}" for application in stuck)
        raise VolunteerError("cannot_move_these", names=names)
    for application in applications:
        _move(application, wanted, organizer, note, now)
    db.session.commit()


@use_case
def move_chosen(
    ids: set[int], region_id: int | None, wanted: Status, organizer: User, note: str, now: datetime
) -> list[Application]:
    """The bulk action of the queue: the applications an organizer ticked, every one of
    them theirs to act on (``region_id``: their region, None for all), else nothing moves."""
    chosen = queries.visible_applications(ids, region_id)
    if not ids or len(chosen) != len(ids):
        raise VolunteerError("choose_from_list")
    bulk_move(chosen, wanted, organizer, note, now)
    return chosen


def _move(application: Application, wanted: Status, by: User, note: str, now: datetime) -> None:
    try:
        application.move_to(wanted, by.id, note[:500], now)
    except IllegalTransition as error:
        raise VolunteerError(
            "illegal_move",
            current=application.status_label,
            wanted=str(error.wanted.label),
        ) from None
    if wanted in STATUS_NOTICES:
        notify(application.user_id, STATUS_NOTICES[wanted], link="/volunteer")


@use_case
def withdraw(application: Application, student: User, now: datetime) -> None:
    _move(application, Status.WITHDRAWN, student, "", now)
    db.session.commit()


ERASED_FIELDS = (
    "motivation",
    "skills",
    "availability",
    "phone",
    "email",
    "guardian_name",
    "guardian_contact",
)


@use_case
def erase(application: Application, student: User, now: datetime) -> None:
    """Withdraw (if still open) and erase everything that identifies the person: the
    application's text and contacts, its link to the account, who confirmed the guardian's
    consent, the notes of its history and the student's own moves in it; the place,
    findings and account of the student's activities. Statuses, dates, region and
    direction stay, so the organizers' figures still add up."""
    if application.can_move_to(Status.WITHDRAWN):
        _move(application, Status.WITHDRAWN, student, "", now)
    for field in ERASED_FIELDS:
        setattr(application, field, "")
    application.guardian_confirmed_by_id = None
    for change in application.history:
        change.note = ""
        if change.by_id == student.id:
            change.by_id = None
    for activity in db.session.scalars(sa.select(Activity).where(Activity.user_id == student.id)):
        if activity.status == ActivityStatus.PENDING:  # nobody left to confirm it for
            db.session.delete(activity)
            continue
        activity.place, activity.findings, activity.review_note = "", "", ""
        activity.user_id = None
    application.user_id = None
    application.erased_at = now
    db.session.commit()


def log_contact_access(user: User, application: Application | None, action: str) -> None:
    db.session.add(
        ContactAccess(
            user_id=user.id,
            application_id=application.id if application else None,
            action=action,
        )
    )
    db.session.commit()


def log_export(user: User, applications: list[Application]) -> None:
    """An export of contact data, with the number of every application it contained."""
    exported = [application.id for application in applications]
    db.session.add(ContactAccess(user_id=user.id, action="export", application_ids=exported))
    db.session.commit()


# --- activities -------------------------------------------------------------------------------


def is_active_volunteer(user: User) -> bool:
    application = open_application(user)
    return application is not None and application.status == Status.ACTIVE


@use_case
def log_activity(user: User, details: ActivityDetails, today: date) -> Activity:
    if not is_active_volunteer(user):
        raise VolunteerError("not_active")
    if details.held_on > today:
        raise FieldError("held_on", _("The date cannot be in the future."))
    if details.kind == ActivityKind.MONITORING_VISIT and details.object_type is None:
        raise FieldError("object_type", _("Choose what you monitored."))
    savings = details.savings_tenge
    if savings is not None and not 0 <= savings <= MAX_SAVINGS_TENGE:
        raise FieldError("savings_tenge", _("Enter the savings in tenge, from 0 to 100 billion."))
    activity = Activity(
        user_id=user.id,
        region_id=open_application(user).region_id,
        kind=details.kind,
        object_type=details.object_type if details.kind == ActivityKind.MONITORING_VISIT else None,
        held_on=details.held_on,
        place=details.place,
        findings=details.findings,
        savings_tenge=savings if details.kind == ActivityKind.MONITORING_VISIT else None,
    )
    db.session.add(activity)
    db.session.commit()
    return activity


@use_case
def review_activity(
    activity: Activity, organizer: User, confirm: bool, note: str, now: datetime
) -> None:
    if activity.status != ActivityStatus.PENDING:
        raise VolunteerError("already_reviewed")
    activity.review(confirm, organizer.id, note, now)
    day = activity.held_on.isoformat()
    if confirm:
        award(
            activity.user_id,
            PointSource.VOLUNTEER_ACTIVITY,
            f"activity:{activity.id}",
            f"volunteer activity {activity.kind} on {day}",
        )
        points = db.session.scalar(
            sa.select(PointEntry.amount).where(
                PointEntry.user_id == activity.user_id,
                PointEntry.source_kind == PointSource.VOLUNTEER_ACTIVITY,
                PointEntry.source_key == f"activity:{activity.id}",
            )
        )
        notify(activity.user_id, ACTIVITY_CONFIRMED, link="/volunteer", day=day, points=points)
    else:
        notify(activity.user_id, ACTIVITY_REJECTED, link="/volunteer", day=day)
    db.session.commit()
