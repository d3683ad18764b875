"""Assignments and class results: a quiz set for a class between two dates; completion,
average, per-question correctness (worst first) and per-student results, with CSV exports."""

import csv
import io
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.core.time import ALMATY, utcnow
from app.quizzes.models import Answer, Assignment, Attempt
from app.quizzes.results import assignment_results
from app.quizzes.services import AnswerRefused, assign_quiz, start_attempt, submit_answer

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def classroom(make, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, name="9А", teacher=teacher)
    students = [
        make.user(Role.STUDENT, institution=school, full_name=name)
        for name in ("Aigerim Bekova", "Daniyar Sadykov", "=HYPERLINK(evil)")
    ]
    klass.students.extend(students)
    make.db.session.commit()
    quiz = make.teacher_quiz(teacher, questions=2)
    now = utcnow()
    assignment = assign_quiz(
        quiz, klass, now - timedelta(hours=1), now + timedelta(days=1), teacher.id
    )
    return {
        "teacher": teacher,
        "class": klass,
        "students": students,
        "quiz": quiz,
        "assignment": assignment,
    }


def answer_all(student, quiz, right_per_question: list[bool]) -> Attempt:
    attempt = start_attempt(student, quiz)
    for question, right in zip(quiz.current_version.questions, right_per_question, strict=True):
        submit_answer(attempt, question.id, ["a" if right else "b"])
    return attempt


def test_an_attempt_started_while_assigned_counts_for_the_assignment(classroom):
    attempt = start_attempt(classroom["students"][0], classroom["quiz"])
    assert attempt.assignment_id == classroom["assignment"].id


def test_students_see_their_assignment_and_can_play_a_draft_through_it(client, auth, classroom):
    auth.login(classroom["students"][0])
    page = client.get("/quizzes", headers=ENGLISH).get_data(as_text=True)
    assert "Assigned to your class" in page and "Honesty at school" in page
    response = client.post(f"/quizzes/{classroom['quiz'].slug}/start")
    assert response.status_code == 302 and "/attempts/" in response.headers["Location"]


def test_a_draft_is_not_playable_once_the_assignment_closed(client, auth, classroom, db):
    assignment = classroom["assignment"]
    assignment.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    auth.login(classroom["students"][0])
    assert client.post(f"/quizzes/{classroom['quiz'].slug}/start").status_code == 403


def test_answering_a_closed_assignment_is_refused_and_saves_nothing(classroom, db, in_language):
    student, quiz = classroom["students"][0], classroom["quiz"]
    attempt = start_attempt(student, quiz)
    classroom["assignment"].closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    question = quiz.current_version.questions[0]
    with in_language("en"), pytest.raises(AnswerRefused) as refused:
        submit_answer(attempt, question.id, ["a"])
    assert refused.value.code == "assignment_closed"
    with in_language("en"):
        assert "assignment is closed" in refused.value.message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0


def test_the_class_results_have_known_figures(classroom):
    first, second, _third = classroom["students"]
    answer_all(first, classroom["quiz"], [True, True])
    answer_all(second, classroom["quiz"], [False, True])
    answer_all(second, classroom["quiz"], [True, True])  # a retake: practice, not counted
    start_attempt(_third, classroom["quiz"])

    results = assignment_results(classroom["assignment"])

    assert results.completed == 2
    assert results.average_percent == 75
    by_name = {row.user.full_name: row for row in results.students}
    assert by_name["Aigerim Bekova"].percent == 100
    assert by_name["Daniyar Sadykov"].percent == 50
    assert by_name["=HYPERLINK(evil)"].in_progress and by_name["=HYPERLINK(evil)"].percent is None
    assert [
        (row.question.key, row.answered, row.right, row.percent) for row in results.questions
    ] == [
        ("q1", 2, 1, 50),
        ("q2", 2, 2, 100),
    ]


