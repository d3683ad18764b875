"""What the phones and the projector see of a game, read once per revision per process.

A GameState is a plain snapshot of one revision: the question, the standings, the teams and
the answer distribution. Every push stream of a process shares it, so a question starting in
front of 2,000 phones costs a handful of queries, not 2,000. Events are then cut from it per
language (the common part, computed once per language) plus each player's own line.
"""

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.i18n import force_locale, translate
from app.media.store import VARIANTS, image_path
from app.quizzes.kinds import Grade, QuestionKind
from app.quizzes.kinds.base import label_text
from app.quizzes.models import Question

from .models import GamePhase, LiveAnswer, LiveGame, LivePlayer, LiveTeam
from .scoring import Scoring, average, competition_ranks

# Colour and shape per answer slot: never colour alone, for colour-blind players.
CHOICE_LOOKS = [
    ("red", "triangle"),
    ("blue", "diamond"),
    ("yellow", "circle"),
    ("green", "square"),
    ("purple", "star"),
    ("orange", "hexagon"),
]
TOP_SIZE = 5
PODIUM_SIZE = 3


@dataclass(frozen=True)
class QuestionData:
    """A question as plain data, for building events without the ORM. Accepting and
    grading are the kind's own (app/quizzes/kinds/), exactly as in self-paced play."""

    kind: QuestionKind
    text: dict
    body: dict
    order: tuple  # the game's order of the choices, the same on the projector and phones
    explanation: dict
    time_limit: int
    image: dict | None = None
    case: dict | None = None

    @classmethod
    def of(cls, question: Question, order: list[str] | None) -> "QuestionData":
        kind = question.kind
        return cls(
            kind,
            question.text,
            question.body,
            tuple(choice.id for choice in kind.in_order(question.body, order)),
            question.explanation,
            question.time_limit,
            question.image,
            question.case,
        )

    @property
    def type(self) -> str:
        return self.kind.name

    def choices(self) -> list:
        return self.kind.in_order(self.body, list(self.order))

    def accept(self, chosen: list[str]) -> tuple[str, ...]:
        """The chosen strings, checked as the question's kind checks them (InvalidAnswer)."""
        return self.kind.accept(self.body, chosen)

    def grade(self, chosen: tuple[str, ...]) -> Grade:
        return self.kind.grade(self.body, chosen)


def question_data(game: LiveGame) -> QuestionData:
    question = db.session.scalar(
        sa.select(Question).where(
            Question.version_id == game.version_id, Question.position == game.position
        )
    )
    return QuestionData.of(question, game.orders.get(str(game.position)))


def _picture(name: str, image: dict | None, language: str) -> dict:
    """{name: the image's address per screen size and its alt text}, or nothing."""
    if not image:
        return {}
    paths = {variant: image_path(image["src"], variant) for variant in VARIANTS}
    return {name: {**paths, "alt": translate(image["alt"], language)}}


@dataclass(frozen=True)
class Standing:
    player_id: int
    nickname: str
    team_id: int | None
    team: str | None
    score: int
    rank: int
    answered: bool
    points: int = 0  # the current question's, once revealed
    bonus: int = 0
    correct: bool | None = None
    streak: int = 0

    def public(self) -> dict:
        return {
            "rank": self.rank,
            "nickname": self.nickname,
            "score": self.score,
            "team": self.team,
        }


