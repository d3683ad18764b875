"""Pages of debate tournaments: public tabs (each hidden until released), the tab room, the
projector, and the adjudicators' private e-ballots."""

from decimal import Decimal

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from app.accounts.models import Institution, Region
from app.core.access import Role, ensure, login_required, roles_required
from app.core.converters import bounded_int
from app.core.errors import FieldError, attach_field_error
from app.core.forms import ActionForm
from app.core.time import from_almaty, utcnow
from app.extensions import db
from app.i18n import _, translate

from . import ballots, drawing, links, queries, services
from .errors import DebateError
from .formats import load_formats
from .forms import AdjudicatorForm, RoundForm, TeamForm, TournamentForm, VenueForm
from .models import LEAGUE_LABELS, Adjudicator, Debate, DrawType, Motion, Round, Tournament
from .standings import Metric

bp = Blueprint("debates", __name__, template_folder="templates")

AUTHORS = (Role.TEACHER, Role.ORGANIZER, Role.ADMIN)


def _tournament(tournament_id: int) -> Tournament:
    return db.get_or_404(Tournament, tournament_id)


def _managed(tournament_id: int) -> Tournament:
    tournament = _tournament(tournament_id)
    ensure(queries.can_manage(current_user, tournament))
    return tournament


def _round(tournament: Tournament, number: int) -> Round:
    round_ = queries.round_by_number(tournament, number)
    if round_ is None:
        abort(404)
    return round_


def _league_name(code: str) -> str:
    return str(LEAGUE_LABELS[code]) if code else ""


def _refused(error: DebateError | FieldError) -> None:
    db.session.rollback()
    flash(error.message, "error")


@bp.context_processor
def _helpers():
    return {"league_name": _league_name, "translate": translate}


# --- public pages ------------------------------------------------------------------------------


@bp.get("/debates")
def index():
    return render_template("debates/index.html", tournaments=queries.tournaments())


@bp.get("/debates/<int:tournament_id>")
def tournament(tournament_id: int):
    tournament = _tournament(tournament_id)
    return render_template(
        "debates/tournament.html",
        tournament=tournament,
        manager=queries.can_manage(current_user, tournament),
        now=utcnow(),
    )


@bp.get("/debates/<int:tournament_id>/rounds/<int:number>")
def draw(tournament_id: int, number: int):
    tournament = _tournament(tournament_id)
    round_ = _round(tournament, number)
    manager = queries.can_manage(current_user, tournament)
    if not (round_.draw_released or manager):
        abort(404)
    return render_template(
        "debates/draw.html",
        tournament=tournament,
        round=round_,
        debates=queries.round_debates(round_),
        manager=manager,
        show_results=round_.results_released or manager,
        now=utcnow(),
        form=ActionForm(),
    )


@bp.get("/debates/<int:tournament_id>/standings")
def standings(tournament_id: int):
    tournament = _tournament(tournament_id)
    _ensure_released(tournament, tournament.standings_released)
    tables = {league: queries.team_table(tournament, league) for league in tournament.league_codes}
    return render_template(
        "debates/standings.html",
        tournament=tournament,
        tables=tables,
        metrics=Metric,
        manager=queries.can_manage(current_user, tournament),
    )


@bp.get("/debates/<int:tournament_id>/speakers")
def speakers(tournament_id: int):
    tournament = _tournament(tournament_id)
    _ensure_released(tournament, tournament.speakers_released)
    tables = {
        league: queries.speaker_table(tournament, league) for league in tournament.league_codes
    }
    return render_template(
        "debates/speakers.html",
        tournament=tournament,
        tables=tables,
        manager=queries.can_manage(current_user, tournament),
    )


@bp.get("/debates/<int:tournament_id>/break")
def break_(tournament_id: int):
    tournament = _tournament(tournament_id)
    _ensure_released(tournament, tournament.break_released)
    breaks = {league: queries.break_of(tournament, league) for league in tournament.league_codes}
    return render_template(
        "debates/break.html",
        tournament=tournament,
        breaks=breaks,
        manager=queries.can_manage(current_user, tournament),
    )


@bp.get("/debates/<int:tournament_id>/motions")
def motions(tournament_id: int):
    tournament = _tournament(tournament_id)
    now = utcnow()
    manager = queries.can_manage(current_user, tournament)
    rounds = [r for r in tournament.rounds if r.motion and (manager or r.motion_released(now))]
    return render_template(
        "debates/motions.html", tournament=tournament, rounds=rounds, now=now, manager=manager
    )


