"""Draws for two-team formats: 3-vs-3 (WSDC, Karl Popper) and 2-vs-2 parliamentary debating.

The engine never looks at team size. Each draw is a short pipeline of the steps below, each a
plain function over `TeamRecord`s, and deterministic for a seed: every random choice comes
from one `random.Random(seed)`, and the input order of the teams does not matter.

Power pairing (`power_paired_draw`), the Swiss draw of the preliminary rounds:

1. bye (`lowest_ranked_bye`): with an odd number of teams, the lowest-ranked team among those
   with the fewest byes sits out;
2. brackets (`split_brackets`): one per `points` value, teams ranked by `speaks`, then id;
3. pull-ups (`even_brackets`, `choose_pullup`): top down, an odd bracket takes a team from the
   bracket below (one that evens the bracket's sides, where the rules allow a choice);
4. sides inside the pairing (`side_labels`, `labelled_pairs`): a room has one side of each,
   so a bracket of n teams has n/2 places per side. Teams due proposition are labelled for it,
   teams due opposition for that; when more are due one side than it has places, the
   surplus with the smallest lean gives way (flag SIDES_BRACKET). Then the bracket is paired
   fold, slide or adjacent *among the pairings that give every team its label*: proposition
   teams in rank order against opposition teams in the order that keeps each room nearest
   its fold partner (level teams fill the places left, beside their fold partner);
5. conflicts (`_Draw.repair`, with `avoid_conflicts`): rooms with a repeat meeting or one
   school on both sides are opened and their teams re-paired by augmenting paths
   (`matching.augment`, Edmonds' algorithm, partners tried nearest the fold first), over a
   wider graph at each step until none is left: (a) inside the bracket keeping every label,
   (b) inside the bracket giving labels up (flag SIDES_CONFLICT on the team that then lacks
   its side), (c) across brackets (the lower team flagged PULLED_UP), (d) across brackets
   allowing one school but no repeat. A maximum matching of each graph is found, so a draw
   without any repeat or same-institution room is found whenever one exists, and otherwise
   one with the fewest repeats; a last pass re-pairs two rooms at a time where that lowers
   `conflict_cost`; unavoidable conflicts are then settled exactly (`_Draw._exact`, up to
   EXACT_LIMIT teams), and a repaired bracket still paired within itself that loses a side
   is matched exactly on sides (`_Draw._settle_bracket_sides`), since the first augmenting
   path found is not always the one keeping the most sides. With ``priority="brackets"``
   (tournament setting) steps (c) and (d) stay inside the bracket: brackets then come
   before conflicts. With ``priority="sides"``
   teams that gave their side up to their bracket's count look for a partner due the other
   side across brackets (`_Draw.balance_sides`): sides then come before brackets;
6. sides of each room: the team with the lower `side_lean` takes proposition, labels break
   ties, then a seeded coin.

The order of priorities is therefore: no repeat, no same institution, brackets, sides, and
last the pairing's shape (fold). Teams that lack the side they were due are flagged
SIDES_UNBALANCED with the reason (SIDES_BRACKET or SIDES_CONFLICT).

A random draw (`random_draw`, for the first rounds) shuffles, pairs neighbours and repairs
conflicts by re-pairing with any other room (`repair_pairs`).

Every room carries flags per team (`types.Flag`) saying what the engine did and what it
could not avoid; `Room.bracket` is the points of the room's bracket.

Longer than most modules (about 830 lines) on purpose: the steps above are one pipeline over
one record type, documented here in order; each step is a short function, and a reader follows
a draw top to bottom in one file.
"""

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

import networkx as nx

from app.debates.draw.matching import Neighbours, augment
from app.debates.draw.types import Flag, Room, TeamRecord

Pairing = Literal["fold", "slide", "adjacent"]
Pullup = Literal["top", "bottom", "middle", "random"]
Pair = tuple[TeamRecord, TeamRecord]
FlagSets = dict[int, set[Flag]]

Priority = Literal["conflicts", "brackets", "sides"]

PAIRINGS: tuple[str, ...] = ("fold", "slide", "adjacent")
PRIORITIES: tuple[str, ...] = ("conflicts", "brackets", "sides")
PULLUPS: tuple[str, ...] = ("top", "bottom", "middle", "random")

# Costs of a room, summed over the two rooms a swap touches. One repeat meeting outweighs any
# same-institution rooms of two rooms (at most 2 x 3), as in Tabbycat; one of those outweighs
# any side clashes (at most 2 x 1), which only the random draw repairs.
REPEAT_COST = 10
INSTITUTION_COST = 3
SIDE_CLASH_COST = 1

# The largest field (or, with the "brackets" priority, bracket) whose unavoidable conflicts
# are settled by an exact weighted matching: networkx took 6 ms for 32 teams, 9 ms for 80,
# 55 ms for 160 and 1.6 s for 512 on the development machine; with the graph built and the
# weights as large as they get, 128 teams took up to half a second, so 64 is the limit.
EXACT_LIMIT = 64
# With the "sides" priority, fields up to this size are always matched exactly (so points
# apart are the fewest too); larger ones only when the heuristic leaves a side clash.
SIDES_EXACT_ALWAYS = 64


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
    3. of those, the teams due the side fewer teams of `upper` are due (`_side_fit`), so the
       bracket's sides can be evened; level teams next;
    4. of those, by `pullup`: "top" the highest ranked (the default), "bottom" the lowest,
       "middle" the middle one (the higher of two), "random" a seeded random one.
    """
    fewest = min(team.pullups for team in lower)
    candidates = [team for team in lower if team.pullups == fewest]
    free = [team for team in candidates if any(not conflict_cost(team, u) for u in upper)]
    candidates = free or candidates
    fit = {team.id: _side_fit(team, upper) for team in candidates}
    candidates = [team for team in candidates if fit[team.id] == min(fit.values())]
    if pullup == "top":
        return candidates[0]
    if pullup == "bottom":
        return candidates[-1]
    if pullup == "middle":
        return candidates[(len(candidates) - 1) // 2]
    return rng.choice(candidates)


def _side_fit(team: TeamRecord, upper: Sequence[TeamRecord]) -> int:
    """0 when pulling `team` up evens the sides `upper` is due (it is due the side fewer of
    them are), 1 when it leaves them as they are, 2 when it adds to the surplus."""
    surplus = sum(side_lean(u) < 0 for u in upper) - sum(side_lean(u) > 0 for u in upper)
    lean = side_lean(team)
    if lean * surplus < 0 or lean == surplus == 0:
        return 0
    return 1 if lean == 0 or surplus == 0 else 2


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


# --- pairing with sides: the power draw's matching ---------------------------------------------

PROP, OPP, FREE = 0, 1, 2  # side labels: due proposition, due opposition, level


def side_cost(team: TeamRecord, side: int) -> int:
    """What giving `team` side 0 (proposition) or 1 (opposition) costs: the square of its
    excess on that side, 0 when it has had that side no more often than the other (BP's
    position cost for two sides). Convex: putting one team two ahead costs more than two
    teams one ahead."""
    return (team.sides[side] - min(team.sides)) ** 2


def side_labels(teams: Sequence[TeamRecord], rng: random.Random) -> tuple[list[int], set[int]]:
    """The side each team of an even bracket should take for the bracket's least side cost.

    PROP for a team due proposition (`side_lean` < 0), OPP for one due opposition, FREE for a
    level team. A room has one side of each, so a bracket of n has n/2 places per side: when
    more teams are due one side, the surplus with the smallest lean (one behind rather than
    two: the cheapest to disappoint, `side_cost`) is labelled for the other side, ties by the
    seeded `rng`. Returns the labels by index and the indices so forced."""
    labels = [PROP if side_lean(t) < 0 else OPP if side_lean(t) > 0 else FREE for t in teams]
    forced: set[int] = set()
    for side in (PROP, OPP):
        due = [i for i, label in enumerate(labels) if label == side]
        surplus = len(due) - len(teams) // 2
        if surplus > 0:
            cheapest = sorted(due, key=lambda i: (abs(side_lean(teams[i])), rng.random()))
            for i in cheapest[:surplus]:
                labels[i] = 1 - side
                forced.add(i)
    return labels, forced


def labelled_pairs(
    teams: Sequence[TeamRecord], labels: Sequence[int], pairing: Pairing, rng: random.Random
) -> list[tuple[int, int]]:
    """A first pairing of a bracket (indices in rank order) with every room one team for
    each side: level teams take the side their `pair_bracket` partner does not need (a coin
    when both are level), as many of them as there are places left, then the proposition
    teams are matched with the opposition teams in the pairing's order. For fold that is
    top proposition team against bottom opposition team, and so on inwards: with the cost
    |i + j - (n - 1)| of pairing i with j (its distance from fold), matching two sorted lists
    in order is optimal. Returns (proposition index, opposition index) pairs."""
    n = len(teams)
    side = list(labels)
    index = {team.id: i for i, team in enumerate(teams)}
    for a, b in pair_bracket(teams, pairing):
        i, j = index[a.id], index[b.id]
        if side[i] == FREE and side[j] == FREE:
            side[i], side[j] = (PROP, OPP) if rng.random() < 0.5 else (OPP, PROP)
        elif side[i] == FREE:
            side[i] = 1 - side[j]
        elif side[j] == FREE:
            side[j] = 1 - side[i]
    level = [i for i, label in enumerate(labels) if label == FREE]
    excess = sum(side[i] == PROP for i in level) - (n // 2 - labels.count(PROP))
    if excess:
        pool = [i for i in level if side[i] == (PROP if excess > 0 else OPP)]
        for i in rng.sample(pool, abs(excess)):
            side[i] = 1 - side[i]
    props = [i for i in range(n) if side[i] == PROP]
    opps = [i for i in range(n) if side[i] == OPP]
    if pairing == "fold":
        opps.reverse()
    elif pairing == "slide":
        half = n // 2

        def virtual(i: int) -> tuple[int, int]:
            return (i if i < half else i - half, i)

        props.sort(key=virtual)
        opps.sort(key=virtual)
    return list(zip(props, opps, strict=True))


def preferred_partners(i: int, start: int, n: int, pairing: Pairing) -> Iterable[int]:
    """The indices ``start .. start+n-1`` other than ``start + i``, nearest first to the
    partner `pairing` would give team i of that bracket (fold: n - 1 - i; slide: i ± n/2;
    adjacent: i's neighbour); the repair tries partners in this order."""
    if pairing == "fold":
        centre = n - 1 - i
    elif pairing == "slide":
        centre = i + n // 2 if i < n // 2 else i - n // 2
    else:
        centre = i ^ 1
    for step in range(n):
        for j in (centre - step, centre + step) if step else (centre,):
            if 0 <= j < n and j != i:
                yield start + j


def _conflict_flags(found: Iterable[Flag]) -> set[Flag]:
    swapped = {Flag.REPEAT: Flag.SWAPPED_REPEAT, Flag.SAME_INSTITUTION: Flag.SWAPPED_INSTITUTION}
    return {swapped[flag] for flag in found}


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
    priority: Priority = "conflicts",
) -> list[Room]:
    """A power-paired (Swiss) draw: `lowest_ranked_bye`, `split_brackets`, `even_brackets`,
    then in each bracket `side_labels` and `labelled_pairs` (sides balanced inside the
    pairing), and with `avoid_conflicts` the repair of the module docstring (`matching`).
    Rooms come bracket by bracket from the top, each ordered by its better-ranked team; the
    bye room comes last. The seed breaks side ties (and picks "random" pull-ups)."""
    _check(teams)
    if pairing not in PAIRINGS:
        raise ValueError(f"unknown pairing {pairing!r}: one of {', '.join(PAIRINGS)}")
    if pullup not in PULLUPS:
        raise ValueError(f"unknown pullup {pullup!r}: one of {', '.join(PULLUPS)}")
    if priority not in PRIORITIES:
        raise ValueError(f"unknown priority {priority!r}: one of {', '.join(PRIORITIES)}")
    rng = random.Random(seed)  # noqa: S311 - a draw, not a secret
    bye = lowest_ranked_bye(teams)
    playing = [team for team in teams if bye is None or team.id != bye.id]
    brackets = even_brackets(split_brackets(playing), pullup, rng)
    draw = _Draw([team for bracket in brackets for team in bracket.teams], pairing)
    for bracket in brackets:
        draw.add_bracket(bracket.teams, rng)
    if avoid_conflicts:
        draw.repair(priority)
        if priority == "sides":
            draw.balance_sides()
    return draw.rooms(rng) + ([bye_room(bye)] if bye else [])


