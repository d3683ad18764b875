"""Sign-up of students (join code) and teachers (approval or invitation), with bad input."""

import sqlalchemy as sa

from app.accounts.models import User
from app.core.access import Role
from tests.conftest import PASSWORD


def student_form(**overrides):
    form = {
        "join_code": "ABC234",
        "login": "aigerim",
        "display_name": "Aigerim",
        "full_name": "Aigerim Nurlanovna",
        "birth_year": "2011",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    form.update(overrides)
    return form


def user_count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(User.id)))


def test_student_signs_up_with_join_code_and_lands_in_the_class(client, db, make, region):
    klass = make.school_class(make.institution(region), join_code="ABC234")
    response = client.post("/signup", data=student_form(join_code=" abc-234 "))
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.login == "aigerim"))
    assert user.has_role(Role.STUDENT)
    assert [c.id for c in user.classes] == [klass.id]
    assert user.institution_id == klass.institution_id
    assert user.locale == "kk"  # the language the page was in
    assert client.get("/").status_code == 200
    assert "Aigerim" in client.get("/").get_data(as_text=True)


def test_wrong_join_code_is_refused_next_to_the_field_and_saves_nothing(client, db):
    response = client.post(
        "/signup", data=student_form(join_code="ZZZ999"), headers={"Accept-Language": "en"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="join_code-errors"' in page
    assert "No class has this join code" in page
    assert user_count(db) == 0


def test_join_code_error_is_in_kazakh_by_default(client, db):
    page = client.post("/signup", data=student_form(join_code="ZZZ999")).get_data(as_text=True)
    assert "Мұндай қосылу коды бар сынып жоқ" in page


def test_duplicate_login_is_refused(client, db, make, region):
    make.school_class(make.institution(region), join_code="ABC234")
    make.user(login="aigerim")
    page = client.post(
        "/signup", data=student_form(login="AIGERIM"), headers={"Accept-Language": "en"}
    )
    assert "This login is already taken" in page.get_data(as_text=True)
    assert user_count(db) == 1


def test_short_password_and_mismatched_confirmation_are_refused(client, db, make, region):
    make.school_class(make.institution(region), join_code="ABC234")
    english = {"Accept-Language": "en"}
    page = client.post(
        "/signup", data=student_form(password="short", confirm="short"), headers=english
    )
    assert "The password must be 8 to 128 characters long." in page.get_data(as_text=True)
    page = client.post("/signup", data=student_form(confirm="different-9"), headers=english)
    assert "The two passwords do not match." in page.get_data(as_text=True)
    assert user_count(db) == 0


def test_birth_year_must_be_a_plausible_number(client, db, make, region):
    make.school_class(make.institution(region), join_code="ABC234")
    english = {"Accept-Language": "en"}
    for bad in ("abc", "1800", "2030", ""):
        response = client.post("/signup", data=student_form(birth_year=bad), headers=english)
        assert response.status_code == 200
        assert 'id="birth_year-errors"' in response.get_data(as_text=True)
    assert user_count(db) == 0


def test_login_with_disallowed_characters_is_refused(client, db, make, region):
    make.school_class(make.institution(region), join_code="ABC234")
    page = client.post(
        "/signup", data=student_form(login="айгерім bad"), headers={"Accept-Language": "en"}
    )
    assert "Use only Latin letters" in page.get_data(as_text=True)
    assert user_count(db) == 0


def teacher_form(institution_id, **overrides):
    form = student_form(login="marat@school.kz", full_name="Marat Teacher", birth_year="")
    form.pop("join_code")
    form["institution_id"] = str(institution_id)
    form.update(overrides)
    return form


def test_teacher_signs_up_and_waits_for_approval(client, db, make, region):
    school = make.institution(region)
    response = client.post("/signup/teacher", data=teacher_form(school.id))
    assert response.status_code == 302
    teacher = db.session.scalar(sa.select(User).where(User.login == "marat@school.kz"))
    assert teacher.is_pending_teacher
    assert not teacher.has_role(Role.TEACHER)
    assert client.get("/classes").status_code == 403


def test_teacher_signup_refuses_an_unknown_institution(client, db, make, region):
    make.institution(region)
    response = client.post(
        "/signup/teacher", data=teacher_form(987654), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    assert 'id="institution_id-errors"' in response.get_data(as_text=True)
    assert user_count(db) == 0


def test_organizer_approves_a_teacher_of_their_region_only(
    client, auth, db, make, region, other_region
):
    school = make.institution(region)
    pending = make.user(Role.TEACHER, approved=False, institution=school)
    elsewhere = make.user(Role.ORGANIZER, region=other_region)
    auth.login(elsewhere)
    assert (
        client.post(f"/teachers/{pending.id}/approve").status_code == 404
    )  # as if there were no such request
    assert pending.full_name not in client.get("/teachers/pending").get_data(as_text=True)

    organizer = make.user(Role.ORGANIZER, region=region)
    auth.login(organizer)
    assert pending.full_name in client.get("/teachers/pending").get_data(as_text=True)
    assert client.post(f"/teachers/{pending.id}/approve").status_code == 302
    db.session.refresh(pending)
    assert pending.has_role(Role.TEACHER)
    assert pending.grant(Role.TEACHER).approved_by_id == organizer.id


def test_declined_teacher_keeps_the_account_without_the_role(client, auth, db, make, region):
    pending = make.user(Role.TEACHER, approved=False, institution=make.institution(region))
    auth.login(make.user(Role.ADMIN))
    client.post(f"/teachers/{pending.id}/decline")
    db.session.refresh(pending)
    assert pending.grant(Role.TEACHER) is None
    assert db.session.get(User, pending.id) is not None


def test_invited_teacher_is_approved_at_once_and_the_link_works_once(
    client, auth, db, make, region
):
    school = make.institution(region)
    organizer = make.user(Role.ORGANIZER, region=region)
    auth.login(organizer)
    client.post("/invitations", data={"institution_id": school.id})
    page = client.get("/invitations").get_data(as_text=True)
    token = page.split("invite=")[1].split('"')[0]
    auth.login(None)

    response = client.post(f"/signup/teacher?invite={token}", data=teacher_form(school.id))
    assert response.status_code == 302
    teacher = db.session.scalar(sa.select(User).where(User.login == "marat@school.kz"))
    assert teacher.has_role(Role.TEACHER)

    auth.login(None)
    page = client.get(f"/signup/teacher?invite={token}", headers={"Accept-Language": "en"})
    assert "expired or was already used" in page.get_data(as_text=True)
    client.post(f"/signup/teacher?invite={token}", data=teacher_form(school.id, login="second"))
    second = db.session.scalar(sa.select(User).where(User.login == "second"))
    assert second.is_pending_teacher  # a used link gives no approval


def test_organizer_cannot_invite_to_another_regions_institution(
    client, auth, db, make, region, other_region
):
    far_school = make.institution(other_region)
    auth.login(make.user(Role.ORGANIZER, region=region))
    response = client.post("/invitations", data={"institution_id": far_school.id})
    assert response.status_code == 200  # not among the choices: refused by the form
    assert "invite=" not in client.get("/invitations").get_data(as_text=True)
