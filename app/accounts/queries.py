"""Read-only queries over accounts, scoped to what the viewer may see.

Other areas (the dashboard, for one) read accounts through these functions.
"""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.core.access import Role
from app.extensions import db

from .models import (
    Institution,
    Region,
    RoleGrant,
    SchoolClass,
    TeacherInvitation,
    User,
    class_students,
    class_teachers,
    normalize_login,
)


def user_by_login(login: str) -> User | None:
    """The account with this login, typed in any case and with stray spaces."""
    return db.session.scalar(sa.select(User).where(User.login == normalize_login(login)))


def people_visible_to(user: User) -> sa.ColumnElement[bool]:
    """A condition on ``User`` holding the people ``user`` may see: the SQL twin of
    ``core.access.can_see_person``, for searches and lists."""
    if user.has_role(Role.ADMIN) or (
        user.has_role(Role.ORGANIZER) and user.organizer_region_id is None
    ):
        return sa.true()
    visible = [User.id == user.id]
    if user.has_role(Role.ORGANIZER):
        region_institutions = sa.select(Institution.id).where(
            Institution.region_id == user.organizer_region_id
        )
        visible.append(User.institution_id.in_(region_institutions))
    if user.has_role(Role.TEACHER):
        own_students = (
            sa.select(class_students.c.user_id)
            .join(class_teachers, class_teachers.c.class_id == class_students.c.class_id)
            .where(class_teachers.c.user_id == user.id)
        )
        visible.append(User.id.in_(own_students))
    return sa.or_(*visible)


def all_regions() -> list[Region]:
    return list(db.session.scalars(sa.select(Region).order_by(Region.code)))


def regions_covered_by(user: User) -> list[Region]:
    """Regions an organizer or admin works in: one, or all for national scope and admins."""
    regions = all_regions()
    if user.has_role(Role.ADMIN) or user.organizer_region_id is None:
        return regions
    return [region for region in regions if region.id == user.organizer_region_id]


def _in_scope(query, user: User):
    if user.has_role(Role.ADMIN) or user.organizer_region_id is None:
        return query
    return query.where(Institution.region_id == user.organizer_region_id)


def institutions_for(user: User) -> list[Institution]:
    query = (
        sa.select(Institution)
        .options(selectinload(Institution.region), selectinload(Institution.classes))
        .order_by(Institution.name)
    )
    return list(db.session.scalars(_in_scope(query, user)))


def all_institutions() -> list[Institution]:
    """Every institution with its region, for the teacher sign-up list."""
    query = (
        sa.select(Institution).options(selectinload(Institution.region)).order_by(Institution.name)
    )
    return list(db.session.scalars(query))


def pending_teachers_for(user: User) -> list[User]:
    query = (
        sa.select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .join(Institution, User.institution_id == Institution.id)
        .where(RoleGrant.role == Role.TEACHER, RoleGrant.approved_at.is_(None))
        .options(selectinload(User.institution).selectinload(Institution.region))
        .order_by(RoleGrant.created_at)
    )
    return list(db.session.scalars(_in_scope(query, user)))


def classes_taught_by(teacher: User) -> list[SchoolClass]:
    query = (
        sa.select(SchoolClass)
        .where(SchoolClass.teachers.any(User.id == teacher.id))
        .options(selectinload(SchoolClass.students))
        .order_by(SchoolClass.name)
    )
    return list(db.session.scalars(query))


def invitations_by(user: User) -> list[TeacherInvitation]:
    query = (
        sa.select(TeacherInvitation)
        .where(TeacherInvitation.created_by_id == user.id)
        .options(
            selectinload(TeacherInvitation.institution), selectinload(TeacherInvitation.used_by)
        )
        .order_by(TeacherInvitation.created_at.desc())
    )
    return list(db.session.scalars(query))
