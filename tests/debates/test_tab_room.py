"""The tab room (issue 26): public registration with contacts only the tab room sees, CSV
import (preview, per-row errors, confirmed good rows) and export, check-ins that decide who
is drawn and allocated (a bye or the swing team for an odd count), the teams' and judges'
private pages, and feedback on adjudicators."""

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.time import utcnow
from app.debates import (
    ballots,
    checkins,
    draw_services,
    feedback,
    links,
    queries,
    roster,
    services,
)
from app.debates.errors import DebateError
from app.debates.models import CheckIn, DrawType, Feedback, Motion, Team
from tests.debates.conftest import confirm_round, winning_form

CONTACT = "coach.aigerim@example.kz"


@pytest.fixture(autouse=True)
def _english(client):
    client.post("/language", data={"language": "en", "next": "/"})


def _registration(**fields) -> dict:
    data = {
        "name": "Shymkent Lions",
        "institution_id": 0,
        "league": "",
        "speaker_1": "Aruzhan",
        "category_1": "kk",
        "speaker_2": "Bauyrzhan",
        "category_2": "kk",
        "speaker_3": "Vera",
        "category_3": "ru",
        "junior_3": "y",
        "contact_name": "Aigerim Coach",
        "contact_email": CONTACT,
        "contact_phone": "+7 701 000 00 00",
    }
    return {**data, **fields}


def _team_url(team: Team) -> str:
    return f"/team/{team.id}/{links.team_token(team.tournament.ballot_secret, team.id)}"


def _judge_url(judge) -> str:
    return f"/judge/{judge.id}/{links.judge_token(judge.tournament.ballot_secret, judge.id)}"


def _teams(db, tournament) -> list[Team]:
    return list(db.session.scalars(sa.select(Team).where(Team.tournament_id == tournament.id)))


# --- registration ----------------------------------------------------------------------------


def test_a_team_registers_and_lands_on_its_private_page(client, db, tab):
    tournament = tab.tournament(teams=0)
    services.set_tab_settings(tournament, True, False, "bye")
    response = client.post(f"/debates/{tournament.id}/register", data=_registration())
    team = db.session.scalar(sa.select(Team).where(Team.name == "Shymkent Lions"))
    assert response.status_code == 302
    assert response.headers["Location"] == _team_url(team)
    assert [(s.name, s.category, s.junior) for s in team.speakers] == [
        ("Aruzhan", "kk", False),
        ("Bauyrzhan", "kk", False),
        ("Vera", "ru", True),
    ]
    assert (team.contact_email, team.registered_at is not None) == (CONTACT, True)


def test_the_contacts_are_seen_by_the_tab_room_only(client, auth, db, tab):
    tournament = tab.tournament(teams=0)
    services.set_tab_settings(tournament, True, False, "bye")
    client.post(f"/debates/{tournament.id}/register", data=_registration())
    team = _teams(db, tournament)[0]
    for url in (f"/debates/{tournament.id}", _team_url(team), f"/debates/{tournament.id}/motions"):
        assert CONTACT not in client.get(url).text
    auth.login(tab.organizer)
    assert CONTACT in client.get(f"/debates/{tournament.id}/manage").text
    assert CONTACT in client.get(f"/debates/{tournament.id}/teams.csv").text


def test_registration_is_closed_unless_the_tab_room_opens_it(client, db, tab):
    tournament = tab.tournament(teams=0)
    assert client.get(f"/debates/{tournament.id}/register").status_code == 404
    response = client.post(f"/debates/{tournament.id}/register", data=_registration())
    assert response.status_code == 404
    assert _teams(db, tournament) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"speaker_3": ""}, "at least 3 speakers"),
        ({"contact_email": "", "contact_phone": ""}, "e-mail or a phone"),
        ({"contact_email": "not-an-address"}, "valid e-mail"),
        ({"name": "team 1"}, "already has this name"),  # the tab's "Team 1", folded
    ],
)
def test_a_bad_registration_says_why_and_saves_nothing(client, db, tab, fields, message):
    tournament = tab.tournament(teams=1)
    services.set_tab_settings(tournament, True, False, "bye")
    response = client.post(f"/debates/{tournament.id}/register", data=_registration(**fields))
    assert response.status_code == 400
    assert message in response.text
    assert [team.name for team in _teams(db, tournament)] == ["Team 1"]


