"""Why a check-in or a registration was refused, as a code and a translated message."""

from app.core.errors import DomainError
from app.i18n import _l

MESSAGES = {
    "token_invalid": _l(
        "This check-in code has expired or is not valid. Scan the code on the screen again."
    ),
    "pass_expired": _l("Too much time has passed since you scanned. Scan the code again."),
    "code_wrong": _l(
        "This code is wrong or has expired, or the event is not for you. "
        "Type the code now on the screen."
    ),
    "card_invalid": _l("This is not a valid student card. Ask the student to open it again."),
    "too_early": _l("Check-in for this event has not opened yet."),
    "too_late": _l("Check-in for this event has closed."),
    "synced_too_late": _l(
        "This scan reached the server too long after check-in closed, so it cannot count."
    ),
    "not_in_audience": _l("This event is not open to this student."),
    # Names nobody: the person is outside the staff member's scope, or there is no such person.
    "not_in_scope": _l("You cannot check in this person: they are not in your classes or region."),
    "not_registered": _l("This event needs registration, and you have no confirmed seat."),
    "registration_not_needed": _l("This event needs no registration: just come."),
    "registration_closed": _l("Registration has closed: the event has already ended."),
    "not_registered_yet": _l("You are not registered for this event."),
}


class EventError(DomainError):
    """A check-in or registration refused; nothing was written."""

    messages = MESSAGES
