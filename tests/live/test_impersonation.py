"""Issue 18, finding 14: a live nickname may not pose as the game's host or a teacher of its
classes ("Ms A" taken by an anonymous player), whatever the case and spacing."""

import pytest

from app.core.access import Role
from app.live.models import TeamMode
from tests.live.conftest import Phone, new_game


@pytest.fixture
def staffed_game(make, region, host, live_quiz, clock, db):
    """A game hosted by "Ms A", who teaches 9А with "Mr Bolat"."""
    host.display_name, host.full_name = "Ms A", "Aigerim Sadykova"
    db.session.commit()
    colleague = make.user(Role.TEACHER, display_name="Mr Bolat", institution=host.institution)
    klass = make.school_class(host.institution, teacher=host)
    klass.teachers.append(colleague)
    db.session.commit()
    return new_game(host, live_quiz)


@pytest.mark.parametrize(
    "nickname", ["Ms A", "ms a", "MSA", "  Ms   A ", "aigerim sadykova", "Mr Bolat", "MRBOLAT"]
)
def test_a_player_cannot_take_a_teachers_name(app, staffed_game, nickname):
    refused = Phone(app, staffed_game).join(nickname)
    assert refused.status_code == 422
    assert refused.json == {
        "error": "nickname_reserved",
        "message": "This is the name of a teacher in this game. Choose a nickname of your own.",
    }


def test_other_nicknames_still_join(app, staffed_game):
    assert Phone(app, staffed_game).join("Ms B").status_code == 201
    assert Phone(app, staffed_game).join("Aigerim").status_code == 201


def test_the_host_joins_under_their_own_name(app, staffed_game):
    phone = Phone(app, staffed_game)
    with phone.client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = staffed_game.host.get_id(), True
    assert phone.join("Ms A").status_code == 201


def test_the_teacher_of_a_class_team_is_protected_too(
    app, make, region, host, live_quiz, clock, db
):
    """A class playing as a team brings its teachers' names, though they do not host."""
    game = new_game(host, live_quiz, team_mode=TeamMode.CLASS)
    school = make.institution(region)
    other_teacher = make.user(Role.TEACHER, display_name="Ms Dana", institution=school)
    klass = make.school_class(school, teacher=other_teacher)
    student = make.user(Role.STUDENT, institution=school)
    klass.students.append(student)
    db.session.commit()
    pupil = Phone(app, game)
    with pupil.client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = student.get_id(), True
    assert pupil.join("Dana's pupil").status_code == 201  # the class's team now exists
    assert Phone(app, game).join("ms dana").json["error"] == "nickname_reserved"


def test_the_join_page_names_the_refusal_next_to_the_nickname(app, staffed_game):
    client = app.test_client()
    page = client.post(
        "/join",
        data={"pin": staffed_game.pin, "nickname": "Ms A", "language": "en"},
        headers={"Accept-Language": "en"},
    )
    assert page.status_code == 422
    assert "This is the name of a teacher in this game." in page.text
