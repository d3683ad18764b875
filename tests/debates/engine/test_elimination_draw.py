"""Elimination rounds (app.debates.draw.elimination): byes, folds and the fixed bracket, for
two-team formats and British Parliamentary."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.debates.draw.elimination import (
    bp_break_rounds,
    break_rounds,
    first_bp_elimination,
    first_elimination,
    next_bp_elimination,
    next_elimination,
)
from app.debates.draw.types import Flag, Room


def teams_of(rooms: list[Room]) -> list[tuple[int, ...]]:
    return [room.teams for room in rooms]


def byes_of(rooms: list[Room]) -> list[int]:
    return [room.teams[0] for room in rooms if len(room.teams) == 1]


def favourites(rooms: list[Room], per_room: int = 1) -> set[int]:
    """The best seeds (lowest ids, as the seeds are 1..n) of each debate win."""
    return {team for room in rooms if len(room.teams) > 1 for team in sorted(room.teams)[:per_room]}


# --- two-team formats -----------------------------------------------------------------------

FIRST_ROUNDS = {
    2: [(1, 2)],
    3: [(1,), (2, 3)],
    5: [(1,), (2,), (3,), (4, 5)],
    6: [(1,), (2,), (3, 6), (4, 5)],
    8: [(1, 8), (2, 7), (3, 6), (4, 5)],
    12: [(1,), (2,), (3,), (4,), (5, 12), (6, 11), (7, 10), (8, 9)],
    16: [(i, 17 - i) for i in range(1, 9)],
    24: [(i,) for i in range(1, 9)] + [(i, 33 - i) for i in range(9, 17)],
}


@pytest.mark.parametrize("size, expected", FIRST_ROUNDS.items(), ids=str)
def test_first_round(size, expected):
    rooms = first_elimination(list(range(1, size + 1)))
    assert teams_of(rooms) == expected
    for room in rooms:
        assert room.flags == ({room.teams[0]: (Flag.BYE,)} if len(room.teams) == 1 else {})


def test_seeds_are_team_ids_in_break_order():
    assert teams_of(first_elimination([40, 10, 30, 20, 50, 60])) == [
        (40,),
        (10,),
        (30, 60),
        (20, 50),
    ]


BREAK_ROUNDS = {
    2: [2],
    3: [3, 2],
    6: [6, 4, 2],
    8: [8, 4, 2],
    12: [12, 8, 4, 2],
    16: [16, 8, 4, 2],
    24: [24, 16, 8, 4, 2],
    33: [33, 32, 16, 8, 4, 2],
}


@pytest.mark.parametrize("size, expected", BREAK_ROUNDS.items(), ids=str)
def test_break_rounds(size, expected):
    assert break_rounds(size) == expected


LATER_ROUNDS = {
    # size: the rounds after the first when the better seed always wins
    6: [[(1, 4), (2, 3)], [(1, 2)]],
    8: [[(1, 4), (2, 3)], [(1, 2)]],
    12: [[(1, 8), (2, 7), (3, 6), (4, 5)], [(1, 4), (2, 3)], [(1, 2)]],
    16: [[(1, 8), (2, 7), (3, 6), (4, 5)], [(1, 4), (2, 3)], [(1, 2)]],
    24: [[(i, 17 - i) for i in range(1, 9)], [(1, 8), (2, 7), (3, 6), (4, 5)]],
}


@pytest.mark.parametrize("size, expected", LATER_ROUNDS.items(), ids=str)
def test_later_rounds_fold_the_winners(size, expected):
    rooms = first_elimination(list(range(1, size + 1)))
    for round_ in expected:
        rooms = next_elimination(rooms, favourites(rooms))
        assert teams_of(rooms) == round_


def test_upsets_keep_the_bracket():
    """The bracket is fixed: a winner takes its room's slot, nobody is re-seeded."""
    seeds = list(range(1, 13))
    rooms = first_elimination(seeds)
    rooms = next_elimination(rooms, [12, 6, 10, 9])  # 12 beat 5, 10 beat 7, 9 beat 8
    # Slot 8 (the 8 v 9 room) meets seed 1, slot 5 (5 v 12) meets seed 4.
    assert teams_of(rooms) == [(1, 9), (2, 10), (3, 6), (4, 12)]
    rooms = next_elimination(rooms, [9, 2, 6, 12])
    assert teams_of(rooms) == [(9, 12), (2, 6)]  # slot order: the team from slot 1 proposes
    assert teams_of(next_elimination(rooms, [9, 2])) == [(9, 2)]
    # With the seeds, the higher seed takes proposition whatever slot it holds.
    assert teams_of(next_elimination(rooms, [9, 2], seeds=seeds)) == [(2, 9)]
    rooms = next_elimination(first_elimination(seeds), [12, 6, 10, 9], seeds=seeds)
    assert teams_of(rooms) == [(1, 9), (2, 10), (3, 6), (4, 12)]


