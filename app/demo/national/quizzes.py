"""The national demo's quizzes: the curriculum as loaded by the basic demo, assignments to
classes, self-paced attempts with every answer, and their payments for a first completion."""

import random
from collections import defaultdict
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.quizzes.content import read_folder
from app.quizzes.models import Quiz
from app.quizzes.services import load_quizzes

from .. import DemoError
from .chance import poisson
from .world import World

# each quiz's questions get these chances of a right answer, shuffled per quiz
CHANCES = [0.93, 0.9, 0.86, 0.83, 0.8, 0.78, 0.74, 0.7, 0.62, 0.5, 0.4, 0.33]


def load_content(world: World) -> None:
    """The curriculum quizzes (loaded if missing), as plain tuples for the simulation."""
    if db.session.scalar(sa.select(sa.func.count(Quiz.id)).where(Quiz.owner_id.is_(None))) == 0:
        quizzes, errors = read_folder()
        if errors:
            raise DemoError("the quiz files have errors: run `flask quizzes validate`")
        load_quizzes(quizzes)
    world.quizzes = []
    for quiz in db.session.scalars(
        sa.select(Quiz).where(Quiz.owner_id.is_(None)).order_by(Quiz.id)
    ):
        version = quiz.current_version
        if version is not None and version.questions:
            world.quizzes.append((quiz.id, quiz.slug, version.id, _questions(quiz, version)))
    if not world.quizzes:
        raise DemoError("no curriculum quizzes with questions were found")


def _questions(quiz, version) -> list[tuple]:
    rng = random.Random(f"{quiz.slug}")  # noqa: S311 - each question's difficulty
    chances = list(CHANCES)
    rng.shuffle(chances)
    questions = []
    for question, chance in zip(version.questions, chances * 2, strict=False):
        kind = question.kind
        choices = tuple(choice.id for choice in kind.choices(question.body))
        right = kind.key(question.body) if kind.scored else ()
        if question.type == "multiple":
            chance -= 0.1
        questions.append((question.id, question.position, question.type, choices, right,
                          question.points, question.time_limit, chance))  # fmt: skip
    return questions


def tables(world: World) -> None:
    world.attempts = world.writer.table(
        "attempts",
        ("id", "user_id", "version_id", "started_at", "finished_at", "score", "assignment_id"),
    )
    world.answers = world.writer.table(
        "answers",
        ("id", "attempt_id", "question_id", "chosen", "is_correct", "points", "answered_at"),
    )
    for name in ("attempts", "answers"):
        world.writer.next_id(name)


# --- planning --------------------------------------------------------------------------------


def plan(world: World) -> None:
    """Assignments per class (most of the class plays them in their window) and
    self-paced first completions; a few unfinished attempts; retakes come later."""
    planned: dict[int, set[int]] = defaultdict(set)  # student -> quiz indexes
    _plan_assignments(world, planned)
    for student in world.students.values():
        _plan_self_paced(world, student, planned[student.id])


def _plan_assignments(world: World, planned: dict[int, set[int]]) -> None:
    rng, cal, scale = world.rng, world.calendar, world.scale
    last = len(cal.days) - 1
    assignments = world.writer.table(
        "assignments",
        ("id", "class_id", "quiz_id", "assigned_by_id", "opens_at", "closes_at", "created_at"),
    )
    world.assignments = {}  # (class id, quiz id) -> (assignment id, opens, closes)
    quiz_count = len(world.quizzes)
    for institution in world.institutions:
        for klass in institution.classes:
            first = cal.index(cal.almaty_date(klass.created_at)) + 3
            if first > last:
                continue
            count = min(rng.randint(*scale.assignments_per_class), quiz_count)
            for quiz_index in rng.sample(range(quiz_count), count):
                day = cal.weighted_day(rng, first, last)
                opens = cal.at(cal.days[day], rng.uniform(8, 12))
                closes = opens + timedelta(days=rng.choice((7, 7, 10, 14)))
                quiz_id = world.quizzes[quiz_index][0]
                assignment_id = world.next_id("assignments")
                assignments.append(
                    (assignment_id, klass.id, quiz_id, klass.teachers[0], opens, closes, opens)
                )
                world.assignments[(klass.id, quiz_id)] = (assignment_id, opens, closes)
                _plan_homework(world, klass, quiz_index, opens, closes, planned)


def _plan_homework(world: World, klass, quiz_index, opens, closes, planned) -> None:
    """Most of the class plays an assignment, in a lesson or in the evening."""
    rng = world.rng
    end = min(closes, world.now)
    for joined, student in klass.students:
        if joined >= end or rng.random() > 0.78:
            continue
        begin = max(opens, joined)
        moment = begin + (end - begin) * (rng.random() ** 1.5)
        start = _homework_time(world, moment, begin, end)
        if start is not None and plan_attempt(world, student, quiz_index, start):
            planned[student].add(quiz_index)


