"""Kahoot's spreadsheet template (.xlsx): the committed sheet and sheets written here with
openpyxl, every cell a teacher may type, each mistake named with its row, archives that are
not workbooks or that unpack into far more than they hold, and the round trip."""

import io
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.quizzes.interchange import kahoot, parse_kahoot, to_kahoot_xlsx
from app.quizzes.interchange.common import MAX_QUESTIONS
from tests.quizzes.kahoot_sheets import TEMPLATE, TEMPLATE_ROWS, template


@pytest.fixture(autouse=True)
def english(in_language):
    with in_language("en"):
        yield


def options(*texts, right=()) -> list[dict]:
    return [
        {"id": letter, "text": {"ru": text}} | ({"correct": True} if n in right else {})
        for n, (letter, text) in enumerate(zip("abcdef", texts, strict=False), start=1)
    ]


def question(key, kind, text, answers, time_limit, right):
    return {
        "id": key,
        "type": kind,
        "text": {"ru": text},
        "options": options(*answers, right=right),
        "explanation": {},
        "time_limit": time_limit,
        "points": 100,
    }


# The committed sheet


def test_the_committed_template_imports_every_supported_element():
    result = parse_kahoot(TEMPLATE.read_bytes(), "ru")
    assert (result.errors, result.skipped, result.notes, result.cases) == ([], [], [], [])
    assert result.questions == [
        question("q1", "single", "Что такое взятка?", ["Подарок другу", "Деньги за решение", "Зарплата", "Премия"], 20, {2}),
        question("q2", "multiple", "Что из этого — конфликт интересов?", ["Нанять брата", "Объявить подарок", "Оценивать своего ребёнка"], 30, {1, 3}),
        # two answers, True / False in words: still single choice, as in Kahoot
        question("q3", "single", "Списывать на экзамене честно.", ["Верно", "Неверно"], 10, {2}),
        # the time limit and the answer typed as text ("60", "1")
        question("q4", "single", "Куда сообщить о взятке?", ["В 1424", "Никому", "Соседу"], 60, {1}),
        # a number stored as 1.0
        question("q5", "single", "Сколько стоит звонок в 1424?", ["Бесплатно", "100 тенге"], 240, {1}),
        # the blank row is skipped; "1, 3, 4" with spaces
        question("q6", "multiple", "Что помогает честности?", ["Открытые закупки", "Тайные сделки", "Отчёты", "Контроль"], 5, {1, 3, 4}),
        # a line break inside a cell (Alt+Enter)
        question("q7", "single", "Прочитай ситуацию:\nучитель просит подарок за оценку.", ["Это взятка", "Это нормально"], 90, {1}),
        # no time limit: Kahoot's default, 20 seconds
        question("q8", "single", "Кто может стать волонтёром?", ["Любой желающий", "Только взрослые"], 20, {1}),
        question("q9", "single", "Сколько направлений у волонтёров?", ["Два", "Три", "Четыре"], 120, {3}),
    ]  # fmt: skip
    assert result.media == {}


def test_the_committed_template_is_what_its_generator_writes():
    """The file is a real .xlsx with the header block, and holds TEMPLATE_ROWS."""
    sheet = openpyxl.load_workbook(TEMPLATE, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Quiz template"
    assert rows[7][1:8] == kahoot.HEADERS
    assert rows[8][0:3] == (1, "Что такое взятка?", "Подарок другу")
    assert len([row for row in TEMPLATE_ROWS if row]) == 9


# Sheets written here


def test_the_header_is_found_by_its_titles_wherever_the_columns_start():
    rows = [("What is a bribe?", "A gift", "A payment for a favour", None, None, 30, 2)]
    result = parse_kahoot(template(rows, first_column=1), "en")
    assert result.errors == []
    [imported] = result.questions
    assert imported["options"][1] == {
        "id": "b",
        "text": {"en": "A payment for a favour"},
        "correct": True,
    }


def test_a_plain_sheet_with_the_header_on_its_first_row_reads_the_same():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Question",
            "Answer 1",
            "Answer 2",
            "Answer 3",
            "Answer 4",
            "Answer 5",
            "Time limit",
            "Correct answer",
        ]
    )
    sheet.append(["Six answers?", "a", "b", "c", "d", "e", 20, "5"])
    output = io.BytesIO()
    workbook.save(output)
    result = parse_kahoot(output.getvalue(), "kk")
    assert result.errors == []
    [imported] = result.questions
    assert [option["text"]["kk"] for option in imported["options"]] == ["a", "b", "c", "d", "e"]
    assert imported["options"][4]["correct"] is True


