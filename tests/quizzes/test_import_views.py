"""Importing a file into a draft quiz from the browser, and exporting any quiz."""

import io

import sqlalchemy as sa

from app.core.access import Role
from app.quizzes.editor import quiz_questions
from app.quizzes.forms import MAX_UPLOAD_BYTES
from app.quizzes.interchange import parse_csv, parse_gift
from app.quizzes.models import Quiz

ENGLISH = {"Accept-Language": "en"}

GIFT = """// a quiz exported from Moodle
::honest-exam::Is it fine to look at a neighbour's paper?{
=No, it is cheating
~Yes, if nobody sees
####Your answers should show what you know.}

::capital::Match the cities{=Astana -> capital =Almaty -> largest city}

::year::In which year was the anti-corruption law adopted?{#2015}

Copying homework is honest.{F}
"""


def upload(client, content: bytes, fmt="gift", name="quiz.txt", title="Imported quiz"):
    data = {
        "file": (io.BytesIO(content), name),
        "format": fmt,
        "language": "ru",
        "title": title,
    }
    return client.post(
        "/teach/quizzes/import", data=data, content_type="multipart/form-data", headers=ENGLISH
    )


def teacher_quizzes(db, teacher) -> list[Quiz]:
    return list(db.session.scalars(sa.select(Quiz).where(Quiz.owner_id == teacher.id)))


def test_a_gift_file_becomes_a_draft_and_skipped_kinds_are_named(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    page = upload(client, GIFT.encode()).get_data(as_text=True)
    assert "3 questions imported into the draft quiz." in page
    assert "Line 9:" in page and "Numerical question skipped" in page
    [quiz] = teacher_quizzes(db, teacher)
    assert quiz.title == {"ru": "Imported quiz"}
    first, second, third = quiz_questions(quiz)
    assert first["text"] == {"ru": "Is it fine to look at a neighbour's paper?"}
    assert first["explanation"] == {"ru": "Your answers should show what you know."}
    assert [item["match"] for item in second["items"]] == ["c1", "c2"]
    assert second["categories"][1]["text"] == {"ru": "largest city"}
    assert (third["type"], third["answer"]) == ("true_false", False)


def test_a_malformed_file_saves_nothing_and_names_the_line(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    broken = GIFT + "\n::bad::Unbalanced {=yes ~no\n"
    page = upload(client, broken.encode()).get_data(as_text=True)
    assert "Nothing was imported." in page
    assert "Line 13:" in page and "never closed" in page
    assert teacher_quizzes(db, teacher) == []


def test_a_csv_missing_a_column_is_refused(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    page = upload(client, b"text_ru,option_a_ru\nq,a\n", fmt="csv", name="q.csv")
    assert "The header row lacks the columns: type, correct." in page.get_data(as_text=True)
    assert teacher_quizzes(db, teacher) == []


def test_a_file_that_is_not_utf8_is_refused(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    page = upload(client, "Вопрос{T}".encode("cp1251")).get_data(as_text=True)
    assert "The file is not UTF-8 text." in page
    assert teacher_quizzes(db, teacher) == []


def test_an_oversized_file_is_refused(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    page = upload(client, b"Q{T}\n\n" * (MAX_UPLOAD_BYTES // 6 + 1)).get_data(as_text=True)
    assert "The file must be smaller than 256 KB." in page
    assert teacher_quizzes(db, teacher) == []


def test_a_file_with_only_unsupported_kinds_imports_nothing(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    page = upload(client, b"Write an essay about honesty.{}\n").get_data(as_text=True)
    assert "The file holds no question we can import." in page
    assert "Essay question skipped" in page
    assert teacher_quizzes(db, teacher) == []


def test_exports_of_a_curriculum_quiz_import_back_to_the_same_questions(client, auth, make):
    quiz = make.quiz("reporting-corruption")
    auth.login(make.user(Role.TEACHER))
    expected = quiz_questions(quiz)
    gift = client.get(f"/teach/quizzes/{quiz.id}/export.gift")
    assert gift.headers["Content-Disposition"] == 'attachment; filename="reporting-corruption.txt"'
    assert parse_gift(gift.get_data(as_text=True), "kk").questions == expected
    table = client.get(f"/teach/quizzes/{quiz.id}/export.csv").get_data(as_text=True)
    assert parse_csv(table.lstrip("\ufeff"), "kk").questions == expected


def test_students_cannot_export_answers(client, auth, make):
    quiz = make.quiz()
    auth.login(make.user(Role.STUDENT))
    assert client.get(f"/teach/quizzes/{quiz.id}/export.gift").status_code == 403
