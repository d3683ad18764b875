"""Team standings, the speaker tab and the break: pure functions over plain results.

Standings rank teams by metrics in the order the tournament chose; each metric only orders
teams the previous ones left tied. Teams still tied after every metric share a rank
(1, 2, 2, 4), listed by id so the page is stable.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum


class Metric(StrEnum):
    POINTS = "points"  # wins in two-team formats; team points (3/2/1/0) in BP
    SPEAKS = "speaks"  # total speaker score
    MARGINS = "margins"  # sum of own speaks minus the opponent's (two-team formats)
    DRAW_STRENGTH = "draw_strength"  # sum of the current points of the opponents met
    WHO_BEAT_WHOM = "who_beat_whom"  # between exactly two tied teams that met


DEFAULT_METRICS = (Metric.POINTS, Metric.SPEAKS, Metric.MARGINS, Metric.WHO_BEAT_WHOM)


@dataclass(frozen=True)
class DebateResult:
    """One team's result in one debate."""

    round: int
    team: int
    opponents: tuple[int, ...]  # the other teams of the room
    points: int
    speaks: float
    margin: float = 0.0


@dataclass(frozen=True)
class Standing:
    team: int
    rank: int
    values: dict[Metric, float]
    tied: bool  # shares its rank with another team


def totals(results: Iterable[DebateResult]) -> dict[int, dict[Metric, float]]:
    """Every numeric metric for every team."""
    results = list(results)
    points: dict[int, float] = defaultdict(float)
    speaks: dict[int, float] = defaultdict(float)
    margins: dict[int, float] = defaultdict(float)
    for result in results:
        points[result.team] += result.points
        speaks[result.team] += result.speaks
        margins[result.team] += result.margin
    strength: dict[int, float] = defaultdict(float)
    for result in results:
        strength[result.team] += sum(points[opponent] for opponent in result.opponents)
    return {
        team: {
            Metric.POINTS: points[team],
            Metric.SPEAKS: speaks[team],
            Metric.MARGINS: margins[team],
            Metric.DRAW_STRENGTH: strength[team],
        }
        for team in points
    }


def head_to_head(results: Iterable[DebateResult]) -> dict[tuple[int, int], int]:
    """(a, b) → how many times a finished above b in the same room."""
    rooms: dict[tuple[int, frozenset[int]], list[DebateResult]] = defaultdict(list)
    for result in results:
        rooms[(result.round, frozenset((result.team, *result.opponents)))].append(result)
    wins: dict[tuple[int, int], int] = defaultdict(int)
    for room in rooms.values():
        for a in room:
            for b in room:
                if a.points > b.points:
                    wins[(a.team, b.team)] += 1
    return wins


def standings(
    results: Iterable[DebateResult], metrics: tuple[Metric, ...] = DEFAULT_METRICS
) -> list[Standing]:
    results = list(results)
    values = totals(results)
    beats = head_to_head(results)
    groups = [sorted(values)]
    for metric in metrics:
        split = _split_by_head_to_head(beats) if metric == Metric.WHO_BEAT_WHOM else None
        groups = [
            part
            for group in groups
            for part in (split(group) if split else _split_by_value(group, values, metric))
        ]
    return _ranked(groups, values)


def _split_by_value(group: list[int], values, metric: Metric) -> list[list[int]]:
    if len(group) < 2:
        return [group]
    ordered = sorted(group, key=lambda team: (-values[team][metric], team))
    parts: list[list[int]] = []
    for team in ordered:
        if parts and values[parts[-1][0]][metric] == values[team][metric]:
            parts[-1].append(team)
        else:
            parts.append([team])
    return parts


def _split_by_head_to_head(beats) -> Callable[[list[int]], list[list[int]]]:
    """Who-beat-whom orders a tie of exactly two teams that met and did not split evenly;
    larger ties stay tied (a cycle among three has no fair order)."""

    def split(group: list[int]) -> list[list[int]]:
        if len(group) != 2:
            return [group]
        a, b = group
        if beats.get((a, b), 0) > beats.get((b, a), 0):
            return [[a], [b]]
        if beats.get((b, a), 0) > beats.get((a, b), 0):
            return [[b], [a]]
        return [group]

    return split


def _ranked(groups: list[list[int]], values) -> list[Standing]:
    table, position = [], 1
    for group in groups:
        for team in sorted(group):
            table.append(Standing(team, position, values[team], tied=len(group) > 1))
        position += len(group)
    return table


@dataclass(frozen=True)
class Speech:
    speaker: int
    round: int
    score: float
    reply: bool = False  # reply speeches are not part of the speaker tab's total


@dataclass(frozen=True)
class SpeakerStanding:
    speaker: int
    rank: int
    total: float
    average: float
    speeches: int


def speaker_tab(speeches: Iterable[Speech], min_speeches: int = 1) -> list[SpeakerStanding]:
    """Substantive speeches only, by total then average; ties share a rank."""
    scores: dict[int, list[float]] = defaultdict(list)
    for speech in speeches:
        if not speech.reply:
            scores[speech.speaker].append(speech.score)
    rows = [
        (speaker, sum(marks), sum(marks) / len(marks), len(marks))
        for speaker, marks in scores.items()
        if len(marks) >= min_speeches
    ]
    rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
    tab, previous = [], None
    for index, (speaker, total, average, count) in enumerate(rows):
        rank = (
            previous.rank
            if previous and (previous.total, previous.average) == (total, average)
            else index + 1
        )
        previous = SpeakerStanding(speaker, rank, total, average, count)
        tab.append(previous)
    return tab


@dataclass(frozen=True)
class Break:
    teams: tuple[int, ...]  # in break order (seed 1 first)
    capped: tuple[int, ...]  # ranked high enough but left out by the institution cap


def break_teams(
    table: list[Standing],
    size: int,
    institution_of: dict[int, int | None],
    institution_cap: int | None = None,
) -> Break:
    """The top ``size`` teams, skipping a team whose institution already has
    ``institution_cap`` teams in the break. A tie at the cut is broken by the table's order
    (ids): organizers settle such ties before they publish, and the page flags them."""
    chosen: list[int] = []
    capped: list[int] = []
    per_institution: dict[int, int] = defaultdict(int)
    for standing in table:
        if len(chosen) == size:
            break
        institution = institution_of.get(standing.team)
        if institution_cap is not None and institution is not None:
            if per_institution[institution] >= institution_cap:
                capped.append(standing.team)
                continue
            per_institution[institution] += 1
        chosen.append(standing.team)
    return Break(tuple(chosen), tuple(capped))
