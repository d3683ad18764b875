"""Configuration classes, read from the environment.

Pick one with APP_ENV=development|production|testing (default: development).
Every setting can be overridden by an environment variable of the same name: the ones with
their own default below read it themselves; ``environment_overrides`` gives every other
plain setting (text, number, on/off) the same chance.
"""

import os
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
INSECURE_DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"


def _env_bool_value(raw: str) -> bool:
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else _env_bool_value(value)


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'integrity_hour.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    if SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        # Under gevent one process serves hundreds of requests at once (a hall answering);
        # each holds a connection for a few milliseconds. Keep workers × (size + overflow)
        # below the server's max_connections (100 by default).
        SQLALCHEMY_ENGINE_OPTIONS |= {
            "pool_size": int(os.environ.get("DB_POOL_SIZE", "30")),
            "max_overflow": int(os.environ.get("DB_POOL_OVERFLOW", "10")),
        }
    REDIS_URL = os.environ.get("REDIS_URL")

    # Flask-Limiter keeps its counters in Redis when there is one, so that
    # limits hold across server processes; otherwise in this process's memory.
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    # A whole school often shares one public IP address, and a class signs up together,
    # so per-address limits are generous; guessing one account's password is limited
    # per address *and* login. Sign-in counts wrong passwords only (a hall of 2,000 signing
    # in at once, a tenth mistyping, stays far below the per-address ceiling), and an
    # attempt already refused counts for nothing, so one pupil cannot use up the school's.
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")  # per IP + login
    LOGIN_IP_RATE_LIMIT = os.environ.get("LOGIN_IP_RATE_LIMIT", "300 per minute")
    SIGNUP_RATE_LIMIT = os.environ.get("SIGNUP_RATE_LIMIT", "60 per minute")  # per IP
    # per IP: a school registers a few teams from one address, a script many
    DEBATE_REGISTRATION_RATE_LIMIT = os.environ.get("DEBATE_REGISTRATION_RATE_LIMIT", "20 per hour")

    # How many reverse proxies stand in front of the app (X-Forwarded-* is trusted from
    # that many hops); 0 when the app is reached directly.
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

    BABEL_DEFAULT_LOCALE = "kk"
    BABEL_DEFAULT_TIMEZONE = "Asia/Almaty"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent.parent / "translations")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE

    # Whole-request cap; forms set tighter per-field limits with a message next to the field.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024

    # Uploaded images (app/media/store.py): a directory every app host can reach (several
    # hosts may share it: files are written whole, then renamed into place), the largest
    # upload accepted (the editor's image form allows this much beyond MAX_CONTENT_LENGTH)
    # and the most pixels one may decode to (a decompression bomb is refused on its header).
    MEDIA_DIR = os.environ.get("MEDIA_DIR", str(INSTANCE_DIR / "media"))
    MEDIA_MAX_BYTES = int(os.environ.get("MEDIA_MAX_BYTES", str(8 * 1024 * 1024)))
    MEDIA_MAX_PIXELS = int(os.environ.get("MEDIA_MAX_PIXELS", "40000000"))

    PASSWORD_HASH_METHOD = "scrypt"  # Werkzeug's default: memory-hard, ~0.1 s a hash here
    # One-time passwords on printed slips are random (not guessable words) and replaced at
    # first login, so half the scrypt work keeps a 150-student roster under ~10 s
    # (bench/accounts.py) while brute force stays out of reach.
    ONE_TIME_PASSWORD_HASH_METHOD = "scrypt:16384:8:1"
    # A printed slip left unclaimed this long stops working; the teacher prints new slips.
    SLIP_PASSWORD_DAYS = int(os.environ.get("SLIP_PASSWORD_DAYS", "30"))

    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a school day: forms opened in the morning still work

    # The site's canonical public address (scheme, host, optional path), e.g.
    # https://adaldyq.kz: every badge id, calendar UID, QR code target and link in an export
    # is built from it, never from the request's Host header (app/core/urls.py). Required,
    # and https, in production; empty elsewhere means "the address the request used".
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")

    # The organizing body that issues Open Badges: the Issuer document every badge points to.
    # Open Badges requires a name, a web site and an e-mail address; set them in production.
    BADGE_ISSUER_NAME = os.environ.get("BADGE_ISSUER_NAME", "Integrity Hour")
    BADGE_ISSUER_URL = os.environ.get("BADGE_ISSUER_URL", "")  # empty: this site's home page
    BADGE_ISSUER_EMAIL = os.environ.get("BADGE_ISSUER_EMAIL", "badges@integrity-hour.example")
    BADGE_ISSUER_DESCRIPTION = os.environ.get(
        "BADGE_ISSUER_DESCRIPTION",
        "Integrity education and anti-corruption volunteering for students of Kazakhstan.",
    )

    # Live games: an open game stops answering to its PIN after this many hours; wrong PINs
    # are limited per address (a school shares one address, so the limit counts only misses).
    LIVE_GAME_HOURS = int(os.environ.get("LIVE_GAME_HOURS", "6"))
    LIVE_PIN_RATE_LIMIT = os.environ.get("LIVE_PIN_RATE_LIMIT", "30 per minute")
    # Players per game: the 2,000 phones bench/RESULTS.md proved (live_burst.py), refused
    # beyond with a message. Every join request per address, right PIN or wrong, stops at a
    # ceiling a full hall behind one school address never reaches (a join and a reload or two
    # each); it bounds PIN guessing, since a right PIN is never refused for earlier misses.
    LIVE_MAX_PLAYERS = int(os.environ.get("LIVE_MAX_PLAYERS", "2000"))
    LIVE_JOIN_RATE_LIMIT = os.environ.get(
        "LIVE_JOIN_RATE_LIMIT",
        f"{2 * LIVE_MAX_PLAYERS} per minute; {10 * LIVE_MAX_PLAYERS} per hour",
    )

    # Fair timing (docs/live-protocol.md): a question takes answers this long past its time,
    # for answers tapped in time but still on the network or queued behind a hall's others;
    # the reveal waits for it (or comes at once when everyone has answered). A phone's own
    # report of its player's time counts, never below this floor.
    LIVE_ANSWER_GRACE_SECONDS = float(os.environ.get("LIVE_ANSWER_GRACE_SECONDS", "3"))
    LIVE_MIN_ANSWER_MS = int(os.environ.get("LIVE_MIN_ANSWER_MS", "300"))

    # Check-in opens this long before an event starts and stays open this long after it ends.
    EVENT_CHECK_IN_GRACE_MINUTES = int(os.environ.get("EVENT_CHECK_IN_GRACE_MINUTES", "30"))
    # A scanner that lost its connection syncs its queue later; the scan's own time counts
    # only if the sync arrives within this many hours after check-in closed (a phone's clock
    # is not to be trusted beyond that: it could check anyone in days later).
    EVENT_SCAN_SYNC_HOURS = int(os.environ.get("EVENT_SCAN_SYNC_HOURS", "12"))
    # Wrong numeric check-in codes per student (a 6-digit code lives under a minute).
    EVENT_CODE_RATE_LIMIT = os.environ.get("EVENT_CODE_RATE_LIMIT", "10 per minute")
    # A valid scan of the projector's QR code leaves this long to sign in and confirm.
    EVENT_PASS_SECONDS = int(os.environ.get("EVENT_PASS_SECONDS", "300"))

    # The version of the personal-data policy a volunteer application consents to; stored
    # with each consent. Change it when the policy text changes.
    VOLUNTEER_CONSENT_POLICY = os.environ.get("VOLUNTEER_CONSENT_POLICY", "2026-11")
    # How long a process reuses a game's snapshot without a change notification: newcomers
    # show up on the projector's board within this time.
    LIVE_SNAPSHOT_SECONDS = float(os.environ.get("LIVE_SNAPSHOT_SECONDS", "2"))

    DEMO_ALLOWED = True
    IS_PRODUCTION = False


