"""Tournaments for the web tests: built through the services, played through the pages."""

from dataclasses import dataclass

import pytest

from app.core.access import Role
from app.core.time import utcnow
from app.debates import ballots, links, services
from app.debates.models import Debate, DrawType, Tournament
from app.debates.standings import DEFAULT_METRICS


@dataclass
class Tab:
    """Builds a tournament the way the tab room would."""

    make: object
    organizer: object
    region: object

    def tournament(self, teams=4, fmt="wsdc", adjudicators=2, leagues=(), **fields) -> Tournament:
        details = services.TournamentDetails(
            name=fields.pop("name", "City Cup"),
            format_key=fmt,
            region_id=self.region.id,
            institution_id=None,
            leagues=leagues,
            metrics=DEFAULT_METRICS,
            break_size=fields.pop("break_size", 0),
            institution_cap=fields.pop("institution_cap", None),
            **fields,
        )
        tournament = services.create_tournament(self.organizer, details, utcnow())
        speakers = len(tournament.format.roles)
        schools = [self.make.institution(self.region) for _ in range((teams + 1) // 2)]
        for number in range(teams):
            services.add_team(
                tournament,
                f"Team {number + 1}",
                schools[number // 2].id,  # two teams per school
                leagues[number % len(leagues)] if leagues else "",
                [],
                [f"Speaker {number + 1}.{k + 1}" for k in range(speakers)],
            )
        for number in range(adjudicators):
            services.add_adjudicator(
                tournament, f"Judge {number + 1}", None, 9 - number, None, [], []
            )
        return tournament

    def round(self, tournament: Tournament, draw_type=DrawType.RANDOM):
        return services.add_round(tournament, draw_type, None, None)

    def ballot_url(self, debate: Debate, adjudicator_id: int) -> str:
        token = links.ballot_token(debate.round.tournament.ballot_secret, debate.id, adjudicator_id)
        return f"/ballot/{debate.id}/{adjudicator_id}/{token}"


def winning_form(debate: Debate, winner: int = 0, low: int = 70, high: int = 75) -> dict:
    """A valid two-team ballot form: ``winner``'s speakers score ``high``, the others ``low``."""
    fmt = debate.round.tournament.format
    form = {"winner": str(winner)}
    for side in debate.sides:
        score = high if side.position == winner else low
        for role in range(len(fmt.roles)):
            form[f"s-{side.position}-{role}-speaker"] = str(side.team.speakers[role].id)
            form[f"s-{side.position}-{role}-score"] = str(score)
        if fmt.reply:
            form[f"r-{side.position}-speaker"] = str(side.team.speakers[0].id)
            form[f"r-{side.position}-score"] = str(fmt.reply.scores.min + 2)
    return form


def confirm_round(round_, winner_of=lambda debate: 0) -> None:
    """Every debate of a round decided through the services (a ballot by the chair)."""
    for debate in round_.debates:
        if debate.is_bye:
            continue
        fmt = round_.tournament.format
        entry = ballots.entry_from_form(fmt, winning_form(debate, winner_of(debate)))
        ballots.submit(debate, debate.chair.adjudicator, entry, utcnow())
        ballots.confirm(debate, utcnow(), chair=debate.chair.adjudicator)


@pytest.fixture
def tab(make, region) -> Tab:
    organizer = make.user(Role.ORGANIZER, login="tab-organizer", region=region)
    return Tab(make, organizer, region)
