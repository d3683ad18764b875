"""Question kinds end to end, self-paced and live, through the registry alone.

A small kind registered only here (a whole number to type in) shows that a new kind is one
class, one template and the catalogs: it is imported and exported (our YAML), played
self-paced and in a live game, and graded the same way in both. Then the ordering and
matching kinds play a live game, partial credit and all.
"""

import pytest
from jinja2 import ChoiceLoader, DictLoader

from app.live.models import LiveAnswer, LiveGame
from app.quizzes import interchange
from app.quizzes.editor import create_imported_quiz, quiz_questions
from app.quizzes.kinds import Grade, InvalidAnswer, QuestionKind, register, unregister
from app.quizzes.models import Attempt

from .conftest import Phone, act, new_game, trilingual

NUMBER_TEMPLATE = """
{% macro play(question, choices) %}<input name="choice" inputmode="numeric" data-number>{% endmacro %}
{% macro review(question, answer, choices) %}<p data-given>{{ answer.chosen[0] }}</p>{% endmacro %}
{% macro key(question) %}<p>{{ question.body.value }}</p>{% endmacro %}
"""


class WholeNumber(QuestionKind):
    """Type the number: right when it is the one in the file."""

    name = "whole_number"
    label = "Whole number"
    schema = {"value": {"type": "integer", "minimum": 0, "maximum": 10000}}
    required = ("value",)
    template = "tests/whole_number.html"
    script = "js/kinds/choice.js"
    shows_distribution = False

    def choices(self, body):
        return []

    def accept(self, body, chosen):
        if len(chosen) != 1 or not chosen[0].strip().isdigit():
            raise InvalidAnswer("Type a whole number.")
        return (str(int(chosen[0])),)

    def key(self, body):
        return (str(body["value"]),)

    def grade(self, body, accepted):
        right = accepted == self.key(body)
        return Grade(right, 1.0 if right else 0.0)


@pytest.fixture
def whole_number(app):
    register(WholeNumber())
    loader = app.jinja_env.loader
    app.jinja_env.loader = ChoiceLoader(
        [DictLoader({"tests/whole_number.html": NUMBER_TEMPLATE}), loader]
    )
    yield
    app.jinja_env.loader = loader
    unregister("whole_number")


NUMBER_QUIZ = """
questions:
  - id: hotline
    type: whole_number
    text: {kk: "Сыбайлас жемқорлық туралы хабарлау нөмірі?", ru: "Номер для сообщений о коррупции?", en: "The number to report corruption?"}
    value: 1424
    explanation: {en: "The Agency's call centre answers on 1424."}
    time_limit: 20
    points: 100
"""


def test_a_kind_registered_here_is_imported_exported_and_played_both_ways(
    whole_number, host, auth, app, clock
):
    imported = interchange.parse_yaml(NUMBER_QUIZ, "en")
    assert imported.errors == [] and len(imported.questions) == 1
    quiz = create_imported_quiz(host.id, "Numbers", "en", imported.questions)
    again = interchange.parse_yaml(interchange.to_yaml(quiz_questions(quiz)), "en")
    assert again.questions == quiz_questions(quiz)  # a lossless round trip

    question = quiz.current_version.questions[0]
    auth.login(host)  # the author previews the draft as a student plays it
    start = auth.client.post(f"/quizzes/{quiz.slug}/start")
    attempt_page = auth.client.get(start.headers["Location"])
    assert b"data-number" in attempt_page.data  # the kind's own template
    attempt_id = int(start.headers["Location"].rsplit("/", 1)[1])
    refused = auth.client.post(
        f"/attempts/{attempt_id}", data={"question_id": question.id, "choice": "many"}
    )
    assert refused.status_code == 302  # the kind's refusal, and nothing stored
    feedback = auth.client.post(
        f"/attempts/{attempt_id}", data={"question_id": question.id, "choice": "1424"}
    )
    assert b"data-given" in feedback.data
    attempt = app.extensions["sqlalchemy"].session.get(Attempt, attempt_id)
    assert [(a.chosen, a.is_correct, a.points) for a in attempt.answers] == [(["1424"], True, 100)]

    game = new_game(host, quiz)
    phone = Phone(app, game)
    assert phone.join("Nine", "ru").status_code == 201
    auth.login(host)
    act(auth.client, game, "start")
    clock.advance(1)
    assert phone.answer(1, "1424").status_code in (200, 201)
    live_answer = app.extensions["sqlalchemy"].session.query(LiveAnswer).one()
    assert (live_answer.choices, live_answer.correct) == (["1424"], True)
    assert live_answer.points > 0


