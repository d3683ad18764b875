"""Access control, in one place.

Two layers:
- role policies as decorators on views (``roles_required``, or flask_login's
  ``login_required`` for any signed-in user, re-exported here);
- object-level checks (``can_*`` functions) that a view calls once it has loaded an object.

Policies work on attributes only (``user.has_role``, ``klass.teacher_ids``, ``region_id``),
so core imports no area. Anonymous users are sent to the login page; signed-in users
without the right get 403.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from app.extensions import login_manager

__all__ = [
    "STAFF",
    "Role",
    "can_approve_teacher",
    "can_manage_student_record",
    "can_see_class_board",
    "can_manage_class",
    "can_manage_event",
    "can_manage_institution",
    "can_see_attempt",
    "can_see_person",
    "can_see_quiz_draft",
    "can_curate_library",
    "ensure",
    "login_required",
    "roles_required",
]


class Role(StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    ORGANIZER = "organizer"
    ADMIN = "admin"


STAFF = (Role.ORGANIZER, Role.ADMIN)


def roles_required(*roles: Role) -> Callable:
    """Admit a signed-in user holding (an approved grant of) any of ``roles``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not any(current_user.has_role(role) for role in roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def ensure(allowed: bool) -> None:
    """Stop the request with 403 unless an object-level check passed."""
    if not allowed:
        abort(403)


def covers_region(user, region_id: int | None) -> bool:
    """Admins cover every region; an organizer covers theirs, or all when national."""
    if user.has_role(Role.ADMIN):
        return True
    if not user.has_role(Role.ORGANIZER):
        return False
    scope = user.organizer_region_id
    return scope is None or scope == region_id


def can_see_person(user, person) -> bool:
    """Whether ``user`` may look ``person`` up, act on them (a check-in, a scan) or read
    their personal data: themselves; a teacher the students of their own classes; an
    organizer the people of institutions in their region; national organizers and admins
    everyone. Whatever an event's or a game's audience, staff reach no further than this.
    ``accounts.queries.people_visible_to`` is the same rule as a SQL condition."""
    if user.id == person.id:
        return True
    institution = person.institution
    if covers_region(user, institution.region_id if institution else None):
        return True
    if not user.has_role(Role.TEACHER):
        return False
    taught = {klass.id for klass in user.teaching}
    return any(klass.id in taught for klass in person.classes)


def can_manage_class(user, klass) -> bool:
    """A teacher manages only their own classes; admins manage all."""
    return user.has_role(Role.ADMIN) or (
        user.has_role(Role.TEACHER) and user.id in klass.teacher_ids
    )


def can_manage_institution(user, institution) -> bool:
    return covers_region(user, institution.region_id)


def can_approve_teacher(user, teacher) -> bool:
    institution = teacher.institution
    return institution is not None and covers_region(user, institution.region_id)


def can_see_attempt(user, attempt) -> bool:
    """A quiz attempt is its player's own (teachers see class results, not raw attempts)."""
    return attempt.user_id == user.id


def can_manage_student_record(user, student) -> bool:
    """Correct a student's points or revoke their badges: organizers of the student's region
    (national organizers everywhere) and admins."""
    institution = student.institution
    return covers_region(user, institution.region_id if institution else None)


def can_see_class_board(user, klass) -> bool:
    """A class's leaderboard: its students, its teachers, and staff covering its region."""
    return (
        user.id in {student.id for student in klass.students}
        or can_manage_class(user, klass)
        or covers_region(user, klass.institution.region_id)
    )


def can_manage_event(user, event) -> bool:
    """Edit an event, run its check-in and see who came: its author, the teachers of its
    classes, organizers covering its region and admins."""
    if covers_region(user, event.region_id):
        return True
    is_staff = user.has_role(Role.TEACHER) or user.has_role(Role.ORGANIZER)
    return is_staff and (event.created_by_id == user.id or user.id in event.teacher_ids)


def can_see_quiz_draft(user, author, assigned: bool = False) -> bool:
    """A quiz not (yet) in the national library, answer key included: its author, staff
    covering the author's region (national organizers and admins: every region), and the
    students of a class it is assigned to (``assigned``: the quizzes area knows). Another
    region's organizer neither reads, exports nor hosts it."""
    if author is not None and user.id == author.id:
        return True
    institution = author.institution if author is not None else None
    return assigned or covers_region(user, institution.region_id if institution else None)


def can_curate_library(user) -> bool:
    """Approve a quiz into the national library, which every school sees: national
    organizers and admins. A regional organizer may send their region's quizzes back."""
    return user.has_role(Role.ADMIN) or (
        user.has_role(Role.ORGANIZER) and user.organizer_region_id is None
    )
