"""No page of the journeys scrolls sideways on a 360 px phone, in Kazakh (the longest words):
each role opens the pages it uses, with data in them (a tournament whose standings are
public, an event this month, a class with students), and the document must be no wider
than the screen. A wide table may scroll inside its own region; the page may not."""

import pytest
from playwright.sync_api import expect

from app.core.access import Role
from app.debates import services as debate_services
from app.debates.models import Tournament
from tests.conftest import PASSWORD

PHONE = {"width": 360, "height": 780}

PUBLIC_PAGES = ["/", "/login", "/signup", "/join", "/events", "/events/calendar", "/debates"]
STUDENT_PAGES = ["/", "/quizzes", "/profile", "/leaderboards", "/volunteer", "/account"]
TEACHER_PAGES = ["/", "/classes", "/teach/quizzes", "/dashboard/classes", "/live/games"]
ORGANIZER_PAGES = ["/dashboard", "/debates"]

# The page's width when it is wider than the screen, with the outermost elements that
# stick out (so a failure names what to fix), else null.
WIDER_THAN_THE_SCREEN = """() => {
  const page = document.documentElement, screen = page.clientWidth;
  if (page.scrollWidth <= screen + 1) return null;
  const scrolls = (element) => ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
  const inScrollRegion = (element) => {
    for (let up = element.parentElement; up; up = up.parentElement) if (scrolls(up)) return true;
    return false;
  };
  const culprits = [...document.body.querySelectorAll("*")].filter((element) =>
    element.getBoundingClientRect().right > screen + 1 && !inScrollRegion(element) &&
    element.parentElement.getBoundingClientRect().right <= screen + 1);
  const name = (element) => element.tagName.toLowerCase() +
    (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "");
  return `${page.scrollWidth} px: ${culprits.slice(0, 4).map(name).join(", ")}`;
}"""


def too_wide(page, base: str, paths: list[str]) -> dict[str, str]:
    widths = {}
    for path in paths:
        page.goto(base + path)
        if width := page.evaluate(WIDER_THAN_THE_SCREEN):
            widths[path] = width
    return widths


def signed_in_page(browser, base: str, login: str):
    page = browser.new_context(locale="kk-KZ", viewport=PHONE).new_page()
    page.goto(base + "/login")
    page.locator("#login").fill(login)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")
    return page


@pytest.fixture
def tournament(make, region) -> Tournament:
    organizer = make.user(Role.ORGANIZER, region=region, locale="kk")
    tournament = make.tournament(organizer, region, teams=4)
    round_ = tournament.rounds[0]
    debate_services.release_draw(round_, True)
    debate_services.release(tournament, "standings_released", True)
    return tournament


def test_no_page_of_the_journeys_scrolls_sideways_on_a_phone(
    browser, live_server, make, region, tournament
):
    school = make.institution(region, name="Абай атындағы №1 жалпы білім беретін мектеп-гимназия")
    teacher = make.user(Role.TEACHER, login="teacher-kk", locale="kk", institution=school)
    klass = make.school_class(school, teacher)
    student = make.user(Role.STUDENT, login="student-kk", locale="kk", institution=school)
    klass.students.append(student)
    make.event(teacher, klass)
    make.user(Role.ORGANIZER, login="organizer-kk", locale="kk", region=region)
    debate_pages = [f"/debates/{tournament.id}", f"/debates/{tournament.id}/standings"]
    debate_pages.append(f"/debates/{tournament.id}/rounds/1")

    visitor = browser.new_context(locale="kk-KZ", viewport=PHONE).new_page()
    wide = too_wide(visitor, live_server, PUBLIC_PAGES + debate_pages)
    for login, paths in (
        ("student-kk", STUDENT_PAGES + ["/events/calendar"]),
        ("teacher-kk", TEACHER_PAGES + [f"/classes/{klass.id}"]),
        ("organizer-kk", ORGANIZER_PAGES),
    ):
        page = signed_in_page(browser, live_server, login)
        wide |= {
            f"{login} {path}": width for path, width in too_wide(page, live_server, paths).items()
        }
    assert wide == {}, f"pages wider than a {PHONE['width']} px phone: {wide}"


def test_on_a_phone_the_menu_folds_behind_a_button_and_the_page_starts_near_the_top(
    browser, live_server, make
):
    make.user(Role.STUDENT, login="student-kk", locale="kk")
    page = signed_in_page(browser, live_server, "student-kk")
    menu = page.locator("#site-menu")
    quizzes = menu.get_by_role("link", name="Викториналар")
    expect(quizzes).to_be_hidden()
    assert page.locator("main").bounding_box()["y"] <= 120

    page.get_by_role("button", name="Мәзір").click()
    expect(quizzes).to_be_visible()
    expect(page.get_by_role("button", name="Мәзір")).to_have_attribute("aria-expanded", "true")
    quizzes.click()
    page.wait_for_url(live_server + "/quizzes")


def test_on_a_projector_the_menu_is_open_without_a_button(browser, live_server, make):
    make.user(Role.STUDENT, login="student-kk", locale="kk")
    page = browser.new_context(locale="kk-KZ", viewport={"width": 1366, "height": 768}).new_page()
    page.goto(live_server + "/login")
    expect(page.get_by_role("button", name="Мәзір")).to_be_hidden()
    expect(page.locator("#site-menu").get_by_role("link", name="Кіру")).to_be_visible()
