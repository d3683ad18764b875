"""Leaderboards: ranking, ties, periods in Almaty time, hidden students, every scope."""

from dataclasses import replace

import pytest

from app.core.access import Role
from app.gamification import queries
from app.gamification.models import PointSource
from app.gamification.queries import Scope, institution_board, region_board, student_board
from app.gamification.rules import rules
from app.gamification.services import award

EXACT = PointSource.CORRECTION  # any amount, never capped: handy for exact scores


def pay(student, amount: int, key: str | None = None) -> None:
    award(student.id, EXACT, key or f"e{amount}-{student.id}-{id(object())}", "test", amount=amount)


@pytest.fixture
def school(make, region):
    return make.institution(region, name="School A")


def names(board) -> list[str]:
    return [row.display_name for row in board.rows]


def test_higher_points_rank_first_and_ties_go_to_who_got_there_first(make, db, school, clock):
    early, late, top = (make.user(institution=school, display_name=n) for n in "ELT")
    clock.set(2026, 11, 24, 6, 0)
    pay(early, 100)
    clock.set(2026, 11, 24, 7, 0)
    pay(late, 100)
    pay(top, 150)
    db.session.commit()
    board = student_board(Scope.INSTITUTION, school.id, "all", late.id)
    assert names(board) == ["T", "E", "L"]
    assert [row.rank for row in board.rows] == [1, 2, 3]
    assert board.me.rank == 3


def test_reaching_a_tied_score_later_ranks_below_even_if_earned_earlier_in_parts(
    make, db, school, clock
):
    first, second = (
        make.user(institution=school, display_name="1"),
        make.user(institution=school, display_name="2"),
    )
    clock.set(2026, 11, 24, 6, 0)
    pay(second, 50)
    pay(first, 100)
    clock.set(2026, 11, 24, 8, 0)
    pay(second, 50)  # reaches 100 two hours after "1"
    db.session.commit()
    assert names(student_board(Scope.INSTITUTION, school.id, "all", None)) == ["1", "2"]


def test_periods_split_at_almaty_week_and_month_boundaries(make, db, school, clock):
    student = make.user(institution=school)
    clock.set(2026, 11, 30, 18, 30)  # Monday 30 Nov, 23:30 in Almaty
    pay(student, 10)
    clock.set(2026, 11, 30, 19, 30)  # Tuesday 1 Dec, 00:30 in Almaty (still 30 Nov in UTC)
    pay(student, 20)
    db.session.commit()

    def points(period):
        return student_board(Scope.NATIONAL, None, period, student.id).me.points

    assert points("w2026-11-30") == 30
    assert (points("m2026-11"), points("m2026-12")) == (10, 20)
    assert points("y2026") == points("all") == 30
    assert queries.current_period(queries.Period.MONTH) == "m2026-12"


def test_hidden_students_are_left_off_public_boards_but_see_their_own_rank(make, db, school, clock):
    shy = make.user(institution=school, display_name="Shy", show_on_boards=False)
    other = make.user(institution=school, display_name="Other")
    pay(shy, 500)
    pay(other, 100)
    db.session.commit()
    board = student_board(Scope.INSTITUTION, school.id, "all", shy.id)
    assert names(board) == ["Other"]
    assert (board.me.rank, board.me.points, board.me.listed) == (1, 500, False)
    assert names(student_board(Scope.INSTITUTION, school.id, "all", other.id)) == ["Other"]


def test_a_teachers_own_class_board_lists_everyone_with_full_names(make, db, school, clock):
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher=teacher)
    shy = make.user(institution=school, full_name="Aigerim Shy", show_on_boards=False)
    klass.students.append(shy)
    pay(shy, 10)
    db.session.commit()
    private = student_board(Scope.CLASS, klass.id, "all", teacher.id, private=True)
    assert [(r.full_name, r.listed) for r in private.rows] == [("Aigerim Shy", False)]
    public = student_board(Scope.CLASS, klass.id, "all", None)
    assert public.rows == []


def test_each_scope_counts_only_its_students(make, db, region, other_region, clock):
    here, elsewhere = make.institution(region), make.institution(other_region)
    klass = make.school_class(here)
    in_class = make.user(institution=here, display_name="InClass")
    klass.students.append(in_class)
    same_school = make.user(institution=here, display_name="SameSchool")
    same_region = make.user(institution=make.institution(region), display_name="SameRegion")
    far = make.user(institution=elsewhere, display_name="Far")
    for n, student in enumerate((in_class, same_school, same_region, far)):
        pay(student, 100 - n)
    db.session.commit()
    assert names(student_board(Scope.CLASS, klass.id, "all", None)) == ["InClass"]
    assert names(student_board(Scope.INSTITUTION, here.id, "all", None)) == [
        "InClass",
        "SameSchool",
    ]
    assert names(student_board(Scope.REGION, region.id, "all", None)) == [
        "InClass",
        "SameSchool",
        "SameRegion",
    ]
    assert len(student_board(Scope.NATIONAL, None, "all", None).rows) == 4


