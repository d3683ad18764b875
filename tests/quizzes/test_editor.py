"""Teachers write their own quizzes in the browser, in one to three languages, and submit
them to the shared library, where an organizer approves them."""

import sqlalchemy as sa

from app.core.access import Role
from app.quizzes.editor import question_dict, quiz_questions, save_question
from app.quizzes.models import Quiz, QuizStatus, QuizVersion
from app.quizzes.services import start_attempt, submit_answer
from tests.conftest import sample_question

ENGLISH = {"Accept-Language": "en"}


def question_form(**overrides) -> dict:
    data = {
        "type": "single",
        "text_ru": "Можно ли списывать домашнее задание?",
        "option_a_ru": "Нет",
        "option_b_ru": "Да",
        "correct": ["a"],
        "explanation_ru": "Списывание — это выдавать чужую работу за свою.",
        "time_limit": "30",
        "points": "100",
    }
    return {**data, **overrides}


def test_a_teacher_writes_a_quiz_and_its_first_question(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    response = client.post(
        "/teach/quizzes/new",
        data={
            "title_ru": "Честность в школе",
            "topic": "academic-integrity",
            "min_grade": "5",
            "max_grade": "9",
        },
    )
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.owner_id == teacher.id))
    assert response.headers["Location"] == f"/teach/quizzes/{quiz.id}"
    assert (quiz.status, quiz.title, quiz.min_grade) == (
        QuizStatus.DRAFT,
        {"ru": "Честность в школе"},
        5,
    )

    response = client.post(f"/teach/quizzes/{quiz.id}/questions/new", data=question_form())
    assert response.status_code == 302
    [question] = quiz.current_version.questions
    assert question.text == {"ru": "Можно ли списывать домашнее задание?"}
    assert [o["correct"] for o in question.body["options"]] == [True, False]
    assert question.explanation == {"ru": "Списывание — это выдавать чужую работу за свою."}


def test_a_missing_translation_falls_back_visibly(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, language="ru")
    auth.login(teacher)
    page = client.get(f"/teach/quizzes/{quiz.id}", headers={"Accept-Language": "kk"}).get_data(
        as_text=True
    )
    assert '<span lang="ru" class="fallback"' in page
    assert "Question q1: is copying homework honest?" in page


def test_bad_questions_are_refused_with_a_reason_and_nothing_is_saved(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher)
    auth.login(teacher)
    cases = [
        (question_form(correct=["a", "b"]), "exactly one correct option, found 2."),
        (question_form(text_ru=""), "Write the question in at least one language."),
        (question_form(option_b_ru=""), "Write at least 2 rows."),
        (
            question_form(type="multiple", correct=["a", "b"]),
            "at least one correct option and one wrong one.",
        ),
        (question_form(type="poll"), "A poll has no correct options."),
        (question_form(type="true_false"), "Choose whether the statement is true or false."),
        (question_form(correct=["c"]), "A correct option must have text."),
        (question_form(time_limit="3"), "Enter a time limit from 5 to 300 seconds."),
        (question_form(source_url="http://example.com"), "Enter a full https:// address."),
        (question_form(option_c_ru="Третий", option_b_ru=""), "without empty rows between"),
    ]
    before = quiz_questions(quiz)
    for data, message in cases:
        page = client.post(f"/teach/quizzes/{quiz.id}/questions/new", data=data, headers=ENGLISH)
        assert page.status_code == 200, message
        assert message in page.get_data(as_text=True), message
    db.session.expire_all()
    assert quiz_questions(quiz) == before


def test_editing_an_unanswered_quiz_rewrites_its_only_version(make, db):
    quiz = make.teacher_quiz(make.user(Role.TEACHER))
    save_question(quiz, {**sample_question(), "points": 50}, replacing="q1")
    assert [v.number for v in quiz.versions] == [1]
    assert quiz.current_version.questions[0].points == 50


