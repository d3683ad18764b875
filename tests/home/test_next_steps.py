"""The home page says what to do next: a student's waiting quizzes and next event, a
teacher's first steps ticked as they are done, and the library when nothing waits."""

from datetime import timedelta

from app.core.access import Role
from app.core.time import utcnow
from app.live import services as live
from app.live.models import TeamMode
from app.live.scoring import Scoring
from app.quizzes.services import assign_quiz, start_attempt


def home(client) -> str:
    return client.get("/").get_data(as_text=True)


def test_a_student_sees_the_quiz_their_class_waits_for_until_they_play_it(
    client, auth, make, region
):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher)
    student = make.user(Role.STUDENT, institution=school)
    klass.students.append(student)
    quiz = make.quiz("what-is-corruption")
    now = utcnow()
    assign_quiz(quiz, klass, now - timedelta(hours=1), now + timedelta(days=2), teacher.id)
    auth.login(student)
    page = home(client)
    assert "Your class is waiting for: What is corruption?" in page
    assert f'action="/quizzes/{quiz.slug}/start"' in page

    attempt = start_attempt(student, quiz)
    attempt.finished_at, attempt.score = utcnow(), 0
    make.db.session.commit()
    assert "Your class is waiting for" not in home(client)


def test_a_student_with_nothing_waiting_is_sent_to_the_library_and_sees_the_next_event(
    client, auth, make, region
):
    school = make.institution(region)
    organizer = make.user(Role.ORGANIZER, region=region, institution=school)
    make.event(organizer, title={"en": "Integrity Hour in the hall"}, starts_in=timedelta(days=1))
    student = make.user(Role.STUDENT, institution=school)
    auth.login(student)
    page = home(client)
    assert "Your class is waiting for" not in page
    assert "Nothing is waiting for you" in page
    assert "Next event: Integrity Hour in the hall" in page


def test_a_teachers_first_steps_are_ticked_as_they_are_done(client, auth, make, region):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    auth.login(teacher)
    page = home(client)
    assert "Create a class" in page and "Done:" not in page

    klass = make.school_class(school, teacher)
    assert home(client).count("Done:") == 1
    assert f"/classes/{klass.id}/roster" in home(client)

    student = make.user(Role.STUDENT, institution=school)
    klass.students.append(student)
    make.db.session.commit()
    assert home(client).count("Done:") == 2

    live.create_game(teacher, make.quiz("what-is-corruption"), "en", TeamMode.NONE, Scoring())
    assert "Create a class" not in home(client)  # all three done: the steps step aside
