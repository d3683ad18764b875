"""Journey: a teacher creates an event for their class and opens its projector page; a
student follows the check-in link on it (signing in on the way) and is checked in; the
attendance list shows the student; the scanner page checks a second student in by hand."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from app.core.access import Role
from app.core.time import ALMATY, utcnow
from tests.browser.conftest import site_menu
from tests.conftest import PASSWORD


def sign_in(page, live_server, login: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Кіру").click()
    page.wait_for_url(live_server + "/")  # signed in: the home page, not the login page


def test_teacher_runs_check_in_and_a_student_checks_in(browser, page, live_server, make, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, login="gulnar", locale="en", institution=school)
    klass = make.school_class(school, name="9А", teacher=teacher)
    student = make.user(Role.STUDENT, login="dana", full_name="Dana Omarova", institution=school)
    latecomer = make.user(Role.STUDENT, full_name="Timur Akhmetov", institution=school)
    klass.students.extend([student, latecomer])
    make.db.session.commit()

    sign_in(page, live_server, "gulnar")
    site_menu(page).get_by_role("link", name="Events").first.click()
    page.get_by_role("button", name="New event").click()  # a link styled as a button
    now = utcnow().astimezone(ALMATY)
    page.get_by_label("Title (in English)").fill("Integrity Hour: honest exams")
    page.get_by_label("Starts").fill((now - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ends").fill((now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Venue").fill("Assembly hall")
    page.get_by_label("9А").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The event has been created.")).to_be_visible()

    page.get_by_role("button", name="Projector: check-in code").click()
    qr = page.get_by_role("link", name="QR code for checking in")
    expect(qr.locator("svg")).to_be_visible()
    expect(page.locator("[data-field=code]")).to_have_text(re.compile(r"^\d{3} \d{3}$"))
    check_in_link = qr.get_attribute("href")

    phone = browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844})
    student_page = phone.new_page()
    student_page.set_default_timeout(10_000)
    student_page.goto(check_in_link)  # what the camera app opens
    student_page.get_by_label("Логин").fill("dana")
    student_page.get_by_label("Құпиясөз").fill(PASSWORD)
    student_page.locator("main").get_by_role("button", name="Кіру").click()
    student_page.get_by_role("button", name="Check me in").click()
    expect(student_page.get_by_text("You are checked in. Welcome!")).to_be_visible()
    expect(student_page.get_by_text("+100 points for attending.")).to_be_visible()
    phone.close()

    expect(page.locator("[data-field=checked-in]")).to_have_text("1", timeout=15_000)
    page.get_by_role("link", name="Attendance").click()
    attendance = page.locator("table.attendance")
    expect(attendance).to_contain_text("Dana Omarova")
    expect(attendance).to_contain_text("QR code on the screen")

    page.get_by_role("link", name="Scanner").click()
    expect(page.get_by_label("Student's card code")).to_be_visible()
    page.get_by_role("button", name="Check in Timur Akhmetov").click()
    expect(page.get_by_text("Timur Akhmetov: Checked in at")).to_be_visible()
    expect(page.locator(".event-roster")).to_contain_text("Checked in by staff")
