"""British Parliamentary draws (app.debates.draw.bp): brackets, pull-ups, positions and
institutions, and properties over simulated tournaments."""

import itertools
import random
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.debates.draw import bp
from app.debates.draw.types import Flag, Room, TeamRecord

NEEDS = {  # a history whose only least-held position is the key
    0: (0, 1, 1, 1),
    1: (1, 0, 1, 1),
    2: (1, 1, 0, 1),
    3: (1, 1, 1, 0),
}


def team(id: int, points: int = 0, speaks: float = 0.0, **fields) -> TeamRecord:
    fields.setdefault("sides", (0, 0, 0, 0))
    return TeamRecord(id=id, points=points, speaks=speaks, **fields)


def spread(record: TeamRecord) -> int:
    return max(record.sides) - min(record.sides)


def play(records: dict[int, TeamRecord], rooms: list[Room], finish) -> None:
    """Record a round: ``finish(room)`` gives the room's teams best first (3/2/1/0 points)."""
    for room in rooms:
        order = list(finish(room))
        for position, team_id in enumerate(room.teams):
            record = records[team_id]
            sides = list(record.sides)
            sides[position] += 1
            records[team_id] = replace(
                record,
                points=record.points + 3 - order.index(team_id),
                speaks=record.speaks + 150 + order[::-1].index(team_id),
                sides=tuple(sides),
                pullups=record.pullups + (Flag.PULLED_UP in room.flags.get(team_id, ())),
            )


def check_round(teams: list[TeamRecord], rooms: list[Room]) -> None:
    """Every team in exactly one room of four; flags and brackets say what happened."""
    assert all(len(room.teams) == 4 for room in rooms)
    placed = [team_id for room in rooms for team_id in room.teams]
    assert sorted(placed) == sorted(record.id for record in teams)
    points = {record.id: record.points for record in teams}
    for room in rooms:
        assert set(room.flags) <= set(room.teams)
        for team_id in room.teams:
            pulled = Flag.PULLED_UP in room.flags.get(team_id, ())
            assert points[team_id] < room.bracket if pulled else points[team_id] == room.bracket
    check_institutions(teams, rooms)


def check_institutions(teams: list[TeamRecord], rooms: list[Room]) -> None:
    """SAME_INSTITUTION marks exactly the teams sharing a room with a team of their school."""
    school = {record.id: record.institution for record in teams}
    for room in rooms:
        schools = Counter(school[i] for i in room.teams if school[i] is not None)
        for team_id in room.teams:
            clash = schools[school[team_id]] > 1 if school[team_id] is not None else False
            assert (Flag.SAME_INSTITUTION in room.flags.get(team_id, ())) == clash


# --- brackets and pull-ups ------------------------------------------------------------------


def test_round_one_is_one_bracket():
    teams = [team(i) for i in range(1, 9)]
    rooms = bp.power_paired_draw(teams, seed=3)
    check_round(teams, rooms)
    assert [room.bracket for room in rooms] == [0, 0]
    assert all(not room.flags for room in rooms)