@dataclass
class GameState:
    game_id: int
    revision: int
    phase: GamePhase
    position: int
    question_count: int
    title: dict
    team_mode: str
    host_id: int | None
    scoring: Scoring
    question: QuestionData | None
    started_at: datetime | None
    ends_at: datetime | None
    standings: list[Standing]
    removed: frozenset
    teams: list[dict]
    distribution: dict
    loaded_at: float = field(default_factory=time.monotonic)
    close_tried: bool = False  # this process already tried to end the question on time
    _common: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_player = {standing.player_id: standing for standing in self.standings}

    @property
    def event(self) -> str:
        return "podium" if self.phase == GamePhase.FINISHED else str(self.phase)

    @property
    def answered_count(self) -> int:
        return sum(1 for standing in self.standings if standing.answered)

    def is_due(self, now: datetime, grace: timedelta = timedelta(0)) -> bool:
        """The open question's time, and then `grace`, is up (the reveal has not happened)."""
        return (
            self.phase == GamePhase.QUESTION
            and self.ends_at is not None
            and now >= self.ends_at + grace
        )

    def common(self, language: str) -> dict:
        """The part every viewer in this language shares, made once per language."""
        if language not in self._common:
            with force_locale(language):
                self._common[language] = self._common_payload(language)
        return self._common[language]

    def _common_payload(self, language: str) -> dict:
        payload = {
            "phase": self.event,
            "revision": self.revision,
            "game": {
                "id": self.game_id,
                "title": translate(self.title, language),
                "questions": self.question_count,
                "team_mode": self.team_mode,
            },
        }
        if self.question and self.phase in (GamePhase.QUESTION, GamePhase.REVEAL):
            payload["question"] = self._question_payload(language)
        if self.phase in (GamePhase.REVEAL, GamePhase.FINISHED):
            payload["teams"] = self.teams
        if self.phase == GamePhase.REVEAL:
            payload["distribution"] = self.distribution
            payload["top"] = [standing.public() for standing in self.standings[:TOP_SIZE]]
        if self.phase == GamePhase.FINISHED:
            payload["podium"] = [
                standing.public() for standing in self.standings if standing.rank <= PODIUM_SIZE
            ]
        return payload

    def _question_payload(self, language: str) -> dict:
        question = self.question
        payload = {
            "position": self.position,
            "type": question.type,
            "text": translate(question.text, language),
            "choices": [
                {
                    "id": choice.id,
                    "text": label_text(choice.label),
                    "colour": CHOICE_LOOKS[index % len(CHOICE_LOOKS)][0],
                    "shape": CHOICE_LOOKS[index % len(CHOICE_LOOKS)][1],
                    **_picture("image", choice.image, language),
                }
                for index, choice in enumerate(question.choices())
            ],
            **question.kind.live_extras(question.body),
            **({"case": translate(question.case["text"], language)} if question.case else {}),
            **_picture("case_image", (question.case or {}).get("image"), language),
            **_picture("image", question.image, language),
            "time_limit": question.time_limit,
            "started_at_ms": int(self.started_at.timestamp() * 1000),
        }
        if self.phase == GamePhase.REVEAL:
            key = question.kind.key(question.body) if question.kind.scored else ()
            payload["correct"] = list(key)
            payload["correct_text"] = question.kind.describe(question.body, key)
            payload["explanation"] = translate(question.explanation, language)
        return payload

    def ends_in_ms(self, now: datetime) -> int:
        return max(0, int((self.ends_at - now).total_seconds() * 1000)) if self.ends_at else 0

    def _timed(self, language: str, now: datetime) -> dict:
        """A copy of the common part, with the open question's time left as of ``now``."""
        data = dict(self.common(language))
        if "question" in data and self.phase == GamePhase.QUESTION:
            data["question"] = {**data["question"], "ends_in_ms": self.ends_in_ms(now)}
        return data

    def player_event(self, player_id: int, language: str, now: datetime) -> tuple[str, dict]:
        if player_id in self.removed:
            return "removed", {"phase": "removed", "revision": self.revision}
        data = self._timed(language, now)
        data["you"] = self._you(player_id)
        return self.event, data

    def _you(self, player_id: int) -> dict:
        standing = self.by_player.get(player_id)
        if standing is None:  # joined after this snapshot was read; the next one has them
            return {"player": player_id, "score": 0, "rank": None, "answered": False}
        you = {
            "player": player_id,
            "nickname": standing.nickname,
            "team": standing.team,
            "score": standing.score,
            "rank": standing.rank,
            "answered": standing.answered,
        }
        if self.phase == GamePhase.REVEAL:
            you.update(
                points=standing.points,
                bonus=standing.bonus,
                correct=standing.correct,
                streak=standing.streak,
            )
        return you

    def host_event(self, language: str, now: datetime) -> tuple[str, dict]:
        data = self._timed(language, now)
        data["players"] = len(self.standings)
        data["answered"] = self.answered_count
        return self.event, data


