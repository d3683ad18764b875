"""Read-only views of a game for its host: the lobby roster, the answer count, and the
report after the game (per question and per player). Aggregates are computed in SQL."""

from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.quizzes.models import Question

from .models import LiveAnswer, LiveGame, LivePlayer, LiveTeam
from .scoring import competition_ranks

ROSTER_SHOWN = 200  # the projector lists the newest names; the count covers everyone


def _active(game_id: int):
    return sa.and_(LivePlayer.game_id == game_id, LivePlayer.removed_at.is_(None))


def roster(game_id: int) -> dict:
    rows = db.session.execute(
        sa.select(LivePlayer.id, LivePlayer.nickname, LiveTeam.name.label("team"))
        .outerjoin(LiveTeam, LiveTeam.id == LivePlayer.team_id)
        .where(_active(game_id))
        .order_by(LivePlayer.id.desc())
        .limit(ROSTER_SHOWN)
    ).all()
    count = db.session.scalar(sa.select(sa.func.count(LivePlayer.id)).where(_active(game_id)))
    teams = db.session.execute(
        sa.select(LiveTeam.id, LiveTeam.name)
        .where(LiveTeam.game_id == game_id)
        .order_by(LiveTeam.name)
    ).all()
    return {
        "count": count,
        "players": [{"id": row.id, "nickname": row.nickname, "team": row.team} for row in rows],
        "teams": [{"id": row.id, "name": row.name} for row in teams],
    }


def progress(game_id: int) -> dict:
    game_position = sa.select(LiveGame.position).where(LiveGame.id == game_id).scalar_subquery()
    answered = db.session.scalar(
        sa.select(sa.func.count(LiveAnswer.id))
        .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
        .where(
            _active(game_id), LiveAnswer.game_id == game_id, LiveAnswer.position == game_position
        )
    )
    players = db.session.scalar(sa.select(sa.func.count(LivePlayer.id)).where(_active(game_id)))
    return {"answered": answered, "players": players}


@dataclass(frozen=True)
class QuestionReport:
    position: int
    question: Question
    answered: int
    correct: int
    average_ms: int
    distribution: dict[str, int]

    @property
    def correct_percent(self) -> int | None:
        if not self.question.kind.scored or not self.answered:
            return None
        return round(100 * self.correct / self.answered)


@dataclass(frozen=True)
class PlayerReport:
    rank: int
    nickname: str
    team: str | None
    score: int
    answered: int
    correct: int
    linked: bool


def questions(game: LiveGame) -> list[QuestionReport]:
    per_position = {
        row.position: row
        for row in db.session.execute(
            sa.select(
                LiveAnswer.position,
                sa.func.count(LiveAnswer.id).label("answered"),
                sa.func.count(LiveAnswer.id).filter(LiveAnswer.correct.is_(True)).label("correct"),
                sa.func.avg(LiveAnswer.elapsed_ms).label("average_ms"),
            )
            .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
            .where(_active(game.id), LiveAnswer.game_id == game.id)
            .group_by(LiveAnswer.position)
        )
    }
    distributions = _distributions(game.id)
    reports = []
    for question in game.version.questions[: game.position]:
        row = per_position.get(question.position)
        reports.append(
            QuestionReport(
                position=question.position,
                question=question,
                answered=row.answered if row else 0,
                correct=row.correct if row else 0,
                average_ms=round(row.average_ms) if row else 0,
                distribution=distributions.get(question.position, {}),
            )
        )
    return reports


def _distributions(game_id: int) -> dict[int, dict[str, int]]:
    """Choices are a JSON list per answer; counting them is done here, over one game's
    answers (at most players × questions rows)."""
    counts: dict[int, dict[str, int]] = {}
    rows = db.session.execute(
        sa.select(LiveAnswer.position, LiveAnswer.choices)
        .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
        .where(_active(game_id), LiveAnswer.game_id == game_id)
    )
    for position, choices in rows:
        for choice in choices:
            counts.setdefault(position, {}).setdefault(choice, 0)
            counts[position][choice] += 1
    return counts


def players(game: LiveGame) -> list[PlayerReport]:
    rows = db.session.execute(
        sa.select(
            LivePlayer.nickname,
            LiveTeam.name.label("team"),
            LivePlayer.score,
            LivePlayer.user_id,
            sa.func.count(LiveAnswer.id).label("answered"),
            sa.func.count(LiveAnswer.id).filter(LiveAnswer.correct.is_(True)).label("correct"),
        )
        .outerjoin(LiveTeam, LiveTeam.id == LivePlayer.team_id)
        .outerjoin(LiveAnswer, LiveAnswer.player_id == LivePlayer.id)
        .where(_active(game.id))
        .group_by(LivePlayer.id, LiveTeam.name)
        .order_by(LivePlayer.score.desc(), LivePlayer.id)
    ).all()
    ranks = competition_ranks([row.score for row in rows])
    return [
        PlayerReport(
            rank=rank,
            nickname=row.nickname,
            team=row.team,
            score=row.score,
            answered=row.answered,
            correct=row.correct,
            linked=row.user_id is not None,
        )
        for rank, row in zip(ranks, rows, strict=True)
    ]


def summary(game: LiveGame) -> dict:
    """Counts that load tools check: every acknowledged answer must be stored."""
    stored = db.session.scalar(
        sa.select(sa.func.count(LiveAnswer.id)).where(LiveAnswer.game_id == game.id)
    )
    players_count = db.session.scalar(
        sa.select(sa.func.count(LivePlayer.id)).where(LivePlayer.game_id == game.id)
    )
    return {
        "game": game.id,
        "phase": str(game.phase),
        "revision": game.revision,
        "players": players_count,
        "answers_stored": stored,
    }
