"""E-ballots: reading a ballot form, checking it against the format, submitting, confirming.

A ballot is checked in full before anything is written: speakers (a team's own, one
substantive speech each, replies by the format's reply speakers), then the scores and the
result (formats.check_ballot). Every problem comes back at once, as translated messages.

Confirming a debate decides the panel's result: the result most ballots agree on (the
chair's, when the votes split evenly); speaker scores are averaged over the ballots of that
majority, as in Tabbycat. The confirmed result is written to the teams' seats and to
``Speech`` rows, which the standings and the speaker tab read.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from app.accounts.models import User
from app.core.errors import DomainError
from app.core.transactions import use_case
from app.extensions import db
from app.i18n import _, translate

from . import formats, queries
from .errors import DebateError
from .models import Adjudicator, Ballot, Debate, PanelRole, Speech


class BallotRejected(DomainError):
    """The ballot breaks the format's rules; ``messages`` say where, in the user's language."""

    def __init__(self, messages: list[str]):
        super().__init__("ballot_rejected")
        self.messages = messages

    @property
    def message(self) -> str:
        return " ".join(self.messages)


@dataclass(frozen=True)
class BallotEntry:
    """What the ballot form says: per position, (speaker id, score) in role order; the
    replies (speaker id, score) per position, or None; the result as formats.Ballot has it."""

    speeches: tuple[tuple[tuple[int | None, float | None], ...], ...]
    replies: tuple[tuple[int | None, float | None], ...] | None
    result: tuple[int, ...]

    def as_scores(self) -> dict:
        def speech(pair):
            return {"speaker": pair[0], "score": pair[1]}

        return {
            "speeches": [[speech(pair) for pair in team] for team in self.speeches],
            "replies": None if self.replies is None else [speech(p) for p in self.replies],
            "result": list(self.result),
        }


# --- reading the form ---------------------------------------------------------------------


def entry_from_form(fmt: formats.Format, form: Mapping[str, str]) -> BallotEntry:
    """Field names: s-<position>-<role>-speaker / -score, r-<position>-speaker / -score,
    and ``winner`` (two teams) or place-<position> (BP, 1 to 4)."""
    positions = range(fmt.teams_per_room)
    speeches = tuple(
        tuple(
            (_integer(form.get(f"s-{p}-{r}-speaker")), _number(form.get(f"s-{p}-{r}-score")))
            for r in range(len(fmt.roles))
        )
        for p in positions
    )
    replies = None
    if fmt.reply is not None:
        replies = tuple(
            (_integer(form.get(f"r-{p}-speaker")), _number(form.get(f"r-{p}-score")))
            for p in positions
        )
    if fmt.ranking == "winner":
        winner = _integer(form.get("winner"))
        result = (winner,) if winner is not None else ()
    else:
        places = {p: _integer(form.get(f"place-{p}")) for p in positions}
        result = tuple(sorted(positions, key=lambda p: places[p] or 99))
        if sorted(places.values(), key=lambda v: v or 0) != list(range(1, len(positions) + 1)):
            result = ()
    return BallotEntry(speeches, replies, result)


def _integer(text) -> int | None:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None


def _number(text) -> float | None:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except (InvalidOperation, TypeError):
        return None
    return float(value) if value.is_finite() else None


# --- checking -------------------------------------------------------------------------------


def problems_of(debate: Debate, entry: BallotEntry) -> list[str]:
    fmt = debate.round.tournament.format
    messages = _speaker_problems(fmt, debate, entry)
    ballot = formats.Ballot(
        speeches=tuple(tuple(score for _id, score in team) for team in entry.speeches),
        replies=None if entry.replies is None else tuple(s for _id, s in entry.replies),
        result=entry.result,
    )
    messages += [_message(fmt, problem) for problem in formats.check_ballot(fmt, ballot)]
    return list(dict.fromkeys(messages))


def _speaker_problems(fmt: formats.Format, debate: Debate, entry: BallotEntry) -> list[str]:
    problems = []
    for side, team in zip(debate.sides, entry.speeches, strict=True):
        own = {speaker.id for speaker in side.team.speakers}
        chosen = [speaker for speaker, _score in team]
        if any(speaker not in own for speaker in chosen):
            problems.append(str(DebateError("not_a_speaker").message))
        elif len(set(chosen)) != len(chosen):
            problems.append(str(DebateError("speaker_twice").message))
        if entry.replies is not None and fmt.reply is not None:
            reply_speaker = entry.replies[side.position][0]
            allowed = {chosen[role] for role in fmt.reply.from_roles if role < len(chosen)}
            if reply_speaker not in allowed:
                problems.append(str(DebateError("reply_speaker").message))
    return problems


def _speech_name(fmt: formats.Format, position: int | None, role: int | None) -> str:
    if position is None:
        return ""
    side = translate(fmt.positions[position])
    if role is None:
        return _("%(side)s, reply", side=side)
    return f"{side}, {translate(fmt.roles[role])}"


def _message(fmt: formats.Format, problem: formats.Problem) -> str:
    speech = _speech_name(fmt, problem.position, problem.role)
    scores = fmt.speaker_score if problem.role is not None or not fmt.reply else fmt.reply.scores
    if problem.code == "missing_score":
        return (
            _("Enter every score: %(speech)s.", speech=speech)
            if speech
            else _("Enter every score.")
        )
    if problem.code == "off_range":
        return _(
            "%(speech)s: a score must be from %(min)s to %(max)s.",
            speech=speech,
            min=scores.min,
            max=scores.max,
        )
    if problem.code == "off_step":
        return _("%(speech)s: scores go in steps of %(step)s.", speech=speech, step=scores.step)
    if problem.code == "winner_low_points":
        return _(
            "The winner, %(side)s, has fewer points than the loser. "
            "Check the scores or the result.",
            side=translate(fmt.positions[problem.position]),
        )
    if problem.code == "tied_totals":
        return _("The teams' totals are tied: the winner must have more points.")
    if problem.code == "places_disagree":
        return _("The places do not follow the teams' totals: check the scores or the places.")
    if problem.code in ("missing_reply", "unexpected_reply"):
        return _("Enter the reply speeches.")
    return _("Choose the result of the debate.")


# --- submitting and confirming ---------------------------------------------------------------


@use_case
def submit(
    debate: Debate,
    adjudicator: Adjudicator,
    entry: BallotEntry,
    now: datetime,
    entered_by: User | None = None,
) -> Ballot:
    """An adjudicator's ballot (through their link), or one typed by the tab room
    (``entered_by``), which may also correct a confirmed debate; it then needs confirming
    again."""
    if debate.round.tournament.finished_at is not None:
        raise DebateError("finished")
    if queries.seat_of(debate, adjudicator) is None:
        raise DebateError("not_on_panel")
    if debate.confirmed_at is not None and entered_by is None:
        raise DebateError("confirmed")
    problems = problems_of(debate, entry)
    if problems:
        raise BallotRejected(problems)
    ballot = Ballot(
        debate=debate,
        adjudicator_id=adjudicator.id,
        scores=entry.as_scores(),
        entered_by_id=entered_by.id if entered_by else None,
        submitted_at=now,
    )
    db.session.add(ballot)
    if debate.confirmed_at is not None:  # a correction: the result is open again
        _unconfirm(debate)
    db.session.commit()
    return ballot


@use_case
def confirm(
    debate: Debate, now: datetime, *, chair: Adjudicator | None = None, by: User | None = None
):
    """The chair (through their link) or the tab room (``by``) confirms the panel's result."""
    if debate.round.tournament.finished_at is not None:
        raise DebateError("finished")
    if chair is not None and not queries.is_chair(debate, chair):
        raise DebateError("chair_only")
    ballots = queries.latest_ballots(debate)
    if not ballots:
        raise DebateError("no_ballots")
    _unconfirm(debate)
    db.session.flush()
    result, majority = decide(debate, ballots)
    _write_result(debate, result, majority)
    debate.confirmed_at = now
    debate.confirmed_by_id = by.id if by else None
    db.session.commit()


