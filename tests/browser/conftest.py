"""Browser tests: Debian's Chromium driven by Playwright against the app served on 127.0.0.1.

They skip, saying why, when Playwright or /usr/bin/chromium is missing (a bare laptop);
.ci/run installs Chromium so CI always runs them.
"""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
# Chromium on a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(spawn_app):
    """The app with CSRF on, as in production, on the test database, in a thread."""
    served = spawn_app(WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser profile per test, on a phone-sized screen, in Kazakh."""
    context = browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def open_lobby(browser, live_server, login: str, quiz_id: int, viewport=None):
    """A teacher's projector: signed in (English), a live game's lobby open; returns the
    page and the game's PIN."""
    options = {"locale": "en-US", **({"viewport": viewport} if viewport else {})}
    projector = browser.new_context(**options).new_page()
    projector.set_default_timeout(15_000)
    projector.goto(live_server + "/login")
    projector.get_by_label("Login").fill(login)
    projector.get_by_label("Password").fill(PASSWORD)
    projector.locator("main").get_by_role("button", name="Log in").click()
    projector.goto(f"{live_server}/live/new/{quiz_id}")
    projector.get_by_role("button", name="Open the lobby").click()
    return projector, projector.locator(".live-pin").inner_text().strip()


def join_phones(browser, live_server, pin: str, players: dict, viewport=None) -> dict:
    """One phone per player ({locale: (nickname, language)}), each joined and waiting in the
    lobby; returns {language: page}."""
    from playwright.sync_api import expect  # imported here: Playwright may be missing (skip)

    phones = {}
    for locale, (nickname, language) in players.items():
        phone = browser.new_context(
            locale=locale, viewport=viewport or {"width": 390, "height": 844}
        ).new_page()
        phone.set_default_timeout(15_000)
        phone.goto(live_server + "/join")
        phone.locator("#pin").fill(pin)
        phone.locator("#nickname").fill(nickname)
        phone.locator("main form button[type=submit]").click()
        expect(phone.locator("[data-view=lobby]")).to_be_visible()
        phones[language] = phone
    return phones


def site_menu(page):
    """The site's menu, opened first where it is folded behind the Menu button (a phone).
    menu.js shows the button and folds the menu when the document is parsed: wait for that,
    or a page still loading shows neither and the menu folds away after we looked."""
    page.wait_for_load_state("domcontentloaded")
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return page.locator("#site-menu")