class DevelopmentConfig(Config):
    pass


class ProductionConfig(Config):
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))  # gunicorn behind nginx
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    DEMO_ALLOWED = False
    IS_PRODUCTION = True


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"  # noqa: S105 - test only
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    LIVE_SNAPSHOT_SECONDS = 0.0  # tests read what they just wrote
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = (
        "pbkdf2:sha256:1000"  # fast hashing keeps the suite quick; never in production
    )
    ONE_TIME_PASSWORD_HASH_METHOD = PASSWORD_HASH_METHOD


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}


def config_from_environment() -> type[Config]:
    name = os.environ.get("APP_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"APP_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None


def environment_overrides(config_class: type[Config]) -> dict:
    """The settings of ``config_class`` that an environment variable of the same name sets,
    cast to the setting's type ("1"/"true"/"yes"/"on" for on). A value that does not fit
    stops the start with a message naming the setting."""
    overrides = {}
    for name in dir(config_class):
        current = getattr(config_class, name)
        if not name.isupper() or name not in os.environ:
            continue
        if not isinstance(current, str | int | float | bool) and current is not None:
            continue  # dicts and the like are built from their own variables
        raw = os.environ[name]
        try:
            overrides[name] = _cast(raw, current)
        except ValueError:
            raise RuntimeError(
                f"the environment variable {name}={raw!r} is not a valid value"
            ) from None
    return overrides


def _cast(raw: str, current):
    if isinstance(current, bool):
        return _env_bool_value(raw)
    if isinstance(current, int):
        return int(raw)
    if isinstance(current, float):
        return float(raw)
    return raw
