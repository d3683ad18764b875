"""Journey: a teacher assigns a library quiz to their class in the browser, students play
it, and the teacher reads the per-question statistics, worst first."""

from datetime import timedelta

from playwright.sync_api import expect

from app.core.access import Role
from app.core.time import ALMATY, utcnow
from app.quizzes.services import start_attempt, submit_answer
from tests.browser.conftest import site_menu
from tests.conftest import PASSWORD


def play(student, quiz, wrong_first: bool) -> None:
    attempt = start_attempt(student, quiz)
    for number, question in enumerate(quiz.current_version.questions):
        kind = question.kind
        right = sorted(kind.key(question.body))
        wrong = [c.id for c in kind.choices(question.body) if c.id not in right]
        chosen = wrong[:1] if number == 0 and wrong_first else (right or wrong[:1])
        submit_answer(attempt, question.id, chosen)


def test_teacher_assigns_a_quiz_and_sees_per_question_statistics(page, live_server, make, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, login="aizhan", locale="en", institution=school)
    klass = make.school_class(school, name="9А", teacher=teacher)
    students = [make.user(Role.STUDENT, institution=school) for _ in range(2)]
    klass.students.extend(students)
    make.db.session.commit()
    quiz = make.quiz("gifts-bribes-conflicts")

    page.goto(live_server + "/login")
    page.get_by_label("Логин").fill("aizhan")
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Кіру").click()
    page.wait_for_url(live_server + "/")
    site_menu(page).get_by_role("link", name="Teach").click()
    page.get_by_role("link", name=quiz.title["en"], exact=True).click()
    page.get_by_role("button", name="Assign to a class").click()  # a link styled as a button

    now = utcnow().astimezone(ALMATY)
    page.get_by_label("Class").select_option(label="9А")
    page.get_by_label("Opens").fill((now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Closes").fill((now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("Assigned to 9А.")).to_be_visible()
    expect(page.get_by_text("0 / 2")).to_be_visible()

    play(students[0], quiz, wrong_first=True)
    play(students[1], quiz, wrong_first=True)
    page.reload()

    expect(page.get_by_text("2 / 2")).to_be_visible()
    table = page.locator("#questions-heading + div table")
    first_row = table.locator("tbody tr").first
    expect(first_row).to_contain_text(quiz.current_version.questions[0].text["en"])
    expect(first_row).to_contain_text("0%")
    expect(table.locator("tbody tr").last).to_contain_text("100%")
