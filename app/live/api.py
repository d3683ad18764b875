"""The live-game protocol (docs/live-protocol.md): JSON endpoints and Server-Sent Events.

Players are identified by a signed token (cookie or X-Player-Token header), not an account.
Their POSTs are exempt from the form CSRF token and must be JSON instead: a cross-site page
cannot send a JSON body without the browser asking first, and the cookie is SameSite=Lax.
Hosts are signed-in users and send the CSRF token in the X-CSRFToken header.
"""

import json
from collections.abc import Callable, Iterator
from functools import wraps

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError, generate_csrf
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from app.core.converters import bounded_int
from app.core.errors import RETRY_AFTER_SECONDS, note_database_outage
from app.core.time import utcnow
from app.core.urls import public_url
from app.extensions import csrf, db
from app.i18n import LANGUAGES, current_language, force_locale, request_language
from app.quizzes.models import Quiz
from app.quizzes.queries import can_play

from . import report, services
from .errors import error_message, error_status
from .identity import (
    count_join_request,
    is_host,
    may_host,
    open_game_by_pin,
    player_token,
    set_player_cookie,
    token_language,
    token_player,
)
from .models import GamePhase, LiveGame, TeamMode
from .scoring import BASE_CHOICES, Scoring
from .services import LiveError
from .state import GameState

bp = Blueprint("live_api", __name__, url_prefix="/live/api")

KEEPALIVE_SECONDS = 15.0
HOST_TICK_SECONDS = 1.0  # how often the projector's stream looks at the roster and the clock


# --- errors -----------------------------------------------------------------------------------


def error_response(code: str):
    """The protocol's error, its message in the player's language when a token says it."""
    with force_locale(token_language() or current_language()):
        message = error_message(code)
    return jsonify(error=code, message=message), error_status(code)


@bp.errorhandler(LiveError)
def live_error(error: LiveError):
    return error_response(error.code)


@bp.errorhandler(OperationalError)
@bp.errorhandler(InterfaceError)
@bp.errorhandler(PoolTimeout)
def database_unavailable(error):
    """A database restart or a full pool: the protocol's JSON error with a retry hint, never
    an HTML page; the phone sends the same answer again (answers are idempotent)."""
    note_database_outage(error)
    with force_locale(token_language() or request_language()):
        message = error_message("unavailable")
    response = jsonify(error="unavailable", message=message)
    return response, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


@bp.errorhandler(CSRFError)
def csrf_failed(error):
    return error_response("csrf_invalid")


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    codes = {400: "bad_request", 404: "game_unknown", 405: "bad_request", 429: "rate_limited"}
    if error.code in codes:
        return error_response(codes[error.code])
    return error


# --- who is asking ----------------------------------------------------------------------------


def _require_player(game_id: int) -> tuple[int, str]:
    player = token_player(game_id)
    if player is None:
        raise LiveError("token_invalid")
    return player


def _json_body() -> dict:
    if not request.is_json:
        raise LiveError("json_required")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise LiveError("bad_request")
    return body


def _reported_ms(body: dict) -> int | None:
    """The phone's own measure of its player's time (optional: older clients leave it out)."""
    reported = body.get("elapsed_ms")
    if reported is None:
        return None
    if isinstance(reported, bool) or not isinstance(reported, int) or reported < 0:
        raise LiveError("bad_request")
    return reported


def host_only(view: Callable) -> Callable:
    """The game's host (or an admin); the game is loaded and passed on."""

    @wraps(view)
    def wrapped(game_id: int, **kwargs):
        game = db.session.get(LiveGame, game_id)
        if game is None:
            raise LiveError("game_unknown")
        if not is_host(game):
            raise LiveError("not_host")
        return view(game, **kwargs)

    return wrapped


def _optional_body() -> dict:
    """Host actions may come with no body at all (then: no revision check)."""
    return _json_body() if request.content_length else {}


def _revision(body: dict) -> int | None:
    revision = body.get("revision")
    if revision is not None and not isinstance(revision, int):
        raise LiveError("bad_request")
    return revision


# --- small endpoints for tools ----------------------------------------------------------------


@bp.get("/ping")
def ping():
    """A no-op: load tools measure the server's ceiling with it."""
    return "", 204


@bp.get("/csrf")
def csrf_token():
    return jsonify(csrf_token=generate_csrf())


# --- players ----------------------------------------------------------------------------------


