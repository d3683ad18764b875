"""Reads of tournaments: history for the draw, standings, the speaker tab, the break, ballots.

Standings are computed from the confirmed results of the preliminary rounds by the pure
functions of standings.py; a tournament is a few hundred rows, so this is a handful of
queries and no cache to invalidate.
"""

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.core.access import Role, covers_region
from app.extensions import db

from . import motion_stats, standings
from .draw.types import Flag, TeamRecord
from .models import (
    TAB_CATEGORY_LABELS,
    Adjudicator,
    Ballot,
    Debate,
    DebateTeam,
    DrawType,
    PanelRole,
    PanelSeat,
    Round,
    Speaker,
    Speech,
    Team,
    Tournament,
)


def can_manage(user, tournament: Tournament) -> bool:
    """Its author (a teacher running a school tournament), organizers covering its region,
    admins."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.TEACHER) and tournament.created_by_id == user.id:
        return True
    return covers_region(user, tournament.region_id)


def tournaments() -> list[Tournament]:
    return list(
        db.session.scalars(sa.select(Tournament).order_by(Tournament.created_at.desc()).limit(200))
    )


def round_by_number(tournament: Tournament, number: int) -> Round | None:
    return next((r for r in tournament.rounds if r.number == number), None)


def round_debates(round_: Round) -> list[Debate]:
    """The debates of a round with everything a draw page shows, in a few queries."""
    return list(
        db.session.scalars(
            sa.select(Debate)
            .where(Debate.round_id == round_.id)
            .options(
                selectinload(Debate.sides).selectinload(DebateTeam.team),
                selectinload(Debate.panel).selectinload(PanelSeat.adjudicator),
                selectinload(Debate.venue),
                selectinload(Debate.ballots),
            )
            .order_by(Debate.sequence)
        )
    )


def unconfirmed(debates: list[Debate]) -> list[Debate]:
    return [debate for debate in debates if debate.confirmed_at is None and not debate.is_bye]


def latest_ballots(debate: Debate) -> dict[int, Ballot]:
    """Each panel adjudicator's newest ballot (ballots of judges moved off the panel do not
    count)."""
    on_panel = {seat.adjudicator_id for seat in debate.panel}
    newest: dict[int, Ballot] = {}
    for ballot in debate.ballots:  # ordered by id: later submissions replace earlier ones
        if ballot.adjudicator_id in on_panel:
            newest[ballot.adjudicator_id] = ballot
    return newest


def seat_of(debate: Debate, adjudicator: Adjudicator) -> PanelSeat | None:
    return next((seat for seat in debate.panel if seat.adjudicator_id == adjudicator.id), None)


def is_chair(debate: Debate, adjudicator: Adjudicator) -> bool:
    seat = seat_of(debate, adjudicator)
    return seat is not None and seat.role == PanelRole.CHAIR


def adjudicator_of_user(tournament: Tournament, user) -> Adjudicator | None:
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(Adjudicator).where(
            Adjudicator.tournament_id == tournament.id, Adjudicator.user_id == user.id
        )
    )


# --- history and standings ----------------------------------------------------------------


def _preliminary_sides(tournament: Tournament, before: int | None = None) -> list[DebateTeam]:
    """Every team's seat in the preliminary rounds (before round number ``before``)."""
    query = (
        sa.select(DebateTeam)
        .join(Debate, DebateTeam.debate_id == Debate.id)
        .join(Round, Debate.round_id == Round.id)
        .where(Round.tournament_id == tournament.id, Round.draw_type != DrawType.ELIMINATION)
        .options(selectinload(DebateTeam.debate).selectinload(Debate.sides))
    )
    if before is not None:
        query = query.where(Round.number < before)
    return list(db.session.scalars(query))


def team_records(tournament: Tournament, teams: list[Team], before: int) -> list[TeamRecord]:
    """The teams as the draw engine sees them after the preliminary rounds before ``before``."""
    positions = tournament.format.teams_per_room
    points: dict[int, int] = defaultdict(int)
    speaks: dict[int, float] = defaultdict(float)
    met: dict[int, set[int]] = defaultdict(set)
    sides: dict[int, list[int]] = defaultdict(lambda: [0] * positions)
    pullups: dict[int, int] = defaultdict(int)
    byes: dict[int, int] = defaultdict(int)
    for seat in _preliminary_sides(tournament, before):
        team, debate = seat.team_id, seat.debate
        points[team] += seat.points or 0
        speaks[team] += seat.speaks or 0.0
        if debate.is_bye:
            byes[team] += 1
        else:
            sides[team][seat.position] += 1
            met[team] |= {other.team_id for other in debate.sides if other.team_id != team}
        pullups[team] += Flag.PULLED_UP in debate.flags.get(str(team), ())
    return [
        TeamRecord(
            id=team.id,
            institution=team.institution_id,
            points=points[team.id],
            speaks=speaks[team.id],
            met=frozenset(met[team.id]),
            sides=tuple(sides[team.id]),
            pullups=pullups[team.id],
            byes=byes[team.id],
        )
        for team in teams
    ]


