"""Making a round's draw and its panels: the glue between the database and the pure engines.

``generate_draw`` refuses while the previous round has unconfirmed ballots (naming the
rooms), runs the engine per league (draw/ for the rooms, allocation.py for the panels),
gives venues to the most important rooms first, and writes it all in one transaction.
"""

import secrets
from datetime import datetime

from app.core.transactions import use_case
from app.extensions import db

from . import allocation, checkins, queries
from .draw import bp, elimination, quality, two_team
from .draw.types import Room
from .errors import DebateError
from .models import Debate, DebateTeam, DrawType, PanelRole, PanelSeat, Round, Team, Tournament

# Elimination rooms matter more than any preliminary bracket when panels are allocated.
ELIMINATION_IMPORTANCE = 1000.0
LEAGUE_NAMES = {"": "—", "kk": "kk", "ru": "ru"}


@use_case
def generate_draw(round_: Round, now: datetime) -> list[Debate]:
    tournament = round_.tournament
    _check_finished(tournament)
    if round_.debates:
        raise DebateError("already_drawn")
    _check_previous_round(round_)
    round_.seed = secrets.randbelow(2**31)
    round_.drawn_at = now
    debates: list[Debate] = []
    for league in tournament.league_codes:
        elimination = round_.draw_type == DrawType.ELIMINATION  # drawn from the break
        teams = [] if elimination else checkins.teams_to_draw(round_, league)
        rooms = _rooms_for(round_, league, teams)
        debates += [_debate(round_, league, room) for room in rooms]
    for sequence, debate in enumerate(debates, start=1):
        debate.sequence = sequence
    _give_venues(round_, debates)
    db.session.add_all(debates)
    db.session.flush()
    _allocate(round_, debates)
    db.session.commit()
    return debates


@use_case
def delete_draw(round_: Round) -> None:
    _check_finished(round_.tournament)
    if any(debate.ballots for debate in round_.debates):
        raise DebateError("draw_has_ballots")
    round_.debates.clear()
    round_.drawn_at = None
    round_.draw_released = round_.results_released = False
    db.session.commit()


@use_case
def reallocate(round_: Round) -> None:
    """Draw the panels again (e.g. after adding adjudicators); ballots already in stay."""
    _check_finished(round_.tournament)
    debates = queries.round_debates(round_)
    if not debates:
        raise DebateError("not_drawn")
    for debate in debates:
        debate.panel.clear()
    db.session.flush()
    _allocate(round_, debates)
    db.session.commit()


def _check_finished(tournament: Tournament) -> None:
    if tournament.finished_at is not None:
        raise DebateError("finished")


def _check_previous_round(round_: Round) -> None:
    previous = queries.round_by_number(round_.tournament, round_.number - 1)
    if previous is None:
        return
    pending = queries.unconfirmed(queries.round_debates(previous))
    if pending:
        raise DebateError("unconfirmed_ballots", rooms=", ".join(str(d.label) for d in pending))


def _rooms_for(round_: Round, league: str, teams: list[Team]) -> list[Room]:
    tournament = round_.tournament
    four = tournament.format.teams_per_room == 4
    if round_.draw_type == DrawType.ELIMINATION:
        return _elimination_rooms(round_, league, four)
    if len(teams) < 2:
        raise DebateError("too_few_teams")
    if four and len(teams) % 4:
        raise DebateError("bp_teams", league=LEAGUE_NAMES[league], count=len(teams))
    records = queries.team_records(tournament, teams, before=round_.number)
    engine = {
        (DrawType.RANDOM, False): two_team.random_draw,
        (DrawType.POWER_PAIRED, False): two_team.power_paired_draw,
        (DrawType.RANDOM, True): bp.random_draw,
        (DrawType.POWER_PAIRED, True): bp.power_paired_draw,
    }[(round_.draw_type, four)]
    if engine is two_team.power_paired_draw:
        return engine(records, round_.seed, priority=tournament.draw_priority)
    return engine(records, round_.seed)


def _elimination_rooms(round_: Round, league: str, four: bool) -> list[Room]:
    tournament = round_.tournament
    if tournament.break_size < (4 if four else 2):
        raise DebateError("no_break")
    seeds, _capped = queries.break_of(tournament, league)
    if len(seeds) < tournament.break_size:
        raise DebateError("break_too_small", league=LEAGUE_NAMES[league])
    seed_ids = [team.id for team in seeds]
    previous = queries.round_by_number(tournament, round_.number - 1)
    if previous is None or previous.draw_type != DrawType.ELIMINATION:
        return (elimination.first_bp_elimination if four else elimination.first_elimination)(
            seed_ids
        )
    earlier = [d for d in queries.round_debates(previous) if d.league == league]
    rooms = [Room(teams=tuple(side.team_id for side in debate.sides)) for debate in earlier]
    advancing = {
        side.team_id
        for debate in earlier
        for side in debate.sides
        if debate.is_bye or (side.points or 0) >= (2 if four else 1)
    }
    try:
        if four:
            return elimination.next_bp_elimination(rooms, advancing, seeds=seed_ids)
        return elimination.next_elimination(rooms, advancing, seeds=seed_ids)
    except ValueError as error:
        raise DebateError("elimination_over") from error