@bp.post("/join")
@csrf.exempt
def join():
    body = _json_body()
    pin, nickname = body.get("pin"), body.get("nickname", "")
    language = body.get("language") or current_language()
    if not isinstance(pin, str) or not isinstance(nickname, str) or language not in LANGUAGES:
        raise LiveError("bad_request")
    with force_locale(language):  # a refusal speaks the language the player chose
        try:
            return _join(pin, nickname, language)
        except LiveError as error:
            return error_response(error.code)


def _join(pin: str, nickname: str, language: str):
    count_join_request()
    game = open_game_by_pin(pin.strip())
    known = token_player(game.id)
    user = current_user if current_user.is_authenticated else None
    player, rejoined = services.join(
        game, nickname, language, user=user, known_player_id=known[0] if known else None
    )
    token = player_token(game.id, player.id, player.language)
    response = jsonify(
        game=game.id,
        player=player.id,
        nickname=player.nickname,
        language=player.language,
        token=token,
        rejoined=rejoined,
        play_url=url_for("live.play", game_id=game.id),
    )
    set_player_cookie(response, token)
    return response, 200 if rejoined else 201


@bp.get("/games/<int:game_id>/events")
def player_events(game_id: int):
    player_id, language = _require_player(game_id)
    return _event_stream(
        game_id, lambda state: state.player_event(player_id, language, utcnow()), KEEPALIVE_SECONDS
    )


@bp.get("/games/<int:game_id>/state")
def player_state(game_id: int):
    player_id, language = _require_player(game_id)
    state = _state(game_id)
    if _close_if_due(state):
        state = _state(game_id, state.revision + 1)
    if request.args.get("since", type=bounded_int) == state.revision:
        return "", 204
    event, data = state.player_event(player_id, language, utcnow())
    return jsonify(event=event, data=data)


@bp.post("/games/<int:game_id>/answers")
@csrf.exempt
def answer(game_id: int):
    player_id, _language = _require_player(game_id)
    body = _json_body()
    position, choices = body.get("question"), body.get("choices")
    if not isinstance(position, int) or not isinstance(choices, list):
        raise LiveError("bad_request")
    if not all(isinstance(choice, str) for choice in choices):
        raise LiveError("choices_invalid")
    state = _state(game_id)
    if state.phase != GamePhase.QUESTION or state.position != position:
        # this process may not have heard of the question yet: look again before refusing
        state = current_app.extensions["live_states"].refresh(game_id)
        if state is None:
            raise LiveError("game_unknown")
    receipt = services.submit_answer(state, player_id, position, choices, _reported_ms(body))
    return jsonify(
        question=receipt.position,
        choices=receipt.choices,
        elapsed_ms=receipt.elapsed_ms,
        repeat=receipt.repeat,
    )


# --- the host ---------------------------------------------------------------------------------


@bp.post("/games")
def create():
    if not may_host(current_user):
        raise LiveError("not_host")
    body = _json_body()
    quiz = db.session.scalar(db.select(Quiz).where(Quiz.slug == str(body.get("quiz", ""))))
    if quiz is None or not can_play(current_user, quiz):
        raise LiveError("quiz_unknown")
    try:
        team_mode = TeamMode(body.get("team_mode", "none"))
        scoring = Scoring.from_dict(body)
    except (ValueError, TypeError):
        raise LiveError("bad_request") from None
    if scoring.base not in BASE_CHOICES:
        raise LiveError("bad_request")
    game = services.create_game(current_user, quiz, current_language(), team_mode, scoring)
    return jsonify(
        game=game.id,
        pin=game.pin,
        revision=game.revision,
        join_url=public_url("live.join_with_pin", pin=game.pin),
        host_url=url_for("live.host", game_id=game.id),
    ), 201


def _host_action(action: Callable[[LiveGame, int | None], None]):
    @host_only
    def view(game: LiveGame):
        body = _optional_body()
        action(game, _revision(body))
        return jsonify(phase=str(game.phase), revision=game.revision)

    return view


for _name, _action in {
    "start": services.start,
    "reveal": services.reveal,
    "next": services.next_question,
    "finish": services.finish,
}.items():
    bp.add_url_rule(
        f"/games/<int:game_id>/{_name}",
        f"host_{_name}",
        _host_action(_action),
        methods=["POST"],
    )


@bp.post("/games/<int:game_id>/players/<int:player_id>/remove")
@host_only
def remove_player(game: LiveGame, player_id: int):
    body = _optional_body()
    services.remove_player(game, player_id, _revision(body))
    return jsonify(phase=str(game.phase), revision=game.revision)


