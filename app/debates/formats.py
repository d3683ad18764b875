"""Debate formats as data (formats.yaml) and the rules a ballot must keep in each one.

Pure: no Flask, no database. A ballot's problems come back as codes with details; the
e-ballot page turns them into translated messages next to the right score.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

FORMATS_FILE = Path(__file__).with_name("formats.yaml")
LANGUAGES = ("kk", "ru", "en")


class FormatError(ValueError):
    """formats.yaml is malformed."""


@dataclass(frozen=True)
class ScoreRange:
    min: Decimal
    max: Decimal
    step: Decimal

    def accepts(self, score: float) -> bool:
        value = Decimal(str(score))
        return self.min <= value <= self.max and (value - self.min) % self.step == 0


@dataclass(frozen=True)
class Reply:
    from_roles: tuple[int, ...]  # which speakers may give the reply
    scores: ScoreRange
    order: tuple[int, ...]  # positions, in speaking order


PERIOD_KINDS = ("speech", "reply", "cross_examination", "crossfire")


@dataclass(frozen=True)
class Period:
    """One timed part of a debate, in the order of the round (the timer and the projector
    show them): a speech by ``speakers[0]``, a reply by the team at ``position``, a
    cross-examination in which ``speakers[0]`` asks and ``speakers[1]`` answers, or a
    crossfire between ``speakers`` (all of them: a grand crossfire). ``name`` (kk/ru/en)
    names it where the kind alone does not (a summary, a rebuttal)."""

    kind: str
    minutes: Decimal
    speakers: tuple[tuple[int, int], ...] = ()  # (position, role) pairs
    position: int | None = None  # replies
    name: dict[str, str] | None = None

    @property
    def seconds(self) -> int:
        return int(self.minutes * 60)


@dataclass(frozen=True)
class Format:
    key: str
    name: dict[str, str]
    teams_per_room: int
    positions: tuple[dict[str, str], ...]
    roles: tuple[dict[str, str], ...]
    speech_order: tuple[tuple[int, int], ...]
    speaker_score: ScoreRange
    reply: Reply | None
    ranking: str  # "winner" or "places"
    schedule: tuple[Period, ...] = ()  # the round's timed parts; () when not given
    prep_minutes: Decimal | None = None  # preparation time per team, if the format sets one

    @property
    def has_cross_examination(self) -> bool:
        return any(period.kind in ("cross_examination", "crossfire") for period in self.schedule)


def _names(value, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or any(not value.get(code) for code in LANGUAGES):
        raise FormatError(f"{where}: a name in kk, ru and en is needed")
    return {code: str(value[code]) for code in LANGUAGES}


def _range(value, where: str) -> ScoreRange:
    try:
        low, high, step = (Decimal(str(value[key])) for key in ("min", "max", "step"))
    except (TypeError, KeyError, ArithmeticError) as error:
        raise FormatError(f"{where}: min, max and step are needed") from error
    if not (low < high and step > 0 and (high - low) % step == 0):
        raise FormatError(f"{where}: min < max, a positive step that divides the range")
    return ScoreRange(low, high, step)


def parse_format(key: str, data) -> Format:
    where = f"formats.{key}"
    if not isinstance(data, dict):
        raise FormatError(f"{where}: a mapping is needed")
    teams = data.get("teams_per_room")
    if teams not in (2, 4):
        raise FormatError(f"{where}.teams_per_room: 2 or 4")
    positions = tuple(_names(p, f"{where}.positions") for p in data.get("positions") or ())
    roles = tuple(_names(r, f"{where}.roles") for r in data.get("roles") or ())
    if len(positions) != teams or not roles:
        raise FormatError(f"{where}: one position per team and at least one role")
    order = tuple(tuple(pair) for pair in data.get("speech_order") or ())
    expected = {(p, r) for p in range(teams) for r in range(len(roles))}
    if len(order) != len(expected) or set(order) != expected:
        raise FormatError(f"{where}.speech_order: every position's every role exactly once")
    ranking = data.get("ranking")
    if ranking != ("winner" if teams == 2 else "places"):
        raise FormatError(f"{where}.ranking: 'winner' for two teams, 'places' for four")
    reply = _reply(data.get("reply"), teams, len(roles), f"{where}.reply")
    schedule = _schedule(data.get("schedule") or [], teams, len(roles), order, reply, where)
    prep = data.get("prep_minutes")
    return Format(
        key=key,
        name=_names(data.get("name"), f"{where}.name"),
        teams_per_room=teams,
        positions=positions,
        roles=roles,
        speech_order=order,
        speaker_score=_range(data.get("speaker_score"), f"{where}.speaker_score"),
        reply=reply,
        ranking=ranking,
        schedule=schedule,
        prep_minutes=_minutes(prep, f"{where}.prep_minutes") if prep is not None else None,
    )


def _minutes(value, where: str) -> Decimal:
    try:
        minutes = Decimal(str(value))
    except ArithmeticError as error:
        raise FormatError(f"{where}: minutes as a number") from error
    if not minutes > 0:
        raise FormatError(f"{where}: minutes as a positive number")
    return minutes


def _schedule(
    data, teams: int, roles: int, order: tuple, reply: Reply | None, where: str
) -> tuple[Period, ...]:
    """The round's periods, checked: known kinds, speakers of this format, every scored
    speech (speech_order) timed in its order, and the replies in the reply order."""
    if not isinstance(data, list):
        raise FormatError(f"{where}.schedule: a list of periods")
    periods = []
    for k, item in enumerate(data):
        here = f"{where}.schedule[{k}]"
        if not isinstance(item, dict) or item.get("kind") not in PERIOD_KINDS:
            raise FormatError(f"{here}.kind: one of {', '.join(PERIOD_KINDS)}")
        speakers = tuple(tuple(pair) for pair in item.get("speakers") or ())
        if any(
            len(pair) != 2 or not (0 <= pair[0] < teams and 0 <= pair[1] < roles)
            for pair in speakers
        ):
            raise FormatError(f"{here}.speakers: [position, role] pairs of this format")
        kind = item["kind"]
        needed = {"speech": 1, "reply": 0, "cross_examination": 2}.get(kind)
        if (needed is not None and len(speakers) != needed) or (
            kind == "crossfire" and len(speakers) < 2
        ):
            raise FormatError(f"{here}.speakers: the wrong number for a {kind}")
        position = item.get("position")
        if (kind == "reply") != (position is not None) or (
            position is not None and not 0 <= position < teams
        ):
            raise FormatError(f"{here}.position: a reply's position, and only a reply's")
        name = item.get("name")
        periods.append(
            Period(
                kind=kind,
                minutes=_minutes(item.get("minutes"), f"{here}.minutes"),
                speakers=speakers,
                position=position,
                name=_names(name, f"{here}.name") if name is not None else None,
            )
        )
    if periods:
        timed = []
        for period in periods:
            if period.kind == "speech" and period.speakers[0] not in timed:
                timed.append(period.speakers[0])
        if tuple(timed) != order:
            raise FormatError(f"{where}.schedule: every speech of speech_order, in its order")
        replies = tuple(period.position for period in periods if period.kind == "reply")
        if replies != (reply.order if reply else ()):
            raise FormatError(f"{where}.schedule: the replies, in the reply order")
    return tuple(periods)


def _reply(data, teams: int, roles: int, where: str) -> Reply | None:
    if data is None:
        return None
    from_roles = tuple(data.get("from_roles") or ())
    order = tuple(data.get("order") or ())
    if not from_roles or any(not 0 <= role < roles for role in from_roles):
        raise FormatError(f"{where}.from_roles: role numbers of this format")
    if sorted(order) != list(range(teams)):
        raise FormatError(f"{where}.order: every position once")
    return Reply(from_roles, _range(data, where), order)


@cache
def load_formats(path: Path = FORMATS_FILE) -> dict[str, Format]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not data:
        raise FormatError("formats.yaml: a mapping of formats is needed")
    return {key: parse_format(key, value) for key, value in data.items()}


# --- ballots ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong with a ballot: a code, and where (position and role, if a score)."""

    code: str  # missing_score, off_range, off_step, missing_reply, unexpected_reply,
    #            bad_result, winner_low_points, tied_totals, places_disagree
    position: int | None = None
    role: int | None = None


