"""Command-line tools: demo data and the translation workflow."""

import sqlalchemy as sa

from app.accounts.models import SchoolClass, User
from app.core.access import Role
from app.demo.basic.accounts import DEMO_CLASSMATES, DEMO_USERS
from app.gamification.models import PointEntry, PointSource
from app.gamification.queries import Scope, student_board
from app.gamification.rules import rule
from app.quizzes.models import Assignment

DEBATE_SOURCES = {
    PointSource.DEBATE_PARTICIPATION,
    PointSource.DEBATE_WIN,
    PointSource.DEBATE_BEST_SPEAKER,
}


def test_demo_creates_one_account_per_role_and_is_idempotent(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "DEMO9A" in first.output
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    users = db.session.scalars(sa.select(User)).all()
    assert len(users) == len(DEMO_USERS) + len(DEMO_CLASSMATES)
    by_login = {user.login: user for user in users}
    for role in Role:
        assert by_login[role.value].has_role(role)
    klass = db.session.scalar(sa.select(SchoolClass))
    assert by_login["student"] in klass.students
    assert klass.teacher_ids == {by_login["teacher"].id}
    [assignment] = db.session.scalars(sa.select(Assignment)).all()  # the rerun added none
    assert (assignment.class_id, assignment.quiz.slug) == (klass.id, "what-is-corruption")
    # classmates have points (paid once, though the demo ran twice); the student's only
    # points come from the demo tournament's published first round
    board = student_board(Scope.CLASS, klass.id, "all", by_login["student"].id)
    assert [row.points for row in board.rows] == sorted(
        (row.points for row in board.rows), reverse=True
    )
    assert len(board.rows) == len(DEMO_CLASSMATES) + 1
    first = (
        rule(PointSource.QUIZ_COMPLETION).points + 10 * rule(PointSource.QUIZ_CORRECT_ANSWER).points
    )
    assert board.rows[0].points == first  # not twice that
    student_entries = db.session.scalars(
        sa.select(PointEntry).where(PointEntry.user_id == by_login["student"].id)
    ).all()
    assert {entry.source_kind for entry in student_entries} <= DEBATE_SOURCES
    assert board.me.points == sum(entry.amount for entry in student_entries) > 0


def test_demo_refuses_in_production(app, db):
    app.config["DEMO_ALLOWED"] = False
    try:
        result = app.test_cli_runner().invoke(args=["demo"])
    finally:
        app.config["DEMO_ALLOWED"] = True
    assert result.exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_create_staff_makes_an_approved_regional_organizer(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "create-staff",
            "Officer@Jambyl.kz",
            "--role",
            "organizer",
            "--region",
            "jambyl",
            "--name",
            "Aliya Officer",
            "--password",
            "long-enough-1",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.login == "officer@jambyl.kz"))
    assert user.has_role(Role.ORGANIZER)
    assert user.grant(Role.ORGANIZER).region.code == "jambyl"
    assert user.check_password("long-enough-1")


def test_create_staff_refuses_an_unknown_region_and_a_taken_login(app, db, make):
    make.user(login="taken")
    runner = app.test_cli_runner()
    base = ["--role", "organizer", "--name", "X Y", "--password", "long-enough-1"]
    assert runner.invoke(args=["create-staff", "new", *base, "--region", "atlantis"]).exit_code != 0
    assert runner.invoke(args=["create-staff", "taken", *base]).exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
