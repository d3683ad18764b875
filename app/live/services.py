"""Every write of a live game, one transaction per use case.

Services raise LiveError with a protocol code (docs/live-protocol.md) and change nothing when
they refuse. After a change that players must see, they commit and then publish the game's
new revision, so no stream wakes to read a state that is not committed yet.

Longer than most modules (about 550 lines) on purpose: a game's phases (lobby, question,
reveal, podium) and the answers that race them share one set of guards and one way of
publishing, and reading them side by side is how their order is checked.
"""

import random
import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.accounts.models import User, class_teachers
from app.core.time import utcnow
from app.core.types import UTCDateTime
from app.extensions import db
from app.gamification.models import PointSource
from app.gamification.rules import placement_points
from app.gamification.services import award
from app.quizzes.kinds import InvalidAnswer
from app.quizzes.models import Quiz

from .errors import LiveError
from .models import GamePhase, LiveAnswer, LiveGame, LivePlayer, LiveTeam, TeamMode, WrongPhase
from .nicknames import NicknameError, clean_nickname, nickname_key
from .scoring import Scoring, base_points, competition_ranks
from .state import GameState

PIN_ATTEMPTS = 20
MAX_HOST_TEAMS = 8


def publish(game: LiveGame) -> None:
    channel = current_app.extensions["live_channel"]
    channel.publish(game.id, game.revision)


