"""British Parliamentary draws: rooms of four teams in the positions OG, OO, CG and CO.

The rules, in the order the power-paired draw applies them:

1. **Ranking.** Teams are ranked by ``points`` (BP team points, 3/2/1/0 per room), then
   ``speaks``, then ``id`` (all descending except ``id``). A *bracket* is all teams on the same
   points.
2. **Pull-ups.** Brackets are filled from the top. When a bracket's size is not a multiple of
   four, the missing teams are pulled up from the bracket below (and from the one below that if
   that bracket is too small): among the candidates, the teams pulled up so far the fewest times
   (``pullups``) go first, then the best ranked (the closest in strength). They get
   :attr:`Flag.PULLED_UP`; every room of the bracket has ``bracket`` = the bracket's points.
3. **Positions.** Each team's history ``sides`` counts its OG/OO/CG/CO appearances. Giving a team
   position *p* costs ``(sides[p] - min(sides)) ** 2``: its excess in that position over its
   least-held one, squared. Zero when the position is one of the team's least-held; convex, so
   one team put two over its least-held position costs as much as four teams put one over, and
   the spread (most-held minus least-held count) of the worst-off teams is kept down. The plain
   sum of squared counts (its marginal cost is ``sides[p]``, linear) spreads the burden less
   evenly: in simulations it let spreads of 3 through where this cost kept 2 (see Balance).
   Positions are optimised over the **whole bracket**, not room by room: the cost depends only
   on the position, so the problem is to split the bracket's teams into four equal columns
   (OG, OO, CG, CO) at the least total cost, a transportation problem with four destinations.
   :func:`split_into_positions` solves it exactly by successive shortest paths (the Hungarian
   method, one team at a time, over a residual graph of only four position nodes), in
   O(n log n). A room-by-room optimum (24 permutations of four fixed teams) is weaker: four
   teams that all need OG would share a room whenever the ranking put them together, while
   across the bracket they can be spread out.
4. **Rooms.** Each column is sorted by rank and room *k* of the bracket takes the *k*-th team of
   every column, so the rooms are filled from the top and teams pulled up end in the bracket's
   last rooms.
5. **Institutions.** Where a room holds two teams of one institution and exchanging one of them
   with a team of another room of the same bracket lowers the number of same-institution
   pairs in the two rooms *without raising the position cost* (an exchange inside one
   position column always qualifies: both teams keep their position; across columns only
   when the costs come out equal), the exchange is made (the one leaving the fewest such
   pairs, then with the nearest room) and both teams get :attr:`Flag.SWAPPED_INSTITUTION`.
   Clashes no such exchange removes are flagged :attr:`Flag.SAME_INSTITUTION`. So the draw's
   position cost is always the bracket's optimum (tests/debates/engine/test_draw_optimality
   checks it against brute force); until 2026-12 an exchange could trade position cost for
   a clash, and only with an adjacent room.

Ties (equal position costs) are broken by ``random.Random(seed)``, so a draw is deterministic
given its seed. The number of teams must be a multiple of four; tournaments add swing teams.

:func:`random_draw` puts every team in one bracket, assigns positions with the same optimum,
then deals each position column into the rooms at random (with the same institution swaps);
each room's ``bracket`` is the highest ``points`` among its teams.

**Balance.** No draw that keeps to brackets can bound the spread by a constant: four teams of
one bracket with the same history, (2, 0, 0, 0) say, must fill OG, OO, CG and CO, and one of them
goes to 3. Results can make that happen again and again: if OG always wins, the top bracket of
each round is made of teams that sat OG in every round before, and with 64 teams the spread
reaches 4 (5 with 128) in 9 rounds. What was measured for this draw, 9 rounds, spread after
every round:

- results chosen adversarially by Hypothesis (tens of thousands of tournaments per size):
  8 and 12 teams never above 2; 16, 20 and 24 teams never above 3; with 32 teams the search
  found a tournament that reaches 4 in round 7;
- random results (1,000 tournaments per size, 8 to 64 teams): never above 2. The linear cost
  above reached 3 in 0.1 to 0.3 % of the tournaments of 24 to 64 teams.

The tests assert those bounds (adversarial results for 8 to 24 teams, fixed random tournaments
up to 64). What is proven is that each bracket's split is optimal for the cost (successive
shortest paths; the tests also check it against brute force), so in particular whenever a
bracket can be split with every team in one of its least-held positions, it is.
"""

import random
from collections.abc import Callable, Iterable, Sequence
from heapq import heappop, heappush
from itertools import combinations, groupby

from app.debates.draw.types import Flag, Room, TeamRecord

