"""The push stream (resume with Last-Event-ID), teams, the host's report, and the PIN limit."""

import csv
import io
import threading
import time

import sqlalchemy as sa

from app.core.access import Role
from app.live.models import LiveGame, LiveTeam, TeamMode

from .conftest import Phone, act, new_game


def read_event(chunks) -> tuple[int, str, dict]:
    """The next event of a stream: (id, name, data)."""
    import json

    fields = {}
    for line in next(chunks).decode().splitlines():
        key, _, value = line.partition(": ")
        fields[key] = value
    return int(fields["id"]), fields["event"], json.loads(fields["data"])


def open_stream(phone: Phone, last_event_id: int | None = None):
    headers = {} if last_event_id is None else {"Last-Event-ID": str(last_event_id)}
    response = phone.client.get(
        f"/live/api/games/{phone.game.id}/events", headers=headers, buffered=False
    )
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    chunks = iter(response.response)
    assert next(chunks).decode().startswith("retry: ")
    return response, chunks


def test_the_stream_sends_the_current_state_first(phone, game):
    player = phone("Listener", "ru")
    response, chunks = open_stream(player)
    revision, name, data = read_event(chunks)
    assert (revision, name) == (game.revision, "lobby")
    assert data["you"]["nickname"] == "Listener" and data["game"]["title"] == "Integrity Hour (ru)"
    response.close()


def test_a_resumed_stream_waits_for_the_next_change(app, phone, game, host):
    player = phone("Resumer")
    # read before the stream opens: a stream gives its database session back while it waits
    game_id, revision_before, host_id = game.id, game.revision, host.get_id()
    response, chunks = open_stream(player, last_event_id=revision_before)
    started_with = []

    def host_starts_soon():
        time.sleep(0.3)
        host_client = app.test_client()
        with host_client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = host_id, True
        started_with.append(host_client.post(f"/live/api/games/{game_id}/start", json={}))

    starter = threading.Thread(target=host_starts_soon)
    starter.start()
    started = time.monotonic()
    revision, name, data = read_event(chunks)  # nothing is resent: the next event is new
    starter.join()
    assert started_with[0].status_code == 200
    assert name == "question" and revision == revision_before + 1
    assert time.monotonic() - started >= 0.25
    assert data["question"]["position"] == 1 and data["question"]["ends_in_ms"] > 0
    response.close()


def test_a_finished_game_tells_an_up_to_date_client_to_stop(phone, game, host_client, db):
    player = phone("Finisher")
    act(host_client, game, "finish")
    revision = db.session.get(LiveGame, game.id).revision
    response = player.client.get(
        f"/live/api/games/{game.id}/events", headers={"Last-Event-ID": str(revision)}
    )
    assert response.status_code == 204


def test_teams_by_class_score_the_average_of_members(app, host, live_quiz, make, region, clock, db):
    game = new_game(host, live_quiz, team_mode=TeamMode.CLASS)
    school = make.institution(region)
    classes = {name: make.school_class(school, name=name) for name in ("9А", "9Б")}
    phones = []
    for name, members in (("9А", 2), ("9Б", 1)):
        for _ in range(members):
            student = make.user(Role.STUDENT, institution=school)
            classes[name].students.append(student)
            db.session.commit()
            phone = Phone(app, game)
            with phone.client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = student.get_id(), True
            assert phone.join(f"S{len(phones)}").status_code == 201
            phones.append(phone)
    assert sorted(db.session.scalars(sa.select(LiveTeam.name))) == ["9А", "9Б"]
    host_client = app.test_client()
    with host_client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = host.get_id(), True
    act(host_client, game, "start")
    clock.advance(0)
    phones[0].answer(1, "a")  # 9А: 1000 and 0 -> 500
    phones[1].answer(1, "b")
    clock.advance(10)
    phones[2].answer(1, "a")  # 9Б: 750
    _event, data = phones[0].event()
    assert data["teams"] == [
        {"rank": 1, "name": "9Б", "score": 750, "members": 1},
        {"rank": 2, "name": "9А", "score": 500, "members": 2},
    ]
    assert data["you"]["team"] == "9А"


def test_the_host_makes_teams_and_moves_a_player(phone, host, live_quiz, app, db, auth):
    game = new_game(host, live_quiz, team_mode=TeamMode.HOST)
    players = []
    for number in range(5):
        player = Phone(app, game)
        player.join(f"T{number}")
        players.append(player)
    auth.login(host)
    assert act(auth.client, game, "teams", count=2).status_code == 200
    teams = db.session.scalars(sa.select(LiveTeam).order_by(LiveTeam.name)).all()
    assert [team.name for team in teams] == ["A", "B"]
    roster = {p.player_id: p for p in players}
    moved = auth.client.post(
        f"/live/api/games/{game.id}/players/{players[0].player_id}/team",
        json={"team": teams[1].id},
    )
    assert moved.status_code == 200
    newcomer = Phone(app, game)
    newcomer.join("Late")  # joins the smaller team
    sizes = {team.name: 0 for team in teams}
    for player in [*roster.values(), newcomer]:
        sizes[player.event()[1]["you"]["team"]] += 1
    assert sizes == {"A": 3, "B": 3}
    other_game = new_game(host, live_quiz, team_mode=TeamMode.HOST)
    foreign = auth.client.post(
        f"/live/api/games/{other_game.id}/players/{players[1].player_id}/team", json={"team": None}
    )
    assert (foreign.status_code, foreign.json["error"]) == (404, "player_unknown")


def test_the_report_and_its_csv(phone, game, host_client, clock, db):
    good, bad = phone("Good"), phone("=Bad")  # a nickname that looks like a formula
    act(host_client, game, "start")
    clock.advance(2)
    good.answer(1, "a")
    bad.answer(1, "b")
    act(host_client, game, "finish")
    page = host_client.get(f"/live/games/{game.id}/report")
    assert page.status_code == 200 and "Good" in page.text
    players = host_client.get(f"/live/games/{game.id}/players.csv")
    rows = list(csv.reader(io.StringIO(players.text.lstrip("\ufeff"))))
    assert rows[0] == ["Place", "Nickname", "Team", "Score", "Answered", "Correct", "Signed in"]
    assert rows[1][:6] == ["1", "Good", "", "950", "1", "1"]
    assert rows[2][1] == "'=Bad"  # defused for spreadsheets
    questions = host_client.get(f"/live/games/{game.id}/questions.csv")
    rows = list(csv.reader(io.StringIO(questions.text.lstrip("\ufeff"))))
    assert rows[0][0] == "Question" and rows[1][2:5] == ["2", "1", "50"]


def test_only_wrong_pins_count_toward_the_limit(spawn_app, game):
    limited = spawn_app(RATELIMIT_ENABLED=True, LIVE_PIN_RATE_LIMIT="3 per minute")
    client = limited.test_client()
    wrong = next(f"{n:06d}" for n in range(10) if f"{n:06d}" != game.pin)

    def join(pin: str, nickname: str):
        return client.post("/live/api/join", json={"pin": pin, "nickname": nickname})

    assert [join(wrong, "A").status_code for _ in range(2)] == [404, 404]
    assert join(game.pin, "Right").status_code == 201  # a right PIN is not a guess
    assert join(wrong, "A").status_code == 404
    refused = join(wrong, "A")
    assert (refused.status_code, refused.json["error"]) == (429, "rate_limited")
