"""Quiz points go through the ledger and rules.yaml: the first completion pays once."""

import sqlalchemy as sa

from app.core.access import Role
from app.gamification.models import PointEntry, PointSource
from app.gamification.queries import total_points
from app.gamification.rules import rule
from app.quizzes.services import start_attempt, submit_answer

COMPLETION = rule(PointSource.QUIZ_COMPLETION).points
PER_ANSWER = rule(PointSource.QUIZ_CORRECT_ANSWER).points
PERFECT = rule(PointSource.QUIZ_PERFECT_SCORE).points


def play_through(student, quiz, right: bool = True):
    attempt = start_attempt(student, quiz)
    for question in quiz.current_version.questions:
        kind = question.kind
        correct = sorted(kind.key(question.body))
        others = [c.id for c in kind.choices(question.body) if c.id not in correct]
        chosen = correct if (right and correct) or not others else others[:1]
        submit_answer(attempt, question.id, chosen)
    return attempt


def paid(db) -> dict:
    return dict(db.session.execute(sa.select(PointEntry.source_kind, PointEntry.amount)).all())


def test_a_perfect_first_completion_pays_completion_answers_and_the_bonus(make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    attempt = play_through(student, quiz)
    right = attempt.right_count
    assert attempt.is_finished and right == len(attempt.scored_answers) > 0
    assert paid(db) == {
        PointSource.QUIZ_COMPLETION: COMPLETION,
        PointSource.QUIZ_CORRECT_ANSWER: right * PER_ANSWER,
        PointSource.QUIZ_PERFECT_SCORE: PERFECT,
    }
    assert total_points(student.id) == COMPLETION + right * PER_ANSWER + PERFECT


def test_a_retake_pays_nothing_more_even_when_it_is_better(make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    first = play_through(student, quiz, right=False)
    before = total_points(student.id)
    play_through(student, quiz, right=True)
    assert total_points(student.id) == before == COMPLETION + first.right_count * PER_ANSWER
    assert PointSource.QUIZ_PERFECT_SCORE not in paid(db)


def test_unfinished_attempts_pay_nothing(make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    attempt = start_attempt(student, quiz)
    question = quiz.current_version.questions[0]
    submit_answer(attempt, question.id, sorted(question.kind.key(question.body)))
    assert total_points(student.id) == 0


def test_the_result_page_says_what_was_earned(client, auth, make, db):
    quiz, student = make.quiz(), make.user(Role.STUDENT)
    auth.login(student)
    first = play_through(student, quiz)
    page = client.get(f"/attempts/{first.id}/result").get_data(as_text=True)
    earned = total_points(student.id)
    assert f"{earned} points added for your first completion" in page
    again = play_through(student, quiz)
    page = client.get(f"/attempts/{again.id}/result").get_data(as_text=True)
    assert "Retakes are for practice" in page
