"""Writes in the quiz bank, one transaction per use case."""

import hashlib
import json
import random
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.core.errors import FieldError
from app.core.time import utcnow
from app.extensions import db
from app.gamification.models import PointSource
from app.gamification.services import award
from app.i18n import _
from app.media import media_store

from . import queries
from .content import DEFAULT_TIME_LIMIT, MEDIA_FOLDER, QuizFile
from .errors import AnswerRefused
from .images import with_sources
from .kinds import InvalidAnswer, kind_named, points_for
from .models import Answer, Assignment, Attempt, Question, Quiz, QuizVersion


@dataclass(frozen=True)
class LoadReport:
    created: list[str]
    new_versions: list[str]
    unchanged: list[str]


def content_hash(questions: list[dict], cases: list[dict] = ()) -> str:
    """A hash of what was loaded; a quiz without case studies hashes as it always did, so
    unchanged files never make new versions."""
    content = {"cases": list(cases), "questions": questions} if cases else questions
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def make_question(position: int, item: dict) -> Question:
    kind = kind_named(item["type"])
    return Question(
        key=item["id"],
        position=position,
        type=kind.name,
        text=item["text"],
        body=kind.body(item),
        image=item.get("image"),
        case_key=item.get("case"),
        explanation=item["explanation"],
        source=item.get("source"),
        time_limit=item.get("time_limit", DEFAULT_TIME_LIMIT),
        points=item.get("points", kind.default_points()) if kind.scored else 0,
    )


def _with_stored_images(quiz_file: QuizFile) -> dict:
    """The quiz's data with each image file (quizzes/media/) stored and named by its key."""
    media_dir = quiz_file.path.parent / MEDIA_FOLDER
    store = media_store()
    return with_sources(
        quiz_file.data, lambda name: store.save_image((media_dir / name).read_bytes()).key
    )


def _upsert(quiz_file: QuizFile, report: LoadReport) -> None:
    data = _with_stored_images(quiz_file)
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == data["slug"]))
    if quiz is not None and not quiz.is_curriculum:
        # A teacher's quiz never gets overwritten by a file that happens to share its slug.
        raise ValueError(f"{data['slug']} is a teacher's quiz, not curriculum")
    if quiz is None:
        quiz = Quiz(slug=data["slug"])
        db.session.add(quiz)
        report.created.append(data["slug"])
    quiz.topic = data["topic"]
    quiz.min_grade = data["audience"]["min_grade"]
    quiz.max_grade = data["audience"]["max_grade"]
    quiz.stages = data["audience"].get("stages", [])
    quiz.title, quiz.description = data["title"], data["description"]
    quiz.teacher_guide = data.get("teacher_guide")

    new_hash = content_hash(data["questions"], data.get("cases", []))
    current = quiz.current_version
    if current is not None and current.content_hash == new_hash:
        report.unchanged.append(data["slug"])
        return
    if current is not None:
        report.new_versions.append(data["slug"])
    quiz.versions.append(
        QuizVersion(
            number=current.number + 1 if current else 1,
            source_version=data["version"],
            content_hash=new_hash,
            cases=data.get("cases", []),
            questions=[make_question(i, item) for i, item in enumerate(data["questions"], start=1)],
        )
    )


def load_quizzes(quiz_files: list[QuizFile]) -> LoadReport:
    """Upsert validated quiz files by slug, all in one transaction.

    Titles and audience are updated in place; changed questions make a new version and
    the old one stays for the attempts that answered it.
    """
    report = LoadReport(created=[], new_versions=[], unchanged=[])
    for quiz_file in quiz_files:
        _upsert(quiz_file, report)
    db.session.commit()
    return report


# --- self-paced play -----------------------------------------------------------------------


def start_attempt(user, quiz: Quiz) -> Attempt:
    """Resume the user's unfinished attempt on the current version, or start a new one,
    counted in their class's assignment when the quiz is assigned and open."""
    version = quiz.current_version
    unfinished = db.session.scalar(
        sa.select(Attempt).where(
            Attempt.user_id == user.id,
            Attempt.version_id == version.id,
            Attempt.finished_at.is_(None),
        )
    )
    if unfinished is not None:
        return unfinished
    assignment = queries.open_assignment_for(user, quiz)
    rng = random.SystemRandom()
    orders = {q.key: q.kind.new_order(q.body, rng) for q in version.questions}
    attempt = Attempt(user_id=user.id, version=version, assignment=assignment, orders=orders)
    db.session.add(attempt)
    db.session.commit()
    return attempt


