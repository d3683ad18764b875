"""Benchmark: what a question's picture adds to a phone's page.

Part 1, the store. Three source images typical of what teachers upload are put through the
media store (app/media/store.py) and the size of each stored variant is printed:
  - a phone photo, 4000 x 3000 JPEG (smooth gradients with sensor-like noise);
  - a diagram, 1600 x 1200 PNG (flat colours and lines);
  - the worst case, 1500 x 1500 PNG of pure noise (nothing to compress).

Part 2, the phone in a live game, in Debian's Chromium through Playwright. The app (SQLite,
CSRF on) is served on 127.0.0.1; a teacher's projector opens a game of two questions, the
first with the phone photo as its picture, the second without; one phone (390 x 844, kk)
joins. For each question the phone's received bytes are counted (every response's body,
from the question's start until it is on screen with its picture loaded), and the picture's
own response separately. The first visit's page itself (HTML, CSS, scripts) is counted apart.
The question itself arrives on the already open event stream, whose bytes Chromium does not
hand out per response, so a question without a picture counts as 0 here.

    .venv/bin/python bench/image_weight.py

Never a test: figures go in bench/RESULTS.md.
"""

import io
import logging
import random
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import create_app  # noqa: E402
from app.core.access import Role  # noqa: E402
from app.extensions import db  # noqa: E402
from app.media import media_store  # noqa: E402
from app.media.store import VARIANTS  # noqa: E402
from app.quizzes.editor import create_imported_quiz  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, open_lobby  # noqa: E402
from tests.conftest import Factory  # noqa: E402
from tests.live.conftest import trilingual  # noqa: E402


def phone_photo() -> bytes:
    """Something with a photo's detail: hundreds of soft coloured shapes, then sensor noise."""
    rng = random.Random(1)  # noqa: S311 - test pixels, not security
    image = Image.new("RGB", (4000, 3000), "gray")
    draw = ImageDraw.Draw(image)
    for _ in range(600):
        x, y, size = rng.randrange(4000), rng.randrange(3000), rng.randrange(40, 900)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + size, y + size * rng.uniform(0.3, 1.5)), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(6))
    grain = Image.frombytes("RGB", image.size, rng.randbytes(4000 * 3000 * 3))
    return _encoded(Image.blend(image, grain, 0.06), "JPEG", quality=90)


def diagram() -> bytes:
    image = Image.new("RGB", (1600, 1200), "white")
    draw = ImageDraw.Draw(image)
    for step in range(5):
        box = (100 + step * 290, 400, 320 + step * 290, 700)
        draw.rectangle(box, outline="navy", width=8, fill=("#dbeafe", "#fde68a")[step % 2])
        draw.line((box[2], 550, box[2] + 70, 550), fill="black", width=6)
    return _encoded(image, "PNG")


def noise() -> bytes:
    pixels = random.Random(2).randbytes(1500 * 1500 * 3)  # noqa: S311 - test pixels
    return _encoded(Image.frombytes("RGB", (1500, 1500), pixels), "PNG")


def _encoded(image, fmt, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def store_figures(app) -> None:
    print("Part 1: stored sizes (KB)")
    print(f"{'source':<32}{'upload':>10}" + "".join(f"{name:>12}" for name in VARIANTS))
    with app.app_context():
        store = media_store()
        for label, data in (
            ("phone photo 4000x3000 JPEG", phone_photo()),
            ("diagram 1600x1200 PNG", diagram()),
            ("noise 1500x1500 PNG", noise()),
        ):
            key = store.save_image(data).key
            sizes = [store.path_of(key, name).stat().st_size / 1000 for name in VARIANTS]
            print(f"{label:<32}{len(data) / 1000:>10.0f}" + "".join(f"{s:>12.1f}" for s in sizes))


class Received:
    """Body bytes of every response a page receives, and those of media responses."""

    def __init__(self, page):
        self.total = self.media = 0
        page.on("response", self._count)

    def _count(self, response):
        try:
            size = len(response.body())
        except Exception:  # a redirect or an event stream has no body to read
            return
        self.total += size
        if "/media/" in response.url:
            self.media += size

    def take(self) -> tuple[int, int]:
        figures = (self.total, self.media)
        self.total = self.media = 0
        return figures


def phone_figures(app, base: str) -> None:
    with app.app_context():
        make = Factory(db)
        teacher = make.user(Role.TEACHER, login="weight-host", locale="en")
        picture = {"src": "photo.jpg", "alt": trilingual("A hand passing an envelope")}
        questions = [
            {
                "id": f"q{n}",
                "type": "single",
                "text": trilingual(f"Question {n}: which of these is a bribe?"),
                **({"image": picture} if n == 1 else {}),
                "options": [
                    {"id": "a", "text": trilingual("Money for a better mark"), "correct": True},
                    {"id": "b", "text": trilingual("Flowers on Teachers' Day")},
                    {"id": "c", "text": trilingual("A card made by the class")},
                    {"id": "d", "text": trilingual("Thanks said aloud")},
                ],
                "explanation": trilingual("A benefit for an official's act is a bribe"),
                "time_limit": 60,
            }
            for n in (1, 2)
        ]
        quiz = create_imported_quiz(
            teacher.id, "Weight", "en", questions, media={"photo.jpg": phone_photo()}
        )
        quiz_id = quiz.id
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        projector, pin = open_lobby(browser, base, "weight-host", quiz_id)
        phone = browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844})
        page = phone.new_page()
        received = Received(page)
        page.goto(base + "/join")
        page.locator("#pin").fill(pin)
        page.locator("#nickname").fill("Айгерім")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("[data-view=lobby]")).to_be_visible()
        page.wait_for_load_state("networkidle")
        first_visit, _media = received.take()

        projector.get_by_role("button", name="Start the game").click()
        image = page.locator("[data-view=question] [data-field=image]")
        expect(image).to_be_visible()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        page.wait_for_timeout(500)
        with_picture = received.take()

        projector.get_by_role("button", name="End the question now").click()
        expect(page.locator("[data-view=reveal]")).to_be_visible()
        page.wait_for_timeout(500)
        received.take()
        projector.get_by_role("button", name="Next question").click()
        expect(page.locator("[data-view=question] [data-field=question-text]")).to_contain_text("2")
        page.wait_for_timeout(500)
        without_picture = received.take()
        browser.close()

    print("\nPart 2: a phone in a live game, bytes received (KB)")
    print(f"  first visit (join page, lobby, CSS, scripts): {first_visit / 1000:.1f}")
    print(
        f"  question with the photo: {with_picture[0] / 1000:.1f}"
        f" (of which the picture {with_picture[1] / 1000:.1f})"
    )
    print(f"  question without a picture: {without_picture[0] / 1000:.1f}")
    print(f"  the picture adds: {(with_picture[0] - without_picture[0]) / 1000:.1f}")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                "MEDIA_DIR": f"{folder}/media",
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade()
        store_figures(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            phone_figures(app, f"http://127.0.0.1:{server.server_port}")
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