POSITIONS = ("OG", "OO", "CG", "CO")


def position_cost(sides: Sequence[int], position: int) -> int:
    """What placing a team with the position history ``sides`` in ``position`` costs."""
    return (sides[position] - min(sides)) ** 2


def power_paired_draw(teams: Sequence[TeamRecord], seed: int) -> list[Room]:
    """A power-paired BP round: rooms of four, best bracket first, teams as (OG, OO, CG, CO)."""
    _validate(teams)
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    ranked = sorted(teams, key=_rank_key)
    rooms: list[Room] = []
    for points, members, pulled in _brackets(ranked):
        columns = split_into_positions(members, rng)
        for column in columns:
            column.sort(key=_rank_key)
        seats = [list(seat) for seat in zip(*columns, strict=True)]
        flags = {team.id: [Flag.PULLED_UP] for team in pulled}
        _separate_institutions(seats, flags)
        rooms.extend(_rooms(seats, flags, lambda _seat, p=points: p))
    return rooms


def random_draw(teams: Sequence[TeamRecord], seed: int) -> list[Room]:
    """A random BP round (usually the first): random rooms, positions balanced by history."""
    _validate(teams)
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    columns = split_into_positions(sorted(teams, key=lambda team: team.id), rng)
    for column in columns:
        rng.shuffle(column)
    seats = [list(seat) for seat in zip(*columns, strict=True)]
    flags: dict[int, list[Flag]] = {}
    _separate_institutions(seats, flags)
    return _rooms(seats, flags, lambda seat: max(team.points for team in seat))


def split_into_positions(teams: Sequence[TeamRecord], rng: random.Random) -> list[list[TeamRecord]]:
    """Split ``teams`` (a multiple of four) into four equal columns, OG, OO, CG and CO, with the
    least total :func:`position_cost`; ``rng`` orders the teams, which breaks ties.

    Teams are added one at a time. Each goes to the end of the cheapest path
    ``team -> p0 -> p1 -> ... -> pk`` where ``pk`` still has room and each step ``a -> b`` moves
    the team of column ``a`` that is cheapest to move into column ``b`` (costing
    ``cost(b) - cost(a)``, possibly negative). With the assignment so far optimal there is no
    negative cycle, so Bellman-Ford over the four column nodes finds that path, and adding along
    a shortest path keeps the assignment optimal (successive shortest paths). The cheapest
    mover per pair of columns comes from a heap per pair, with entries dropped lazily once their
    team has left the column.
    """
    if len(teams) % 4:
        raise ValueError(f"{len(teams)} teams cannot fill rooms of four")
    capacity = len(teams) // 4
    order = list(teams)
    rng.shuffle(order)
    costs = [[position_cost(_sides(team), p) for p in range(4)] for team in order]
    column_of = [-1] * len(order)
    filled = [0] * 4
    heaps: dict[tuple[int, int], list[tuple[int, int]]] = {
        (a, b): [] for a in range(4) for b in range(4) if a != b
    }

    def place(index: int, column: int) -> None:
        column_of[index] = column
        for other in range(4):
            if other != column:
                heappush(heaps[column, other], (costs[index][other] - costs[index][column], index))

    for index in range(len(order)):
        moves: dict[tuple[int, int], tuple[int, int]] = {}
        for (a, b), heap in heaps.items():
            while heap and column_of[heap[0][1]] != a:
                heappop(heap)
            if heap:
                moves[a, b] = heap[0]
        distance = list(costs[index])
        previous: list[tuple[int, int] | None] = [None] * 4
        for _ in range(3):
            relaxed = False
            for (a, b), (delta, mover) in moves.items():
                if distance[a] + delta < distance[b]:
                    distance[b] = distance[a] + delta
                    previous[b] = (a, mover)
                    relaxed = True
            if not relaxed:
                break
        end = min((c for c in range(4) if filled[c] < capacity), key=lambda c: distance[c])
        filled[end] += 1
        column = end
        step = previous[column]
        while step is not None:
            source, mover = step
            place(mover, column)
            column = source
            step = previous[column]
        place(index, column)

    columns: list[list[TeamRecord]] = [[], [], [], []]
    for index, team in enumerate(order):
        columns[column_of[index]].append(team)
    return columns


def _validate(teams: Sequence[TeamRecord]) -> None:
    if len(teams) % 4:
        missing = 4 - len(teams) % 4
        raise ValueError(
            f"British Parliamentary needs a multiple of four teams, got {len(teams)}: "
            f"add {missing} swing team{'s' if missing > 1 else ''}"
        )
    ids = [team.id for team in teams]
    if len(set(ids)) != len(ids):
        raise ValueError("team ids must be unique")
    for team in teams:
        _sides(team)


