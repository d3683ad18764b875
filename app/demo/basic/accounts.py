"""The basic demo's accounts: an institution, a class and one account per role, so a
newcomer can click through every page. Idempotent: running it again changes nothing that
already exists."""

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from app.accounts.models import Institution, InstitutionKind, Region, RoleGrant, SchoolClass, User
from app.core.access import Role
from app.core.time import utcnow
from app.extensions import db

DEMO_PASSWORD = "integrity-demo"  # noqa: S105 - demo only; `flask demo` refuses in production
DEMO_REGION = "astana"
DEMO_INSTITUTION = "Demo school No. 1"
DEMO_CLASS, DEMO_JOIN_CODE = "9А", "DEMO9A"

DEMO_USERS = [
    # login, role, display name, full name, birth year
    ("admin", Role.ADMIN, "Admin", "Demo Admin", None),
    ("organizer", Role.ORGANIZER, "Aigerim (organizer)", "Aigerim Demo-Organizer", None),
    ("teacher", Role.TEACHER, "Marat (teacher)", "Marat Demo-Teacher", None),
    ("student", Role.STUDENT, "Dana S.", "Dana Demo-Student", 2011),
]

# Classmates of the demo student, so the class leaderboard has someone on it.
DEMO_CLASSMATES = [
    # login, display name, full name
    ("demo-aidana", "Айдана Қ.", "Айдана Демо-Қасымова"),
    ("demo-nurlan", "Нұрлан Б.", "Нұрлан Демо-Бекұлы"),
    ("demo-asel", "Әсел Т.", "Әсел Демо-Төлегенова"),
    ("demo-yerzhan", "Ержан М.", "Ержан Демо-Мұратов"),
]


@dataclass(frozen=True)
class DemoAccounts:
    logins: dict[str, str]
    classmate_logins: list[str]
    class_name: str
    join_code: str


def _get_or_create(model, defaults: dict | None = None, **where):
    instance = db.session.scalar(sa.select(model).filter_by(**where))
    if instance is None:
        instance = model(**where, **(defaults or {}))
        db.session.add(instance)
        db.session.flush()
    return instance


def seed_demo_accounts() -> DemoAccounts:
    region = db.session.scalar(sa.select(Region).where(Region.code == DEMO_REGION))
    if region is None:
        raise RuntimeError("Regions are missing: run `flask db upgrade` first.")
    school = _get_or_create(
        Institution, {"kind": InstitutionKind.SCHOOL}, name=DEMO_INSTITUTION, region_id=region.id
    )
    klass = _get_or_create(
        SchoolClass, {"join_code": DEMO_JOIN_CODE}, name=DEMO_CLASS, institution_id=school.id
    )
    users = [*DEMO_USERS, *((login, Role.STUDENT, d, f, 2011) for login, d, f in DEMO_CLASSMATES)]
    for login, role, display_name, full_name, birth_year in users:
        user = db.session.scalar(sa.select(User).where(User.login == login))
        if user is not None:
            continue
        user = User(
            login=login,
            display_name=display_name,
            full_name=full_name,
            birth_year=birth_year,
            locale="kk",
            session_token=secrets.token_hex(16),
            institution_id=school.id if role in (Role.TEACHER, Role.STUDENT) else None,
        )
        user.set_password(DEMO_PASSWORD)
        region_id = region.id if role == Role.ORGANIZER else None
        user.grants.append(RoleGrant(role=role, region_id=region_id, approved_at=utcnow()))
        if role == Role.TEACHER:
            klass.teachers.append(user)
        if role == Role.STUDENT:
            klass.students.append(user)
        db.session.add(user)
    db.session.commit()
    return DemoAccounts(
        logins={role.value: login for login, role, *_rest in DEMO_USERS},
        classmate_logins=[login for login, *_rest in DEMO_CLASSMATES],
        class_name=klass.name,
        join_code=klass.join_code,
    )
