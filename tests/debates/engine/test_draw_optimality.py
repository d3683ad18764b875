"""The draws against exact solvers on small sizes (issue 26's targets).

Two-team power draw: every pairing of the playing teams is enumerated (up to 12 teams:
10,395 pairings) and the best one found by brute force, lexicographically on (repeats,
same-institution rooms); inside the draw's own brackets, on (repeats, same-institution
rooms, side cost) with each room's sides chosen at best. The engine must reach the same
figures: no repeat and no same-institution room whenever some pairing has none, never more
repeats than necessary, and — whenever its brackets can be paired without conflicts — the
least side cost those brackets allow. BP: the position cost of each bracket equals the
optimal assignment of its teams to (room, position) places (`split_into_positions` is
compared with brute force in test_bp_draw; here the whole draw, after institutions are
separated, is)."""

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.debates.draw import bp, quality, two_team
from app.debates.draw.types import Flag, Room, TeamRecord


def matchings(items: Sequence[TeamRecord]) -> Iterator[list[tuple[TeamRecord, TeamRecord]]]:
    """Every perfect matching of an even list."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for k, partner in enumerate(rest):
        for tail in matchings(rest[:k] + rest[k + 1 :]):
            yield [(first, partner), *tail]


def conflicts(pairs) -> tuple[int, int]:
    return (
        sum(two_team.have_met(a, b) for a, b in pairs),
        sum(two_team.same_institution(a, b) for a, b in pairs),
    )


def best_sides(a: TeamRecord, b: TeamRecord) -> int:
    cost = two_team.side_cost
    return min(cost(a, 0) + cost(b, 1), cost(b, 0) + cost(a, 1))


def bracket_optimum(teams: Sequence[TeamRecord]) -> tuple[int, int, int]:
    return min((*conflicts(m), sum(best_sides(a, b) for a, b in m)) for m in matchings(teams))


def draw_figures(records: dict[int, TeamRecord], rooms: list[Room]) -> tuple[int, int, int]:
    pairs = [tuple(records[i] for i in room.teams) for room in rooms if len(room.teams) == 2]
    sides = sum(
        two_team.side_cost(records[prop], 0) + two_team.side_cost(records[opp], 1)
        for prop, opp in (room.teams for room in rooms if len(room.teams) == 2)
    )
    return (*conflicts(pairs), sides)


@st.composite
def small_fields(draw):
    """Up to 12 teams, about three per school, with random histories of a few rounds."""
    n = draw(st.integers(2, 12))
    rng = random.Random(draw(st.integers(0, 2**32)))
    schools = max(1, round(n / 3))
    rounds = draw(st.integers(0, 5))
    records = {}
    for i in range(n):
        prop = rng.randint(0, rounds)
        records[i] = TeamRecord(
            id=i,
            institution=rng.randrange(schools),
            points=rng.randint(0, rounds),
            speaks=float(rng.randint(0, 3)),
            met=frozenset(rng.sample(range(n), min(n - 1, rng.randint(0, rounds)))) - {i},
            sides=(prop, rounds - prop),
            pullups=rng.randint(0, 1),
        )
    return records, draw(st.sampled_from(two_team.PAIRINGS)), draw(st.integers(0, 99))


@settings(max_examples=250, deadline=None)
@given(small_fields())
def test_conflicts_are_as_few_as_any_pairing_allows(field):
    records, pairing, seed = field
    teams = list(records.values())
    rooms = two_team.power_paired_draw(teams, seed, pairing=pairing)
    playing = [records[i] for room in rooms if len(room.teams) == 2 for i in room.teams]
    repeats, institutions, _ = draw_figures(records, rooms)
    best = min(conflicts(m) for m in matchings(playing))
    assert repeats == best[0]  # never a repeat more than necessary
    if best == (0, 0):
        assert institutions == 0  # no conflict at all whenever some pairing has none
    assert (repeats, institutions) == best


def _record(id, institution, points, speaks, met, sides, pullups):
    return TeamRecord(id, institution, points, speaks, frozenset(met), sides, pullups)


# Found by this test's random search (CI, 2026-12-06): augmenting re-paired the bracket of
# eight cleanly but left three teams off their due side where one was the least possible.
FOLD_SEED_1_SIDES_LOST = (
    {
        team.id: team
        for team in (
            _record(0, 2, 0, 3.0, (), (1, 0), 0),
            _record(1, 1, 1, 0.0, {4}, (0, 1), 1),
            _record(2, 0, 1, 3.0, {8}, (1, 0), 0),
            _record(3, 0, 0, 1.0, {6}, (0, 1), 0),
            _record(4, 0, 1, 2.0, {0}, (1, 0), 1),
            _record(5, 2, 1, 3.0, {3}, (1, 0), 0),
            _record(6, 2, 1, 1.0, (), (0, 1), 1),
            _record(7, 2, 1, 2.0, (), (0, 1), 1),
            _record(8, 0, 0, 1.0, (), (1, 0), 1),
            _record(9, 0, 1, 3.0, (), (0, 1), 1),
        )
    },
    "fold",
    1,
)


@settings(max_examples=250, deadline=None)
@example(FOLD_SEED_1_SIDES_LOST, "conflicts")
@given(small_fields(), st.sampled_from(["conflicts", "brackets"]))
def test_sides_are_as_even_as_the_brackets_allow(field, priority):
    records, pairing, seed = field
    teams = list(records.values())
    rooms = two_team.power_paired_draw(teams, seed, pairing=pairing, priority=priority)
    bye = two_team.lowest_ranked_bye(teams)
    playing = [team for team in teams if bye is None or team.id != bye.id]
    rng = random.Random(seed)
    brackets = two_team.even_brackets(two_team.split_brackets(playing), "top", rng)
    optimum = [bracket_optimum(bracket.teams) for bracket in brackets]
    if priority == "conflicts" and any(best[:2] != (0, 0) for best in optimum):
        return  # conflicts may then pull teams across brackets: no bracket optimum to meet
    ours = draw_figures(records, rooms)
    assert ours == tuple(sum(best[k] for best in optimum) for k in range(3))


@settings(max_examples=250, deadline=None)
@given(small_fields())
def test_sides_before_brackets_when_the_tournament_says_so(field):
    """The "sides" priority: the fewest conflicts, then the least side cost of any pairing
    at all, then the fewest points apart."""
    records, pairing, seed = field
    teams = list(records.values())
    rooms = two_team.power_paired_draw(teams, seed, pairing=pairing, priority="sides")
    playing = [records[i] for room in rooms if len(room.teams) == 2 for i in room.teams]

    def figures(pairs):
        apart = sum(abs(a.points - b.points) for a, b in pairs)
        return (*conflicts(pairs), sum(best_sides(a, b) for a, b in pairs), apart)

    ours = [tuple(records[i] for i in room.teams) for room in rooms if len(room.teams) == 2]
    assert figures(ours) == min(figures(m) for m in matchings(playing))
    assert draw_figures(records, rooms)[2] == figures(ours)[2]  # each room's sides at best


def play(records: dict[int, TeamRecord], rooms: list[Room], rng: random.Random) -> None:
    for room in rooms:
        if len(room.teams) == 1:
            (i,) = room.teams
            records[i] = replace(records[i], points=records[i].points + 1, byes=records[i].byes + 1)
            continue
        winner = rng.choice(room.teams)
        for side, me in enumerate(room.teams):
            record = records[me]
            sides = list(record.sides)
            sides[side] += 1
            records[me] = replace(
                record,
                points=record.points + (me == winner),
                speaks=record.speaks + rng.randint(200, 240),
                met=record.met | (set(room.teams) - {me}),
                sides=tuple(sides),
                pullups=record.pullups + (Flag.PULLED_UP in room.flags[me]),
            )


@settings(max_examples=60, deadline=None)
@given(st.integers(4, 12), st.integers(0, 2**32))
def test_simulated_tournaments_meet_the_targets(size, seed):
    """Six rounds, about three teams per school, random results: every round of the power
    draw has the fewest conflicts any pairing allows, and after round 4 a team whose sides
    are two or more apart was flagged, in some round, with the reason its side was lost."""
    rng = random.Random(seed)
    records = {
        i: TeamRecord(id=i, institution=rng.randrange(max(1, size // 3))) for i in range(size)
    }
    explained: set[int] = set()
    for number in range(1, 7):
        teams = list(records.values())
        if number == 1:
            rooms = two_team.random_draw(teams, seed)
        else:
            rooms = two_team.power_paired_draw(teams, seed + number)
            playing = [records[i] for room in rooms if len(room.teams) == 2 for i in room.teams]
            best = min(conflicts(m) for m in matchings(playing))
            assert draw_figures(records, rooms)[:2] == best
        for room in rooms:
            for team_id, flags in room.flags.items():
                if {Flag.SIDES_BRACKET, Flag.SIDES_CONFLICT} & set(flags) or (
                    number == 1 and Flag.SIDES_UNBALANCED in flags
                ):
                    explained.add(team_id)
        play(records, rooms, rng)
        if number >= 4:
            apart = {i for i, r in records.items() if abs(r.sides[0] - r.sides[1]) >= 2}
            assert apart <= explained


# --- British Parliamentary -------------------------------------------------------------------


def optimal_positions(teams: Sequence[TeamRecord]) -> int:
    """The least position cost of a bracket, by brute force over which team takes which
    place: the cost depends only on the position, so over the multiset of position columns."""
    places = [p for p in range(4) for _ in range(len(teams) // 4)]
    return min(
        sum(bp.position_cost(bp._sides(team), p) for team, p in zip(teams, order, strict=True))
        for order in set(itertools.permutations(places))
    )


@st.composite
def bp_fields(draw):
    rooms = draw(st.integers(1, 2))
    rng = random.Random(draw(st.integers(0, 2**32)))
    rounds = draw(st.integers(0, 4))
    records = {}
    for i in range(4 * rooms):
        sides = [0, 0, 0, 0]
        for _ in range(rounds):
            sides[rng.randrange(4)] += 1
        records[i] = TeamRecord(
            id=i,
            institution=rng.randrange(max(1, rooms * 4 // 3)),
            points=rng.choice([0, 0, 3]) if rounds else 0,
            speaks=float(rng.randint(0, 9)),
            sides=tuple(sides),
        )
    return records, draw(st.integers(0, 99))


@settings(max_examples=150, deadline=None)
@given(bp_fields())
def test_bp_positions_cost_no_more_than_an_optimal_assignment(field):
    records, seed = field
    rooms = bp.power_paired_draw(list(records.values()), seed)
    ranked = sorted(records.values(), key=bp._rank_key)
    total = sum(optimal_positions(members) for _, members, _ in bp._brackets(ranked))
    ours = quality.measure(list(records.values()), rooms)
    assert ours.side_cost == total
