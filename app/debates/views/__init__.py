"""Pages of debate tournaments, one module per audience: public.py (the public tabs, each
hidden until released, and the projector), setup.py (the tab room's setup), tab_room.py
(draws, panels, releases, and a debate's ballots as the tab room enters them) and
ballot_pages.py (the adjudicators' private e-ballots). They share one blueprint and the
loaders below."""

from flask import Blueprint, abort, flash
from flask_login import current_user

from app.core.access import Role, ensure
from app.core.errors import FieldError
from app.extensions import db
from app.i18n import translate

from .. import queries
from ..errors import DebateError
from ..models import LEAGUE_LABELS, TAB_CATEGORY_LABELS, Round, Tournament

bp = Blueprint("debates", __name__, template_folder="../templates")

AUTHORS = (Role.TEACHER, Role.ORGANIZER, Role.ADMIN)


def tournament_or_404(tournament_id: int) -> Tournament:
    return db.get_or_404(Tournament, tournament_id)


def managed_tournament(tournament_id: int) -> Tournament:
    tournament = tournament_or_404(tournament_id)
    ensure(queries.can_manage(current_user, tournament))
    return tournament


def round_or_404(tournament: Tournament, number: int) -> Round:
    round_ = queries.round_by_number(tournament, number)
    if round_ is None:
        abort(404)
    return round_


def league_name(code: str) -> str:
    return str(LEAGUE_LABELS[code]) if code else ""


def flash_refusal(error: DebateError | FieldError) -> None:
    flash(error.message, "error")


@bp.context_processor
def _helpers():
    return {
        "league_name": league_name,
        "translate": translate,
        "tab_category_labels": TAB_CATEGORY_LABELS,
    }


# The routes, registered on ``bp`` as their modules load (after the names above exist).
from . import ballot_pages, private, public, registration, roster, setup, tab_room  # noqa: E402, F401