def test_editing_an_answered_quiz_makes_a_new_version_and_keeps_the_old(make, db):
    teacher, student = make.user(Role.TEACHER), make.user(Role.STUDENT)
    quiz = make.teacher_quiz(teacher)
    attempt = start_attempt(teacher, quiz)
    submit_answer(attempt, quiz.current_version.questions[0].id, ["a"])
    save_question(quiz, {**sample_question(), "points": 50}, replacing="q1")
    assert [v.number for v in quiz.versions] == [1, 2]
    assert attempt.version.number == 1 and attempt.version.questions[0].points == 100
    assert student  # the old version stays answerable for the attempt already under way


def test_questions_move_and_delete(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, questions=3)
    auth.login(teacher)
    client.post(f"/teach/quizzes/{quiz.id}/questions/q1/move/down")
    assert [q["id"] for q in quiz_questions(quiz)] == ["q2", "q1", "q3"]
    client.post(f"/teach/quizzes/{quiz.id}/questions/q2/delete")
    assert [q["id"] for q in quiz_questions(quiz)] == ["q1", "q3"]
    assert [q.position for q in quiz.current_version.questions] == [1, 2]


def test_the_edit_form_shows_the_stored_question(client, auth, make):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher)
    auth.login(teacher)
    page = client.get(f"/teach/quizzes/{quiz.id}/questions/q1").get_data(as_text=True)
    assert "Question q1: is copying homework honest?" in page
    assert 'checked id="correct-0"' in page and 'checked id="correct-1"' not in page


def test_a_stored_question_reads_back_in_the_curriculum_shape(make):
    quiz = make.quiz()
    first = quiz.current_version.questions[0]
    assert question_dict(first)["id"] == first.key
    assert question_dict(first)["options"][0] == {
        "id": "a",
        "text": first.body["options"][0]["text"],
        **({"correct": True} if first.body["options"][0]["correct"] else {}),
    }


def test_a_draft_goes_to_the_library_after_an_organizer_approves(client, auth, make, region, db):
    teacher = make.user(Role.TEACHER, institution=make.institution(region))
    quiz = make.teacher_quiz(teacher)
    student = make.user(Role.STUDENT)
    auth.login(student)
    assert "Honesty at school" not in client.get("/quizzes", headers=ENGLISH).get_data(as_text=True)

    auth.login(teacher)
    client.post(f"/teach/quizzes/{quiz.id}/submit")
    assert quiz.status == QuizStatus.SUBMITTED
    assert client.get(f"/teach/quizzes/{quiz.id}/details").status_code == 302  # frozen

    auth.login(make.user(Role.ORGANIZER))  # a national organizer curates the library
    assert "Honesty at school" in client.get("/teach/quizzes/review").get_data(as_text=True)
    client.post(f"/teach/quizzes/{quiz.id}/review", data={"approve": "1"})
    db.session.refresh(quiz)
    assert quiz.status == QuizStatus.PUBLISHED

    auth.login(student)
    assert "Honesty at school" in client.get("/quizzes", headers=ENGLISH).get_data(as_text=True)


def test_sending_back_needs_a_note_that_the_author_then_sees(client, auth, make, region, db):
    teacher = make.user(Role.TEACHER, institution=make.institution(region))
    quiz = make.teacher_quiz(teacher)
    quiz.submit_for_review()
    db.session.commit()
    auth.login(make.user(Role.ORGANIZER, region=region))
    page = client.post(f"/teach/quizzes/{quiz.id}/review", data={"decline": "1"}, headers=ENGLISH)
    assert "Say what the author should change." in page.get_data(as_text=True)
    assert quiz.status == QuizStatus.SUBMITTED
    client.post(f"/teach/quizzes/{quiz.id}/review", data={"decline": "1", "note": "Add sources."})
    db.session.refresh(quiz)
    assert (quiz.status, quiz.review_note) == (QuizStatus.DRAFT, "Add sources.")
    auth.login(teacher)
    assert "Add sources." in client.get(f"/teach/quizzes/{quiz.id}").get_data(as_text=True)


