"""Importing a file into a draft quiz from the browser, and exporting any quiz."""

import html
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.quizzes.editor import QuizDetails, create_quiz, quiz_questions
from app.quizzes.forms import MAX_UPLOAD_BYTES, ImportForm
from app.quizzes.interchange import FORMATS, parse_csv, parse_gift, parse_moodle_xml
from app.quizzes.interchange.kahoot import MAX_XLSX_BYTES, OLE2_MAGIC
from app.quizzes.interchange.upload import MAX_TEXT_BYTES, upload_problem
from app.quizzes.models import Quiz
from tests.quizzes.kahoot_sheets import template
from tests.quizzes.test_kahoot import zipped

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
    page = upload(client, b"Q{T}\n\n" * (MAX_TEXT_BYTES // 6 + 1)).get_data(as_text=True)
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
    # GIFT and the table have no place for a case study (the native YAML and Moodle XML
    # do), so a question's link to its case does not travel in them.
    expected = [
        {key: value for key, value in question.items() if key != "case"}
        for question in quiz_questions(quiz)
    ]
    gift = client.get(f"/teach/quizzes/{quiz.id}/export.gift")
    assert gift.headers["Content-Disposition"] == 'attachment; filename="reporting-corruption.txt"'
    assert parse_gift(gift.get_data(as_text=True), "kk").questions == expected
    table = client.get(f"/teach/quizzes/{quiz.id}/export.csv").get_data(as_text=True)
    assert parse_csv(table.lstrip("\ufeff"), "kk").questions == expected


def test_students_cannot_export_answers(client, auth, make):
    quiz = make.quiz()
    auth.login(make.user(Role.STUDENT))
    assert client.get(f"/teach/quizzes/{quiz.id}/export.gift").status_code == 403


# Moodle XML and Kahoot's .xlsx through the form

FILES = Path(__file__).parent / "files"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page_of(response) -> str:
    assert response.status_code == 200  # a refusal is a page with a message, never a 500
    return response.get_data(as_text=True)


def test_kahoots_template_becomes_a_draft(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    data = (FILES / "kahoot-template.xlsx").read_bytes()
    page = page_of(upload(client, data, fmt="kahoot", name="kahoot.xlsx"))
    assert "9 questions imported into the draft quiz." in page
    [quiz] = teacher_quizzes(db, teacher)
    questions = quiz_questions(quiz)
    assert questions[1]["type"] == "multiple"
    assert questions[1]["text"] == {"ru": "Что из этого — конфликт интересов?"}
    assert [q["time_limit"] for q in questions] == [20, 30, 10, 60, 240, 5, 90, 20, 120]


def test_a_bad_sheet_names_its_rows_and_saves_nothing(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    rows = [
        ("Fine?", "yes", "no", None, None, 20, 1),
        ("When?", "now", "later", None, None, 45, 1),
        ("Which?", "a", "b", None, None, 20, 3),
        ("Right?", "yes", "no", None, None, 20, None),
    ]
    page = page_of(upload(client, template(rows), fmt="kahoot", name="quiz.xlsx"))
    assert "Nothing was imported. Fix these rows and upload the file again:" in page
    assert "Row 10: The time limit “45” is not one Kahoot offers" in page
    assert "Row 11: Answer 3 is marked correct, but the question has 2 answers." in page
    assert "Row 12: No correct answer is given" in page
    assert teacher_quizzes(db, teacher) == []


def test_too_many_rows_saves_nothing(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    sheet = template([("Q?", "a", "b", None, None, 20, 1)] * 501)
    page = page_of(upload(client, sheet, fmt="kahoot", name="big.xlsx"))
    assert "Row 509: At most 500 questions fit in one file." in page
    assert teacher_quizzes(db, teacher) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zipped({"xl/workbook.xml": b"<workbook/>", "xl/sheet1.xml": bytes(30 * 2**20)}), "refused as a possible zip bomb"),
        (OLE2_MAGIC + bytes(600), "This is an old Excel workbook (.xls)"),
        (b"Question,Answer 1\nQ?,a\n", "This file is text (a CSV file?), not an Excel workbook."),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_sheet_is_refused_with_a_message(
    client, auth, make, db, data, message
):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    page = page_of(upload(client, data, fmt="kahoot", name="quiz.xlsx"))
    assert html.escape(message, quote=False) in page
    assert teacher_quizzes(db, teacher) == []


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv", "yaml", "moodle_xml"])
def test_a_spreadsheet_under_another_format_points_to_kahoot(client, auth, make, db, fmt):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    data = (FILES / "kahoot-template.xlsx").read_bytes()
    page = page_of(upload(client, data, fmt=fmt, name="quiz.xlsx"))
    assert "This file is a spreadsheet or another zip archive, not text." in page
    assert "choose the format “Kahoot spreadsheet (.xlsx)”" in page
    assert teacher_quizzes(db, teacher) == []


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv", "yaml"])
def test_moodle_xml_under_a_text_format_points_to_moodle_xml(client, auth, make, db, fmt):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    data = (FILES / "moodle-xml-examples.xml").read_bytes()
    page = page_of(upload(client, data, fmt=fmt, name="moodle.xml"))
    assert (
        "This file is XML. For a file exported from Moodle choose the format “Moodle XML”." in page
    )
    assert teacher_quizzes(db, teacher) == []


def test_moodles_documented_examples_import_through_the_form(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    data = (FILES / "moodle-xml-examples.xml").read_bytes()
    page = page_of(upload(client, data, fmt="moodle_xml", name="moodle.xml"))
    assert "4 questions imported into the draft quiz." in page
    assert "Short-answer question “Name of question” skipped" in page
    assert "Embedded answers (Cloze) question “Name of question” skipped" in page
    assert "Imported, but check these questions" in page
    assert "Feedback on single answers was left out: we show one explanation." in page
    [quiz] = teacher_quizzes(db, teacher)
    assert [q["type"] for q in quiz_questions(quiz)] == [
        "single",
        "true_false",
        "matching",
        "single",
    ]
    assert quiz_questions(quiz)[3]["image"]["alt"] == {"ru": "grinning face"}


def test_a_draft_imported_with_an_image_opens_and_shows_it(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    upload(client, (FILES / "moodle-xml-examples.xml").read_bytes(), fmt="moodle_xml")
    [quiz] = teacher_quizzes(db, teacher)
    [image] = [q["image"] for q in quiz_questions(quiz) if "image" in q]
    page = client.get(f"/teach/quizzes/{quiz.id}")
    assert page.status_code == 200
    assert f"/media/{image['src']}/phone.webp" in page.get_data(as_text=True)
    with client.get(f"/media/{image['src']}/phone.webp") as picture:
        assert picture.status_code == 200


def test_a_broken_moodle_file_saves_nothing(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    page = page_of(upload(client, b"<?xml version='1.0'?>\n<quiz><question>", fmt="moodle_xml"))
    assert "Nothing was imported. Fix these lines" in page and "Line 2:" in page
    assert teacher_quizzes(db, teacher) == []


# Werkzeug's test client leaves its temporary file open for a body over 500 KB (a
# ResourceWarning, an error here), so the size limits are checked on upload_problem.
@pytest.mark.parametrize(
    ("fmt", "size", "message"),
    [
        ("kahoot", MAX_XLSX_BYTES + 1, "An .xlsx file must be smaller than 1 MB."),
        ("gift", MAX_TEXT_BYTES + 1, "The file must be smaller than 256 KB."),
        ("yaml", MAX_TEXT_BYTES + 1, "The file must be smaller than 256 KB."),
        ("kahoot", MAX_XLSX_BYTES, None),
        ("csv", MAX_TEXT_BYTES, None),
        ("moodle_xml", MAX_UPLOAD_BYTES, None),  # the form's own limit is Moodle XML's
    ],
)
def test_each_format_has_its_size_limit(in_language, fmt, size, message):
    with in_language("en"):
        assert upload_problem(fmt, b"a" * size) == message


def test_the_form_never_answers_500_to_hostile_sheets(client, auth, make):
    auth.login(make.user(Role.TEACHER))
    sheet = (FILES / "kahoot-template.xlsx").read_bytes()
    for cut in (0, 1, 4, 30, 100, len(sheet) // 2, len(sheet) - 22, len(sheet) - 1):
        for fmt in ("kahoot", "moodle_xml", "gift"):
            assert upload(client, sheet[:cut], fmt=fmt, name="x.xlsx").status_code == 200


EVERY_KIND = [
    {"id": "q1", "type": "single", "text": {"kk": "Пара деген не?", "ru": "Что такое взятка?"}, "case": "case-shop",
     "options": [{"id": "a", "text": {"kk": "Сыйлық", "ru": "Подарок"}}, {"id": "b", "text": {"kk": "Ақша", "ru": "Деньги"}, "correct": True}],
     "explanation": {"ru": "Деньги за решение."}, "time_limit": 20, "points": 100},
    {"id": "q2", "type": "multiple", "text": {"ru": "Что честно?"}, "case": "case-shop",
     "options": [{"id": "a", "text": {"ru": "Отчёт"}, "correct": True}, {"id": "b", "text": {"ru": "Тайна"}}, {"id": "c", "text": {"ru": "Контроль"}, "correct": True}],
     "explanation": {}, "time_limit": 45, "points": 200},
    {"id": "q3", "type": "true_false", "text": {"ru": "Списывать честно."}, "answer": False, "explanation": {}, "time_limit": 10, "points": 100},
    {"id": "q4", "type": "poll", "text": {"ru": "Что ты сделаешь?"}, "options": [{"id": "a", "text": {"ru": "Сообщу"}}, {"id": "b", "text": {"ru": "Промолчу"}}],
     "explanation": {}, "time_limit": 30, "points": 0},
    {"id": "q5", "type": "ordering", "text": {"ru": "Порядок действий"},
     "items": [{"id": "a", "text": {"ru": "Записать"}}, {"id": "b", "text": {"ru": "Позвонить в 1424"}}, {"id": "c", "text": {"ru": "Прийти в отдел"}}],
     "explanation": {}, "time_limit": 60, "points": 100},
    {"id": "q6", "type": "matching", "text": {"ru": "Что это?"},
     "items": [{"id": "a", "text": {"ru": "Цветы учителю"}, "match": "c1"}, {"id": "b", "text": {"ru": "Конверт с деньгами"}, "match": "c2"}],
     "categories": [{"id": "c1", "text": {"ru": "Подарок"}}, {"id": "c2", "text": {"ru": "Взятка"}}],
     "explanation": {}, "time_limit": 30, "points": 100},
]  # fmt: skip
CASES = [{"id": "case-shop", "text": {"ru": "В магазине продавец просит «благодарность»."}}]


def test_a_quiz_of_every_kind_comes_back_from_its_moodle_download(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    details = QuizDetails(
        title={"ru": "Все виды"}, description={}, topic="other", min_grade=5, max_grade=11
    )
    original = create_quiz(teacher.id, details, EVERY_KIND, CASES)
    page = page_of(client.get(f"/teach/quizzes/{original.id}", headers=ENGLISH))
    assert f'href="/teach/quizzes/{original.id}/export.xml">Moodle XML</a>' in page
    download = client.get(f"/teach/quizzes/{original.id}/export.xml")
    assert download.mimetype == "application/xml"
    assert download.headers["Content-Disposition"] == f'attachment; filename="{original.slug}.xml"'
    page = page_of(upload(client, download.get_data(), fmt="moodle_xml", name="back.xml"))
    assert "6 questions imported into the draft quiz." in page
    copy = next(quiz for quiz in teacher_quizzes(db, teacher) if quiz.id != original.id)
    assert quiz_questions(copy) == quiz_questions(original) == EVERY_KIND
    assert copy.current_version.cases == CASES


def test_a_curriculum_quiz_comes_back_from_its_moodle_download(client, auth, make):
    quiz = make.quiz("gifts-bribes-conflicts")
    auth.login(make.user(Role.ORGANIZER))
    body = client.get(f"/teach/quizzes/{quiz.id}/export.xml").get_data()
    assert parse_moodle_xml(body, "kk").questions == quiz_questions(quiz)


def test_students_cannot_download_moodle_xml(client, auth, make):
    quiz = make.quiz()
    auth.login(make.user(Role.STUDENT))
    assert client.get(f"/teach/quizzes/{quiz.id}/export.xml").status_code == 403


def test_the_form_offers_every_format_the_upload_reads(app):
    with app.test_request_context():
        assert tuple(choice.value for choice in ImportForm().format.choices) == FORMATS
