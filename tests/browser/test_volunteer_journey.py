"""Journey: an eligible student applies to volunteer in Kazakh; the organizer of the region
accepts and activates the application; the student sees the notification and the status;
the volunteer logs an activity, the organizer confirms it, and the points appear."""

from datetime import timedelta

from playwright.sync_api import expect

from app.core.access import Role
from app.core.time import utcnow
from app.gamification.models import PointSource
from app.gamification.services import award
from app.i18n import _
from app.volunteers.models import Status
from app.volunteers.services import STATUS_NOTICES
from tests.conftest import PASSWORD


def sign_in(page, live_server, login: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Кіру").click()


def test_student_becomes_a_volunteer_and_earns_points(
    browser, page, live_server, make, region, in_language
):
    school = make.institution(region)
    student = make.user(
        Role.STUDENT, login="aruzhan", locale="kk", institution=school, birth_year=2004
    )
    make.user(Role.ORGANIZER, login="marat", locale="en", region=region)
    award(student.id, PointSource.CORRECTION, "warm-up", "earlier work", amount=600)
    for number in range(2):
        award(student.id, PointSource.EVENT_CHECKIN, f"event:{number}", "an event")
    make.db.session.commit()
    with in_language("kk"):  # what the student reads
        accepted_notice = _(STATUS_NOTICES[Status.ACCEPTED])
        active_label = str(Status.ACTIVE.label)

    # the student, in Kazakh
    sign_in(page, live_server, "aruzhan")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.locator(".volunteer-invitation a[role=button]").click()
    page.locator("a[href='/volunteer/apply']").click()
    page.locator("input[name=direction][value=public_control]").check()
    page.locator("[name=motivation]").fill("Жолдардың сапасын тексергім келеді.")
    page.locator("[name=phone]").fill("8 701 234 56 78")
    page.locator("[name=email]").fill("aruzhan@example.kz")
    page.locator("[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server + "/volunteer")

    # the organizer, in English, in another browser
    office = browser.new_context(locale="kk-KZ")  # the sign-in page; then his own English
    desk = office.new_page()
    desk.set_default_timeout(10_000)
    sign_in(desk, live_server, "marat")
    desk.goto(live_server + "/volunteer/queue")
    desk.locator("a[href^='/volunteer/applications/']").first.click()
    expect(desk.get_by_text("+77012345678")).to_be_visible()
    for status in ("in_review", "accepted", "active"):
        desk.get_by_label("New status").select_option(status)
        desk.get_by_role("button", name="Change the status").click()
        expect(desk.get_by_text("The status has been changed.")).to_be_visible()

    # the student sees the notification and the status
    page.goto(live_server + "/notifications")
    expect(page.get_by_text(accepted_notice)).to_be_visible()
    page.goto(live_server + "/volunteer")
    expect(page.locator(".volunteer-status")).to_contain_text(active_label)

    # the volunteer logs a monitoring visit
    page.locator("a[href='/volunteer/activities/new']").click()
    page.locator("[name=kind]").select_option("monitoring_visit")
    page.locator("[name=object_type]").select_option("road_repair")
    page.locator("[name=held_on]").fill((utcnow() - timedelta(days=1)).date().isoformat())
    page.locator("[name=place]").fill("Абай даңғылы")
    page.locator("[name=savings_tenge]").fill("250000")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server + "/volunteer")

    # the organizer confirms it
    desk.goto(live_server + "/volunteer/activities/review")
    expect(desk.get_by_text("Абай даңғылы", exact=False)).to_be_visible()
    desk.get_by_role("button", name="Confirm").click()
    expect(desk.get_by_text("The activity has been reviewed.")).to_be_visible()
    office.close()

    # the points appear on the student's home page: 600 + 2 events × 100 + 200 for the activity
    page.goto(live_server + "/")
    expect(page.locator(".progress-card")).to_contain_text("1000")