@bp.post("/games/<int:game_id>/players/<int:player_id>/team")
@host_only
def move_player(game: LiveGame, player_id: int):
    body = _json_body()
    team = body.get("team")
    if team is not None and not isinstance(team, int):
        raise LiveError("bad_request")
    services.move_player(game, player_id, team, _revision(body))
    return jsonify(phase=str(game.phase), revision=game.revision)


@bp.post("/games/<int:game_id>/teams")
@host_only
def make_teams(game: LiveGame):
    body = _json_body()
    count = body.get("count")
    if not isinstance(count, int):
        raise LiveError("bad_request")
    services.make_host_teams(game, count, _revision(body))
    return jsonify(phase=str(game.phase), revision=game.revision)


@bp.get("/games/<int:game_id>/host-events")
@host_only
def host_events(game: LiveGame):
    language, game_id = game.host_language, game.id
    roster = HostTicker(game_id)
    return _event_stream(
        game_id, lambda state: state.host_event(language, utcnow()), HOST_TICK_SECONDS, roster.tick
    )


@bp.get("/games/<int:game_id>/report.json")
@host_only
def report_json(game: LiveGame):
    return jsonify(report.summary(game))


# --- the push stream --------------------------------------------------------------------------


def _state(game_id: int, revision: int = 0) -> GameState:
    channel = current_app.extensions["live_channel"]
    state = current_app.extensions["live_states"].get(
        game_id, max(revision, channel.hub.latest(game_id))
    )
    if state is None:
        raise LiveError("game_unknown")
    return state


def _close_if_due(state: GameState) -> bool:
    """End a question whose time is up, trying once per process and revision: many
    streams notice the deadline at once, and one of them acting is enough. True when
    this call tried (the game then has moved on, by this call or another)."""
    if not state.is_due(utcnow(), services.answer_grace()) or state.close_tried:
        return False
    state.close_tried = True
    services.close_if_due(state.game_id)
    return True


def sse(event: str | None, data: dict | None, revision: int | None = None) -> str:
    lines = []
    if revision is not None:
        lines.append(f"id: {revision}")
    if event:
        lines.append(f"event: {event}")
    lines.append("data: " + json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n\n"


def _last_event_id() -> int:
    raw = request.headers.get("Last-Event-ID") or request.args.get("last_event_id")
    try:
        return int(raw) if raw else 0
    except ValueError:
        return 0


def _event_stream(
    game_id: int,
    render: Callable[[GameState], tuple[str, dict]],
    tick: float,
    on_tick: Callable[[GameState], Iterator[str]] | None = None,
):
    last_sent = _last_event_id()
    state = _state(game_id)
    if state.revision == last_sent and render(state)[0] in ("podium", "removed"):
        return "", 204  # the client has the final state: 204 tells EventSource to stop
    channel = current_app.extensions["live_channel"]
    channel.ensure_listening()
    db.session.remove()  # hold no database connection while the stream waits

    def generate() -> Iterator[str]:
        nonlocal last_sent, state
        yield "retry: 2000\n\n"
        idle = 0.0
        while True:
            if state.revision != last_sent:
                event, data = render(state)
                yield sse(event, data, state.revision)
                last_sent = state.revision
                if event in ("podium", "removed"):
                    return
                idle = 0.0
            if on_tick is not None:
                yield from on_tick(state)
            latest = channel.hub.wait(game_id, state.revision, tick)
            if latest <= state.revision:
                idle += tick
                if idle >= KEEPALIVE_SECONDS:
                    yield ": ping\n\n"
                    idle = 0.0
            try:
                state = _state(game_id, latest)
                _close_if_due(state)
            except LiveError:  # the game was deleted
                return
            finally:
                db.session.remove()

    response = Response(stream_with_context(generate()), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass events through at once
    return response


class HostTicker:
    """The projector's extra events: the roster in the lobby and the answer count during a
    question, sent only when they change."""

    def __init__(self, game_id: int) -> None:
        self.game_id = game_id
        self.last: dict[str, object] = {}

    def tick(self, state: GameState) -> Iterator[str]:
        if state.phase == "lobby":
            yield from self._changed("roster", report.roster(self.game_id))
        elif state.phase == "question":
            yield from self._changed("progress", report.progress(self.game_id))
        db.session.remove()

    def _changed(self, event: str, data: dict) -> Iterator[str]:
        if self.last.get(event) != data:
            self.last[event] = data
            yield sse(event, data)
