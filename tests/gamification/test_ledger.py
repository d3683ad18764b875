"""The points ledger: one row per achievement, paid once, capped per day, totals kept."""

import threading

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.core.errors import FieldError
from app.extensions import db as session_db
from app.gamification.models import (
    DailyPoints,
    InstitutionTotal,
    PointEntry,
    PointSource,
    PointTotal,
)
from app.gamification.queries import total_points
from app.gamification.rules import rule
from app.gamification.services import award, correct_points

QUIZ = PointSource.QUIZ_COMPLETION


def ledger_sum(db, user_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(PointEntry.amount), 0)).filter_by(user_id=user_id)
    )


def test_an_award_is_a_ledger_row_paid_by_the_rule_and_counted_in_the_totals(make, db, clock):
    student = make.user(Role.STUDENT)
    assert award(student.id, QUIZ, "7", "first completion")
    db.session.commit()
    entry = db.session.scalar(sa.select(PointEntry))
    assert (entry.user_id, entry.amount, entry.source_key) == (student.id, rule(QUIZ).points, "7")
    assert entry.created_at == clock()
    assert total_points(student.id) == ledger_sum(db, student.id) == rule(QUIZ).points
    periods = set(db.session.scalars(sa.select(PointTotal.period).filter_by(user_id=student.id)))
    assert periods == {"w2026-11-23", "m2026-11", "y2026", "all"}


def test_count_multiplies_the_rule_and_an_amount_replaces_it(make, db, clock):
    student = make.user(Role.STUDENT)
    award(student.id, PointSource.QUIZ_CORRECT_ANSWER, "7", "answers", count=3)
    award(student.id, PointSource.EVENT_CHECKIN, "9", "event with its own points", amount=70)
    db.session.commit()
    amounts = dict(db.session.execute(sa.select(PointEntry.source_kind, PointEntry.amount)).all())
    assert amounts == {
        PointSource.QUIZ_CORRECT_ANSWER: 3 * rule(PointSource.QUIZ_CORRECT_ANSWER).points,
        PointSource.EVENT_CHECKIN: 70,
    }


def test_the_same_achievement_is_never_paid_twice(make, db, clock):
    """award() does not look first: the database's unique key refuses the second row."""
    student = make.user(Role.STUDENT)
    assert award(student.id, QUIZ, "7", "first")
    db.session.commit()
    assert not award(student.id, QUIZ, "7", "again")
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PointEntry)) == 1
    assert total_points(student.id) == rule(QUIZ).points


def test_a_refused_duplicate_keeps_the_callers_other_writes(make, db, clock):
    student = make.user(Role.STUDENT)
    award(student.id, QUIZ, "1", "first")
    db.session.commit()
    student.display_name = "Renamed in the same transaction"
    assert not award(student.id, QUIZ, "1", "again")
    assert award(student.id, QUIZ, "2", "another quiz")
    db.session.commit()
    db.session.expire_all()
    assert student.display_name == "Renamed in the same transaction"
    assert total_points(student.id) == 2 * rule(QUIZ).points


