"""The curriculum validator: the repository's quizzes pass, broken files get precise errors."""

from pathlib import Path
from textwrap import dedent

import pytest

from app.quizzes.content import CONTENT_DIR, read_folder, read_quiz

VALID = dedent(
    """\
    slug: sample
    version: 1
    topic: corruption-basics
    audience: {min_grade: 7, max_grade: 11}
    title: {kk: "Үлгі", ru: "Образец", en: "Sample"}
    description: {kk: "Сипаттама", ru: "Описание", en: "Description"}
    questions:
      - id: q1
        type: single
        text: {kk: "Сұрақ?", ru: "Вопрос?", en: "Question?"}
        options:
          - id: a
            text: {kk: "Иә", ru: "Да", en: "Yes"}
            correct: true
          - id: b
            text: {kk: "Жоқ", ru: "Нет", en: "No"}
        explanation: {kk: "Себебі", ru: "Потому что", en: "Because"}
      - id: q2
        type: true_false
        text: {kk: "Шын ба?", ru: "Правда?", en: "True?"}
        answer: false
        explanation: {kk: "Себебі", ru: "Потому что", en: "Because"}
    """
)
NO_LINE = '        text: {kk: "Жоқ", ru: "Нет", en: "No"}\n'  # option b, not correct


def write(tmp_path: Path, text: str, name: str = "sample.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_for(tmp_path, text, name="sample.yaml"):
    quiz, errors = read_quiz(write(tmp_path, text, name))
    assert quiz is None
    return errors


def test_the_repositorys_quizzes_are_valid():
    quizzes, errors = read_folder(CONTENT_DIR)
    assert errors == []
    assert len(quizzes) >= 6
    # grades 1–4 play short quizzes of 8 questions; everyone else at least 10
    assert all(
        len(quiz.data["questions"]) >= (8 if quiz.data["audience"]["max_grade"] <= 4 else 10)
        for quiz in quizzes
    )


def test_a_valid_file_reads(tmp_path):
    quiz, errors = read_quiz(write(tmp_path, VALID))
    assert errors == []
    assert [q["id"] for q in quiz.data["questions"]] == ["q1", "q2"]


def test_broken_yaml_names_the_line(tmp_path):
    [error] = errors_for(tmp_path, VALID.replace('text: {kk: "Иә"', 'text: {kk: "Иә"]'))
    assert error.file == "sample.yaml"
    assert error.line == 13
    assert "broken YAML" in error.message


def test_missing_translation_names_question_and_line(tmp_path):
    [error] = errors_for(tmp_path, VALID.replace(', en: "Yes"', ""))
    assert error.question == "q1"
    assert error.line == 13
    assert error.message == "missing 'en' translation"


def test_unknown_question_type(tmp_path):
    [error] = errors_for(tmp_path, VALID.replace("type: single", "type: essay"))
    assert error.question == "q1"
    assert error.line == 9
    assert "'essay' is not one of" in error.message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((NO_LINE, NO_LINE + "        correct: true\n"), "exactly one correct option, found 2"),
        (("type: single", "type: multiple"), None),  # one of two correct: valid multiple choice
        (("        correct: true\n", ""), "exactly one correct option, found 0"),
        (("- id: q2", "- id: q1"), "duplicate question id"),
        (
            (
                "answer: false",
                "answer: false\n    options: [{id: a, text: {kk: x, ru: x, en: x}}, {id: b, text: {kk: y, ru: y, en: y}}]",
            ),
            "unknown field: 'options'",
        ),
        (("    answer: false\n", ""), "missing 'answer'"),
        (("min_grade: 7", "min_grade: 12"), "min_grade is greater than max_grade"),
    ],
)
def test_rules_beyond_the_schema(tmp_path, change, message):
    text = VALID.replace(*change)
    assert text != VALID
    quiz, errors = read_quiz(write(tmp_path, text))
    if message is None:
        assert errors == [] and quiz is not None
    else:
        assert [error.message for error in errors if message in error.message], errors


def test_multiple_choice_with_every_option_correct_is_refused(tmp_path):
    text = VALID.replace("type: single", "type: multiple").replace(
        NO_LINE, NO_LINE + "        correct: true\n"
    )
    [error] = errors_for(tmp_path, text)
    assert "at least one correct option and one wrong one" in error.message


def test_file_name_must_be_the_slug(tmp_path):
    [error] = errors_for(tmp_path, VALID, name="other.yaml")
    assert error.message == "the file must be named sample.yaml"
    assert error.line == 1


def test_not_a_mapping_and_not_utf8(tmp_path):
    [error] = errors_for(tmp_path, "- just\n- a list\n")
    assert "must be a mapping" in error.message
    (tmp_path / "latin.yaml").write_bytes("title: café".encode("cp1252"))
    quiz, errors = read_quiz(tmp_path / "latin.yaml")
    assert quiz is None and errors[0].message == "the file is not UTF-8 text"


def test_cli_exits_nonzero_and_names_each_error(app, tmp_path):
    write(tmp_path, VALID)
    write(
        tmp_path,
        VALID.replace("slug: sample", "slug: broken").replace(', ru: "Вопрос?"', ""),
        "broken.yaml",
    )
    result = app.test_cli_runner().invoke(args=["quizzes", "validate", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "broken.yaml:10 question 'q1': missing 'ru' translation" in result.stderr
    assert "1 valid quizzes, 2 questions, 1 errors" in result.stdout
