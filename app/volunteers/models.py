"""Volunteering: applications moving through the organizers' pipeline, their history, the
activities of active volunteers, and the log of who saw whose contact data."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Region, User
from app.core.time import utcnow
from app.core.types import LabelledEnum, UTCDateTime, str_enum
from app.extensions import db
from app.i18n import _l


class Direction(LabelledEnum):
    PUBLIC_CONTROL = "public_control", _l("Public control")
    RESEARCH_EDUCATION = "research_education", _l("Anti-corruption research and education")
    PRO_BONO = "pro_bono", _l("Pro bono professional help")
    CORPORATE = "corporate", _l("Corporate volunteering")


DIRECTION_DESCRIPTIONS = {
    Direction.PUBLIC_CONTROL: _l(
        "Check with your own eyes how public money is spent: visit road repairs, playgrounds, "
        "parks and new schools or clinics, compare them with what was promised, and report "
        "what you find."
    ),
    Direction.RESEARCH_EDUCATION: _l(
        "Study how corruption works and explain it to others: surveys, school lessons, "
        "Integrity Hours for younger students, articles and videos."
    ),
    Direction.PRO_BONO: _l(
        "Help people for free with what you know: legal advice, accounting, translation "
        "or design for anti-corruption projects."
    ),
    Direction.CORPORATE: _l(
        "Take part with your college, university or workplace: integrity programmes, "
        "compliance training and joint campaigns."
    ),
}


class Status(LabelledEnum):
    AWAITING_CONSENT = (
        "awaiting_consent",
        _l("Waiting for the guardian's consent"),
    )  # a minor's: the guardian's consent is not confirmed
    SUBMITTED = "submitted", _l("Submitted")
    IN_REVIEW = "in_review", _l("In review")
    INTERVIEW = "interview", _l("Interview")
    ACCEPTED = "accepted", _l("Accepted")
    DECLINED = "declined", _l("Declined")
    WITHDRAWN = "withdrawn", _l("Withdrawn")
    ACTIVE = "active", _l("Active volunteer")  # an active volunteer


# The pipeline: every legal move. Withdrawing (by the student) is possible until the end.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.AWAITING_CONSENT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    Status.SUBMITTED: frozenset({Status.IN_REVIEW, Status.DECLINED, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset(
        {Status.INTERVIEW, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}
    ),
    Status.INTERVIEW: frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset({Status.ACTIVE, Status.WITHDRAWN}),
    Status.ACTIVE: frozenset({Status.WITHDRAWN}),
    Status.DECLINED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
# Where organizers may move an application (the rest is the student's or the teacher's).
ORGANIZER_MOVES = frozenset(
    {Status.IN_REVIEW, Status.INTERVIEW, Status.ACCEPTED, Status.DECLINED, Status.ACTIVE}
)
OPEN_STATUSES = frozenset(set(Status) - {Status.DECLINED, Status.WITHDRAWN})


class IllegalTransition(Exception):
    def __init__(self, current: Status, wanted: Status):
        super().__init__(f"{current} → {wanted}")
        self.current, self.wanted = current, wanted


class Application(db.Model):
    __tablename__ = "volunteer_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None once erased: the application still counts in figures, but names nobody.
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    direction: Mapped[Direction] = mapped_column(str_enum(Direction))
    status: Mapped[Status] = mapped_column(str_enum(Status), index=True)
    recommended: Mapped[bool] = mapped_column(default=False)  # met the eligibility rules
    motivation: Mapped[str] = mapped_column(sa.Text, default="")
    skills: Mapped[str] = mapped_column(sa.Text, default="")
    availability: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    consent_policy_version: Mapped[str] = mapped_column(sa.String(20))
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    is_minor: Mapped[bool] = mapped_column(default=False)
    guardian_name: Mapped[str] = mapped_column(sa.String(150), default="")
    guardian_contact: Mapped[str] = mapped_column(sa.String(254), default="")
    guardian_confirmed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    guardian_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    region: Mapped[Region] = relationship()
    history: Mapped[list["StatusChange"]] = relationship(
        back_populates="application",
        order_by="StatusChange.at",
        cascade="all, delete-orphan",
    )

    @property
    def direction_label(self) -> str:
        return str(self.direction.label)

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    def can_move_to(self, wanted: Status) -> bool:
        return wanted in TRANSITIONS[self.status]

    def move_to(self, wanted: Status, by_id: int | None, note: str, now: datetime) -> None:
        """The only way the status changes: legal moves only, each one in the history."""
        if not self.can_move_to(wanted):
            raise IllegalTransition(self.status, wanted)
        self.history.append(
            StatusChange(from_status=self.status, to_status=wanted, by_id=by_id, note=note, at=now)
        )
        self.status, self.updated_at = wanted, now


class StatusChange(db.Model):
    __tablename__ = "volunteer_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteer_applications.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[Status | None] = mapped_column(str_enum(Status))
    to_status: Mapped[Status] = mapped_column(str_enum(Status))
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship(back_populates="history")
    by: Mapped[User | None] = relationship()

    @property
    def to_label(self) -> str:
        return str(self.to_status.label)


class ActivityKind(LabelledEnum):
    MONITORING_VISIT = "monitoring_visit", _l("Public-monitoring visit")
    LEGAL_CONSULTATION = "legal_consultation", _l("Legal consultation given")
    EDUCATION_SESSION = "education_session", _l("Education session held")


class MonitoredObject(LabelledEnum):
    ROAD_REPAIR = "road_repair", _l("Road repair")
    PLAYGROUND = "playground", _l("Playground or sports ground")
    PARK = "park", _l("Park")
    SOCIAL_FACILITY = "social_facility", _l("Construction of a social facility")
    PROCUREMENT = "procurement", _l("Public procurement")
    OTHER = "other", _l("Other")


class ActivityStatus(LabelledEnum):
    PENDING = "pending", _l("Waiting for confirmation")
    CONFIRMED = "confirmed", _l("Confirmed")
    REJECTED = "rejected", _l("Rejected")


class Activity(db.Model):
    __tablename__ = "volunteer_activities"
    __table_args__ = (
        sa.CheckConstraint("savings_tenge IS NULL OR savings_tenge >= 0", name="savings"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None once its volunteer erased their data: the activity still counts in figures.
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    kind: Mapped[ActivityKind] = mapped_column(str_enum(ActivityKind))
    object_type: Mapped[MonitoredObject | None] = mapped_column(str_enum(MonitoredObject))
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(sa.String(200))
    findings: Mapped[str] = mapped_column(sa.Text, default="")
    savings_tenge: Mapped[int | None] = mapped_column(sa.BigInteger)  # money as whole tenge
    status: Mapped[ActivityStatus] = mapped_column(
        str_enum(ActivityStatus), default=ActivityStatus.PENDING, index=True
    )
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    @property
    def kind_label(self) -> str:
        return str(self.kind.label)

    @property
    def object_label(self) -> str:
        return str(self.object_type.label) if self.object_type else ""

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    def review(self, confirmed: bool, by_id: int, note: str, when: datetime) -> None:
        """An organizer's decision, once: a reviewed activity is not reviewed again."""
        if self.status != ActivityStatus.PENDING:
            raise ValueError("this activity has been reviewed already")
        self.status = ActivityStatus.CONFIRMED if confirmed else ActivityStatus.REJECTED
        self.reviewed_by_id, self.reviewed_at, self.review_note = by_id, when, note[:500]


class ContactAccess(db.Model):
    """Who saw or exported volunteers' contact data, and when (privacy audit)."""

    __tablename__ = "volunteer_contact_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    application_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("volunteer_applications.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(sa.String(20))  # "view" or "export"
    # An export: the numbers of the applications it contained.
    application_ids: Mapped[list[int] | None] = mapped_column(sa.JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