def _at_once(app, count: int, work) -> list:
    """Run work(i) in `count` threads released together, each with its own app context and
    so its own database connection, as separate server processes would have."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        with app.app_context():
            try:
                barrier.wait()
                results[i] = work(i)
            except Exception as error:  # reported below, not lost in the thread
                errors.append(error)
            finally:
                session_db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def _award_and_commit(user_id, source, key):
    paid = award(user_id, source, key, "concurrent")
    session_db.session.commit()
    return paid


def test_two_connections_awarding_the_same_achievement_at_once_write_one_row(app, make, db):
    student_id = make.user(Role.STUDENT).id  # read here: ORM objects stay in this thread
    results = _at_once(app, 2, lambda i: _award_and_commit(student_id, QUIZ, "same"))
    db.session.expire_all()
    assert sorted(results) == [False, True]
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(PointEntry))
    assert rows == 1
    assert total_points(student_id) == rule(QUIZ).points


def test_concurrent_awards_never_pay_past_the_daily_cap(app, make, db):
    student_id = make.user(Role.STUDENT).id
    cap = rule(QUIZ).daily_cap
    tries = cap // rule(QUIZ).points + 3  # more completions at once than the cap allows
    _at_once(app, tries, lambda i: _award_and_commit(student_id, QUIZ, f"quiz-{i}"))
    db.session.expire_all()
    assert ledger_sum(db, student_id) == cap
    assert total_points(student_id) == cap
    assert db.session.scalar(sa.select(DailyPoints.points)) == cap


def test_the_daily_cap_pays_what_still_fits_and_resets_the_next_almaty_day(make, db, clock):
    student = make.user(Role.STUDENT)
    answers = PointSource.QUIZ_CORRECT_ANSWER
    cap, each = rule(answers).daily_cap, rule(answers).points
    clock.set(2026, 11, 25, 18, 0)  # 23:00 in Almaty
    award(student.id, answers, "a", "answers", count=cap // each - 2)
    award(student.id, answers, "b", "answers", count=5)  # only 2 answers' worth still fit
    award(student.id, answers, "c", "answers", count=1)  # nothing fits
    clock.set(2026, 11, 25, 19, 30)  # 00:30 the next day in Almaty, still the 25th in UTC
    award(student.id, answers, "d", "answers", count=1)
    db.session.commit()
    rows = db.session.execute(
        sa.select(PointEntry.source_key, PointEntry.amount, PointEntry.capped_from).order_by(
            PointEntry.source_key
        )
    ).all()
    assert rows == [
        ("a", cap - 2 * each, None),
        ("b", 2 * each, 5 * each),
        ("c", 0, each),
        ("d", each, None),
    ]
    assert total_points(student.id) == cap + each


def test_caps_are_per_source_kind(make, db, clock):
    student = make.user(Role.STUDENT)
    for i in range(10):
        award(student.id, QUIZ, f"q{i}", "quiz")
    award(student.id, PointSource.EVENT_CHECKIN, "e", "event")
    db.session.commit()
    assert total_points(student.id) == rule(QUIZ).daily_cap + rule(PointSource.EVENT_CHECKIN).points


def test_institution_totals_count_points_and_active_students(make, db, region, clock):
    school = make.institution(region)
    first, second = make.user(institution=school), make.user(institution=school)
    award(first.id, QUIZ, "1", "quiz")
    award(first.id, QUIZ, "2", "quiz")
    award(second.id, QUIZ, "1", "quiz")
    db.session.commit()
    total = db.session.get(InstitutionTotal, (school.id, "m2026-11"))
    assert (total.points, total.active_students) == (3 * rule(QUIZ).points, 2)


def test_moving_to_another_school_moves_the_students_totals(make, db, region, other_region, clock):
    old, new = make.institution(region), make.institution(other_region)
    student = make.user(institution=old)
    award(student.id, QUIZ, "1", "quiz")
    db.session.commit()
    student.institution = new
    db.session.commit()
    points = rule(QUIZ).points
    assert db.session.get(InstitutionTotal, (old.id, "all")).points == 0
    assert db.session.get(InstitutionTotal, (old.id, "all")).active_students == 0
    moved = db.session.get(InstitutionTotal, (new.id, "all"))
    assert (moved.points, moved.active_students) == (points, 1)
    mine = db.session.get(PointTotal, (student.id, "all"))
    assert (mine.institution_id, mine.region_id) == (new.id, other_region.id)


def test_hiding_from_boards_is_copied_to_every_total(make, db, clock):
    student = make.user()
    award(student.id, QUIZ, "1", "quiz")
    db.session.commit()
    student.show_on_boards = False
    db.session.commit()
    listed = set(db.session.scalars(sa.select(PointTotal.listed).filter_by(user_id=student.id)))
    assert listed == {False}


def test_a_correction_is_a_new_entry_with_its_author_and_reason(make, db, region, clock):
    school = make.institution(region)
    student = make.user(institution=school)
    organizer = make.user(Role.ORGANIZER, region=region)
    award(student.id, QUIZ, "1", "quiz")
    db.session.commit()
    entry = correct_points(organizer, student, -20, "Played on a classmate's account")
    assert (entry.amount, entry.awarded_by_id, entry.reason) == (
        -20,
        organizer.id,
        "Played on a classmate's account",
    )
    assert total_points(student.id) == rule(QUIZ).points - 20
    assert db.session.get(PointEntry, entry.id - 1).amount == rule(QUIZ).points  # untouched


@pytest.mark.parametrize(
    ("amount", "reason", "field"),
    [
        (0, "why", "amount"),
        (-10_000, "why", "amount"),
        (10_001, "why", "amount"),
        (5, " ", "reason"),
    ],
)
def test_bad_corrections_are_refused_and_nothing_is_written(make, db, clock, amount, reason, field):
    student = make.user()
    organizer = make.user(Role.ORGANIZER)
    with pytest.raises(FieldError) as refused:
        correct_points(organizer, student, amount, reason)
    assert refused.value.field == field
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PointEntry)) == 0
