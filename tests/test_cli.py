"""Command-line tools: demo data and the translation workflow."""

import sqlalchemy as sa

from app.accounts.models import SchoolClass, User
from app.core.access import Role


def test_demo_creates_one_account_per_role_and_is_idempotent(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "DEMO9A" in first.output
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    users = db.session.scalars(sa.select(User)).all()
    assert len(users) == 4
    by_login = {user.login: user for user in users}
    for role in Role:
        assert by_login[role.value].has_role(role)
    klass = db.session.scalar(sa.select(SchoolClass))
    assert by_login["student"] in klass.students
    assert klass.teacher_ids == {by_login["teacher"].id}


def test_demo_refuses_in_production(app, db):
    app.config["DEMO_ALLOWED"] = False
    try:
        result = app.test_cli_runner().invoke(args=["demo"])
    finally:
        app.config["DEMO_ALLOWED"] = True
    assert result.exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0
