"""Adjudicator allocation (app/debates/allocation.py): each rule on small hand-made rooms,
then properties over random rooms, judges and conflicts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.debates.allocation import Judge, Panel, RoomNeed, allocate, conflicted


def judge(
    id: int,
    rating: float,
    *,
    inst: int | None = None,
    teams: tuple[int, ...] = (),
    insts: tuple[int, ...] = (),
) -> Judge:
    return Judge(id, rating, inst, frozenset(teams), frozenset(insts))


def room(
    id: int, importance: float, teams: tuple[int, ...], insts: tuple[int | None, ...] | None = None
) -> RoomNeed:
    """A room; its teams' institutions unknown unless given."""
    return RoomNeed(id, importance, teams, insts if insts is not None else (None,) * len(teams))


def seated(panel: Panel) -> list[int]:
    """The panel's judges, chair first."""
    return ([panel.chair] if panel.chair is not None else []) + list(panel.panelists)


# --- hand-made cases ---------------------------------------------------------------------------


TOP = room(1, 2, (11, 12), (100, 200))
BOTTOM = room(2, 1, (21, 22), (300, 400))

CASES = {
    "one room, one judge": (
        [room(1, 0, (11, 12))],
        [judge(7, 5)],
        None,
        [Panel(1, 7, (), False)],
    ),
    "a chair conflict gives the top room the second-strongest chair": (
        [BOTTOM, TOP],
        [judge(1, 9, inst=100), judge(2, 8)],
        None,
        [Panel(2, 1, (), False), Panel(1, 2, (), False)],
    ),
    "own institution conflicts": (
        [TOP],
        [judge(1, 9, inst=200), judge(2, 8)],
        None,
        [Panel(1, 2, (), False)],
    ),
    "a team conflict": (
        [TOP],
        [judge(1, 9, teams=(12,)), judge(2, 8)],
        None,
        [Panel(1, 2, (), False)],
    ),
    "an institution conflict": (
        [TOP],
        [judge(1, 9, insts=(100,)), judge(2, 8)],
        None,
        [Panel(1, 2, (), False)],
    ),
    "no free unconflicted judge leaves the room without a chair": (
        [TOP, BOTTOM],
        [judge(1, 9, inst=300), judge(2, 8, teams=(21,))],
        None,
        [Panel(1, 1, (), False), Panel(2, None, (), True)],
    ),
    "pairs of panelists go to the top rooms first": (
        [BOTTOM, TOP],
        [judge(i, 10 - i) for i in range(1, 7)],
        None,
        [Panel(2, 2, (5, 6), False), Panel(1, 1, (3, 4), False)],
    ),
    "a single leftover judge goes unused": (
        [TOP],
        [judge(i, 10 - i) for i in range(1, 5)],
        None,
        [Panel(1, 1, (2, 3), False)],
    ),
    "a pair needs two judges unconflicted with the room": (
        [TOP],
        [judge(1, 9), judge(2, 8), judge(3, 7, inst=100)],
        None,
        [Panel(1, 1, (), False)],
    ),
    "panel_size 3 fills the top rooms first": (
        [BOTTOM, TOP],
        [judge(i, 10 - i) for i in range(1, 6)],
        3,
        [Panel(2, 2, (5,), True), Panel(1, 1, (3, 4), False)],
    ),
    "panel_size 1 seats chairs only": (
        [TOP, BOTTOM],
        [judge(i, 10 - i) for i in range(1, 6)],
        1,
        [Panel(1, 1, (), False), Panel(2, 2, (), False)],
    ),
    "equal importance and rating: lower ids first": (
        [room(5, 1, (1, 2)), room(4, 1, (3, 4))],
        [judge(9, 5), judge(8, 5)],
        None,
        [Panel(5, 9, (), False), Panel(4, 8, (), False)],
    ),
}


@pytest.mark.parametrize(("rooms", "judges", "panel_size", "expected"), CASES.values(), ids=CASES)
def test_allocation(rooms, judges, panel_size, expected):
    assert allocate(rooms, judges, panel_size=panel_size) == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (judge(1, 0), False),
        (judge(1, 0, inst=300), False),
        (judge(1, 0, inst=100), True),
        (judge(1, 0, teams=(12,)), True),
        (judge(1, 0, insts=(200,)), True),
    ],
)
def test_conflicted(subject, expected):
    assert conflicted(subject, TOP) is expected


def test_unknown_institutions_conflict_with_nothing():
    assert not conflicted(judge(1, 0, insts=(1,)), room(1, 0, (11, 12), (None, None)))


@pytest.mark.parametrize("panel_size", [0, -1, 2, 4])
def test_even_or_invalid_panel_size_raises(panel_size):
    with pytest.raises(ValueError, match="panel_size"):
        allocate([TOP], [judge(1, 0)], panel_size=panel_size)


def test_duplicate_judge_ids_raise():
    with pytest.raises(ValueError, match="judge"):
        allocate([TOP], [judge(1, 0), judge(1, 5)])


