"""Classes: creation, join codes, rosters and bulk account creation from CSV."""

import io

import sqlalchemy as sa

from app.accounts.models import SchoolClass, User
from app.core.access import Role

ENGLISH = {"Accept-Language": "en"}


def upload(client, klass, content: bytes, filename="roster.csv"):
    data = {"roster": (io.BytesIO(content), filename)}
    return client.post(
        f"/classes/{klass.id}/roster",
        data=data,
        content_type="multipart/form-data",
        headers=ENGLISH,
    )


def students_of(db, klass) -> list[User]:
    db.session.expire_all()
    return db.session.get(SchoolClass, klass.id).students


def test_teacher_creates_a_class_with_a_join_code(client, auth, make, db, region):
    teacher = make.user(Role.TEACHER, institution=make.institution(region))
    auth.login(teacher)
    response = client.post("/classes/new", data={"name": " 9А "})
    klass = db.session.scalar(sa.select(SchoolClass))
    assert response.headers["Location"] == f"/classes/{klass.id}"
    assert klass.name == "9А"
    assert len(klass.join_code) == 6
    assert klass.teacher_ids == {teacher.id}
    page = client.get(f"/classes/{klass.id}").get_data(as_text=True)
    assert klass.join_code in page


def test_class_names_are_unique_within_an_institution(client, auth, make, db, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    make.school_class(school, name="9А")
    auth.login(teacher)
    page = client.post("/classes/new", data={"name": "9А"}, headers=ENGLISH).get_data(as_text=True)
    assert "already has a class with this name" in page
    assert db.session.scalar(sa.select(sa.func.count(SchoolClass.id))) == 1


def test_a_teacher_sees_only_their_own_classes(client, auth, make, region):
    school = make.institution(region)
    mine = make.school_class(school, teacher=make.user(Role.TEACHER, institution=school), name="9А")
    other_teacher = make.user(Role.TEACHER, institution=school)
    make.school_class(school, teacher=other_teacher, name="9Б")
    auth.login(other_teacher)
    assert client.get(f"/classes/{mine.id}").status_code == 403
    assert client.post(f"/classes/{mine.id}/join-code").status_code == 403
    listing = client.get("/classes").get_data(as_text=True)
    assert "9Б" in listing and mine.join_code not in listing


def test_regenerated_join_code_replaces_the_old_one(client, auth, make, db, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher=teacher, join_code="OLD234")
    auth.login(teacher)
    client.post(f"/classes/{klass.id}/join-code")
    db.session.refresh(klass)
    assert klass.join_code != "OLD234"
    auth.login(None)
    form = {
        "join_code": "OLD234",
        "login": "late",
        "display_name": "Late",
        "full_name": "Late Student",
        "birth_year": "2011",
        "password": "pencil-river-12",
        "confirm": "pencil-river-12",
    }
    page = client.post("/signup", data=form, headers=ENGLISH).get_data(as_text=True)
    assert "No class has this join code" in page


def teacher_with_class(make, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    return teacher, make.school_class(school, teacher=teacher)


def test_roster_upload_creates_accounts_and_printable_one_time_slips(
    client, auth, make, db, region
):
    teacher, klass = teacher_with_class(make, region)
    auth.login(teacher)
    csv_text = "ФИО;Год рождения\nАйгерім Нұрланқызы;2011\nДаниил Петров;2012\n"
    response = upload(client, klass, csv_text.encode("utf-8-sig"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    students = students_of(db, klass)
    assert sorted(s.full_name for s in students) == ["Айгерім Нұрланқызы", "Даниил Петров"]
    assert all(s.must_change_password and s.has_role(Role.STUDENT) for s in students)
    assert {s.display_name for s in students} == {"Айгерім Н.", "Даниил П."}
    for student in students:
        assert student.login in page
    # the slip's password is in the page once and works once
    password = page.split("<code>")[2].split("</code>")[0]
    auth.login(None)
    first_login = page.split("<code>")[1].split("</code>")[0]
    client.post("/login", data={"login": first_login, "password": password})
    assert client.get("/").headers["Location"] == "/account/password"


def test_roster_accepts_windows_1251_and_commas(client, auth, make, db, region):
    teacher, klass = teacher_with_class(make, region)
    auth.login(teacher)
    upload(client, klass, "Иван Иванов,2010\n".encode("cp1251"))
    assert [s.full_name for s in students_of(db, klass)] == ["Иван Иванов"]


def test_malformed_roster_names_each_bad_line_and_creates_nobody(client, auth, make, db, region):
    teacher, klass = teacher_with_class(make, region)
    auth.login(teacher)
    content = (
        "full name,birth year\nGood Name,2011\n,2011\nNo Year,abc\nToo,Many,Columns\nOld,1800\n"
    )
    page = upload(client, klass, content.encode()).get_data(as_text=True)
    assert "Line 3: The full name is empty." in page
    assert "Line 4: The birth year must be a number" in page
    assert "Line 5: Expected 2 columns (full name, birth year), found 3." in page
    assert "Line 6: The birth year must be between" in page
    assert "Line 2" not in page
    assert students_of(db, klass) == []


def test_roster_errors_for_empty_and_wrong_files(client, auth, make, db, region):
    teacher, klass = teacher_with_class(make, region)
    auth.login(teacher)
    assert "no students in it" in upload(client, klass, b"full name,birth year\n").get_data(
        as_text=True
    )
    assert "must be a .csv file" in upload(client, klass, b"x", filename="roster.xlsx").get_data(
        as_text=True
    )
    assert "not a text CSV file" in upload(client, klass, b"PK\x03\x04\x00\x00binary").get_data(
        as_text=True
    )
    assert students_of(db, klass) == []


def test_oversized_roster_gets_a_field_error_and_a_huge_upload_a_413_page(
    client, auth, make, db, region
):
    teacher, klass = teacher_with_class(make, region)
    auth.login(teacher)
    big = ("Name Surname,2011\n" * 20_000).encode()  # ~360 KB: over the field's 256 KB
    page = upload(client, klass, big).get_data(as_text=True)
    assert "The file must be smaller than 256 KB." in page
    # A raw body (not the test client's file encoder, which spools big bodies to a temp file)
    huge = client.post(
        f"/classes/{klass.id}/roster",
        data=b"x" * (3 * 1024 * 1024),
        content_type="multipart/form-data; boundary=xyz",
        headers=ENGLISH,
    )
    assert huge.status_code == 413
    assert "File too large" in huge.get_data(as_text=True)
    assert students_of(db, klass) == []
