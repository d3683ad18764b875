"""Each format of issue 26 plays a round end to end: the draw, ballots held to the format's
score ranges (one refused, one accepted), the confirmed result and the standings; and the
projector shows the format's schedule with its cross-examinations."""

from decimal import Decimal

import pytest

from app.core.time import utcnow
from app.debates import ballots, draw_services, queries
from app.debates.models import DrawType
from tests.debates.engine.test_formats import NEW_FORMATS


def english(client):
    client.post("/language", data={"language": "en", "next": "/"})


@pytest.fixture(autouse=True)
def _english(client):
    english(client)


def ballot_form(debate, winner: int, score: Decimal) -> dict:
    """A ballot in which every speaker scores `score` and the winner's first speaker one
    step more (the replies at the reply range's minimum, the winner's one step above)."""
    fmt = debate.round.tournament.format
    form = {"winner": str(winner)}
    for side in debate.sides:
        for role in range(len(fmt.roles)):
            bonus = fmt.speaker_score.step if side.position == winner and role == 0 else 0
            form[f"s-{side.position}-{role}-speaker"] = str(side.team.speakers[role].id)
            form[f"s-{side.position}-{role}-score"] = str(score + bonus)
        if fmt.reply:
            extra = fmt.reply.scores.step if side.position == winner else 0
            form[f"r-{side.position}-speaker"] = str(side.team.speakers[0].id)
            form[f"r-{side.position}-score"] = str(fmt.reply.scores.min + extra)
    return form


@pytest.mark.parametrize("key", NEW_FORMATS)
def test_a_round_is_played_end_to_end(db, tab, key):
    tournament = tab.tournament(teams=4, fmt=key)
    fmt = tournament.format
    for number, draw_type in enumerate((DrawType.RANDOM, DrawType.POWER_PAIRED), start=1):
        round_ = tab.round(tournament, draw_type)
        draw_services.generate_draw(round_, utcnow())
        assert len(round_.debates) == 2
        for debate in round_.debates:
            chair = debate.chair.adjudicator
            too_high = ballot_form(debate, 0, fmt.speaker_score.max)  # the bonus goes over
            with pytest.raises(ballots.BallotRejected) as refused:
                ballots.submit(debate, chair, ballots.entry_from_form(fmt, too_high), utcnow())
            message = refused.value.message  # in the default language (kk): the range's ends
            assert (
                f"{fmt.speaker_score.min:g}" in message and f"{fmt.speaker_score.max:g}" in message
            )
            good = ballot_form(debate, 0, fmt.speaker_score.min)
            ballots.submit(debate, chair, ballots.entry_from_form(fmt, good), utcnow())
            ballots.confirm(debate, utcnow(), chair=chair)
            proposition, opposition = debate.sides
            assert (proposition.points, opposition.points) == (1, 0)
        table = queries.team_table(tournament, "")
        wins = [row.standing.values[queries.standings.Metric.POINTS] for row in table]
        assert len(table) == 4 and sum(wins) == 2 * number  # one win per room per round
        assert wins == sorted(wins, reverse=True)


def test_the_projector_shows_the_cross_examinations(client, auth, db, tab):
    tournament = tab.tournament(teams=4, fmt="karl_popper")
    round_ = tab.round(tournament)
    draw_services.generate_draw(round_, utcnow())
    auth.login(tab.organizer)
    english(client)  # signing in starts a new session
    page = client.get(f"/debates/{tournament.id}/rounds/1/projector").get_data(as_text=True)
    assert "Speech timer" in page and "debate-timer.js" in page
    assert page.count('class="period-cross"') == 4
    assert "Negative — Third speaker asks Affirmative — First speaker" in page
    assert "Preparation time: 8 min per team." in page
    public_forum = tab.tournament(teams=4, fmt="public_forum", name="Forum")
    draw_services.generate_draw(tab.round(public_forum), utcnow())
    page = client.get(f"/debates/{public_forum.id}/rounds/1/projector").get_data(as_text=True)
    assert "Grand crossfire" in page and page.count(">Crossfire</mark>") == 3
