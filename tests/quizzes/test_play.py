"""Self-paced play: one question per page, feedback with the explanation, a reviewed result,
and every bad answer refused without saving anything."""

import pytest
import sqlalchemy as sa
from markupsafe import escape

from app.core.access import Role
from app.quizzes.content import CONTENT_DIR, read_folder
from app.quizzes.models import Answer, Attempt, Quiz
from app.quizzes.services import load_quizzes

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def curriculum(db):
    quizzes, errors = read_folder(CONTENT_DIR)
    assert not errors
    load_quizzes(quizzes)
    return {quiz.slug: quiz for quiz in db.session.scalars(sa.select(Quiz))}


@pytest.fixture
def player(make, auth):
    student = make.user(Role.STUDENT)
    auth.login(student)
    return student


def start(client, slug) -> int:
    response = client.post(f"/quizzes/{slug}/start")
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def right_choice(question) -> list[str]:
    kind = question.kind
    return list(kind.key(question.body)) if kind.scored else [kind.choices(question.body)[0].id]


def test_the_list_shows_every_quiz_in_the_players_language(client, curriculum, make, auth):
    auth.login(make.user(Role.STUDENT, locale="ru"))
    page = client.get("/quizzes").get_data(as_text=True)
    assert "Как сообщить о коррупции" in page
    assert page.count('action="/quizzes/') == len(read_folder(CONTENT_DIR)[0])


def test_a_full_play_through_gives_feedback_and_a_result(client, curriculum, player, db):
    attempt_id = start(client, "what-is-corruption")
    questions = curriculum["what-is-corruption"].current_version.questions
    for number, question in enumerate(questions, start=1):
        page = client.get(f"/attempts/{attempt_id}", headers=ENGLISH).get_data(as_text=True)
        assert f"Question {number} of {len(questions)}" in page
        assert str(escape(question.text["en"])) in page
        chosen = right_choice(question)
        feedback = client.post(
            f"/attempts/{attempt_id}",
            data={"question_id": question.id, "choice": chosen},
            headers=ENGLISH,
        ).get_data(as_text=True)
        assert str(escape(question.explanation["en"])) in feedback
    attempt = db.session.get(Attempt, attempt_id)
    assert attempt.is_finished
    assert attempt.score == sum(q.points for q in questions)
    result = client.get(f"/attempts/{attempt_id}/result", headers=ENGLISH).get_data(as_text=True)
    assert f"{sum(1 for q in questions if q.type != 'poll')} of" in result
    assert client.get(f"/attempts/{attempt_id}").headers["Location"].endswith("/result")


def test_a_wrong_answer_scores_nothing_and_says_so(client, curriculum, player, db):
    attempt_id = start(client, "academic-integrity")
    question = db.session.get(Attempt, attempt_id).next_question()
    wrong = [
        c.id
        for c in question.kind.choices(question.body)
        if c.id not in question.kind.key(question.body)
    ][:1]
    page = client.post(
        f"/attempts/{attempt_id}",
        data={"question_id": question.id, "choice": wrong},
        headers=ENGLISH,
    )
    assert "Not quite." in page.get_data(as_text=True)
    answer = db.session.scalar(sa.select(Answer))
    assert answer.is_correct is False and answer.points == 0


def answers_count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(Answer.id)))


def test_answering_twice_is_refused(client, curriculum, player, db):
    attempt_id = start(client, "academic-integrity")
    question = db.session.get(Attempt, attempt_id).next_question()
    form = {"question_id": question.id, "choice": right_choice(question)}
    client.post(f"/attempts/{attempt_id}", data=form)
    replay = client.post(
        f"/attempts/{attempt_id}", data=form, headers=ENGLISH, follow_redirects=True
    )
    assert "This question has already been answered." in replay.get_data(as_text=True)
    assert answers_count(db) == 1


def test_an_answer_for_another_quizs_question_is_refused(client, curriculum, player, db):
    attempt_id = start(client, "academic-integrity")
    foreign = curriculum["reporting-corruption"].current_version.questions[0]
    response = client.post(
        f"/attempts/{attempt_id}",
        data={"question_id": foreign.id, "choice": ["a"]},
        headers=ENGLISH,
        follow_redirects=True,
    )
    assert "This question is not part of this quiz." in response.get_data(as_text=True)
    assert answers_count(db) == 0


@pytest.mark.parametrize("choice", [[], ["zz"], ["a", "b"]])
def test_no_choice_unknown_choice_or_two_choices_on_single_are_refused(
    client, curriculum, player, db, choice
):
    attempt_id = start(client, "what-is-corruption")
    question = db.session.get(Attempt, attempt_id).next_question()
    assert question.type == "single"
    response = client.post(
        f"/attempts/{attempt_id}",
        data={"question_id": question.id, "choice": choice},
        headers=ENGLISH,
        follow_redirects=True,
    )
    assert "Choose an answer before you continue." in response.get_data(as_text=True)
    assert answers_count(db) == 0


def test_junk_question_id_is_not_a_500(client, curriculum, player, db):
    attempt_id = start(client, "what-is-corruption")
    response = client.post(
        f"/attempts/{attempt_id}", data={"question_id": "x'; drop", "choice": ["a"]}
    )
    assert response.status_code == 200
    assert answers_count(db) == 0


def test_start_resumes_an_unfinished_attempt_and_retakes_start_fresh(
    client, curriculum, player, db
):
    first = start(client, "academic-integrity")
    assert start(client, "academic-integrity") == first
    attempt = db.session.get(Attempt, first)
    for question in attempt.version.questions:
        client.post(
            f"/attempts/{first}",
            data={"question_id": question.id, "choice": right_choice(question)},
        )
    assert start(client, "academic-integrity") != first


def test_another_players_attempt_is_forbidden(client, curriculum, player, make, auth):
    attempt_id = start(client, "academic-integrity")
    auth.login(make.user(Role.STUDENT))
    assert client.get(f"/attempts/{attempt_id}").status_code == 403
    assert client.get(f"/attempts/{attempt_id}/result").status_code == 403


def test_unknown_quiz_is_404(client, curriculum, player):
    assert client.post("/quizzes/no-such-quiz/start").status_code == 404
