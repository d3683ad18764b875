"""Load test: one live quiz game played by many phones at once (docs/live-protocol.md).

A host signs in, creates a game and keeps the projector's stream open; N players join
(at most --join-concurrency at a time), each holds its own Server-Sent Events stream for the
whole game, and on every `question` event answers after a random delay in [0, --window)
seconds. The host reveals each question once every player has answered (or --window + 3 s
have passed), waits for the players' `reveal` events, moves on, and finishes the game after
--questions questions. It measures:

- fan-out: how long after a question started (`started_at_ms`, the server's clock) each
  player received it, and how many of the expected `question` events arrived at all;
- acknowledgement latency of answers (send to `200` response) and the errors by code;
- whether every acknowledged answer was stored (`report.json` after the game);
- a no-op ceiling: 50 concurrent `GET /live/api/ping` loops for --ceiling-seconds before the
  players join, on the same server, in requests per second (the most this server answers);
- ordinary requests during the game: two `GET /live/api/ping` loops run all game long, and
  their latency (`noop_during_game_ms`) shows whether the game starves other requests;
- `loop_lag_ms_max`: the worst delay of this client's own event loop. The client is one
  Python process; when that number is large, the client, not the server, was the bottleneck.

Fan-out compares this machine's clock with the server's: run it on the server's machine (or
with synchronised clocks). It prints one JSON object to stdout; progress goes to stderr.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/live_burst.py --players 2000 --url http://127.0.0.1:8000

Against gunicorn (settings in gunicorn.conf.py) on SQLite, then on PostgreSQL + Redis, after
`db upgrade`, with the quizzes loaded and a host account (a teacher, organizer or admin; pass
it with --host-login/--host-password, the defaults are the development demo teacher):

    APP_ENV=production PUBLIC_BASE_URL=https://bench.example.kz SECRET_KEY=... .venv/bin/gunicorn "app:create_app()"
    APP_ENV=production PUBLIC_BASE_URL=https://bench.example.kz SECRET_KEY=... DATABASE_URL=postgresql+psycopg://... \\
        REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/gunicorn "app:create_app()"

Production's session cookie is `Secure`; this client sends it to --url even over plain HTTP,
as browsers do for localhost.
"""

import argparse
import asyncio
import json
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

LANGUAGES = ("kk", "ru", "en")
PING_WORKERS = 50
ACK_GRACE = 3.0  # seconds the host waits for answers beyond --window
CONNECT_WAIT = 30.0  # seconds a player's stream may take to open
EVENT_WAIT = 10.0  # seconds the host waits for players to receive a reveal or the podium
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=60)
# The server sends `: ping` every 15 s, so 45 s of silence means the stream is dead.
STREAM_TIMEOUT = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=45)
STREAM_GIVE_UP = {401, 403, 404}  # a token or game that will not start working on retry
NETWORK_ERRORS = (aiohttp.ClientError, TimeoutError)
CSRF_INPUT = re.compile(r'<input\b[^>]*\bname="csrf_token"[^>]*>')
VALUE_ATTRIBUTE = re.compile(r'\bvalue="([^"]*)"')


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- Server-Sent Events ----------------------------------------------------------------------


@dataclass
class SSEEvent:
    name: str
    data: str
    id: str | None


class SSEParser:
    """Turns the bytes of a `text/event-stream` into events.

    Lines end with `\\n` (a `\\r` before it is dropped). `field: value` lines fill the next
    event and a blank line ends it; lines starting with `:` are comments. `last_event_id` is
    the newest `id:` (it carries over to events without one), `retry_ms` the newest `retry:`.
    """

    def __init__(self, last_event_id: str | None = None) -> None:
        self.last_event_id = last_event_id
        self.retry_ms: int | None = None
        self._pending = b""
        self._name = ""
        self._data: list[str] = []

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        *lines, self._pending = (self._pending + chunk).split(b"\n")
        events = (self._line(line.rstrip(b"\r").decode("utf-8", "replace")) for line in lines)
        return [event for event in events if event is not None]

    def _line(self, line: str) -> SSEEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            self._name = value
        elif name == "data":
            self._data.append(value)
        elif name == "id" and "\0" not in value:
            self.last_event_id = value
        elif name == "retry" and value.isdigit():
            self.retry_ms = int(value)
        return None

    def _dispatch(self) -> SSEEvent | None:
        name, data = self._name or "message", self._data
        self._name, self._data = "", []
        return SSEEvent(name, "\n".join(data), self.last_event_id) if data else None