def _commit_change(game: LiveGame) -> None:
    """Commit a change to the game row; a concurrent change to the same revision wins and
    this one is refused as stale (nothing of it is kept)."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise LiveError("stale_revision") from None
    publish(game)


def _expect(game: LiveGame, revision: int | None) -> None:
    if revision is not None and revision != game.revision:
        raise LiveError("stale_revision")


def _fresh_game(game_id: int) -> LiveGame:
    game = db.session.scalar(
        sa.select(LiveGame).where(LiveGame.id == game_id).execution_options(populate_existing=True)
    )
    if game is None:
        raise LiveError("game_unknown")
    return game


# --- creating and joining ---------------------------------------------------------------------


def create_game(
    host: User, quiz: Quiz, language: str, team_mode: TeamMode, scoring: Scoring
) -> LiveGame:
    version = quiz.current_version
    if version is None or not version.questions:
        raise LiveError(
            "wrong_phase"
        )  # nothing to play; the views only offer quizzes with questions
    _release_stale_pins()
    rng = random.SystemRandom()
    # One order of each question's choices for the whole game: the projector and every
    # phone show the same tiles in the same places.
    orders = {str(q.position): q.kind.new_order(q.body, rng) for q in version.questions}
    for _attempt in range(PIN_ATTEMPTS):
        game = LiveGame(
            pin=f"{secrets.randbelow(1_000_000):06d}",
            # the same clock as the PIN's expiry above (not the column's default), so the
            # two always agree, in tests with a fixed clock too
            created_at=utcnow(),
            quiz_id=quiz.id,
            version_id=version.id,
            host_id=host.id,
            host_language=language,
            question_count=len(version.questions),
            scoring=scoring.to_dict(),
            team_mode=team_mode,
            orders=orders,
        )
        db.session.add(game)
        try:
            db.session.commit()
            return game
        except IntegrityError:  # the PIN is in use by another open game; draw again
            db.session.rollback()
    raise RuntimeError("no free PIN found")


def _release_stale_pins() -> None:
    """Games left open for longer than LIVE_GAME_HOURS stop answering to their PIN."""
    cutoff = utcnow() - timedelta(hours=current_app.config["LIVE_GAME_HOURS"])
    db.session.execute(
        sa.update(LiveGame)
        .where(LiveGame.pin.is_not(None), LiveGame.created_at < cutoff)
        .values(pin=None)
    )


def open_game_by_pin(pin: str) -> LiveGame:
    game = None
    if len(pin) == 6 and pin.isdigit():
        game = db.session.scalar(sa.select(LiveGame).where(LiveGame.pin == pin))
    if game is None:
        raise LiveError("pin_unknown")
    return game


def join(
    game: LiveGame,
    nickname: str,
    language: str,
    user: User | None = None,
    known_player_id: int | None = None,
) -> tuple[LivePlayer, bool]:
    """A player for this game: the one the caller already is (their token, or their account
    already playing here) with its score, or a new one. Returns (player, rejoined)."""
    existing = _returning_player(game, user, known_player_id)
    if existing is not None:
        return existing, True
    if _player_count(game) >= current_app.config["LIVE_MAX_PLAYERS"]:
        raise LiveError("game_full")
    try:
        shown = clean_nickname(nickname)
    except NicknameError as error:
        raise LiveError(error.code) from None
    if nickname_key(shown) in _teacher_name_keys(game, user):
        raise LiveError("nickname_reserved")
    player = LivePlayer(
        game_id=game.id,
        nickname=shown,
        nickname_key=nickname_key(shown),
        user_id=user.id if user else None,
        language=language,
        team_id=_team_for_newcomer(game, user),
    )
    db.session.add(player)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        again = _returning_player(game, user, None)  # the same account joined twice at once
        if again is not None:
            return again, True
        raise LiveError("nickname_taken") from None
    return player, False


def _player_count(game: LiveGame) -> int:
    """Players in the game, the removed ones aside. The cap (LIVE_MAX_PLAYERS) is the load
    the benchmark proved; joins racing at the limit may pass it by the few in flight."""
    query = sa.select(sa.func.count(LivePlayer.id)).where(
        LivePlayer.game_id == game.id, LivePlayer.removed_at.is_(None)
    )
    return db.session.scalar(query)


def _teacher_name_keys(game: LiveGame, joining: User | None) -> set[str]:
    """The nickname keys of the display and full names of the game's host and of the
    teachers of its classes (the classes its host teaches, and those playing as a team), so
    that no player can pose as them in front of the hall. The key folds case, spaces and
    look-alike letters. A teacher joining under their own name is not posing."""
    host_classes = sa.select(class_teachers.c.class_id).where(
        class_teachers.c.user_id == game.host_id
    )
    team_classes = sa.select(LiveTeam.class_id).where(
        LiveTeam.game_id == game.id, LiveTeam.class_id.is_not(None)
    )
    teachers = sa.select(class_teachers.c.user_id).where(
        class_teachers.c.class_id.in_(host_classes.union(team_classes))
    )
    query = sa.select(User.display_name, User.full_name).where(
        sa.or_(User.id == game.host_id, User.id.in_(teachers))
    )
    if joining is not None:
        query = query.where(User.id != joining.id)
    return {nickname_key(name) for row in db.session.execute(query) for name in row if name}


def _returning_player(
    game: LiveGame, user: User | None, known_player_id: int | None
) -> LivePlayer | None:
    player = None
    if known_player_id is not None:
        player = db.session.get(LivePlayer, known_player_id)
    if player is None and user is not None:
        player = db.session.scalar(
            sa.select(LivePlayer).where(
                LivePlayer.game_id == game.id, LivePlayer.user_id == user.id
            )
        )
    if player is None or player.game_id != game.id:
        return None
    if player.removed_at is not None:
        raise LiveError("player_removed")
    return player


def _team_for_newcomer(game: LiveGame, user: User | None) -> int | None:
    if game.team_mode == TeamMode.CLASS and user is not None and user.classes:
        return _class_team(game, user.classes[0]).id
    if game.team_mode == TeamMode.HOST:
        return _smallest_team(game)
    return None


def _class_team(game: LiveGame, klass) -> LiveTeam:
    query = sa.select(LiveTeam).where(LiveTeam.game_id == game.id, LiveTeam.class_id == klass.id)
    team = db.session.scalar(query)
    if team is None:
        try:
            with db.session.begin_nested():
                team = LiveTeam(game_id=game.id, name=klass.name, class_id=klass.id)
                db.session.add(team)
        except IntegrityError:  # a classmate's join made it a moment ago
            team = db.session.scalar(query)
    return team


def _smallest_team(game: LiveGame) -> int | None:
    members = sa.func.count(LivePlayer.id)
    return db.session.scalar(
        sa.select(LiveTeam.id)
        .outerjoin(
            LivePlayer, sa.and_(LivePlayer.team_id == LiveTeam.id, LivePlayer.removed_at.is_(None))
        )
        .where(LiveTeam.game_id == game.id)
        .group_by(LiveTeam.id)
        .order_by(members, LiveTeam.id)
        .limit(1)
    )


# --- the host's lobby -------------------------------------------------------------------------


def _player_of(game: LiveGame, player_id: int) -> LivePlayer:
    player = db.session.get(LivePlayer, player_id)
    if player is None or player.game_id != game.id:
        raise LiveError("player_unknown")
    return player


def remove_player(game: LiveGame, player_id: int, revision: int | None = None) -> None:
    _expect(game, revision)
    if not game.is_open:
        raise LiveError("wrong_phase")
    player = _player_of(game, player_id)
    if player.removed_at is None:
        player.removed_at = utcnow()
        game.touch()
        _commit_change(game)


def make_host_teams(game: LiveGame, count: int, revision: int | None = None) -> None:
    """Teams A, B, C… with the players dealt out in turn (the lobby only)."""
    _expect(game, revision)
    if game.phase != GamePhase.LOBBY or game.team_mode != TeamMode.HOST:
        raise LiveError("wrong_phase")
    count = max(2, min(count, MAX_HOST_TEAMS))
    db.session.execute(
        sa.update(LivePlayer).where(LivePlayer.game_id == game.id).values(team_id=None)
    )
    db.session.execute(sa.delete(LiveTeam).where(LiveTeam.game_id == game.id))
    teams = [LiveTeam(game_id=game.id, name=string.ascii_uppercase[i]) for i in range(count)]
    db.session.add_all(teams)
    db.session.flush()
    players = db.session.scalars(
        sa.select(LivePlayer)
        .where(LivePlayer.game_id == game.id, LivePlayer.removed_at.is_(None))
        .order_by(LivePlayer.id)
    )
    for index, player in enumerate(players):
        player.team_id = teams[index % count].id
    game.touch()
    _commit_change(game)


def move_player(
    game: LiveGame, player_id: int, team_id: int | None, revision: int | None = None
) -> None:
    _expect(game, revision)
    if game.phase != GamePhase.LOBBY or game.team_mode == TeamMode.NONE:
        raise LiveError("wrong_phase")
    player = _player_of(game, player_id)
    if team_id is not None:
        team = db.session.get(LiveTeam, team_id)
        if team is None or team.game_id != game.id:
            raise LiveError("team_unknown")
    player.team_id = team_id
    game.touch()
    _commit_change(game)


# --- playing ----------------------------------------------------------------------------------


def start(game: LiveGame, revision: int | None = None) -> None:
    _expect(game, revision)
    _move(game, lambda: game.open_question(1, utcnow()))


def reveal(game: LiveGame, revision: int | None = None) -> None:
    """End the open question: add its points to the players' totals in one statement."""
    _expect(game, revision)
    _move(game, lambda: _close(game))


