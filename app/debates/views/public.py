"""The public pages of a tournament: the list, its page, each round's draw, the standings,
the speaker tab, the break and the motions (each hidden until released), and the projector."""

from flask import abort, render_template
from flask_login import current_user

from app.core.access import login_required
from app.core.forms import ActionForm
from app.core.time import utcnow

from .. import draw_services, queries
from ..models import Tournament
from ..standings import Metric
from . import bp, managed_tournament, round_or_404, tournament_or_404


@bp.get("/debates")
def index():
    return render_template("debates/index.html", tournaments=queries.tournaments())


@bp.get("/debates/<int:tournament_id>")
def tournament(tournament_id: int):
    tournament = tournament_or_404(tournament_id)
    return render_template(
        "debates/tournament.html",
        tournament=tournament,
        manager=queries.can_manage(current_user, tournament),
        now=utcnow(),
    )


@bp.get("/debates/<int:tournament_id>/rounds/<int:number>")
def draw(tournament_id: int, number: int):
    tournament = tournament_or_404(tournament_id)
    round_ = round_or_404(tournament, number)
    manager = queries.can_manage(current_user, tournament)
    if not (round_.draw_released or manager):
        abort(404)
    debates = queries.round_debates(round_)
    return render_template(
        "debates/draw.html",
        tournament=tournament,
        round=round_,
        debates=debates,
        quality=draw_services.draw_quality(round_) if manager and debates else {},
        manager=manager,
        show_results=round_.results_released or manager,
        now=utcnow(),
        form=ActionForm(),
    )


@bp.get("/debates/<int:tournament_id>/standings")
def standings(tournament_id: int):
    tournament = tournament_or_404(tournament_id)
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
    tournament = tournament_or_404(tournament_id)
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
    tournament = tournament_or_404(tournament_id)
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
    tournament = tournament_or_404(tournament_id)
    now = utcnow()
    manager = queries.can_manage(current_user, tournament)
    rounds = [r for r in tournament.rounds if r.motion and (manager or r.motion_released(now))]
    return render_template(
        "debates/motions.html", tournament=tournament, rounds=rounds, now=now, manager=manager
    )


@bp.get("/debates/<int:tournament_id>/rounds/<int:number>/projector")
@login_required
def projector(tournament_id: int, number: int):
    tournament = managed_tournament(tournament_id)
    round_ = round_or_404(tournament, number)
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
