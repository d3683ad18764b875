"""Journey, keyboard only: a student on a phone signs in, opens the menu, finds the library,
starts a quiz and plays it to the result with Tab, Shift+Tab, Space, Enter and typing alone —
no click, no pointer — and every control they land on shows where the focus is."""

from playwright.sync_api import expect

from app.core.access import Role
from tests.browser.test_phone_width import PHONE
from tests.conftest import PASSWORD

MAX_TABS = 80  # a page's whole tab order, with room to spare

FOCUSED_MATCHES = "(selector) => document.activeElement && document.activeElement.matches(selector)"
FOCUS_IS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return document.activeElement.matches(":focus-visible") &&
    (style.outlineStyle !== "none" || style.boxShadow !== "none");
}"""


def tab_to(page, selector: str) -> None:
    """Press Tab until the focus is on an element matching ``selector``."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_MATCHES, selector):
            assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {selector}"
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_a_student_plays_a_quiz_with_the_keyboard_alone(browser, live_server, make):
    quiz = make.quiz("reporting-corruption")
    make.user(Role.STUDENT, login="dana", locale="en")
    questions = quiz.current_version.questions
    page = browser.new_context(locale="en-US", viewport=PHONE).new_page()

    page.goto(live_server + "/login")
    tab_to(page, "#login")
    page.keyboard.type("dana")
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/")

    tab_to(page, ".menu-toggle")
    page.keyboard.press("Enter")
    tab_to(page, "#site-menu a[href='/quizzes']")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/quizzes")

    tab_to(page, f"form[action='/quizzes/{quiz.slug}/start'] button")
    page.keyboard.press("Enter")
    for number in range(1, len(questions) + 1):
        expect(page.get_by_text(f"Question {number} of {len(questions)}")).to_be_visible()
        tab_to(page, "input[name=choice]")
        page.keyboard.press("Space")  # a radio or a checkbox: Space chooses it
        tab_to(page, "main form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator(".explanation")).to_be_visible()
        tab_to(page, "main a[role=button]")  # "Next question", or "See the result" at the end
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Review")).to_be_visible()