def test_the_teacher_sees_per_question_statistics(client, auth, classroom):
    answer_all(classroom["students"][0], classroom["quiz"], [False, True])
    auth.login(classroom["teacher"])
    page = client.get(f"/teach/assignments/{classroom['assignment'].id}", headers=ENGLISH)
    text = page.get_data(as_text=True)
    assert "Questions, most misunderstood first" in text
    assert text.index("Question q1") < text.index("Question q2")  # 0% before 100%
    assert "1 / 3" in text


def test_another_teacher_cannot_read_the_results(client, auth, classroom, make):
    auth.login(make.user(Role.TEACHER))
    assert client.get(f"/teach/assignments/{classroom['assignment'].id}").status_code == 403


def read_csv(response) -> list[list[str]]:
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_students_csv_lists_everyone_and_defuses_formulas(client, auth, classroom):
    answer_all(classroom["students"][0], classroom["quiz"], [True, False])
    auth.login(classroom["teacher"])
    rows = read_csv(
        client.get(f"/teach/assignments/{classroom['assignment'].id}/students.csv", headers=ENGLISH)
    )
    assert rows[0] == ["Full name", "Display name", "Status", "Right", "Out of", "%"]
    assert any(
        row[0] == "Aigerim Bekova" and row[2:] == ["Finished", "1", "2", "50"] for row in rows
    )
    assert any(row[0] == "'=HYPERLINK(evil)" and row[2] == "Not started" for row in rows)
    assert len(rows) == 4


def test_the_questions_csv_is_worst_first(client, auth, classroom):
    answer_all(classroom["students"][0], classroom["quiz"], [True, False])
    auth.login(classroom["teacher"])
    rows = read_csv(
        client.get(
            f"/teach/assignments/{classroom['assignment'].id}/questions.csv", headers=ENGLISH
        )
    )
    assert rows[0] == ["Number", "Question", "Answered", "Right", "%"]
    assert [row[0] for row in rows[1:]] == ["2", "1"]
    assert rows[1][2:] == ["1", "0", "0"]


def test_assigning_needs_a_closing_time_after_the_opening(client, auth, classroom, db):
    auth.login(classroom["teacher"])
    other_quiz = classroom["quiz"]
    page = client.post(
        f"/teach/quizzes/{other_quiz.id}/assign",
        data={
            "class_id": classroom["class"].id,
            "opens_at": "2026-12-01T10:00",
            "closes_at": "2026-12-01T09:00",
        },
        headers=ENGLISH,
    ).get_data(as_text=True)
    assert "The closing time must be after the opening time." in page
    assert db.session.get(Assignment, classroom["assignment"].id).opens_at < utcnow()


def test_assigning_again_moves_the_dates_in_almaty_time(client, auth, classroom, db):
    auth.login(classroom["teacher"])
    response = client.post(
        f"/teach/quizzes/{classroom['quiz'].id}/assign",
        data={
            "class_id": classroom["class"].id,
            "opens_at": "2026-12-01T09:00",
            "closes_at": "2026-12-08T18:00",
        },
    )
    assert response.status_code == 302
    assignments = db.session.scalars(sa.select(Assignment)).all()
    assert len(assignments) == 1
    # What the teacher typed is Almaty wall-clock time (UTC+5 since 2024), stored as UTC.
    assert assignments[0].opens_at == datetime(2026, 12, 1, 9, tzinfo=ALMATY)
    assert assignments[0].closes_at == datetime(2026, 12, 8, 18, tzinfo=ALMATY)
    assert assignments[0].opens_at.utcoffset() == timedelta(0)


def test_a_teacher_cannot_assign_to_someone_elses_class(client, auth, classroom, make):
    auth.login(make.user(Role.TEACHER))
    response = client.post(
        f"/teach/quizzes/{classroom['quiz'].id}/assign",
        data={
            "class_id": classroom["class"].id,
            "opens_at": "2026-12-01T09:00",
            "closes_at": "2026-12-08T18:00",
        },
    )
    # the draft is not theirs to see, and the class is not in their choices
    assert response.status_code == 403