@dataclass
class Stream:
    """One SSE connection that reopens itself, resuming with `Last-Event-ID`."""

    url: str
    headers: dict[str, str]
    label: str  # prefix of its error counts
    last_event_id: str | None = None
    retry_ms: int = 2000
    reconnects: int = 0
    opened: asyncio.Event = field(default_factory=asyncio.Event)


async def follow(
    session: aiohttp.ClientSession,
    stream: Stream,
    on_event: Callable[[SSEEvent], bool],
    errors: Counter[str],
) -> None:
    """Reads `stream` until `on_event` returns True, reopening it whenever it drops."""
    while True:
        headers = {**stream.headers, "Accept": "text/event-stream"}
        if stream.last_event_id is not None:
            headers["Last-Event-ID"] = stream.last_event_id
        try:
            async with session.get(stream.url, headers=headers, timeout=STREAM_TIMEOUT) as response:
                if response.status != 200:
                    errors[f"{stream.label}:{await error_code(response)}"] += 1
                    if response.status in STREAM_GIVE_UP:
                        return
                else:
                    stream.opened.set()
                    if await read_events(response, stream, on_event, errors):
                        return
        except NETWORK_ERRORS as error:
            errors[f"{stream.label}:{type(error).__name__}"] += 1
        stream.reconnects += 1
        await asyncio.sleep(stream.retry_ms / 1000 * (0.5 + random.random()))  # noqa: S311 - jitter


async def read_events(
    response: aiohttp.ClientResponse,
    stream: Stream,
    on_event: Callable[[SSEEvent], bool],
    errors: Counter[str],
) -> bool:
    """Feeds one open response to `on_event`; True when it asked to stop, False at its end."""
    parser = SSEParser(stream.last_event_id)
    async for chunk in response.content.iter_any():
        for event in parser.feed(chunk):
            stream.last_event_id = event.id
            try:
                if on_event(event):
                    return True
            except (ValueError, KeyError, TypeError):  # not the JSON the protocol promises
                errors[f"{stream.label}:bad_{event.name}"] += 1
        stream.retry_ms = parser.retry_ms or stream.retry_ms
    return False


# --- state -----------------------------------------------------------------------------------


@dataclass
class Player:
    index: int
    nickname: str
    language: str
    rng: random.Random
    token: str | None = None
    stream: Stream | None = None
    questions: set[int] = field(default_factory=set)  # positions whose `question` arrived
    reveals: set[int] = field(default_factory=set)
    finished: bool = False  # received the podium
    removed: bool = False


@dataclass
class Host:
    game: int | None = None
    pin: str = ""
    csrf_token: str = ""
    phase: str = "lobby"
    revision: int = -1
    question_count: int | None = None  # the quiz's, from the first phase event
    stream: Stream | None = None

    def observe(self, phase: str, revision: int) -> None:
        """Takes a phase from an action's response or the stream, ignoring older news."""
        if revision >= self.revision:
            self.phase, self.revision = phase, revision


@dataclass
class Metrics:
    ack_ms: list[float] = field(default_factory=list)
    fanout_ms: list[float] = field(default_factory=list)
    answers_sent: int = 0
    answers_acknowledged: int = 0
    answered: Counter[int] = field(default_factory=Counter)  # position -> answers completed
    revealed: Counter[int] = field(default_factory=Counter)  # position -> reveals received
    errors: Counter[str] = field(default_factory=Counter)
    noop_requests: int = 0
    noop_seconds: float = 0.0
    noop_during_ms: list = field(default_factory=list)
    loop_lag_ms_max: float = 0.0


# --- helpers ---------------------------------------------------------------------------------


