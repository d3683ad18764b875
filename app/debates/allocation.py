"""Adjudicator allocation: which judges sit in which room, by a deterministic greedy.

Rooms are served most important first (importance desc, then id) and judges are taken
strongest first (rating desc, then id), so the rooms that decide the most get the best
judges. Conflicts are absolute: a judge never sits in a room with a team of their own
institution, a team they are conflicted with, or a team of an institution they are
conflicted with. A room for which no unconflicted judge is left goes without a chair and is
marked `short` (the draw page shows it) rather than the engine breaking a conflict.

Allocation runs in two passes, so that every room has a chair before any room has a panel:

1. chairs (`_assign_chairs`): each room in importance order takes the strongest free
   unconflicted judge;
2. panelists, either
   - `_fill_panels` (a `panel_size` is given): each room in importance order takes the
     strongest free unconflicted judges until it has `panel_size` judges; or
   - `_add_pairs` (no `panel_size`): leftover judges go in pairs, so panels stay odd, round
     after round over the rooms in importance order, while a room still has two free
     unconflicted judges; an odd judge out sits out, as an even panel can tie.

Each room keeps a cursor into the judges sorted strongest first. Every judge before the
cursor is taken or conflicted with the room, and stays so, since judges are only ever taken;
so each room walks the judge list once over the whole allocation: O(rooms x judges).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice


@dataclass(frozen=True)
class Judge:
    """One adjudicator as the allocation sees them."""

    id: int
    rating: float  # higher is stronger
    institution: int | None = None  # a judge is conflicted with teams of their own institution
    conflict_teams: frozenset[int] = frozenset()
    conflict_institutions: frozenset[int] = frozenset()


@dataclass(frozen=True)
class RoomNeed:
    """One debate to staff."""

    id: int  # the debate's id
    importance: float  # higher matters more (bracket points; elimination rounds pass a large value)
    teams: tuple[int, ...]
    institutions: tuple[
        int | None, ...
    ]  # the institution of each team (same order), None = unknown


@dataclass(frozen=True)
class Panel:
    """The judges of one room: panelists strongest first."""

    room: int
    chair: int | None  # None: no judge without a conflict was left for this room
    panelists: tuple[int, ...]
    short: bool  # fewer judges than the room should have had (incl. no chair)


def conflicted(judge: Judge, room: RoomNeed) -> bool:
    """True when the judge may not sit in the room: a team of the judge's own institution, a
    team in `conflict_teams`, or a team whose institution is in `conflict_institutions`.
    Unknown institutions (None) conflict with nothing."""
    institutions = {institution for institution in room.institutions if institution is not None}
    return (
        judge.institution in institutions
        or not judge.conflict_teams.isdisjoint(room.teams)
        or not judge.conflict_institutions.isdisjoint(institutions)
    )


def allocate(
    rooms: Sequence[RoomNeed], judges: Sequence[Judge], *, panel_size: int | None = None
) -> list[Panel]:
    """One `Panel` per room, in the input order of `rooms` (see the module docstring).

    With `panel_size` (odd, at least 1) a room is `short` when it got fewer judges than that;
    without, a room is `short` only when it has no chair. Raises ValueError on duplicate judge
    or room ids, a room whose `institutions` do not match its `teams`, or a bad `panel_size`.
    """
    _validate(rooms, judges, panel_size)
    ordered_rooms = sorted(rooms, key=_room_key)
    state = _State(sorted(judges, key=_judge_key))
    _assign_chairs(ordered_rooms, state)
    if panel_size is None:
        _add_pairs(ordered_rooms, state)
    else:
        _fill_panels(ordered_rooms, state, panel_size)
    return [_panel(room, state, panel_size) for room in rooms]


# --- ordering and validation ------------------------------------------------------------------


def _room_key(room: RoomNeed) -> tuple[float, int]:
    """Most important room first, then the lower id."""
    return (-room.importance, room.id)


def _judge_key(judge: Judge) -> tuple[float, int]:
    """Strongest judge first, then the lower id."""
    return (-judge.rating, judge.id)


def _validate(rooms: Sequence[RoomNeed], judges: Sequence[Judge], panel_size: int | None) -> None:
    """Rejects input the greedy would silently misread."""
    if len({judge.id for judge in judges}) != len(judges):
        raise ValueError("duplicate judge ids")
    if len({room.id for room in rooms}) != len(rooms):
        raise ValueError("duplicate room ids")
    for room in rooms:
        if len(room.institutions) != len(room.teams):
            raise ValueError(
                f"room {room.id}: {len(room.teams)} teams but {len(room.institutions)} institutions"
            )
    if panel_size is not None and (panel_size < 1 or panel_size % 2 == 0):
        raise ValueError(f"panel_size must be odd and at least 1, not {panel_size}")


# --- the greedy -------------------------------------------------------------------------------


class _State:
    """Judges strongest first, which are taken, each room's cursor and judges so far."""

    def __init__(self, judges: list[Judge]) -> None:
        self.judges = judges
        self.taken = [False] * len(judges)
        self.cursor: dict[int, int] = {}  # room id → index of the first judge not yet ruled out
        self.seated: dict[int, list[Judge]] = {}  # room id → chair first, then panelists

    def candidates(self, room: RoomNeed) -> Iterator[int]:
        """Indices of the free judges unconflicted with the room, strongest first. Advances the
        room's cursor past every judge it rules out, so no judge is checked twice."""
        index = self.cursor.get(room.id, 0)
        while index < len(self.judges):
            if not self.taken[index] and not conflicted(self.judges[index], room):
                self.cursor[room.id] = index
                yield index
            index += 1
            self.cursor[room.id] = index

    def seat(self, room: RoomNeed, indices: Sequence[int]) -> None:
        """Puts the judges at `indices` in the room."""
        for index in indices:
            self.taken[index] = True
            self.seated.setdefault(room.id, []).append(self.judges[index])


