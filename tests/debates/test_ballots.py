"""E-ballots: private links, the format's rules with clear messages, panel majorities,
the chair's confirmation, and the tab room's corrections with history."""

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.core.time import utcnow
from app.debates import ballots, draw_services, queries, services
from app.debates.models import Ballot
from tests.debates.conftest import winning_form


@pytest.fixture(autouse=True)
def english(client):
    """Adjudicators' links open without an account: the page is in the visitor's language."""
    client.post("/language", data={"language": "en", "next": "/"})


def _drawn(tab, **fields):
    tournament = tab.tournament(**fields)
    round_ = tab.round(tournament)
    draw_services.generate_draw(round_, utcnow())
    return tournament, round_, round_.debates[0]


def test_a_ballot_is_submitted_and_confirmed_by_the_chair(client, db, tab):
    _tournament, _round, debate = _drawn(tab)
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    assert client.post(url, data=winning_form(debate, winner=1)).status_code == 302
    assert client.post(url + "/confirm").status_code == 302
    db.session.expire_all()
    assert debate.confirmed_at is not None
    proposition, opposition = debate.sides
    assert (proposition.points, opposition.points) == (0, 1)
    # WSDC: three speeches of 70 (or 75) and a reply of 32 per team
    assert (proposition.speaks, opposition.speaks) == (242, 257)
    assert (proposition.margin, opposition.margin) == (-15, 15)
    assert len([s for s in debate.speeches if not s.reply]) == 6


def _refused(client, db, url, form, message):
    response = client.post(url, data=form)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 0


def test_a_score_outside_the_range_is_refused_and_nothing_saved(client, db, tab):
    _t, _r, debate = _drawn(tab)
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    form = winning_form(debate) | {"s-0-1-score": "85"}
    _refused(client, db, url, form, "Proposition, Second speaker: a score must be from 60 to 80.")


def test_an_off_step_score_is_refused(client, db, tab):
    _t, _r, debate = _drawn(tab)
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    _refused(client, db, url, winning_form(debate) | {"s-1-2-score": "70.5"}, "in steps of 1")
    _refused(client, db, url, winning_form(debate) | {"r-1-score": "32.25"}, "in steps of 0.5")


def test_a_winner_with_fewer_points_is_refused(client, db, tab):
    _t, _r, debate = _drawn(tab)
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    form = winning_form(debate, winner=0) | {"winner": "1"}
    _refused(client, db, url, form, "has fewer points than the loser")


def test_tied_totals_and_a_missing_result_are_refused(client, db, tab):
    _t, _r, debate = _drawn(tab)
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    _refused(client, db, url, winning_form(debate, low=72, high=72), "totals are tied")
    form = winning_form(debate)
    del form["winner"]
    _refused(client, db, url, form, "Choose the result of the debate.")


def test_speakers_must_be_the_teams_own_and_speak_once(client, db, tab):
    _t, _r, debate = _drawn(tab)
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    other = debate.sides[1].team.speakers[0].id
    _refused(client, db, url, winning_form(debate) | {"s-0-0-speaker": str(other)}, "this team")
    twice = debate.sides[0].team.speakers[0].id
    _refused(
        client, db, url, winning_form(debate) | {"s-0-1-speaker": str(twice)}, "one substantive"
    )
    third = debate.sides[0].team.speakers[2].id
    _refused(client, db, url, winning_form(debate) | {"r-0-speaker": str(third)}, "first or second")


def test_another_adjudicators_link_is_refused(client, auth, db, make, tab):
    tournament, _round, debate = _drawn(tab, adjudicators=1)
    chair = debate.chair.adjudicator
    judge_account = make.user(Role.TEACHER, login="judge-two")
    services.add_adjudicator(tournament, "Judge Two", None, 5, judge_account.id, [], [])
    auth.login(judge_account)
    response = client.get(tab.ballot_url(debate, chair.id))
    assert response.status_code == 403
    assert "belongs to another adjudicator" in response.get_data(as_text=True)
    response = client.post(tab.ballot_url(debate, chair.id), data=winning_form(debate))
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 0


def test_a_forged_or_borrowed_link_is_refused(client, db, tab):
    tournament, round_, debate = _drawn(tab, teams=4)
    chair = debate.chair.adjudicator_id
    forged = tab.ballot_url(debate, chair)[:-3] + "abc"
    assert client.get(forged).status_code == 404
    other_debate = round_.debates[1]
    # the chair's token for one debate does not open another
    token = tab.ballot_url(debate, chair).rsplit("/", 1)[1]
    assert client.get(f"/ballot/{other_debate.id}/{chair}/{token}").status_code == 404
    # a valid link for a judge who is not on that debate's panel
    not_on_panel = tab.ballot_url(other_debate, chair)
    assert client.get(not_on_panel).status_code == 403