async def error_code(response: aiohttp.ClientResponse) -> str:
    """The protocol's `error` code of a failed response, or `http_<status>`."""
    try:
        body = await response.json(content_type=None)
    except (ValueError, aiohttp.ClientError):
        body = None
    code = body.get("error") if isinstance(body, dict) else None
    return code or f"http_{response.status}"


async def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def percentiles(values: list[float], *points: int) -> dict[str, float | None]:
    """{"p50": …, "max": …} in ms with one decimal; None for an empty list."""
    if not values:
        return {f"p{point}": None for point in points} | {"max": None}
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else None
    result = {f"p{point}": round(cuts[point - 1] if cuts else values[0], 1) for point in points}
    return result | {"max": round(max(values), 1)}


def raise_open_file_limit(players: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    except (ValueError, OSError) as error:
        log(f"could not raise the open-file limit from {soft}: {error}")
    if soft < players + PING_WORKERS + 100:
        log(f"warning: {soft} open files may be too few for {players} players")


def find_csrf_token(html: str) -> str:
    tag = CSRF_INPUT.search(html)
    value = VALUE_ATTRIBUTE.search(tag.group(0)) if tag else None
    if value is None:
        raise SystemExit("no csrf_token input on the login page")
    return value.group(1)


# --- the run ---------------------------------------------------------------------------------


class LiveBurst:
    def __init__(self, options: argparse.Namespace, seed: int) -> None:
        self.options = options
        self.base = options.url.rstrip("/")
        self.host = Host()
        self.metrics = Metrics()
        self.players = [
            Player(
                index=i,
                nickname=f"p{i}",
                language=LANGUAGES[i % len(LANGUAGES)],
                rng=random.Random(f"{seed}-{i}"),  # noqa: S311 - load pattern, not security
            )
            for i in range(options.players)
        ]
        self.tasks: set[asyncio.Task] = set()
        self.warned_time_limit = False
        origin = URL(self.base).origin()
        jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=[origin])
        self.host_http = aiohttp.ClientSession(cookie_jar=jar, timeout=REQUEST_TIMEOUT)
        self.player_http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.DummyCookieJar()
        )
        self.ping_http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=PING_WORKERS),
            cookie_jar=aiohttp.DummyCookieJar(),
        )

    def url(self, path: str) -> str:
        return self.base + path

    def game_url(self, path: str) -> str:
        return self.url(f"/live/api/games/{self.host.game}{path}")

    def spawn(self, coroutine: Awaitable[None]) -> asyncio.Task:
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            self.metrics.errors[f"bench:{type(error).__name__}"] += 1
            log(f"task failed: {error!r}")

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for session in (self.host_http, self.player_http, self.ping_http):
            await session.close()

    def joined(self) -> list[Player]:
        return [player for player in self.players if player.token]

    def playing(self) -> int:
        return sum(1 for player in self.joined() if not player.removed)

    # --- host ---

    async def host_login(self) -> None:
        async with self.host_http.get(self.url("/login")) as response:
            csrf_token = find_csrf_token(await response.text())
        form = {
            "login": self.options.host_login,
            "password": self.options.host_password,
            "csrf_token": csrf_token,
        }
        async with self.host_http.post(
            self.url("/login"),
            data=form,
            allow_redirects=False,
            headers={"Referer": self.url("/login")},
        ) as response:
            if response.status != 302:
                raise SystemExit(f"host login failed: HTTP {response.status}")
        async with self.host_http.get(self.url("/live/api/csrf")) as response:
            if response.status != 200:
                raise SystemExit(f"GET /live/api/csrf: HTTP {response.status}")
            self.host.csrf_token = (await response.json())["csrf_token"]

    async def host_post(self, url: str, payload: dict) -> tuple[int, dict]:
        """(status, JSON body); a network error is status 0 with its class as the error code."""
        headers = {"X-CSRFToken": self.host.csrf_token, "Referer": self.url("/")}
        try:
            async with self.host_http.post(url, json=payload, headers=headers) as response:
                try:
                    body = await response.json(content_type=None)
                except ValueError:  # an HTML error page
                    body = None
                return response.status, body if isinstance(body, dict) else {}
        except NETWORK_ERRORS as error:
            return 0, {"error": type(error).__name__}

    async def create_game(self) -> None:
        status, body = await self.host_post(
            self.url("/live/api/games"), {"quiz": self.options.quiz}
        )
        if status != 201:
            raise SystemExit(f"creating the game failed: HTTP {status} {body}")
        self.host.game, self.host.pin = body["game"], body["pin"]
        self.host.observe("lobby", body.get("revision", 0))
        log(f"game {self.host.game}, PIN {self.host.pin}")

    def open_host_stream(self) -> None:
        self.host.stream = Stream(self.game_url("/host-events"), {}, "host-events")
        self.spawn(
            follow(self.host_http, self.host.stream, self.on_host_event, self.metrics.errors)
        )

    def on_host_event(self, event: SSEEvent) -> bool:
        if event.name not in ("lobby", "question", "reveal", "podium"):
            return False  # roster and progress: the bench counts answers itself
        data = json.loads(event.data)
        self.host.observe(data.get("phase", event.name), data["revision"])
        if "game" in data:
            self.host.question_count = data["game"]["questions"]
        return event.name == "podium"

    async def host_action(self, action: str) -> str | None:
        """POSTs `action` with the current revision; None when accepted, else the error code.

        A `stale_revision` means the host stream has not caught up yet: wait and try again.
        """
        code = None
        for _ in range(3):
            status, body = await self.host_post(
                self.game_url(f"/{action}"), {"revision": self.host.revision}
            )
            if status == 200:
                self.host.observe(body["phase"], body["revision"])
                return None
            code = body.get("error") or f"http_{status}"
            if code != "stale_revision":
                break
            await asyncio.sleep(0.5)
        return code

    async def play(self) -> int:
        """Runs the questions; returns how many were played."""
        count = min(self.options.questions, self.host.question_count or self.options.questions)
        if count < self.options.questions:
            log(f"the quiz has {count} questions; playing {count}")
        for position in range(1, count + 1):
            code = await self.host_action("start" if position == 1 else "next")
            if code is not None:
                self.metrics.errors[f"host:{code}"] += 1
                log(f"could not open question {position}: {code}")
                return position - 1
            await self.play_question(position)
        await self.finish()
        return count

    async def play_question(self, position: int) -> None:
        players = self.playing()
        await wait_until(
            lambda: self.metrics.answered[position] >= players, self.options.window + ACK_GRACE
        )
        if self.host.phase != "reveal":
            code = await self.host_action("reveal")
            if code not in (None, "wrong_phase", "stale_revision"):  # those: it ended by itself
                self.metrics.errors[f"host:{code}"] += 1
        await wait_until(lambda: self.metrics.revealed[position] >= players, EVENT_WAIT)
        await wait_until(lambda: self.host.phase == "reveal", EVENT_WAIT)
        received = sum(1 for player in self.joined() if position in player.questions)
        log(
            f"question {position}: received by {received}/{players}, "
            f"answers done {self.metrics.answered[position]}, "
            f"reveal received by {self.metrics.revealed[position]}"
        )

    async def finish(self) -> None:
        code = await self.host_action("finish")
        if code is not None:
            self.metrics.errors[f"host:{code}"] += 1
        finished = await wait_until(
            lambda: sum(p.finished for p in self.players) >= self.playing(), EVENT_WAIT
        )
        if not finished:
            log("not every player received the podium")

    async def stored_answers(self) -> int | None:
        try:
            async with self.host_http.get(self.game_url("/report.json")) as response:
                if response.status != 200:
                    self.metrics.errors[f"report:{await error_code(response)}"] += 1
                    return None
                return (await response.json())["answers_stored"]
        except NETWORK_ERRORS as error:
            self.metrics.errors[f"report:{type(error).__name__}"] += 1
            return None

    # --- players ---

    async def join_all(self) -> None:
        limit = asyncio.Semaphore(self.options.join_concurrency)
        await asyncio.gather(*(self.join(player, limit) for player in self.players))

    async def join(self, player: Player, limit: asyncio.Semaphore) -> None:
        """Joins, then opens the player's stream; both count against --join-concurrency."""
        async with limit:
            body = {"pin": self.host.pin, "nickname": player.nickname, "language": player.language}
            try:
                async with self.player_http.post(
                    self.url("/live/api/join"), json=body, timeout=REQUEST_TIMEOUT
                ) as response:
                    if response.status not in (200, 201):
                        self.metrics.errors[f"join:{await error_code(response)}"] += 1
                        return
                    player.token = (await response.json())["token"]
            except NETWORK_ERRORS as error:
                self.metrics.errors[f"join:{type(error).__name__}"] += 1
                return
            player.stream = Stream(
                self.game_url("/events"), {"X-Player-Token": player.token}, "events"
            )
            self.spawn(
                follow(
                    self.player_http,
                    player.stream,
                    lambda event: self.on_player_event(player, event),
                    self.metrics.errors,
                )
            )
            try:
                await asyncio.wait_for(player.stream.opened.wait(), CONNECT_WAIT)
            except TimeoutError:
                self.metrics.errors["events:not_open"] += 1

    def on_player_event(self, player: Player, event: SSEEvent) -> bool:
        if event.name == "removed":
            player.removed = True
            return True
        if event.name not in ("question", "reveal", "podium"):
            return False
        data = json.loads(event.data)
        if event.name == "question":
            self.on_question(player, data["question"])
        elif event.name == "reveal":
            self.on_reveal(player, data["question"]["position"])
        else:
            player.finished = True
        return player.finished

    def on_question(self, player: Player, question: dict) -> None:
        position = question["position"]
        if position in player.questions:  # the same question again, after a reconnect
            return
        player.questions.add(position)
        self.metrics.fanout_ms.append(time.time() * 1000 - question["started_at_ms"])
        self.spawn(self.answer(player, question))
        if self.options.window >= question["time_limit"] and not self.warned_time_limit:
            self.warned_time_limit = True
            log(
                f"warning: --window is not shorter than the time limit ({question['time_limit']} s)"
            )

    def on_reveal(self, player: Player, position: int) -> None:
        if position not in player.reveals:
            player.reveals.add(position)
            self.metrics.revealed[position] += 1

    async def answer(self, player: Player, question: dict) -> None:
        position = question["position"]
        await asyncio.sleep(player.rng.random() * self.options.window)
        choices = [choice["id"] for choice in question["choices"]]
        choice = choices[0] if self.options.choice == "first" else player.rng.choice(choices)
        self.metrics.answers_sent += 1
        sent = time.perf_counter()
        try:
            async with self.player_http.post(
                self.game_url("/answers"),
                json={"question": position, "choices": [choice]},
                headers={"X-Player-Token": player.token},
                timeout=REQUEST_TIMEOUT,
            ) as response:
                await response.read()
                if response.status == 200:
                    self.metrics.answers_acknowledged += 1
                    self.metrics.ack_ms.append((time.perf_counter() - sent) * 1000)
                else:
                    self.metrics.errors[f"answer:{await error_code(response)}"] += 1
        except NETWORK_ERRORS as error:
            self.metrics.errors[f"answer:{type(error).__name__}"] += 1
        finally:
            self.metrics.answered[position] += 1

    # --- the no-op ceiling and the client's own health ---

    async def measure_ceiling(self) -> None:
        stop = asyncio.Event()
        started = time.perf_counter()
        loops = [self.spawn(self.ping_loop(stop)) for _ in range(PING_WORKERS)]
        await asyncio.sleep(self.options.ceiling_seconds)
        stop.set()
        await asyncio.gather(*loops)
        self.metrics.noop_seconds = time.perf_counter() - started

    async def ping_loop(self, stop: asyncio.Event, latencies: list | None = None) -> None:
        while not stop.is_set():
            try:
                sent = time.perf_counter()
                async with self.ping_http.get(self.url("/live/api/ping")) as response:
                    await response.read()
                    if 200 <= response.status < 300:
                        if latencies is None:
                            self.metrics.noop_requests += 1
                        else:
                            latencies.append((time.perf_counter() - sent) * 1000)
                            await asyncio.sleep(0.05)
                    else:
                        self.metrics.errors[f"ping:http_{response.status}"] += 1
            except NETWORK_ERRORS as error:
                self.metrics.errors[f"ping:{type(error).__name__}"] += 1
                await asyncio.sleep(0.1)

    async def watch_loop_lag(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.1)
            lag_ms = (time.perf_counter() - before - 0.1) * 1000
            self.metrics.loop_lag_ms_max = max(self.metrics.loop_lag_ms_max, lag_ms)

    # --- the whole run ---

    async def run(self) -> dict:
        started = time.perf_counter()
        self.spawn(self.watch_loop_lag())
        await self.host_login()
        await self.create_game()
        self.open_host_stream()
        await wait_until(lambda: self.host.question_count is not None, CONNECT_WAIT)

        log(f"{len(self.players)} players joining, {self.options.join_concurrency} at a time")
        join_started = time.perf_counter()
        await self.join_all()
        join_seconds = time.perf_counter() - join_started
        log(f"{len(self.joined())} joined in {join_seconds:.1f} s")

        log(f"no-op ceiling for {self.options.ceiling_seconds} s")
        await self.measure_ceiling()

        stop_ping = asyncio.Event()
        pings = [
            self.spawn(self.ping_loop(stop_ping, self.metrics.noop_during_ms)) for _ in range(2)
        ]
        played = await self.play()
        stop_ping.set()
        await asyncio.gather(*pings)

        stored = await self.stored_answers()
        return self.summary(played, stored, join_seconds, time.perf_counter() - started)

    def summary(self, played: int, stored: int | None, join_seconds: float, seconds: float) -> dict:
        metrics, joined = self.metrics, self.joined()
        return {
            "players": self.options.players,
            "questions": played,
            "url": self.options.url,
            "seed": self.options.seed,
            "joined": len(joined),
            "answers_sent": metrics.answers_sent,
            "answers_acknowledged": metrics.answers_acknowledged,
            "answers_stored": stored,
            "lost_answers": None if stored is None else metrics.answers_sent - stored,
            "acknowledged_not_stored": (
                None if stored is None else metrics.answers_acknowledged - stored
            ),
            "ack_ms": percentiles(metrics.ack_ms, 50, 95, 99),
            "fanout_ms": percentiles(metrics.fanout_ms, 50, 95),
            "fanout_received": {
                "received": sum(len(player.questions) for player in joined),
                "expected": len(joined) * played,
            },
            "reconnects": sum(player.stream.reconnects for player in joined if player.stream),
            "errors": dict(sorted(metrics.errors.items())),
            "noop_rps": round(metrics.noop_requests / metrics.noop_seconds, 1)
            if metrics.noop_seconds
            else None,
            "noop_during_game_ms": percentiles(metrics.noop_during_ms, 50, 95),
            "loop_lag_ms_max": round(metrics.loop_lag_ms_max, 1),
            "join_seconds": round(join_seconds, 2),
            "duration_seconds": round(seconds, 2),
        }


def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--players", type=int, default=2000)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument(
        "--window",
        type=float,
        default=5.0,
        help="every player answers within this many seconds of receiving a question",
    )
    parser.add_argument("--quiz", default="what-is-corruption", help="the quiz's slug")
    parser.add_argument("--host-login", default="teacher")
    parser.add_argument("--host-password", default="integrity-demo")
    parser.add_argument("--join-concurrency", type=int, default=200)
    parser.add_argument("--ceiling-seconds", type=float, default=3.0, help="no-op ceiling run")
    parser.add_argument("--choice", choices=("random", "first"), default="random")
    parser.add_argument("--seed", type=int, default=None, help="default: a random one")
    options = parser.parse_args(argv)
    if options.seed is None:
        options.seed = random.SystemRandom().randrange(2**31)
    return options


async def main_async(options: argparse.Namespace) -> dict:
    bench = LiveBurst(options, options.seed)
    try:
        return await bench.run()
    finally:
        await bench.close()


def main() -> None:
    options = parse_options()
    raise_open_file_limit(options.players)
    log(f"seed {options.seed}")
    print(json.dumps(asyncio.run(main_async(options)), indent=2))


if __name__ == "__main__":
    main()
