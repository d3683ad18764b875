"""Journey: a live game of the new question kinds in real Chromium. A case study stays on
the projector while its questions run; three phones in kk, ru and en put an ordering
question's items in order with the move buttons and match items to categories with the
selects; the projector shows the right answer."""

from playwright.sync_api import expect

from app.core.access import Role
from app.quizzes.editor import create_imported_quiz
from tests.conftest import PASSWORD
from tests.live.conftest import trilingual
from tests.live.test_question_kinds import KINDS_QUIZ

PLAYERS = {"kk-KZ": ("Айгерім", "kk"), "ru-RU": ("Дима", "ru"), "en-US": ("Sam", "en")}
CASE = {"id": "exam", "text": trilingual("Before the exam a parent offers an envelope")}


def _put_in_order(phone, language):
    """Move each item up to its place, first to last, with its ↑ button."""
    for place, number in enumerate((1, 2, 3, 4)):
        item = phone.locator(".live-ordering li").filter(has_text=f"Step {number} ({language})")
        while item.evaluate("li => [...li.parentNode.children].indexOf(li)") > place:
            item.locator("button").first.click()


def test_ordering_and_matching_with_a_case_study_on_three_phones(browser, live_server, make):
    teacher = make.user(Role.TEACHER, login="kinds-host", locale="en")
    questions = [{**question, "case": "exam"} for question in KINDS_QUIZ]
    quiz = create_imported_quiz(teacher.id, "Kinds", "en", questions, [CASE])

    projector = browser.new_context(
        locale="en-US", viewport={"width": 1366, "height": 768}
    ).new_page()
    projector.set_default_timeout(15_000)
    projector.goto(live_server + "/login")
    projector.get_by_label("Login").fill("kinds-host")
    projector.get_by_label("Password").fill(PASSWORD)
    projector.locator("main").get_by_role("button", name="Log in").click()
    projector.goto(f"{live_server}/live/new/{quiz.id}")
    projector.get_by_role("button", name="Open the lobby").click()
    pin = projector.locator(".live-pin").inner_text().strip()

    phones = {}
    for locale, (nickname, language) in PLAYERS.items():
        phone = browser.new_context(
            locale=locale, viewport={"width": 390, "height": 844}
        ).new_page()
        phone.set_default_timeout(15_000)
        phone.goto(live_server + "/join")
        phone.locator("#pin").fill(pin)
        phone.locator("#nickname").fill(nickname)
        phone.locator("main form button[type=submit]").click()
        expect(phone.locator("[data-view=lobby]")).to_be_visible()
        phones[language] = phone
    expect(projector.locator("[data-field=count]")).to_have_text("3")
    projector.get_by_role("button", name="Start the game").click()

    # ordering
    expect(projector.locator("[data-view=question] [data-field=case]")).to_have_text(
        CASE["text"]["en"]
    )
    for language, phone in phones.items():
        expect(phone.locator("[data-view=question] [data-field=case]")).to_have_text(
            CASE["text"][language]
        )
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
