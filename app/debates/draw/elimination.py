"""Elimination rounds (the break): two-team formats and British Parliamentary.

``seeds`` is always the broken teams' ids in break order, first seed first.

**Bracket slots.** Every team in an elimination round holds a *slot* numbered from 1, and
rooms are returned in slot order: ``rooms[k]`` is bracket slot ``k + 1``. Pass a round's
rooms back unchanged to draw the next one; the list order is what keeps the bracket. Rooms'
``bracket`` is left at 0 (everyone in the break is level); their order says which is the top
room.

**Two-team formats.** A break of ``size`` teams that is not a power of two gets a partial first
round: with ``P`` the largest power of two below ``size``, the top ``2P - size`` seeds get a bye
(a room of one team, flagged :attr:`Flag.BYE`) and the other ``2 * (size - P)`` debate, folded by
seed (best remaining against worst), so ``P`` teams reach round two. 6 teams: seeds 1 and 2 bye,
3 v 6, 4 v 5; 12: 1-4 bye, 5 v 12, 6 v 11, 7 v 10, 8 v 9; 8: 1 v 8, 2 v 7, 3 v 6, 4 v 5. Slot
``k`` is seed ``k``'s (its bye, or the debate it is the higher seed of), and a winner takes its
room's slot. Each later round folds the slots, ``1 v m, 2 v m-1, ...`` for ``m`` slots, which is
the standard fixed bracket: seed 1 meets the lowest seed still possible (the winner of 4 v 5 in
a break of 8, or of 8 v 9 in 12), bye teams enter round two in their own seed's slot, and
nothing is re-seeded after an upset.

**British Parliamentary.** Rooms of four, the top two advancing. A break of ``size`` (even, at
least 4) with ``N`` the largest ``4 * 2**j`` not above it gets a partial first round when
``size > N``: seeds 1 to ``2N - size`` bye and the other ``2 * (size - N)`` debate, so ``N`` teams
reach round two (a break of 48: 16 byes and 8 partial double-octofinals, as at Worlds; 12: 4 byes
and 2 rooms). ``R`` rooms are filled by a snake of the seeds in four tiers of ``R``: room ``j``
takes the ``j``-th seed of tiers 1 and 3 and the ``j``-th from the end of tiers 2 and 4. A break
of 16 gives (1, 8, 9, 16), (2, 7, 10, 15), (3, 6, 11, 14), (4, 5, 12, 13); a break of 8 gives
(1, 4, 5, 8), (2, 3, 6, 7). A room's slots are those of its seeds, and its two advancing teams
take its two best slots, so the next round is the same snake over the slots: the
quarterfinals of 16 above send rooms 1 and 4 to one semifinal and rooms 2 and 3 to the other.

**Sides and positions.** The higher seed takes proposition; in BP the teams sit in seed order in
OG, OO, CG, CO (organizers who let teams choose can reorder). In round one that is the seed
order. In later rounds the order needs the seeds: pass ``seeds=`` to the ``next_`` functions to
order each room by original seed; without it the team from the better bracket slot goes first,
which is the same thing unless there were upsets.
"""

from collections.abc import Callable, Iterable, Sequence

from app.debates.draw.types import Flag, Room


def break_rounds(size: int) -> list[int]:
    """The number of teams in each elimination round of a two-team break of ``size``, first
    round first: 6 -> [6, 4, 2], 8 -> [8, 4, 2], 12 -> [12, 8, 4, 2]."""
    if size < 2:
        raise ValueError(f"an elimination needs at least 2 teams, got {size}")
    rounds = [size]
    remaining = _power_of_two_below(size)
    if remaining == size:
        remaining //= 2
    while remaining >= 2:
        rounds.append(remaining)
        remaining //= 2
    return rounds


