"""A live game through its protocol: joining, answering, scoring, reveal, podium, points."""

import json
from datetime import timedelta

import sqlalchemy as sa

from app.core.access import Role
from app.gamification.models import PointEntry, PointSource
from app.live.models import GamePhase, LiveAnswer, LiveGame, LivePlayer

from .conftest import TEXTS, act, new_game


def answers_in(db, game) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(LiveAnswer.id)).where(LiveAnswer.game_id == game.id)
    )


def score_of(db, player_id: int) -> int:
    db.session.expire_all()
    return db.session.get(LivePlayer, player_id).score


# --- joining ----------------------------------------------------------------------------------


def test_a_player_joins_with_pin_and_nickname(phone, game, db):
    player = phone()
    response = player.join("Aruzhan", "kk")
    assert response.status_code == 201
    assert response.json["nickname"] == "Aruzhan" and response.json["rejoined"] is False
    assert "live_player=" in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
    stored = db.session.get(LivePlayer, player.player_id)
    assert (stored.game_id, stored.language, stored.user_id) == (game.id, "kk", None)


def test_a_dropped_player_rejoins_with_the_same_score(phone, game, db, host_client, clock):
    player = phone("Dana")
    act(host_client, game, "start")
    clock.advance(2)
    player.answer(1, "a")  # everyone answered: the question ends and the score counts
    score = score_of(db, player.player_id)
    assert score > 0
    again = player.join("Another name")  # the cookie still holds this game's token
    assert again.status_code == 200 and again.json["rejoined"] is True
    assert again.json["player"] == player.player_id and again.json["nickname"] == "Dana"
    assert score_of(db, player.player_id) == score


def test_a_signed_in_student_is_linked_and_rejoins_from_another_phone(app, game, make, auth, db):
    student = make.user(Role.STUDENT)
    auth.login(student)
    first = auth.client.post("/live/api/join", json={"pin": game.pin, "nickname": "Sultan"})
    assert first.status_code == 201
    assert db.session.get(LivePlayer, first.json["player"]).user_id == student.id
    other_phone = app.test_client()
    with other_phone.session_transaction() as session:
        session["_user_id"], session["_fresh"] = student.get_id(), True
    second = other_phone.post("/live/api/join", json={"pin": game.pin, "nickname": "Sultan2"})
    assert second.status_code == 200 and second.json["player"] == first.json["player"]


def test_a_wrong_or_ended_pin_is_refused(phone, game, host_client, db):
    wrong = "000000" if game.pin != "000000" else "111111"
    response = phone().join("Aru", pin=wrong)
    assert (response.status_code, response.json["error"]) == (404, "pin_unknown")
    assert response.json["message"]
    pin = game.pin
    act(host_client, game, "finish")
    ended = phone().join("Aru", pin=pin)
    assert (ended.status_code, ended.json["error"]) == (404, "pin_unknown")
    assert db.session.scalar(sa.select(sa.func.count(LivePlayer.id))) == 0


def test_a_pin_expires_with_an_abandoned_game(phone, game, host, live_quiz, db, app):
    game.created_at -= timedelta(hours=app.config["LIVE_GAME_HOURS"] + 1)
    db.session.commit()
    pin = game.pin
    new_game(host, live_quiz)  # creating a game releases the PINs of stale ones
    assert phone().join("Aru", pin=pin).json["error"] == "pin_unknown"


def test_nicknames_must_be_unique_allowed_and_valid(phone, game, db):
    phone("Aru")
    assert phone().join("ARU").json["error"] == "nickname_taken"
    assert phone().join("Аru").json["error"] == "nickname_taken"  # Cyrillic А
    blocked = phone().join("fuck")
    assert (blocked.status_code, blocked.json["error"]) == (422, "nickname_blocked")
    assert phone().join("   ").json["error"] == "nickname_invalid"
    assert phone().join("x" * 21).json["error"] == "nickname_invalid"
    assert db.session.scalar(sa.select(sa.func.count(LivePlayer.id))) == 1


def test_player_posts_must_be_json(game, client):
    response = client.post("/live/api/join", data={"pin": game.pin, "nickname": "Aru"})
    assert (response.status_code, response.json["error"]) == (415, "json_required")
    bad = client.post("/live/api/join", json={"pin": 123456, "nickname": "Aru"})
    assert (bad.status_code, bad.json["error"]) == (400, "bad_request")


