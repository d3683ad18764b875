"""Journey: before a briefing, a regional organizer opens the dashboard in Kazakh, sees the
charts and their tables, narrows it to this month, and downloads the schools' table."""

import csv
import io
from pathlib import Path

from playwright.sync_api import expect

from app.core.access import Role
from app.core.time import ALMATY, utcnow
from app.dashboard.periods import month_period
from app.events.models import CheckInMethod
from app.events.services import check_in
from app.i18n import _, pgettext
from app.quizzes.models import Answer, Attempt
from tests.browser.conftest import site_menu
from tests.conftest import PASSWORD


def sign_in(page, live_server, login: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server + "/")  # signed in: the home page, not the login page


def test_an_organizer_reads_the_region_dashboard(page, live_server, make, region, in_language):
    school = make.institution(region, "Astana School No. 7")
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher=teacher)
    students = [make.user(Role.STUDENT, institution=school) for _ in range(5)]
    klass.students.extend(students)
    make.db.session.commit()
    event = make.event(teacher, klass)
    for student in students[:2]:
        check_in(event, student, CheckInMethod.MANUAL, utcnow(), by=teacher)
    quiz = make.quiz()
    question = next(q for q in quiz.current_version.questions if q.type != "poll")
    for student in students:
        attempt = Attempt(user_id=student.id, version_id=quiz.current_version.id)
        make.db.session.add(attempt)
        make.db.session.flush()
        make.db.session.add(
            Answer(
                attempt_id=attempt.id,
                question_id=question.id,
                chosen=[],
                is_correct=False,
                points=0,
            )
        )
    make.db.session.commit()
    make.user(Role.ORGANIZER, login="saule", locale="kk", region=region)
    month = month_period(utcnow().astimezone(ALMATY).date())
    with in_language("kk"):
        heading, check_ins = _("Dashboard"), pgettext("dashboard figure", "Check-ins")

    sign_in(page, live_server, "saule")
    site_menu(page).get_by_role("link", name=heading).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.locator("h1")).to_contain_text(region.name["kk"])
    expect(page.locator("figure.chart svg")).to_have_count(4)
    expect(page.locator("figure.chart svg rect").first).to_be_attached()
    row = page.locator("#table-heading ~ div table tbody tr", has_text="Astana School No. 7")
    expect(row).to_be_visible()

    page.locator("select[name=period]").select_option(month.key)
    page.locator("form.dashboard-filter button[type=submit]").click()
    expect(page).to_have_url(f"{live_server}/dashboard?region={region.code}&period={month.key}")
    figure = page.locator(".figure-card", has_text=check_ins)
    expect(figure.locator(".big-figure")).to_have_text("2")
    hardest = page.locator("#learning-heading ~ div table", has_text=question.text["kk"][:30])
    expect(hardest.locator("td").last).to_have_text("100%")  # five answers, all wrong

    with page.expect_download() as download:
        page.locator("#table-heading ~ p a[download]").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    schools = {row[0]: row for row in rows[1:]}
    assert schools["Astana School No. 7"][1] == "2"  # two active students this month
