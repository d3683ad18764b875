"""Private ballot links: an HMAC over the tournament's secret, the debate and the adjudicator.

Pure (no Flask, no database). A link names one adjudicator on one debate, so it cannot be
turned into another adjudicator's or another room's link without the secret.
"""

import base64
import hashlib
import hmac
import secrets

SECRET_BYTES = 32


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def ballot_token(secret: str, debate_id: int, adjudicator_id: int) -> str:
    message = f"ballot:{debate_id}:{adjudicator_id}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def token_matches(secret: str, debate_id: int, adjudicator_id: int, token: str) -> bool:
    expected = ballot_token(secret, debate_id, adjudicator_id)
    return hmac.compare_digest(expected.encode(), token.encode("utf-8", "replace"))


def _sign(secret: str, message: str) -> str:
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def _matches(expected: str, token: str) -> bool:
    return hmac.compare_digest(expected.encode(), token.encode("utf-8", "replace"))


def team_token(secret: str, team_id: int) -> str:
    """A team's private page (room, side, motion, results, check-in, feedback)."""
    return _sign(secret, f"team:{team_id}")


def team_token_matches(secret: str, team_id: int, token: str) -> bool:
    return _matches(team_token(secret, team_id), token)


def judge_token(secret: str, adjudicator_id: int) -> str:
    """An adjudicator's private page (check-in, their rooms, feedback on their panel)."""
    return _sign(secret, f"judge:{adjudicator_id}")


def judge_token_matches(secret: str, adjudicator_id: int, token: str) -> bool:
    return _matches(judge_token(secret, adjudicator_id), token)
