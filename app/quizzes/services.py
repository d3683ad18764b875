"""Writes in the quiz bank, one transaction per use case."""

import hashlib
import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.core.time import utcnow
from app.extensions import db
from app.i18n import _

from .content import QuizFile
from .models import Answer, Attempt, Question, QuestionType, Quiz, QuizVersion
from .types import InvalidAnswer, kind_of

DEFAULT_TIME_LIMIT, DEFAULT_POINTS = 30, 100


@dataclass(frozen=True)
class LoadReport:
    created: list[str]
    new_versions: list[str]
    unchanged: list[str]


def _content_hash(data: dict) -> str:
    canonical = json.dumps(data["questions"], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _question(position: int, item: dict) -> Question:
    kind = QuestionType(item["type"])
    return Question(
        key=item["id"],
        position=position,
        type=kind,
        text=item["text"],
        options=[
            {"id": option["id"], "text": option["text"], "correct": bool(option.get("correct"))}
            for option in item.get("options", [])
        ],
        answer=item.get("answer"),
        explanation=item["explanation"],
        source=item.get("source"),
        time_limit=item.get("time_limit", DEFAULT_TIME_LIMIT),
        points=0 if kind == QuestionType.POLL else item.get("points", DEFAULT_POINTS),
    )


def _upsert(quiz_file: QuizFile, report: LoadReport) -> None:
    data = quiz_file.data
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == data["slug"]))
    if quiz is None:
        quiz = Quiz(slug=data["slug"])
        db.session.add(quiz)
        report.created.append(data["slug"])
    quiz.topic = data["topic"]
    quiz.min_grade = data["audience"]["min_grade"]
    quiz.max_grade = data["audience"]["max_grade"]
    quiz.title, quiz.description = data["title"], data["description"]

    content_hash = _content_hash(data)
    current = quiz.current_version
    if current is not None and current.content_hash == content_hash:
        report.unchanged.append(data["slug"])
        return
    if current is not None:
        report.new_versions.append(data["slug"])
    quiz.versions.append(
        QuizVersion(
            number=current.number + 1 if current else 1,
            source_version=data["version"],
            content_hash=content_hash,
            questions=[_question(i, item) for i, item in enumerate(data["questions"], start=1)],
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


class AnswerRefused(Exception):
    """An answer that cannot be taken: the attempt is finished, the question belongs to
    another quiz, it was answered already, or the choice does not fit. ``message`` is
    translated for the player."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def start_attempt(user_id: int, quiz: Quiz) -> Attempt:
    """Resume the user's unfinished attempt on the current version, or start a new one."""
    version = quiz.current_version
    unfinished = db.session.scalar(
        sa.select(Attempt).where(
            Attempt.user_id == user_id,
            Attempt.version_id == version.id,
            Attempt.finished_at.is_(None),
        )
    )
    if unfinished is not None:
        return unfinished
    attempt = Attempt(user_id=user_id, version=version)
    db.session.add(attempt)
    db.session.commit()
    return attempt


def submit_answer(attempt: Attempt, question_id: int, chosen: list[str]) -> Answer:
    """Record one answer, and finish the attempt after its last question; one transaction."""
    question = next((q for q in attempt.version.questions if q.id == question_id), None)
    if question is None:
        raise AnswerRefused(_("This question is not part of this quiz."))
    if attempt.is_finished or attempt.answer_to(question) is not None:
        raise AnswerRefused(_("This question has already been answered."))
    kind = kind_of(question)
    try:
        accepted = kind.accept(question, chosen)
    except InvalidAnswer:
        raise AnswerRefused(_("Choose an answer before you continue.")) from None
    answer = Answer(
        question_id=question.id,  # set now: next_question() reads it before the flush
        question=question,
        chosen=list(accepted),
        is_correct=kind.is_correct(question, accepted),
        points=kind.score(question, accepted),
    )
    attempt.answers.append(answer)
    if attempt.next_question() is None:
        attempt.finish(utcnow())
    try:
        db.session.commit()
    except IntegrityError:  # the same answer arrived twice at once
        db.session.rollback()
        raise AnswerRefused(_("This question has already been answered.")) from None
    return answer