def test_only_the_first_sheet_is_read():
    workbook = openpyxl.load_workbook(io.BytesIO(template([("Q?", "a", "b", None, None, 20, 1)])))
    other = workbook.create_sheet("Other")
    other["A1"] = "not a question"
    output = io.BytesIO()
    workbook.save(output)
    assert len(parse_kahoot(output.getvalue(), "en").questions) == 1


def test_a_comma_excel_took_for_a_decimal_separator_still_names_two_answers():
    # Excel set to Russian stores a typed 1,3 as the number 1.3
    result = parse_kahoot(template([("Q?", "a", "b", "c", None, 20, 1.3)]), "en")
    assert result.errors == []
    assert [o.get("correct", False) for o in result.questions[0]["options"]] == [True, False, True]


def test_rows_numbered_ahead_with_only_a_time_limit_are_not_questions():
    rows = [("Q?", "a", "b", None, None, 20, 1)] + [(None, None, None, None, None, 20, None)] * 3
    result = parse_kahoot(template(rows), "en")
    assert (result.errors, len(result.questions)) == ([], 1)


def test_text_that_looks_like_a_formula_stays_text():
    result = parse_kahoot(template([("=1+1 is?", "=2", "3", None, None, 20, 1)]), "en")
    assert result.questions[0]["text"] == {"en": "=1+1 is?"}
    assert result.questions[0]["options"][0]["text"] == {"en": "=2"}


LONG_QUESTION, LONG_ANSWER = "q" * 121, "a" * 76


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (("Q?", "a", "b", None, None, 20, None), "No correct answer is given: write its number, like 2, or several, like 1,3."),
        (("Q?", "a", "b", "c", None, 20, 4), "Answer 4 is marked correct, but the question has 3 answers."),
        (("Q?", "a", "b", None, None, 20, 0), "Answer 0 is marked correct, but the question has 2 answers."),
        (("Q?", "a", "b", None, None, 20, "1,5"), "Answer 5 is marked correct, but the question has 2 answers."),
        (("Q?", "a", "b", None, None, 20, "b"), "The correct answer(s) “b” must be answer numbers, like 2 or 1,3."),
        (("Q?", "a", "b", None, None, 20, "1;2"), "The correct answer(s) “1;2” must be answer numbers, like 2 or 1,3."),
        (("Q?", "a", None, "c", None, 20, 1), "Answer 2 is empty, but a later answer is filled in; fill the answers in order."),
        (("Q?", None, None, None, None, 20, 1), "The question needs at least two answers, found 0."),
        (("Q?", "a", None, None, None, 20, 1), "The question needs at least two answers, found 1."),
        ((None, "a", "b", None, None, 20, 1), "The question is empty."),
        ((LONG_QUESTION, "a", "b", None, None, 20, 1), "The question has 121 characters; Kahoot allows at most 120."),
        (("Q?", "a", LONG_ANSWER, None, None, 20, 1), "Answer 2 has 76 characters; Kahoot allows at most 75."),
        (("Q?", "a", "b", None, None, 45, 1), "The time limit “45” is not one Kahoot offers: 5, 10, 20, 30, 60, 90, 120, 240 seconds."),
        (("Q?", "a", "b", None, None, 20.5, 1), "The time limit “20.5” is not one Kahoot offers"),
        (("Q?", "a", "b", None, None, "soon", 1), "The time limit “soon” is not one Kahoot offers"),
        (("Q?", "a", "b", None, None, 20, "1,2"), "Every answer is marked correct; at least one must be wrong."),
    ],
)  # fmt: skip
def test_each_mistake_is_named_with_its_row(cells, message):
    good = ("Fine?", "yes", "no", None, None, 20, 1)
    result = parse_kahoot(template([good, cells, good]), "en")
    [problem] = result.errors
    assert problem.line == 10  # the second question row: header on 8, data from 9
    assert message in problem.message