def results(tournament: Tournament, league: str) -> list[standings.DebateResult]:
    """Confirmed preliminary results of a league's teams (a bye counts as a win, no speaks)."""
    rows = []
    for seat in _preliminary_sides(tournament):
        debate = seat.debate
        if seat.points is None or debate.league != league:
            continue
        rows.append(
            standings.DebateResult(
                round=debate.round_id,
                team=seat.team_id,
                opponents=tuple(s.team_id for s in debate.sides if s.team_id != seat.team_id),
                points=seat.points,
                speaks=seat.speaks or 0.0,
                margin=seat.margin or 0.0,
            )
        )
    return rows


@dataclass(frozen=True)
class TeamRow:
    team: Team
    standing: standings.Standing


def team_table(tournament: Tournament, league: str) -> list[TeamRow]:
    """The standings of a league; teams without a confirmed result yet come last at zero."""
    # a swing team fills a room but never ranks (nor breaks: the break reads this table)
    teams = {t.id: t for t in tournament.teams if t.league == league and not t.swing}
    rows = [row for row in results(tournament, league) if row.team in teams]
    table = standings.standings(rows, tournament.metric_order)
    ranked = {row.team for row in table}
    zero = dict.fromkeys(standings.Metric, 0.0)
    rest = [
        standings.Standing(team_id, len(table) + 1, zero, tied=len(teams) - len(table) > 1)
        for team_id in sorted(set(teams) - ranked)
    ]
    return [TeamRow(teams[row.team], row) for row in [*table, *rest] if row.team in teams]


@dataclass(frozen=True)
class SpeakerRow:
    speaker: Speaker
    standing: standings.SpeakerStanding


def speaker_table(
    tournament: Tournament, league: str, category: str | None = None
) -> list[SpeakerRow]:
    """The speaker tab of a league, or of one category's speakers only (ranked among
    themselves)."""
    query = (
        sa.select(Speech, Debate.round_id)
        .join(Debate, Speech.debate_id == Debate.id)
        .join(Round, Debate.round_id == Round.id)
        .where(
            Round.tournament_id == tournament.id,
            Round.draw_type != DrawType.ELIMINATION,
            Debate.league == league,
        )
        .options(selectinload(Speech.speaker).selectinload(Speaker.user))
    )
    speeches, speakers = [], {}
    for speech, round_id in db.session.execute(query):
        if speech.speaker.team.swing:  # a swing team's speakers are not on the tab
            continue
        if category is not None and not speech.speaker.in_category(category):
            continue
        speakers[speech.speaker_id] = speech.speaker
        speeches.append(
            standings.Speech(speech.speaker_id, round_id, speech.score, reply=speech.reply)
        )
    return [SpeakerRow(speakers[row.speaker], row) for row in standings.speaker_tab(speeches)]


def break_of(
    tournament: Tournament, league: str, category: str | None = None
) -> tuple[list[Team], list[Team]]:
    """The league's break (seed order) and the teams the institution cap left out; for a
    category, the best of the teams in it (a separate break of the same size)."""
    table = team_table(tournament, league)
    if category is not None:
        table = [row for row in table if row.team.in_category(category)]
    teams = {row.team.id: row.team for row in table}
    chosen = standings.break_teams(
        [row.standing for row in table],
        tournament.break_size,
        {team.id: team.institution_id for team in teams.values()},
        tournament.institution_cap,
    )
    return [teams[team] for team in chosen.teams], [teams[team] for team in chosen.capped]


def speakers_of_user(user: User) -> list[Speaker]:
    return list(db.session.scalars(sa.select(Speaker).where(Speaker.user_id == user.id)))


def motion_seats(tournament: Tournament) -> list[motion_stats.Seat]:
    """Every team's seat in the confirmed, non-bye debates of rounds with a motion."""
    rows = db.session.execute(
        sa.select(Round.motion_id, Debate.id, DebateTeam.position, DebateTeam.points)
        .join(Debate, DebateTeam.debate_id == Debate.id)
        .join(Round, Debate.round_id == Round.id)
        .where(
            Round.tournament_id == tournament.id,
            Round.motion_id.is_not(None),
            Debate.confirmed_at.is_not(None),
            DebateTeam.points.is_not(None),
        )
    )
    seats = [
        motion_stats.Seat(motion, debate, position, points)
        for motion, debate, position, points in rows
    ]
    sizes = defaultdict(int)
    for seat in seats:
        sizes[seat.debate] += 1
    return [seat for seat in seats if sizes[seat.debate] > 1]  # byes are no room


def motion_table(tournament: Tournament) -> dict[int, motion_stats.MotionStats]:
    return motion_stats.motion_stats(motion_seats(tournament), tournament.format.teams_per_room)


def categories_in_use(tournament: Tournament) -> list[str]:
    """The tab categories with at least one speaker in the tournament, in TAB_CATEGORY_LABELS
    order: each gets its own speaker tab and break."""
    speakers = [speaker for team in tournament.teams for speaker in team.speakers]
    return [key for key in TAB_CATEGORY_LABELS if any(s.in_category(key) for s in speakers)]
