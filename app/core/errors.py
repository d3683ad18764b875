"""Errors shared by every area: the domain error that services raise, and the HTTP error pages."""

from collections.abc import Mapping
from contextlib import suppress

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.i18n import _, _l, force_locale, request_language

# What a database restart or a full connection pool raises: the request can be retried.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)
RETRY_AFTER_SECONDS = 2


class DomainError(Exception):
    """A use case refused; nothing was written (the ``@use_case`` rolled back).

    ``code`` names the refusal for clients, tests and logs; ``params`` fill its message.
    The one error shape of every area: each area subclasses it once, only to give its table
    of translated messages (``messages``, kept next to the area, e.g. events/errors.py), so
    that a view shows ``error.message`` whatever the area.
    """

    messages: Mapping[str, object] = {}

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        text = str(self.messages[self.code])
        return text % self.params if self.params else text


class FieldError(DomainError):
    """A business rule refused the input of one form field (e.g. a login already taken):
    the message, already translated, is shown next to the field."""

    def __init__(self, field: str, message: str):
        super().__init__("invalid_field", field=field)
        self.field = field
        self._message = message

    @property
    def message(self) -> str:
        return self._message


def attach_field_error(form, error: FieldError) -> None:
    getattr(form, error.field).errors.append(error.message)


ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    403: (_l("Access denied"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("There is no page at this address. Check the link or go home.")),
    405: (_l("Not allowed"), _l("This address does not accept this kind of request.")),
    413: (
        _l("File too large"),
        _l("The upload is larger than the server accepts. Choose a smaller file."),
    ),
    429: (
        _l("Too many attempts"),
        _l("Too many requests in a short time. Wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error occurred on our side. It has been recorded; please try again later."),
    ),
}


def note_database_outage(error: Exception) -> None:
    """Forget the broken transaction and note the outage (its kind only: the statement and
    its parameters may hold personal data)."""
    with suppress(DATABASE_UNAVAILABLE):  # the connection may be gone with the database
        db.session.rollback()
    current_app.logger.warning("database unavailable: %s", type(error).__name__)


def render_error(status: int, message: str | None = None):
    title, default_message = ERROR_TEXTS.get(status, ERROR_TEXTS[500])
    page = render_template(
        "errors/error.html", status=status, title=title, message=message or default_message
    )
    return page, status


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_error(
            400, _("The form has expired or was sent from another page. Please try again.")
        )

    # A page of its own, not the site's layout: the layout asks the database who is signed
    # in, and the database is what is missing. Retry-After tells scripts and proxies when.
    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def unavailable(error):
        note_database_outage(error)
        language = request_language()
        # Rendered without the context processors, which look up the signed-in user.
        template = app.jinja_env.get_template("errors/unavailable.html")
        with force_locale(language):
            page = template.render(language=language, again=request.url)
        return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    # Also serves unexpected errors: Flask logs them and turns them into a 500
    # InternalServerError (unless debugging), which lands here.
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in ERROR_TEXTS:
            return render_error(error.code)
        return error