def test_every_bad_row_is_reported_at_once():
    rows = [("Q?", "a", "b", None, None, 45, 1), None, ("Q?", "a", "b", None, None, 20, None)]
    result = parse_kahoot(template(rows), "en")
    assert [problem.line for problem in result.errors] == [9, 11]


def test_at_most_500_questions():
    row = ("Q?", "a", "b", None, None, 20, 1)
    assert parse_kahoot(template([row] * MAX_QUESTIONS), "en").errors == []
    result = parse_kahoot(template([row] * (MAX_QUESTIONS + 1)), "en")
    assert [(p.line, p.message) for p in result.errors] == [
        (kahoot.HEADER_ROW + MAX_QUESTIONS + 1, "At most 500 questions fit in one file.")
    ]


def test_rows_far_below_the_questions_are_not_read():
    workbook = openpyxl.load_workbook(io.BytesIO(template([("Q?", "a", "b", None, None, 20, 1)])))
    workbook.active["B9000"] = "far away"
    output = io.BytesIO()
    workbook.save(output)
    result = parse_kahoot(output.getvalue(), "en")
    assert (len(result.questions), result.errors) == (1, [])
    assert [note.message for note in result.notes] == ["Only the first 5000 rows were read."]


def test_a_sheet_without_the_header_row_is_refused():
    result = parse_kahoot(template([("Q?", "a", "b", None, None, 20, 1)], header=False), "en")
    assert [problem.message for problem in result.errors] == [
        "No header row was found. Kahoot's template has one on row 8, with the columns"
        " Question, Answer 1 to Answer 4, Time limit and Correct answer(s)."
    ]


def test_the_template_with_no_question_filled_in_has_nothing():
    assert [p.message for p in parse_kahoot(template([]), "en").errors] == [
        "The file has no questions in it."
    ]


# Files that are not a question sheet


