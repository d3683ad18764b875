"""Curriculum format 2.0: stages after school, sources with a check date, teacher's guides,
and what loading keeps of them."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.time import utcnow
from app.quizzes.content import read_quiz
from app.quizzes.coverage import bands_of
from app.quizzes.models import Quiz
from app.quizzes.services import load_quizzes
from tests.quizzes.test_content import VALID, write

SOURCE = '    source: {title: {kk: "Заң", ru: "Закон", en: "TITLE"}URL}\n'
GUIDE = """\
teacher_guide:
  aim: {kk: "Мақсат", ru: "Цель", en: "Aim"}
  discussion:
    - {kk: "Бір", ru: "Один", en: "One"}
    - {kk: "Екі", ru: "Два", en: "Two"}
    - {kk: "Үш", ru: "Три", en: "Three"}
  misconceptions:
    - question: q1
      text: {kk: "Қате түсінік", ru: "Заблуждение", en: "Misconception"}
  subjects: [self-knowledge]
"""


def with_source(title="Law No. 410-V, art. 1", url="", checked=None) -> str:
    url_part = f", url: {url}" if url else ""
    if checked:
        url_part += f", checked: {checked}"
    line = SOURCE.replace("TITLE", title).replace("URL", url_part)
    return VALID.replace("    answer: false\n", "    answer: false\n" + line)


def messages(tmp_path, text) -> list[str]:
    quiz, errors = read_quiz(write(tmp_path, text))
    assert (quiz is None) == bool(errors)
    return [error.message for error in errors]


# Stages


@pytest.mark.parametrize(
    ("audience", "problem"),
    [
        ("{min_grade: 12, max_grade: 14, stages: [college]}", None),
        ("{min_grade: 9, max_grade: 16, stages: [college, university]}", None),
        ("{min_grade: 12, max_grade: 14}", "grades 12 and up need stages"),
        ("{min_grade: 7, max_grade: 11, stages: [college]}", "stages are for grades 12 and up"),
        ("{min_grade: 12, max_grade: 14, stages: []}", "should be non-empty"),
        ("{min_grade: 12, max_grade: 14, stages: [school]}", "'school' is not one of"),
    ],
)
def test_years_after_school_say_which_institution(tmp_path, audience, problem):
    text = VALID.replace("{min_grade: 7, max_grade: 11}", audience)
    found = messages(tmp_path, text)
    assert found == [] if problem is None else any(problem in m for m in found), found


def test_a_quiz_counts_in_the_stages_it_names():
    assert bands_of({"min_grade": 12, "max_grade": 14, "stages": ["college"]}) == ["college"]
    assert bands_of({"min_grade": 10, "max_grade": 16, "stages": ["university"]}) == [
        "10–11",
        "university",
    ]
    # a teacher's quiz for grades 1 to 16 names no stage: it is for either
    assert bands_of({"min_grade": 1, "max_grade": 16})[-2:] == ["college", "university"]


# Sources


def test_a_law_needs_its_url(tmp_path):
    assert messages(tmp_path, with_source()) == [
        "a source that names a law, a code or an article needs its url"
    ]
    assert messages(tmp_path, with_source("Criminal Code, Article 366")) != []
    assert messages(tmp_path, with_source(url="https://adilet.zan.kz/rus/docs/Z1500000410")) == []
    # not a legal text: the school's own rules, a proverb
    assert messages(tmp_path, with_source("The school's code of conduct")) == []
    assert messages(tmp_path, with_source("Kazakh folk proverbs")) == []


def test_a_check_date_is_a_real_day_not_yet_to_come(tmp_path):
    url = "https://adilet.zan.kz/rus/docs/Z1500000410"
    today = utcnow().date()
    quiz, errors = read_quiz(write(tmp_path, with_source(url=url, checked=today.isoformat())))
    assert errors == []
    assert quiz.data["questions"][1]["source"]["checked"] == today.isoformat()  # text, not date
    tomorrow = (today + timedelta(days=1)).isoformat()
    [future] = messages(tmp_path, with_source(url=url, checked=tomorrow))
    assert "a day still to come" in future
    assert "is not a date" in messages(tmp_path, with_source(url=url, checked="2026-02-30"))[0]
    assert messages(tmp_path, with_source(url=url, checked="yesterday")) != []


def test_validate_warns_on_a_check_older_than_a_year(app, tmp_path):
    old = (utcnow().date() - timedelta(days=400)).isoformat()
    url = "https://adilet.zan.kz/rus/docs/Z1500000410"
    write(tmp_path, with_source(url=url, checked=old))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["quizzes", "validate", "--dir", str(tmp_path)])
    assert result.exit_code == 0
    assert f"sample.yaml: warning: question 'q2': source checked on {old}" in result.stderr
    strict = runner.invoke(args=["quizzes", "validate", "--strict", "--dir", str(tmp_path)])
    assert strict.exit_code == 1


def test_sources_unchecked_lists_file_question_title_and_url(app, tmp_path):
    url = "https://adilet.zan.kz/rus/docs/Z1500000410"
    write(tmp_path, with_source(url=url))
    write(
        tmp_path,
        with_source(url=url, checked=utcnow().date().isoformat()).replace(
            "slug: sample", "slug: checked"
        ),
        "checked.yaml",
    )
    result = app.test_cli_runner().invoke(
        args=["quizzes", "sources", "--unchecked", "--dir", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert f"sample.yaml\tq2\tLaw No. 410-V, art. 1\t{url}" in result.stdout
    assert "checked.yaml" not in result.stdout
    assert "1 sources await a check" in result.stderr


# Teacher's guides


def test_a_guide_reads_and_speaks_of_this_quizs_questions(tmp_path):
    assert messages(tmp_path, VALID + GUIDE) == []
    assert messages(tmp_path, VALID + GUIDE.replace("question: q1", "question: q9")) == [
        "no question with the id 'q9'"
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('    - {kk: "Үш", ru: "Три", en: "Three"}\n', ""), "is too short"),
        (('en: "Aim"', 'de: "Ziel"'), "missing 'en' translation"),
        (("[self-knowledge]", "[history]"), "'history' is not one of"),
        (("[self-knowledge]", "[law-basics]"), None),  # grade 9 is in 7..11
        (("[self-knowledge]", "[self-knowledge, self-knowledge]"), "non-unique"),
    ],
)
def test_guide_rules(tmp_path, change, problem):
    found = messages(tmp_path, VALID + GUIDE.replace(*change))
    assert found == [] if problem is None else any(problem in m for m in found), found


def test_a_subject_belongs_to_the_grades_that_learn_it(tmp_path):
    university = VALID.replace(
        "{min_grade: 7, max_grade: 11}", "{min_grade: 13, max_grade: 16, stages: [university]}"
    )
    [problem] = messages(tmp_path, university + GUIDE)
    assert problem == "self-knowledge is taught in grades 1–11, not to this quiz's"
    assert messages(tmp_path, university + GUIDE.replace("[self-knowledge]", "[]")) == []


def test_a_missing_guide_is_a_warning_that_strict_refuses(app, tmp_path):
    write(tmp_path, VALID)
    validate = ["quizzes", "validate", "--dir", str(tmp_path)]
    result = app.test_cli_runner().invoke(args=validate)
    assert "sample.yaml: warning: no teacher_guide" in result.stderr
    assert result.exit_code == 0
    assert app.test_cli_runner().invoke(args=[*validate, "--strict"]).exit_code == 1
    write(tmp_path, VALID + GUIDE)
    assert app.test_cli_runner().invoke(args=[*validate, "--strict"]).exit_code == 0


def test_loading_keeps_the_guide_and_stages_with_the_quiz(db, tmp_path):
    after_school = VALID.replace(
        "{min_grade: 7, max_grade: 11}", "{min_grade: 9, max_grade: 14, stages: [college]}"
    )
    quiz_file, errors = read_quiz(write(tmp_path, after_school + GUIDE))
    assert errors == []
    load_quizzes([quiz_file])
    db.session.expire_all()
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == "sample"))
    assert quiz.stages == ["college"]
    assert quiz.teacher_guide["misconceptions"][0]["question"] == "q1"
    assert quiz.teacher_guide["aim"]["kk"] == "Мақсат"
    # a guide changed in place makes no new version: attempts stay on theirs
    changed, _errors = read_quiz(write(tmp_path, after_school + GUIDE.replace("Мақсат", "Жаңа")))
    report = load_quizzes([changed])
    assert report.unchanged == ["sample"]
    db.session.expire_all()
    assert db.session.get(Quiz, quiz.id).teacher_guide["aim"]["kk"] == "Жаңа"
