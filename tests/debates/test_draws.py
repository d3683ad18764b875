"""Draws, panels, the break and releases through the tab room's pages and services."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.core.errors import FieldError
from app.core.time import utcnow
from app.debates import draw_services, queries, services
from app.debates.errors import DebateError
from app.debates.models import Debate, DrawType, Motion, Team
from app.gamification.models import PointEntry, PointSource
from tests.debates.conftest import confirm_round


def english(client):
    client.post("/language", data={"language": "en", "next": "/"})


@pytest.fixture(autouse=True)
def _english(client):
    english(client)


def test_a_draw_is_refused_while_the_previous_round_has_unconfirmed_ballots(client, auth, db, tab):
    tournament = tab.tournament(teams=6, adjudicators=3)
    services.add_venue(tournament, "Room 101", 1)
    first, second = tab.round(tournament), tab.round(tournament, DrawType.POWER_PAIRED)
    draw_services.generate_draw(first, utcnow())
    auth.login(tab.organizer)
    response = client.post(f"/debates/{tournament.id}/rounds/2/draw", follow_redirects=True)
    text = response.get_data(as_text=True)
    pending = [d.label for d in first.debates if not d.is_bye]
    assert "unconfirmed ballots" in text
    assert all(str(label) in text for label in pending)  # each room named ("Room 101", ...)
    db.session.expire_all()
    assert second.debates == []  # nothing drawn

    confirm_round(first)
    assert client.post(f"/debates/{tournament.id}/rounds/2/draw").status_code == 302
    db.session.expire_all()
    assert len(second.debates) == 3


def test_bp_needs_a_multiple_of_four_teams(db, tab):
    tournament = tab.tournament(teams=6, fmt="british_parliamentary")
    with pytest.raises(DebateError) as refused:
        draw_services.generate_draw(tab.round(tournament), utcnow())
    assert refused.value.code == "bp_teams"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Debate)) == 0


def test_leagues_never_meet(db, tab):
    tournament = tab.tournament(teams=8, leagues=("kk", "ru"))
    round_ = tab.round(tournament)
    draw_services.generate_draw(round_, utcnow())
    for debate in round_.debates:
        assert {side.team.league for side in debate.sides} == {debate.league}
    assert {debate.league for debate in round_.debates} == {"kk", "ru"}


def test_a_judge_never_sits_with_a_conflict(db, make, tab):
    tournament = tab.tournament(teams=4, adjudicators=0)
    school_of_team_one = tournament.teams[0].institution_id
    # the strongest judge comes from Team 1's school; the next is conflicted with Team 3
    services.add_adjudicator(tournament, "Own school", school_of_team_one, 10, None, [], [])
    services.add_adjudicator(
        tournament, "Team conflict", None, 9, None, [tournament.teams[2].id], []
    )
    services.add_adjudicator(tournament, "Free", None, 1, None, [], [])
    for round_type in (DrawType.RANDOM, DrawType.RANDOM):
        round_ = tab.round(tournament, round_type)
        draw_services.generate_draw(round_, utcnow())
        for debate in round_.debates:
            teams = {side.team for side in debate.sides}
            for seat in debate.panel:
                judge = seat.adjudicator
                assert judge.institution_id not in {team.institution_id for team in teams}
                assert not set(judge.conflict_teams) & teams
        confirm_round(round_)


def test_stronger_judges_chair_the_top_bracket(db, tab):
    tournament = tab.tournament(teams=8, adjudicators=4)
    first = tab.round(tournament)
    draw_services.generate_draw(first, utcnow())
    confirm_round(first)
    second = tab.round(tournament, DrawType.POWER_PAIRED)
    draw_services.generate_draw(second, utcnow())
    ordered = sorted(second.debates, key=lambda debate: -debate.bracket)
    ratings = [debate.chair.adjudicator.rating for debate in ordered]
    assert ratings == sorted(ratings, reverse=True)
    assert ordered[0].bracket == 1 and ratings[0] == 9


def test_elimination_rounds_follow_the_break(db, tab):
    tournament = tab.tournament(teams=8, adjudicators=4, break_size=4)
    for draw_type in (DrawType.RANDOM, DrawType.POWER_PAIRED):
        round_ = tab.round(tournament, draw_type)
        draw_services.generate_draw(round_, utcnow())
        confirm_round(round_, winner_of=lambda d: min(d.sides, key=lambda s: s.team_id).position)
    seeds, _capped = queries.break_of(tournament, "")
    semis = tab.round(tournament, DrawType.ELIMINATION)
    draw_services.generate_draw(semis, utcnow())
    rooms = [[side.team for side in debate.sides] for debate in semis.debates]
    assert rooms == [[seeds[0], seeds[3]], [seeds[1], seeds[2]]]  # 1 v 4, 2 v 3
    confirm_round(semis, winner_of=lambda debate: 1)  # both lower seeds win
    final = tab.round(tournament, DrawType.ELIMINATION)
    draw_services.generate_draw(final, utcnow())
    assert [side.team for side in final.debates[0].sides] == [seeds[2], seeds[3]]
    confirm_round(final)
    with pytest.raises(DebateError) as refused:
        draw_services.generate_draw(tab.round(tournament, DrawType.ELIMINATION), utcnow())
    assert refused.value.code == "elimination_over"


def test_preliminary_rounds_cannot_follow_the_break(db, tab, in_language):
    tournament = tab.tournament(teams=4, break_size=2)
    tab.round(tournament, DrawType.ELIMINATION)
    with in_language("en"), pytest.raises(Exception) as refused:
        tab.round(tournament, DrawType.POWER_PAIRED)
    assert "elimination rounds" in str(refused.value.message)


def test_draw_and_results_stay_hidden_until_released(client, auth, db, tab):
    tournament = tab.tournament(teams=4)
    round_ = tab.round(tournament)
    draw_services.generate_draw(round_, utcnow())
    url = f"/debates/{tournament.id}/rounds/1"
    assert client.get(url).status_code == 404
    services.release_draw(round_, True)
    assert client.get(url).status_code == 200
    confirm_round(round_)
    assert "won" not in client.get(url).get_data(as_text=True)
    services.release_results(round_, True)
    assert "won" in client.get(url).get_data(as_text=True)


def test_results_are_released_only_when_confirmed_and_pay_once(db, make, tab):
    tournament = tab.tournament(teams=1)
    student = make.user(Role.STUDENT, login="aruzhan")
    students = services.add_team(tournament, "Students", None, "", ["aruzhan"], ["A", "B"])
    round_ = tab.round(tournament)
    draw_services.generate_draw(round_, utcnow())
    with pytest.raises(DebateError) as refused:
        services.release_results(round_, True)
    assert refused.value.code == "unconfirmed_results"
    confirm_round(round_, lambda d: next(s.position for s in d.sides if s.team is students))
    services.release_results(round_, True)
    services.release_results(round_, False)
    services.release_results(round_, True)
    paid = db.session.scalars(
        sa.select(PointEntry.source_kind).where(PointEntry.user_id == student.id)
    ).all()
    assert sorted(paid) == [PointSource.DEBATE_PARTICIPATION, PointSource.DEBATE_WIN]


def test_a_motion_is_public_from_its_release_time(client, db, tab):
    services.import_motions()
    motion = db.session.scalar(sa.select(Motion).where(Motion.key == "gifts-to-teachers"))
    tournament = tab.tournament(teams=2)
    round_ = services.add_round(
        tournament, DrawType.RANDOM, motion.id, utcnow() + timedelta(hours=1)
    )
    page = f"/debates/{tournament.id}/motions"
    assert motion.text["en"] not in client.get(page).get_data(as_text=True)
    services.set_motion(round_, motion.id, utcnow() - timedelta(minutes=1))
    assert motion.text["en"] in client.get(page).get_data(as_text=True)


def test_the_motion_library_is_complete_in_three_languages(db):
    count = services.import_motions()
    motions = db.session.scalars(sa.select(Motion)).all()
    assert len(motions) == count >= 20
    for motion in motions:
        assert all(motion.text.get(code) for code in ("kk", "ru", "en"))
        assert set(motion.info_slide) in (set(), {"kk", "ru", "en"})
    assert services.import_motions() == count  # again: updated, not doubled
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Motion)) == count


def test_a_draw_with_ballots_cannot_be_deleted(db, tab):
    tournament = tab.tournament(teams=2)
    round_ = tab.round(tournament)
    draw_services.generate_draw(round_, utcnow())
    confirm_round(round_)
    with pytest.raises(DebateError) as refused:
        draw_services.delete_draw(round_)
    assert refused.value.code == "draw_has_ballots"
    assert len(round_.debates) == 1


def test_setup_errors_are_shown_and_nothing_is_saved(client, auth, db, tab):
    tournament = tab.tournament(teams=2)
    auth.login(tab.organizer)
    english(client)  # signing in starts a new session
    url = f"/debates/{tournament.id}/teams"
    base = {"institution_id": 0, "league": "", "guests": "A\nB\nC"}
    response = client.post(url, data=base | {"name": "team 1"})  # the name is taken
    assert response.status_code == 400
    assert "already has this name" in response.get_data(as_text=True)
    response = client.post(url, data=base | {"name": "New", "students": "nobody-here"})
    assert response.status_code == 400
    assert "No student account: nobody-here." in response.get_data(as_text=True)
    response = client.post(url, data=base | {"name": "Small", "guests": "A"})
    assert "at least 3 speakers" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 2


def test_the_tab_room_sees_the_draws_quality_before_release(client, auth, db, tab):
    tournament = tab.tournament(teams=6, adjudicators=3)
    first, second = tab.round(tournament), tab.round(tournament, DrawType.POWER_PAIRED)
    draw_services.generate_draw(first, utcnow())
    confirm_round(first)
    draw_services.generate_draw(second, utcnow())
    (measure,) = draw_services.draw_quality(second).values()
    assert measure.rooms == 3
    assert measure.repeats == measure.same_institution == measure.conflicted_judges == 0
    auth.login(tab.organizer)
    english(client)  # signing in starts a new session
    page = client.get(f"/debates/{tournament.id}/rounds/2").get_data(as_text=True)
    assert "Draw quality" in page and "Conflicted adjudicators" in page
    services.release_draw(second, True)
    auth.login(None)
    english(client)  # signing in starts a new session
    public = client.get(f"/debates/{tournament.id}/rounds/2").get_data(as_text=True)
    assert "Draw quality" not in public


def test_the_draw_priority_is_a_tournament_setting(db, tab):
    tournament = tab.tournament(teams=4, draw_priority="brackets")
    assert tournament.draw_priority == "brackets"
    with pytest.raises(FieldError) as refused:
        tab.tournament(teams=4, name="Other", draw_priority="sideways")
    assert refused.value.field == "draw_priority"