def _debate(round_: Round, league: str, room: Room) -> Debate:
    debate = Debate(
        round_id=round_.id,
        league=league,
        bracket=room.bracket,
        flags={str(team): [str(flag) for flag in flags] for team, flags in room.flags.items()},
        sequence=0,
    )
    for position, team_id in enumerate(room.teams):
        debate.sides.append(DebateTeam(round_id=round_.id, team_id=team_id, position=position))
    if len(room.teams) == 1:  # a bye: counts as a win, confirmed at once
        debate.sides[0].points = 1 if round_.tournament.format.teams_per_room == 2 else 3
        debate.confirmed_at = round_.drawn_at
    return debate


def _importance(round_: Round, debate: Debate) -> float:
    if round_.draw_type == DrawType.ELIMINATION:
        return ELIMINATION_IMPORTANCE - debate.sequence / 1000
    return debate.bracket


def _give_venues(round_: Round, debates: list[Debate]) -> None:
    """The best venues (priority) to the rooms that matter most; byes need none."""
    rooms = sorted(
        (d for d in debates if not d.is_bye), key=lambda d: (-_importance(round_, d), d.sequence)
    )
    for debate, venue in zip(rooms, round_.tournament.venues, strict=False):
        debate.venue = venue


def draw_quality(round_: Round) -> dict[str, quality.DrawQuality]:
    """The engine's measure of the round's draw, per league, as it stands (panels included),
    for the tab room to check before releasing it."""
    tournament = round_.tournament
    debates = queries.round_debates(round_)
    judges = _judges(tournament)
    result = {}
    for league in tournament.league_codes:
        rooms = [d for d in debates if d.league == league]
        if not rooms:
            continue
        teams = [side.team for debate in rooms for side in debate.sides]
        records = queries.team_records(tournament, teams, before=round_.number)
        needs = _needs(round_, rooms)
        panels = [
            allocation.Panel(
                room=debate.id,
                chair=next(
                    (s.adjudicator_id for s in debate.panel if s.role == PanelRole.CHAIR), None
                ),
                panelists=tuple(
                    s.adjudicator_id for s in debate.panel if s.role != PanelRole.CHAIR
                ),
                short=False,
            )
            for debate in rooms
        ]
        engine_rooms = [
            Room(teams=tuple(side.team_id for side in debate.sides), bracket=debate.bracket)
            for debate in rooms
        ]
        result[league] = quality.measure(
            records, engine_rooms, allocation.conflicted_judges(needs, judges, panels)
        )
    return result


def _judges(tournament: Tournament, adjudicators=None) -> list[allocation.Judge]:
    return [
        allocation.Judge(
            id=adjudicator.id,
            rating=adjudicator.rating,
            institution=adjudicator.institution_id,
            conflict_teams=frozenset(team.id for team in adjudicator.conflict_teams),
            conflict_institutions=frozenset(i.id for i in adjudicator.conflict_institutions),
        )
        for adjudicator in (tournament.adjudicators if adjudicators is None else adjudicators)
    ]


def _needs(round_: Round, debates: list[Debate]) -> list[allocation.RoomNeed]:
    return [
        allocation.RoomNeed(
            id=debate.id,
            importance=_importance(round_, debate),
            teams=tuple(side.team_id for side in debate.sides),
            institutions=tuple(side.team.institution_id for side in debate.sides),
        )
        for debate in debates
        if not debate.is_bye
    ]


def _allocate(round_: Round, debates: list[Debate]) -> None:
    # with check-ins, only the judges present for the round
    judges = _judges(round_.tournament, checkins.adjudicators_to_allocate(round_))
    rooms = _needs(round_, debates)
    by_id = {debate.id: debate for debate in debates}
    for panel in allocation.allocate(rooms, judges):
        debate = by_id[panel.room]
        if panel.chair is not None:
            debate.panel.append(_seat(round_, panel.chair, PanelRole.CHAIR))
        debate.panel.extend(_seat(round_, judge, PanelRole.PANELIST) for judge in panel.panelists)


def _seat(round_: Round, adjudicator_id: int, role: PanelRole) -> PanelSeat:
    return PanelSeat(round_id=round_.id, adjudicator_id=adjudicator_id, role=role)
