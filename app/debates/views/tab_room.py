"""The tab room during the tournament: a round's draw, panels, release and motion; a
debate's private ballot links, and ballots entered or corrected by the tab room."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.core.access import login_required
from app.core.converters import bounded_int
from app.core.forms import ActionForm
from app.core.time import from_almaty, utcnow
from app.extensions import db
from app.i18n import LANGUAGES, _, current_language, force_locale

from .. import ballots, draw_services, queries, services
from ..errors import DebateError
from ..forms import AdjudicatorForm, RoundForm, TeamForm
from ..models import Adjudicator, Debate, Tournament
from . import bp, flash_refusal, managed_tournament, round_or_404
from .ballot_pages import ballot_url, submit_ballot
from .setup import prepare_setup_forms

# --- the tab room: draws, panels, releases -----------------------------------------------------


def _round_action(tournament_id: int, number: int, action) -> Response:
    tournament = managed_tournament(tournament_id)
    round_ = round_or_404(tournament, number)
    if ActionForm().validate_on_submit():
        try:
            message = action(round_)
        except DebateError as error:
            flash_refusal(error)
        else:
            flash(message, "success")
    return redirect(url_for("debates.draw", tournament_id=tournament.id, number=number))


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/draw")
@login_required
def make_draw(tournament_id: int, number: int):
    def action(round_):
        draw_services.generate_draw(round_, utcnow())
        return _("The draw has been made. Check it, then release it.")

    return _round_action(tournament_id, number, action)


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/draw/delete")
@login_required
def delete_draw(tournament_id: int, number: int):
    def action(round_):
        draw_services.delete_draw(round_)
        return _("The draw has been deleted.")

    return _round_action(tournament_id, number, action)


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/allocate")
@login_required
def allocate(tournament_id: int, number: int):
    def action(round_):
        draw_services.reallocate(round_)
        return _("The adjudicators have been allocated again.")

    return _round_action(tournament_id, number, action)


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/release")
@login_required
def release_round(tournament_id: int, number: int):
    what = request.form.get("what")
    released = request.form.get("released") == "1"

    def action(round_):
        if what == "results":
            services.release_results(round_, released)
        else:
            services.release_draw(round_, released)
        return _("Released.") if released else _("Hidden again.")

    return _round_action(tournament_id, number, action)


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/motion")
@login_required
def set_motion(tournament_id: int, number: int):
    tournament = managed_tournament(tournament_id)
    round_ = round_or_404(tournament, number)
    form = RoundForm()
    prepare_setup_forms(tournament, TeamForm(formdata=None), AdjudicatorForm(formdata=None), form)
    if form.validate_on_submit():
        release = form.motion_release_at.data
        try:
            services.set_motion(
                round_, form.motion_id.data or None, from_almaty(release) if release else None
            )
        except DebateError as error:
            flash_refusal(error)
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#rounds")


# --- a debate in the tab room: links, ballots, corrections ---------------------------------------


def _debate(tournament: Tournament, debate_id: int) -> Debate:
    debate = db.get_or_404(Debate, debate_id)
    if debate.round.tournament_id != tournament.id:
        abort(404)
    return debate


@bp.route("/debates/<int:tournament_id>/debates/<int:debate_id>", methods=["GET", "POST"])
@login_required
def debate(tournament_id: int, debate_id: int):
    tournament = managed_tournament(tournament_id)
    debate = _debate(tournament, debate_id)
    problems: list[str] = []
    if request.method == "POST" and ActionForm().validate_on_submit():
        adjudicator = db.session.get(
            Adjudicator, request.form.get("adjudicator", type=bounded_int) or 0
        )
        if adjudicator is None or adjudicator.tournament_id != tournament.id:
            abort(400)
        problems = submit_ballot(debate, adjudicator, entered_by=current_user)
        if not problems:
            flash(
                _("The ballot has been saved. Confirm the result when the panel is in."), "success"
            )
            return redirect(request.path)
    return render_template(
        "debates/debate.html",
        tournament=tournament,
        debate=debate,
        fmt=tournament.format,
        latest=queries.latest_ballots(debate),
        links={
            seat.adjudicator_id: ballot_url(debate, seat.adjudicator, external=True)
            for seat in debate.panel
        },
        problems=problems,
        values=request.form if problems else {},
        form=ActionForm(),
    ), (400 if problems else 200)


@bp.post("/debates/<int:tournament_id>/debates/<int:debate_id>/confirm")
@login_required
def confirm(tournament_id: int, debate_id: int):
    tournament = managed_tournament(tournament_id)
    debate = _debate(tournament, debate_id)
    if ActionForm().validate_on_submit():
        try:
            ballots.confirm(debate, utcnow(), by=current_user)
        except DebateError as error:
            flash_refusal(error)
        else:
            flash(_("The result has been confirmed."), "success")
    return redirect(url_for("debates.debate", tournament_id=tournament.id, debate_id=debate.id))


# --- printables: the draw, paper ballots and feedback forms ---------------------------------

PRINTABLES = {
    "draw": "debates/print_draw.html",
    "ballots": "debates/print_ballots.html",
    "feedback": "debates/print_feedback.html",
}


@bp.get("/debates/<int:tournament_id>/rounds/<int:number>/print/<what>")
@login_required
def printable(tournament_id: int, number: int, what: str):
    """A page to print for the hall: the draw to pin up, a ballot for each adjudicator
    without a phone, a feedback form for each team; in the language chosen for the
    readers (?language=kk|ru|en), else the tab room's own."""
    tournament = managed_tournament(tournament_id)
    round_ = round_or_404(tournament, number)
    if what not in PRINTABLES:
        abort(404)
    language = request.args.get("language")
    if language not in LANGUAGES:
        language = current_language()
    with force_locale(language):
        return render_template(
            PRINTABLES[what],
            tournament=tournament,
            round=round_,
            fmt=tournament.format,
            debates=queries.round_debates(round_),
            what=what,
            language=language,
            languages=LANGUAGES,
            motion_shown=round_.motion_released(utcnow()),
        )
