"""Security headers on every response and the production start-up guard."""

from flask import Flask, current_app

from app.config import INSECURE_DEFAULT_SECRET_KEY
from app.core.urls import base_url_problem

# No inline scripts or styles anywhere: all JS and CSS are files under static/.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)


# Every session, card code and ballot link is signed with SECRET_KEY: a short one can be
# guessed offline from any signed cookie.
MIN_SECRET_KEY_LENGTH = 32
HSTS = "max-age=31536000; includeSubDomains"  # a year: browsers then never try plain HTTP


def refuse_insecure_production(app: Flask) -> None:
    production = bool(app.config.get("IS_PRODUCTION"))
    if production:
        _refuse_weak_secret_key(app)
    if problem := base_url_problem(app.config.get("PUBLIC_BASE_URL") or "", production):
        raise RuntimeError(f"Refusing to start: {problem}.")


def _refuse_weak_secret_key(app: Flask) -> None:
    key = app.config.get("SECRET_KEY") or ""
    if key == INSECURE_DEFAULT_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            f"Refusing to start in production with the default SECRET_KEY or one shorter "
            f"than {MIN_SECRET_KEY_LENGTH} characters: set SECRET_KEY to a long random value "
            "(e.g. python -c 'import secrets; print(secrets.token_hex(32))')."
        )


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if current_app.config["SESSION_COOKIE_SECURE"]:  # the site is served over HTTPS only
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response