@dataclass(frozen=True)
class Ballot:
    """One adjudicator's ballot for one room.

    ``speeches[p]`` lists the substantive scores of position p's speakers in role order;
    ``replies[p]`` the reply score (formats with replies); ``result`` is the winning
    position (two teams) or the positions in finishing order, first place first (BP)."""

    speeches: tuple[tuple[float, ...], ...]
    replies: tuple[float, ...] | None
    result: tuple[int, ...]


def team_totals(ballot: Ballot) -> list[Decimal]:
    replies = ballot.replies or (0,) * len(ballot.speeches)
    return [
        sum((Decimal(str(score)) for score in scores), Decimal(0)) + Decimal(str(reply))
        for scores, reply in zip(ballot.speeches, replies, strict=True)
    ]


def check_ballot(fmt: Format, ballot: Ballot) -> list[Problem]:
    """Every problem at once, so the page can mark them all; empty when the ballot holds."""
    problems = _score_problems(fmt, ballot)
    if problems:
        return problems
    return _result_problems(fmt, ballot)


def _score_problems(fmt: Format, ballot: Ballot) -> list[Problem]:
    problems = []
    if len(ballot.speeches) != fmt.teams_per_room:
        return [Problem("missing_score")]
    for position, scores in enumerate(ballot.speeches):
        if len(scores) != len(fmt.roles):
            problems.append(Problem("missing_score", position))
            continue
        for role, score in enumerate(scores):
            problems += _range_problem(fmt.speaker_score, score, position, role)
    if fmt.reply is None and ballot.replies is not None:
        problems.append(Problem("unexpected_reply"))
    if fmt.reply is not None:
        if ballot.replies is None or len(ballot.replies) != fmt.teams_per_room:
            problems.append(Problem("missing_reply"))
        else:
            for position, score in enumerate(ballot.replies):
                problems += _range_problem(fmt.reply.scores, score, position, None)
    return problems


def _range_problem(scores: ScoreRange, score, position: int, role: int | None) -> list[Problem]:
    if not isinstance(score, int | float | Decimal) or isinstance(score, bool):
        return [Problem("missing_score", position, role)]
    value = Decimal(str(score))
    if not scores.min <= value <= scores.max:
        return [Problem("off_range", position, role)]
    if (value - scores.min) % scores.step:
        return [Problem("off_step", position, role)]
    return []


def _result_problems(fmt: Format, ballot: Ballot) -> list[Problem]:
    totals = team_totals(ballot)
    if fmt.ranking == "winner":
        if len(ballot.result) != 1 or ballot.result[0] not in range(fmt.teams_per_room):
            return [Problem("bad_result")]
        winner, loser = ballot.result[0], 1 - ballot.result[0]
        if totals[winner] == totals[loser]:
            return [Problem("tied_totals")]
        if totals[winner] < totals[loser]:
            return [Problem("winner_low_points", winner)]
        return []
    if sorted(ballot.result) != list(range(fmt.teams_per_room)):
        return [Problem("bad_result")]
    ordered = [totals[position] for position in ballot.result]
    if len(set(totals)) != len(totals):
        return [Problem("tied_totals")]
    if ordered != sorted(ordered, reverse=True):
        return [Problem("places_disagree")]
    return []
