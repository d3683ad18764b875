"""Events: what happens where and when, who it is for, who registered and who came.

Two invariants live in the database: one registration and one check-in per user per event
(unique keys), so a double click, a replayed scan or two server processes at once can never
count anyone twice.
"""

from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Institution, Region, SchoolClass, User
from app.core.time import utcnow
from app.core.types import LabelledEnum, TranslationMap, UTCDateTime, str_enum
from app.extensions import db
from app.i18n import _l, translate


class EventKind(LabelledEnum):
    INTEGRITY_HOUR = "integrity_hour", _l("Integrity Hour session")
    LECTURE = "lecture", _l("Meeting or lecture")  # a meeting or a lecture
    DEBATE_DAY = "debate_day", _l("Debate tournament day")
    CONTEST = "contest", _l("Contest (essay, drawing, mural)")  # essay, drawing, mural
    INTELLECTUAL_GAME = "intellectual_game", _l("Intellectual game")
    VOLUNTEER_ACTION = (
        "volunteer_action",
        _l("Volunteer action (public monitoring)"),
    )  # e.g. public monitoring
    OTHER = "other", _l("Other")


class Audience(LabelledEnum):
    CLASSES = "classes", _l("Chosen classes")  # the chosen classes
    INSTITUTIONS = (
        "institutions",
        _l("Chosen institutions"),
    )  # the chosen schools, colleges or universities
    REGION = "region", _l("The whole region")  # every institution of the event's region
    OPEN = "open", _l("Open to everyone")  # anyone signed in


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class CheckInMethod(LabelledEnum):
    QR = "qr", _l("QR code on the screen")  # the student scanned the projector's rotating code
    CODE = "code", _l("Code on the screen")  # the student typed the projector's numeric code
    SCAN = "scan", _l("Card scanned")  # staff scanned the student's personal card
    MANUAL = "manual", _l("Checked in by staff")  # staff ticked the student on the roster


SELF_CHECK_IN = frozenset({CheckInMethod.QR, CheckInMethod.CODE})

event_classes = sa.Table(
    "event_classes",
    db.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("class_id", sa.ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
)

event_institutions = sa.Table(
    "event_institutions",
    db.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "institution_id", sa.ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    title: Mapped[dict] = mapped_column(TranslationMap)
    description: Mapped[dict] = mapped_column(TranslationMap, default=dict)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institutions.id"))
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    registration_required: Mapped[bool] = mapped_column(default=False)
    capacity: Mapped[int | None]  # seats for registration; None: no limit
    points: Mapped[int]  # paid for attending, through the ledger
    # The key of the projector's rotating codes (app/events/tokens.py); never shown.
    checkin_secret: Mapped[str] = mapped_column(sa.String(64))
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Moved by every change to the seats, so registrations queue up one at a time.
    seats_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship()
    institution: Mapped[Institution | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    classes: Mapped[list[SchoolClass]] = relationship(
        secondary=event_classes, order_by="SchoolClass.name"
    )
    institutions: Mapped[list[Institution]] = relationship(
        secondary=event_institutions, order_by="Institution.name"
    )

    @property
    def display_title(self) -> str:
        return translate(self.title)

    @property
    def display_description(self) -> str:
        return translate(self.description)

    @property
    def kind_label(self) -> str:
        return str(self.kind.label)

    @property
    def audience_label(self) -> str:
        return str(self.audience.label)

    @property
    def teacher_ids(self) -> set[int]:
        """Teachers of the event's classes: they may check their students in."""
        return {teacher.id for klass in self.classes for teacher in klass.teachers}

    def admits(self, user: User) -> bool:
        """Whether the event is for this user (its audience)."""
        if self.audience == Audience.OPEN:
            return True
        if self.audience == Audience.REGION:
            return user.institution is not None and user.institution.region_id == self.region_id
        if self.audience == Audience.INSTITUTIONS:
            return user.institution_id in {institution.id for institution in self.institutions}
        return bool({klass.id for klass in user.classes} & {klass.id for klass in self.classes})

    def check_in_opens(self, grace: timedelta) -> datetime:
        return self.starts_at - grace

    def check_in_closes(self, grace: timedelta) -> datetime:
        return self.ends_at + grace

    def is_check_in_open(self, moment: datetime, grace: timedelta) -> bool:
        return self.check_in_opens(grace) <= moment <= self.check_in_closes(grace)

    def has_ended(self, moment: datetime) -> bool:
        return self.ends_at <= moment


class Registration(db.Model):
    __tablename__ = "event_registrations"
    __table_args__ = (sa.UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(str_enum(RegistrationStatus))
    # When the user (last) asked for a seat: the waitlist moves up in this order.
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    event: Mapped[Event] = relationship()

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED

    def queue(self, seat_free: bool, now: datetime) -> None:
        """Ask (again) for a seat: confirmed if one is free, else last on the waitlist."""
        if self.status is not None and self.is_active:
            raise ValueError("this registration is active already")
        self.status = RegistrationStatus.CONFIRMED if seat_free else RegistrationStatus.WAITLISTED
        self.queued_at = self.updated_at = now

    def cancel(self, now: datetime) -> None:
        if not self.is_active:
            raise ValueError("this registration is cancelled already")
        self.status, self.updated_at = RegistrationStatus.CANCELLED, now

    def take_freed_seat(self, now: datetime) -> None:
        if self.status != RegistrationStatus.WAITLISTED:
            raise ValueError("only the waitlist moves up")
        self.status, self.updated_at = RegistrationStatus.CONFIRMED, now


class CheckIn(db.Model):
    __tablename__ = "event_check_ins"
    __table_args__ = (sa.UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    method: Mapped[CheckInMethod] = mapped_column(str_enum(CheckInMethod))
    # When the student was there: for a scan synced later, when the device scanned.
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Indexed: the dashboards count check-ins by the day they were recorded.
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    event: Mapped[Event] = relationship()

    @property
    def method_label(self) -> str:
        return str(self.method.label)
