"""Journey: a student signs up with a join code in Kazakh, switches to Russian, logs out
and logs in again, and the site stays in Russian."""

import re

from playwright.sync_api import expect

from app.core.access import Role
from tests.browser.conftest import site_menu

PASSWORD = "my-secret-pass-1"


def test_student_signs_up_in_kazakh_switches_to_russian_and_logs_in_again(
    page, live_server, make, region
):
    school = make.institution(region, name="№ 12 мектеп-лицей")
    make.school_class(
        school, teacher=make.user(Role.TEACHER, institution=school), name="9А", join_code="K7PM2Q"
    )

    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.get_by_role("button", name="Мен оқушымын: сыныбыма қосылу").click()

    page.get_by_label("Сыныптың қосылу коды").fill("k7pm2q")
    page.get_by_label("Логин (электрондық пошта немесе пайдаланушы аты)").fill("aruzhan")
    page.get_by_label("Көрсетілетін ат (барлығына көрінеді)").fill("Аружан")
    page.get_by_label("Толық аты-жөні (оны тек мұғалімдеріңіз көреді)").fill("Аружан Серікқызы")
    page.get_by_label("Туған жылы").fill("2011")
    page.get_by_label("Құпиясөз", exact=True).fill(PASSWORD)
    page.get_by_label("Құпиясөзді қайталаңыз").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Тіркелу").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Сәлеметсіз бе, Аружан!")
    expect(page.get_by_text("9А — № 12 мектеп-лицей")).to_be_visible()

    page.get_by_role("button", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Здравствуйте, Аружан!")

    site_menu(page).get_by_role("button", name="Выйти").click()
    expect(page.get_by_text("Вы вышли из системы.")).to_be_visible()
    site_menu(page).get_by_role("link", name="Войти").first.click()
    page.get_by_label("Логин").fill("aruzhan")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Войти").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Здравствуйте, Аружан!")
