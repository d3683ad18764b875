"""The national demo's live games: a teacher's classes in the hall, each player's answers
scored for speed and streaks, the podium and participation paid as ``live.services`` pays
them. Only the most recent weeks keep every answer (``Scale.live_answer_weeks``)."""

from datetime import date, datetime, timedelta

from app.gamification.rules import placement_points
from app.live.nicknames import NICKNAME_MAX, nickname_key
from app.live.scoring import competition_ranks

from .calendar import LESSON_HOURS
from .chance import choose
from .names import KK_FEMALE, KK_MALE, RU_MALE
from .quizzes import wrong_choice
from .world import World

SCORING = {"base": 1000, "speed": True, "streak": True}


def tables(world: World) -> None:
    table = world.writer.table
    world.games = table(
        "live_games",
        ("id", "pin", "quiz_id", "version_id", "host_id", "host_language", "phase",
         "position", "question_count", "revision", "scoring", "team_mode",
         "question_started_at", "question_ends_at", "created_at", "changed_at",
         "finished_at"),
    )  # fmt: skip
    world.teams = table("live_teams", ("id", "game_id", "name", "class_id"))
    world.players = table(
        "live_players",
        ("id", "game_id", "nickname", "nickname_key", "user_id", "language", "team_id",
         "score", "streak", "joined_at", "removed_at"),
    )  # fmt: skip
    world.live_answers = table(
        "live_answers",
        ("id", "game_id", "player_id", "position", "choices", "correct", "elapsed_ms",
         "points", "bonus", "streak_after", "answered_at"),
    )  # fmt: skip
    for name in ("live_players", "live_answers"):
        world.writer.next_id(name)
    world.answer_window = world.now - timedelta(weeks=world.scale.live_answer_weeks)
    world.nickname_keys = {}


def live_games(world: World, day: date, wanted: int) -> int:
    """Live games on ``day`` until they have paid about ``wanted`` ledger rows."""
    rng, cal = world.rng, world.calendar
    paid = 0
    for _ in range(max(20, wanted)):
        if paid >= wanted:
            break
        start = cal.at(day, rng.choice(LESSON_HOURS))
        if start > world.now - timedelta(minutes=30):
            continue
        host = world.host(start)
        if host is None:
            continue
        teacher = rng.choice(host.teachers)
        classes = world.teacher_classes.get(teacher) or host.classes
        classes = rng.sample(
            classes, min(len(classes), choose(rng, ((1, 0.7), (2, 0.2), (3, 0.1))))
        )
        members = [(user, klass) for klass in classes for user in klass.members_by(start)]
        players = [(user, klass) for user, klass in members if rng.random() < 0.9]
        if len(players) >= 5:  # a hall or a class, not a teacher trying it alone
            paid += _game(world, start, teacher, classes, players)
    return paid


class _Play:
    """The players' running scores, streaks and how many questions each answered."""

    def __init__(self, world: World, roster: list):
        self.roster = roster
        self.abilities = [player[4] for player in roster]
        self.scores = [0] * len(roster)
        self.streaks = [0] * len(roster)
        self.answered = [0] * len(roster)
        self.first_player = world.writer.next_ids["live_players"]
        world.writer.next_ids["live_players"] = self.first_player + len(roster)


def _game(world: World, start: datetime, host: int, classes: list, players: list) -> int:
    """One finished game; returns the ledger rows it paid."""
    rng = world.rng
    quiz_id, slug, version_id, questions = rng.choice(world.quizzes)
    game_id = world.next_id("live_games")
    language = world.teacher_locale[host]
    mode = "class" if len(classes) > 1 and rng.random() < 0.6 else "none"
    teams = _teams(world, game_id, classes) if mode == "class" else {}
    play = _Play(world, _roster(world, players, teams, language))
    last_opened, moment = _questions(world, game_id, play, questions, start)
    finished = moment + timedelta(seconds=30)
    count = len(questions)
    world.games.append(
        (game_id, None, quiz_id, version_id, host, language, "finished", count, count,
         2 * count + 2, SCORING, mode, last_opened,
         last_opened + timedelta(seconds=questions[-1][6]), start - timedelta(minutes=5),
         finished, finished),
    )  # fmt: skip
    for index, (user, nickname, locale, team, _ability) in enumerate(play.roster):
        joined = start - timedelta(seconds=rng.uniform(20, 240))
        world.players.append((play.first_player + index, game_id, nickname,
                              world.nickname_keys[nickname], user, locale, team,
                              play.scores[index], play.streaks[index], joined, None))  # fmt: skip
    return _pay_out(world, game_id, slug, play, finished)


def _teams(world: World, game_id: int, classes: list) -> dict[int, int]:
    """A team per class: class id -> team id."""
    teams = {}
    for klass in classes:
        teams[klass.id] = world.next_id("live_teams")
        world.teams.append((teams[klass.id], game_id, klass.name, klass.id))
    return teams