def first_elimination(seeds: Sequence[int]) -> list[Room]:
    """The first elimination round of a two-team format: byes for the top seeds when the break
    is not a power of two, then the rest folded by seed, higher seed in proposition."""
    _check_seeds(seeds, minimum=2)
    size = len(seeds)
    full = _power_of_two_below(size)
    byes = 0 if full == size else 2 * full - size
    rest = list(seeds[byes:])
    rooms = [_bye(team) for team in seeds[:byes]]
    rooms.extend(Room(teams=(rest[i], rest[-1 - i])) for i in range(len(rest) // 2))
    return rooms


def next_elimination(
    previous: Sequence[Room], winners: Iterable[int], *, seeds: Sequence[int] | None = None
) -> list[Room]:
    """The next two-team elimination round: bye teams and the winner of each of ``previous``'s
    debates (``winners``: their team ids), slots folded 1 v m, 2 v m-1, ..."""
    won = set(winners)
    slots: list[int] = []
    for room in previous:
        if len(room.teams) == 1:
            slots.append(room.teams[0])
        elif len(room.teams) == 2:
            slots.append(_only(room, won & set(room.teams), 1)[0])
        else:
            raise ValueError(f"not a two-team elimination room: {room.teams}")
    _check_all_used(won, previous)
    if len(slots) < 2:
        raise ValueError("the final has been decided: there is no next round")
    if not _is_power_of_two(len(slots)):
        raise ValueError(f"{len(slots)} teams advance, not a power of two: is a room missing?")
    order = _seed_order(seeds, slots)
    return [
        Room(teams=tuple(sorted((slots[i], slots[-1 - i]), key=order)))
        for i in range(len(slots) // 2)
    ]


def bp_break_rounds(size: int) -> list[int]:
    """The number of teams in each British Parliamentary elimination round of a break of
    ``size``, first round first: 8 -> [8, 4], 12 -> [12, 8, 4], 48 -> [48, 32, 16, 8, 4]."""
    _check_bp_size(size)
    rounds = [size]
    remaining = _bp_full_round(size)
    if remaining == size:
        remaining //= 2
    while remaining >= 4:
        rounds.append(remaining)
        remaining //= 2
    return rounds


def first_bp_elimination(seeds: Sequence[int]) -> list[Room]:
    """The first BP elimination round: byes for the top seeds when the break is not four times
    a power of two, then rooms of four by the snake of the seeds, in seed order (OG first)."""
    _check_seeds(seeds, minimum=4)
    size = len(seeds)
    _check_bp_size(size)
    full = _bp_full_round(size)
    byes = 0 if full == size else 2 * full - size
    return [_bye(team) for team in seeds[:byes]] + [
        Room(teams=tuple(room)) for room in _snake(list(seeds[byes:]))
    ]


def next_bp_elimination(
    rooms: Sequence[Room], advancing: Iterable[int], *, seeds: Sequence[int] | None = None
) -> list[Room]:
    """The next BP elimination round: bye teams and the two teams ``advancing`` from each of
    ``rooms``' debates, in rooms of four by the snake of their slots."""
    moving = set(advancing)
    order = _seed_order(seeds, [team for room in rooms for team in room.teams])
    byes = [room.teams[0] for room in rooms if len(room.teams) == 1]
    debates = [room for room in rooms if len(room.teams) != 1]
    if any(len(room.teams) != 4 for room in debates):
        raise ValueError("BP elimination rooms hold four teams (or one, for a bye)")
    if [len(room.teams) for room in rooms[: len(byes)]] != [1] * len(byes):
        raise ValueError("byes come first, in seed order, as first_bp_elimination returns them")
    if len(rooms) == 1:
        raise ValueError("the final has no next round")
    top: list[int] = []
    second: list[int] = []
    for room in debates:
        # The room's two advancing teams take its two best slots.
        better, worse = sorted(_only(room, moving & set(room.teams), 2), key=order)
        top.append(better)
        second.append(worse)
    _check_all_used(moving, rooms)
    slots = byes + top + second[::-1]
    if len(slots) % 4:
        raise ValueError(f"{len(slots)} teams advance, which do not fill rooms of four")
    order = _seed_order(seeds, slots)
    return [Room(teams=tuple(sorted(room, key=order))) for room in _snake(slots)]


def _snake(ordered: list[int]) -> list[list[int]]:
    """Rooms of four from ``ordered`` in four tiers: room j takes the j-th of tiers 1 and 3 and
    the j-th from the end of tiers 2 and 4, keeping ``ordered``'s order within each room."""
    count = len(ordered) // 4
    return [
        [
            ordered[j],
            ordered[2 * count - 1 - j],
            ordered[2 * count + j],
            ordered[4 * count - 1 - j],
        ]
        for j in range(count)
    ]


def _bye(team: int) -> Room:
    return Room(teams=(team,), flags={team: (Flag.BYE,)})


def _seed_order(seeds: Sequence[int] | None, teams: Sequence[int]) -> Callable[[int], int]:
    """A sort key for teams: the original seed when known, else the order of ``teams``."""
    if seeds is None:
        position = {team: index for index, team in enumerate(teams)}
    else:
        position = {team: index for index, team in enumerate(seeds)}
        missing = [team for team in teams if team not in position]
        if missing:
            raise ValueError(f"teams {missing} are not among the seeds")
    return position.__getitem__


def _only(room: Room, chosen: set[int], count: int) -> list[int]:
    if len(chosen) != count:
        raise ValueError(
            f"room {room.teams} needs exactly {count} advancing team{'s' if count > 1 else ''}, "
            f"got {sorted(chosen)}"
        )
    return [team for team in room.teams if team in chosen]


def _check_all_used(chosen: set[int], rooms: Iterable[Room]) -> None:
    present = {team for room in rooms for team in room.teams}
    strangers = chosen - present
    if strangers:
        raise ValueError(f"teams {sorted(strangers)} are not in these rooms")


def _check_seeds(seeds: Sequence[int], minimum: int) -> None:
    if len(seeds) < minimum:
        raise ValueError(f"an elimination needs at least {minimum} teams, got {len(seeds)}")
    if len(set(seeds)) != len(seeds):
        raise ValueError("a team appears twice among the seeds")


def _check_bp_size(size: int) -> None:
    if size < 4 or size % 2:
        raise ValueError(
            f"a BP break needs an even number of teams, at least 4, got {size}: the partial "
            "first round sends two teams of each room on"
        )


def _power_of_two_below(size: int) -> int:
    """The largest power of two not above ``size``."""
    return 1 << (size.bit_length() - 1)


def _bp_full_round(size: int) -> int:
    """The largest 4 * 2**j not above ``size``."""
    return 4 * _power_of_two_below(size // 4)


def _is_power_of_two(number: int) -> bool:
    return number > 0 and number & (number - 1) == 0