# --- playing ----------------------------------------------------------------------------------


def test_the_speed_formula_and_the_streak_bonus(phone, game, host_client, clock, db):
    fast, slow, wrong = phone("Fast"), phone("Slow"), phone("Wrong")
    act(host_client, game, "start")
    clock.advance(0)
    fast.answer(1, "a")
    clock.advance(10)  # half the 20-second limit
    slow.answer(1, "a")
    wrong.answer(1, "b")
    # round((1 - (t / T) / 2) * 1000): t = 0 -> 1000, t = 10 of 20 -> 750
    assert [score_of(db, p.player_id) for p in (fast, slow, wrong)] == [1000, 750, 0]

    revision = db.session.get(LiveGame, game.id).revision
    act(host_client, game, "next", revision=revision)
    clock.advance(5)
    for player in (fast, slow, wrong):
        player.answer(2, "true")
    # 5 of 20 s: round(0.875 * 1000) = 875, plus +100 for a second right answer in a row
    assert score_of(db, fast.player_id) == 1000 + 875 + 100
    assert score_of(db, wrong.player_id) == 875  # the streak starts again
    event, data = fast.event()
    assert event == "reveal"
    assert (data["you"]["points"], data["you"]["bonus"], data["you"]["streak"]) == (975, 100, 2)
    assert data["you"]["correct"] is True and data["you"]["rank"] == 1


def test_the_streak_bonus_is_capped(game, db):
    from app.live.scoring import Scoring, score_answer

    assert score_answer(True, 0, 20_000, 10, Scoring()).bonus == 500
    assert score_answer(True, 0, 20_000, 1, Scoring()).bonus == 100


def test_the_reveal_shows_answer_distribution_explanation_and_top(phone, game, host_client, clock):
    players = [phone(f"P{n}") for n in range(6)]
    act(host_client, game, "start")
    for index, player in enumerate(players):
        clock.advance(1)
        player.answer(1, "a" if index < 4 else "b")
    event, data = players[0].event()
    assert event == "reveal"
    assert data["distribution"] == {"a": 4, "b": 2, "c": 0}
    assert data["question"]["correct"] == ["a"]
    assert data["question"]["explanation"] == "A bribe is a crime (en)"
    assert [row["nickname"] for row in data["top"]] == ["P0", "P1", "P2", "P3", "P4"]
    assert [row["rank"] for row in data["top"]] == [1, 2, 3, 4, 5]
    assert data["top"][4]["score"] == 0 and data["top"][4]["rank"] == 5


def test_equal_scores_share_a_rank(phone, game, host_client, clock):
    first, second, third = phone("A1"), phone("B1"), phone("C1")
    act(host_client, game, "start")
    clock.advance(4)
    first.answer(1, "a")
    second.answer(1, "a")
    third.answer(1, "c")
    ranks = [p.event()[1]["you"]["rank"] for p in (first, second, third)]
    assert ranks == [1, 1, 3]


def test_each_phone_sees_the_question_in_its_own_language(phone, game, host_client):
    phones = {language: phone(f"Player {language}", language) for language in ("kk", "ru", "en")}
    act(host_client, game, "start")
    for language, player in phones.items():
        event, data = player.event()
        assert event == "question"
        assert data["question"]["text"] == TEXTS[language]
        texts = {choice["id"]: choice["text"] for choice in data["question"]["choices"]}
        assert texts["a"] == f"No ({language})"
        assert {"colour", "shape"} <= set(data["question"]["choices"][0])
    host_view = host_client.get(f"/live/api/games/{game.id}/host-events", buffered=False)
    chunks = host_view.response
    next(chunks)  # retry
    assert TEXTS["en"] in next(chunks).decode()
    host_view.close()