def next_question(game: LiveGame, revision: int | None = None) -> None:
    _expect(game, revision)
    if game.phase != GamePhase.REVEAL:
        raise LiveError("wrong_phase")
    if game.position < game.question_count:
        _move(game, lambda: game.open_question(game.position + 1, utcnow()))
    else:
        finish(game)


def finish(game: LiveGame, revision: int | None = None) -> None:
    """End the game (early, or after the last question): podium, points to linked accounts."""
    _expect(game, revision)

    def end() -> None:
        if game.phase == GamePhase.QUESTION:
            _close(game)
        game.finish(utcnow())
        db.session.flush()
        _pay_points(game)

    _move(game, end)


def _move(game: LiveGame, change) -> None:
    try:
        change()
    except WrongPhase:
        db.session.rollback()
        raise LiveError("wrong_phase") from None
    except StaleDataError:  # another process moved the game on while this one worked
        db.session.rollback()
        raise LiveError("stale_revision") from None
    _commit_change(game)


def _close(game: LiveGame) -> None:
    """Settle the question: each answer gets its streak bonus (from its player's streak so
    far), then each player's score and streak move on — two statements for the whole hall."""
    poll = not game.question_at(game.position).kind.scored  # read before the change
    game.close_question()
    # Write the game row first: on PostgreSQL this waits for the answers in flight (they
    # hold it FOR SHARE), so the statements below see every answer that was acknowledged.
    db.session.flush()
    rules = Scoring.from_dict(game.scoring)
    streak_before = (
        sa.select(LivePlayer.streak).where(LivePlayer.id == LiveAnswer.player_id).scalar_subquery()
    )
    raw_bonus = streak_before * rules.streak_step
    capped = sa.case((raw_bonus > rules.streak_cap, rules.streak_cap), else_=raw_bonus)
    bonus = sa.case((LiveAnswer.correct.is_(True), capped), else_=0) if rules.streak else 0
    settled = sa.update(LiveAnswer).where(
        LiveAnswer.game_id == game.id, LiveAnswer.position == game.position
    )
    if poll:  # a poll scores nothing and leaves streaks as they are
        db.session.execute(settled.values(streak_after=streak_before))
        return
    db.session.execute(
        settled.values(
            bonus=bonus,
            points=LiveAnswer.points + bonus,
            streak_after=sa.case((LiveAnswer.correct.is_(True), streak_before + 1), else_=0),
        )
    )
    this_answer = sa.select(LiveAnswer).where(
        LiveAnswer.player_id == LivePlayer.id, LiveAnswer.position == game.position
    )
    points = this_answer.with_only_columns(LiveAnswer.points).scalar_subquery()
    streak = this_answer.with_only_columns(LiveAnswer.streak_after).scalar_subquery()
    db.session.execute(
        sa.update(LivePlayer)
        .where(LivePlayer.game_id == game.id)
        .values(
            score=LivePlayer.score + sa.func.coalesce(points, 0),
            streak=sa.func.coalesce(streak, 0),  # no answer breaks a streak
        )
    )


