"""Journey: a live game of the new question kinds in real Chromium. A case study stays on
the projector while its questions run; three phones in kk, ru and en put an ordering
question's items in order with the move buttons and match items to categories with the
selects; the projector shows the right answer. The case study and the first question carry a
picture: the projector loads the large size, each phone the small one, described in its
player's language."""

from playwright.sync_api import expect

from app.core.access import Role
from app.quizzes.editor import create_imported_quiz
from tests.browser.conftest import join_phones, open_lobby
from tests.live.conftest import trilingual
from tests.live.test_question_kinds import KINDS_QUIZ
from tests.media.pictures import picture

PLAYERS = {"kk-KZ": ("Айгерім", "kk"), "ru-RU": ("Дима", "ru"), "en-US": ("Sam", "en")}
PICTURE = {"src": "envelope.jpg", "alt": trilingual("An envelope on the teacher's desk")}
CASE = {
    "id": "exam",
    "text": trilingual("Before the exam a parent offers an envelope"),
    "image": PICTURE,
}


def _expect_picture(page, field, variant, alt):
    """The screen shows the stored picture in its own size, loaded, with its description."""
    image = page.locator(f"[data-view=question] [data-field={field}]")
    expect(image).to_be_visible()
    expect(image).to_have_attribute("alt", alt)
    assert image.get_attribute("src").endswith(f"/{variant}.webp")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )


def _put_in_order(phone, language):
    """Move each item up to its place, first to last, with its ↑ button."""
    for place, number in enumerate((1, 2, 3, 4)):
        item = phone.locator(".live-ordering li").filter(has_text=f"Step {number} ({language})")
        while item.evaluate("li => [...li.parentNode.children].indexOf(li)") > place:
            item.locator("button").first.click()


def test_ordering_and_matching_with_a_case_study_on_three_phones(browser, live_server, make):
    teacher = make.user(Role.TEACHER, login="kinds-host", locale="en")
    questions = [{**question, "case": "exam"} for question in KINDS_QUIZ]
    questions[0] = {**questions[0], "image": PICTURE}
    media = {"envelope.jpg": picture((1200, 800), "JPEG")}
    quiz = create_imported_quiz(teacher.id, "Kinds", "en", questions, [CASE], media=media)

    projector, pin = open_lobby(
        browser, live_server, "kinds-host", quiz.id, viewport={"width": 1366, "height": 768}
    )
    phones = join_phones(browser, live_server, pin, PLAYERS)
    expect(projector.locator("[data-field=count]")).to_have_text("3")
    projector.get_by_role("button", name="Start the game").click()

    # ordering
    expect(projector.locator("[data-view=question] [data-field=case]")).to_have_text(
        CASE["text"]["en"]
    )
    for field in ("case-image", "image"):
        _expect_picture(projector, field, "projector", PICTURE["alt"]["en"])
    for language, phone in phones.items():
        expect(phone.locator("[data-view=question] [data-field=case]")).to_have_text(
            CASE["text"][language]
        )
        _expect_picture(phone, "image", "phone", PICTURE["alt"][language])
        _put_in_order(phone, language)
        phone.locator("[data-action=send]").click()
    expect(projector.locator("[data-view=reveal]")).to_be_visible()
    expect(projector.locator("[data-view=reveal] [data-field=correct-answer]")).to_contain_text(
        "Step 1 (en) → Step 2 (en) → Step 3 (en) → Step 4 (en)"
    )
    for phone in phones.values():
        expect(phone.locator("[data-view=reveal] [data-field=verdict]")).not_to_have_text("")
    expect(phones["ru"].locator("[data-field=verdict]")).to_have_text("Верно!")
    projector.get_by_role("button", name="Next question").click()

    # matching: the categories are on the projector, each phone picks one per item
    expect(projector.locator("[data-field=categories] li")).to_have_count(3)
    expect(projector.locator("[data-view=question] [data-field=image]")).to_be_hidden()
    right = {item["id"]: item["match"] for item in KINDS_QUIZ[1]["items"]}
    for phone in phones.values():
        selects = phone.locator(".live-match select")
        expect(selects).to_have_count(4)
        for index in range(4):
            select = selects.nth(index)
            item_id = select.locator("option").nth(1).get_attribute("value").split(":")[0]
            select.select_option(f"{item_id}:{right[item_id]}")
        phone.locator("[data-action=send]").click()
    expect(projector.locator("[data-view=reveal]")).to_be_visible()
    expect(projector.locator("[data-view=reveal] [data-field=correct-answer]")).to_contain_text(
        "Flowers on 1 September (en) → Gift (en)"
    )
    expect(phones["kk"].locator("[data-field=verdict]")).to_have_text("Дұрыс!")
    projector.context.close()
    for phone in phones.values():
        phone.context.close()