def test_the_projector_and_every_phone_show_the_choices_in_the_games_one_order(
    phone, game, host_client, db
):
    phones = [phone(f"Player {n}", language) for n, language in enumerate(("kk", "ru", "en"))]
    act(host_client, game, "start")
    stored = db.session.get(LiveGame, game.id).orders["1"]
    assert sorted(stored) == ["a", "b", "c"]
    for player in phones:
        choices = player.event()[1]["question"]["choices"]
        assert [choice["id"] for choice in choices] == stored
        # the colour and shape of each tile go with its place, the same on every screen
        assert [c["colour"] for c in choices] == ["red", "blue", "yellow"]
    host_view = host_client.get(f"/live/api/games/{game.id}/host-events", buffered=False)
    chunks = host_view.response
    next(chunks)  # retry
    host_data = json.loads(next(chunks).decode().split("data: ", 1)[1].split("\n")[0])
    host_view.close()
    assert [choice["id"] for choice in host_data["question"]["choices"]] == stored


def test_true_false_choices_are_translated_per_phone(phone, game, host_client, db, clock):
    kk, ru = phone("Kk", "kk"), phone("Ru", "ru")
    act(host_client, game, "start")
    clock.advance(1)
    kk.answer(1, "a")
    ru.answer(1, "a")
    act(host_client, game, "next", revision=db.session.get(LiveGame, game.id).revision)
    assert [c["text"] for c in kk.event()[1]["question"]["choices"]] == ["Дұрыс", "Бұрыс"]
    assert [c["text"] for c in ru.event()[1]["question"]["choices"]] == ["Верно", "Неверно"]


def test_a_poll_shows_the_distribution_only_and_keeps_streaks(phone, game, host_client, clock, db):
    player, other = phone("Voter"), phone("Other")
    act(host_client, game, "start")
    for position, choice in ((1, "a"), (2, "true")):
        clock.advance(1)
        player.answer(position, choice)
        other.answer(position, choice)
        act(host_client, game, "next", revision=db.session.get(LiveGame, game.id).revision)
    before = score_of(db, player.player_id)
    clock.advance(1)
    player.answer(3, "yes")
    other.answer(3, "no")
    event, data = player.event()
    assert event == "reveal"
    assert data["distribution"] == {"yes": 1, "no": 1}
    assert data["question"]["correct"] == []
    assert data["you"]["points"] == 0 and data["you"]["correct"] is None
    assert data["you"]["streak"] == 2
    assert score_of(db, player.player_id) == before


def test_the_question_ends_when_time_is_up(phone, game, host_client, clock):
    player, _sleeper = phone("Awake"), phone("Asleep")
    act(host_client, game, "start")
    clock.advance(3)
    player.answer(1, "a")
    assert player.event()[0] == "question"  # one player has not answered yet
    clock.advance(20)
    assert player.event()[0] == "reveal"  # the next look at the state ends it


def test_answers_after_time_or_off_question_change_nothing(phone, game, host_client, clock, db):
    player, _other = phone("Late"), phone("Other")
    early = player.answer(1, "a")
    assert (early.status_code, early.json["error"]) == (409, "question_not_current")
    act(host_client, game, "start")
    assert player.answer(2, "true").json["error"] == "question_not_current"
    clock.advance(21)
    late = player.answer(1, "a")
    assert (late.status_code, late.json["error"]) == (409, "time_up")
    assert answers_in(db, game) == 0
    assert score_of(db, player.player_id) == 0


def test_unknown_options_and_forged_tokens_are_refused(phone, game, host_client, app, db):
    player, _other = phone("Honest"), phone("Other")
    act(host_client, game, "start")
    unknown = player.answer(1, "z")
    assert (unknown.status_code, unknown.json["error"]) == (422, "choices_invalid")
    assert player.answer(1, "a", "b").json["error"] == "choices_invalid"
    forger = app.test_client()
    forged = forger.post(
        f"/live/api/games/{game.id}/answers",
        json={"question": 1, "choices": ["a"]},
        headers={"X-Player-Token": "WzEsIDIsICJlbiJd.forged"},
    )
    assert (forged.status_code, forged.json["error"]) == (401, "token_invalid")
    assert answers_in(db, game) == 0


def test_a_token_for_another_game_is_refused(phone, game, host, live_quiz, app, db):
    player = phone("Wanderer")
    other = new_game(host, live_quiz)
    response = player.client.get(f"/live/api/games/{other.id}/state")
    assert (response.status_code, response.json["error"]) == (401, "token_invalid")


