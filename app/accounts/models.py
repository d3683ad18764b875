"""Accounts: regions, institutions, classes, users and their roles."""

import re
from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.core.access import Role
from app.core.time import utcnow
from app.core.types import LabelledEnum, TranslationMap, UTCDateTime, str_enum
from app.extensions import db
from app.i18n import _l, translate


class RegionKind(StrEnum):
    OBLAST = "oblast"
    CITY = "city"  # a city of republican significance


class InstitutionKind(LabelledEnum):
    SCHOOL = "school", _l("School")
    COLLEGE = "college", _l("College")
    UNIVERSITY = "university", _l("University")


class Region(db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    kind: Mapped[RegionKind] = mapped_column(str_enum(RegionKind))
    name: Mapped[dict] = mapped_column(TranslationMap)

    @property
    def display_name(self) -> str:
        return translate(self.name)


class Institution(db.Model):
    __tablename__ = "institutions"
    __table_args__ = (sa.UniqueConstraint("region_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[InstitutionKind] = mapped_column(str_enum(InstitutionKind))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship()
    classes: Mapped[list["SchoolClass"]] = relationship(
        back_populates="institution", order_by="SchoolClass.name"
    )

    @property
    def kind_label(self) -> str:
        return str(self.kind.label)


class_teachers = sa.Table(
    "class_teachers",
    db.metadata,
    sa.Column("class_id", sa.ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

class_students = sa.Table(
    "class_students",
    db.metadata,
    sa.Column("class_id", sa.ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class SchoolClass(db.Model):
    """A class or group, e.g. "9А", with one or more teachers and a join code for students."""

    __tablename__ = "classes"
    __table_args__ = (sa.UniqueConstraint("institution_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(40))
    institution_id: Mapped[int] = mapped_column(sa.ForeignKey("institutions.id"), index=True)
    join_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    institution: Mapped[Institution] = relationship(back_populates="classes")
    teachers: Mapped[list["User"]] = relationship(
        secondary=class_teachers, back_populates="teaching", order_by="User.full_name"
    )
    students: Mapped[list["User"]] = relationship(
        secondary=class_students, back_populates="classes", order_by="User.full_name"
    )

    @property
    def teacher_ids(self) -> set[int]:
        return {teacher.id for teacher in self.teachers}

    @property
    def grade(self) -> int | None:
        """The grade a class name starts with ("9А" → 9, "11 B" → 11), the way classes are
        named in Kazakhstan; None for names such as "Debate club"."""
        digits = re.match(r"\d+", self.name.strip())
        grade = int(digits.group()) if digits else None
        return grade if grade is not None and 1 <= grade <= 16 else None


class RoleGrant(db.Model):
    """A role held by a user. Teacher grants start unapproved; organizer grants carry a scope."""

    __tablename__ = "role_grants"
    __table_args__ = (sa.UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    # For organizers: the region they cover; NULL means national.
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped["User"] = relationship(back_populates="grants", foreign_keys=[user_id])
    region: Mapped[Region | None] = relationship()

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


def normalize_login(login: str) -> str:
    """Logins are stored lower-case, so "Dana@Mail.kz " signs in as dana@mail.kz."""
    return login.strip().lower()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # An e-mail address or a username, stored lower-case; unique.
    login: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    # Set for accounts created by a teacher: the printed slip's password works once.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # When the slip's password was printed; it stops working SLIP_PASSWORD_DAYS later (the
    # teacher prints new slips). None once the student has chosen their own password.
    slip_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    display_name: Mapped[str] = mapped_column(sa.String(60))  # public
    full_name: Mapped[str] = mapped_column(sa.String(150))  # private
    birth_year: Mapped[int | None]
    locale: Mapped[str] = mapped_column(sa.String(5), default="kk")
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institutions.id"))
    # Indexed: the dashboards count sign-ups by day.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Changing it signs the user out everywhere (Flask-Login keys sessions on get_id()).
    session_token: Mapped[str] = mapped_column(sa.String(64))
    # False: left off public leaderboards (the student still sees their own rank).
    show_on_boards: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    institution: Mapped[Institution | None] = relationship()
    grants: Mapped[list[RoleGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys=RoleGrant.user_id
    )
    classes: Mapped[list[SchoolClass]] = relationship(
        secondary=class_students, back_populates="students", order_by="SchoolClass.name"
    )
    teaching: Mapped[list[SchoolClass]] = relationship(
        secondary=class_teachers, back_populates="teachers", order_by="SchoolClass.name"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str, one_time: bool = False) -> None:
        setting = "ONE_TIME_PASSWORD_HASH_METHOD" if one_time else "PASSWORD_HASH_METHOD"
        self.password_hash = generate_password_hash(password, method=current_app.config[setting])
        self.must_change_password = one_time
        self.slip_issued_at = utcnow() if one_time else None

    def slip_has_expired(self, now: datetime) -> bool:
        """An unclaimed slip's password works SLIP_PASSWORD_DAYS after it was printed."""
        if not self.must_change_password:
            return False
        issued = self.slip_issued_at or self.created_at
        return now > issued + timedelta(days=current_app.config["SLIP_PASSWORD_DAYS"])

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def grant(self, role: Role) -> RoleGrant | None:
        return next((grant for grant in self.grants if grant.role == role), None)

    def has_role(self, role: Role) -> bool:
        grant = self.grant(role)
        return grant is not None and grant.is_approved

    @property
    def is_pending_teacher(self) -> bool:
        grant = self.grant(Role.TEACHER)
        return grant is not None and not grant.is_approved

    @property
    def organizer_region_id(self) -> int | None:
        grant = self.grant(Role.ORGANIZER)
        return grant.region_id if grant else None

    @property
    def roles(self) -> list[Role]:
        return [grant.role for grant in self.grants if grant.is_approved]


class TeacherInvitation(db.Model):
    """A link an organizer sends to a teacher; signing up through it needs no approval."""

    __tablename__ = "teacher_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    institution_id: Mapped[int] = mapped_column(sa.ForeignKey("institutions.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    institution: Mapped[Institution] = relationship()

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at

    def mark_used(self, user: User, now: datetime) -> None:
        if not self.is_usable(now):
            raise ValueError("invitation already used or expired")
        self.used_by = user
        self.used_at = now

    used_by: Mapped[User | None] = relationship(foreign_keys=[used_by_id])


class Notification(db.Model):
    """A message for one user, shown in the app. Stored as its English msgid and
    parameters, and translated when shown, so it reads in the user's language of the day."""

    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(sa.String(300))  # a msgid marked with _l somewhere
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