KINDS_QUIZ = [
    {
        "id": "steps",
        "type": "ordering",
        "text": trilingual("Put the steps of reporting a bribe in order"),
        "items": [{"id": f"s{n}", "text": trilingual(f"Step {n}")} for n in (1, 2, 3, 4)],
        "explanation": trilingual("Record, refuse, report, keep evidence"),
        "time_limit": 20,
    },
    {
        "id": "sort",
        "type": "matching",
        "text": trilingual("Gift, bribe or conflict of interest?"),
        "items": [
            {"id": "flowers", "text": trilingual("Flowers on 1 September"), "match": "gift"},
            {"id": "envelope", "text": trilingual("An envelope before the exam"), "match": "bribe"},
            {"id": "cousin", "text": trilingual("Grading one's cousin"), "match": "conflict"},
            {"id": "card", "text": trilingual("A hand-made card"), "match": "gift"},
        ],
        "categories": [
            {"id": "gift", "text": trilingual("Gift")},
            {"id": "bribe", "text": trilingual("Bribe")},
            {"id": "conflict", "text": trilingual("Conflict of interest")},
        ],
        "explanation": trilingual("Value and timing decide"),
        "time_limit": 20,
    },
]


def test_ordering_and_matching_in_a_live_game_with_phones_in_three_languages(
    host, app, auth, clock, db
):
    quiz = create_imported_quiz(host.id, "Kinds", "en", KINDS_QUIZ)
    game = new_game(host, quiz)
    phones = {language: Phone(app, game) for language in ("kk", "ru", "en")}
    for language, player in phones.items():
        assert player.join(f"Player {language}", language).status_code == 201
    auth.login(host)
    act(auth.client, game, "start")
    seen = {language: player.event()[1]["question"] for language, player in phones.items()}
    orders = {tuple(c["id"] for c in question["choices"]) for question in seen.values()}
    assert len(orders) == 1 and orders != {("s1", "s2", "s3", "s4")}  # one order, shuffled
    assert seen["kk"]["choices"][0]["text"].endswith("(kk)")
    clock.advance(1)
    phones["kk"].answer(1, "s1", "s2", "s3", "s4")
    phones["ru"].answer(1, "s2", "s3", "s4", "s1")  # most steps kept: still nothing live
    assert phones["en"].answer(1, "s1", "s1", "s2", "s3").json["error"] == "choices_invalid"
    phones["en"].answer(1, "s4", "s3", "s2", "s1")
    act(auth.client, game, "reveal", revision=db.session.get(LiveGame, game.id).revision)
    reveal = phones["kk"].event()[1]
    assert reveal["you"]["correct"] is True and reveal["you"]["points"] > 0
    assert "Step 1 (kk) → Step 2 (kk)" in reveal["question"]["correct_text"]
    assert phones["ru"].event()[1]["you"]["points"] == 0

    act(auth.client, game, "next", revision=db.session.get(LiveGame, game.id).revision)
    question = phones["ru"].event()[1]["question"]
    assert [c["text"] for c in question["categories"]][0] == "Gift (ru)"
    clock.advance(2)
    right = ["flowers:gift", "envelope:bribe", "cousin:conflict", "card:gift"]
    phones["kk"].answer(2, *right)
    phones["ru"].answer(2, *right[:3], "card:bribe")  # three pairs of four
    phones["en"].answer(2, "flowers:bribe", "envelope:gift", "cousin:gift", "card:bribe")
    act(auth.client, game, "reveal", revision=db.session.get(LiveGame, game.id).revision)
    yours = {language: player.event()[1]["you"] for language, player in phones.items()}
    points = {language: you["points"] - you["bonus"] for language, you in yours.items()}
    assert points["kk"] > points["ru"] > points["en"] == 0
    # answered together, so three pairs of four earn three quarters (streak bonus aside)
    assert points["ru"] == pytest.approx(points["kk"] * 0.75, abs=2)
