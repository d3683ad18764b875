"""Every write in accounts: one function per use case, one transaction each.

Services take plain arguments, never ``request`` or ``session``. Rules that depend on the
database (a login already taken, a join code that does not exist) raise ``FieldError``
with a translated message for the form field concerned.
"""

import secrets
import statistics
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.core.access import Role
from app.core.errors import FieldError
from app.core.time import utcnow
from app.extensions import db
from app.i18n import _

from .models import (
    Institution,
    InstitutionKind,
    Region,
    RoleGrant,
    SchoolClass,
    TeacherInvitation,
    User,
    normalize_login,
)
from .queries import user_by_login
from .roster import RosterRow

# No 0/O, 1/I/L: codes are read aloud in class and copied from a projector.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
SLIP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
INVITATION_LIFETIME = timedelta(days=14)


@cache
def _dummy_password_hash(method: str) -> str:
    """A hash of nothing anyone knows, made once per process and method, to check a
    password against when there is no real hash to check (see ``authenticate``)."""
    return generate_password_hash(secrets.token_hex(16), method=method)


def normalize_join_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _random_string(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


# --- sign-up and sign-in -----------------------------------------------------------------


@dataclass(frozen=True)
class NewAccount:
    login: str
    password: str
    display_name: str
    full_name: str
    birth_year: int | None
    locale: str


def _new_user(account: NewAccount) -> User:
    login = normalize_login(account.login)
    if db.session.scalar(sa.select(User.id).where(User.login == login)) is not None:
        raise FieldError("login", _("This login is already taken. Choose another one."))
    user = User(
        login=login,
        display_name=account.display_name.strip(),
        full_name=account.full_name.strip(),
        birth_year=account.birth_year,
        locale=account.locale,
        session_token=secrets.token_hex(16),
    )
    user.set_password(account.password)
    return user


def _commit_new_user(user: User) -> User:
    """Commit; a login taken by a concurrent sign-up surfaces as the same field error."""
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise FieldError("login", _("This login is already taken. Choose another one.")) from None
    return user


def find_class_by_join_code(code: str) -> SchoolClass | None:
    normalized = normalize_join_code(code)
    if not normalized:
        return None
    return db.session.scalar(sa.select(SchoolClass).where(SchoolClass.join_code == normalized))


def register_student(join_code: str, account: NewAccount) -> User:
    klass = find_class_by_join_code(join_code)
    if klass is None:
        raise FieldError("join_code", _("No class has this join code. Check it with your teacher."))
    user = _new_user(account)
    user.institution = klass.institution
    user.grants.append(RoleGrant(role=Role.STUDENT, approved_at=utcnow()))
    user.classes.append(klass)
    return _commit_new_user(user)


def find_invitation(token: str) -> TeacherInvitation | None:
    invitation = db.session.scalar(
        sa.select(TeacherInvitation).where(TeacherInvitation.token == token)
    )
    if invitation is None or not invitation.is_usable(utcnow()):
        return None
    return invitation


def register_teacher(
    institution_id: int, account: NewAccount, invitation: TeacherInvitation | None = None
) -> User:
    """A teacher waits for approval, unless they came through an organizer's invitation."""
    institution = db.session.get(Institution, institution_id)
    if institution is None:
        raise FieldError("institution_id", _("Choose your school, college or university."))
    user = _new_user(account)
    user.institution = institution
    grant = RoleGrant(role=Role.TEACHER)
    if invitation is not None:
        grant.approved_at = utcnow()
        grant.approved_by_id = invitation.created_by_id
        user.institution = invitation.institution
        invitation.mark_used(user, utcnow())
    user.grants.append(grant)
    return _commit_new_user(user)


def authenticate(login: str, password: str, now: datetime) -> User | None:
    """The account, if the password is right (and, for a printed slip, not expired).

    Every answer takes as long as one full-cost check, so timing tells nothing: an unknown
    login checks against a dummy hash of the full cost; an unclaimed slip, whose hash is
    cheaper (ONE_TIME_PASSWORD_HASH_METHOD), waits out the difference.
    """
    full_method = current_app.config["PASSWORD_HASH_METHOD"]
    user = user_by_login(login)
    if user is None:
        check_password_hash(_dummy_password_hash(full_method), password)
        return None
    started = time.perf_counter()
    right = user.check_password(password)
    if not user.must_change_password:
        return user if right else None
    _wait_until(started + _full_check_seconds(full_method))
    return user if right and not user.slip_has_expired(now) else None


@cache
def _full_check_seconds(method: str) -> float:
    """How long one check of a full-cost hash takes in this process (the median of five,
    measured once): scrypt's cost is not linear in its parameters, so it is measured."""
    dummy = _dummy_password_hash(method)
    timings = []
    for _round in range(5):
        started = time.perf_counter()
        check_password_hash(dummy, "calibration")
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _wait_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.perf_counter()))