def _sides(team: TeamRecord) -> tuple[int, ...]:
    """The team's BP position counts; a record never placed (the default ``(0, 0)``) has none."""
    if len(team.sides) == 4:
        return team.sides
    if not any(team.sides):
        return (0, 0, 0, 0)
    raise ValueError(f"team {team.id}: BP position history needs four counts, got {team.sides}")


def _rank_key(team: TeamRecord) -> tuple[float, float, int]:
    return (-team.points, -team.speaks, team.id)


def _brackets(
    ranked: list[TeamRecord],
) -> Iterable[tuple[int, list[TeamRecord], list[TeamRecord]]]:
    """Yield (points, members, pulled up) for each bracket, best first, each a multiple of four
    once teams have been pulled up from below."""
    brackets = [list(group) for _, group in groupby(ranked, key=lambda team: team.points)]
    for index, bracket in enumerate(brackets):
        if not bracket:
            continue
        pulled: list[TeamRecord] = []
        below = index + 1
        while (len(bracket) + len(pulled)) % 4:
            needed = 4 - (len(bracket) + len(pulled)) % 4
            # The brackets below hold the rest of the teams: a multiple of four less this one.
            candidates = brackets[below]
            chosen = sorted(candidates, key=lambda team: (team.pullups, _rank_key(team)))[:needed]
            pulled.extend(chosen)
            chosen_ids = {team.id for team in chosen}
            brackets[below] = [team for team in candidates if team.id not in chosen_ids]
            below += 1
        yield bracket[0].points, bracket + pulled, pulled


def _clashes(seat: Sequence[TeamRecord]) -> int:
    """Pairs of teams of one institution in a room."""
    return sum(
        1
        for first, second in combinations(seat, 2)
        if first.institution is not None and first.institution == second.institution
    )


def _separate_institutions(seats: list[list[TeamRecord]], flags: dict[int, list[Flag]]) -> None:
    """Exchange teams with adjacent rooms (of one bracket) to clear institution clashes."""
    for index, seat in enumerate(seats):
        while _clashes(seat):
            best = None
            for neighbour in sorted(range(len(seats)), key=lambda k: (abs(k - index), k)):
                if neighbour == index:
                    continue
                other = seats[neighbour]
                before = _clashes(seat) + _clashes(other)
                for mine, theirs in _clash_exchanges(seat):
                    leaving, arriving = seat[mine], other[theirs]
                    seat[mine], other[theirs] = arriving, leaving
                    after = _clashes(seat) + _clashes(other)
                    seat[mine], other[theirs] = leaving, arriving
                    if after >= before:
                        continue
                    extra = (
                        position_cost(_sides(leaving), theirs)
                        + position_cost(_sides(arriving), mine)
                        - position_cost(_sides(leaving), mine)
                        - position_cost(_sides(arriving), theirs)
                    )
                    if extra > 0:  # positions stay optimal: institutions never cost them
                        continue
                    key = (after, abs(neighbour - index), neighbour < index, mine, theirs)
                    if best is None or key < best[0]:
                        best = (key, other, mine, theirs)
            if best is None:
                break
            _, other, mine, theirs = best
            for team in (seat[mine], other[theirs]):
                flags.setdefault(team.id, []).append(Flag.SWAPPED_INSTITUTION)
            seat[mine], other[theirs] = other[theirs], seat[mine]
    for seat in seats:
        for first, second in combinations(seat, 2):
            if first.institution is not None and first.institution == second.institution:
                for team in (first, second):
                    flags.setdefault(team.id, []).append(Flag.SAME_INSTITUTION)


def _clash_exchanges(seat: Sequence[TeamRecord]) -> Iterable[tuple[int, int]]:
    """(my position, their position) for each exchange that moves one of my clashing teams."""
    clashing = sorted(
        {
            position
            for pair in combinations(range(4), 2)
            if seat[pair[0]].institution is not None
            and seat[pair[0]].institution == seat[pair[1]].institution
            for position in pair
        }
    )
    for mine in clashing:
        for theirs in range(4):
            yield mine, theirs


def _rooms(
    seats: list[list[TeamRecord]],
    flags: dict[int, list[Flag]],
    bracket: Callable[[list[TeamRecord]], float],
) -> list[Room]:
    return [
        Room(
            teams=tuple(team.id for team in seat),
            bracket=bracket(seat),
            flags={
                team.id: tuple(flag for flag in Flag if flag in flags[team.id])
                for team in seat
                if team.id in flags
            },
        )
        for seat in seats
    ]