def decide(debate: Debate, ballots: dict[int, Ballot]) -> tuple[tuple[int, ...], list[Ballot]]:
    """The panel's result and the ballots that voted for it (the chair's first)."""
    votes = Counter(ballot.result for ballot in ballots.values())
    most = max(votes.values())
    leaders = [result for result, count in votes.items() if count == most]
    chair = debate.chair
    chair_ballot = ballots.get(chair.adjudicator_id) if chair else None
    if chair_ballot is not None and chair_ballot.result in leaders:
        result = chair_ballot.result
    else:
        result = min(leaders)
    majority = sorted(
        (b for b in ballots.values() if b.result == result),
        key=lambda b: (b is not chair_ballot, b.id),
    )
    return result, majority


def _write_result(debate: Debate, result: tuple[int, ...], majority: list[Ballot]) -> None:
    fmt = debate.round.tournament.format
    first = majority[0].scores
    totals = []
    for side in debate.sides:
        position = side.position
        scores = [
            _average(b.scores["speeches"][position][r]["score"] for b in majority)
            for r in range(len(fmt.roles))
        ]
        for role, score in enumerate(scores):
            speaker = first["speeches"][position][role]["speaker"]
            db.session.add(Speech(debate_id=debate.id, speaker_id=speaker, score=score))
        total = sum(scores)
        if first["replies"] is not None:
            reply = _average(b.scores["replies"][position]["score"] for b in majority)
            speaker = first["replies"][position]["speaker"]
            db.session.add(Speech(debate_id=debate.id, speaker_id=speaker, score=reply, reply=True))
            total += reply
        totals.append(total)
    for side in debate.sides:
        side.speaks = round(totals[side.position], 2)
        if fmt.ranking == "winner":
            side.points = 1 if result[0] == side.position else 0
            side.margin = round(totals[side.position] - totals[1 - side.position], 2)
        else:
            side.points = len(result) - 1 - result.index(side.position)
            side.margin = 0.0


def _average(values) -> float:
    values = [float(value) for value in values]
    return round(sum(values) / len(values), 2)


def _unconfirm(debate: Debate) -> None:
    debate.speeches.clear()
    for side in debate.sides:
        side.points = side.speaks = side.margin = None
    debate.confirmed_at = None
    debate.confirmed_by_id = None


__all__ = ["BallotEntry", "BallotRejected", "PanelRole", "confirm", "entry_from_form", "submit"]
