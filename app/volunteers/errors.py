"""Why a volunteering action was refused, as a code and a translated message."""

from app.core.errors import DomainError
from app.i18n import _l

MESSAGES = {
    "already_applying": _l("You already have an application under way."),
    "no_institution": _l("Join your school or college first: applications go to its region."),
    "not_an_organizer_move": _l("Organizers cannot make this change."),
    "cannot_move_these": _l(
        "Nothing was changed: these applications cannot move there: %(names)s."
    ),
    "illegal_move": _l("An application that is “%(current)s” cannot become “%(wanted)s”."),
    "choose_from_list": _l("Choose applications from the list."),
    "not_active": _l("Only active volunteers log activities."),
    "already_reviewed": _l("This activity has already been reviewed."),
}


class VolunteerError(DomainError):
    """A volunteering action refused; nothing was written."""

    messages = MESSAGES