def submit_answer(attempt: Attempt, question_id: int, chosen: list[str]) -> Answer:
    """Record one answer, and finish the attempt after its last question; one transaction."""
    question = next((q for q in attempt.version.questions if q.id == question_id), None)
    if question is None:
        raise AnswerRefused("not_in_quiz")
    if attempt.is_finished or attempt.answer_to(question) is not None:
        raise AnswerRefused("already_answered")
    if attempt.assignment is not None and not attempt.assignment.is_open(utcnow()):
        raise AnswerRefused("assignment_closed")
    kind = question.kind
    try:
        accepted = kind.accept(question.body, chosen)
    except InvalidAnswer as invalid:
        if invalid.args:
            raise AnswerRefused("answer_invalid", reason=invalid.args[0]) from None
        raise AnswerRefused("no_choice") from None
    grade = kind.grade(question.body, accepted)
    answer = Answer(
        question_id=question.id,  # set now: next_question() reads it before the flush
        question=question,
        chosen=list(accepted),
        is_correct=grade.correct,
        points=points_for(question.points, grade),
    )
    attempt.answers.append(answer)
    try:
        db.session.flush()  # one answer per question, in the database
    except IntegrityError:  # the same answer arrived twice at once
        db.session.rollback()
        raise AnswerRefused("already_answered") from None
    if attempt.next_question() is None:
        attempt.finish(utcnow())
        _pay_first_completion(attempt)
    db.session.commit()
    return answer


# What finishing a quiz can pay, all keyed by the quiz's id.
QUIZ_POINT_SOURCES = (
    PointSource.QUIZ_COMPLETION,
    PointSource.QUIZ_CORRECT_ANSWER,
    PointSource.QUIZ_PERFECT_SCORE,
)


def _pay_first_completion(attempt: Attempt) -> None:
    """Points come from the first completion of a quiz only (any version), as rules.yaml
    sets them: the completion, each correct answer, and a perfect score. Retakes are
    practice; the ledger's key refuses a second completion, and only a paid completion pays
    its answers."""
    quiz = attempt.version.quiz
    key, user_id = str(quiz.id), attempt.user_id
    reason = f"first completion of quiz {quiz.slug}"
    if not award(user_id, PointSource.QUIZ_COMPLETION, key, reason):
        return
    right, scored = attempt.right_count, len(attempt.scored_answers)
    if right:
        award(user_id, PointSource.QUIZ_CORRECT_ANSWER, key, reason, count=right)
    if scored and right == scored:
        award(user_id, PointSource.QUIZ_PERFECT_SCORE, key, f"perfect score in quiz {quiz.slug}")


# --- assignments -----------------------------------------------------------------------------


def assign_quiz(quiz: Quiz, klass, opens_at, closes_at, assigned_by_id: int) -> Assignment:
    """Set a quiz for a class between two moments; assigning it again moves the dates."""
    if closes_at <= opens_at:
        raise FieldError("closes_at", _("The closing time must be after the opening time."))
    assignment = db.session.scalar(
        sa.select(Assignment).where(Assignment.class_id == klass.id, Assignment.quiz_id == quiz.id)
    )
    if assignment is None:
        assignment = Assignment(school_class=klass, quiz=quiz)
        db.session.add(assignment)
    assignment.opens_at, assignment.closes_at = opens_at, closes_at
    assignment.assigned_by_id = assigned_by_id
    try:
        db.session.commit()
    except IntegrityError:  # the same quiz assigned to the same class twice at once
        db.session.rollback()
        raise FieldError("class_id", _("This quiz is already assigned to this class.")) from None
    return assignment


def remove_assignment(assignment: Assignment) -> None:
    """Unassign; attempts made for it stay with their players (they just stop counting)."""
    db.session.delete(assignment)
    db.session.commit()
