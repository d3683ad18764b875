"""The shipped curriculum as a whole: answer keys that do not give themselves away, every
grade band served, every text in three languages, Kazakh written in Kazakh letters."""

import re
from collections import Counter

import pytest

from app.gamification.badges import All, Count, all_badges
from app.gamification.models import PointSource
from app.quizzes.content import CONTENT_DIR, read_folder
from app.quizzes.coverage import BAND_LABELS, bands_of, coverage
from app.quizzes.keycheck import LANGUAGES, _length
from app.quizzes.schema import TOPICS

QUIZZES = [quiz.data for quiz in read_folder(CONTENT_DIR)[0]]
QUESTIONS = [question for quiz in QUIZZES for question in quiz["questions"]]

# Latin in a Kazakh string is a slip of the keyboard, except these: the e-government
# platform and its sites, the Latin term the product's glossary keeps, and the Roman
# numerals in law numbers ("No. 410-V").
ALLOWED_LATIN = {
    "eOtinish",
    "eotinish.kz",
    "gov.kz",
    "pro",
    "Pro",
    "bono",
    "V",
    "VI",
    "VII",
    "VIII",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z.]*[A-Za-z]|[A-Za-z]")


def texts(node, where=""):
    """Every {kk, ru, en} text in a quiz, with where it sits."""
    if isinstance(node, dict):
        if set(node) & set(LANGUAGES) and all(isinstance(v, str) for v in node.values()):
            yield where, node
            return
        for key, value in node.items():
            yield from texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{where}[{index}]")


def test_the_curriculum_passes_the_strict_answer_key_check(app):
    result = app.test_cli_runner().invoke(args=["quizzes", "validate", "--strict"])
    assert result.exit_code == 0, result.output
    assert ": warning: " not in result.output


def test_right_answers_are_spread_over_the_positions_across_the_curriculum():
    """No written position holds more than 35 % of the right answers of 4-option questions."""
    four = [q for q in QUESTIONS if q["type"] == "single" and len(q["options"]) == 4]
    positions = Counter(
        index for q in four for index, option in enumerate(q["options"]) if option.get("correct")
    )
    assert len(four) >= 40
    assert max(positions.values()) <= 0.35 * len(four), positions


def test_the_right_option_is_rarely_the_longest_across_the_curriculum():
    choice = [q for q in QUESTIONS if q["type"] in ("single", "multiple")]
    longest = sum(bool(max(q["options"], key=_length).get("correct")) for q in choice)
    assert longest <= 0.4 * len(choice), f"{longest} of {len(choice)}"


def test_true_false_answers_go_both_ways_about_equally():
    answers = Counter(q["answer"] for q in QUESTIONS if q["type"] == "true_false")
    assert min(answers[True], answers[False]) >= 0.4 * sum(answers.values()), answers


def test_every_grade_band_has_quizzes_and_grades_1_to_4_have_short_ones():
    table = coverage(QUIZZES, [])
    assert all(table.per_band[label] >= 1 for label in BAND_LABELS), table.per_band
    youngest = [quiz for quiz in QUIZZES if bands_of(quiz["audience"]) == ["1–4"]]
    assert len(youngest) >= 3
    assert all(len(quiz["questions"]) == 8 for quiz in youngest)


def test_a_quiz_counts_in_every_band_its_audience_overlaps():
    assert bands_of({"min_grade": 8, "max_grade": 16, "stages": ["college", "university"]}) == [
        "7–9",
        "10–11",
        "college",
        "university",
    ]
    assert bands_of({"min_grade": 5, "max_grade": 6}) == ["5–6"]


def test_the_table_command_prints_every_topic_and_band(app):
    result = app.test_cli_runner().invoke(args=["quizzes", "table"])
    assert result.exit_code == 0
    assert "| topic | 1–4 | 5–6 | 7–9 | 10–11 | college | university |" in result.output
    assert "| everyday-honesty |" in result.output


@pytest.mark.parametrize("quiz", QUIZZES, ids=[quiz["slug"] for quiz in QUIZZES])
def test_every_text_has_kk_ru_and_en(quiz):
    missing = [where for where, text in texts(quiz) if any(not text.get(c) for c in LANGUAGES)]
    assert missing == []


@pytest.mark.parametrize("quiz", QUIZZES, ids=[quiz["slug"] for quiz in QUIZZES])
def test_kazakh_texts_have_no_stray_latin_letters(quiz):
    stray = {
        (where, word)
        for where, text in texts(quiz)
        for word in LATIN_WORD.findall(text["kk"])
        if word not in ALLOWED_LATIN
    }
    assert stray == set()


def test_the_stray_latin_check_catches_a_latin_lookalike():
    """A Latin "a" typed inside a Kazakh word is exactly what the check is for."""
    assert LATIN_WORD.findall("Сыбайлaс") == ["a"]


def test_the_readme_carries_the_generated_table():
    """quizzes/README.md's coverage table is `flask quizzes table`'s output, not typed."""
    readme = (CONTENT_DIR / "README.md").read_text(encoding="utf-8")
    assert coverage(QUIZZES, TOPICS).table() in readme


def _quiz_counts(criterion):
    """The numbers of completed quizzes a badge's criteria ask for."""
    if isinstance(criterion, All):
        for part in criterion.parts:
            yield from _quiz_counts(part)
    elif isinstance(criterion, Count) and PointSource.QUIZ_COMPLETION in criterion.sources:
        yield criterion.at_least


@pytest.mark.parametrize("grade", range(1, 17))
def test_every_badge_that_counts_quizzes_is_reachable_from_each_grades_library(grade):
    """A student earns a quiz badge from the quizzes of their own grade (the library opens
    on their class's grade), so each grade's library holds enough of them."""
    own = [q for q in QUIZZES if q["audience"]["min_grade"] <= grade <= q["audience"]["max_grade"]]
    asked = {badge.id: n for badge in all_badges() for n in _quiz_counts(badge.criteria)}
    assert asked, "no badge counts quizzes: the check would prove nothing"
    assert {badge: n for badge, n in asked.items() if n > len(own)} == {}
