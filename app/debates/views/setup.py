"""The tab room's setup: a new tournament, its teams, adjudicators, venues and rounds,
releasing the tab and finishing."""

from decimal import Decimal

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from app.accounts.models import Institution, Region
from app.core.access import Role, login_required, roles_required
from app.core.errors import FieldError, attach_field_error
from app.core.forms import ActionForm
from app.core.time import from_almaty, utcnow
from app.extensions import db
from app.i18n import _, translate

from .. import services
from ..errors import DebateError
from ..formats import load_formats
from ..forms import (
    AdjudicatorForm,
    RoundForm,
    TabSettingsForm,
    TeamForm,
    TournamentForm,
    VenueForm,
)
from ..models import DrawType, Motion, Tournament
from ..standings import Metric
from . import (
    AUTHORS,
    bp,
    flash_refusal,
    league_name,
    managed_tournament,
)


@bp.route("/debates/new", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def new():
    form = TournamentForm()
    _prepare_tournament_form(form)
    if form.validate_on_submit():
        try:
            tournament = services.create_tournament(current_user, _details(form), utcnow())
        except FieldError as error:
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
        draw_priority=form.draw_priority.data,
        starts_at=from_almaty(starts) if starts else None,
        ends_at=from_almaty(ends) if ends else None,
        place=form.place.data or "",
    )


@bp.get("/debates/<int:tournament_id>/manage")
@login_required
def manage(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    return _manage_page(tournament)


def _manage_page(tournament: Tournament, **forms):
    team_form = forms.get("team_form") or TeamForm(formdata=None)
    adjudicator_form = forms.get("adjudicator_form") or AdjudicatorForm(formdata=None)
    venue_form = forms.get("venue_form") or VenueForm(formdata=None)
    round_form = forms.get("round_form") or RoundForm(formdata=None)
    prepare_setup_forms(tournament, team_form, adjudicator_form, round_form)
    return render_template(
        "debates/manage.html",
        tournament=tournament,
        team_form=team_form,
        adjudicator_form=adjudicator_form,
        venue_form=venue_form,
        round_form=round_form,
        settings_form=_settings_form(tournament),
        action_form=ActionForm(),
        manager=True,
        now=utcnow(),
    ), (400 if forms else 200)


def institution_choices(region_id: int) -> list[SelectChoice]:
    """ "None", then the region's institutions."""
    return [SelectChoice(0, _("None"))] + [
        SelectChoice(i.id, i.name) for i in _institutions(region_id)
    ]


def _settings_form(tournament: Tournament) -> TabSettingsForm:
    return TabSettingsForm(
        formdata=None,
        registration_open=tournament.registration_open,
        check_ins=tournament.check_ins,
        odd_teams=tournament.odd_teams,
        questions="\n".join(tournament.feedback_questions),
    )


def prepare_setup_forms(tournament, team_form, adjudicator_form, round_form) -> None:
    institutions = institution_choices(tournament.region_id)
    team_form.institution_id.choices = institutions
    team_form.league.choices = [
        SelectChoice(code, league_name(code) or _("Single league"))
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
    tournament = managed_tournament(tournament_id)
    form = TeamForm()
    prepare_setup_forms(tournament, form, AdjudicatorForm(formdata=None), RoundForm(formdata=None))
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
        attach_field_error(form, error)
        return _manage_page(tournament, team_form=form)
    except DebateError as error:
        flash_refusal(error)
    else:
        flash(_("Team %(name)s has been added.", name=team.name), "success")
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#teams")


@bp.post("/debates/<int:tournament_id>/adjudicators")
@login_required
def add_adjudicator(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    form = AdjudicatorForm()
    prepare_setup_forms(tournament, TeamForm(formdata=None), form, RoundForm(formdata=None))
    if not form.validate_on_submit():
        return _manage_page(tournament, adjudicator_form=form)
    try:
        services.add_adjudicator(
            tournament,
            form.name.data,
            form.institution_id.data or None,
            float(form.rating.data or Decimal(0)),
            services.adjudicator_account(form.login.data),
            form.team_conflicts.data or [],
            form.institution_conflicts.data or [],
        )
    except FieldError as error:
        attach_field_error(form, error)
        return _manage_page(tournament, adjudicator_form=form)
    except DebateError as error:
        flash_refusal(error)
    else:
        flash(_("The adjudicator has been added."), "success")
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#adjudicators")


@bp.post("/debates/<int:tournament_id>/venues")
@login_required
def add_venue(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    form = VenueForm()
    if not form.validate_on_submit():
        return _manage_page(tournament, venue_form=form)
    try:
        services.add_venue(tournament, form.name.data, form.priority.data)
    except FieldError as error:
        attach_field_error(form, error)
        return _manage_page(tournament, venue_form=form)
    except DebateError as error:
        flash_refusal(error)
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#venues")


@bp.post("/debates/<int:tournament_id>/rounds")
@login_required
def add_round(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    form = RoundForm()
    prepare_setup_forms(tournament, TeamForm(formdata=None), AdjudicatorForm(formdata=None), form)
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
        attach_field_error(form, error)
        return _manage_page(tournament, round_form=form)
    except DebateError as error:
        flash_refusal(error)
    return redirect(url_for("debates.manage", tournament_id=tournament.id) + "#rounds")


@bp.post("/debates/<int:tournament_id>/release")
@login_required
def release(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    what = request.form.get("what", "")
    if ActionForm().validate_on_submit() and what in services.TOURNAMENT_RELEASES:
        services.release(tournament, what, request.form.get("released") == "1")
    return redirect(url_for("debates.manage", tournament_id=tournament.id))


@bp.post("/debates/<int:tournament_id>/finish")
@login_required
def finish(tournament_id: int):
    tournament = managed_tournament(tournament_id)
    if ActionForm().validate_on_submit():
        try:
            best = services.finish(tournament, utcnow())
        except DebateError as error:
            flash_refusal(error)
        else:
            names = ", ".join(speaker.name for speaker in best) or "—"
            flash(_("The tournament is finished. Best speaker: %(names)s.", names=names), "success")
    return redirect(url_for("debates.manage", tournament_id=tournament.id))