def test_bye_teams_may_be_listed_as_winners():
    rooms = first_elimination([1, 2, 3, 4, 5, 6])
    assert next_elimination(rooms, [1, 2, 3, 4]) == next_elimination(rooms, [3, 4])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: first_elimination([1]), "at least 2 teams"),
        (lambda: first_elimination([1, 2, 1]), "twice"),
        (lambda: break_rounds(1), "at least 2"),
        (
            lambda: next_elimination(first_elimination([1, 2, 3, 4]), [1, 4]),
            r"exactly 1 .*\[1, 4\]",
        ),
        (lambda: next_elimination(first_elimination([1, 2, 3, 4]), [1]), r"exactly 1 .*\[\]"),
        (lambda: next_elimination(first_elimination([1, 2, 3, 4]), [1, 2, 9]), r"\[9\]"),
        (lambda: next_elimination(first_elimination([1, 2]), [1]), "final"),
        (lambda: next_elimination(first_elimination(list(range(8)))[:3], [0, 1, 2]), "power"),
        (lambda: next_elimination([Room(teams=(1, 2, 3))], [1]), "two-team"),
        (lambda: next_elimination(first_elimination([1, 2, 3, 4]), [1, 2], seeds=[1]), "seeds"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@given(st.integers(2, 64), st.data())
def test_any_break_size(size, data):
    seeds = data.draw(st.permutations(range(100, 100 + size)))
    rooms = first_elimination(seeds)
    assert sorted(team for room in rooms for team in room.teams) == sorted(seeds)
    assert all(len(room.teams) in (1, 2) for room in rooms)
    byes = byes_of(rooms)
    assert byes == seeds[: len(byes)]  # the byes are the top seeds
    assert all(Flag.BYE in room.flags[room.teams[0]] for room in rooms if len(room.teams) == 1)
    # Round one: the better seed proposes, folded (best remaining v worst).
    debates = [room.teams for room in rooms if len(room.teams) == 2]
    rest = seeds[len(byes) :]
    assert debates == [(rest[i], rest[-1 - i]) for i in range(len(rest) // 2)]
    advancing = len(byes) + len(debates)
    assert advancing & (advancing - 1) == 0  # a power of two
    assert [len(byes) + 2 * len(debates)] + break_rounds(size)[1:] == break_rounds(size)
    # Play it out with any results: each round halves the field, one champion remains.
    entrants = set(seeds)
    counts = []
    while True:
        assert sorted(team for room in rooms for team in room.teams) == sorted(entrants)
        counts.append(len(entrants))
        if len(rooms) == 1:
            break
        winners = [data.draw(st.sampled_from(room.teams)) for room in rooms if len(room.teams) > 1]
        entrants = set(byes_of(rooms)) | set(winners)
        rooms = next_elimination(rooms, winners)
        assert all(len(room.teams) == 2 for room in rooms)
    assert counts == break_rounds(size)


@given(st.integers(2, 64))
def test_top_seed_meets_the_lowest_seed_left(size):
    """When favourites win, every round is a fold of the seeds still in."""
    seeds = list(range(1, size + 1))
    rooms = first_elimination(seeds)
    while len(rooms) > 1:
        rooms = next_elimination(rooms, favourites(rooms))
        left = sorted(team for room in rooms for team in room.teams)
        assert teams_of(rooms) == [(left[i], left[-1 - i]) for i in range(len(left) // 2)]
    assert rooms[0].teams == (1, 2) or size == 2


# --- British Parliamentary ------------------------------------------------------------------

BP_FIRST_ROUNDS = {
    4: [(1, 2, 3, 4)],
    6: [(1,), (2,), (3, 4, 5, 6)],
    8: [(1, 4, 5, 8), (2, 3, 6, 7)],
    12: [(1,), (2,), (3,), (4,), (5, 8, 9, 12), (6, 7, 10, 11)],
    16: [(1, 8, 9, 16), (2, 7, 10, 15), (3, 6, 11, 14), (4, 5, 12, 13)],
    24: [(i,) for i in range(1, 9)]
    + [(9, 16, 17, 24), (10, 15, 18, 23), (11, 14, 19, 22), (12, 13, 20, 21)],
    32: [(j, 17 - j, 16 + j, 33 - j) for j in range(1, 9)],
    48: [(i,) for i in range(1, 17)] + [(16 + j, 33 - j, 32 + j, 49 - j) for j in range(1, 9)],
}


@pytest.mark.parametrize("size, expected", BP_FIRST_ROUNDS.items(), ids=str)
def test_bp_first_round(size, expected):
    rooms = first_bp_elimination(list(range(1, size + 1)))
    assert teams_of(rooms) == expected
    assert byes_of(rooms) == [room[0] for room in expected if len(room) == 1]
    assert all(room.flags == {room.teams[0]: (Flag.BYE,)} for room in rooms if len(room.teams) == 1)


BP_BREAK_ROUNDS = {
    4: [4],
    6: [6, 4],
    8: [8, 4],
    12: [12, 8, 4],
    16: [16, 8, 4],
    24: [24, 16, 8, 4],
    48: [48, 32, 16, 8, 4],
}


@pytest.mark.parametrize("size, expected", BP_BREAK_ROUNDS.items(), ids=str)
def test_bp_break_rounds(size, expected):
    assert bp_break_rounds(size) == expected


BP_LATER_ROUNDS = {
    # size: the rounds after the first when the two best seeds of each room go through
    8: [[(1, 2, 3, 4)]],
    12: [[(1, 4, 5, 8), (2, 3, 6, 7)], [(1, 2, 3, 4)]],
    16: [[(1, 4, 5, 8), (2, 3, 6, 7)], [(1, 2, 3, 4)]],
    48: [[(j, 17 - j, 16 + j, 33 - j) for j in range(1, 9)], BP_FIRST_ROUNDS[16]],
}


@pytest.mark.parametrize("size, expected", BP_LATER_ROUNDS.items(), ids=str)
def test_bp_later_rounds(size, expected):
    rooms = first_bp_elimination(list(range(1, size + 1)))
    for round_ in expected:
        rooms = next_bp_elimination(rooms, favourites(rooms, per_room=2))
        assert teams_of(rooms) == round_


def test_bp_quarterfinal_rooms_meet_by_the_fold():
    """Quarterfinals of 16: rooms 1 and 4 make one semifinal, rooms 2 and 3 the other,
    whoever advances; each room's teams sit in seed order when the seeds are given."""
    seeds = list(range(1, 17))
    rooms = first_bp_elimination(seeds)
    semis = next_bp_elimination(rooms, [16, 9, 7, 10, 3, 14, 12, 13])
    # Without the seeds, slot order: each room's better-placed advancer takes its better slot.
    assert teams_of(semis) == [(9, 12, 13, 16), (7, 3, 14, 10)]
    semis = next_bp_elimination(rooms, [16, 9, 7, 10, 3, 14, 12, 13], seeds=seeds)
    assert teams_of(semis) == [(9, 12, 13, 16), (3, 7, 10, 14)]
    assert teams_of(next_bp_elimination(semis, [9, 16, 3, 14], seeds=seeds)) == [(3, 9, 14, 16)]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: first_bp_elimination([1, 2, 3]), "at least 4"),
        (lambda: first_bp_elimination(list(range(10, 19))), "even number"),
        (lambda: bp_break_rounds(2), "even number"),
        (lambda: next_bp_elimination(first_bp_elimination(list(range(8))), [0, 4, 1]), "exactly 2"),
        (lambda: next_bp_elimination(first_bp_elimination(list(range(4))), [0, 1]), "final"),
        (lambda: next_bp_elimination([Room(teams=(1, 2))], [1]), "four teams"),
        (
            lambda: next_bp_elimination(first_bp_elimination(list(range(12)))[::-1], [0]),
            "byes come first",
        ),
        (
            lambda: next_bp_elimination(first_bp_elimination(list(range(8))), [0, 3, 1, 2, 99]),
            r"\[99\]",
        ),
    ],
)
def test_bp_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@given(st.integers(2, 32).map(lambda half: 2 * half), st.data())
def test_any_bp_break(size, data):
    seeds = data.draw(st.permutations(range(100, 100 + size)))
    rooms = first_bp_elimination(seeds)
    assert sorted(team for room in rooms for team in room.teams) == sorted(seeds)
    assert all(len(room.teams) in (1, 4) for room in rooms)
    byes = byes_of(rooms)
    assert byes == seeds[: len(byes)]
    # Play it out with any results: rooms of four, 4 * 2**k teams from round two on.
    entrants = set(seeds)
    counts = []
    while True:
        assert sorted(team for room in rooms for team in room.teams) == sorted(entrants)
        counts.append(len(entrants))
        if len(rooms) == 1:
            break
        advancing = [
            team
            for room in rooms
            if len(room.teams) == 4
            for team in data.draw(st.permutations(room.teams))[:2]
        ]
        entrants = set(byes_of(rooms)) | set(advancing)
        rooms = next_bp_elimination(rooms, advancing)
        assert all(len(room.teams) == 4 for room in rooms)
        assert len(rooms) & (len(rooms) - 1) == 0
    assert counts == bp_break_rounds(size)