@bp.get("/debates/<int:tournament_id>/rounds/<int:number>/projector")
@login_required
def projector(tournament_id: int, number: int):
    tournament = _managed(tournament_id)
    round_ = _round(tournament, number)
    now = utcnow()
    return render_template(
        "debates/projector.html",
        tournament=tournament,
        round=round_,
        debates=queries.round_debates(round_),
        motion_shown=round_.motion_released(now),
        now=now,
    )


def _ensure_released(tournament: Tournament, released: bool) -> None:
    if not (released or queries.can_manage(current_user, tournament)):
        abort(404)


# --- the tab room: setup -----------------------------------------------------------------------


@bp.route("/debates/new", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def new():
    form = TournamentForm()
    _prepare_tournament_form(form)
    if form.validate_on_submit():
        try:
            tournament = services.create_tournament(current_user, _details(form), utcnow())
        except FieldError as error:
            db.session.rollback()
            attach_field_error(form, error)
        else:
            flash(_("The tournament has been created."), "success")
            return redirect(url_for("debates.manage", tournament_id=tournament.id))
    return render_template("debates/new.html", form=form)


def _prepare_tournament_form(form: TournamentForm) -> None:
    form.format_key.choices = [
        SelectChoice(key, translate(fmt.name)) for key, fmt in load_formats().items()
    ]
    form.fill_metric_choices()
    if current_user.has_role(Role.ADMIN):
        scope = None
    elif current_user.has_role(Role.ORGANIZER):
        scope = current_user.organizer_region_id
    else:
        scope = current_user.institution.region_id if current_user.institution else -1
    regions = sa.select(Region).order_by(Region.code)
    if scope is not None:
        regions = regions.where(Region.id == scope)
    form.region_id.choices = [
        SelectChoice(region.id, region.display_name) for region in db.session.scalars(regions)
    ]
    form.institution_id.choices = [SelectChoice(0, _("None"))] + [
        SelectChoice(i.id, i.name) for i in _institutions(scope)
    ]


def _institutions(region_id: int | None) -> list[Institution]:
    query = sa.select(Institution).order_by(Institution.name)
    if region_id is not None:
        query = query.where(Institution.region_id == region_id)
    return list(db.session.scalars(query.limit(2000)))


def _details(form: TournamentForm) -> services.TournamentDetails:
    metrics = form.chosen_metrics()
    starts, ends = form.starts_at.data, form.ends_at.data
    return services.TournamentDetails(
        name=form.name.data,
        format_key=form.format_key.data,
        region_id=form.region_id.data,
        institution_id=form.institution_id.data or None,
        leagues=tuple(form.leagues.data or ()),
        metrics=tuple(Metric(value) for value in metrics),
        break_size=form.break_size.data,
        institution_cap=form.institution_cap.data,
        starts_at=from_almaty(starts) if starts else None,
        ends_at=from_almaty(ends) if ends else None,
        place=form.place.data or "",
    )


@bp.get("/debates/<int:tournament_id>/manage")
@login_required
def manage(tournament_id: int):
    tournament = _managed(tournament_id)
    return _manage_page(tournament)


def _manage_page(tournament: Tournament, **forms):
    team_form = forms.get("team_form") or TeamForm(formdata=None)
    adjudicator_form = forms.get("adjudicator_form") or AdjudicatorForm(formdata=None)
    venue_form = forms.get("venue_form") or VenueForm(formdata=None)
    round_form = forms.get("round_form") or RoundForm(formdata=None)
    _prepare_setup_forms(tournament, team_form, adjudicator_form, round_form)
    return render_template(
        "debates/manage.html",
        tournament=tournament,
        team_form=team_form,
        adjudicator_form=adjudicator_form,
        venue_form=venue_form,
        round_form=round_form,
        action_form=ActionForm(),
        manager=True,
        now=utcnow(),
    ), (400 if forms else 200)


def _prepare_setup_forms(tournament, team_form, adjudicator_form, round_form) -> None:
    institutions = [SelectChoice(0, _("None"))] + [
        SelectChoice(i.id, i.name) for i in _institutions(tournament.region_id)
    ]
    team_form.institution_id.choices = institutions
    team_form.league.choices = [
        SelectChoice(code, _league_name(code) or _("Single league"))
        for code in tournament.league_codes
    ]
    adjudicator_form.institution_id.choices = institutions
    adjudicator_form.institution_conflicts.choices = institutions[1:]
    adjudicator_form.team_conflicts.choices = [
        SelectChoice(team.id, team.name) for team in tournament.teams
    ]
    motions = db.session.scalars(sa.select(Motion).order_by(Motion.topic, Motion.key))
    round_form.motion_id.choices = [SelectChoice(0, _("Not chosen yet"))] + [
        SelectChoice(motion.id, motion.display_text) for motion in motions
    ]


@bp.post("/debates/<int:tournament_id>/teams")
@login_required
def add_team(tournament_id: int):
    tournament = _managed(tournament_id)
    form = TeamForm()
    _prepare_setup_forms(tournament, form, AdjudicatorForm(formdata=None), RoundForm(formdata=None))
    if not form.validate_on_submit():
        return _manage_page(tournament, team_form=form)
    try:
        team = services.add_team(
            tournament,
            form.name.data,
            form.institution_id.data or None,
            form.league.data,
            form.student_logins(),
            form.guest_names(),
        )
    except FieldError as error:
        db.session.rollback()
        attach_field_error(form, error)
        return _manage_page(tournament, team_form=form)
    except DebateError as error:
        _refused(error)
    else:
        flash(_("Team %(name)s has been added.", name=team.name), "success")
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#teams")


@bp.post("/debates/<int:tournament_id>/adjudicators")
@login_required
def add_adjudicator(tournament_id: int):
    tournament = _managed(tournament_id)
    form = AdjudicatorForm()
    _prepare_setup_forms(tournament, TeamForm(formdata=None), form, RoundForm(formdata=None))
    if not form.validate_on_submit():
        return _manage_page(tournament, adjudicator_form=form)
    user = services.user_by_login(form.login.data or "")
    if form.login.data and user is None:
        form.login.errors.append(_("There is no account with this login."))
        return _manage_page(tournament, adjudicator_form=form)
    try:
        services.add_adjudicator(
            tournament,
            form.name.data,
            form.institution_id.data or None,
            float(form.rating.data or Decimal(0)),
            user.id if user else None,
            form.team_conflicts.data or [],
            form.institution_conflicts.data or [],
        )
    except FieldError as error:
        db.session.rollback()
        attach_field_error(form, error)
        return _manage_page(tournament, adjudicator_form=form)
    except DebateError as error:
        _refused(error)
    else:
        flash(_("The adjudicator has been added."), "success")
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#adjudicators")


@bp.post("/debates/<int:tournament_id>/venues")
@login_required
def add_venue(tournament_id: int):
    tournament = _managed(tournament_id)
    form = VenueForm()
    if not form.validate_on_submit():
        return _manage_page(tournament, venue_form=form)
    try:
        services.add_venue(tournament, form.name.data, form.priority.data)
    except FieldError as error:
        db.session.rollback()
        attach_field_error(form, error)
        return _manage_page(tournament, venue_form=form)
    except DebateError as error:
        _refused(error)
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#venues")


@bp.post("/debates/<int:tournament_id>/rounds")
@login_required
def add_round(tournament_id: int):
    tournament = _managed(tournament_id)
    form = RoundForm()
    _prepare_setup_forms(tournament, TeamForm(formdata=None), AdjudicatorForm(formdata=None), form)
    if not form.validate_on_submit():
        return _manage_page(tournament, round_form=form)
    release = form.motion_release_at.data
    try:
        services.add_round(
            tournament,
            DrawType(form.draw_type.data),
            form.motion_id.data or None,
            from_almaty(release) if release else None,
        )
    except FieldError as error:
        db.session.rollback()
        attach_field_error(form, error)
        return _manage_page(tournament, round_form=form)
    except DebateError as error:
        _refused(error)
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#rounds")


@bp.post("/debates/<int:tournament_id>/release")
@login_required
def release(tournament_id: int):
    tournament = _managed(tournament_id)
    what = request.form.get("what", "")
    if ActionForm().validate_on_submit() and what in services.TOURNAMENT_RELEASES:
        services.release(tournament, what, request.form.get("released") == "1")
    return redirect(url_for("debates.manage", tournament_id=tournament.id))


@bp.post("/debates/<int:tournament_id>/finish")
@login_required
def finish(tournament_id: int):
    tournament = _managed(tournament_id)
    if ActionForm().validate_on_submit():
        try:
            best = services.finish(tournament, utcnow())
        except DebateError as error:
            _refused(error)
        else:
            names = ", ".join(speaker.name for speaker in best) or "—"
            flash(_("The tournament is finished. Best speaker: %(names)s.", names=names), "success")
    return redirect(url_for("debates.manage", tournament_id=tournament.id))


# --- the tab room: draws, panels, releases -----------------------------------------------------


def _round_action(tournament_id: int, number: int, action) -> Response:
    tournament = _managed(tournament_id)
    round_ = _round(tournament, number)
    if ActionForm().validate_on_submit():
        try:
            message = action(round_)
        except DebateError as error:
            _refused(error)
        else:
            flash(message, "success")
    return redirect(url_for("debates.draw", tournament_id=tournament.id, number=number))


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/draw")
@login_required
def make_draw(tournament_id: int, number: int):
    def action(round_):
        drawing.generate_draw(round_, utcnow())
        return _("The draw has been made. Check it, then release it.")

    return _round_action(tournament_id, number, action)


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/draw/delete")
@login_required
def delete_draw(tournament_id: int, number: int):
    def action(round_):
        drawing.delete_draw(round_)
        return _("The draw has been deleted.")

    return _round_action(tournament_id, number, action)


@bp.post("/debates/<int:tournament_id>/rounds/<int:number>/allocate")
@login_required
def allocate(tournament_id: int, number: int):
    def action(round_):
        drawing.reallocate(round_)
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
    tournament = _managed(tournament_id)
    round_ = _round(tournament, number)
    form = RoundForm()
    _prepare_setup_forms(tournament, TeamForm(formdata=None), AdjudicatorForm(formdata=None), form)
    if form.validate_on_submit():
        release = form.motion_release_at.data
        try:
            services.set_motion(
                round_, form.motion_id.data or None, from_almaty(release) if release else None
            )
        except DebateError as error:
            _refused(error)
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
    tournament = _managed(tournament_id)
    debate = _debate(tournament, debate_id)
    problems: list[str] = []
    if request.method == "POST" and ActionForm().validate_on_submit():
        adjudicator = db.session.get(
            Adjudicator, request.form.get("adjudicator", type=bounded_int) or 0
        )
        if adjudicator is None or adjudicator.tournament_id != tournament.id:
            abort(400)
        problems = _submit(debate, adjudicator, entered_by=current_user)
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
            seat.adjudicator_id: _ballot_url(debate, seat.adjudicator, external=True)
            for seat in debate.panel
        },
        problems=problems,
        values=request.form if problems else {},
        form=ActionForm(),
    ), (400 if problems else 200)