def change_password(user: User, new_password: str) -> None:
    """Set a new password and sign out every other session of this user."""
    user.set_password(new_password)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Sign the user out everywhere, on the server: every session cookie and remember-me
    cookie carries the old session token (``User.get_id``), which no longer loads anyone.
    A replayed cookie from a shared school computer opens nothing after logout."""
    user.session_token = secrets.token_hex(16)
    db.session.commit()


def update_profile(user: User, display_name: str, locale: str, show_on_boards: bool) -> None:
    user.display_name = display_name.strip()
    user.locale = locale
    user.show_on_boards = show_on_boards
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
    db.session.commit()


def create_staff_account(account: NewAccount, role: Role, region: Region | None = None) -> User:
    """An admin or organizer account, approved at once (made from the command line)."""
    if role not in (Role.ADMIN, Role.ORGANIZER):
        raise ValueError("staff accounts are admins or organizers")
    user = _new_user(account)
    user.grants.append(
        RoleGrant(role=role, region_id=region.id if region else None, approved_at=utcnow())
    )
    return _commit_new_user(user)


# --- classes --------------------------------------------------------------------------------


def _unused_join_code() -> str:
    while True:
        code = _random_string(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH)
        if find_class_by_join_code(code) is None:
            return code


def _class_name_taken(institution_id: int, name: str) -> bool:
    query = sa.select(SchoolClass.id).where(
        SchoolClass.institution_id == institution_id, SchoolClass.name == name
    )
    return db.session.scalar(query) is not None


def create_class(teacher: User, name: str) -> SchoolClass:
    name = name.strip()
    if _class_name_taken(teacher.institution_id, name):
        raise FieldError("name", _("Your institution already has a class with this name."))
    klass = SchoolClass(
        name=name, institution_id=teacher.institution_id, join_code=_unused_join_code()
    )
    klass.teachers.append(teacher)
    db.session.add(klass)
    db.session.commit()
    return klass


def regenerate_join_code(klass: SchoolClass) -> str:
    """Give the class a new code; the old one stops working at once."""
    klass.join_code = _unused_join_code()
    db.session.commit()
    return klass.join_code


def _unused_student_login() -> str:
    while True:
        login = "s" + _random_string(SLIP_ALPHABET, 7)
        if db.session.scalar(sa.select(User.id).where(User.login == login)) is None:
            return login


def public_name(full_name: str) -> str:
    """A display name that does not reveal a child's full name: first name and an initial."""
    parts = full_name.split()
    if len(parts) < 2:
        return parts[0] if parts else ""
    return f"{parts[0]} {parts[1][0]}."


@dataclass(frozen=True)
class LoginSlip:
    full_name: str
    login: str
    password: str  # shown once on the printable slip, never stored


def create_students_from_roster(klass: SchoolClass, rows: list[RosterRow], locale: str):
    """Create one account per roster row, all or nothing, and return their one-time slips."""
    slips = []
    for row in rows:
        password = _slip_password()
        user = User(
            login=_unused_student_login(),
            display_name=public_name(row.full_name),
            full_name=row.full_name,
            birth_year=row.birth_year,
            locale=locale,
            institution_id=klass.institution_id,
            session_token=secrets.token_hex(16),
        )
        user.set_password(password, one_time=True)
        user.grants.append(RoleGrant(role=Role.STUDENT, approved_at=utcnow()))
        user.classes.append(klass)
        db.session.add(user)
        slips.append(LoginSlip(full_name=row.full_name, login=user.login, password=password))
    db.session.commit()
    return slips


def reissue_slips(klass: SchoolClass) -> list[LoginSlip]:
    """New one-time passwords for the class's students who never signed in with theirs
    (a lost or expired slip); the old slips stop working."""
    slips = []
    for student in sorted(klass.students, key=lambda s: s.full_name):
        if student.must_change_password:
            password = _slip_password()
            student.set_password(password, one_time=True)
            slips.append(LoginSlip(student.full_name, student.login, password))
    db.session.commit()
    return slips


def _slip_password() -> str:
    return f"{_random_string(SLIP_ALPHABET, 4)}-{_random_string(SLIP_ALPHABET, 4)}"


# --- institutions, teachers and invitations ------------------------------------------------


def _institution_name_taken(region_id: int, name: str, except_id: int | None = None) -> bool:
    query = sa.select(Institution.id).where(
        Institution.region_id == region_id, Institution.name == name
    )
    if except_id is not None:
        query = query.where(Institution.id != except_id)
    return db.session.scalar(query) is not None


def save_institution(
    institution: Institution | None, region: Region, name: str, kind: InstitutionKind
) -> Institution:
    """Create an institution, or update the one given."""
    name = name.strip()
    if _institution_name_taken(region.id, name, institution.id if institution else None):
        raise FieldError("name", _("This region already has an institution with this name."))
    if institution is None:
        institution = Institution()
        db.session.add(institution)
    institution.name, institution.kind, institution.region_id = name, kind, region.id
    db.session.commit()
    return institution


def approve_teacher(approver: User, teacher: User) -> None:
    grant = teacher.grant(Role.TEACHER)
    if grant is None or grant.is_approved:
        return  # already decided: a second click changes nothing
    grant.approved_at = utcnow()
    grant.approved_by_id = approver.id
    db.session.commit()


def decline_teacher(teacher: User) -> None:
    """Remove a pending teacher request; the account stays and can sign in."""
    grant = teacher.grant(Role.TEACHER)
    if grant is not None and not grant.is_approved:
        teacher.grants.remove(grant)
        db.session.commit()


def create_invitation(organizer: User, institution: Institution) -> TeacherInvitation:
    invitation = TeacherInvitation(
        token=secrets.token_urlsafe(24),
        institution=institution,
        created_by_id=organizer.id,
        expires_at=utcnow() + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation
