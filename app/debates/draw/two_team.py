"""Draws for two-team formats: 3-vs-3 (WSDC, Karl Popper) and 2-vs-2 parliamentary debating.

The engine never looks at team size. Each draw is a short pipeline of the steps below, each a
plain function over `TeamRecord`s, and deterministic for a seed: every random choice comes
from one `random.Random(seed)`, and the input order of the teams does not matter.

Power pairing (`power_paired_draw`), the Swiss draw of the preliminary rounds:

1. bye (`lowest_ranked_bye`): with an odd number of teams, the lowest-ranked team among those
   with the fewest byes sits out;
2. brackets (`split_brackets`): one per `points` value, teams ranked by `speaks`, then id;
3. pull-ups (`even_brackets`, `choose_pullup`): top down, an odd bracket takes a team from the
   bracket below;
4. pairing (`pair_bracket`): fold, slide or adjacent inside each bracket;
5. conflicts (`one_up_one_down`): repeat meetings and same-institution rooms are removed by
   swapping with the room just above or below in the same bracket, where that helps;
6. sides (`allocate_sides`): the team that was proposition more often goes opposition.

A random draw (`random_draw`, for the first rounds) shuffles, pairs neighbours and repairs
conflicts by re-pairing with any other room (`repair_pairs`).

Every room carries flags per team (`types.Flag`) saying what the engine did and what it
could not avoid; `Room.bracket` is the points of the room's bracket.
"""

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from app.debates.draw.types import Flag, Room, TeamRecord

Pairing = Literal["fold", "slide", "adjacent"]
Pullup = Literal["top", "bottom", "middle", "random"]
Pair = tuple[TeamRecord, TeamRecord]
FlagSets = dict[int, set[Flag]]

PAIRINGS: tuple[str, ...] = ("fold", "slide", "adjacent")
PULLUPS: tuple[str, ...] = ("top", "bottom", "middle", "random")

# Costs of a room, summed over the two rooms a swap touches. One repeat meeting outweighs any
# same-institution rooms of two rooms (at most 2 x 3), as in Tabbycat; one of those outweighs
# any side clashes (at most 2 x 1), which only the random draw repairs.
REPEAT_COST = 10
INSTITUTION_COST = 3
SIDE_CLASH_COST = 1


# --- ranking and conflicts ------------------------------------------------------------------


def rank_key(team: TeamRecord) -> tuple[int, float, int]:
    """Sort key of the ranking: more points first, then more speaks, then the lower id."""
    return (-team.points, -team.speaks, team.id)


def ranked(teams: Iterable[TeamRecord]) -> list[TeamRecord]:
    """The teams from first to last (`rank_key`)."""
    return sorted(teams, key=rank_key)


def have_met(a: TeamRecord, b: TeamRecord) -> bool:
    """True when either record says the two teams have debated each other."""
    return b.id in a.met or a.id in b.met


def same_institution(a: TeamRecord, b: TeamRecord) -> bool:
    """True when both teams belong to the same (known) institution."""
    return a.institution is not None and a.institution == b.institution


def conflicts(a: TeamRecord, b: TeamRecord) -> tuple[Flag, ...]:
    """What is wrong with pairing a with b: REPEAT (they have met), SAME_INSTITUTION."""
    found = ()
    if have_met(a, b):
        found += (Flag.REPEAT,)
    if same_institution(a, b):
        found += (Flag.SAME_INSTITUTION,)
    return found


def side_lean(team: TeamRecord) -> int:
    """Propositions minus oppositions so far: > 0 means the team is due opposition."""
    return team.sides[0] - team.sides[1]


def side_clash(a: TeamRecord, b: TeamRecord) -> bool:
    """True when both teams are due the same side, so one of them cannot be evened."""
    return side_lean(a) * side_lean(b) > 0


def conflict_cost(a: TeamRecord, b: TeamRecord) -> int:
    """How bad the room a v b is: REPEAT_COST for a repeat, INSTITUTION_COST for one school."""
    return REPEAT_COST * have_met(a, b) + INSTITUTION_COST * same_institution(a, b)


def room_cost(a: TeamRecord, b: TeamRecord) -> int:
    """`conflict_cost` plus SIDE_CLASH_COST when both teams are due the same side."""
    return conflict_cost(a, b) + SIDE_CLASH_COST * side_clash(a, b)


# --- byes -----------------------------------------------------------------------------------


def lowest_ranked_bye(teams: Sequence[TeamRecord]) -> TeamRecord | None:
    """With an odd number of teams, the team that sits out: the lowest-ranked among those with
    the fewest byes, so no team has a second bye while another has none. None when even."""
    if len(teams) % 2 == 0:
        return None
    fewest = min(team.byes for team in teams)
    return max((team for team in teams if team.byes == fewest), key=rank_key)


def random_bye(teams: Sequence[TeamRecord], rng: random.Random) -> TeamRecord | None:
    """The random draw's bye: a seeded random choice among the teams with the fewest byes (a
    random draw has no meaningful ranking). None with an even number of teams."""
    if len(teams) % 2 == 0:
        return None
    fewest = min(team.byes for team in teams)
    return rng.choice(sorted((team for team in teams if team.byes == fewest), key=_by_id))


# --- brackets and pull-ups ------------------------------------------------------------------


@dataclass
class Bracket:
    """Teams of one points value, in rank order; teams pulled up from below come last."""

    points: int
    teams: list[TeamRecord]
    pulled_up: set[int] = field(default_factory=set)  # ids of the teams pulled up into it


def split_brackets(teams: Iterable[TeamRecord]) -> list[Bracket]:
    """One bracket per points value, highest first, each ranked by speaks, then id."""
    brackets: list[Bracket] = []
    for team in ranked(teams):
        if not brackets or brackets[-1].points != team.points:
            brackets.append(Bracket(team.points, []))
        brackets[-1].teams.append(team)
    return brackets


def choose_pullup(
    lower: Sequence[TeamRecord],
    upper: Sequence[TeamRecord],
    pullup: Pullup,
    rng: random.Random,
) -> TeamRecord:
    """The team the bracket below (`lower`, ranked) gives up to the odd bracket `upper`:

    1. never a team pulled up more often than another team of `lower`: only those with the
       fewest `pullups` are candidates;
    2. of those, the teams that could meet some team of `upper` without a conflict, when any
       can (one that has met, or shares a school with, everyone above would force a conflict);
    3. of those, by `pullup`: "top" the highest ranked (the default), "bottom" the lowest,
       "middle" the middle one (the higher of two), "random" a seeded random one.
    """
    fewest = min(team.pullups for team in lower)
    candidates = [team for team in lower if team.pullups == fewest]
    free = [team for team in candidates if any(not conflict_cost(team, u) for u in upper)]
    candidates = free or candidates
    if pullup == "top":
        return candidates[0]
    if pullup == "bottom":
        return candidates[-1]
    if pullup == "middle":
        return candidates[(len(candidates) - 1) // 2]
    return rng.choice(candidates)


def even_brackets(
    brackets: Sequence[Bracket], pullup: Pullup = "top", rng: random.Random | None = None
) -> list[Bracket]:
    """Makes every bracket even, top down: an odd bracket takes one team (`choose_pullup`) from
    the next bracket below, which goes to its bottom. The total must be even; brackets left
    empty are dropped. The input is not changed."""
    rng = rng or random.Random(0)  # noqa: S311 - only "random" pull-ups use it
    result = [Bracket(b.points, list(b.teams), set(b.pulled_up)) for b in brackets]
    for upper, lower in zip(result, result[1:], strict=False):
        if len(upper.teams) % 2 and lower.teams:
            team = choose_pullup(lower.teams, upper.teams, pullup, rng)
            lower.teams.remove(team)
            upper.teams.append(team)
            upper.pulled_up.add(team.id)
    if result and len(result[-1].teams) % 2:
        raise ValueError("an odd number of teams to pair: take the bye out first")
    return [bracket for bracket in result if bracket.teams]


# --- pairing inside a bracket ---------------------------------------------------------------


def pair_bracket(teams: Sequence[TeamRecord], pairing: Pairing = "fold") -> list[Pair]:
    """Pairs an even bracket given in rank order (1 = first), rooms from the top:

    - fold: 1 v n, 2 v n-1, … (the top of the bracket meets its bottom);
    - slide: 1 v n/2+1, 2 v n/2+2, … (top half against bottom half, in order);
    - adjacent: 1 v 2, 3 v 4, ….

    In each pair the first team is the one from the top half (fold, slide) or the odd
    position (adjacent); `one_up_one_down` swaps second teams.
    """
    n = len(teams)
    if n % 2:
        raise ValueError(f"cannot pair an odd bracket of {n} teams")
    half = n // 2
    if pairing == "fold":
        return [(teams[i], teams[n - 1 - i]) for i in range(half)]
    if pairing == "slide":
        return [(teams[i], teams[half + i]) for i in range(half)]
    if pairing == "adjacent":
        return [(teams[i], teams[i + 1]) for i in range(0, n, 2)]
    raise ValueError(f"unknown pairing {pairing!r}: one of {', '.join(PAIRINGS)}")


def one_up_one_down(pairs: Sequence[Pair]) -> tuple[list[Pair], FlagSets]:
    """Removes conflicts inside one bracket by one-up-one-down swaps (Tabbycat's approach).

    Rooms keep their order. For each room with a conflict (repeat meeting or same
    institution), from the top: exchange its second team with the second team of the room
    just above, or just below; make the swap that lowers the two rooms' `conflict_cost` the
    most (the room above wins a tie), if either lowers it. A repeat weighs more than any
    same-institution rooms, so a swap may turn a repeat into a same-institution room, but
    never the other way round; every swap strictly lowers the two rooms' cost. Passes repeat
    until no swap lowers the cost, so afterwards no room with a conflict has a neighbour
    swap that would leave both rooms conflict-free: whatever conflict remains could not be
    removed this way (the definition of "unavoidable" used by the flags).

    Returns the new pairs and, for each team moved, SWAPPED_REPEAT and/or
    SWAPPED_INSTITUTION for the kinds of conflict its swap reduced.
    """
    pairs = list(pairs)
    moved: FlagSets = {}
    improved = True
    while improved:
        improved = False
        for i in range(len(pairs)):
            if not conflict_cost(*pairs[i]):
                continue
            best: tuple[int, int] | None = None  # (cost saved, room index)
            for j in (i - 1, i + 1):
                if 0 <= j < len(pairs):
                    saved = _pair_cost(pairs[i], pairs[j], conflict_cost) - _pair_cost(
                        *_one_up_one_down(pairs[i], pairs[j]), conflict_cost
                    )
                    if saved > 0 and (best is None or saved > best[0]):
                        best = (saved, j)
            if best is not None:
                j = best[1]
                new_i, new_j = _one_up_one_down(pairs[i], pairs[j])
                reasons = _reasons((pairs[i], pairs[j]), (new_i, new_j))
                for team in (pairs[i][1], pairs[j][1]):
                    moved.setdefault(team.id, set()).update(reasons)
                pairs[i], pairs[j] = new_i, new_j
                improved = True
    return pairs, moved


def _one_up_one_down(room: Pair, other: Pair) -> tuple[Pair, Pair]:
    return (room[0], other[1]), (other[0], room[1])


def _pair_cost(room: Pair, other: Pair, cost) -> int:
    return cost(*room) + cost(*other)


def _reasons(before: Iterable[Pair], after: Iterable[Pair]) -> set[Flag]:
    """The kinds of conflict a swap reduced: fewer repeats, fewer same-institution rooms."""
    reasons = set()
    if sum(have_met(*p) for p in after) < sum(have_met(*p) for p in before):
        reasons.add(Flag.SWAPPED_REPEAT)
    if sum(same_institution(*p) for p in after) < sum(same_institution(*p) for p in before):
        reasons.add(Flag.SWAPPED_INSTITUTION)
    return reasons


# --- the random draw's repair ---------------------------------------------------------------


def repair_pairs(pairs: Sequence[Pair]) -> tuple[list[Pair], FlagSets]:
    """Repairs a random pairing: for each room with a conflict or a side clash, in draw
    order, look through the other rooms in draw order for the first whose four teams, paired
    the other way (a with c and b with d, or a with d and b with c), lower the two rooms'
    `room_cost`, and re-pair them. Passes repeat until nothing helps, so afterwards no room
    with a conflict has any other room with which it could be re-paired conflict-free.
    Costs: a repeat outweighs same-institution rooms, which outweigh side clashes, so side
    clashes are only ever removed without adding conflicts.

    Returns the new pairs and, for each team moved, SWAPPED_REPEAT and/or
    SWAPPED_INSTITUTION for the kinds of conflict its move reduced.
    """
    pairs = list(pairs)
    moved: FlagSets = {}
    improved = True
    while improved:
        improved = False
        for i in range(len(pairs)):
            for j in range(len(pairs)):
                if not room_cost(*pairs[i]):
                    break
                if j == i:
                    continue
                before = _pair_cost(pairs[i], pairs[j], room_cost)
                (a, b), (c, d) = pairs[i], pairs[j]
                for new, movers in ((((a, c), (b, d)), (b, c)), (((a, d), (c, b)), (b, d))):
                    if _pair_cost(*new, room_cost) < before:
                        reasons = _reasons((pairs[i], pairs[j]), new)
                        for team in movers:
                            moved.setdefault(team.id, set()).update(reasons)
                        pairs[i], pairs[j] = new
                        improved = True
                        break
    return pairs, moved


# --- sides and rooms ------------------------------------------------------------------------


def allocate_sides(a: TeamRecord, b: TeamRecord, rng: random.Random) -> Pair:
    """(proposition, opposition): the team that has been proposition more often (relative to
    opposition, `side_lean`) goes opposition; with equal leans, a seeded coin decides."""
    if side_lean(a) == side_lean(b):
        return (a, b) if rng.random() < 0.5 else (b, a)
    return (a, b) if side_lean(a) < side_lean(b) else (b, a)


def side_flags(proposition: TeamRecord, opposition: TeamRecord) -> FlagSets:
    """SIDES_UNBALANCED for a team given the side it has already had more of (both teams
    were due the same side, and only one could have it)."""
    return {
        proposition.id: {Flag.SIDES_UNBALANCED} if side_lean(proposition) > 0 else set(),
        opposition.id: {Flag.SIDES_UNBALANCED} if side_lean(opposition) < 0 else set(),
    }


def make_room(pair: Pair, bracket: float, flags: FlagSets, rng: random.Random) -> Room:
    """The room of a pair: sides allocated, each team's flags (given ones such as PULLED_UP
    and SWAPPED_*, plus REPEAT / SAME_INSTITUTION for a conflict left in the room, and
    SIDES_UNBALANCED) in the order `Flag` lists them; every team has an entry."""
    proposition, opposition = allocate_sides(*pair, rng)
    left = set(conflicts(proposition, opposition))
    sides = side_flags(proposition, opposition)
    return Room(
        teams=(proposition.id, opposition.id),
        bracket=bracket,
        flags={
            team.id: _ordered(flags.get(team.id, set()) | left | sides[team.id])
            for team in (proposition, opposition)
        },
    )


def bye_room(team: TeamRecord) -> Room:
    """The bye: a room of one team, flagged BYE, in the team's own bracket."""
    return Room(teams=(team.id,), bracket=team.points, flags={team.id: (Flag.BYE,)})


def _ordered(flags: set[Flag]) -> tuple[Flag, ...]:
    return tuple(flag for flag in Flag if flag in flags)


def _by_id(team: TeamRecord) -> int:
    return team.id


def _check(teams: Sequence[TeamRecord]) -> None:
    ids = [team.id for team in teams]
    if len(set(ids)) != len(ids):
        raise ValueError("two records share a team id")
    if any(len(team.sides) != 2 for team in teams):
        raise ValueError("two-team records count sides as (proposition, opposition)")


# --- the draws ------------------------------------------------------------------------------


def random_draw(teams: Sequence[TeamRecord], seed: int) -> list[Room]:
    """A random draw: a seeded bye (`random_bye`), the rest shuffled (in id order first, so
    the input order does not matter) and paired as they come, then `repair_pairs` removes
    repeat meetings, same-institution rooms and then side clashes where a re-pairing with
    another room can. Sides by `allocate_sides`. A room's bracket is the higher of its
    teams' points (a random draw has no brackets). The bye room comes last."""
    _check(teams)
    rng = random.Random(seed)  # noqa: S311 - a draw, not a secret
    bye = random_bye(teams, rng)
    playing = sorted((team for team in teams if bye is None or team.id != bye.id), key=_by_id)
    rng.shuffle(playing)
    pairs, moved = repair_pairs(list(zip(playing[::2], playing[1::2], strict=True)))
    rooms = [make_room(pair, max(pair[0].points, pair[1].points), moved, rng) for pair in pairs]
    return rooms + ([bye_room(bye)] if bye else [])


def power_paired_draw(
    teams: Sequence[TeamRecord],
    seed: int,
    *,
    pairing: Pairing = "fold",
    pullup: Pullup = "top",
    avoid_conflicts: bool = True,
) -> list[Room]:
    """A power-paired (Swiss) draw: `lowest_ranked_bye`, `split_brackets`, `even_brackets`
    (PULLED_UP on each pulled-up team), `pair_bracket` by `pairing`, then, with
    `avoid_conflicts`, `one_up_one_down` inside each bracket, and `allocate_sides`. Rooms come
    bracket by bracket from the top, in pairing order; the bye room comes last. The seed only
    breaks side ties (and picks "random" pull-ups)."""
    _check(teams)
    if pairing not in PAIRINGS:
        raise ValueError(f"unknown pairing {pairing!r}: one of {', '.join(PAIRINGS)}")
    if pullup not in PULLUPS:
        raise ValueError(f"unknown pullup {pullup!r}: one of {', '.join(PULLUPS)}")
    rng = random.Random(seed)  # noqa: S311 - a draw, not a secret
    bye = lowest_ranked_bye(teams)
    playing = [team for team in teams if bye is None or team.id != bye.id]
    rooms = []
    for bracket in even_brackets(split_brackets(playing), pullup, rng):
        pairs = pair_bracket(bracket.teams, pairing)
        moved: FlagSets = {}
        if avoid_conflicts:
            pairs, moved = one_up_one_down(pairs)
        for team_id in bracket.pulled_up:
            moved.setdefault(team_id, set()).add(Flag.PULLED_UP)
        rooms += [make_room(pair, bracket.points, moved, rng) for pair in pairs]
    return rooms + ([bye_room(bye)] if bye else [])
