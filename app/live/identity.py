"""Who is asking, in a live game: players by a signed token, hosts by their account.

Shared by the protocol (api.py) and the pages (views.py). A token names one game, one player
and the player's language; it is signed with the app's secret, so checking it needs no
database and it cannot be forged or moved to another game.
"""

from flask import Response, current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

from app.core.access import Role
from app.core.ratelimit import count

from . import services
from .models import LiveGame
from .services import LiveError

PLAYER_COOKIE = "live_player"
PLAYER_HEADER = "X-Player-Token"
HOSTS = (Role.TEACHER, Role.ORGANIZER, Role.ADMIN)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="live-player")


def player_token(game_id: int, player_id: int, language: str) -> str:
    return _serializer().dumps([game_id, player_id, language])


def _request_token() -> tuple[int, int, str] | None:
    """(game, player, language) from the request's token (header, else cookie)."""
    token = request.headers.get(PLAYER_HEADER) or request.cookies.get(PLAYER_COOKIE)
    if not token:
        return None
    try:
        game_id, player_id, language = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    return game_id, player_id, language


def token_player(game_id: int) -> tuple[int, str] | None:
    """(player id, language) from a valid token for this game, else None."""
    token = _request_token()
    return token[1:] if token and token[0] == game_id else None


def token_language() -> str | None:
    """The language of whichever game the request's token is for."""
    token = _request_token()
    return token[2] if token else None


def set_player_cookie(response: Response, token: str) -> None:
    response.set_cookie(
        PLAYER_COOKIE,
        token,
        max_age=12 * 3600,
        path="/live",
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def may_host(user) -> bool:
    """Teachers and staff host games (the pages check it with ``roles_required(*HOSTS)``)."""
    return user.is_authenticated and any(user.has_role(role) for role in HOSTS)


def is_host(game: LiveGame) -> bool:
    if not current_user.is_authenticated:
        return False
    return game.host_id == current_user.id or current_user.has_role(Role.ADMIN)


def count_join_request() -> None:
    """Every join request from an address counts toward a ceiling far above what a full hall
    behind one school address sends (LIVE_JOIN_RATE_LIMIT); it stops floods and bounds PIN
    guessing, since a right PIN is never refused by the miss counter."""
    if not count("LIVE_JOIN_RATE_LIMIT", "live-join", get_remote_address()):
        raise LiveError("join_flood")


def open_game_by_pin(pin: str) -> LiveGame:
    """The open game with this PIN. A wrong PIN counts as a miss for this address; once the
    misses (LIVE_PIN_RATE_LIMIT) are used up, wrong PINs answer rate_limited, while a right
    PIN still joins: a pupil mistyping cannot lock the hall out."""
    try:
        return services.open_game_by_pin(pin)
    except LiveError as error:
        if error.code == "pin_unknown" and not count(
            "LIVE_PIN_RATE_LIMIT", "live-pin", get_remote_address()
        ):
            raise LiveError("rate_limited") from None
        raise