def test_registrations_are_rate_limited_per_address(spawn_app, tab, db):
    tournament = tab.tournament(teams=0)
    services.set_tab_settings(tournament, True, False, "bye")
    app = spawn_app(
        RATELIMIT_ENABLED=True, DEBATE_REGISTRATION_RATE_LIMIT="2 per hour", WTF_CSRF_ENABLED=False
    )
    client = app.test_client()
    url = f"/debates/{tournament.id}/register"
    bad = client.post(url, data=_registration(speaker_3="")).status_code  # no team: not counted
    made = [client.post(url, data=_registration(name=f"Team {n}")).status_code for n in "ABC"]
    assert (bad, made) == (400, [302, 302, 429])


# --- CSV import and export ---------------------------------------------------------------------

TEAMS_CSV = """team,institution,league,speakers,categories,contact_name,contact_email,contact_phone
Almaty Hawks,Lyceum 7,,Aida; Bolat; Dana,kk+junior; kk; ru,Saule,saule@example.kz,
Semey Stars,No Such School,,Erlan; Farida; Gani,,,,
Oral Owls,,,Inkar; Zhanna,,,,
Aktau Sea,,,Laura; Murat; Nurlan,ru; ru; ru,,,+77010000001
"""


def _upload(client, tournament, text, kind="teams", confirm=False):
    data = {"kind": kind}
    if confirm:
        data |= {"confirm": "1", "csv_text": text}
    else:
        data["file"] = (io.BytesIO(text.encode("utf-8")), "roster.csv")
    return client.post(
        f"/debates/{tournament.id}/import", data=data, content_type="multipart/form-data"
    )


def test_the_preview_names_each_bad_row_and_saves_nothing(client, auth, db, tab, make):
    tournament = tab.tournament(teams=0)
    make.institution(tab.region, name="Lyceum 7")
    auth.login(tab.organizer)
    response = _upload(client, tournament, TEAMS_CSV)
    assert response.status_code == 200
    assert "No institution of the region is called No Such School." in response.text
    assert "A team needs at least 3 speakers." in response.text
    assert "2 of 4 rows can be imported." in response.text
    assert _teams(db, tournament) == []


def test_confirming_imports_the_good_rows_in_one_go(client, auth, db, tab, make):
    tournament = tab.tournament(teams=0)
    make.institution(tab.region, name="Lyceum 7")
    auth.login(tab.organizer)
    assert _upload(client, tournament, TEAMS_CSV, confirm=True).status_code == 302
    teams = {team.name: team for team in _teams(db, tournament)}
    assert sorted(teams) == ["Aktau Sea", "Almaty Hawks"]
    hawks = teams["Almaty Hawks"]
    assert hawks.institution.name == "Lyceum 7"
    assert [(s.category, s.junior) for s in hawks.speakers] == [
        ("kk", True),
        ("kk", False),
        ("ru", False),
    ]
    assert hawks.contact_email == "saule@example.kz"


def test_exported_teams_and_adjudicators_import_unchanged(client, auth, db, tab):
    source = tab.tournament(teams=2, adjudicators=2, name="Source Cup")
    target = tab.tournament(teams=0, adjudicators=0, name="Target Cup")
    auth.login(tab.organizer)
    for kind in ("teams", "adjudicators"):
        exported = client.get(f"/debates/{source.id}/{kind}.csv").text
        assert _upload(client, target, exported, kind=kind, confirm=True).status_code == 302
    db.session.expire_all()
    assert roster.team_rows(source) == roster.team_rows(target)
    assert roster.adjudicator_rows(source) == roster.adjudicator_rows(target)


