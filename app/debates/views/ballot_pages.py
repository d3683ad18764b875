"""The adjudicator's e-ballot, behind a private signed link."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.core.forms import ActionForm
from app.core.time import utcnow
from app.core.urls import public_url
from app.extensions import db
from app.i18n import _

from .. import ballots, links, queries
from ..errors import DebateError
from ..models import Adjudicator, Debate
from . import bp, flash_refusal


def ballot_url(debate: Debate, adjudicator: Adjudicator, external: bool = False) -> str:
    token = links.ballot_token(debate.round.tournament.ballot_secret, debate.id, adjudicator.id)
    build = public_url if external else url_for  # a link handed out: the canonical address
    return build("debates.ballot", debate_id=debate.id, adjudicator_id=adjudicator.id, token=token)


def _ballot_target(debate_id: int, adjudicator_id: int, token: str):
    """The debate and adjudicator of a private link, or a refusal (status and message)."""
    debate = db.session.get(Debate, debate_id)
    adjudicator = db.session.get(Adjudicator, adjudicator_id)
    if debate is None or adjudicator is None:
        return None, None, (404, DebateError("bad_link").message)
    tournament = debate.round.tournament
    if adjudicator.tournament_id != tournament.id or not links.token_matches(
        tournament.ballot_secret, debate.id, adjudicator.id, token
    ):
        return None, None, (404, DebateError("bad_link").message)
    signed_in_as = queries.adjudicator_of_user(tournament, current_user)
    if signed_in_as is not None and signed_in_as.id != adjudicator.id:
        return None, None, (403, DebateError("other_adjudicator").message)
    if queries.seat_of(debate, adjudicator) is None:
        return None, None, (403, DebateError("not_on_panel").message)
    return debate, adjudicator, None


@bp.route("/ballot/<int:debate_id>/<int:adjudicator_id>/<token>", methods=["GET", "POST"])
def ballot(debate_id: int, adjudicator_id: int, token: str):
    debate, adjudicator, refusal = _ballot_target(debate_id, adjudicator_id, token)
    if refusal:
        status, message = refusal
        return render_template("debates/ballot_refused.html", message=message), status
    problems: list[str] = []
    if request.method == "POST" and ActionForm().validate_on_submit():
        problems = submit_ballot(debate, adjudicator)
        if not problems:
            flash(_("Thank you: your ballot has been submitted."), "success")
            return redirect(request.path)
    return _ballot_page(debate, adjudicator, problems), (400 if problems else 200)


@bp.post("/ballot/<int:debate_id>/<int:adjudicator_id>/<token>/confirm")
def confirm_ballot(debate_id: int, adjudicator_id: int, token: str):
    debate, adjudicator, refusal = _ballot_target(debate_id, adjudicator_id, token)
    if refusal:
        status, message = refusal
        return render_template("debates/ballot_refused.html", message=message), status
    if ActionForm().validate_on_submit():
        try:
            ballots.confirm(debate, utcnow(), chair=adjudicator)
        except DebateError as error:
            flash_refusal(error)
        else:
            flash(_("The result has been confirmed. Thank you!"), "success")
    return redirect(
        url_for("debates.ballot", debate_id=debate_id, adjudicator_id=adjudicator_id, token=token)
    )


def _ballot_page(debate: Debate, adjudicator: Adjudicator, problems: list[str]):
    tournament = debate.round.tournament
    latest = queries.latest_ballots(debate)
    return render_template(
        "debates/ballot.html",
        tournament=tournament,
        debate=debate,
        adjudicator=adjudicator,
        fmt=tournament.format,
        mine=latest.get(adjudicator.id),
        latest=latest,
        is_chair=queries.is_chair(debate, adjudicator),
        problems=problems,
        values=request.form if problems else {},
        motion_shown=debate.round.motion_released(utcnow()),
        form=ActionForm(),
    )


def submit_ballot(debate: Debate, adjudicator: Adjudicator, entered_by=None) -> list[str]:
    entry = ballots.entry_from_form(debate.round.tournament.format, request.form)
    try:
        ballots.submit(debate, adjudicator, entry, utcnow(), entered_by=entered_by)
    except ballots.BallotRejected as rejected:
        return rejected.messages
    except DebateError as error:
        return [error.message]
    return []
