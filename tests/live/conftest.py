"""Live-game fixtures: a three-language quiz, a host, a game, phones that join it, and a
controllable clock (answers are timed on the server)."""

from datetime import UTC, datetime, timedelta

import pytest

from app.core.access import Role
from app.live import api, services
from app.live.models import LiveGame, TeamMode
from app.live.scoring import Scoring
from app.quizzes.editor import QuizDetails, create_quiz

TEXTS = {"kk": "Пара беру адал ба?", "ru": "Честно ли давать взятку?", "en": "Is a bribe honest?"}


def trilingual(word: str) -> dict:
    return {"kk": f"{word} (kk)", "ru": f"{word} (ru)", "en": f"{word} (en)"}


def live_questions() -> list[dict]:
    """Single choice, true/false and a poll, each in kk, ru and en; 20 seconds each."""
    return [
        {
            "id": "bribe",
            "type": "single",
            "text": TEXTS,
            "options": [
                {"id": "a", "text": trilingual("No"), "correct": True},
                {"id": "b", "text": trilingual("Yes")},
                {"id": "c", "text": trilingual("Sometimes")},
            ],
            "explanation": trilingual("A bribe is a crime"),
            "time_limit": 20,
        },
        {
            "id": "gift",
            "type": "true_false",
            "text": trilingual("A gift to a teacher before an exam is a conflict of interest"),
            "answer": True,
            "explanation": trilingual("It can sway the grade"),
            "time_limit": 20,
        },
        {
            "id": "opinion",
            "type": "poll",
            "text": trilingual("Would you report a bribe?"),
            "options": [
                {"id": "yes", "text": trilingual("Yes")},
                {"id": "no", "text": trilingual("No")},
            ],
            "explanation": trilingual("Call 1424"),
            "time_limit": 20,
        },
    ]


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def advance(self, seconds: float) -> datetime:
        self.moment += timedelta(seconds=seconds)
        return self.moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(datetime(2026, 11, 25, 5, 0, tzinfo=UTC))
    monkeypatch.setattr(services, "utcnow", clock)
    monkeypatch.setattr(api, "utcnow", clock)
    return clock


@pytest.fixture
def host(make, region):
    school = make.institution(region)
    return make.user(Role.TEACHER, login="host-teacher", institution=school)


@pytest.fixture
def live_quiz(host):
    details = QuizDetails(
        title=trilingual("Integrity Hour"),
        description={},
        topic="other",
        min_grade=5,
        max_grade=11,
    )
    return create_quiz(host.id, details, live_questions())


def new_game(host, quiz, team_mode=TeamMode.NONE, scoring=None) -> LiveGame:
    return services.create_game(host, quiz, "en", team_mode, scoring or Scoring())


@pytest.fixture
def game(host, live_quiz, clock) -> LiveGame:
    return new_game(host, live_quiz)


class Phone:
    """One player's phone: its own cookie jar, speaking the protocol."""

    def __init__(self, app, game: LiveGame):
        self.client = app.test_client()
        self.game = game
        self.player_id = None

    def join(self, nickname: str, language: str = "en", pin: str | None = None):
        response = self.client.post(
            "/live/api/join",
            json={"pin": pin or self.game.pin, "nickname": nickname, "language": language},
        )
        if response.status_code in (200, 201):
            self.player_id = response.json["player"]
        return response

    def answer(self, position: int, *choices: str, elapsed_ms=None):
        body = {"question": position, "choices": list(choices)}
        if elapsed_ms is not None:  # the phone's own measure (fair timing)
            body["elapsed_ms"] = elapsed_ms
        return self.client.post(f"/live/api/games/{self.game.id}/answers", json=body)

    def state(self, since: int | None = None):
        query = "" if since is None else f"?since={since}"
        return self.client.get(f"/live/api/games/{self.game.id}/state{query}")

    def event(self) -> tuple[str, dict]:
        body = self.state().json
        return body["event"], body["data"]


@pytest.fixture
def phone(app, game):
    def make_phone(nickname: str | None = None, language: str = "en") -> Phone:
        phone = Phone(app, game)
        if nickname:
            assert phone.join(nickname, language).status_code == 201
        return phone

    return make_phone


@pytest.fixture
def host_client(app, host, auth):
    auth.login(host)
    return auth.client


def act(client, game: LiveGame, action: str, **body):
    return client.post(f"/live/api/games/{game.id}/{action}", json=body)
