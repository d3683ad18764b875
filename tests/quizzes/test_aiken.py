"""Aiken import: Moodle's documented example, its own error fixture, and each mistake's line."""

from textwrap import dedent

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.quizzes.interchange import Problem, parse_aiken


@pytest.fixture(autouse=True)
def english(in_language):
    with in_language("en"):
        yield


# The example in Moodle's Aiken format documentation (docs.moodle.org/en/Aiken_format).
MOODLE_EXAMPLE = dedent(
    """\
    What is the correct answer to this question?
    A. Is it this one?
    B. Maybe this answer?
    C. Possibly this one?
    D. Must be this one!
    ANSWER: D

    Which LMS has the most quiz import formats?
    A) Moodle
    B) ATutor
    C) Claroline
    D) Blackboard
    E) WebCT
    F) Ilias
    ANSWER: A
    """
)


def options(texts: list[str], right: int, language: str = "en") -> list[dict]:
    return [
        {"id": "abcdef"[index], "text": {language: text}}
        | ({"correct": True} if index == right else {})
        for index, text in enumerate(texts)
    ]


def test_the_documented_example_imports():
    result = parse_aiken(MOODLE_EXAMPLE, "en")
    assert (result.errors, result.skipped) == ([], [])
    assert result.questions == [
        {
            "id": "q1",
            "type": "single",
            "text": {"en": "What is the correct answer to this question?"},
            "options": options(
                [
                    "Is it this one?",
                    "Maybe this answer?",
                    "Possibly this one?",
                    "Must be this one!",
                ],
                3,
            ),
            "explanation": {},
            "time_limit": 30,
            "points": 100,
        },
        {
            "id": "q2",
            "type": "single",
            "text": {"en": "Which LMS has the most quiz import formats?"},
            "options": options(
                ["Moodle", "ATutor", "Claroline", "Blackboard", "WebCT", "Ilias"], 0
            ),
            "explanation": {},
            "time_limit": 30,
            "points": 100,
        },
    ]


def test_text_may_span_lines_and_questions_need_no_blank_line_between():
    text = "Пара деген\nне?\r\nA) Сыйлық\r\nB) Қызмет үшін ақша\r\nANSWER: b\nЕкінші?\nA. Иә\nB. Жоқ\nAnswer: A)"
    result = parse_aiken(text, "kk")
    assert result.errors == []
    first, second = result.questions
    assert first["text"] == {"kk": "Пара деген\nне?"}
    assert first["options"] == options(["Сыйлық", "Қызмет үшін ақша"], 1, "kk")
    assert second["options"] == options(["Иә", "Жоқ"], 0, "kk")


def test_moodles_own_error_fixture_gives_an_error_per_broken_question():
    # question/format/aiken/tests/fixtures/aiken_errors.txt in Moodle
    text = (
        "A question with too few answers\nA) Only answer\nANSWER: A\n\n"
        "A) Question not started\n\nANSWER: Question not started\n\n"
        "A good question\nA) Correct\nB) Incorrect\nANSWER: A\n\n"
        "A question started but not finished\nA) Correct-ish\nB) Incorrect-ish\n\n"
        "A second good question\nA)Incorrect (No space)\nB)Correct (No space)\nANSWER: B"
    )
    result = parse_aiken(text, "en")
    assert result.errors == [
        Problem(1, "The question needs at least 2 options, found 1."),
        Problem(5, "The question text is empty."),
        Problem(14, "The question has no ANSWER line; end it with a line like ANSWER: B."),
    ]
    # Moodle calls the last one good: no space is needed after the letter and its mark.
    good, no_space = result.questions
    assert good["text"] == {"en": "A good question"}
    assert no_space["options"] == options(["Incorrect (No space)", "Correct (No space)"], 1, "en")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "Q?\nA. a\nB. b\n",
            1,
            "The question has no ANSWER line; end it with a line like ANSWER: B.",
        ),
        ("Q?\nA. a\nB. b\nANSWER: C", 4, "The answer C is not one of the options."),
        (
            "Q?\nA. a\nB. b\nANSWER: yes",
            4,
            "The ANSWER line needs the letter of the right option, like ANSWER: B.",
        ),
        ("Q?\nA. a\nC. c\nANSWER: A", 3, "Option C is out of order; expected B."),
        ("Q?\nB. b\nA. a\nANSWER: A", 2, "Option B is out of order; expected A."),
        ("Q?\nA. a\nB.\nANSWER: A", 3, "Option B is empty."),
        ("Q?\nA. a\nANSWER: A", 1, "The question needs at least 2 options, found 1."),
        (
            "\n\nQ?\n" + "".join(f"{letter}. x\n" for letter in "ABCDEFG") + "ANSWER: A",
            3,
            "The question has 7 options; at most 6 are allowed.",
        ),
        ("ANSWER: A", 1, "This ANSWER line has no question."),
        ("", 1, "The file has no questions in it."),
    ],
)
def test_mistakes_are_named_with_their_line(text, line, message):
    assert parse_aiken(text, "en").errors == [Problem(line, message)]


def test_a_text_line_after_the_options_starts_the_next_question():
    result = parse_aiken("One?\nA. a\nB. b\nTwo?\nA. a\nB. b\nANSWER: A", "en")
    assert result.errors == [
        Problem(1, "The question has no ANSWER line; end it with a line like ANSWER: B.")
    ]
    assert [question["text"] for question in result.questions] == [{"en": "Two?"}]


def test_at_most_500_questions_per_file():
    text = "\n".join(f"Q{n}?\nA. a\nB. b\nANSWER: A\n" for n in range(501))
    result = parse_aiken(text, "en")
    assert result.errors == [Problem(2501, "At most 500 questions fit in one file.")]
    assert len(result.questions) == 500


FUZZ = st.lists(
    st.sampled_from(["A. ", "B) ", "G. ", "ANSWER: ", "answer:", "A", "x", " ", "\n", "\n\n", "\r"])
).map("".join)


@given(st.text() | FUZZ)
def test_parse_aiken_never_raises(text):
    result = parse_aiken(text, "ru")
    assert all(isinstance(problem.line, int) for problem in result.errors)
    assert all(question["text"].keys() == {"ru"} for question in result.questions)
