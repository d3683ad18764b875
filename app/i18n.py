"""Everything about languages, in one place.

The only module that imports flask_babel. Code elsewhere uses:
- ``_`` for strings translated at run time (inside a request),
- ``_l`` for strings defined at import time (form labels, enum names),
- ``ngettext`` for plurals (``lazy_ngettext`` at import time): a number before a noun,
- ``pgettext`` / ``lazy_pgettext`` when one English word needs two renderings: the first
  argument is a message context (``msgctxt``) that tells translators which sense is meant,
- ``translate(mapping)`` for content stored as a translation map ``{"kk": ..., "ru": ..., "en": ...}``.
"""

from collections.abc import Mapping

from flask import has_request_context, request, session
from flask_babel import (
    Babel,
    force_locale,
    format_date,
    format_datetime,
    format_decimal,
    format_time,
    get_locale,
    lazy_ngettext,
    lazy_pgettext,
    ngettext,
    pgettext,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

__all__ = [
    "LANGUAGES",
    "N_",
    "SESSION_KEY",
    "_",
    "_l",
    "babel",
    "current_language",
    "request_language",
    "format_date",
    "format_datetime",
    "force_locale",
    "format_decimal",
    "format_time",
    "language_chosen_before_login",
    "lazy_ngettext",
    "lazy_pgettext",
    "ngettext",
    "pgettext",
    "remember_choice",
    "select_locale",
    "translate",
]

# Kazakh first: it is the default and the first fallback for content.
LANGUAGES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "kk"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a message for the catalogs without translating it now: it is stored (e.g. a
    notification) and translated with ``_`` when someone reads it."""
    return message


SESSION_KEY = "language"
# Set when a visitor who is not signed in presses the switch (on the login page, say): the
# choice is theirs, so signing in keeps it and saves it to the account. A choice left in the
# session by the previous user of a shared computer is not, so it never carries over.
CHOSEN_BEFORE_LOGIN_KEY = "language_chosen_before_login"

babel = Babel()


def select_locale() -> str:
    """The user's saved preference, then the switch stored in the session, then the browser;
    Kazakh outside a request (the CLI, a service called from a script)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return request_language()


def request_language() -> str:
    """The request's language without asking the database (for pages shown while it is
    unreachable): the switch stored in the session, then the browser, then Kazakh."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = session.get(SESSION_KEY)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def remember_choice(language: str, signed_in: bool) -> None:
    session[SESSION_KEY] = language
    if signed_in:
        session.pop(CHOSEN_BEFORE_LOGIN_KEY, None)
    else:
        session[CHOSEN_BEFORE_LOGIN_KEY] = True


def language_chosen_before_login() -> str | None:
    """The language a visitor chose before signing in, once (the mark is removed)."""
    if session.pop(CHOSEN_BEFORE_LOGIN_KEY, False) and session.get(SESSION_KEY) in LANGUAGES:
        return session[SESSION_KEY]
    return None


def current_language() -> str:
    locale = get_locale()
    return str(locale.language) if locale else DEFAULT_LANGUAGE


def pick_translation(
    mapping: Mapping[str, str] | None, language: str | None = None
) -> tuple[str, str | None]:
    """The text and its language code from a translation map: the requested language
    (default: the current locale), then Kazakh, Russian, English, then any non-empty
    value. Missing or empty maps give ("", None)."""
    if not mapping:
        return "", None
    wanted = language or (current_language() if has_request_context() else DEFAULT_LANGUAGE)
    for code in (wanted, *LANGUAGES):
        text = mapping.get(code)
        if text:
            return text, code
    return next(((text, code) for code, text in mapping.items() if text), ("", None))


def translate(mapping: Mapping[str, str] | None, language: str | None = None) -> str:
    """Pick one language from a translation map, with the fallback of pick_translation."""
    return pick_translation(mapping, language)[0]
