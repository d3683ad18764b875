"""Security headers on every response and the production start-up guard."""

from flask import Flask

from app.config import INSECURE_DEFAULT_SECRET_KEY

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


def refuse_insecure_production(app: Flask) -> None:
    if app.config.get("IS_PRODUCTION") and (
        not app.config.get("SECRET_KEY") or app.config["SECRET_KEY"] == INSECURE_DEFAULT_SECRET_KEY
    ):
        raise RuntimeError(
            "Refusing to start in production with the default SECRET_KEY: set SECRET_KEY "
            "to a long random value (e.g. python -c 'import secrets; print(secrets.token_hex(32))')."
        )


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
