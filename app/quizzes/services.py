"""Writes in the quiz bank, one transaction per use case."""

import hashlib
import json
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db

from .content import QuizFile
from .models import Question, QuestionType, Quiz, QuizVersion

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