def _plan_self_paced(world: World, student, planned: set[int]) -> None:
    rng, cal = world.rng, world.calendar
    last = len(cal.days) - 1
    first = cal.index(cal.almaty_date(student.joined))
    if first > last:
        return
    quiz_count = len(world.quizzes)
    count = poisson(rng, world.scale.self_paced_quizzes * student.engagement)
    others = [q for q in rng.sample(range(quiz_count), quiz_count) if q not in planned]
    for quiz_index in others[:count]:
        day = cal.weighted_day(rng, first, last)
        start = cal.at(cal.days[day], rng.uniform(15, 22.5))
        in_time = student.joined < start < world.now - timedelta(minutes=30)
        if in_time and plan_attempt(world, student.id, quiz_index, start):
            planned.add(quiz_index)
    left = [q for q in range(quiz_count) if q not in planned]
    if left and rng.random() < 0.04:  # started a quiz and left it unfinished
        day = cal.weighted_day(rng, first, last)
        start = cal.at(cal.days[day], rng.uniform(15, 22))
        if student.joined < start < world.now - timedelta(hours=1):
            plan_attempt(world, student.id, rng.choice(left), start, "unfinished")


def _homework_time(world: World, moment: datetime, begin: datetime, end: datetime):
    """A time on ``moment``'s day, in a lesson or in the evening, inside [begin, end)."""
    rng = world.rng
    day = world.calendar.almaty_date(moment)
    hour = rng.uniform(9, 13) if rng.random() < 0.35 else rng.uniform(15, 22.5)
    start = world.calendar.at(day, hour)
    if start < begin:
        start = begin + timedelta(minutes=rng.uniform(1, 60))
    if start >= min(end - timedelta(minutes=20), world.now - timedelta(minutes=30)):
        return None
    return start


def plan_attempt(world: World, student: int, quiz_index: int, start: datetime, kind="first"):
    """Schedule an attempt; False when it would not end on the Almaty day it starts."""
    cal = world.calendar
    day = cal.index(cal.almaty_date(start))
    if not 0 <= day < len(cal.days):
        return False
    if start >= cal.at(cal.days[day], 23.6):
        return False
    world.day_quizzes[day].append((start, student, quiz_index, kind))
    return True


# --- playing ---------------------------------------------------------------------------------


def attempt(world: World, start: datetime, user: int, quiz_index: int, kind: str) -> None:
    """One attempt with its answers; a first completion pays, a retake does not."""
    quiz_id, slug, version_id, questions = world.quizzes[quiz_index]
    student = world.students[user]
    assignment = world.assignments.get((student.klass.id, quiz_id))
    assignment_id = None
    if assignment is not None and assignment[1] <= start < assignment[2]:
        if start + timedelta(minutes=12) >= assignment[2]:
            return  # the assignment would close before the last answer
        assignment_id = assignment[0]
    attempt_id = world.next_id("attempts")
    if kind == "unfinished":
        questions = questions[: world.rng.randint(1, len(questions) - 1)]
    moment, score, right, scored = _answer(world, attempt_id, start, student.ability, questions)
    finished = moment if kind != "unfinished" else None
    world.attempts.append((attempt_id, user, version_id, start, finished, score, assignment_id))
    if kind == "first":
        _pay_completion(world, user, quiz_id, slug, moment, right, scored)
        _maybe_retake(world, user, quiz_index, moment)


def _answer(world: World, attempt_id: int, moment: datetime, ability: float, questions):
    """The attempt's answers, one question after another; returns when the last was
    answered, the score, and how many of how many scored questions were right."""
    rng, answers = world.rng, world.answers
    score = right = scored = 0
    next_answer = world.writer.next_ids["answers"]
    for question_id, _pos, qtype, choices, correct_ids, points, _limit, chance in questions:
        moment += timedelta(seconds=rng.uniform(8, 40))
        if qtype == "poll":
            chosen, correct, gained = (rng.choice(choices),), None, 0
        else:
            correct = rng.random() < chance + ability
            chosen = correct_ids if correct else wrong_choice(rng, qtype, choices, correct_ids)
            gained = points if correct else 0
            score += gained
            right += correct
            scored += 1
        answers.append((next_answer, attempt_id, question_id, chosen, correct, gained, moment))
        next_answer += 1
    world.writer.next_ids["answers"] = next_answer
    return moment, score, right, scored


def _pay_completion(world: World, user, quiz_id, slug, moment, right, scored) -> None:
    """As quizzes.services pays a first completion: the completion, the right answers, and a
    perfect score."""
    ledger = world.ledger
    key, reason = str(quiz_id), f"first completion of quiz {slug}"
    ledger.pay(moment, user, "quiz_completion", key, reason)
    if right:
        ledger.pay(moment, user, "quiz_correct_answer", key, reason, count=right)
    if scored and right == scored:
        ledger.pay(moment, user, "quiz_perfect_score", key, f"perfect score in quiz {slug}")


def _maybe_retake(world: World, user: int, quiz_index: int, moment: datetime) -> None:
    """Practice: a retake some days later, which pays nothing."""
    rng, cal = world.rng, world.calendar
    if rng.random() < 0.1:
        later = moment + timedelta(days=rng.uniform(1, 20))
        later = cal.at(cal.almaty_date(later), rng.uniform(15, 22))
        if later < world.now - timedelta(minutes=30):
            plan_attempt(world, user, quiz_index, later, "retake")


def wrong_choice(rng: random.Random, qtype: str, choices: tuple, right: tuple) -> tuple:
    """A wrong answer as the question type accepts it (sorted choice ids)."""
    wrong = [choice for choice in choices if choice not in right]
    if qtype == "multiple":
        if len(right) > 1 and rng.random() < 0.6:
            return tuple(sorted(rng.sample(right, len(right) - 1)))  # one right box missed
        return tuple(sorted((*right, rng.choice(wrong)))) if wrong else right[:1]
    return (rng.choice(wrong),) if wrong else right
