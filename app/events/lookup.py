"""An event loaded for the signed-in user, or the answer they get instead: the pages and
the check-in views load events the same way."""

from flask import abort
from flask_login import current_user

from app.core.access import can_manage_event, ensure
from app.extensions import db

from . import queries
from .models import Event


def visible_event(event_id: int) -> Event:
    """The event, for those who may see it; anyone else, signed in or not, gets the 404 a
    missing id gets, so that ids tell nobody which private events exist."""
    event = db.get_or_404(Event, event_id)
    if not queries.can_see(current_user, event):
        abort(404)
    return event


def managed_event(event_id: int) -> Event:
    event = visible_event(event_id)
    ensure(can_manage_event(current_user, event))
    return event