def test_an_empty_draft_cannot_be_submitted(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, questions=0)
    auth.login(teacher)
    page = client.post(f"/teach/quizzes/{quiz.id}/submit", headers=ENGLISH, follow_redirects=True)
    assert "Add at least one question" in page.get_data(as_text=True)
    assert quiz.status == QuizStatus.DRAFT
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuizVersion)) == 0


def test_the_editor_writes_ordering_matching_and_kept_order_through_each_kind(
    client, auth, make, db
):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher)
    auth.login(teacher)
    url = f"/teach/quizzes/{quiz.id}/questions/new"
    steps = question_form(
        type="ordering", correct=[], option_c_ru="Сообщить", option_b_ru="Записать"
    )
    assert client.post(url, data=steps).status_code == 302
    sorting = question_form(
        type="matching",
        correct=[],
        option_a_ru="Цветы",
        option_b_ru="Конверт",
        category_c1_ru="Подарок",
        category_c2_ru="Взятка",
        match_a="c1",
        match_b="c2",
    )
    assert client.post(url, data=sorting).status_code == 302
    scale = question_form(type="poll", correct=[], keep_order="y", option_c_ru="Не знаю")
    assert client.post(url, data=scale).status_code == 302
    db.session.expire_all()
    stored = {q["type"]: q for q in quiz_questions(quiz)}
    assert [item["text"]["ru"] for item in stored["ordering"]["items"]] == [
        "Нет",
        "Записать",
        "Сообщить",
    ]
    assert [(i["id"], i["match"]) for i in stored["matching"]["items"]] == [
        ("a", "c1"),
        ("b", "c2"),
    ]
    assert stored["poll"]["keep_order"] is True
    page = client.get(f"/teach/quizzes/{quiz.id}/questions/{stored['matching']['id']}")
    assert '<option selected value="c2">' in page.get_data(as_text=True)  # shown back


def test_the_editor_refuses_a_matching_question_without_categories(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher)
    auth.login(teacher)
    before = quiz_questions(quiz)
    for data, message in [
        (question_form(type="matching", correct=[]), "Write at least two categories."),
        (
            question_form(type="matching", correct=[], category_c1_ru="A", category_c2_ru="B"),
            "Choose a category for every item.",
        ),
        (question_form(type="ordering", correct=[]), "Write at least 3 rows."),
    ]:
        page = client.post(f"/teach/quizzes/{quiz.id}/questions/new", data=data, headers=ENGLISH)
        assert message in page.get_data(as_text=True), message
        assert page.status_code == 200
    db.session.expire_all()
    assert quiz_questions(quiz) == before


def test_case_studies_are_written_chosen_in_questions_and_kept_while_used(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher)
    auth.login(teacher)
    cases_url = f"/teach/quizzes/{quiz.id}/cases"
    saved = client.post(cases_url, data={"case_1_ru": "Перед экзаменом родитель дарит конверт."})
    assert saved.status_code == 302
    db.session.expire_all()
    assert quiz.current_version.cases == [
        {"id": "case1", "text": {"ru": "Перед экзаменом родитель дарит конверт."}}
    ]
    key = quiz_questions(quiz)[0]["id"]
    edited = client.post(
        f"/teach/quizzes/{quiz.id}/questions/{key}", data=question_form(case="case1")
    )
    assert edited.status_code == 302
    db.session.expire_all()
    assert quiz.current_version.questions[0].case["id"] == "case1"
    page = client.post(cases_url, data={"case_1_ru": ""}, headers=ENGLISH)
    assert "A case study that questions refer to cannot be removed." in page.get_data(as_text=True)
    unknown = client.post(
        f"/teach/quizzes/{quiz.id}/questions/{key}",
        data=question_form(case="nope"),
        headers=ENGLISH,
    )
    assert "Choose one of the quiz's case studies." in unknown.get_data(as_text=True)
    db.session.expire_all()
    assert quiz.current_version.cases[0]["id"] == "case1"
