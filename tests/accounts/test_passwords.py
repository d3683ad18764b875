"""Passwords and printed slips (issue 18, finding 12): common passwords are refused, an
unclaimed slip expires and can be printed anew, and every wrong password costs the same."""

from datetime import timedelta

import pytest

from app.accounts import models, services
from app.accounts.roster import RosterRow
from app.core.access import Role
from app.core.time import utcnow
from tests.conftest import PASSWORD

ENGLISH = {"Accept-Language": "en"}
TOO_EASY = "This password is too common or too easy to guess."


@pytest.mark.parametrize("weak", ["12345678", "password", "qwertyuiop", "zhanarbek-77"])
def test_a_common_or_guessable_new_password_is_refused(client, auth, make, db, weak):
    user = make.user(login="zhanarbek")  # "zhanarbek-77" is strong, but not for zhanarbek
    auth.login(user)
    form = {"current_password": PASSWORD, "password": weak, "confirm": weak}
    page = client.post("/account/password", data=form, headers=ENGLISH).text
    assert TOO_EASY in page
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_a_sign_up_with_a_common_password_creates_nobody(client, make, region, db):
    school = make.institution(region)
    klass = make.school_class(school)
    form = {
        "join_code": klass.join_code,
        "login": "aru",
        "display_name": "Aru",
        "full_name": "Aru Student",
        "birth_year": "2011",
        "password": "password1",
        "confirm": "password1",
    }
    assert TOO_EASY in client.post("/signup", data=form, headers=ENGLISH).text
    assert services.user_by_login("aru") is None


def _slip_student(make, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher=teacher)
    [slip] = services.create_students_from_roster(klass, [RosterRow("Dana Slip", 2011)], "en")
    return teacher, klass, slip


def test_an_unclaimed_slip_expires_after_the_setting(app, make, region):
    _teacher, _klass, slip = _slip_student(make, region)
    days = app.config["SLIP_PASSWORD_DAYS"]
    assert days == 30
    inside, after = utcnow() + timedelta(days=days - 1), utcnow() + timedelta(days=days + 1)
    assert services.authenticate(slip.login, slip.password, inside) is not None
    assert services.authenticate(slip.login, slip.password, after) is None


def test_the_teacher_prints_new_slips_and_the_old_ones_stop_working(client, auth, make, region, db):
    teacher, klass, old = _slip_student(make, region)
    claimed = make.user(Role.STUDENT, institution=klass.institution, full_name="Has Own")
    klass.students.append(claimed)
    db.session.commit()
    auth.login(teacher)
    page = client.post(f"/classes/{klass.id}/slips", headers=ENGLISH).text
    assert "1 new slip: the old one no longer works." in page
    assert old.login in page and claimed.login not in page
    new_password = page.split("<code>")[2].split("</code>")[0]
    now = utcnow()
    assert services.authenticate(old.login, old.password, now) is None
    assert services.authenticate(old.login, new_password, now) is not None
    assert services.authenticate(claimed.login, PASSWORD, now) is not None


def test_a_wrong_slip_password_waits_out_the_cheaper_hash(app, make, region, monkeypatch):
    """Timing is measured in bench/sign_in_cost.py; here, that an unknown login checks one
    full-cost dummy hash, an account with its own password its own hash, and an unclaimed
    slip its cheaper hash and then waits until a full-cost check would have ended."""
    _teacher, _klass, slip = _slip_student(make, region)
    chosen = make.user(login="chosen")
    checked, waits = [], []

    def counting(pwhash, password):
        checked.append(pwhash)
        return real(pwhash, password)

    real = models.check_password_hash
    monkeypatch.setattr(models, "check_password_hash", counting)
    monkeypatch.setattr(services, "check_password_hash", counting)
    monkeypatch.setattr(services, "_full_check_seconds", lambda method: 3600.0)
    monkeypatch.setattr(services.time, "sleep", waits.append)
    dummy = services._dummy_password_hash(app.config["PASSWORD_HASH_METHOD"])
    for login, hashes, waited in (
        ("nobody-at-all", [dummy], False),
        (chosen.login, [chosen.password_hash], False),
        (slip.login, [services.user_by_login(slip.login).password_hash], True),
    ):
        checked.clear(), waits.clear()
        assert services.authenticate(login, "wrong-guess-1", utcnow()) is None
        assert checked == hashes, login
        assert bool(waits) == waited and all(3590 < w <= 3600 for w in waits), login
