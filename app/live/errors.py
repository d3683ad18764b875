"""The protocol's error codes (docs/live-protocol.md): HTTP status and translated message."""

from app.core.errors import DomainError
from app.i18n import _l

ERRORS = {
    "bad_request": (400, _l("The request could not be understood.")),
    "csrf_invalid": (400, _l("The page has expired. Reload it and try again.")),
    "token_invalid": (401, _l("You are not in this game. Join it with its PIN.")),
    "player_removed": (403, _l("The host removed you from this game.")),
    "not_host": (403, _l("Only the host of this game can do that.")),
    "pin_unknown": (
        404,
        _l("There is no open game with this PIN. Check the number on the screen."),
    ),
    "game_unknown": (404, _l("This game does not exist.")),
    "player_unknown": (404, _l("There is no such player in this game.")),
    "team_unknown": (404, _l("There is no such team in this game.")),
    "quiz_unknown": (404, _l("There is no such quiz, or it has no questions.")),
    "nickname_taken": (409, _l("Someone in this game already has this nickname. Choose another.")),
    "game_full": (409, _l("This game is full: no more players can join it.")),
    "question_not_current": (409, _l("This question is not open any more.")),
    "time_up": (409, _l("Time is up for this question.")),
    "wrong_phase": (409, _l("That cannot be done at this point of the game.")),
    "stale_revision": (409, _l("The game has moved on meanwhile. Look at the screen again.")),
    "json_required": (415, _l("The request must be sent as JSON.")),
    "nickname_invalid": (422, _l("A nickname has 1 to 20 characters, with letters or digits.")),
    "nickname_blocked": (422, _l("This nickname is not allowed. Choose another.")),
    "nickname_reserved": (
        422,
        _l("This is the name of a teacher in this game. Choose a nickname of your own."),
    ),
    "choices_invalid": (422, _l("Choose one of the answers shown.")),
    "rate_limited": (429, _l("Too many wrong PINs. Wait a minute and try again.")),
    "unavailable": (
        503,
        _l("The game's server is busy for a moment. Your phone will try again by itself."),
    ),
    "join_flood": (
        429,
        _l("Too many players are joining from this network at once. Wait a minute and try again."),
    ),
}


def error_status(code: str) -> int:
    return ERRORS[code][0]


def error_message(code: str) -> str:
    return str(ERRORS[code][1])


class LiveError(DomainError):
    """A refused request; ``code`` is the protocol's error code, ``status`` its HTTP status."""

    messages = {code: message for code, (_status, message) in ERRORS.items()}

    @property
    def status(self) -> int:
        return error_status(self.code)