def test_a_file_that_is_not_utf8_is_refused(client, auth, tab):
    tournament = tab.tournament(teams=0)
    auth.login(tab.organizer)
    data = {"kind": "teams", "file": (io.BytesIO("team\nЖанна".encode("cp1251")), "r.csv")}
    response = client.post(
        f"/debates/{tournament.id}/import", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "Choose a CSV file in UTF-8." in response.text


def test_adjudicator_rows_with_a_bad_rating_are_refused(client, auth, db, tab):
    tournament = tab.tournament(teams=0, adjudicators=0)
    auth.login(tab.organizer)
    text = "name,institution,rating\nSaule,,8.5\nTimur,,11\n"
    assert "A rating goes from 0 to 10." in _upload(client, tournament, text, "adjudicators").text
    _upload(client, tournament, text, "adjudicators", confirm=True)
    db.session.expire_all()
    assert [(a.name, a.rating) for a in tournament.adjudicators] == [("Saule", 8.5)]


def test_a_speaker_with_two_languages_is_a_row_error(client, auth, db, tab):
    tournament = tab.tournament(teams=0)
    auth.login(tab.organizer)
    text = "team,speakers,categories\nOral Owls,A; B; C,kk+ru; kk; kk\n"
    assert "A speaker has one language category." in _upload(client, tournament, text).text


# --- categories: a speaker tab and a break of their own ----------------------------------------


def _categorised(db, tab):
    """Four teams after a round: Team 1 and 2 speak Kazakh, Team 3 Russian, Team 4 mixed;
    Team 2's speakers are all juniors."""
    tournament = tab.tournament(teams=4, break_size=2)
    languages = {"Team 1": "kk", "Team 2": "kk", "Team 3": "ru"}
    for team in tournament.teams:
        for number, speaker in enumerate(team.speakers):
            speaker.category = languages.get(team.name, "kk" if number else "ru")
            speaker.junior = team.name == "Team 2"
    db.session.commit()
    round_ = tab.round(tournament)
    draw_services.generate_draw(round_, utcnow())
    confirm_round(round_)
    return tournament


def test_each_category_has_its_own_speaker_tab(db, tab):
    tournament = _categorised(db, tab)
    kazakh = queries.speaker_table(tournament, "", "kk")
    assert {row.speaker.team.name for row in kazakh} >= {"Team 1", "Team 2"}
    assert all(row.speaker.category == "kk" for row in kazakh)
    assert min(row.standing.rank for row in kazakh) == 1  # ranked among themselves
    juniors = queries.speaker_table(tournament, "", "junior")
    assert {row.speaker.team.name for row in juniors} == {"Team 2"}
    assert queries.categories_in_use(tournament) == ["kk", "ru", "junior"]


def test_a_category_breaks_the_teams_whose_speakers_all_belong_to_it(db, tab):
    tournament = _categorised(db, tab)
    kazakh, _capped = queries.break_of(tournament, "", "kk")
    assert {team.name for team in kazakh} == {"Team 1", "Team 2"}  # Team 4 is mixed
    russian, _capped = queries.break_of(tournament, "", "ru")
    assert [team.name for team in russian] == ["Team 3"]


def test_the_category_pages(client, auth, db, tab):
    tournament = _categorised(db, tab)
    auth.login(tab.organizer)
    page = client.get(f"/debates/{tournament.id}/speakers?category=junior").text
    assert "Speaker tab: Junior" in page
    assert "Team 2" in page and "Team 1" not in page
    assert "Russian-language" in client.get(f"/debates/{tournament.id}/break?category=ru").text
    assert client.get(f"/debates/{tournament.id}/speakers?category=senior").status_code == 404


# --- check-ins ------------------------------------------------------------------------------


def _with_check_ins(tab, teams=5, adjudicators=3, odd="bye"):
    tournament = tab.tournament(teams=teams, adjudicators=adjudicators)
    services.set_tab_settings(tournament, False, True, odd)
    round_ = tab.round(tournament)
    return tournament, round_


def _drawn_team_ids(round_) -> set[int]:
    return {side.team_id for debate in round_.debates for side in debate.sides}


def test_only_present_teams_are_drawn_and_an_odd_one_gets_a_bye(tab):
    tournament, round_ = _with_check_ins(tab)
    present = tournament.teams[:3]
    for team in present:
        checkins.set_present(tournament, utcnow(), team=team)
    draw_services.generate_draw(round_, utcnow())
    assert _drawn_team_ids(round_) == {team.id for team in present}
    assert sum(debate.is_bye for debate in round_.debates) == 1


def test_an_odd_count_takes_the_swing_team_which_never_ranks(tab):
    tournament, round_ = _with_check_ins(tab, odd="swing")
    swing = tournament.teams[4]
    services.set_swing(swing, True)
    for team in tournament.teams[:3]:
        checkins.set_present(tournament, utcnow(), team=team)
    draw_services.generate_draw(round_, utcnow())
    assert _drawn_team_ids(round_) == {team.id for team in tournament.teams[:3]} | {swing.id}
    assert not any(debate.is_bye for debate in round_.debates)
    assert swing.id not in {row.team.id for row in queries.team_table(tournament, "")}


def test_an_odd_count_without_a_swing_team_is_refused_and_nothing_drawn(tab):
    tournament, round_ = _with_check_ins(tab, odd="swing")
    for team in tournament.teams[:3]:
        checkins.set_present(tournament, utcnow(), team=team)
    with pytest.raises(DebateError) as refused:
        draw_services.generate_draw(round_, utcnow())
    assert refused.value.code == "no_swing_team"
    assert round_.debates == [] and round_.drawn_at is None


def test_only_present_judges_are_allocated(tab):
    tournament, round_ = _with_check_ins(tab, teams=4, adjudicators=3)
    for team in tournament.teams:
        checkins.set_present(tournament, utcnow(), team=team)
    judge = tournament.adjudicators[2]
    checkins.set_present(tournament, utcnow(), adjudicator=judge)
    draw_services.generate_draw(round_, utcnow())
    seated = {seat.adjudicator_id for debate in round_.debates for seat in debate.panel}
    assert seated == {judge.id}


def test_a_team_checks_in_through_its_link_once_and_can_undo_it(client, db, tab):
    tournament, round_ = _with_check_ins(tab)
    team = tournament.teams[0]
    url = _team_url(team)
    assert "Check in for round 1" in client.get(url).text
    for _twice in range(2):
        assert client.post(url + "/check-in", data={"present": "1"}).status_code == 302
    assert checkins.present_team_ids(round_) == {team.id}
    assert "You are checked in for round 1." in client.get(url).text
    client.post(url + "/check-in", data={"present": "0"})
    assert db.session.scalars(sa.select(CheckIn)).all() == []


def test_a_judge_checks_in_through_their_link(client, tab):
    tournament, round_ = _with_check_ins(tab)
    judge = tournament.adjudicators[0]
    assert client.post(_judge_url(judge) + "/check-in", data={"present": "1"}).status_code == 302
    assert checkins.present_adjudicator_ids(round_) == {judge.id}


def test_check_in_closes_once_the_round_is_drawn(tab):
    tournament, round_ = _with_check_ins(tab, teams=4)
    for team in tournament.teams:
        checkins.set_present(tournament, utcnow(), team=team)
    draw_services.generate_draw(round_, utcnow())
    with pytest.raises(DebateError) as refused:
        checkins.set_present(tournament, utcnow(), team=tournament.teams[0])
    assert refused.value.code == "check_in_closed"


def test_the_tab_room_marks_a_team_present_at_the_desk(client, auth, tab):
    tournament, round_ = _with_check_ins(tab)
    team = tournament.teams[1]
    auth.login(tab.organizer)
    page = client.get(f"/debates/{tournament.id}/check-ins").text
    assert _team_url(team) in page  # the link to hand to the team
    client.post(f"/debates/{tournament.id}/check-ins", data={"team": team.id, "present": "1"})
    assert checkins.present_team_ids(round_) == {team.id}


# --- a team's private page ----------------------------------------------------------------------


def test_a_team_sees_its_room_and_side_then_the_motion_and_result_once_released(client, db, tab):
    tournament = tab.tournament(teams=2, adjudicators=1)
    motion = Motion(key="tab-room-test", text={"en": "This house would vote at sixteen"})
    db.session.add(motion)
    db.session.flush()
    round_ = services.add_round(
        tournament, DrawType.RANDOM, motion.id, utcnow() + timedelta(hours=1)
    )
    debate = draw_services.generate_draw(round_, utcnow())[0]
    team = debate.sides[0].team
    url = _team_url(team)
    assert "No draw has been released yet." in client.get(url).text
    services.release_draw(round_, True)
    page = client.get(url).text
    assert "Room 1" in page and "Proposition" in page and debate.sides[1].team.name in page
    assert "vote at sixteen" not in page
    services.set_motion(round_, motion.id, utcnow() - timedelta(minutes=1))
    assert "vote at sixteen" in client.get(url).text
    entry = ballots.entry_from_form(tournament.format, winning_form(debate, winner=0))
    ballots.submit(debate, debate.chair.adjudicator, entry, utcnow())
    ballots.confirm(debate, utcnow(), chair=debate.chair.adjudicator)
    assert "You won." not in client.get(url).text  # confirmed, not released
    services.release_results(round_, True)
    assert "You won." in client.get(url).text


def test_another_teams_link_opens_nothing(client, tab):
    tournament = tab.tournament(teams=2)
    first, second = tournament.teams
    token = links.team_token(tournament.ballot_secret, second.id)
    response = client.get(f"/team/{first.id}/{token}")
    assert response.status_code == 404
    assert first.name not in response.text


# --- feedback on adjudicators ---------------------------------------------------------------


def _confirmed_debate(tab, questions=("What did the judge explain well?",)):
    tournament = tab.tournament(teams=2, adjudicators=3)
    feedback.set_questions(tournament, list(questions))
    round_ = tab.round(tournament)
    debate = draw_services.generate_draw(round_, utcnow())[0]
    services.release_draw(round_, True)
    entry = ballots.entry_from_form(tournament.format, winning_form(debate))
    return tournament, debate, entry


def _feedback_url(team, debate, judge) -> str:
    return f"{_team_url(team)}/feedback/{debate.id}/{judge.id}"


def test_a_team_rates_its_chair_once_the_result_is_confirmed(client, db, tab):
    tournament, debate, entry = _confirmed_debate(tab)
    team, chair = debate.sides[1].team, debate.chair.adjudicator
    form = {"score": "4", "answer-0": "Clear reasons"}
    client.post(_feedback_url(team, debate, chair), data=form)
    assert db.session.scalars(sa.select(Feedback)).all() == []  # not confirmed yet
    ballots.submit(debate, chair, entry, utcnow())
    ballots.confirm(debate, utcnow(), chair=chair)
    client.post(_feedback_url(team, debate, chair), data=form)
    client.post(_feedback_url(team, debate, chair), data={"score": "2", "answer-0": "Late"})
    rows = db.session.scalars(sa.select(Feedback)).all()
    assert [(r.adjudicator_id, r.from_team_id, r.score, r.answers) for r in rows] == [
        (chair.id, team.id, 2, ["Late"])  # given again: replaced
    ]


def test_a_team_cannot_rate_a_panellist_or_give_a_score_out_of_range(client, db, tab):
    tournament, debate, entry = _confirmed_debate(tab)
    chair = debate.chair.adjudicator
    ballots.submit(debate, chair, entry, utcnow())
    ballots.confirm(debate, utcnow(), chair=chair)
    team = debate.sides[0].team
    panellist = next(s.adjudicator for s in debate.panel if s.adjudicator_id != chair.id)
    response = client.post(_feedback_url(team, debate, panellist), data={"score": "5"})
    assert response.status_code == 302
    client.post(_feedback_url(team, debate, chair), data={"score": "9"})
    assert db.session.scalars(sa.select(Feedback)).all() == []


def test_panellists_rate_the_panel_and_the_judge_never_sees_it(client, db, tab):
    tournament, debate, entry = _confirmed_debate(tab)
    chair = debate.chair.adjudicator
    ballots.submit(debate, chair, entry, utcnow())
    ballots.confirm(debate, utcnow(), chair=chair)
    panellist = next(s.adjudicator for s in debate.panel if s.adjudicator_id != chair.id)
    url = f"{_judge_url(panellist)}/feedback/{debate.id}/{chair.id}"
    client.post(url, data={"score": "3", "answer-0": "Rushed the oral adjudication"})
    assert db.session.scalar(sa.select(Feedback.from_adjudicator_id)) == panellist.id
    assert "Rushed the oral adjudication" not in client.get(_judge_url(chair)).text


def test_the_tab_room_reads_the_feedback_and_updates_the_rating(client, auth, db, tab):
    tournament, debate, entry = _confirmed_debate(tab)
    chair = debate.chair.adjudicator
    ballots.submit(debate, chair, entry, utcnow())
    ballots.confirm(debate, utcnow(), chair=chair)
    client.post(
        _feedback_url(debate.sides[0].team, debate, chair),
        data={"score": "2", "answer-0": "Ignored our rebuttal"},
    )
    auth.login(tab.organizer)
    page = client.get(f"/debates/{tournament.id}/feedback").text
    assert "Ignored our rebuttal" in page and "Average 2 from 1 forms" in page
    url = f"/debates/{tournament.id}/adjudicators/{chair.id}/rating"
    assert client.post(url, data={"rating": "6.5"}).status_code == 302
    db.session.expire_all()
    assert chair.rating == 6.5
    client.post(url, data={"rating": "12"})
    db.session.expire_all()
    assert chair.rating == 6.5


# --- printables ------------------------------------------------------------------------------


def test_paper_ballots_one_per_adjudicator_in_the_readers_language(client, auth, tab):
    tournament = tab.tournament(teams=4, adjudicators=4)
    round_ = tab.round(tournament)
    debates = draw_services.generate_draw(round_, utcnow())
    auth.login(tab.organizer)
    url = f"/debates/{tournament.id}/rounds/1/print/ballots"
    page = client.get(url + "?language=ru").text
    assert '<html lang="ru">' in page
    seats = sum(len(debate.panel) for debate in debates)
    assert page.count('class="printable print-page paper-ballot"') == seats == 4
    assert "Бюллетень" in page or "бюллетень" in page
    english = client.get(url + "?language=en").text
    assert "Speaker scores from 60 to 80." in english


def test_the_printed_draw_and_feedback_forms(client, auth, tab):
    tournament = tab.tournament(teams=4, adjudicators=2)
    feedback.set_questions(tournament, ["Was the decision explained?"])
    round_ = tab.round(tournament)
    debates = draw_services.generate_draw(round_, utcnow())
    auth.login(tab.organizer)
    base = f"/debates/{tournament.id}/rounds/1/print"
    draw = client.get(f"{base}/draw?language=en").text
    assert all(team.name in draw for team in tournament.teams)
    forms = client.get(f"{base}/feedback?language=en").text
    assert forms.count("Was the decision explained?") == sum(len(d.sides) for d in debates)
    assert client.get(f"{base}/nothing").status_code == 404
