"""Adjudicator feedback: after a debate's result is confirmed, each team rates the chair and
each panellist rates the rest of the panel, with a score of 1-5 and answers to the tab
room's own questions. Only the tab room reads it (``summary``); the judge never sees who
said what. Giving it again replaces one's earlier feedback on that judge in that debate.
"""

from dataclasses import dataclass
from datetime import datetime
from statistics import mean

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.core.errors import FieldError
from app.core.transactions import use_case
from app.extensions import db
from app.i18n import _, ngettext

from .errors import DebateError
from .models import Adjudicator, Debate, DebateTeam, Feedback, PanelRole, Team, Tournament

MAX_QUESTIONS = 8
MAX_ANSWER = 1000


def judges_to_rate(debate: Debate, team: Team | None = None, adjudicator=None) -> list[Adjudicator]:
    """Whom a team rates (its room's chair) or a panellist rates (the others of the panel),
    once the result is confirmed."""
    if debate.confirmed_at is None or debate.is_bye:
        return []
    if team is not None:
        return [seat.adjudicator for seat in debate.panel if seat.role == PanelRole.CHAIR]
    return [seat.adjudicator for seat in debate.panel if seat.adjudicator_id != adjudicator.id]


def team_debates(team: Team) -> list[Debate]:
    """The team's debates of released draws, round by round."""
    return list(
        db.session.scalars(
            sa.select(Debate)
            .join(DebateTeam, DebateTeam.debate_id == Debate.id)
            .where(DebateTeam.team_id == team.id)
            .order_by(Debate.round_id)
        )
    )


def given(debate: Debate, team: Team | None = None, adjudicator=None) -> dict[int, Feedback]:
    """The feedback a team or a judge has given in a debate, by the judge rated."""
    query = sa.select(Feedback).where(Feedback.debate_id == debate.id)
    if team is not None:
        query = query.where(Feedback.from_team_id == team.id)
    else:
        query = query.where(Feedback.from_adjudicator_id == adjudicator.id)
    return {row.adjudicator_id: row for row in db.session.scalars(query)}


@use_case
def give_feedback(
    debate: Debate,
    judge: Adjudicator,
    score: int,
    answers: list[str],
    now: datetime,
    team: Team | None = None,
    adjudicator: Adjudicator | None = None,
) -> Feedback:
    if debate.confirmed_at is None:
        raise DebateError("feedback_not_yet")
    if team is not None and team.id not in {side.team_id for side in debate.sides}:
        raise DebateError("feedback_not_yours")
    if judge not in judges_to_rate(debate, team=team, adjudicator=adjudicator):
        raise DebateError("feedback_not_yours")
    if not 1 <= score <= 5:
        raise FieldError("score", _("Choose a score from 1 to 5."))
    questions = debate.round.tournament.feedback_questions
    answers = [(answer or "").strip()[:MAX_ANSWER] for answer in answers[: len(questions)]]
    row = given(debate, team=team, adjudicator=adjudicator).get(judge.id)
    if row is None:
        row = Feedback(
            debate_id=debate.id,
            adjudicator_id=judge.id,
            from_team_id=team.id if team else None,
            from_adjudicator_id=adjudicator.id if adjudicator else None,
            score=score,
            answers=answers,
            submitted_at=now,
        )
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:  # the same form sent twice at once: the other one is in
            row = given(debate, team=team, adjudicator=adjudicator)[judge.id]
    row.score, row.answers, row.submitted_at = score, answers, now
    db.session.commit()
    return row


def clean_questions(questions: list[str]) -> list[str]:
    """The tab room's questions, one per line, checked (FieldError "questions")."""
    questions = [q.strip() for q in questions if q.strip()]
    if len(questions) > MAX_QUESTIONS or any(len(q) > 200 for q in questions):
        raise FieldError(
            "questions",
            ngettext(
                "At most %(num)d question of up to 200 characters.",
                "At most %(num)d questions of up to 200 characters each.",
                MAX_QUESTIONS,
            ),
        )
    return questions


@use_case
def set_questions(tournament: Tournament, questions: list[str]) -> None:
    tournament.feedback_questions = clean_questions(questions)
    db.session.commit()


@use_case
def set_rating(adjudicator: Adjudicator, rating: float) -> None:
    if adjudicator.tournament.finished_at is not None:
        raise DebateError("finished")
    if not 0 <= rating <= 10:
        raise FieldError("rating", _("A rating goes from 0 to 10."))
    adjudicator.rating = rating
    db.session.commit()


@dataclass(frozen=True)
class JudgeFeedback:
    adjudicator: Adjudicator
    rows: list[Feedback]  # newest first; the source is shown as "a team" or "a judge"

    @property
    def average(self) -> float | None:
        return mean(row.score for row in self.rows) if self.rows else None


def summary(tournament: Tournament) -> list[JudgeFeedback]:
    """Every judge's feedback for the tab room, weakest average first."""
    rows = db.session.scalars(
        sa.select(Feedback)
        .join(Adjudicator, Feedback.adjudicator_id == Adjudicator.id)
        .where(Adjudicator.tournament_id == tournament.id)
        .order_by(Feedback.submitted_at.desc(), Feedback.id.desc())
    )
    by_judge: dict[int, list[Feedback]] = {}
    for row in rows:
        by_judge.setdefault(row.adjudicator_id, []).append(row)
    table = [JudgeFeedback(a, by_judge.get(a.id, [])) for a in tournament.adjudicators]
    return sorted(table, key=lambda j: (j.average is None, j.average or 0, j.adjudicator.name))