def zipped(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


@pytest.fixture
def openpyxl_never_opens(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened an archive that should have been refused")

    monkeypatch.setattr(kahoot.openpyxl, "load_workbook", refuse)


def only_error(data: bytes) -> str:
    result = parse_kahoot(data, "en")
    assert result.questions == []
    [problem] = result.errors
    assert problem.line == 1
    return problem.message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(openpyxl_never_opens):
    # 30 MB of zeros pack into about 30 KB: past the 20 MB the whole workbook may unpack to
    bomb = zipped(
        {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": bytes(30 * 2**20)}
    )
    assert len(bomb) < 100_000
    assert only_error(bomb) == (
        "The workbook unpacks to more than 20 MB, far more than a question sheet; it is"
        " refused as a possible zip bomb."
    )


def test_a_part_packed_too_well_is_refused(openpyxl_never_opens):
    # 8 MB of zeros (under the total limit) pack about 1000 to 1
    dense = zipped({"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": bytes(8 * 2**20)})
    assert only_error(dense) == (
        "A part of the workbook unpacks to more than 100 times its packed size; it is refused"
        " as a possible zip bomb."
    )


def test_an_archive_of_many_parts_is_refused(openpyxl_never_opens):
    many = zipped({f"xl/part{n}.xml": b"<x/>" for n in range(kahoot.MAX_MEMBERS + 1)})
    assert only_error(many) == (
        "The workbook holds 101 parts; a question sheet has far fewer (at most 100)."
    )


def test_a_file_over_1_mb_is_refused_unread(openpyxl_never_opens):
    assert only_error(b"PK\x03\x04" + bytes(kahoot.MAX_XLSX_BYTES)) == (
        "An .xlsx file must be smaller than 1 MB."
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Question,Answer 1,Answer 2\nQ?,a,b\n", "This file is text (a CSV file?), not an Excel workbook."),
        ("Вопрос;Ответ 1\n".encode(), "This file is text (a CSV file?)"),
        (b"", "This file is text (a CSV file?)"),
        (bytes(range(256)) * 4, "This file is not an Excel workbook (.xlsx)."),
        (kahoot.OLE2_MAGIC + bytes(600), "This is an old Excel workbook (.xls) or one protected by a password."),
        (zipped({"mimetype": kahoot.ODS_MIMETYPE, "content.xml": b"<x/>"}, zipfile.ZIP_STORED), "This is an OpenDocument spreadsheet (.ods)."),
        (zipped({"word/document.xml": b"<w/>"}), "This zip file is not an Excel workbook (.xlsx)."),
        (zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"not xml"}), "The workbook is damaged or not an .xlsx file"),
        (template([("Q?", "a", "b", None, None, 20, 1)])[:3000], "This file is not an Excel workbook (.xlsx)."),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_workbook_gets_a_clear_message(data, message):
    assert only_error(data).startswith(message)


def test_an_encrypted_member_is_refused(openpyxl_never_opens):
    data = bytearray(zipped({"xl/workbook.xml": b"<workbook/>"}))
    data[6] |= 0x1  # the local header's flag: encrypted
    central = data.rindex(b"PK\x01\x02")
    data[central + 8] |= 0x1  # and the central directory's
    assert only_error(bytes(data)) == "The workbook is encrypted; save it without a password."


SHEET = template(TEMPLATE_ROWS[:3])


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_parse_kahoot_never_raises_on_a_damaged_workbook(data):
    damaged = bytearray(SHEET)
    for _ in range(data.draw(st.integers(1, 8))):
        index = data.draw(st.integers(0, len(damaged) - 1))
        damaged[index] = data.draw(st.integers(0, 255))
    result = parse_kahoot(bytes(damaged), "en")
    assert result.errors or result.questions


def test_a_workbook_that_names_a_zip_version_python_cannot_read_is_refused_clearly():
    # Hypothesis found it: one damaged byte in the central directory asks for zip 6.4, and
    # zipfile raises NotImplementedError (not BadZipFile) while opening the archive.
    damaged = bytearray(SHEET)
    header = damaged.find(b"PK\x01\x02")
    damaged[header + 6 : header + 8] = (64).to_bytes(2, "little")
    result = parse_kahoot(bytes(damaged), "en")
    assert result.questions == []
    assert [problem.message for problem in result.errors] == [
        "This file is not an Excel workbook (.xlsx)."
    ]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_kahoot_never_raises_on_any_bytes(data):
    assert parse_kahoot(data, "en").errors


# Round trip

TEXT = (
    st.text(
        st.characters(whitelist_categories=("L", "N", "P", "Zs"), blacklist_characters="\xa0"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def kahoot_questions(draw):
    count = draw(st.integers(2, 4))
    right = draw(st.sets(st.integers(1, count), min_size=1, max_size=count - 1 if count > 1 else 1))
    kind = "single" if len(right) == 1 else "multiple"
    texts = [draw(TEXT) for _ in range(count)]
    time_limit = draw(st.sampled_from(kahoot.TIME_LIMITS))
    return kind, draw(TEXT), texts, time_limit, right


@settings(max_examples=40, deadline=None)
@given(st.lists(kahoot_questions(), min_size=1, max_size=5), st.sampled_from(["kk", "ru", "en"]))
def test_every_question_kahoot_carries_survives_export_and_import(drafts, language):
    questions = []
    for number, (kind, text, answers, time_limit, right) in enumerate(drafts, start=1):
        questions.append(
            {
                "id": f"q{number}",
                "type": kind,
                "text": {language: text},
                "options": [
                    {"id": letter, "text": {language: answer}}
                    | ({"correct": True} if n in right else {})
                    for n, (letter, answer) in enumerate(
                        zip("abcd", answers, strict=False), start=1
                    )
                ],
                "explanation": {},
                "time_limit": time_limit,
                "points": 100,
            }
        )
    result = parse_kahoot(to_kahoot_xlsx(questions, language), language)
    assert (result.errors, result.notes) == ([], [])
    assert result.questions == questions


def test_the_writer_leaves_out_what_kahoot_cannot_hold_and_rounds_time_limits():
    single = question("q1", "single", "Q?", ["a", "b"], 25, {1})
    five = question("q2", "single", "Five?", ["a", "b", "c", "d", "e"], 20, {1})
    poll = question("q3", "poll", "Poll?", ["a", "b"], 20, set())
    true_false = {"id": "q4", "type": "true_false", "text": {"ru": "T?"}, "answer": True}
    result = parse_kahoot(to_kahoot_xlsx([single, five, poll, true_false], "ru"), "ru")
    assert result.questions == [single | {"time_limit": 20}]
