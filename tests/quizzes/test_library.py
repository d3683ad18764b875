"""The library at the curriculum's size: filters by grade, topic and question kind, search by
title in the reader's language, a time to play; and the teacher's guide, which teachers read
and print and students never see."""

import re

import pytest
import sqlalchemy as sa
from markupsafe import escape

from app.core.access import Role
from app.quizzes.content import CONTENT_DIR, read_folder
from app.quizzes.models import Quiz
from app.quizzes.services import load_quizzes


@pytest.fixture
def curriculum(db):
    quizzes, errors = read_folder(CONTENT_DIR)
    assert not errors
    load_quizzes(quizzes)
    return list(db.session.scalars(sa.select(Quiz)))


def listed_slugs(page: str) -> set[str]:
    """The quizzes a student's library page offers to start."""
    return set(re.findall(r'action="/quizzes/([a-z0-9-]+)/start"', page))


def library(client, **args) -> str:
    return client.get("/quizzes", query_string=args).get_data(as_text=True)


@pytest.fixture
def student(make, auth):
    user = make.user(Role.STUDENT)
    auth.login(user)
    return user


def test_a_topic_shows_exactly_that_topics_quizzes(client, curriculum, student):
    wanted = {quiz.slug for quiz in curriculum if quiz.topic == "digital-literacy"}
    assert len(wanted) >= 2
    assert listed_slugs(library(client, topic="digital-literacy")) == wanted


def test_a_question_kind_shows_the_quizzes_that_have_one(client, curriculum, student):
    def has(quiz, kind):
        return any(q.type == kind for q in quiz.current_version.questions)

    for kind in ("matching", "ordering"):
        wanted = {quiz.slug for quiz in curriculum if has(quiz, kind)}
        assert 0 < len(wanted) < len(curriculum)
        assert listed_slugs(library(client, kind=kind)) == wanted


def test_a_grade_and_a_topic_narrow_together(client, curriculum, student):
    wanted = {
        quiz.slug
        for quiz in curriculum
        if quiz.topic == "academic-integrity" and quiz.min_grade <= 10 <= quiz.max_grade
    }
    assert wanted
    page = library(client, grade=10, topic="academic-integrity")
    assert listed_slugs(page) == wanted


def test_search_matches_the_title_in_the_readers_language(client, curriculum, make, auth):
    auth.login(make.user(Role.STUDENT, locale="ru"))
    wanted = {quiz.slug for quiz in curriculum if "коррупц" in quiz.title["ru"].casefold()}
    assert 0 < len(wanted) < len(curriculum)
    assert listed_slugs(library(client, q="Коррупц")) == wanted
    # the English word finds nothing for a reader of Russian
    english_only = curriculum[0].title["en"].split()[-1]
    assert listed_slugs(library(client, q=english_only)) == {
        quiz.slug for quiz in curriculum if english_only.casefold() in quiz.title["ru"].casefold()
    }


def test_nothing_found_says_so_and_unknown_filters_are_ignored(client, curriculum, student):
    assert "No quiz matches these filters." in library(client, q="zzzz-no-such-quiz")
    everything = listed_slugs(library(client))
    assert listed_slugs(library(client, topic="nope", kind="nope")) == everything
    assert len(everything) == len(curriculum)


def test_each_quiz_says_about_how_long_it_takes(client, curriculum, student):
    quiz = next(q for q in curriculum if q.slug == "what-is-corruption")
    seconds = sum(q.time_limit for q in quiz.current_version.questions)
    minutes = -(-seconds // 60)
    assert quiz.current_version.minutes_to_play == minutes
    assert f"about {minutes} minutes" in library(client, q=quiz.title["en"])


def test_the_teachers_library_filters_and_links_each_guide(client, curriculum, make, auth):
    auth.login(make.user(Role.TEACHER))
    page = client.get("/teach/quizzes", query_string={"topic": "heritage"}).get_data(as_text=True)
    heritage = [quiz for quiz in curriculum if quiz.topic == "heritage"]
    others = [quiz for quiz in curriculum if quiz.topic != "heritage"]
    for quiz in heritage:
        assert str(escape(quiz.title["en"])) in page
        if quiz.teacher_guide:
            assert f'href="/teach/quizzes/{quiz.id}/guide"' in page
    for quiz in others:
        assert f'href="/teach/quizzes/{quiz.id}"' not in page


def _guided(curriculum) -> Quiz:
    return next(quiz for quiz in curriculum if quiz.slug == "fake-calls-and-phishing")


def test_a_teacher_reads_the_guide_in_their_language(client, curriculum, make, auth):
    auth.login(make.user(Role.TEACHER, locale="ru"))
    quiz = _guided(curriculum)
    guide = quiz.teacher_guide
    page = client.get(f"/teach/quizzes/{quiz.id}/guide").get_data(as_text=True)
    assert str(escape(guide["aim"]["ru"])) in page
    for step in guide["discussion"]:
        assert str(escape(step["ru"])) in page
    questions = {q.key: q for q in quiz.current_version.questions}
    for item in guide["misconceptions"]:
        assert str(escape(item["text"]["ru"])) in page
        assert str(escape(questions[item["question"]].text["ru"])) in page
    assert 'data-action="print"' in page
    assert "js/print-button.js" in page


def test_the_quiz_page_links_its_guide(client, curriculum, make, auth):
    auth.login(make.user(Role.TEACHER))
    quiz = _guided(curriculum)
    page = client.get(f"/teach/quizzes/{quiz.id}").get_data(as_text=True)
    assert f'href="/teach/quizzes/{quiz.id}/guide"' in page


def test_students_never_see_a_guide(client, curriculum, student):
    quiz = _guided(curriculum)
    aim = str(escape(quiz.teacher_guide["aim"]["en"]))
    assert client.get(f"/teach/quizzes/{quiz.id}/guide").status_code == 403
    assert aim not in library(client)
    response = client.post(f"/quizzes/{quiz.slug}/start")
    attempt_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert aim not in attempt_page


def test_a_quiz_without_a_guide_has_no_guide_page(client, make, auth):
    teacher = make.user(Role.TEACHER)
    draft = make.teacher_quiz(teacher)
    auth.login(teacher)
    assert client.get(f"/teach/quizzes/{draft.id}/guide").status_code == 404
    assert f"/teach/quizzes/{draft.id}/guide" not in client.get(
        f"/teach/quizzes/{draft.id}"
    ).get_data(as_text=True)
