"""The basic demo's event: an Integrity Hour for the demo class, under way now."""

from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import SchoolClass
from app.core.time import utcnow
from app.events.models import Audience, Event, EventKind
from app.events.services import EventDetails, create_event
from app.extensions import db

from .accounts import DemoAccounts

TITLE = {
    "kk": "Адалдық сағаты: сыбайлас жемқорлық деген не?",
    "ru": "Час добропорядочности: что такое коррупция?",
    "en": "Integrity Hour: what is corruption?",
}


def create_demo_event(accounts: DemoAccounts) -> str | None:
    """Under way now, so the projector's check-in code and the scanner can be tried at once."""
    klass = db.session.scalar(
        sa.select(SchoolClass).where(SchoolClass.join_code == accounts.join_code)
    )
    teacher = klass.teachers[0]
    if db.session.scalar(sa.select(Event.id).where(Event.created_by_id == teacher.id)):
        return None
    now = utcnow()
    details = EventDetails(
        kind=EventKind.INTEGRITY_HOUR,
        title=dict(TITLE),
        description={},
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
        place=klass.institution.name,
        online_url="",
        region_id=klass.institution.region_id,
        institution_id=klass.institution_id,
        audience=Audience.CLASSES,
        class_ids=(klass.id,),
        institution_ids=(),
        registration_required=False,
        capacity=None,
        points=100,
    )
    create_event(teacher, details, now)
    return f"Class {klass.name} has an Integrity Hour under way (Events → its projector)"