def test_a_second_answer_returns_the_first(phone, game, host_client, clock, db):
    player, _other = phone("Twice"), phone("Other")
    act(host_client, game, "start")
    clock.advance(2)
    first = player.answer(1, "b")
    clock.advance(2)
    second = player.answer(1, "a")
    assert first.json["repeat"] is False and second.json["repeat"] is True
    assert second.json["choices"] == ["b"] and second.json["elapsed_ms"] == 2000
    assert answers_in(db, game) == 1


def test_the_host_moves_the_game_and_others_cannot(phone, game, host_client, make, auth, app):
    phone("Someone")
    stranger = app.test_client()
    refused = stranger.post(f"/live/api/games/{game.id}/start", json={})
    assert (refused.status_code, refused.json["error"]) == (403, "not_host")
    other_teacher = make.user(Role.TEACHER)
    auth.login(other_teacher)
    assert act(auth.client, game, "start").json["error"] == "not_host"


def test_a_stale_revision_or_wrong_phase_is_refused(game, app, host, db):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = host.get_id(), True
    revision = game.revision
    assert act(client, game, "next").json["error"] == "wrong_phase"
    assert act(client, game, "start", revision=revision).status_code == 200
    double_click = act(client, game, "start", revision=revision)
    assert (double_click.status_code, double_click.json["error"]) == (409, "stale_revision")
    db.session.expire_all()
    assert db.session.get(LiveGame, game.id).position == 1


def test_the_game_runs_to_a_podium_and_pays_linked_players(
    app, phone, game, host_client, clock, make, db
):
    student = make.user(Role.STUDENT)
    linked = app.test_client()
    with linked.session_transaction() as session:
        session["_user_id"], session["_fresh"] = student.get_id(), True
    joined = linked.post("/live/api/join", json={"pin": game.pin, "nickname": "Star"})
    assert joined.status_code == 201
    guest = phone("Guest")
    act(host_client, game, "start")
    for position, (right, wrong) in enumerate([("a", "b"), ("true", "false"), ("yes", "no")], 1):
        clock.advance(1)
        linked.post(
            f"/live/api/games/{game.id}/answers", json={"question": position, "choices": [right]}
        )
        guest.answer(position, wrong)
        reply = act(host_client, game, "next", revision=db.session.get(LiveGame, game.id).revision)
        assert reply.status_code == 200
    db.session.expire_all()
    assert db.session.get(LiveGame, game.id).phase == GamePhase.FINISHED
    event, data = guest.event()
    assert event == "podium"
    assert [row["nickname"] for row in data["podium"]] == ["Star", "Guest"]
    payments = db.session.execute(
        sa.select(PointEntry.source_kind, PointEntry.amount).where(PointEntry.user_id == student.id)
    ).all()
    assert sorted(payments) == [
        (PointSource.LIVE_PARTICIPATION, 30),
        (PointSource.LIVE_PLACEMENT, 150),
    ]


def test_a_removed_player_leaves_the_board_and_cannot_answer(phone, game, host_client, db):
    keeper, removed = phone("Keeper"), phone("Rude")
    reply = host_client.post(f"/live/api/games/{game.id}/players/{removed.player_id}/remove")
    assert reply.status_code == 200
    assert removed.event()[0] == "removed"
    assert removed.join("Rude again").json["error"] == "player_removed"
    act(host_client, game, "start")
    assert removed.answer(1, "a").json["error"] == "player_removed"
    keeper.answer(1, "a")  # the only active player: everyone answered
    assert keeper.event()[0] == "reveal"


def test_polling_answers_204_when_nothing_changed(phone, game):
    player = phone("Poller")
    body = player.state().json
    assert player.state(since=body["data"]["revision"]).status_code == 204
    assert player.state(since=body["data"]["revision"] - 1).status_code == 200


def test_errors_come_in_the_players_language(phone, game):
    player = phone("Қайрат", "kk")
    refused = player.answer(1, "a")  # the game is still in the lobby
    assert refused.json["error"] == "question_not_current"
    assert refused.json["message"] != "This question is not open any more."
    assert any(letter in refused.json["message"] for letter in "әғқңөұүһі")