class _Draw:
    """The power draw's state: the playing teams in bracket order (index = place in that
    order), each bracket's span, side labels, and the matching (partner index or -1)."""

    def __init__(self, order: list[TeamRecord], pairing: Pairing) -> None:
        self.order = order
        self.pairing = pairing
        self.size = len(order)
        self.span: list[tuple[int, int]] = [(0, 0)] * self.size  # (bracket start, size)
        self.label = [FREE] * self.size
        self.forced: set[int] = set()
        self.match = [-1] * self.size
        self.first: list[int] = []  # the pairing before any repair
        self.reasons: FlagSets = {}

    def add_bracket(self, teams: list[TeamRecord], rng: random.Random) -> None:
        start = next(i for i, team in enumerate(self.order) if team.id == teams[0].id)
        labels, forced = side_labels(teams, rng)
        for i, label in enumerate(labels):
            self.span[start + i] = (start, len(teams))
            self.label[start + i] = label
        self.forced |= {start + i for i in forced}
        for i, j in labelled_pairs(teams, labels, self.pairing, rng):
            self.match[start + i], self.match[start + j] = start + j, start + i
        self.first = list(self.match)

    # --- which pairs each step allows

    def _clean(self, u: int, v: int) -> bool:
        return not conflict_cost(self.order[u], self.order[v])

    def _sides_fit(self, u: int, v: int) -> bool:
        return self.label[u] == FREE or self.label[u] != self.label[v]

    def _in_bracket(self, allowed: Callable[[int, int], bool]) -> Neighbours:
        def neighbours(v: int) -> Iterable[int]:
            start, n = self.span[v]
            for u in preferred_partners(v - start, start, n, self.pairing):
                if allowed(v, u):
                    yield u

        return neighbours

    def _anywhere(self, allowed: Callable[[int, int], bool]) -> Neighbours:
        def neighbours(v: int) -> Iterable[int]:
            for step in range(1, self.size):
                for u in (v - step, v + step):
                    if 0 <= u < self.size and allowed(v, u):
                        yield u

        return neighbours

    def repair(self, priority: Priority) -> None:
        """Rooms with a conflict are opened, then their teams re-paired by augmenting paths
        (`matching.augment`), each step over a wider graph: inside the bracket with sides
        kept, inside the bracket with sides given up, then ("conflicts" priority) across
        brackets, then across brackets allowing one school (no repeat); with the "brackets"
        priority the last two stay inside the bracket. Whatever is left was unavoidable in
        the widest graph and is paired in rank order."""
        for v in range(self.size):
            if self.match[v] > v and not self._clean(v, self.match[v]):
                self.match[self.match[v]] = self.match[v] = -1
        if all(partner != -1 for partner in self.match):
            return

        def no_repeat(u: int, v: int) -> bool:
            return not have_met(self.order[u], self.order[v])

        def sides_kept(u: int, v: int) -> bool:
            return self._clean(u, v) and self._sides_fit(u, v)

        steps = [(sides_kept, False), (self._clean, False)]
        if priority == "conflicts":
            steps += [(self._clean, True), (no_repeat, True)]
        else:
            steps += [(no_repeat, False)]
        for allowed, anywhere in steps:
            free = [v for v in range(self.size) if self.match[v] == -1]
            for v in free:  # a first-pairing room this step allows comes back as it was
                partner = self.first[v]
                if self.match[v] == self.match[partner] == -1 and allowed(v, partner):
                    self.match[v], self.match[partner] = partner, v
            free = [v for v in free if self.match[v] == -1]
            if not free:
                break
            neighbours = (self._anywhere if anywhere else self._in_bracket)(allowed)
            for path in augment(self.size, self.match, free, neighbours):
                found = set()
                for end in (path[0], path[-1]):
                    found |= set(conflicts(self.order[end], self.order[self.first[end]]))
                for v in path:
                    self.reasons.setdefault(self.order[v].id, set()).update(_conflict_flags(found))
        for v in range(self.size):  # an unavoidable conflict: keep the first pairing's room
            partner = self.first[v]
            if self.match[v] == -1 and self.match[partner] == -1:
                self.match[v], self.match[partner] = partner, v
        free = [v for v in range(self.size) if self.match[v] == -1]
        if priority == "brackets":
            free.sort(key=lambda v: self.span[v])
        for u, v in zip(free[::2], free[1::2], strict=True):
            self.match[u], self.match[v] = v, u
        self._polish(priority)
        if priority == "brackets":
            for start, n in sorted(set(self.span)):
                self._exact(range(start, start + n))
        else:
            self._exact(range(self.size))
        self._settle_bracket_sides()

    def balance_sides(self) -> None:
        """The "sides" priority: after conflicts, sides before brackets. A team that gave its
        side up to its bracket's count (`side_labels`' forced) looks across brackets for a
        partner due the other side: its room is opened and its partner's, and augmenting
        paths over the rooms that are conflict-free and give both teams their due side
        (nearest in the ranking first) re-pair them; rooms no path reaches come back. Up to
        SIDES_EXACT_ALWAYS teams (or EXACT_LIMIT when a side is still lost) the exact
        matching then makes it optimal, on (repeats, same-institution rooms, side cost,
        points apart)."""
        before = list(self.match)
        due = [PROP if side_lean(t) < 0 else OPP if side_lean(t) > 0 else FREE for t in self.order]

        def allowed(u: int, v: int) -> bool:
            return self._clean(u, v) and (due[u] == FREE or due[u] != due[v])

        roots = []
        for v in sorted(self.forced):
            partner = self.match[v]
            if partner != -1 and self._clean(v, partner):
                self.match[v] = self.match[partner] = -1
                roots += [v, partner]
        if roots:
            augment(self.size, self.match, roots, self._anywhere(allowed))
            for v in roots:
                partner = before[v]
                if self.match[v] == -1 and self.match[partner] == -1:
                    self.match[v], self.match[partner] = partner, v
            if any(partner == -1 for partner in self.match):
                self.repair("conflicts")
        self._exact(range(self.size), sides_first=True)

    def _exact(self, scope: range, sides_first: bool = False, always: bool = False) -> None:
        """When conflicts are left (no pairing of `scope` avoids them all), the fewest repeats
        and then the fewest same-institution rooms are not always what augmenting and the
        two-room pass reach: the fewest repeats are (a maximum matching of the no-repeat
        graph), but the fewest same-institution rooms among those are a weighted problem.
        Up to EXACT_LIMIT teams, networkx's exact weighted matching (blossom) settles it, on
        weights that make the order of priorities exact: repeats, then same-institution
        rooms, then points apart, then side cost (each room's better orientation), then as
        few changed rooms as possible. It is used when it does better than the heuristic on
        those figures; above the limit the heuristic's rooms stay."""
        conflicted = [u for u in scope if self._cost(u, self.match[u])]
        if len(scope) > EXACT_LIMIT:
            return
        wanted = (
            always
            or conflicted
            or (sides_first and (len(scope) <= SIDES_EXACT_ALWAYS or self._sides_lost(scope)))
        )
        if not wanted:
            return
        order = self.order
        n = len(scope)

        def sides(a: TeamRecord, b: TeamRecord) -> int:
            return min(side_cost(a, 0) + side_cost(b, 1), side_cost(b, 0) + side_cost(a, 1))

        def figures(pairs) -> tuple[int, int, int, int]:
            teams = [(order[u], order[v]) for u, v in pairs]
            apart = sum(abs(a.points - b.points) for a, b in teams)
            balance = sum(sides(a, b) for a, b in teams)
            return (
                sum(have_met(a, b) for a, b in teams),
                sum(same_institution(a, b) for a, b in teams),
                *((balance, apart) if sides_first else (apart, balance)),
            )

        # Weights that make the sum lexicographic: each level outweighs all below it.
        members = [order[u] for u in scope]
        change = n // 2 + 1
        worst_sides = max((max(t.sides) - min(t.sides) + 1) ** 2 for t in members)
        spread = max(t.points for t in members) - min(t.points for t in members)
        lower = change  # the weight of the lower of brackets and sides, then the higher
        if sides_first:
            bracket = lower
            side = bracket * (n // 2 * spread + 1) + change
        else:
            side = lower
            bracket = side * (n // 2 * worst_sides + 1) + change
        institution = bracket * (n // 2 * spread + 1) + side * n * worst_sides + change
        repeat = institution * (n // 2 + 1)
        graph = nx.Graph()
        for u, v in combinations(scope, 2):
            a, b = order[u], order[v]
            cost = repeat * have_met(a, b) + institution * same_institution(a, b)
            cost += bracket * abs(a.points - b.points) + side * sides(a, b)
            cost += self.match[u] != v
            graph.add_edge(u, v, weight=repeat * 2 - cost)
        exact = nx.max_weight_matching(graph, maxcardinality=True)
        current = [(u, self.match[u]) for u in scope if u < self.match[u]]
        if figures(exact) >= figures(current):
            return
        found = {flag for u, v in current for flag in conflicts(order[u], order[v])}
        for u, v in exact:
            if self.match[u] != v:
                for team in (u, v):
                    self.reasons.setdefault(order[team].id, set()).update(_conflict_flags(found))
            self.match[u], self.match[v] = v, u

    def _settle_bracket_sides(self) -> None:
        """Augmenting keeps a side wherever its path allows, but the first path it finds is
        not always the one that keeps the most sides: re-pairing a room of due-proposition
        teams can leave another bracket-mate without its side when a different re-pairing
        would not have. So a bracket that is paired within itself and still loses a side is
        matched exactly (`_exact`, up to EXACT_LIMIT teams), on repeats, same-institution
        rooms, then side cost: no conflict is traded for a side, and the brackets stay as
        they are. A bracket the repair did not touch keeps `labelled_pairs`' rooms, which
        already give it its least side cost."""
        for start, n in sorted(set(self.span)):
            scope = range(start, start + n)
            repaired = any(self.match[u] != self.first[u] for u in scope)
            closed = all(self.match[u] in scope for u in scope)
            if repaired and closed and self._sides_lost(scope):
                self._exact(scope, always=True)

    def _sides_lost(self, scope: range) -> bool:
        """Whether some room of `scope` leaves a team without its due side, whichever way
        round the room is (both teams due the same side)."""
        return any(side_clash(self.order[u], self.order[self.match[u]]) for u in scope)

    def _cost(self, u: int, v: int) -> int:
        return conflict_cost(self.order[u], self.order[v])

    def _polish(self, priority: Priority) -> None:
        """What augmenting leaves (rooms of teams that had no allowed partner, or a repeat
        avoided by a same-institution room) is improved two rooms at a time: a room with a
        conflict and any other room (of its bracket, with the "brackets" priority) are
        re-paired the other way when that lowers their `conflict_cost`, until none does."""
        improved = True
        while improved:
            improved = False
            for u in range(self.size):
                v = self.match[u]
                if not self._cost(u, v):
                    continue
                for x in range(self.size):
                    y = self.match[x]
                    if (
                        x in (u, v)
                        or x > y
                        or (priority == "brackets" and self.span[x] != self.span[u])
                    ):
                        continue
                    before = self._cost(u, v) + self._cost(x, y)
                    for a, b in ((x, y), (y, x)):
                        if self._cost(u, a) + self._cost(v, b) < before:
                            found = set(conflicts(self.order[u], self.order[v]))
                            found |= set(conflicts(self.order[x], self.order[y]))
                            for team in (u, v, x, y):
                                self.reasons.setdefault(self.order[team].id, set()).update(
                                    _conflict_flags(found)
                                )
                            self.match[u], self.match[a] = a, u
                            self.match[v], self.match[b] = b, v
                            improved = True
                            break
                    if improved:
                        break
                if improved:
                    break

    def rooms(self, rng: random.Random) -> list[Room]:
        rooms = []
        for u in range(self.size):
            v = self.match[u]
            if v < u:
                continue
            a, b = self.order[u], self.order[v]
            fits = self._sides_fit(u, v) and self._sides_fit(v, u)
            if side_lean(a) != side_lean(b):
                prop, opp = (a, b) if side_lean(a) < side_lean(b) else (b, a)
            elif fits and self.label[u] != self.label[v]:
                prop, opp = (a, b) if self.label[u] == PROP or self.label[v] == OPP else (b, a)
            else:
                prop, opp = (a, b) if rng.random() < 0.5 else (b, a)
            flags: FlagSets = {}
            for team, side, index in (
                (prop, 0, u if prop is a else v),
                (opp, 1, v if opp is b else u),
            ):
                found = (
                    set(self.reasons.get(team.id, set()))
                    if self.match[index] != self.first[index]
                    else set()
                )
                found |= set(conflicts(prop, opp))
                if side_cost(team, side):
                    found |= {Flag.SIDES_UNBALANCED}
                    found.add(
                        Flag.SIDES_BRACKET if index in self.forced and fits else Flag.SIDES_CONFLICT
                    )
                if team.points < max(a.points, b.points):
                    found.add(Flag.PULLED_UP)
                flags[team.id] = found
            rooms.append(
                (
                    -max(a.points, b.points),
                    u,
                    Room(
                        teams=(prop.id, opp.id),
                        bracket=max(a.points, b.points),
                        flags={team_id: _ordered(found) for team_id, found in flags.items()},
                    ),
                )
            )
        return [room for *_, room in sorted(rooms, key=lambda item: item[:2])]
