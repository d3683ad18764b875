"""CSV import and export: columns in any order, Excel's habits, each mistake with its line,
and round trips of the curriculum and of generated quizzes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.quizzes.content import read_folder
from app.quizzes.interchange import COLUMNS, Problem, parse_csv, to_csv, with_defaults
from app.quizzes.interchange.common import carried
from tests.quizzes.pictures import without_pictures
from tests.quizzes.test_gift import quizzes

QUIZZES, _errors = read_folder()
HEADER = "type,text_en,option_a_en,option_b_en,option_c_en,correct"


@pytest.fixture(autouse=True)
def english(in_language):
    with in_language("en"):
        yield


def errors(text: str) -> list[Problem]:
    return parse_csv(text, "en").errors


def only(text: str) -> dict:
    result = parse_csv(text, "en")
    assert (result.errors, result.skipped) == ([], [])
    [question] = result.questions
    return question


# Round trips


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda quiz: quiz.path.stem)
def test_every_curriculum_quiz_survives_export_and_import(quiz, delimiter):
    """CSV carries the choice kinds and true/false, not which case study a question
    belongs to nor pictures; ordering and matching travel in YAML and Moodle XML."""
    questions = [without_pictures(question) for question in carried(quiz.data["questions"])]
    result = parse_csv(to_csv(questions, delimiter=delimiter), "kk")
    assert result.errors == []
    assert result.questions == [
        with_defaults({key: value for key, value in question.items() if key != "case"})
        for question in questions
    ]


@given(quizzes)
def test_any_quiz_survives_export_and_import(quiz):
    assert parse_csv(to_csv(quiz), "kk").questions == quiz


def test_export_writes_every_column():
    assert to_csv([]) == ",".join(COLUMNS) + "\r\n"
    assert to_csv([], delimiter=";") == ";".join(COLUMNS) + "\r\n"
    assert len(COLUMNS) == 2 + 3 + 18 + 1 + 3 + 3 + 3


# Reading


def test_a_minimal_file_with_columns_in_any_order():
    question = only("correct,option_b_en,type,option_a_en,text_en\nb,No,single,Yes,Is it?\n")
    assert question == {
        "id": "q1",
        "type": "single",
        "text": {"en": "Is it?"},
        "options": [
            {"id": "a", "text": {"en": "Yes"}},
            {"id": "b", "text": {"en": "No"}, "correct": True},
        ],
        "explanation": {},
        "time_limit": 30,
        "points": 100,
    }


def test_a_download_with_a_bom_reads_back():
    questions = [without_pictures(question) for question in carried(QUIZZES[0].data["questions"])]
    result = parse_csv("\ufeff" + to_csv(questions), "kk")
    assert result.questions == [
        with_defaults({key: value for key, value in question.items() if key != "case"})
        for question in questions
    ]


def test_semicolons_a_bom_and_header_case_from_excel():
    text = "\ufeffID;Type;Text_KK;Text_RU;Option_A_KK;Option_B_KK;Correct;Points\r\n"
    text += "para;true_false;Пара ма?;Взятка ли?;;;FALSE;50\r\n"
    question = only(text)
    assert question == {
        "id": "para",
        "type": "true_false",
        "text": {"kk": "Пара ма?", "ru": "Взятка ли?"},
        "answer": False,
        "explanation": {},
        "time_limit": 30,
        "points": 50,
    }


def test_multiple_poll_source_and_limits():
    header = "type,text_en,option_a_en,option_b_en,option_c_en,correct,explanation_en,"
    header += "source_title_en,source_url,time_limit,points\n"
    result = parse_csv(
        header + 'multiple,Which?,x,y,z,"a, c",Because,Law,https://adilet.zan.kz,45,200\n'
        "poll,You?,1,2,,,,,,,\n",
        "en",
    )
    assert result.errors == []
    multiple, poll = result.questions
    assert [option.get("correct", False) for option in multiple["options"]] == [True, False, True]
    assert multiple["source"] == {"title": {"en": "Law"}, "url": "https://adilet.zan.kz"}
    assert (multiple["time_limit"], multiple["points"]) == (45, 200)
    assert poll["options"] == [{"id": "a", "text": {"en": "1"}}, {"id": "b", "text": {"en": "2"}}]
    assert (poll["time_limit"], poll["points"]) == (30, 0)


def test_blank_rows_are_skipped_and_line_numbers_count_multi_line_cells():
    text = HEADER + '\nsingle,"A question\nover three\nlines",a,b,,a\n\nsingle,Bad?,a,b,,z\n'
    assert errors(text) == [Problem(6, "z is not an option letter (a to f).")]
    assert parse_csv(text.replace(",z", ",a"), "en").questions[0]["text"] == {
        "en": "A question\nover three\nlines"
    }


# Mistakes


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("text_en,option_a_en\nQ,a", 1, "The header row lacks the columns: type, correct."),
        (
            "type,correct,explanation_en\nsingle,a,x",
            1,
            "The header row lacks the columns: text_kk / text_ru / text_en.",
        ),
        (HEADER + ",text_kz\n", 1, "Unknown columns: text_kz."),
        (HEADER + ",type\n", 1, "Columns appear twice: type."),
        ("", 1, "The file has no header row."),
        (HEADER + "\n\n", 1, "The file has no questions in it."),
        (HEADER + '\nsingle,"Q?,a,b,,a\n', 2, "This line is not valid CSV."),
        (HEADER + "\nsingle,Q?,a,b,,d", 2, "The correct answer d is not one of the options."),
        (
            HEADER + "\nsingle,Q?,a,b,,a;b",
            2,
            "A single-choice question needs exactly one correct option, found 2.",
        ),
        (
            HEADER + "\nmultiple,Q?,a,b,,a;b",
            2,
            "A multiple-choice question needs at least one correct option and one wrong one.",
        ),
        (HEADER + "\npoll,Q?,a,b,,a", 2, "A poll has no correct options."),
        (HEADER + "\nsingle,Q?,a,,c,a", 2, "Option b is empty."),
        (HEADER + "\nsingle,Q?,a,,,a", 2, "The question needs at least 2 options, found 1."),
        (HEADER + "\nsingle,,a,b,,a", 2, "The question text is empty."),
        (
            HEADER + "\n,Q?,a,b,,a",
            2,
            "The type is empty; write single, multiple, true_false or poll.",
        ),
        (
            HEADER + "\nessay,Q?,a,b,,a",
            2,
            "The type essay is not one of single, multiple, true_false, poll.",
        ),
        (
            HEADER + "\ntrue_false,Q?,a,b,,true",
            2,
            "A true_false question has no options; leave the option columns empty.",
        ),
        (
            HEADER + "\ntrue_false,Q?,,,,yes",
            2,
            "For a true_false question write true or false under correct.",
        ),
        (HEADER + "\nsingle,Q?,a,b,,a,extra", 2, "The row has cells under no column name."),
        (
            "id," + HEADER + "\nBad Id,single,Q?,a,b,,a",
            2,
            "The id Bad Id may hold only a to z, 0 to 9, - and _ (at most 80).",
        ),
        ("id," + HEADER + "\nx,single,Q?,a,b,,a\nx,single,R?,a,b,,a", 3, "The id x is used twice."),
        (
            HEADER + ",time_limit\nsingle,Q?,a,b,,a,4",
            2,
            "The time limit must be a whole number of seconds from 5 to 300.",
        ),
        (
            HEADER + ",points\nsingle,Q?,a,b,,a,ten",
            2,
            "The points must be a whole number from 0 to 1000.",
        ),
        (
            HEADER + ",source_url\nsingle,Q?,a,b,,a,https://x",
            2,
            "A source URL needs a source title.",
        ),
        (
            HEADER + ",source_title_en,source_url\nsingle,Q?,a,b,,a,Law,http://x",
            2,
            "The source URL must start with https://.",
        ),
    ],
)
def test_mistakes_are_named_with_their_line(text, line, message):
    assert errors(text) == [Problem(line, message)]


def test_every_bad_row_is_reported_and_ids_fill_in_by_position():
    text = (
        "id,"
        + HEADER
        + "\n,single,A?,a,b,,a\nq1,single,B?,a,b,,x\nq1,single,C?,a,b,,b\n,single,D?,a,b,,a"
    )
    result = parse_csv(text, "en")
    assert [problem.line for problem in result.errors] == [3]
    assert [question["id"] for question in result.questions] == ["q1-2", "q1", "q3"]


def test_at_most_500_questions_per_file():
    text = HEADER + "\n" + "single,Q?,a,b,,a\n" * 501
    result = parse_csv(text, "en")
    assert result.errors == [Problem(502, "At most 500 questions fit in one file.")]


FUZZ = st.lists(
    st.sampled_from(
        [
            HEADER,
            "id,",
            ",",
            ";",
            '"',
            "\n",
            "\r\n",
            "single",
            "true_false",
            "a;c",
            "x",
            "\ufeff",
            "\x00",
        ]
    )
).map("".join)


@given(st.text() | FUZZ)
def test_parse_csv_never_raises(text):
    result = parse_csv(text, "kk")
    assert all(isinstance(problem.line, int) for problem in result.errors)


def test_a_text_that_looks_like_a_formula_is_defused_and_still_round_trips():
    question = {
        "id": "q1",
        "type": "single",
        "text": {"en": '=HYPERLINK("http://evil")'},
        "options": [
            {"id": "a", "text": {"en": "+1"}, "correct": True},
            {"id": "b", "text": {"en": "@me"}},
        ],
        "explanation": {"en": "-minus"},
        "time_limit": 30,
        "points": 100,
    }
    exported = to_csv([question])
    assert "'=HYPERLINK" in exported and ",'+1," in exported
    assert parse_csv(exported, "en").questions == [question]


@pytest.mark.parametrize("text", ["'=quoted", "'plain", "''", "=", "-5"])
def test_quotes_and_formula_starts_round_trip(text):
    question = {
        "id": "q1",
        "type": "true_false",
        "text": {"en": text},
        "answer": True,
        "explanation": {},
        "time_limit": 30,
        "points": 100,
    }
    assert parse_csv(to_csv([question]), "en").questions == [question]