def test_a_student_far_from_the_top_still_sees_their_rank(make, db, school, clock, monkeypatch):
    monkeypatch.setattr(queries, "rules", lambda: replace(rules(), board_size=3))
    students = [make.user(institution=school) for _ in range(6)]
    for n, student in enumerate(students):
        pay(student, 100 - n)
    db.session.commit()
    last = students[-1]
    board = student_board(Scope.INSTITUTION, school.id, "all", last.id)
    assert len(board.rows) == 3 and last.id not in [r.user_id for r in board.rows]
    assert (board.me.rank, board.me.points) == (6, 95)


def test_a_student_with_no_points_this_period_has_no_rank_yet(make, db, school, clock):
    student = make.user(institution=school)
    board = student_board(Scope.INSTITUTION, school.id, "all", student.id)
    assert (board.rows, board.me.rank, board.me.points) == ([], None, 0)


def test_institutions_and_regions_by_total_and_per_active_student(
    make, db, region, other_region, clock, monkeypatch
):
    monkeypatch.setattr(queries, "rules", lambda: replace(rules(), min_active_for_average=2))
    big, small = make.institution(region, name="Big"), make.institution(region, name="Small")
    far = make.institution(other_region, name="Far")
    for amount in (100, 100, 100):
        pay(make.user(institution=big), amount)
    for amount in (150, 140):
        pay(make.user(institution=small), amount)
    pay(make.user(institution=far), 1000)  # one student: too few to rank per student
    db.session.commit()

    totals = institution_board("all")
    assert [(r.name, r.points, r.active_students) for r in totals] == [
        ("Far", 1000, 1),
        ("Big", 300, 3),
        ("Small", 290, 2),
    ]
    assert [r.name for r in institution_board("all", region_id=region.id)] == ["Big", "Small"]
    assert [r.name for r in institution_board("all", per_student=True)] == ["Small", "Big"]

    regions = region_board("all")
    assert [(row.id, row.points, row.active_students) for row, _ in regions] == [
        (other_region.id, 1000, 1),
        (region.id, 590, 5),
    ]
    assert [row.id for row, _ in region_board("all", per_student=True)] == [region.id]


def test_the_board_page_shows_display_names_and_my_rank_never_full_names(
    client, auth, make, db, school, clock
):
    viewer = make.user(institution=school, display_name="Me", full_name="Secret Fullname")
    other = make.user(institution=school, display_name="Other", full_name="Other Fullname")
    pay(viewer, 10)
    pay(other, 20)
    db.session.commit()
    auth.login(viewer)
    page = client.get("/leaderboards?scope=institution&period=all").get_data(as_text=True)
    assert "Other" in page and "Me" in page
    assert "Fullname" not in page
    assert 'class="is-me"' in page


def test_a_teacher_sees_full_names_on_their_own_class_only(client, auth, make, db, school, clock):
    teacher = make.user(Role.TEACHER, institution=school)
    mine, theirs = make.school_class(school, teacher=teacher), make.school_class(school, name="9Б")
    for klass, name in ((mine, "Mine Fullname"), (theirs, "Theirs Fullname")):
        student = make.user(institution=school, full_name=name)
        klass.students.append(student)
        pay(student, 10)
    db.session.commit()
    auth.login(teacher)
    pay(teacher, 5)  # teachers may play too, but do not compete on their class's board
    db.session.commit()
    page = client.get(f"/leaderboards?scope=class&class={mine.id}&period=all")
    assert "Mine Fullname" in page.get_data(as_text=True)
    assert "Your place" not in page.get_data(as_text=True)
    other = client.get(f"/leaderboards?scope=class&class={theirs.id}&period=all")
    assert other.status_code == 403


def test_a_student_cannot_open_another_schools_class_board(client, auth, make, db, region, clock):
    klass = make.school_class(make.institution(region))
    auth.login(make.user(institution=make.institution(region)))
    assert client.get(f"/leaderboards?scope=class&class={klass.id}").status_code == 403


def test_a_student_hides_from_public_boards_in_account_settings(client, auth, make, db, clock):
    student = make.user(display_name="Quiet")
    pay(student, 10)
    db.session.commit()
    auth.login(student)
    form = {"display_name": "Quiet", "locale": "en"}  # the checkbox left unticked
    assert client.post("/account", data=form).status_code == 302
    assert student_board(Scope.NATIONAL, None, "all", None).rows == []
    client.post("/account", data={**form, "show_on_boards": "y"})
    assert names(student_board(Scope.NATIONAL, None, "all", None)) == ["Quiet"]
