"""The projector fits the projector: at 1366 × 768 and 1920 × 1080 the host's screen needs no
scrolling in the lobby (30 players), during a question, at the reveal and on the podium, with
the start and next buttons on screen, and no site menu above the game."""

import pytest
from playwright.sync_api import expect

from app.core.access import Role
from app.live import services as live
from app.quizzes.editor import QuizDetails, create_quiz
from tests.browser.conftest import join_phones, open_lobby
from tests.live.conftest import live_questions, trilingual

SCREENS = [{"width": 1366, "height": 768}, {"width": 1920, "height": 1080}]
PLAYERS = {"en-US": ("Sam", "en")}

SCROLLS = "() => document.documentElement.scrollHeight > innerHeight + 1"


def fits(page, *visible) -> None:
    assert not page.evaluate(SCROLLS), page.evaluate("document.documentElement.scrollHeight")
    for locator in visible:
        box = locator.bounding_box()
        assert box and box["y"] + box["height"] <= page.viewport_size["height"], box


@pytest.mark.parametrize(
    "screen", SCREENS, ids=lambda screen: f"{screen['width']}x{screen['height']}"
)
def test_every_phase_fits_the_projector(browser, live_server, make, screen):
    teacher = make.user(Role.TEACHER, login="host", locale="en")
    details = QuizDetails(
        title=trilingual("Integrity Hour"), description={}, topic="other", min_grade=5, max_grade=11
    )
    quiz = create_quiz(teacher.id, details, live_questions()[:1])
    projector, pin = open_lobby(browser, live_server, "host", quiz.id, viewport=screen)
    expect(projector.locator("#site-menu")).to_have_count(0)
    phones = join_phones(browser, live_server, pin, PLAYERS)
    game = live.open_game_by_pin(pin)
    for number in range(2, 31):  # a class of thirty, the rest joined without a browser
        live.join(game, f"Player {number:02d}", "kk")
    expect(projector.locator("[data-field=count]")).to_have_text("30")
    fits(projector, projector.get_by_role("button", name="Start the game"))

    projector.get_by_role("button", name="Start the game").click()
    expect(projector.locator("[data-view=question]")).to_be_visible()
    fits(projector, projector.locator("[data-field=countdown]"))

    phones["en"].locator("[data-view=question] .live-choice").first.click()
    projector.get_by_role("button", name="End the question now").click()
    expect(projector.locator("[data-view=reveal]")).to_be_visible()
    fits(projector, projector.get_by_role("button", name="Show the podium"))

    projector.get_by_role("button", name="Show the podium").click()
    expect(projector.get_by_role("heading", name="Podium")).to_be_visible()
    fits(projector)
    projector.context.close()
    phones["en"].context.close()
