"""The public pages of a tournament: the list, its page, each round's draw, the standings,
the speaker tab, the break and the motions (each hidden until released), and the projector."""

from flask import abort, render_template, request
from flask_login import current_user

from app.core.access import login_required
from app.core.exports import csv_response
from app.core.forms import ActionForm
from app.core.time import utcnow
from app.i18n import _, translate

from .. import draw_services, queries
from ..models import TAB_CATEGORY_LABELS, Tournament
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
    category = _category()
    tables = {
        league: queries.speaker_table(tournament, league, category)
        for league in tournament.league_codes
    }
    return render_template(
        "debates/speakers.html",
        tournament=tournament,
        tables=tables,
        category=category,
        categories=queries.categories_in_use(tournament),
        manager=queries.can_manage(current_user, tournament),
    )


def _category() -> str | None:
    """The tab category asked for (?category=kk): None for the whole tab, 404 if unknown."""
    category = request.args.get("category") or None
    if category is not None and category not in TAB_CATEGORY_LABELS:
        abort(404)
    return category


@bp.get("/debates/<int:tournament_id>/break")
def break_(tournament_id: int):
    tournament = tournament_or_404(tournament_id)
    _ensure_released(tournament, tournament.break_released)
    category = _category()
    breaks = {
        league: queries.break_of(tournament, league, category) for league in tournament.league_codes
    }
    return render_template(
        "debates/break.html",
        tournament=tournament,
        breaks=breaks,
        category=category,
        categories=queries.categories_in_use(tournament),
        manager=queries.can_manage(current_user, tournament),
    )


@bp.get("/debates/<int:tournament_id>/motions")
def motions(tournament_id: int):
    tournament = tournament_or_404(tournament_id)
    now = utcnow()
    manager = queries.can_manage(current_user, tournament)
    rounds = [r for r in tournament.rounds if r.motion and (manager or r.motion_released(now))]
    shown = manager or tournament.standings_released  # the figures tell results
    return render_template(
        "debates/motions.html",
        tournament=tournament,
        rounds=rounds,
        now=now,
        manager=manager,
        stats=queries.motion_table(tournament) if shown else {},
    )


@bp.get("/debates/<int:tournament_id>/motions.csv")
@login_required
def motions_csv(tournament_id: int):
    """Motion statistics for the tab room: each motion's rooms and each side's (BP:
    position's) win rate or average points."""
    tournament = managed_tournament(tournament_id)
    fmt = tournament.format
    stats = queries.motion_table(tournament)
    motions = {r.motion_id: r.motion for r in tournament.rounds if r.motion_id in stats}
    rounds: dict[int, list[str]] = {}
    for r in tournament.rounds:
        rounds.setdefault(r.motion_id, []).append(str(r.number))
    measure = _("win rate") if fmt.ranking == "winner" else _("average points")
    header = [_("Rounds"), _("Motion"), _("Rooms")]
    header += [f"{translate(position)}: {measure}" for position in fmt.positions]
    rows = [
        [
            " ".join(rounds[motion_id]),
            motions[motion_id].display_text,
            stats[motion_id].rooms,
            *(f"{value:.3f}" for value in stats[motion_id].average),
        ]
        for motion_id in sorted(stats, key=lambda m: int(rounds[m][0]))
    ]
    return csv_response(f"tournament-{tournament.id}-motions.csv", header, rows)


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
