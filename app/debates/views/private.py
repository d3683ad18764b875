"""The private pages of teams and adjudicators, behind signed links (no account needed):
a team sees its rooms, sides, motions once released and results once released, checks in
and rates its judges; an adjudicator checks in, finds their ballots and rates their panel.
The token is a route argument named ``token``, so the access log redacts it."""

from flask import abort, flash, redirect, render_template, request, url_for

from app.core.errors import FieldError
from app.core.forms import ActionForm
from app.core.time import utcnow
from app.extensions import db
from app.i18n import _

from .. import checkins, feedback, links
from ..errors import DebateError
from ..models import Adjudicator, Debate, Team
from . import bp, flash_refusal
from .ballot_pages import ballot_url


def team_url(team: Team, external: bool = False) -> str:
    token = links.team_token(team.tournament.ballot_secret, team.id)
    return url_for("debates.team_page", team_id=team.id, token=token, _external=external)


def judge_url(adjudicator: Adjudicator, external: bool = False) -> str:
    token = links.judge_token(adjudicator.tournament.ballot_secret, adjudicator.id)
    return url_for(
        "debates.judge_page", adjudicator_id=adjudicator.id, token=token, _external=external
    )


def _refused(message: str):
    return render_template("debates/link_refused.html", message=message), 404


def _team(team_id: int, token: str) -> Team | None:
    team = db.session.get(Team, team_id)
    if team is None or not links.team_token_matches(team.tournament.ballot_secret, team.id, token):
        return None
    return team


def _judge(adjudicator_id: int, token: str) -> Adjudicator | None:
    judge = db.session.get(Adjudicator, adjudicator_id)
    secret = judge.tournament.ballot_secret if judge else ""
    if judge is None or not links.judge_token_matches(secret, judge.id, token):
        return None
    return judge


def _own_debate(debate_id: int, team: Team | None = None, judge: Adjudicator | None = None):
    """A debate of the link's holder: a team's room, or a room the judge sits on."""
    debate = db.get_or_404(Debate, debate_id)
    if team is not None and team.id not in {side.team_id for side in debate.sides}:
        abort(404)
    if judge is not None and judge.id not in {seat.adjudicator_id for seat in debate.panel}:
        abort(404)
    return debate


def _score(form) -> int:
    try:
        return int(form.get("score", ""))
    except ValueError:
        return 0


def _answers(form, tournament) -> list[str]:
    return [form.get(f"answer-{i}", "") for i in range(len(tournament.feedback_questions))]


# --- a team's page ---------------------------------------------------------------------------


@bp.get("/team/<int:team_id>/<token>")
def team_page(team_id: int, token: str):
    team = _team(team_id, token)
    if team is None:
        return _refused(DebateError("bad_team_link").message)
    now = utcnow()
    debates = [d for d in feedback.team_debates(team) if d.round.draw_released]
    return render_template(
        "debates/team_page.html",
        team=team,
        tournament=team.tournament,
        debates=debates,
        open_round=checkins.open_round(team.tournament),
        present=_present(team=team),
        given={debate.id: feedback.given(debate, team=team) for debate in debates},
        to_rate={debate.id: feedback.judges_to_rate(debate, team=team) for debate in debates},
        now=now,
        token=token,
        form=ActionForm(),
    )


def _present(team: Team | None = None, judge: Adjudicator | None = None) -> bool:
    tournament = team.tournament if team else judge.tournament
    round_ = checkins.open_round(tournament)
    if round_ is None:
        return False
    if team is not None:
        return team.id in checkins.present_team_ids(round_)
    return judge.id in checkins.present_adjudicator_ids(round_)


@bp.post("/team/<int:team_id>/<token>/check-in")
def team_check_in(team_id: int, token: str):
    team = _team(team_id, token)
    if team is None:
        return _refused(DebateError("bad_team_link").message)
    if ActionForm().validate_on_submit():
        present = request.form.get("present", "1") == "1"
        try:
            round_ = checkins.set_present(team.tournament, utcnow(), present, team=team)
        except DebateError as error:
            flash_refusal(error)
        else:
            flash(_check_in_message(round_.number, present), "success")
    return redirect(url_for("debates.team_page", team_id=team.id, token=token))