PULLUP_CASES = {
    # 8 teams: a bracket of one pulls three; the rest of the 3s then pull from 1 and from 0
    # (two brackets down). Team 2 was pulled up before, so it is passed over.
    "8 teams, cascade": (
        [(1, 6, 0, 0), (2, 3, 9, 1), (3, 3, 8, 0), (4, 3, 7, 0), (5, 3, 6, 0)]
        + [(6, 1, 0, 0), (7, 0, 5, 0), (8, 0, 4, 0)],
        [({1, 3, 4, 5}, 6, {3, 4, 5}), ({2, 6, 7, 8}, 3, {6, 7, 8})],
    ),
    # 12 teams after round one (three of each of 3/2/1/0 points): the best-ranked go up.
    "12 teams, round two": (
        [(i, 3 - (i - 1) // 3, 100 - i, 0) for i in range(1, 13)],
        [({1, 2, 3, 4}, 3, {4}), ({5, 6, 7, 8}, 2, {7, 8}), ({9, 10, 11, 12}, 1, {10, 11, 12})],
    ),
    # The same, but team 4 and team 7 were pulled up before: fewer pull-ups go first.
    "12 teams, fewest pull-ups first": (
        [(i, 3 - (i - 1) // 3, 100 - i, 1 if i in (4, 7) else 0) for i in range(1, 13)],
        [({1, 2, 3, 5}, 3, {5}), ({4, 6, 8, 9}, 2, {8, 9}), ({7, 10, 11, 12}, 1, {10, 11, 12})],
    ),
    # 12 teams, brackets of 8 and 4: nobody moves.
    "12 teams, even brackets": (
        [(i, 6 if i <= 8 else 3, 100 - i, 0) for i in range(1, 13)],
        [(None, 6, set()), (None, 6, set()), ({9, 10, 11, 12}, 3, set())],
    ),
}


@pytest.mark.parametrize("records, expected", PULLUP_CASES.values(), ids=PULLUP_CASES.keys())
def test_pullups(records, expected):
    teams = [team(i, points, speaks, pullups=pullups) for i, points, speaks, pullups in records]
    for seed in range(5):
        rooms = bp.power_paired_draw(teams, seed)
        check_round(teams, rooms)
        assert len(rooms) == len(expected)
        for room, (members, bracket, pulled) in zip(rooms, expected, strict=True):
            if members is not None:
                assert set(room.teams) == members
            assert room.bracket == bracket
            assert {i for i, flags in room.flags.items() if Flag.PULLED_UP in flags} == pulled


def test_rooms_fill_from_the_top_of_a_bracket():
    """Each position column is in rank order, so room k holds each column's k-th team."""
    teams = [team(i, 3, speaks=100 - i, sides=NEEDS[(i - 1) // 4]) for i in range(1, 17)]
    rooms = bp.power_paired_draw(teams, seed=0)
    assert [room.teams for room in rooms] == [(1, 5, 9, 13), (2, 6, 10, 14)] + [
        (3, 7, 11, 15),
        (4, 8, 12, 16),
    ]


def test_too_few_teams_for_rooms_of_four():
    with pytest.raises(ValueError, match="multiple of four teams, got 10: add 2 swing teams"):
        bp.power_paired_draw([team(i) for i in range(10)], seed=0)
    with pytest.raises(ValueError, match="add 1 swing team$"):
        bp.random_draw([team(i) for i in range(7)], seed=0)
    assert bp.power_paired_draw([], seed=0) == []


def test_records_are_checked():
    with pytest.raises(ValueError, match="unique"):
        bp.power_paired_draw([team(1), team(1), team(2), team(3)], seed=0)
    with pytest.raises(ValueError, match="four counts"):
        bp.power_paired_draw([team(i, sides=(1, 0)) for i in range(4)], seed=0)
    # A two-team style default (0, 0) means "never placed" and is accepted.
    rooms = bp.power_paired_draw([TeamRecord(id=i) for i in range(4)], seed=0)
    assert sorted(rooms[0].teams) == [0, 1, 2, 3]


# --- positions ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(10))
def test_each_team_gets_its_missing_position(seed):
    teams = [team(i, sides=NEEDS[need]) for i, need in zip((7, 3, 9, 1), (2, 0, 3, 1), strict=True)]
    (room,) = bp.power_paired_draw(teams, seed)
    assert room.teams == (3, 1, 7, 9)


def test_positions_are_spread_across_the_bracket():
    """Teams 1-4 have each sat everywhere but OG and rank top, teams 5-8 are fresh. Rooms of the
    rank order with the best positions inside each (room 1 = teams 1-4) would put three of
    1-4 outside OG; across the bracket both OG seats go to them and only two pay."""
    teams = [team(i, 3, speaks=100 - i, sides=(0, 1, 1, 1)) for i in range(1, 5)]
    teams += [team(i, 3, speaks=100 - i) for i in range(5, 9)]
    sides = {t.id: t.sides for t in teams}
    rooms = bp.power_paired_draw(teams, seed=1)
    assert {room.teams[0] for room in rooms} <= {1, 2, 3, 4}
    cost = sum(bp.position_cost(sides[i], p) for room in rooms for p, i in enumerate(room.teams))
    assert cost == 2
    room_by_room = min(
        sum(bp.position_cost(sides[i], p) for p, i in enumerate(perm))
        for perm in itertools.permutations([1, 2, 3, 4])
    )
    assert room_by_room == 3
    slots = [p for p in range(4) for _ in range(2)]
    best = min(
        sum(bp.position_cost(t.sides, p) for t, p in zip(teams, perm, strict=True))
        for perm in set(itertools.permutations(slots))
    )
    assert cost == best


BALANCE_CASES = [(8, 9), (12, 9), (16, 9), (24, 9), (32, 9), (64, 9)]


@pytest.mark.parametrize("size, rounds", BALANCE_CASES)
def test_positions_stay_balanced_over_a_tournament(size, rounds):
    """Fixed random tournaments: no team's spread goes above 2 (see the module docstring),
    and after four rounds most teams have sat in every position."""
    for tournament in range(3):
        rng = random.Random(f"{size}-{tournament}")
        records = {i: team(i) for i in range(1, size + 1)}
        for number in range(rounds):
            rooms = bp.power_paired_draw(list(records.values()), seed=number)
            check_round(list(records.values()), rooms)
            play(records, rooms, lambda room, rng=rng: rng.sample(room.teams, 4))
            assert max(spread(record) for record in records.values()) <= 2
            if number == 3:
                perfect = sum(record.sides == (1, 1, 1, 1) for record in records.values())
                assert perfect >= size // 2


def test_same_seed_same_draw():
    rng = random.Random(5)
    teams = [
        team(i, rng.randint(0, 6), rng.uniform(0, 300), sides=NEEDS[rng.randrange(4)])
        for i in range(32)
    ]
    assert bp.power_paired_draw(teams, 11) == bp.power_paired_draw(teams[::-1], 11)
    assert bp.random_draw(teams, 11) == bp.random_draw(teams[::-1], 11)
    fresh = [team(i) for i in range(32)]
    draws = {tuple(room.teams for room in bp.power_paired_draw(fresh, seed)) for seed in range(5)}
    assert len(draws) > 1  # the seed breaks the ties between equal histories


# --- institutions ---------------------------------------------------------------------------


def test_swap_with_the_adjacent_room_removes_a_clash():
    """Without the swap the rooms would be (1, 3, 5, 7) and (2, 4, 6, 8); 1 and 3 share a
    school, and exchanging 1 with 2 (both OG: no position cost) clears it."""
    teams = [
        team(i, 3, 100 - i, sides=NEEDS[(i - 1) // 2], institution=10 if i in (1, 3) else i)
        for i in range(1, 9)
    ]
    rooms = bp.power_paired_draw(teams, seed=0)
    assert [room.teams for room in rooms] == [(2, 3, 5, 7), (1, 4, 6, 8)]
    assert rooms[0].flags == {2: (Flag.SWAPPED_INSTITUTION,)}
    assert rooms[1].flags == {1: (Flag.SWAPPED_INSTITUTION,)}


def test_unavoidable_clash_is_flagged():
    # One room in the bracket: nobody to swap with. Brackets 6 and 3 do not swap across.
    teams = [team(i, 6, institution=1 if i < 3 else i) for i in range(1, 5)]
    teams += [team(i, 3, institution=2 if i > 6 else i) for i in range(5, 9)]
    rooms = bp.power_paired_draw(teams, seed=0)
    assert {i: f for room in rooms for i, f in room.flags.items()} == {
        1: (Flag.SAME_INSTITUTION,),
        2: (Flag.SAME_INSTITUTION,),
        7: (Flag.SAME_INSTITUTION,),
        8: (Flag.SAME_INSTITUTION,),
    }


def test_one_school_everywhere_cannot_be_helped():
    teams = [team(i, institution=1) for i in range(8)]
    rooms = bp.power_paired_draw(teams, seed=0)
    assert all(flags == (Flag.SAME_INSTITUTION,) for room in rooms for flags in room.flags.values())
    assert sum(len(room.flags) for room in rooms) == 8


# --- the random draw ------------------------------------------------------------------------


def test_random_draw():
    teams = [team(i, points=i % 4, institution=i % 3) for i in range(24)]
    rooms = bp.random_draw(teams, seed=2)
    assert all(len(room.teams) == 4 for room in rooms)
    assert sorted(i for room in rooms for i in room.teams) == list(range(24))
    assert all(room.bracket == max(i % 4 for i in room.teams) for room in rooms)
    assert rooms != bp.random_draw(teams, seed=3)
    check_institutions(teams, rooms)
    # 24 teams of 3 schools in rooms of four: every room has a pair of one school.
    assert all(max(Counter(i % 3 for i in room.teams).values()) >= 2 for room in rooms)


# --- properties -----------------------------------------------------------------------------

records = st.builds(
    lambda points, speaks, sides, pullups, institution: dict(
        points=points, speaks=speaks, sides=sides, pullups=pullups, institution=institution
    ),
    st.integers(0, 12),
    st.integers(0, 600),
    st.tuples(*[st.integers(0, 4)] * 4),
    st.integers(0, 3),
    st.none() | st.integers(0, 6),
)


@given(st.integers(1, 10).flatmap(lambda n: st.lists(records, min_size=4 * n, max_size=4 * n)))
def test_every_team_once_in_a_room_of_four(fields):
    teams = [team(i, **f) for i, f in enumerate(fields)]
    for draw in (bp.power_paired_draw, bp.random_draw):
        rooms = draw(teams, seed=len(teams))
        assert all(len(room.teams) == 4 for room in rooms)
        assert sorted(i for room in rooms for i in room.teams) == list(range(len(teams)))
    rooms = bp.power_paired_draw(teams, seed=0)
    check_round(teams, rooms)
    assert [room.bracket for room in rooms] == sorted(
        (room.bracket for room in rooms), reverse=True
    )


@given(
    st.lists(st.tuples(*[st.integers(0, 4)] * 4), min_size=8, max_size=8)
    | st.lists(st.tuples(*[st.integers(0, 4)] * 4), min_size=4, max_size=4),
    st.randoms(use_true_random=False),
)
def test_split_is_optimal(histories, rng):
    """Against brute force over every split of 4 or 8 teams into equal columns."""
    teams = [team(i, sides=sides) for i, sides in enumerate(histories)]
    columns = bp.split_into_positions(teams, rng)
    assert [len(column) for column in columns] == [len(teams) // 4] * 4
    got = sum(bp.position_cost(t.sides, p) for p, column in enumerate(columns) for t in column)
    slots = [p for p in range(4) for _ in range(len(teams) // 4)]
    best = min(
        sum(bp.position_cost(t.sides, p) for t, p in zip(teams, perm, strict=True))
        for perm in set(itertools.permutations(slots))
    )
    assert got == best


def tournament(data, size: int, rounds: int) -> int:
    """Play a BP tournament whose results Hypothesis chooses, checking each round; the worst
    spread of any team after any round."""
    records = {i: team(i) for i in range(1, size + 1)}
    worst = 0
    for number in range(rounds):
        rooms = bp.power_paired_draw(list(records.values()), seed=number)
        check_round(list(records.values()), rooms)
        play(records, rooms, lambda room: data.draw(st.permutations(room.teams)))
        worst = max(worst, max(spread(record) for record in records.values()))
    return worst


@settings(deadline=None)
@given(st.data(), st.sampled_from([8, 12]), st.integers(1, 9))
def test_small_tournaments_keep_positions_within_two(data, size, rounds):
    assert tournament(data, size, rounds) <= 2


@settings(deadline=None, max_examples=40)
@given(st.data(), st.sampled_from([16, 20, 24]), st.integers(4, 9))
def test_larger_tournaments_keep_positions_within_three(data, size, rounds):
    """Results chosen to hurt force a spread of 3 from 16 teams on, and of 4 from 32 (see the
    module docstring); random results keep to 2 (test_positions_stay_balanced_...)."""
    assert tournament(data, size, rounds) <= 3
