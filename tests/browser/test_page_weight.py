"""What a phone downloads for the first view of a page, cold cache: the HTML and everything
it pulls in (CSS, scripts, fonts, images), each text file gzipped as nginx sends it
(gzip_comp_level 1, its default), must stay within 100 KB; and no request leaves the site.

Run with -s to print each page's weight for bench/RESULTS.md:
    .venv/bin/python -m pytest tests/browser/test_page_weight.py -s -q
"""

import gzip
from urllib.parse import urlsplit

from playwright.sync_api import expect

from app.core.access import Role
from tests.browser.conftest import join_phones, open_lobby
from tests.browser.test_phone_width import PHONE, signed_in_page

BUDGET_KB = 100
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


def sent_size(content_type: str, body: bytes) -> int:
    if content_type.startswith(COMPRESSED):
        return len(gzip.compress(body, compresslevel=1))
    return len(body)


class Downloads:
    """Every response a page receives, by URL: (content type, bytes on the wire)."""

    def __init__(self, page):
        self.sizes: dict[str, tuple[str, int]] = {}
        self.requested: list[str] = []  # answered or not: a call to another site may fail
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("response", self._record)

    def _record(self, response) -> None:
        content_type = response.headers.get("content-type", "")
        if content_type.startswith("text/event-stream") or response.status in (204, 304):
            return  # the live stream is not part of the page; a 304 sends no body
        self.sizes[response.url] = (content_type, sent_size(content_type, response.body()))

    def kilobytes(self) -> float:
        return sum(size for _type, size in self.sizes.values()) / 1024

    def foreign(self, site: str) -> list[str]:
        return [url for url in self.requested if urlsplit(url).netloc != urlsplit(site).netloc]


def weigh(page, url: str) -> Downloads:
    downloads = Downloads(page)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return downloads


def test_first_views_of_the_student_pages_stay_within_the_budget(browser, live_server, make):
    make.user(Role.STUDENT, login="student-kk", locale="kk")
    make.quiz("what-is-corruption")
    weights = {}
    for path in ("/join", "/login"):
        visitor = browser.new_context(locale="kk-KZ", viewport=PHONE)  # a cold cache each
        weights[path] = weigh(visitor.new_page(), live_server + path)
    session = signed_in_page(browser, live_server, "student-kk").context.cookies()
    for path in ("/", "/quizzes", "/profile", "/leaderboards", "/events"):
        student = browser.new_context(locale="kk-KZ", viewport=PHONE)
        student.add_cookies(session)
        weights[path] = weigh(student.new_page(), live_server + path)
    report(weights, live_server)


def test_the_live_phone_page_stays_within_the_budget(browser, live_server, make):
    make.user(Role.TEACHER, login="host", locale="en")
    quiz = make.quiz("what-is-corruption")
    projector, pin = open_lobby(browser, live_server, "host", quiz.id)
    phones = join_phones(browser, live_server, pin, {"kk-KZ": ("Айгерім", "kk")}, viewport=PHONE)
    play_url = phones["kk"].url
    fresh = browser.new_context(locale="kk-KZ", viewport=PHONE)
    fresh.add_cookies(phones["kk"].context.cookies())
    page = fresh.new_page()
    downloads = weigh(page, play_url)
    expect(page.locator("[data-view=lobby]")).to_be_visible()
    report({"/live/play/<game>": downloads}, live_server)
    projector.context.close()


def report(weights: dict[str, Downloads], site: str) -> None:
    for path, downloads in weights.items():
        print(f"{path:24} {downloads.kilobytes():6.1f} KB in {len(downloads.sizes)} files")
    assert {path: d.foreign(site) for path, d in weights.items() if d.foreign(site)} == {}
    over = {path: round(d.kilobytes(), 1) for path, d in weights.items()}
    assert {path: kb for path, kb in over.items() if kb > BUDGET_KB} == {}, over
