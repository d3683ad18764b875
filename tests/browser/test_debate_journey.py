"""Journey: an organizer's WSDC tournament has its first round drawn and released; the
public standings show every team at zero; the chair of the top room opens their private
ballot link, is told that a winner with fewer points than the loser is no ballot (nothing is
saved), submits a valid ballot and confirms the result; the standings then rank the winner
first with one win."""

import sqlalchemy as sa
from playwright.sync_api import expect

from app.core.access import Role
from app.core.time import utcnow
from app.debates import draw_services, links, services
from app.debates.models import Ballot, DrawType
from tests.conftest import regional_tournament

TEAMS = {
    "Astana Owls": ["Aida", "Bolat", "Dana"],
    "Baiterek": ["Erlan", "Farida", "Gani"],
    "Caspian Wind": ["Inkar", "Zhanna", "Kairat"],
    "Dala Voices": ["Laura", "Murat", "Nurlan"],
}
WINNER_SCORES = (75, 74, 73, 37.5)  # first, second and third speakers, then the reply
LOSER_SCORES = (70, 71, 72, 36)


def fill_ballot(page, winner: int) -> None:
    """Every score of the WSDC ballot: ``winner``'s side (0 or 1) gets WINNER_SCORES."""
    for position, side in enumerate(("Proposition", "Opposition")):
        scores = WINNER_SCORES if position == winner else LOSER_SCORES
        for role, score in zip(("First", "Second", "Third"), scores[:3], strict=True):
            speech = page.get_by_role("group", name=f"{side} — {role} speaker")
            speech.get_by_label("Score").fill(str(score))
        page.get_by_role("group", name=f"Reply: {side}").get_by_label("Score").fill(str(scores[3]))


def standings_cells(page, team: str):
    row = page.locator("table.standings tbody tr").filter(has_text=team)
    return row.locator("td")


def test_a_chair_submits_a_ballot_and_the_standings_update(browser, live_server, make, region):
    organizer = make.user(Role.ORGANIZER, login="tabroom", locale="en", region=region)
    details = regional_tournament("Astana Open", region)
    tournament = services.create_tournament(organizer, details, utcnow())
    for name, speakers in TEAMS.items():
        school = make.institution(region, name=f"{name} School")
        services.add_team(tournament, name, school.id, "", [], speakers)
    for name, rating in (("Saule Judge", 9), ("Timur Judge", 8)):
        services.add_adjudicator(tournament, name, None, rating, None, [], [])
    round_ = services.add_round(tournament, DrawType.RANDOM, None, None)
    debates = draw_services.generate_draw(round_, utcnow())
    services.release_draw(round_, True)
    services.release(tournament, "standings_released", True)

    top = min(debates, key=lambda debate: debate.sequence)
    chair = top.chair.adjudicator
    proposition, opposition = (side.team.name for side in top.sides)
    token = links.ballot_token(tournament.ballot_secret, top.id, chair.id)
    ballot_url = f"{live_server}/ballot/{top.id}/{chair.id}/{token}"
    standings_url = f"{live_server}/debates/{tournament.id}/standings"
    debate_id, room = top.id, top.sequence  # no venues: the ballot names the room "Room 1"
    make.db.session.commit()

    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)

        # the public standings before any result: every team at zero, tied first
        page.goto(standings_url)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", name="Team standings")).to_be_visible()
        expect(page.locator("table.standings tbody tr")).to_have_count(len(TEAMS))
        expect(standings_cells(page, opposition)).to_have_text(
            ["1=", opposition, f"{opposition} School", "0", "0", "0", "0"]
        )

        # the chair's private link: the ballot, speakers pre-filled in role order
        page.goto(ballot_url)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Ballot: Room {room}")
        expect(page.get_by_text(f"{chair.name} (chair)")).to_be_visible()
        first_opposition = page.get_by_role("group", name="Opposition — First speaker")
        expect(first_opposition.get_by_label("Speaker").locator("option:checked")).to_have_text(
            TEAMS[opposition][0]
        )
        third_proposition = page.get_by_role("group", name="Proposition — Third speaker")
        expect(third_proposition.get_by_label("Speaker").locator("option:checked")).to_have_text(
            TEAMS[proposition][2]
        )

        # the Opposition speaks better, but the chair ticks the Proposition: refused
        fill_ballot(page, winner=1)
        page.get_by_label(f"{proposition} won").check()
        page.get_by_role("button", name="Submit the ballot").click()
        error = page.get_by_role("alert").filter(has_text="The ballot was not saved")
        expect(error).to_contain_text(
            "The winner, Proposition, has fewer points than the loser. "
            "Check the scores or the result."
        )
        expect(page.locator(".ballot-summary")).to_have_count(0)
        expect(page.get_by_role("button", name="Confirm the result")).to_have_count(0)
        make.db.session.rollback()
        saved = make.db.session.scalar(
            sa.select(sa.func.count()).select_from(Ballot).where(Ballot.debate_id == debate_id)
        )
        make.db.session.rollback()
        assert saved == 0
        # the form keeps what was typed
        expect(
            page.get_by_role("group", name="Opposition — First speaker").get_by_label("Score")
        ).to_have_value("75")

        # the right result this time
        fill_ballot(page, winner=1)
        page.get_by_label(f"{opposition} won").check()
        page.get_by_role("button", name="Submit the ballot").click()
        expect(page.get_by_text("Thank you: your ballot has been submitted.")).to_be_visible()
        summary = page.locator(".ballot-summary")
        expect(summary.locator("tbody tr").filter(has_text=opposition)).to_contain_text("259.5")
        expect(summary.locator("tbody tr").filter(has_text=f"{opposition} ✓")).to_have_count(1)
        expect(page.get_by_text("1 of 1 adjudicator has submitted.")).to_be_visible()

        page.get_by_role("button", name="Confirm the result").click()
        expect(page.get_by_text("The result has been confirmed. Thank you!")).to_be_visible()
        expect(page.get_by_text("The result of this debate is confirmed.")).to_be_visible()
        expect(page.get_by_role("button", name="Submit the ballot")).to_have_count(0)

        # the public standings now rank the winner first with one win
        page.goto(standings_url)
        rows = page.locator("table.standings tbody tr")
        expect(rows.first.locator("td")).to_have_text(
            ["1", opposition, f"{opposition} School", "1", "259.5", "10.5", "0"]
        )
        expect(standings_cells(page, proposition)).to_have_text(
            ["2", proposition, f"{proposition} School", "0", "249", "-10.5", "1"]
        )
    finally:
        context.close()
