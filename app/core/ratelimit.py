"""Rate limits counted by hand, for the doors where only misses may count.

Flask-Limiter's decorators count a request before the view knows whether it succeeded, so a
right PIN or a right password would be refused along with the guesses. Here the view asks
first (``allows``) and counts only what it decides to (``count``). The counters live in the
app's rate-limit storage (Redis in production), so every process shares them.
"""

from flask import current_app
from limits import parse_many

from app.extensions import limiter


def allows(setting: str, scope: str, key: str) -> bool:
    """Whether every limit the setting names ("30 per minute", or several separated by
    ";") has room left for ``key``, without counting anything."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return True
    return all(limiter.limiter.test(limit, scope, key) for limit in _limits(setting))


def count(setting: str, scope: str, key: str) -> bool:
    """Count one request for ``key`` against the setting's limits; False once any of them
    is used up."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return True
    return all([limiter.limiter.hit(limit, scope, key) for limit in _limits(setting)])


def _limits(setting: str):
    return parse_many(current_app.config[setting])
