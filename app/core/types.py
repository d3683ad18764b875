"""Column types shared by every area."""

from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no time zones; we store naive UTC and hand back aware UTC, so
    code never compares naive with aware datetimes.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use app.core.time.utcnow()")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry their translated label, declared together:
    ``SCHOOL = "school", _l("School")``. ``member.label`` reads one; ``labels()`` gives the
    {member: label} table for forms and filters, in declaration order."""

    def __new__(cls, value: str, label=None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict:
        return {member: member.label for member in cls}


def str_enum(enum_class: type[StrEnum]) -> sa.Enum:
    """Store a StrEnum as its string values (VARCHAR), never as a native DB enum."""
    return sa.Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


# A translation map {"kk": ..., "ru": ..., "en": ...}; read it with app.i18n.translate.
TranslationMap = sa.JSON
