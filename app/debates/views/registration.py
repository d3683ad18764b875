"""The public registration form of a tournament (rate-limited per address): a team enters
itself while the tab room keeps registration open, and is sent to its private page."""

from flask import abort, current_app, flash, redirect, render_template
from wtforms import SelectChoice

from app.core.errors import FieldError
from app.core.time import utcnow
from app.extensions import limiter
from app.i18n import _

from .. import roster
from ..errors import DebateError
from ..forms import SPEAKER_SLOTS, RegistrationForm
from . import bp, flash_refusal, league_name, tournament_or_404
from .private import team_url
from .setup import institution_choices


def _registration_limit():
    return current_app.config["DEBATE_REGISTRATION_RATE_LIMIT"]


@bp.route("/debates/<int:tournament_id>/register", methods=["GET", "POST"])
# Only registrations made count (a form sent back with errors writes nothing), so one
# school's hall behind one address is not refused for its typing mistakes.
@limiter.limit(
    _registration_limit, methods=["POST"], deduct_when=lambda response: response.status_code == 302
)
def register(tournament_id: int):
    tournament = tournament_or_404(tournament_id)
    if not tournament.registration_open or tournament.finished_at is not None:
        abort(404)
    form = RegistrationForm()
    form.institution_id.choices = [SelectChoice(0, _("Not on the list"))]
    form.institution_id.choices += institution_choices(tournament.region_id)[1:]
    form.league.choices = [
        SelectChoice(code, league_name(code) or _("Single league"))
        for code in tournament.league_codes
    ]
    if form.validate_on_submit():
        entry = roster.TeamEntry(
            name=form.name.data,
            institution_id=form.institution_id.data or None,
            league=form.league.data,
            speakers=form.speakers(),
            contact_name=form.contact_name.data,
            contact_email=form.contact_email.data or "",
            contact_phone=form.contact_phone.data or "",
        )
        try:
            team = roster.register_team(tournament, entry, utcnow())
        except FieldError as error:
            # the speakers' rule speaks of all of them: shown under the first line
            field = "speaker_1" if error.field == "speakers" else error.field
            getattr(form, field).errors.append(error.message)
        except DebateError as error:
            flash_refusal(error)
        else:
            flash(
                _(
                    "Team %(name)s is registered. Keep the link of this page: it is your "
                    "team's private page, for check-in, your rooms and feedback.",
                    name=team.name,
                ),
                "success",
            )
            return redirect(team_url(team))
    status = 400 if form.errors else 200
    return render_template(
        "debates/register.html", tournament=tournament, form=form, slots=SPEAKER_SLOTS
    ), status
