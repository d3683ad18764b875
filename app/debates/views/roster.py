"""The tab room's lists of who takes part: settings (registration, check-ins, odd counts,
feedback questions), CSV import with a preview, CSV export, the check-in desk with the
private links to hand out, and the adjudicators' feedback with their ratings."""

from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for

from app.core.access import login_required
from app.core.converters import bounded_int
from app.core.errors import FieldError
from app.core.exports import csv_response
from app.core.forms import ActionForm
from app.core.time import utcnow
from app.extensions import db
from app.i18n import _

from .. import checkins, feedback, roster, services
from ..errors import DebateError
from ..forms import RatingForm, RosterImportForm, TabSettingsForm
from ..models import Adjudicator, Team, Tournament
from . import bp, flash_refusal, managed_tournament
from .private import judge_url, team_url


def _back(tournament: Tournament, anchor: str = "registration"):
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + f"#{anchor}")


@bp.post("/debates/<int:tournament_id>/settings")
@login_required
def tab_settings(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    form = TabSettingsForm()
    if form.validate_on_submit():
        try:
            services.set_tab_settings(
                tournament,
                form.registration_open.data,
                form.check_ins.data,
                form.odd_teams.data,
                (form.questions.data or "").splitlines(),
            )
        except (FieldError, DebateError) as error:
            flash_refusal(error)
        else:
            flash(_("The settings are saved."), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    return _back(tournament)


@bp.post("/debates/<int:tournament_id>/teams/<int:team_id>/swing")
@login_required
def set_swing(tournament_id: int, team_id: int):
    tournament = managed_tournament(tournament_id)
    team = _own(Team, team_id, tournament)
    if ActionForm().validate_on_submit():
        try:
            services.set_swing(team, request.form.get("swing") == "1")
        except DebateError as error:
            flash_refusal(error)
    return _back(tournament, "teams")


def _own(model, object_id: int, tournament: Tournament):
    thing = db.get_or_404(model, object_id)
    if thing.tournament_id != tournament.id:
        abort(404)
    return thing


# --- CSV ----------------------------------------------------------------------------------


@bp.route("/debates/<int:tournament_id>/import", methods=["GET", "POST"])
@login_required
def import_roster(tournament_id: int):
    """Upload: the preview, every row with its errors, nothing saved. Confirm (the same
    text sent back): the rows without an error are added, in one transaction."""
    tournament = managed_tournament(tournament_id)
    form = RosterImportForm()
    rows, text = None, ""
    if form.validate_on_submit():
        text = _uploaded_text(form)
        if text is None:
            form.file.errors.append(_("Choose a CSV file in UTF-8."))
        elif request.form.get("confirm") == "1":
            try:
                count = roster.import_rows(tournament, form.kind.data, text)
            except (FieldError, DebateError) as error:
                form.file.errors.append(error.message)
            else:
                flash(_("%(count)s rows have been imported.", count=count), "success")
                return _back(tournament, form.kind.data)
        else:
            rows, problem = roster.PREVIEWS[form.kind.data](tournament, text)
            if problem:
                form.file.errors.append(problem)
                rows = None
    form.csv_text.data = text or ""
    return render_template(
        "debates/import.html",
        tournament=tournament,
        form=form,
        rows=rows,
        good=sum(1 for row in rows or () if not row.errors),
        columns=roster.TEAM_COLUMNS if form.kind.data == "teams" else roster.ADJUDICATOR_COLUMNS,
        team_columns=roster.TEAM_COLUMNS,
        adjudicator_columns=roster.ADJUDICATOR_COLUMNS,
        manager=True,
    ), (400 if form.errors else 200)


def _uploaded_text(form: RosterImportForm) -> str | None:
    if form.file.data:
        try:
            text = form.file.data.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    else:
        text = form.csv_text.data or ""
    return text if text.strip() and "\x00" not in text else None


@bp.get("/debates/<int:tournament_id>/teams.csv")
@login_required
def teams_csv(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    return csv_response(
        f"tournament-{tournament.id}-teams.csv",
        list(roster.TEAM_COLUMNS),
        roster.team_rows(tournament),
    )


@bp.get("/debates/<int:tournament_id>/adjudicators.csv")
@login_required
def adjudicators_csv(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    return csv_response(
        f"tournament-{tournament.id}-adjudicators.csv",
        list(roster.ADJUDICATOR_COLUMNS),
        roster.adjudicator_rows(tournament),
    )


# --- the check-in desk --------------------------------------------------------------------


@bp.get("/debates/<int:tournament_id>/check-ins")
@login_required
def check_ins(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    round_ = checkins.open_round(tournament)
    return render_template(
        "debates/check_ins.html",
        tournament=tournament,
        round=round_,
        present_teams=checkins.present_team_ids(round_) if round_ else set(),
        present_judges=checkins.present_adjudicator_ids(round_) if round_ else set(),
        team_links={team.id: team_url(team, external=True) for team in tournament.teams},
        judge_links={a.id: judge_url(a, external=True) for a in tournament.adjudicators},
        form=ActionForm(),
        manager=True,
    )


@bp.post("/debates/<int:tournament_id>/check-ins")
@login_required
def mark_present(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    if ActionForm().validate_on_submit():
        team_id = request.form.get("team", type=bounded_int)
        adjudicator_id = request.form.get("adjudicator", type=bounded_int)
        team = _own(Team, team_id, tournament) if team_id else None
        judge = _own(Adjudicator, adjudicator_id, tournament) if adjudicator_id else None
        if (team is None) == (judge is None):
            abort(400)
        try:
            checkins.set_present(
                tournament,
                utcnow(),
                request.form.get("present") == "1",
                team=team,
                adjudicator=judge,
            )
        except DebateError as error:
            flash_refusal(error)
    return redirect(url_for("debates.check_ins", tournament_id=tournament.id))


# --- feedback on adjudicators ---------------------------------------------------------------


@bp.get("/debates/<int:tournament_id>/feedback")
@login_required
def feedback_summary(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    return render_template(
        "debates/feedback.html",
        tournament=tournament,
        judges=feedback.summary(tournament),
        form=RatingForm(formdata=None),
        manager=True,
    )


@bp.post("/debates/<int:tournament_id>/adjudicators/<int:adjudicator_id>/rating")
@login_required
def set_rating(tournament_id: int, adjudicator_id: int):
    tournament = managed_tournament(tournament_id)
    adjudicator = _own(Adjudicator, adjudicator_id, tournament)
    form = RatingForm()
    if form.validate_on_submit():
        try:
            feedback.set_rating(adjudicator, float(form.rating.data or Decimal(0)))
        except (FieldError, DebateError) as error:
            flash_refusal(error)
        else:
            flash(_("The rating of %(name)s is saved.", name=adjudicator.name), "success")
    else:
        flash(_("Enter a rating from 0 to 10."), "error")
    return redirect(url_for("debates.feedback_summary", tournament_id=tournament.id))