@bp.post("/debates/<int:tournament_id>/debates/<int:debate_id>/confirm")
@login_required
def confirm(tournament_id: int, debate_id: int):
    tournament = _managed(tournament_id)
    debate = _debate(tournament, debate_id)
    if ActionForm().validate_on_submit():
        try:
            ballots.confirm(debate, utcnow(), by=current_user)
        except DebateError as error:
            _refused(error)
        else:
            flash(_("The result has been confirmed."), "success")
    return redirect(url_for("debates.debate", tournament_id=tournament.id, debate_id=debate.id))


def _submit(debate: Debate, adjudicator: Adjudicator, entered_by=None) -> list[str]:
    entry = ballots.entry_from_form(debate.round.tournament.format, request.form)
    try:
        ballots.submit(debate, adjudicator, entry, utcnow(), entered_by=entered_by)
    except ballots.BallotRejected as rejected:
        db.session.rollback()
        return rejected.messages
    except DebateError as error:
        db.session.rollback()
        return [error.message]
    return []


# --- the adjudicator's e-ballot -----------------------------------------------------------------


def _ballot_url(debate: Debate, adjudicator: Adjudicator, external: bool = False) -> str:
    token = links.ballot_token(debate.round.tournament.ballot_secret, debate.id, adjudicator.id)
    return url_for(
        "debates.ballot",
        debate_id=debate.id,
        adjudicator_id=adjudicator.id,
        token=token,
        _external=external,
    )


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
        problems = _submit(debate, adjudicator)
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
            _refused(error)
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
