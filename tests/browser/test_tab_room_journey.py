"""Journey (issue 26, the tab room): a team registers through the tournament's public form
and lands on its private page; it checks in for round 1; once the draw (of the teams
present) is released its page shows its room, side and the motion; after the round it
rates its chair on the tab room's feedback form; the tab room then sees the motion's
statistics and the feedback."""

import re

import sqlalchemy as sa
from playwright.sync_api import expect

from app.core.access import Role
from app.core.time import utcnow
from app.debates import ballots, checkins, draw_services, feedback, services
from app.debates.models import DrawType, Feedback, Motion, Team
from tests.conftest import PASSWORD, regional_tournament
from tests.debates.conftest import winning_form

OTHER_TEAMS = {
    "Baiterek": ["Erlan", "Farida", "Gani"],
    "Dala Voices": ["Laura", "Murat", "Nurlan"],
    "Emerald Steppe": ["Olzhas", "Perizat", "Rustem"],
}
ABSENT = ("Caspian Wind", ["Inkar", "Zhanna", "Kairat"])
QUESTION = "What should the judge explain better?"


def _tournament(make, region):
    organizer = make.user(Role.ORGANIZER, login="tabroom-journey", locale="en", region=region)
    details = regional_tournament("Turkistan Open", region)
    tournament = services.create_tournament(organizer, details, utcnow())
    for name, speakers in [*OTHER_TEAMS.items(), ABSENT]:
        services.add_team(tournament, name, None, "", [], speakers)
    for name, rating in (("Saule Judge", 9), ("Timur Judge", 8), ("Absent Judge", 7)):
        services.add_adjudicator(tournament, name, None, rating, None, [], [])
    services.set_tab_settings(tournament, True, True, "bye")
    feedback.set_questions(tournament, [QUESTION])
    motion = Motion(
        key="journey-school-uniforms",
        text={"en": "This house would abolish school uniforms", "kk": "—", "ru": "—"},
    )
    make.db.session.add(motion)
    make.db.session.flush()
    round_ = services.add_round(tournament, DrawType.RANDOM, motion.id, utcnow())
    return organizer, tournament, round_


def _play_the_round(tournament, round_):
    """The tab room's side: the others check in, the draw, its release, the ballots."""
    for team in tournament.teams:
        if team.name in OTHER_TEAMS:
            checkins.set_present(tournament, utcnow(), team=team)
    for judge in tournament.adjudicators:
        if judge.name == "Absent Judge":
            continue
        checkins.set_present(tournament, utcnow(), adjudicator=judge)
    debates = draw_services.generate_draw(round_, utcnow())
    services.release_draw(round_, True)
    return debates


def _decide(debates, tournament, round_):
    for debate in debates:
        chair = debate.chair.adjudicator
        entry = ballots.entry_from_form(tournament.format, winning_form(debate))
        ballots.submit(debate, chair, entry, utcnow())
        ballots.confirm(debate, utcnow(), chair=chair)
    services.release_results(round_, True)


def test_a_team_registers_checks_in_sees_its_room_and_rates_its_judge(
    browser, live_server, make, region
):
    organizer, tournament, round_ = _tournament(make, region)
    base = f"{live_server}/debates/{tournament.id}"
    make.db.session.commit()

    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)

        # the public form: the team, three speakers with their language, the coach's contact
        page.goto(f"{base}/register")
        expect(page.get_by_role("heading", name="Register a team")).to_be_visible()
        page.get_by_label("Team name").fill("Astana Owls")
        for number, (name, language) in enumerate(
            (
                ("Aida", "Kazakh-language"),
                ("Bolat", "Kazakh-language"),
                ("Dana", "Russian-language"),
            ),
            start=1,
        ):
            page.get_by_label(f"Speaker {number}", exact=True).fill(name)
            page.get_by_label(f"Language of speaker {number}").select_option(label=language)
        page.get_by_label("Contact person").fill("Aigerim Coach")
        page.get_by_label("Contact e-mail").fill("coach@example.kz")
        page.get_by_role("button", name="Register the team").click()

        # the private page: a secret link of its own, and check-in for round 1
        expect(page.get_by_text("Team Astana Owls is registered.")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/team/\d+/[\w-]+$"))
        expect(page.get_by_role("heading", name="Astana Owls")).to_be_visible()
        expect(page.get_by_text("No draw has been released yet.")).to_be_visible()
        page.get_by_role("button", name="Check in for round 1").click()
        expect(page.get_by_text("You are checked in for round 1.").first).to_be_visible()

        make.db.session.rollback()
        owls = make.db.session.scalar(sa.select(Team).where(Team.name == "Astana Owls"))
        assert [s.category for s in owls.speakers] == ["kk", "kk", "ru"]
        debates = _play_the_round(tournament, round_)
        drawn = {side.team.name for debate in debates for side in debate.sides}
        assert drawn == {"Astana Owls", *OTHER_TEAMS}  # Caspian Wind did not check in
        seated = {seat.adjudicator.name for debate in debates for seat in debate.panel}
        assert seated == {"Saule Judge", "Timur Judge"}
        ours = next(d for d in debates if "Astana Owls" in {s.team.name for s in d.sides})
        chair = ours.chair.adjudicator.name
        side = "Proposition" if ours.sides[0].team.name == "Astana Owls" else "Opposition"
        make.db.session.commit()

        # the released draw: the room, the side, the opponents and the motion
        page.reload()
        expect(page.locator(".team-room")).to_have_text(f"Room {ours.sequence}")  # no venues
        expect(page.locator(".team-side")).to_have_text(side)
        expect(page.get_by_text("This house would abolish school uniforms")).to_be_visible()
        expect(page.get_by_role("button", name="Send the feedback")).to_have_count(0)

        _decide(debates, tournament, round_)
        make.db.session.commit()

        # after the round: the result, and the feedback form on the chair
        page.reload()
        expect(page.locator(".team-result")).to_contain_text("You")
        form = page.get_by_role("form", name=f"Feedback on {chair}")
        form.get_by_label("Score (1: poor, 5: excellent)").select_option("4")
        form.get_by_label(QUESTION).fill("The reasons for the decision")
        form.get_by_role("button", name="Send the feedback").click()
        expect(page.get_by_text(f"Thank you: your feedback on {chair} is saved.")).to_be_visible()
        make.db.session.rollback()
        given = make.db.session.scalars(sa.select(Feedback)).all()
        assert [(row.from_team_id, row.score) for row in given] == [(owls.id, 4)]
        make.db.session.rollback()

        # the tab room: the motion's statistics, and the feedback on the chair
        page.goto(live_server + "/login")
        page.get_by_label("Login").fill(organizer.login)
        page.get_by_label("Password").fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Log in").click()
        page.goto(f"{base}/motions")
        stats = page.locator("table.motion-stats")
        expect(stats.locator("caption")).to_contain_text("2 rooms so far")
        expect(stats.locator("tbody td")).to_have_text(["100%", "0%"])
        page.goto(f"{base}/feedback")
        expect(page.get_by_text("The reasons for the decision")).to_be_visible()
    finally:
        context.close()
