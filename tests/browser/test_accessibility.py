"""The axe-core audit (WCAG 2.1 A and AA rules) of the journeys' pages: no critical and no
serious violation on the pages a visitor, a student, a teacher and an organizer open, in
Kazakh and Russian on a phone, nor on the live game's phone and projector screens in every
phase. axe-core comes inside the axe-playwright-python package: nothing is downloaded."""

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.core.access import Role
from app.live import services as live
from app.quizzes.editor import QuizDetails, create_quiz
from tests.browser.conftest import join_phones, open_lobby
from tests.browser.test_phone_width import PHONE, signed_in_page
from tests.live.conftest import live_questions, trilingual

axe_package = pytest.importorskip(
    "axe_playwright_python", reason="axe-playwright-python is missing"
)
AXE_SOURCE = Path(axe_package.__file__).with_name("axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"critical", "serious"}

PUBLIC_PAGES = ["/", "/login", "/signup", "/join", "/events", "/events/calendar", "/debates"]
STUDENT_PAGES = ["/", "/quizzes", "/profile", "/leaderboards", "/volunteer", "/account"]
TEACHER_PAGES = ["/", "/classes", "/teach/quizzes", "/dashboard/classes", "/live/games"]
ORGANIZER_PAGES = ["/dashboard", "/teachers/pending", "/institutions"]


def violations(page) -> list[str]:
    """The page's blocking violations, one line each: rule, impact and the first element."""
    page.evaluate(AXE_SOURCE)  # evaluated, not a <script>: the site's CSP forbids inline ones
    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{rule['id']} ({rule['impact']}, {len(rule['nodes'])}×): {rule['nodes'][0]['target']}"
        for rule in results["violations"]
        if rule["impact"] in BLOCKING
    ]


def audit(page, base: str, paths: list[str], who: str) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        page.goto(base + path)
        if problems := violations(page):
            found[f"{who} {path}"] = problems
    return found


def test_the_journeys_pages_have_no_serious_violation(browser, live_server, make, region):
    school = make.institution(region, name="№1 мектеп-гимназия")
    teacher = make.user(Role.TEACHER, login="teacher-kk", locale="kk", institution=school)
    klass = make.school_class(school, teacher)
    student = make.user(Role.STUDENT, login="student-ru", locale="ru", institution=school)
    klass.students.append(student)
    make.event(teacher, klass, starts_in=timedelta(days=1))
    make.user(Role.ORGANIZER, login="organizer-kk", locale="kk", region=region)
    quiz = make.quiz("what-is-corruption")

    visitor = browser.new_context(locale="kk-KZ", viewport=PHONE).new_page()
    found = audit(visitor, live_server, PUBLIC_PAGES, "visitor")
    for login, paths in (
        ("student-ru", STUDENT_PAGES),
        ("teacher-kk", TEACHER_PAGES + [f"/classes/{klass.id}", f"/teach/quizzes/{quiz.id}/guide"]),
        ("organizer-kk", ORGANIZER_PAGES),
    ):
        found |= audit(signed_in_page(browser, live_server, login), live_server, paths, login)
    assert found == {}, found


def test_a_quiz_question_page_has_no_serious_violation(browser, live_server, make):
    make.user(Role.STUDENT, login="student-kk", locale="kk")
    quiz = make.quiz("what-is-corruption")
    page = signed_in_page(browser, live_server, "student-kk")
    page.goto(f"{live_server}/quizzes")
    page.locator(f"form[action='/quizzes/{quiz.slug}/start'] button").click()
    page.wait_for_url("**/attempts/*")
    assert violations(page) == []


def test_the_live_game_screens_have_no_serious_violation_in_any_phase(browser, live_server, make):
    teacher = make.user(Role.TEACHER, login="host", locale="en")
    details = QuizDetails(
        title=trilingual("Integrity Hour"), description={}, topic="other", min_grade=5, max_grade=11
    )
    quiz = create_quiz(teacher.id, details, live_questions()[:1])
    projector, pin = open_lobby(browser, live_server, "host", quiz.id)
    phones = join_phones(browser, live_server, pin, {"kk-KZ": ("Айгерім", "kk")}, viewport=PHONE)
    live.join(live.open_game_by_pin(pin), "Дима", "ru")
    phone = phones["kk"]
    found = {"lobby": violations(projector) + violations(phone)}

    projector.get_by_role("button", name="Start the game").click()
    expect(phone.locator("[data-view=question]")).to_be_visible()
    found["question"] = violations(projector) + violations(phone)

    phone.locator("[data-view=question] .live-choice").first.click()
    projector.get_by_role("button", name="End the question now").click()
    expect(phone.locator("[data-view=reveal]")).to_be_visible()
    found["reveal"] = violations(projector) + violations(phone)

    projector.get_by_role("button", name="Show the podium").click()
    expect(phone.locator("[data-view=podium]")).to_be_visible()
    found["podium"] = violations(projector) + violations(phone)
    assert {phase: problems for phase, problems in found.items() if problems} == {}
