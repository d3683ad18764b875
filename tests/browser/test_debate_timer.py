"""Journey: the tab room opens a Karl Popper round's projector; the speech timer counts the
first speech down, and "Next" moves to the cross-examination, marked as such."""

import re

from playwright.sync_api import expect

from app.core.access import Role
from app.core.time import utcnow
from app.debates import draw_services, services
from app.debates.models import DrawType
from tests.browser.test_event_journey import sign_in
from tests.conftest import regional_tournament


def test_the_projector_times_speeches_and_cross_examinations(page, live_server, make, region):
    organizer = make.user(Role.ORGANIZER, login="popper-tab", locale="en", region=region)
    details = regional_tournament("Popper Cup", region, "karl_popper")
    tournament = services.create_tournament(organizer, details, utcnow())
    for number in range(2):
        school = make.institution(region, name=f"School {number}")
        services.add_team(tournament, f"Team {number}", school.id, "", [], ["A", "B", "C"])
    draw_services.generate_draw(
        services.add_round(tournament, DrawType.RANDOM, None, None), utcnow()
    )
    make.db.session.commit()

    sign_in(page, live_server, "popper-tab")
    page.goto(f"{live_server}/debates/{tournament.id}/rounds/1/projector")
    timer = page.locator(".debate-timer")
    expect(timer.locator(".timer-clock")).to_have_text("6:00")
    expect(timer.locator(".timer-period")).to_contain_text("Affirmative — First speaker")
    timer.get_by_role("button", name="Start", exact=True).click()
    expect(timer.locator(".timer-clock")).to_have_text(re.compile(r"^5:5\d$"), timeout=5_000)
    timer.get_by_role("button", name="Next", exact=True).click()
    expect(timer).to_have_class(re.compile(r"\bis-cross\b"))
    expect(timer.locator(".timer-clock")).to_have_text("3:00")
    expect(timer.locator(".timer-period")).to_contain_text(
        "Cross-examination Negative — Third speaker asks Affirmative — First speaker"
    )
    current = timer.locator('li[aria-current="step"]')
    expect(current).to_have_class(re.compile("period-cross_examination"))
