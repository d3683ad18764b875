"""Check-ins before a round: teams and judges mark themselves present through their private
links (or the tab room marks them), and the round is drawn from those present.

A tournament without check-ins draws every team and allocates every judge, as before. With
them, the round open for check-in is the first one not drawn yet.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.core.transactions import use_case
from app.extensions import db

from .errors import DebateError
from .models import Adjudicator, CheckIn, Round, Team, Tournament

LEAGUE_NAMES = {"": "—", "kk": "kk", "ru": "ru"}


def open_round(tournament: Tournament) -> Round | None:
    """The round teams and judges check in for: the first one without a draw."""
    if not tournament.check_ins or tournament.finished_at is not None:
        return None
    return next((r for r in tournament.rounds if r.drawn_at is None), None)


def present_team_ids(round_: Round) -> set[int]:
    return set(
        db.session.scalars(
            sa.select(CheckIn.team_id).where(
                CheckIn.round_id == round_.id, CheckIn.team_id.is_not(None)
            )
        )
    )


def present_adjudicator_ids(round_: Round) -> set[int]:
    return set(
        db.session.scalars(
            sa.select(CheckIn.adjudicator_id).where(
                CheckIn.round_id == round_.id, CheckIn.adjudicator_id.is_not(None)
            )
        )
    )


def _open_round_or_refuse(tournament: Tournament) -> Round:
    if not tournament.check_ins:
        raise DebateError("check_ins_off")
    round_ = open_round(tournament)
    if round_ is None:
        raise DebateError("check_in_closed")
    return round_


def _existing(round_: Round, team: Team | None, adjudicator: Adjudicator | None):
    query = sa.select(CheckIn).where(CheckIn.round_id == round_.id)
    if team is not None:
        query = query.where(CheckIn.team_id == team.id)
    else:
        query = query.where(CheckIn.adjudicator_id == adjudicator.id)
    return db.session.scalar(query)


@use_case
def set_present(
    tournament: Tournament,
    now: datetime,
    present: bool = True,
    team: Team | None = None,
    adjudicator: Adjudicator | None = None,
) -> Round:
    """Mark a team or a judge present (or absent again) for the open round. Marking twice
    changes nothing (one row per round, held by unique keys)."""
    round_ = _open_round_or_refuse(tournament)
    existing = _existing(round_, team, adjudicator)
    if present and existing is None:
        row = CheckIn(
            round_id=round_.id,
            team_id=team.id if team else None,
            adjudicator_id=adjudicator.id if adjudicator else None,
            checked_in_at=now,
        )
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:
            pass  # a double click in another process checked in first: present all the same
    elif not present and existing is not None:
        db.session.delete(existing)
    db.session.commit()
    return round_


def teams_to_draw(round_: Round, league: str) -> list[Team]:
    """The league's teams the round is drawn from: those present (with check-ins), and for an
    odd count in a two-team format either all of them (the engine gives a bye) or one swing
    team more."""
    tournament = round_.tournament
    teams = [t for t in tournament.teams if t.league == league and not t.swing]
    if tournament.check_ins:
        present = present_team_ids(round_)
        teams = [team for team in teams if team.id in present]
        if len(teams) < 2:
            raise DebateError("too_few_present", league=LEAGUE_NAMES[league])
    two_team = tournament.format.teams_per_room == 2
    if two_team and len(teams) % 2 and tournament.odd_teams == "swing":
        swing = next((t for t in tournament.teams if t.league == league and t.swing), None)
        if swing is None:
            raise DebateError("no_swing_team", league=LEAGUE_NAMES[league])
        teams.append(swing)
    return teams


def adjudicators_to_allocate(round_: Round) -> list[Adjudicator]:
    tournament = round_.tournament
    if not tournament.check_ins:
        return list(tournament.adjudicators)
    present = present_adjudicator_ids(round_)
    return [a for a in tournament.adjudicators if a.id in present]
