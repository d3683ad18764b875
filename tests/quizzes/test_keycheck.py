"""Answer keys that give themselves away, found by `flask quizzes validate`."""

import json

from app.quizzes.cli import SCHEMA_FILE, schema_text
from app.quizzes.keycheck import key_figures


def text(word):
    return {"kk": word, "ru": word, "en": word}


def single(right: int, texts=("short", "a much longer one", "mid one")):
    return {
        "type": "single",
        "options": [
            {"id": "abc"[i], "text": text(t), **({"correct": True} if i == right else {})}
            for i, t in enumerate(texts)
        ],
    }


def test_right_answers_in_one_position_are_reported():
    figures = key_figures([single(0) for _ in range(4)])
    assert figures.first_right == 4
    assert any("option 'a' in 4 of 4" in warning for warning in figures.warnings())


def test_right_answers_spread_over_positions_and_lengths_pass():
    questions = [single(0), single(1), single(2), single(0, ("mid one", "short", "longest one"))]
    questions += [{"type": "true_false", "answer": True}, {"type": "true_false", "answer": False}]
    assert key_figures(questions).warnings() == []


def test_the_longest_option_being_right_too_often_is_reported():
    figures = key_figures([single(1), single(1), single(0), single(2)])
    assert figures.longest_right == 2 and figures.warnings() == []
    figures = key_figures([single(1), single(1), single(1), single(2)])
    assert any("longest in 3 of 4" in warning for warning in figures.warnings())


def test_true_false_all_one_way_is_reported():
    questions = [{"type": "true_false", "answer": False} for _ in range(3)]
    assert key_figures(questions).warnings() == ["all 3 true/false answers are false"]


def test_validate_reports_todays_curriculum_and_strict_fails_on_its_warnings(app):
    runner = app.test_cli_runner()
    plain = runner.invoke(args=["quizzes", "validate"])
    assert plain.exit_code == 0
    assert "answer keys: right answer first in" in plain.output
    strict = runner.invoke(args=["quizzes", "validate", "--strict"])
    warnings = [line for line in strict.output.splitlines() if ": warning: " in line]
    assert (strict.exit_code == 1) == bool(warnings)


def test_the_schema_file_is_the_one_the_kinds_build():
    """Authors' editors read quizzes/schema.json: `flask quizzes schema` rewrites it."""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json.loads(schema_text())
