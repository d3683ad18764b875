"""The question-type registry: accepted answers, correctness and scores, table-driven."""

import pytest

from app.quizzes.models import Question, QuestionType
from app.quizzes.types import REGISTRY, InvalidAnswer, kind_of


def option(id_, correct=False):
    return {"id": id_, "text": {"kk": id_, "ru": id_, "en": id_}, "correct": correct}


def question(kind, options=(), answer=None, points=100):
    return Question(type=kind, options=list(options), answer=answer, points=points)


SINGLE = question(QuestionType.SINGLE, [option("a", True), option("b"), option("c")])
MULTIPLE = question(
    QuestionType.MULTIPLE, [option("a", True), option("b", True), option("c")], points=150
)
TRUE_FALSE = question(QuestionType.TRUE_FALSE, answer=False)
POLL = question(QuestionType.POLL, [option("a"), option("b")], points=0)


def test_every_question_type_has_a_kind():
    assert set(REGISTRY) == set(QuestionType)


@pytest.mark.parametrize(
    ("q", "chosen", "correct", "score"),
    [
        (SINGLE, ["a"], True, 100),
        (SINGLE, ["b"], False, 0),
        (MULTIPLE, ["b", "a"], True, 150),
        (MULTIPLE, ["a"], False, 0),  # partial: nothing
        (MULTIPLE, ["a", "b", "c"], False, 0),  # ticking everything: nothing
        (TRUE_FALSE, ["false"], True, 100),
        (TRUE_FALSE, ["true"], False, 0),
        (POLL, ["b"], None, 0),
    ],
)
def test_correctness_and_score(q, chosen, correct, score):
    kind = kind_of(q)
    accepted = kind.accept(q, chosen)
    assert kind.is_correct(q, accepted) is correct
    assert kind.score(q, accepted) == score


@pytest.mark.parametrize(
    ("q", "chosen"),
    [
        (SINGLE, []),
        (SINGLE, ["a", "b"]),  # two answers to a single-choice question
        (SINGLE, ["z"]),  # not an option
        (TRUE_FALSE, ["maybe"]),
        (MULTIPLE, ["a", "x"]),
        (POLL, []),
    ],
)
def test_answers_that_do_not_fit_are_refused(q, chosen):
    with pytest.raises(InvalidAnswer):
        kind_of(q).accept(q, chosen)


def test_accepted_answers_are_canonical():
    assert kind_of(MULTIPLE).accept(MULTIPLE, ["b", "a", "b"]) == ("a", "b")