def test_only_the_chair_confirms(client, db, tab):
    _t, _r, debate = _drawn(tab, teams=2, adjudicators=3)  # one room: a panel of three
    panelist = next(seat for seat in debate.panel if seat.role == "panelist").adjudicator_id
    url = tab.ballot_url(debate, panelist)
    assert client.post(url, data=winning_form(debate)).status_code == 302
    client.post(url + "/confirm")
    db.session.expire_all()
    assert debate.confirmed_at is None


def test_the_panel_majority_decides_and_its_scores_are_averaged(db, tab):
    _t, _r, debate = _drawn(tab, teams=2, adjudicators=3)
    chair = debate.chair.adjudicator
    panelists = [s.adjudicator for s in debate.panel if s.role == "panelist"]
    fmt = debate.round.tournament.format
    # the chair votes for proposition, both panelists for opposition with different scores
    ballots.submit(debate, chair, ballots.entry_from_form(fmt, winning_form(debate, 0)), utcnow())
    for judge, high in zip(panelists, (74, 76), strict=True):
        form = winning_form(debate, 1, low=70, high=high)
        ballots.submit(debate, judge, ballots.entry_from_form(fmt, form), utcnow())
    ballots.confirm(debate, utcnow(), chair=chair)
    proposition, opposition = debate.sides
    assert (proposition.points, opposition.points) == (0, 1)
    assert opposition.speaks == 3 * 75 + 32  # (74 + 76) / 2 per speech, the majority only
    assert len(queries.latest_ballots(debate)) == 3  # every judge's ballot is kept


def test_an_even_split_goes_the_chairs_way(db, tab):
    tournament, _r, debate = _drawn(tab, teams=2, adjudicators=3)
    chair = debate.chair.adjudicator
    panelist = next(s.adjudicator for s in debate.panel if s.role == "panelist")
    fmt = tournament.format
    ballots.submit(debate, chair, ballots.entry_from_form(fmt, winning_form(debate, 1)), utcnow())
    ballots.submit(
        debate, panelist, ballots.entry_from_form(fmt, winning_form(debate, 0)), utcnow()
    )
    ballots.confirm(debate, utcnow(), chair=chair)
    assert [side.points for side in debate.sides] == [0, 1]


def test_the_tab_room_corrects_a_confirmed_ballot_with_history(client, auth, db, tab):
    _t, _r, debate = _drawn(tab)
    chair = debate.chair.adjudicator_id
    url = tab.ballot_url(debate, chair)
    client.post(url, data=winning_form(debate, 0))
    client.post(url + "/confirm")
    # the adjudicator can no longer change it
    response = client.post(url, data=winning_form(debate, 1))
    assert response.status_code == 400
    assert "confirmed" in response.get_data(as_text=True)
    auth.login(tab.organizer)
    page = f"/debates/{debate.round.tournament_id}/debates/{debate.id}"
    form = winning_form(debate, 1) | {"adjudicator": str(chair)}
    assert client.post(page, data=form).status_code == 302
    db.session.expire_all()
    assert debate.confirmed_at is None  # a correction opens the result again
    assert client.post(page + "/confirm").status_code == 302
    db.session.expire_all()
    assert [side.points for side in debate.sides] == [0, 1]
    history = db.session.scalars(sa.select(Ballot).order_by(Ballot.id)).all()
    assert [b.entered_by_id for b in history] == [None, tab.organizer.id]
    text = client.get(page).get_data(as_text=True)
    assert "replaced" in text and "entered by" in text


def test_a_bp_ballot_needs_places_that_follow_the_totals(client, db, tab):
    _t, _r, debate = _drawn(tab, teams=4, fmt="british_parliamentary")
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    form = {}
    for side in debate.sides:
        for role in range(2):
            form[f"s-{side.position}-{role}-speaker"] = str(side.team.speakers[role].id)
            form[f"s-{side.position}-{role}-score"] = str(70 + side.position)
        form[f"place-{side.position}"] = str(4 - side.position)  # CO (highest scores) first
    assert client.post(url, data=form).status_code == 302
    client.post(url + "/confirm")
    db.session.expire_all()
    assert [side.points for side in debate.sides] == [0, 1, 2, 3]
    wrong = form | {"place-0": "1", "place-3": "4"}
    db.session.execute(sa.delete(Ballot))
    debate.confirmed_at = None
    db.session.commit()
    _refused(client, db, url, wrong, "The places do not follow the teams")


def test_the_ballot_page_is_translated(client, db, tab):
    _t, _r, debate = _drawn(tab)
    url = tab.ballot_url(debate, debate.chair.adjudicator_id)
    client.post("/language", data={"language": "ru", "next": "/"})
    form = winning_form(debate) | {"s-0-1-score": "85"}
    text = client.post(url, data=form).get_data(as_text=True)
    assert "от 60 до 80" in text
