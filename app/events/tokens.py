"""Rotating check-in codes: pure functions, no Flask, no database.

The projector shows a QR code and a short number that change every WINDOW_SECONDS. Both are
an HMAC over the event's own secret and the number of the time window, so only the server
(which knows the secret) can make them, a code from one event says nothing about another,
and a screenshot sent to a friend stops working once two windows have passed (at most
2 × WINDOW_SECONDS, under a minute). The current and the previous window are accepted, so
a student who scans as the code changes is not refused.

The QR token carries its window ("<window>.<signature>"), so checking it costs one HMAC;
the numeric code does not (it must stay short to type), so it is checked against the
current and the previous window's codes.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime

WINDOW_SECONDS = 20
ACCEPTED_WINDOWS = 2  # the current window and the one before it
CODE_DIGITS = 6
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh secret for an event (stored with it, never shown)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def window_of(moment: datetime) -> int:
    """The number of the time window a moment falls in (the same on every server)."""
    return int(moment.timestamp()) // WINDOW_SECONDS


def _mac(secret: str, event_id: int, window: int, purpose: str) -> bytes:
    message = f"{purpose}:{event_id}:{window}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def qr_token(secret: str, event_id: int, moment: datetime) -> str:
    """The token in the projector's QR code for this moment's window."""
    return qr_token_for_window(secret, event_id, window_of(moment))


def numeric_code(secret: str, event_id: int, moment: datetime) -> str:
    """The short code shown under the QR code, for phones without a working camera."""
    return _code(secret, event_id, window_of(moment))


def _code(secret: str, event_id: int, window: int) -> str:
    digest = _mac(secret, event_id, window, "code")
    offset = digest[-1] & 0x0F  # dynamic truncation, as in HOTP (RFC 4226)
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**CODE_DIGITS).zfill(CODE_DIGITS)


def _accepted_windows(moment: datetime) -> range:
    current = window_of(moment)
    return range(current - ACCEPTED_WINDOWS + 1, current + 1)


def qr_token_is_valid(secret: str, event_id: int, token: str, moment: datetime) -> bool:
    """True for this event's token of the current or the previous window; False for an
    expired, future, malformed, forged or other event's token."""
    window_text, _, _signature = token.partition(".")
    if not _ascii_digits(window_text) or int(window_text) not in _accepted_windows(moment):
        return False
    if not token.isascii():
        return False
    expected = qr_token_for_window(secret, event_id, int(window_text))
    return hmac.compare_digest(expected.encode(), token.encode())


def qr_token_for_window(secret: str, event_id: int, window: int) -> str:
    signature = base64.urlsafe_b64encode(_mac(secret, event_id, window, "qr")[:16]).decode()
    return f"{window}.{signature.rstrip('=')}"


def numeric_code_is_valid(secret: str, event_id: int, code: str, moment: datetime) -> bool:
    """True for this event's code of the current or the previous window."""
    code = code.strip()
    if len(code) != CODE_DIGITS or not _ascii_digits(code):
        return False
    return any(
        hmac.compare_digest(_code(secret, event_id, window), code)
        for window in _accepted_windows(moment)
    )


def _ascii_digits(text: str) -> bool:
    """0-9 only: str.isdigit() also accepts "²" and other scripts' digits."""
    return text.isascii() and text.isdigit()


def seconds_left(moment: datetime) -> int:
    """Until the projector should show the next code."""
    return WINDOW_SECONDS - int(moment.timestamp()) % WINDOW_SECONDS