def test_duplicate_room_ids_raise():
    with pytest.raises(ValueError, match="room"):
        allocate([TOP, room(1, 0, (5, 6))], [judge(1, 0)])


def test_institutions_not_matching_teams_raise():
    with pytest.raises(ValueError, match="institutions"):
        allocate([RoomNeed(1, 0, (11, 12), (100,))], [judge(1, 0)])


# --- properties ---------------------------------------------------------------------------------

INSTITUTIONS = st.none() | st.integers(1, 5)


@st.composite
def tournaments(draw, *, conflicts: bool = True) -> tuple[list[RoomNeed], list[Judge]]:
    """Up to 8 rooms of 2 or 4 teams and up to 30 judges; importances and ratings tie often."""
    room_ids = draw(st.lists(st.integers(1, 1000), unique=True, max_size=8))
    size = draw(st.sampled_from([2, 4]))
    rooms = []
    for n, room_id in enumerate(room_ids):
        teams = tuple(range(size * n, size * (n + 1)))
        insts = tuple(draw(INSTITUTIONS) for _ in teams) if conflicts else (None,) * size
        rooms.append(RoomNeed(room_id, draw(st.integers(0, 4)), teams, insts))
    all_teams = list(range(size * len(rooms)))
    judges = []
    for judge_id in draw(st.lists(st.integers(1, 1000), unique=True, max_size=30)):
        rating = draw(st.integers(0, 10))
        if conflicts and all_teams:
            inst = draw(INSTITUTIONS)
            teams = draw(st.frozensets(st.sampled_from(all_teams), max_size=2))
            insts = draw(st.frozensets(st.integers(1, 5), max_size=2))
            judges.append(Judge(judge_id, rating, inst, teams, insts))
        else:
            judges.append(Judge(judge_id, rating))
    return rooms, judges


@given(tournaments(), st.sampled_from([None, 1, 3, 5]))
def test_every_judge_sits_at_most_once(tournament, panel_size):
    ids = [j for panel in allocate(*tournament, panel_size=panel_size) for j in seated(panel)]
    assert len(ids) == len(set(ids))


@given(tournaments(), st.sampled_from([None, 1, 3, 5]))
def test_no_panel_contains_a_conflicted_judge(tournament, panel_size):
    rooms, judges = tournament
    by_id = {j.id: j for j in judges}
    for need, panel in zip(rooms, allocate(rooms, judges, panel_size=panel_size), strict=True):
        assert panel.room == need.id
        assert not any(conflicted(by_id[j], need) for j in seated(panel))


@given(tournaments())
def test_panels_are_odd_whenever_a_chair_exists(tournament):
    for panel in allocate(*tournament):
        assert panel.short == (panel.chair is None)
        if panel.chair is not None:
            assert len(seated(panel)) % 2 == 1


@given(tournaments(), st.sampled_from([1, 3, 5]))
def test_panel_size_caps_panels_and_marks_short_ones(tournament, panel_size):
    for panel in allocate(*tournament, panel_size=panel_size):
        assert len(seated(panel)) <= panel_size
        assert panel.short == (len(seated(panel)) < panel_size)


@given(tournaments())
def test_panelists_are_listed_strongest_first(tournament):
    rooms, judges = tournament
    key = {j.id: (-j.rating, j.id) for j in judges}
    for panel in allocate(rooms, judges):
        assert list(panel.panelists) == sorted(panel.panelists, key=key.__getitem__)


@given(tournaments(conflicts=False))
def test_without_conflicts_chairs_weaken_along_importance(tournament):
    rooms, judges = tournament
    rating = {j.id: j.rating for j in judges}
    panels = {panel.room: panel for panel in allocate(rooms, judges)}
    ordered = sorted(rooms, key=lambda r: (-r.importance, r.id))
    chairs = [panels[r.id].chair for r in ordered if panels[r.id].chair is not None]
    assert [rating[c] for c in chairs] == sorted((rating[c] for c in chairs), reverse=True)
    assert len(chairs) == min(len(rooms), len(judges))


@given(tournaments(conflicts=False))
def test_without_conflicts_every_leftover_pair_is_used(tournament):
    rooms, judges = tournament
    chairs = min(len(rooms), len(judges))
    most_pairs = (len(judges) - chairs) // 2 if rooms else 0
    used = sum(len(seated(panel)) for panel in allocate(rooms, judges))
    assert used == chairs + 2 * most_pairs


@given(tournaments(), st.sampled_from([None, 3]))
def test_same_input_gives_the_same_output(tournament, panel_size):
    rooms, judges = tournament
    assert allocate(rooms, judges, panel_size=panel_size) == allocate(
        rooms, judges, panel_size=panel_size
    )


@given(tournaments(), st.sampled_from([None, 3]), st.randoms(use_true_random=False))
def test_the_order_of_judges_does_not_matter(tournament, panel_size, rng):
    rooms, judges = tournament
    shuffled = list(judges)
    rng.shuffle(shuffled)
    assert allocate(rooms, shuffled, panel_size=panel_size) == allocate(
        rooms, judges, panel_size=panel_size
    )
