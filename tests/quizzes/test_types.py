"""The question kinds: accepted answers, grades and points, table-driven, and the orders
players are shown."""

import random

import pytest

from app.quizzes.kinds import InvalidAnswer, all_kinds, kind_named, points_for


def text(word):
    return {"kk": word, "ru": word, "en": word}


def option(id_, correct=False):
    return {"id": id_, "text": text(id_), "correct": correct}


SINGLE = {"options": [option("a", True), option("b"), option("c")]}
MULTIPLE = {"options": [option("a", True), option("b", True), option("c")]}
TRUE_FALSE = {"answer": False}
POLL = {"options": [option("a"), option("b")]}
ORDERING = {"items": [{"id": i, "text": text(i)} for i in ("s1", "s2", "s3", "s4")]}
MATCHING = {
    "items": [
        {"id": "flowers", "text": text("flowers"), "match": "gift"},
        {"id": "envelope", "text": text("envelope"), "match": "bribe"},
        {"id": "cousin", "text": text("cousin"), "match": "conflict"},
        {"id": "cake", "text": text("cake"), "match": "gift"},
    ],
    "categories": [{"id": c, "text": text(c)} for c in ("gift", "bribe", "conflict")],
}
RIGHT_MATCH = ["flowers:gift", "envelope:bribe", "cousin:conflict", "cake:gift"]


@pytest.mark.parametrize(
    ("kind", "body", "chosen", "correct", "credit"),
    [
        ("single", SINGLE, ["a"], True, 1),
        ("single", SINGLE, ["b"], False, 0),
        ("multiple", MULTIPLE, ["b", "a"], True, 1),
        ("multiple", MULTIPLE, ["a"], False, 0),  # partial: nothing
        ("multiple", MULTIPLE, ["a", "b", "c"], False, 0),  # ticking everything: nothing
        ("true_false", TRUE_FALSE, ["false"], True, 1),
        ("true_false", TRUE_FALSE, ["true"], False, 0),
        ("poll", POLL, ["b"], None, 0),
        ("ordering", ORDERING, ["s1", "s2", "s3", "s4"], True, 1),
        ("ordering", ORDERING, ["s2", "s3", "s4", "s1"], False, 2 / 3),  # two steps kept
        ("ordering", ORDERING, ["s4", "s3", "s2", "s1"], False, 0),  # reversed
        ("matching", MATCHING, RIGHT_MATCH, True, 1),
        ("matching", MATCHING, [*RIGHT_MATCH[:3], "cake:bribe"], False, 3 / 4),
    ],
)
def test_grades(kind, body, chosen, correct, credit):
    question_kind = kind_named(kind)
    grade = question_kind.grade(body, question_kind.accept(body, chosen))
    assert grade.correct is correct
    assert grade.credit == pytest.approx(credit)
    assert points_for(120, grade) == round(120 * credit)


def test_live_game_pays_an_ordering_only_when_it_is_whole_but_a_matching_per_pair():
    ordering, matching = kind_named("ordering"), kind_named("matching")
    almost = ordering.grade(ORDERING, ("s2", "s3", "s4", "s1"))
    assert almost.credit > 0 and ordering.live_credit(almost) == 0
    three_of_four = matching.grade(MATCHING, tuple([*RIGHT_MATCH[:3], "cake:bribe"]))
    assert matching.live_credit(three_of_four) == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("kind", "body", "chosen"),
    [
        ("single", SINGLE, []),
        ("single", SINGLE, ["a", "b"]),  # two answers to a single-choice question
        ("single", SINGLE, ["z"]),  # not an option
        ("true_false", TRUE_FALSE, ["maybe"]),
        ("multiple", MULTIPLE, ["a", "x"]),
        ("poll", POLL, []),
        ("ordering", ORDERING, ["s1", "s2", "s3"]),  # not every item
        ("ordering", ORDERING, ["s1", "s1", "s2", "s3"]),  # not a permutation
        ("ordering", ORDERING, ["s1", "s2", "s3", "s9"]),
        ("matching", MATCHING, RIGHT_MATCH[:3]),  # an item left out
        ("matching", MATCHING, [*RIGHT_MATCH, "cake:bribe"]),  # an item twice
        ("matching", MATCHING, [*RIGHT_MATCH[:3], "cake:cash"]),  # not a category
        ("matching", MATCHING, [*RIGHT_MATCH[:3], "cake"]),  # not a pair
    ],
)
def test_answers_that_do_not_fit_are_refused(kind, body, chosen):
    with pytest.raises(InvalidAnswer):
        kind_named(kind).accept(body, chosen)


def test_accepted_answers_are_canonical():
    assert kind_named("multiple").accept(MULTIPLE, ["b", "a", "b"]) == ("a", "b")
    assert kind_named("matching").accept(MATCHING, RIGHT_MATCH[::-1]) == tuple(sorted(RIGHT_MATCH))


def test_orders_are_shuffled_unless_the_question_or_its_kind_keeps_them():
    rng = random.Random(7)
    single = kind_named("single")
    six = {"options": [option(letter) for letter in "abcdef"]}
    orders = {tuple(single.new_order(six, rng)) for _ in range(20)}
    assert len(orders) > 1 and all(sorted(order) == list("abcdef") for order in orders)
    assert single.new_order({**six, "keep_order": True}, rng) == list("abcdef")
    assert kind_named("true_false").new_order(TRUE_FALSE, rng) == ["true", "false"]


def test_an_ordering_question_is_never_shown_in_its_right_order():
    ordering = kind_named("ordering")
    three = {"items": ORDERING["items"][:3]}
    rng = random.Random(1)
    assert all(ordering.new_order(three, rng) != ["s1", "s2", "s3"] for _ in range(50))


def test_in_order_falls_back_to_the_written_order_for_an_order_that_does_not_fit():
    single = kind_named("single")
    assert [c.id for c in single.in_order(SINGLE, ["c", "a", "b"])] == ["c", "a", "b"]
    assert [c.id for c in single.in_order(SINGLE, ["x"])] == ["a", "b", "c"]


def test_every_kind_has_a_template_a_script_and_a_label():
    for kind in all_kinds():
        assert kind.template.startswith("quizzes/kinds/") and kind.script.startswith("js/kinds/")
        assert str(kind.label)