def load_state(game_id: int) -> GameState | None:
    """Read one revision of a game: the game row, its players with their answer to the
    current question, and its teams — three queries."""
    game = db.session.scalar(
        sa.select(LiveGame).where(LiveGame.id == game_id).execution_options(populate_existing=True)
    )
    if game is None:
        return None
    teams = {
        row.id: row.name
        for row in db.session.execute(
            sa.select(LiveTeam.id, LiveTeam.name).where(LiveTeam.game_id == game_id)
        )
    }
    rows = db.session.execute(
        sa.select(
            LivePlayer.id,
            LivePlayer.nickname,
            LivePlayer.team_id,
            LivePlayer.score,
            LivePlayer.streak,
            LivePlayer.removed_at,
            LiveAnswer.choices,
            LiveAnswer.points,
            LiveAnswer.bonus,
            LiveAnswer.correct,
            LiveAnswer.streak_after,
        )
        .outerjoin(
            LiveAnswer,
            sa.and_(LiveAnswer.player_id == LivePlayer.id, LiveAnswer.position == game.position),
        )
        .where(LivePlayer.game_id == game_id)
        .order_by(LivePlayer.score.desc(), LivePlayer.id)
    ).all()
    active = [row for row in rows if row.removed_at is None]
    revealed = game.phase == GamePhase.REVEAL
    standings = [
        Standing(
            player_id=row.id,
            nickname=row.nickname,
            team_id=row.team_id,
            team=teams.get(row.team_id),
            score=row.score,
            rank=rank,
            answered=row.choices is not None,
            points=(row.points or 0) if revealed else 0,
            bonus=(row.bonus or 0) if revealed else 0,
            correct=row.correct if revealed else None,
            streak=row.streak,
        )
        for row, rank in zip(active, competition_ranks([row.score for row in active]), strict=True)
    ]
    question = question_data(game) if game.position else None
    return GameState(
        game_id=game.id,
        revision=game.revision,
        phase=game.phase,
        position=game.position,
        question_count=game.question_count,
        title=game.quiz.title,
        team_mode=str(game.team_mode),
        host_id=game.host_id,
        scoring=Scoring.from_dict(game.scoring),
        question=question,
        started_at=game.question_started_at,
        ends_at=game.question_ends_at,
        standings=standings,
        removed=frozenset(row.id for row in rows if row.removed_at is not None),
        teams=team_standings(standings, teams),
        distribution=_distribution(active, question) if revealed else {},
    )


def _distribution(rows, question: QuestionData | None) -> dict:
    if question is None or not question.kind.shows_distribution:
        return {}
    counts = dict.fromkeys(question.order, 0)
    for row in rows:
        for choice_id in row.choices or ():
            if choice_id in counts:
                counts[choice_id] += 1
    return counts


def team_standings(standings: list[Standing], teams: dict[int, str]) -> list[dict]:
    """Teams ranked by the average score of their members; empty teams are left out."""
    members: dict[int, list[int]] = {team_id: [] for team_id in teams}
    for standing in standings:
        if standing.team_id in members:
            members[standing.team_id].append(standing.score)
    scored = sorted(
        (
            (average(scores), teams[team_id], len(scores))
            for team_id, scores in members.items()
            if scores
        ),
        key=lambda item: (-item[0], item[1]),
    )
    ranks = competition_ranks([score for score, _name, _count in scored])
    return [
        {"rank": rank, "name": name, "score": score, "members": count}
        for rank, (score, name, count) in zip(ranks, scored, strict=True)
    ]


class StateCache:
    """This process's latest snapshot per game. One reader per game loads; the others wait
    for it and share the result. A snapshot is trusted for ``max_age`` seconds without a
    notification: players who joined since appear, and a lost notification heals."""

    def __init__(self, max_age: float) -> None:
        self.max_age = max_age
        self._states: dict[int, GameState] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, game_id: int, revision: int = 0) -> GameState | None:
        """A snapshot at least at ``revision`` and at most ``max_age`` old."""
        state = self._fresh(game_id, revision)
        if state is not None:
            return state
        with self._lock_for(game_id):
            return self._fresh(game_id, revision) or self._load(game_id)

    def refresh(self, game_id: int) -> GameState | None:
        """Read the game now, whatever this process has heard."""
        with self._lock_for(game_id):
            return self._load(game_id)

    def _load(self, game_id: int) -> GameState | None:
        state = load_state(game_id)
        if state is not None:
            self._states[game_id] = state
        return state

    def _fresh(self, game_id: int, revision: int) -> GameState | None:
        state = self._states.get(game_id)
        if state is None or state.revision < revision:
            return None
        return state if time.monotonic() - state.loaded_at < self.max_age else None

    def _lock_for(self, game_id: int) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(game_id, threading.Lock())
