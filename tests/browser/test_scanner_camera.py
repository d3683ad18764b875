"""The staff scanner's camera on every phone (issue 24): where the browser has no
BarcodeDetector (iPhones, Firefox) the vendored jsQR decoder reads a real QR code from the
camera; where it has one, that one is used and jsQR is never downloaded.

The camera is Chromium's fake capture device playing a video of the student's card."""

import pytest
import segno
from playwright.sync_api import expect

from app.accounts.cards import card_code
from app.core.access import Role
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import PASSWORD

WIDTH, HEIGHT = 640, 480
NO_DETECTOR = "Object.defineProperty(window, 'BarcodeDetector', {value: undefined});"
# A detector as Android's Chrome has, answering the card it is told to see.
STUB_DETECTOR = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["qr_code"]); }
  detect() { return Promise.resolve([{rawValue: window.__card}]); }
};
"""


def write_qr_video(text: str, path) -> None:
    """A few Y4M frames (what Chromium's fake camera plays) of ``text`` as a QR code, black
    on white in the middle of the picture."""
    rows = [list(row) for row in segno.make(text, error="m").matrix_iter(scale=1, border=4)]
    scale = (HEIGHT - 40) // len(rows)
    left, top = (WIDTH - len(rows) * scale) // 2, (HEIGHT - len(rows) * scale) // 2
    luma = bytearray(b"\xff" * WIDTH * HEIGHT)
    for y, row in enumerate(rows):
        line = b"".join(b"\x00" * scale if dark else b"\xff" * scale for dark in row)
        for dy in range(scale):
            start = (top + y * scale + dy) * WIDTH + left
            luma[start : start + len(line)] = line
    chroma = b"\x80" * (WIDTH // 2) * (HEIGHT // 2)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * 10)


@pytest.fixture
def camera_browser(browser, tmp_path):
    """Chromium with a fake camera showing the QR code written to tmp_path/card.y4m,
    launched by the session's Playwright (a second one cannot run beside it)."""
    video = tmp_path / "card.y4m"
    launched = []

    def launch(text: str):
        write_qr_video(text, video)
        launched.append(
            browser.browser_type.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=[
                    *CHROMIUM_ARGS,
                    "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream",
                    f"--use-file-for-fake-video-capture={video}",
                ],
            )
        )
        return launched[-1]

    yield launch
    for camera in launched:
        camera.close()


def _scanner(camera_browser, live_server, make, region, app, init_script: str):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, login=f"scan-{region.id}", locale="en", institution=school)
    klass = make.school_class(school, teacher=teacher)
    student = make.user(Role.STUDENT, full_name="Timur Akhmetov", institution=school)
    klass.students.append(student)
    make.db.session.commit()
    event = make.event(teacher, klass)
    with app.app_context():
        card = card_code(student)
    browser = camera_browser(card)
    context = browser.new_context(locale="en-US", permissions=["camera"])
    context.add_init_script(init_script + f"\nwindow.__card = {card!r};")
    page = context.new_page()
    page.set_default_timeout(15_000)
    downloads = []
    page.on("request", lambda request: downloads.append(request.url))
    page.goto(live_server + "/login")
    page.get_by_label("Login").fill(teacher.login)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/events/{event.id}/scanner")
    return page, downloads


def test_without_barcode_detector_jsqr_reads_the_card_from_the_camera(
    camera_browser, live_server, make, region, app
):
    page, downloads = _scanner(camera_browser, live_server, make, region, app, NO_DETECTOR)
    expect(page.locator("#event-scanner")).to_have_attribute("data-decoder", "jsqr")
    page.get_by_role("button", name="Start camera").click()
    expect(page.locator(".scan-row.is-checked_in")).to_contain_text("Timur Akhmetov")
    assert any(url.endswith("/static/vendor/jsqr/jsQR.js") for url in downloads)


def test_with_barcode_detector_the_browsers_own_is_used_and_jsqr_never_loads(
    camera_browser, live_server, make, region, app
):
    page, downloads = _scanner(camera_browser, live_server, make, region, app, STUB_DETECTOR)
    expect(page.locator("#event-scanner")).to_have_attribute("data-decoder", "native")
    page.get_by_role("button", name="Start camera").click()
    expect(page.locator(".scan-row.is-checked_in")).to_contain_text("Timur Akhmetov")
    assert not any("jsQR" in url for url in downloads)
