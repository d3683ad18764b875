"""Journey: a teacher hosts a live game on the projector; three players join from their
phones in Kazakh, Russian and English, each sees every question in their own language, and
the game runs to the podium."""

from playwright.sync_api import expect

from app.core.access import Role
from app.quizzes.editor import QuizDetails, create_quiz
from tests.browser.conftest import join_phones, open_lobby
from tests.live.conftest import live_questions, trilingual

PLAYERS = {"kk-KZ": ("Айгерім", "kk"), "ru-RU": ("Дима", "ru"), "en-US": ("Sam", "en")}


def test_a_hall_plays_a_live_game_to_the_podium_in_three_languages(browser, live_server, make):
    teacher = make.user(Role.TEACHER, login="host", locale="en")
    questions = live_questions()
    details = QuizDetails(
        title=trilingual("Integrity Hour"), description={}, topic="other", min_grade=5, max_grade=11
    )
    quiz = create_quiz(teacher.id, details, questions)

    projector, pin = open_lobby(browser, live_server, "host", quiz.id)
    phones = join_phones(browser, live_server, pin, PLAYERS)
    expect(projector.locator("[data-field=count]")).to_have_text("3")
    expect(projector.locator(".live-roster")).to_contain_text("Айгерім")

    projector.get_by_role("button", name="Start the game").click()
    for number, question in enumerate(questions, start=1):
        expect(projector.locator("[data-view=question] [data-field=question-text]")).to_have_text(
            question["text"]["en"]
        )
        for index, (language, phone) in enumerate(phones.items()):
            text = phone.locator("[data-view=question] [data-field=question-text]")
            expect(text).to_have_text(question["text"][language])
            phone.locator("[data-view=question] .live-choice").first.click()
            if index < len(phones) - 1:  # the last answer ends the question at once
                expect(phone.locator("[data-field=answered]")).to_be_visible()
        # everyone has answered: the question ends by itself
        expect(projector.locator("[data-view=reveal]")).to_be_visible()
        expect(projector.locator("[data-field=explanation]")).to_have_text(
            question["explanation"]["en"]
        )
        for language, phone in phones.items():
            expect(phone.locator("[data-view=reveal] [data-field=explanation]")).to_have_text(
                question["explanation"][language]
            )
        last = number == len(questions)
        next_label = "Show the podium" if last else "Next question"
        projector.get_by_role("button", name=next_label).click()

    expect(projector.get_by_role("heading", name="Podium")).to_be_visible()
    expect(projector.locator("[data-view=podium] .live-podium li")).to_have_count(3)
    for phone in phones.values():
        expect(phone.locator("[data-view=podium]")).to_be_visible()
        expect(phone.locator("[data-field=final]")).not_to_be_empty()
    expect(phones["kk"].locator("[data-view=podium] h1")).to_have_text("Ойын аяқталды")
    projector.context.close()
    for phone in phones.values():
        phone.context.close()
