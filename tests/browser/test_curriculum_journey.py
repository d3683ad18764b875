"""Journey: a grade-3 student plays a picture quiz on a phone in Kazakh, from the library
their class's grade opens to the result; a teacher finds the quiz's guide in the library,
opens it and prints it (the printed page carries the guide, not the site's menu)."""

from playwright.sync_api import expect

from app.core.access import Role
from tests.conftest import PASSWORD

PICTURE_QUIZ = "a-present-for-the-teacher"


def _log_in(page, live_server, login):
    page.goto(live_server + "/login")
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Кіру").click()


def _answer(page):
    """Any answer: the first option, or the first category for each item."""
    radios = page.locator("main input[name=choice]")
    if radios.count():
        radios.first.check()
    for select in page.locator("main select[name=choice]").all():
        select.select_option(index=1)
    page.get_by_role("button", name="Жауап беру").click()


def test_a_grade_3_student_plays_a_picture_quiz_on_a_phone(page, live_server, make, region):
    quiz = make.quiz(PICTURE_QUIZ)
    make.quiz("anti-corruption-law-410-v")  # grades 9 and up: not in a grade-3 library
    student = make.user(Role.STUDENT, login="aru", locale="kk")
    klass = make.school_class(make.institution(region), name="3Ә")
    klass.students.append(student)
    make.db.session.commit()
    questions = quiz.current_version.questions

    _log_in(page, live_server, "aru")
    page.goto(live_server + "/quizzes")
    expect(page.locator("#grade-filter")).to_have_value("3")
    expect(page.get_by_role("heading", name=quiz.title["kk"])).to_be_visible()
    expect(page.locator("form[action='/quizzes/anti-corruption-law-410-v/start']")).to_have_count(0)
    page.locator(f"form[action='/quizzes/{PICTURE_QUIZ}/start'] button").click()

    for number, question in enumerate(questions, start=1):
        expect(page.locator("main progress")).to_have_attribute("value", str(number - 1))
        expect(page.locator("main h1.question-text")).to_have_text(question.text["kk"])
        if question.image:
            picture = page.locator("main img.question-image").first
            expect(picture).to_have_attribute("alt", question.image["alt"]["kk"])
            page.wait_for_function(
                "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
            )
            # the picture fits the phone's screen
            assert picture.bounding_box()["width"] <= 390
        _answer(page)
        expect(page.locator(".explanation")).to_have_text(question.explanation["kk"])
        next_step = "Нәтижені көру" if number == len(questions) else "Келесі сұрақ"
        page.get_by_role("button", name=next_step).click()

    expect(page.get_by_role("heading", name="Талдау")).to_be_visible()
    expect(page.locator(".explanation")).to_have_count(len(questions))
    assert page.evaluate("document.documentElement.lang") == "kk"


def test_a_teacher_opens_and_prints_a_teachers_guide(page, live_server, make):
    quiz = make.quiz("fake-calls-and-phishing")
    make.user(Role.TEACHER, login="gulnar", locale="kk")
    guide = quiz.teacher_guide
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")

    _log_in(page, live_server, "gulnar")
    page.goto(live_server + "/teach/quizzes?topic=digital-literacy")
    page.locator(f"a[href='/teach/quizzes/{quiz.id}/guide']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(quiz.title["kk"])
    expect(page.get_by_text(guide["aim"]["kk"])).to_be_visible()
    expect(page.locator(".teacher-guide ol li")).to_have_count(len(guide["discussion"]))
    expect(page.locator(".teacher-guide dd")).to_have_count(len(guide["misconceptions"]))

    page.locator("[data-action=print]").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("[data-action=print]")).to_be_hidden()
    expect(page.get_by_text(guide["aim"]["kk"])).to_be_visible()
