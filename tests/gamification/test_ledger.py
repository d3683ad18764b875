"""The points ledger: one row per achievement, paid once even when asked twice."""

import sqlalchemy as sa

from app.core.access import Role
from app.gamification.models import PointEntry, PointSource
from app.gamification.services import award, total_points


def test_an_award_is_a_ledger_row_and_counts_in_the_total(make, db):
    student = make.user(Role.STUDENT)
    assert award(student.id, PointSource.QUIZ_COMPLETION, "7", 300, "first completion")
    db.session.commit()
    assert total_points(student.id) == 300
    entry = db.session.scalar(sa.select(PointEntry))
    assert (entry.user_id, entry.amount, entry.source_key) == (student.id, 300, "7")


def test_the_same_achievement_is_never_paid_twice(make, db):
    """award() does not look first: the database's unique key refuses the second row, so
    the same holds for two server processes at once."""
    student = make.user(Role.STUDENT)
    assert award(student.id, PointSource.QUIZ_COMPLETION, "7", 300, "first")
    db.session.commit()
    assert not award(student.id, PointSource.QUIZ_COMPLETION, "7", 300, "again")
    db.session.commit()
    assert total_points(student.id) == 300


def test_a_refused_duplicate_keeps_the_callers_other_writes(make, db):
    student = make.user(Role.STUDENT)
    award(student.id, PointSource.QUIZ_COMPLETION, "1", 100, "first")
    db.session.commit()
    student.display_name = "Renamed in the same transaction"
    assert not award(student.id, PointSource.QUIZ_COMPLETION, "1", 100, "again")
    assert award(student.id, PointSource.QUIZ_COMPLETION, "2", 50, "another quiz")
    db.session.commit()
    db.session.expire_all()
    assert student.display_name == "Renamed in the same transaction"
    assert total_points(student.id) == 150
