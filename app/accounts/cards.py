"""Signed references to a user, and the student's check-in card made of one.

The card is a signed code shown as a QR code on the profile; staff scan it at the door
(app/events). A reference names the user and is signed with the app's secret, so nobody can
make one for somebody else. It carries a piece of the user's
session token: "sign out everywhere" (and a password change) replaces the card, which is
what a student who lost a phone with the card (or the calendar link) on it needs.
"""

import secrets

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from app.extensions import db

from .models import User

CARD_PREFIX = "IH-"  # tells a card from any other QR code a scanner may see
CARD_MAX_LENGTH = 200
_SESSION_PART = 8


def card_code(user: User) -> str:
    return CARD_PREFIX + signed_reference(user, "student-card")


def card_holder(code: str) -> User | None:
    """The user a card code belongs to; None for anything forged, outdated or garbled."""
    code = code.strip()
    if not code.startswith(CARD_PREFIX) or len(code) > CARD_MAX_LENGTH:
        return None
    return referenced_user(code.removeprefix(CARD_PREFIX), "student-card")


def signed_reference(user: User, purpose: str) -> str:
    """A code naming the user, for one purpose (a card, a calendar feed), that only this
    server can make."""
    return _serializer(purpose).dumps([user.id, user.session_token[:_SESSION_PART]])


def referenced_user(reference: str, purpose: str) -> User | None:
    try:
        user_id, session_part = _serializer(purpose).loads(reference)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(user_id, int) or not isinstance(session_part, str):
        return None
    user = db.session.scalar(sa.select(User).where(User.id == user_id))
    if user is None or not secrets.compare_digest(user.session_token[:_SESSION_PART], session_part):
        return None
    return user


def _serializer(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=purpose)
