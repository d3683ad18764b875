"""Quiz points go through the ledger: the first completion pays its correct answers once."""

import sqlalchemy as sa

from app.core.access import Role
from app.gamification.models import PointEntry
from app.gamification.services import total_points
from app.quizzes.services import start_attempt, submit_answer
from app.quizzes.types import kind_of


def play_through(student, quiz, right: bool = True):
    attempt = start_attempt(student, quiz)
    for question in quiz.current_version.questions:
        kind = kind_of(question)
        correct = sorted(kind.correct_ids(question))
        others = [c.id for c in kind.choices(question) if c.id not in correct]
        chosen = correct if (right and correct) or not others else others[:1]
        submit_answer(attempt, question.id, chosen)
    return attempt


def test_the_first_completion_pays_the_points_of_its_correct_answers(make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    attempt = play_through(student, quiz)
    assert attempt.is_finished and attempt.score > 0
    assert total_points(student.id) == attempt.score


def test_a_retake_pays_nothing_more(make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    first = play_through(student, quiz, right=False)
    play_through(student, quiz, right=True)
    assert total_points(student.id) == first.score
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PointEntry)) == 1


def test_unfinished_attempts_pay_nothing(make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    attempt = start_attempt(student, quiz)
    question = quiz.current_version.questions[0]
    submit_answer(attempt, question.id, sorted(kind_of(question).correct_ids(question)))
    assert total_points(student.id) == 0


def test_the_result_page_says_whether_points_were_earned(client, auth, make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    auth.login(student)
    first = play_through(student, quiz)
    page = client.get(f"/attempts/{first.id}/result").get_data(as_text=True)
    assert f"{first.score} points added for your first completion" in page
    again = play_through(student, quiz)
    page = client.get(f"/attempts/{again.id}/result").get_data(as_text=True)
    assert "Retakes are for practice" in page
