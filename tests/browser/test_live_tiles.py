"""A live question's answer tiles never cut their text: the four longest options of the whole
curriculum, in Kazakh and in Russian, on a 360 px phone, each tile shows all of its text
and stays on the screen (the tile grows; on a phone the tiles stand in one column)."""

from pathlib import Path

import yaml
from playwright.sync_api import expect

from app.core.access import Role
from app.quizzes.editor import QuizDetails, create_quiz
from tests.browser.conftest import join_phones, open_lobby
from tests.live.conftest import trilingual

CURRICULUM = Path(__file__).parents[2] / "quizzes"
PLAYERS = {"kk-KZ": ("Айгерім", "kk"), "ru-RU": ("Дима", "ru")}
PHONE = {"width": 360, "height": 780}

# A tile's text is cut when it is wider or taller than the tile, or the tile leaves the screen.
CUT_TILES = """() => [...document.querySelectorAll("[data-view=question] .live-choice")]
  .filter((tile) => {
    const text = tile.lastElementChild, box = tile.getBoundingClientRect();
    return tile.scrollWidth > tile.clientWidth + 1 || tile.scrollHeight > tile.clientHeight + 1 ||
      text.scrollWidth > text.clientWidth + 1 || box.right > innerWidth + 1 || box.left < -1;
  })
  .map((tile) => tile.textContent)"""


def longest_options(language: str, count: int = 4) -> list[str]:
    texts = []
    for path in CURRICULUM.glob("*.yaml"):
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            texts += [option["text"].get(language, "") for option in question.get("options", [])]
    return sorted(texts, key=len, reverse=True)[:count]


def test_the_longest_options_of_the_curriculum_fit_their_tiles(browser, live_server, make):
    teacher = make.user(Role.TEACHER, login="host", locale="en")
    longest = {language: longest_options(language) for language in ("kk", "ru", "en")}
    question = {
        "id": "longest",
        "type": "single",
        "text": trilingual("Which is right?"),
        "options": [
            {"id": f"o{n}", "text": {lang: longest[lang][n] for lang in longest}, "correct": n == 0}
            for n in range(4)
        ],
        "explanation": trilingual("Because."),
        "time_limit": 60,
        "points": 100,
    }
    details = QuizDetails(
        title=trilingual("Long words"), description={}, topic="other", min_grade=5, max_grade=11
    )
    quiz = create_quiz(teacher.id, details, [question])

    projector, pin = open_lobby(browser, live_server, "host", quiz.id)
    phones = join_phones(browser, live_server, pin, PLAYERS, viewport=PHONE)
    projector.get_by_role("button", name="Start the game").click()
    for language, phone in phones.items():
        tiles = phone.locator("[data-view=question] .live-choice")
        expect(tiles).to_have_count(4)
        expect(tiles.filter(has_text=longest[language][0])).to_be_visible()
        assert phone.evaluate(CUT_TILES) == [], f"{language}: text cut in these tiles"
    projector.context.close()
    for phone in phones.values():
        phone.context.close()