def _check_in_message(number: int, present: bool) -> str:
    if present:
        return _("You are checked in for round %(number)s.", number=number)
    return _("You are marked absent for round %(number)s.", number=number)


@bp.post("/team/<int:team_id>/<token>/feedback/<int:debate_id>/<int:judge_id>")
def team_feedback(team_id: int, token: str, debate_id: int, judge_id: int):
    team = _team(team_id, token)
    if team is None:
        return _refused(DebateError("bad_team_link").message)
    debate = _own_debate(debate_id, team=team)
    _give(debate, judge_id, team=team)
    return redirect(url_for("debates.team_page", team_id=team.id, token=token) + "#rounds")


def _give(debate: Debate, judge_id: int, team=None, adjudicator=None) -> None:
    judge = db.session.get(Adjudicator, judge_id)
    if judge is None or judge.tournament_id != debate.round.tournament_id:
        abort(404)
    if not ActionForm().validate_on_submit():
        return
    tournament = debate.round.tournament
    try:
        feedback.give_feedback(
            debate,
            judge,
            _score(request.form),
            _answers(request.form, tournament),
            utcnow(),
            team=team,
            adjudicator=adjudicator,
        )
    except (DebateError, FieldError) as error:
        flash_refusal(error)
    else:
        flash(_("Thank you: your feedback on %(name)s is saved.", name=judge.name), "success")


# --- an adjudicator's page ------------------------------------------------------------------


@bp.get("/judge/<int:adjudicator_id>/<token>")
def judge_page(adjudicator_id: int, token: str):
    judge = _judge(adjudicator_id, token)
    if judge is None:
        return _refused(DebateError("bad_link").message)
    seats = [d for d in _judge_debates(judge) if d.round.draw_released]
    return render_template(
        "debates/judge_page.html",
        judge=judge,
        tournament=judge.tournament,
        debates=seats,
        ballot_links={debate.id: ballot_url(debate, judge) for debate in seats},
        open_round=checkins.open_round(judge.tournament),
        present=_present(judge=judge),
        given={debate.id: feedback.given(debate, adjudicator=judge) for debate in seats},
        to_rate={d.id: feedback.judges_to_rate(d, adjudicator=judge) for d in seats},
        token=token,
        form=ActionForm(),
    )


def _judge_debates(judge: Adjudicator) -> list[Debate]:
    rounds = judge.tournament.rounds
    return [
        debate
        for round_ in rounds
        for debate in round_.debates
        if any(seat.adjudicator_id == judge.id for seat in debate.panel)
    ]


@bp.post("/judge/<int:adjudicator_id>/<token>/check-in")
def judge_check_in(adjudicator_id: int, token: str):
    judge = _judge(adjudicator_id, token)
    if judge is None:
        return _refused(DebateError("bad_link").message)
    if ActionForm().validate_on_submit():
        present = request.form.get("present", "1") == "1"
        try:
            round_ = checkins.set_present(judge.tournament, utcnow(), present, adjudicator=judge)
        except DebateError as error:
            flash_refusal(error)
        else:
            flash(_check_in_message(round_.number, present), "success")
    return redirect(url_for("debates.judge_page", adjudicator_id=judge.id, token=token))


@bp.post("/judge/<int:adjudicator_id>/<token>/feedback/<int:debate_id>/<int:judge_id>")
def judge_feedback(adjudicator_id: int, token: str, debate_id: int, judge_id: int):
    judge = _judge(adjudicator_id, token)
    if judge is None:
        return _refused(DebateError("bad_link").message)
    debate = _own_debate(debate_id, judge=judge)
    _give(debate, judge_id, adjudicator=judge)
    return redirect(url_for("debates.judge_page", adjudicator_id=judge.id, token=token) + "#rounds")