def _pay_points(game: LiveGame) -> None:
    """Participation for every signed-in player who answered at least once; podium points
    for the top three places (equal scores share a place)."""
    answered = sa.select(LiveAnswer.id).where(LiveAnswer.player_id == LivePlayer.id).exists()
    rows = db.session.execute(
        sa.select(LivePlayer.user_id, LivePlayer.score)
        .where(LivePlayer.game_id == game.id, LivePlayer.removed_at.is_(None), answered)
        .order_by(LivePlayer.score.desc(), LivePlayer.id)
    ).all()
    key, reason = str(game.id), f"live game {game.id} of quiz {game.quiz.slug}"
    for row, place in zip(rows, competition_ranks([row.score for row in rows]), strict=True):
        if row.user_id is None:
            continue
        award(row.user_id, PointSource.LIVE_PARTICIPATION, key, reason)
        if placement_points(place):
            award(
                row.user_id,
                PointSource.LIVE_PLACEMENT,
                key,
                f"place {place} in {reason}",
                amount=placement_points(place),
            )


def close_if_due(game_id: int) -> None:
    """End the open question once its time and the grace for answers in flight are up;
    harmless if someone else already did."""
    game = _fresh_game(game_id)
    if game.phase == GamePhase.QUESTION and utcnow() >= _closes_at(game.question_ends_at):
        _reveal_quietly(game, game.position)


def _reveal_quietly(game: LiveGame, position: int) -> None:
    if game.phase != GamePhase.QUESTION or game.position != position:
        return
    try:
        reveal(game)
    except LiveError:  # another process got there first
        db.session.rollback()


# --- answering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    position: int
    choices: list[str]
    elapsed_ms: int
    repeat: bool


def submit_answer(
    state: GameState,
    player_id: int,
    position: int,
    choices: list[str],
    reported_ms: int | None = None,
) -> Receipt:
    """Store one answer, checked against the process's snapshot of the game.

    A hall answers within seconds, so this is the hot path: one conditional INSERT and
    one count. The INSERT takes the game row with a shared lock and only writes while the
    question is open, so no answer lands after its question's points were added up (a
    reveal waits for the answers in flight). A second answer to the same question returns
    the first, unchanged; the streak bonus is added at the reveal.

    Timing is fair to a slow network or a busy server (`answer_time`): the phone's own
    measure of how long its player took counts, clamped to what is physically possible, and
    the question stays open for answers LIVE_ANSWER_GRACE_SECONDS past its time, so an
    answer tapped in time but queued behind others still counts.
    """
    now = utcnow()
    if player_id in state.removed:
        raise LiveError("player_removed")
    refusal = _refusal(state, position, now)
    if refusal is None:
        question = state.question
        try:
            chosen = question.accept(choices)
        except InvalidAnswer:
            raise LiveError("choices_invalid") from None
        elapsed_ms = answer_time(state, now, reported_ms)
        limit_ms = question.time_limit * 1000
        if elapsed_ms >= limit_ms:
            refusal = "time_up"
    if refusal is None:
        grade = question.grade(chosen)
        correct, credit = grade.correct, question.kind.live_credit(grade)
        points = base_points(credit, elapsed_ms, limit_ms, state.scoring)
        try:
            stored = _insert_while_open(
                state.game_id, player_id, position, chosen, correct, elapsed_ms, points, now
            )
        except IntegrityError:  # answered before: a retry, or a double tap
            db.session.rollback()
            stored = False
        else:
            if stored:
                db.session.commit()
                if _everyone_answered(state.game_id, position):
                    _reveal_quietly(_fresh_game(state.game_id), position)
                return Receipt(position, list(chosen), elapsed_ms, repeat=False)
            db.session.rollback()
            refusal = "time_up" if now >= _closes_at(state.ends_at) else "question_not_current"
    earlier = _stored_answer(player_id, position)
    if earlier is not None:  # a retry, also after the question ended: the answer stands
        return Receipt(position, earlier.choices, earlier.elapsed_ms, repeat=True)
    raise LiveError(refusal or "question_not_current")


