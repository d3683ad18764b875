"""Two server processes share PostgreSQL and Redis: the host drives the game through one,
the players join, listen and answer through the other, and the game runs to the end with
every answer counted.

The servers are real gunicorn processes (gevent workers, the repository's gunicorn.conf.py)
on the test database; the test speaks HTTP and Server-Sent Events to them with the standard
library only.
"""

import http.client
import http.cookiejar
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

from .conftest import new_game

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgresql") or not REDIS_URL,
    reason="needs TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL: the processes share them",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(port: int):
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "multi-process-test-secret-key-"
        + "x" * 16,  # the same in both: tokens travel
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SESSION_COOKIE_SECURE": "0",
        "PUBLIC_BASE_URL": "https://adaldyq.example.kz",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "ACCESS_LOG": "/dev/null",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:create_app()"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    """Until the server answers; on a busy machine its first answer may take a while (a
    read timeout is an OSError too, like a refused connection)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/live/api/ping", timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn on port {port} did not start")


class Host:
    """A signed-in host: the session cookie and the CSRF token, like the projector page."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def login(self, login: str) -> None:
        page = self.opener.open(f"{self.base}/login").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        token = token or re.search(r'name="csrf_token" value="([^"]+)"', page)
        form = f"login={login}&password={PASSWORD}&csrf_token={token.group(1)}".encode()
        self.opener.open(f"{self.base}/login", data=form)
        self.csrf = json.loads(self.opener.open(f"{self.base}/live/api/csrf").read())["csrf_token"]

    def act(self, game_id: int, action: str, revision: int) -> dict:
        request = urllib.request.Request(
            f"{self.base}/live/api/games/{game_id}/{action}",
            data=json.dumps({"revision": revision}).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": self.csrf},
        )
        return json.loads(self.opener.open(request).read())

    def report(self, game_id: int) -> dict:
        return json.loads(
            self.opener.open(f"{self.base}/live/api/games/{game_id}/report.json").read()
        )


def post_json(url: str, body: dict, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Player-Token"] = token
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def listen(base: str, game_id: int, token: str, events: queue.Queue) -> None:
    """Read one player's stream into a queue of (event, data) until the podium."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    connection.request(
        "GET", f"/live/api/games/{game_id}/events", headers={"X-Player-Token": token}
    )
    response = connection.getresponse()
    name = None
    for raw in response:
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: ") and name:
            events.put((name, json.loads(line.removeprefix("data: "))))
            if name == "podium":
                break
    connection.close()


def next_event(events: queue.Queue, wanted: str) -> dict:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        name, data = events.get(timeout=max(0.1, deadline - time.monotonic()))
        if name == wanted:
            return data
    raise AssertionError(f"no {wanted} event")


def test_a_game_runs_across_two_server_processes(host, live_quiz, db):
    game = new_game(host, live_quiz)
    game_id, pin, revision = game.id, game.pin, game.revision
    db.session.commit()
    with gunicorn(free_port()) as host_server, gunicorn(free_port()) as player_server:
        projector = Host(host_server)
        projector.login(host.login)

        players = []
        for number in range(5):
            status, joined = post_json(
                f"{player_server}/live/api/join", {"pin": pin, "nickname": f"Player {number}"}
            )
            assert status == 201
            events: queue.Queue = queue.Queue()
            threading.Thread(
                target=listen, args=(player_server, game_id, joined["token"], events), daemon=True
            ).start()
            next_event(events, "lobby")
            players.append((joined["token"], events))

        acknowledged = 0
        choices = ["a", "true", "yes"]
        for position in range(1, 4):
            action = "start" if position == 1 else "next"
            revision = projector.act(game_id, action, revision)["revision"]
            for token, events in players:
                question = next_event(events, "question")["question"]  # via Redis
                assert question["position"] == position
                status, _receipt = post_json(
                    f"{player_server}/live/api/games/{game_id}/answers",
                    {"question": position, "choices": [choices[position - 1]]},
                    token,
                )
                acknowledged += status == 200
            for _token, events in players:  # the last answer ended the question
                revision = next_event(events, "reveal")["revision"]
        projector.act(game_id, "next", revision)  # after the last question: the podium
        for _token, events in players:
            podium = next_event(events, "podium")["podium"]
            assert len(podium) >= 3 and all(row["rank"] <= 3 for row in podium)

        report = projector.report(game_id)
        assert acknowledged == 15
        assert report["answers_stored"] == 15
        assert report["phase"] == "finished"
