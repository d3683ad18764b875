"""Journey: a student plays a quiz in Russian to the end, seeing an explanation after each
answer, then the result with a review."""

from playwright.sync_api import expect

from app.core.access import Role
from tests.conftest import PASSWORD


def test_student_plays_a_quiz_in_russian_to_the_end(page, live_server, make):
    quiz = make.quiz("reporting-corruption")
    make.user(Role.STUDENT, login="dana", locale="ru")
    questions = quiz.current_version.questions

    page.goto(live_server + "/login")
    page.get_by_label("Логин").fill("dana")
    page.get_by_label("Құпиясөз").fill(PASSWORD)  # the login page follows the browser (kk)
    page.locator("main").get_by_role("button", name="Кіру").click()
    page.goto(live_server + "/quizzes")
    expect(page.get_by_role("heading", name="Как сообщить о коррупции")).to_be_visible()
    page.locator("form[action='/quizzes/reporting-corruption/start'] button").click()

    for number, question in enumerate(questions, start=1):
        expect(page.get_by_text(f"Вопрос {number} из {len(questions)}")).to_be_visible()
        page.locator("input[name=choice]").first.check()
        page.get_by_role("button", name="Ответить").click()
        expect(page.locator(".explanation")).to_have_text(question.explanation["ru"])
        next_step = "Посмотреть результат" if number == len(questions) else "Следующий вопрос"
        page.get_by_role("button", name=next_step).click()

    expect(page.get_by_role("heading", name="Разбор")).to_be_visible()
    expect(page.locator(".explanation")).to_have_count(len(questions))