def answer_time(state: GameState, now: datetime, reported_ms: int | None) -> int:
    """How long the player took, in ms. Without a report, the server's time since the
    question started (the protocol's first rule, kept for older clients). With one (the
    phone's time from showing the question to the tap), that report, clamped: never less
    than LIVE_MIN_ANSWER_MS (no one reads and taps faster) and never more than the server's
    own time since the question started, which already holds both network trips and any
    queue. A forged report so gains at most what a perfect network would give."""
    server_ms = int((now - state.started_at).total_seconds() * 1000)
    if reported_ms is None:
        return server_ms
    floor = current_app.config["LIVE_MIN_ANSWER_MS"]
    return max(min(reported_ms, server_ms), min(floor, server_ms))


def answer_grace() -> timedelta:
    return timedelta(seconds=current_app.config["LIVE_ANSWER_GRACE_SECONDS"])


def _closes_at(ends_at: datetime) -> datetime:
    """When a question stops taking answers: its time plus the grace for answers in flight."""
    return ends_at + answer_grace()


def _refusal(state: GameState, position: int, now: datetime) -> str | None:
    if state.phase != GamePhase.QUESTION or position != state.position:
        return "question_not_current"
    if now >= _closes_at(state.ends_at):
        return "time_up"
    return None


def _insert_while_open(game_id, player_id, position, chosen, correct, elapsed_ms, points, now):
    """INSERT … SELECT from the game row, locked FOR SHARE, only while this question is open
    and its time not up; False when it was not."""
    values = {
        "game_id": sa.literal(game_id),
        "player_id": sa.literal(player_id),
        "position": sa.literal(position),
        "choices": sa.literal(list(chosen), sa.JSON),
        "correct": sa.literal(correct, sa.Boolean),
        "elapsed_ms": sa.literal(elapsed_ms),
        "points": sa.literal(points),
        "bonus": sa.literal(0),
        "streak_after": sa.literal(0),
        "answered_at": sa.literal(now, UTCDateTime),
    }
    open_game = (
        sa.select(*values.values())
        .select_from(LiveGame)
        .where(
            LiveGame.id == game_id,
            LiveGame.phase == GamePhase.QUESTION,
            LiveGame.position == position,
            LiveGame.question_ends_at > now - answer_grace(),
        )
        .with_for_update(read=True)
    )
    insert = sa.insert(LiveAnswer).from_select(list(values), open_game)
    return db.session.scalar(insert.returning(LiveAnswer.id)) is not None


def _stored_answer(player_id: int, position: int) -> LiveAnswer | None:
    return db.session.scalar(
        sa.select(LiveAnswer).where(
            LiveAnswer.player_id == player_id, LiveAnswer.position == position
        )
    )


def _everyone_answered(game_id: int, position: int) -> bool:
    """Two index-only counts per answer; the exact count (leaving out answers of players
    removed since) only when they say everyone may have answered."""
    players = (
        sa.select(sa.func.count(LivePlayer.id))
        .where(LivePlayer.game_id == game_id, LivePlayer.removed_at.is_(None))
        .scalar_subquery()
    )
    this_question = sa.and_(LiveAnswer.game_id == game_id, LiveAnswer.position == position)
    answers = sa.select(sa.func.count(LiveAnswer.id)).where(this_question).scalar_subquery()
    active, answered = db.session.execute(sa.select(players, answers)).one()
    if answered < active:
        return False
    exact = db.session.scalar(
        sa.select(sa.func.count(LiveAnswer.id))
        .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
        .where(this_question, LivePlayer.removed_at.is_(None))
    )
    return exact >= active
