"""Fair timing (docs/live-protocol.md, "Fair timing"): the phone's own measure of its
player's time counts, clamped to what is physically possible; an answer tapped in time
counts though the network or a busy server made it late; a database outage answers the
protocol's JSON 503 and the phone's retry of the same answer counts."""

from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.i18n import SESSION_KEY
from app.live.models import LiveAnswer

from .conftest import act

LIMIT_S = 20  # every question of the fixture quiz


def stored(db, player) -> LiveAnswer | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(LiveAnswer).where(LiveAnswer.player_id == player.player_id))


def test_the_same_tap_earns_the_same_points_whatever_the_network(
    phone, game, host_client, clock, db
):
    near, far, _third = phone("Near"), phone("Far"), phone("Third")
    act(host_client, game, "start")
    # Both tapped 1.5 s after their phones showed the question; the far phone's answer
    # arrives 0.8 s later than the near one's (a slow link, or a queue on the server).
    clock.advance(1.55)
    assert near.answer(1, "a", elapsed_ms=1500).status_code == 200
    clock.advance(0.75)
    assert far.answer(1, "a", elapsed_ms=1500).status_code == 200
    assert stored(db, near).elapsed_ms == stored(db, far).elapsed_ms == 1500
    assert stored(db, near).points == stored(db, far).points > 0


def test_without_a_report_the_server_times_the_answer_as_before(
    phone, game, host_client, clock, db
):
    player, _other = phone("Old client"), phone("Other")
    act(host_client, game, "start")
    clock.advance(2.3)
    assert player.answer(1, "a").json["elapsed_ms"] == 2300


@pytest.mark.parametrize(
    ("reported", "expected_ms"),
    [
        (0, 300),  # no one reads and taps in no time: the floor (LIVE_MIN_ANSWER_MS)
        (1, 300),
        (10**12, 4000),  # never more than the server's own time since the question started
        (4500, 4000),
        (2500, 2500),
    ],
)
def test_a_forged_report_gains_nothing_a_perfect_network_would_not_give(
    phone, game, host_client, clock, db, reported, expected_ms
):
    player, _other = phone("Forger"), phone("Other")
    act(host_client, game, "start")
    clock.advance(4)
    assert player.answer(1, "a", elapsed_ms=reported).json["elapsed_ms"] == expected_ms


@pytest.mark.parametrize("reported", [-1, "1500", 1.5, True, None, [1], {"ms": 1}])
def test_a_report_that_is_not_a_count_of_milliseconds_is_refused(
    phone, game, host_client, clock, db, reported
):
    player, _other = phone("Garbage"), phone("Other")
    act(host_client, game, "start")
    clock.advance(2)
    response = player.client.post(
        f"/live/api/games/{game.id}/answers",
        json={"question": 1, "choices": ["a"], "elapsed_ms": reported},
    )
    if reported is None:  # an explicit null is the same as leaving the field out
        assert response.status_code == 200
        return
    assert (response.status_code, response.json["error"]) == (400, "bad_request")
    assert stored(db, player) is None


def test_an_answer_tapped_in_time_counts_when_it_arrives_late(phone, game, host_client, clock, db):
    player, _other = phone("Queued"), phone("Other")
    act(host_client, game, "start")
    clock.advance(LIMIT_S + 1.5)  # inside the grace (LIVE_ANSWER_GRACE_SECONDS = 3)
    response = player.answer(1, "a", elapsed_ms=19_200)
    assert response.status_code == 200 and response.json["elapsed_ms"] == 19_200
    assert stored(db, player).points > 0


def test_a_late_answer_without_a_report_or_tapped_too_late_is_time_up(
    phone, game, host_client, clock, db
):
    old, slow, _other = phone("Old"), phone("Slow"), phone("Other")
    act(host_client, game, "start")
    clock.advance(LIMIT_S + 1)
    assert old.answer(1, "a").json["error"] == "time_up"
    assert slow.answer(1, "a", elapsed_ms=LIMIT_S * 1000).json["error"] == "time_up"
    assert stored(db, old) is None and stored(db, slow) is None


def test_after_the_grace_nothing_counts_and_the_reveal_comes(phone, game, host_client, clock, db):
    player, sleeper = phone("Awake"), phone("Asleep")
    act(host_client, game, "start")
    clock.advance(LIMIT_S + 1)
    assert player.event()[0] == "question"  # the grace: answers may still be on their way
    clock.advance(2)
    assert sleeper.answer(1, "a", elapsed_ms=5000).json["error"] == "time_up"
    assert player.event()[0] == "reveal"


# --- a database outage (PostgreSQL: the test database refuses connections for a while) ----


@contextmanager
def database_away(db):
    """Make the test database unreachable, as during a restart: it refuses new connections
    and every open one is cut. Restored on leaving, whatever happened."""
    url = db.engine.url
    name = url.database
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
            connection.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
        yield
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
        admin.dispose()
        db.engine.dispose()


@pytest.fixture
def postgres(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL): the outage is a real one")


def test_a_database_outage_answers_json_503_and_the_same_answer_counts_on_retry(
    postgres, phone, game, host_client, clock, db
):
    player, _other = phone("Patient"), phone("Other")
    act(host_client, game, "start")
    clock.advance(2)
    with database_away(db):
        during = player.answer(1, "a", elapsed_ms=1800)
    assert during.status_code == 503
    assert during.json["error"] == "unavailable" and during.json["message"]
    assert int(during.headers["Retry-After"]) > 0
    clock.advance(1)
    retry = player.answer(1, "a", elapsed_ms=1800)  # what live-play.js does by itself
    assert retry.status_code == 200 and retry.json["repeat"] is False
    assert stored(db, player).elapsed_ms == 1800


def test_a_page_during_a_database_outage_is_a_503_page_not_a_500(postgres, client, auth, make, db):
    student = make.user(Role.STUDENT, login="reader")
    auth.login(student)  # the page looks the signed-in user up: in the database that is away
    with client.session_transaction() as session:
        session[SESSION_KEY] = "ru"
    with database_away(db):
        response = client.get("/quizzes")
    assert response.status_code == 503 and response.headers["Retry-After"]
    page = response.get_data(as_text=True)
    assert 'lang="ru"' in page and "503" in page
