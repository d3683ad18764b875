"""Journey: a student finishes a first quiz, is told about the new badge, looks at their
progress, downloads the badge with its Open Badges assertion baked in, and finds
themselves on the class leaderboard."""

from pathlib import Path

from playwright.sync_api import expect

from app.core.access import Role
from app.gamification import openbadges
from tests.conftest import PASSWORD


def test_student_earns_a_badge_and_finds_it_everywhere(
    page, live_server, make, db, region, tmp_path
):
    quiz = make.quiz("reporting-corruption")
    school = make.institution(region)
    klass = make.school_class(school)
    student = make.user(Role.STUDENT, login="dana", locale="en", display_name="Dana S.")
    student.institution = school
    klass.students.append(student)
    db.session.commit()

    page.goto(live_server + "/login")
    page.get_by_label("Логин").fill("dana")
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Кіру").click()
    page.goto(live_server + "/quizzes")
    page.locator(f"form[action='/quizzes/{quiz.slug}/start'] button").click()
    for number in range(1, len(quiz.current_version.questions) + 1):
        page.locator("input[name=choice]").first.check()
        page.get_by_role("button", name="Answer").click()
        last = number == len(quiz.current_version.questions)
        page.get_by_role("button", name="See the result" if last else "Next question").click()

    expect(page.get_by_text("New badge: First quiz!")).to_be_visible()
    page.get_by_role("link", name="See my progress").click()
    expect(page.get_by_role("heading", name="My progress")).to_be_visible()
    expect(page.get_by_text("1 week in a row")).to_be_visible()
    expect(page.locator(".badge-tile:not(.badge-locked)")).to_contain_text(["First quiz"])

    page.locator("#first-quiz").get_by_role("link", name="Show and share").click()
    expect(page.get_by_role("heading", name="First quiz")).to_be_visible()
    expect(page.get_by_text("Dana S.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the badge").click()
    saved = Path(tmp_path / "badge.svg")
    download.value.save_as(saved)
    assertion = openbadges.unbake_svg(saved.read_text(encoding="utf-8"))
    assert assertion["type"] == "Assertion"
    assert assertion["badge"].endswith("/ob/badges/first-quiz")

    page.goto(live_server + "/leaderboards")
    expect(page.get_by_role("heading", name="Leaderboard")).to_be_visible()
    expect(page.locator("tr.is-me")).to_contain_text("Dana S.")