def _roster(world: World, players: list, teams: dict, language: str) -> list[list]:
    """[user id or None, nickname, language, team id, ability] per player, guests last."""
    rng, roster, keys = world.rng, [], set()
    for user, klass in players:
        student = world.students[user]
        roster.append([user, _nickname(world, student.nickname, keys), student.locale,
                       teams.get(klass.id), student.ability])  # fmt: skip
    for _ in range(choose(rng, ((0, 0.6), (1, 0.25), (2, 0.15)))):  # guests without an account
        name = rng.choice(KK_FEMALE + KK_MALE + RU_MALE)
        roster.append(
            [None, _nickname(world, f"{name} {rng.randint(1, 99)}", keys), language, None, 0.0]
        )
    return roster


def _questions(world: World, game_id: int, play: _Play, questions, start: datetime):
    """Every question in turn; returns when the last one opened and when the game moved on."""
    with_answers = start >= world.answer_window
    moment = last_opened = start
    for position, question in enumerate(questions, 1):
        if with_answers:
            _question_with_answers(world, game_id, play, position, question, moment)
        else:  # the same play, without keeping the answers: faster
            _, _, qtype, _, _, _, limit, chance = question
            _play_without_answers(world.rng.random, qtype, chance, limit * 1000,
                                  play.abilities, play.scores, play.streaks, play.answered)  # fmt: skip
        last_opened = moment
        moment += timedelta(seconds=question[6] + 20)
    return last_opened, moment


def _question_with_answers(world: World, game_id, play: _Play, position, question, moment):
    rng, live_answers = world.rng, world.live_answers
    _qid, _p, qtype, choices, correct_ids, _points, limit, chance = question
    limit_ms = limit * 1000
    scores, streaks, answered = play.scores, play.streaks, play.answered
    for index, player in enumerate(play.roster):
        if rng.random() < 0.03:  # no answer in time: the streak breaks
            streaks[index] = 0
            continue
        answered[index] += 1
        if qtype == "poll":
            elapsed = int(limit_ms * rng.uniform(0.1, 0.8))
            live_answers.append((world.next_id("live_answers"), game_id, play.first_player + index,
                                 position, (rng.choice(choices),), None, elapsed, 0, 0,
                                 streaks[index], moment + timedelta(milliseconds=elapsed)))  # fmt: skip
            continue
        correct = rng.random() < chance + player[4]
        if correct:
            elapsed = int(limit_ms * rng.uniform(0.08, 0.6))
            bonus = min(streaks[index] * 100, 500)
            gained = round((1 - elapsed / limit_ms / 2) * 1000) + bonus
            streaks[index] += 1
        else:
            elapsed = int(limit_ms * rng.uniform(0.2, 0.97))
            bonus = gained = 0
            streaks[index] = 0
        scores[index] += gained
        chosen = correct_ids if correct else wrong_choice(rng, qtype, choices, correct_ids)
        live_answers.append((world.next_id("live_answers"), game_id, play.first_player + index,
                             position, chosen, correct, elapsed, gained, bonus,
                             streaks[index], moment + timedelta(milliseconds=elapsed)))  # fmt: skip


def _play_without_answers(random, qtype, chance, limit_ms, abilities, scores, streaks, answered):
    """One question of a live game for every player, as ``_question_with_answers`` plays it."""
    for index, ability in enumerate(abilities):
        if random() < 0.03:  # no answer in time: the streak breaks
            streaks[index] = 0
            continue
        answered[index] += 1
        if qtype == "poll":
            continue
        if random() < chance + ability:
            elapsed = int(limit_ms * (0.08 + 0.52 * random()))
            streak = streaks[index]
            bonus = streak * 100 if streak < 5 else 500
            scores[index] += round((1 - elapsed / limit_ms / 2) * 1000) + bonus
            streaks[index] = streak + 1
        else:
            streaks[index] = 0


def _pay_out(world: World, game_id: int, slug: str, play: _Play, finished: datetime) -> int:
    """As live.services._pay_points does it: everyone who answered, and the podium."""
    scores = play.scores
    ranked = sorted(
        (i for i in range(len(play.roster)) if play.answered[i]), key=lambda i: (-scores[i], i)
    )
    places = competition_ranks([scores[i] for i in ranked])
    key, reason = str(game_id), f"live game {game_id} of quiz {slug}"
    paid = 0
    for index, place in zip(ranked, places, strict=True):
        user = play.roster[index][0]
        if user is None:
            continue
        world.ledger.pay(finished, user, "live_participation", key, reason)
        paid += 1
        if placement_points(place):
            world.ledger.pay(finished, user, "live_placement", key, f"place {place} in {reason}",
                             amount=placement_points(place))  # fmt: skip
            paid += 1
    return paid


def _nickname(world: World, wanted: str, taken: set) -> str:
    """The nickname shown, unique in its game by nickname_key (a clash adds a number)."""
    nickname, number = wanted[:NICKNAME_MAX], 1
    while True:
        key = world.nickname_keys.get(nickname)
        if key is None:
            key = world.nickname_keys[nickname] = nickname_key(nickname)
        if key not in taken:
            taken.add(key)
            return nickname
        number += 1
        suffix = f" {number}"
        nickname = wanted[: NICKNAME_MAX - len(suffix)] + suffix