def _assign_chairs(rooms: Sequence[RoomNeed], state: _State) -> None:
    """Each room, most important first, gets the strongest free unconflicted judge, so that
    without conflicts the chairs weaken from the top room down."""
    for room in rooms:
        index = next(state.candidates(room), None)
        if index is not None:
            state.seat(room, [index])


def _fill_panels(rooms: Sequence[RoomNeed], state: _State, panel_size: int) -> None:
    """Fills each chaired room, most important first, up to `panel_size` judges with the
    strongest free unconflicted judges. A room with no chair has no unconflicted judge left."""
    for room in rooms:
        if room.id in state.seated:
            for _ in range(panel_size - 1):
                index = next(state.candidates(room), None)
                if index is None:
                    break
                state.seat(room, [index])


def _add_pairs(rooms: Sequence[RoomNeed], state: _State) -> None:
    """Adds two panelists at a time, so every panel stays odd, going over the chaired rooms in
    importance order round after round. A room with fewer than two free unconflicted judges
    left can never get a pair again (judges are only taken), so it drops out."""
    open_rooms = [room for room in rooms if room.id in state.seated]
    while open_rooms:
        still_open = []
        for room in open_rooms:
            pair = list(islice(state.candidates(room), 2))
            if len(pair) == 2:
                state.seat(room, pair)
                still_open.append(room)
        open_rooms = still_open


def _panel(room: RoomNeed, state: _State, panel_size: int | None) -> Panel:
    """The room's panel as the web layer sees it: ids, panelists strongest first."""
    seated = state.seated.get(room.id, [])
    chair = seated[0].id if seated else None
    panelists = tuple(judge.id for judge in sorted(seated[1:], key=_judge_key))
    wanted = 1 if panel_size is None else panel_size
    return Panel(room.id, chair, panelists, short=len(seated) < wanted)


def conflicted_judges(
    rooms: Sequence[RoomNeed], judges: Sequence[Judge], panels: Sequence[Panel]
) -> int:
    """How many seats of `panels` hold a judge `conflicted` with the room (0 for panels made
    by `allocate`; the draw's quality measure counts it, since panels can change later)."""
    by_room = {room.id: room for room in rooms}
    by_judge = {judge.id: judge for judge in judges}
    return sum(
        conflicted(by_judge[judge], by_room[panel.room])
        for panel in panels
        for judge in ((panel.chair,) if panel.chair is not None else ()) + panel.panelists
        if panel.room in by_room and judge in by_judge
    )
