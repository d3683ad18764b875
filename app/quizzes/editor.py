"""Teachers' own quizzes: write and edit in the browser, import, submit to the library.

Every quiz, whatever its origin, is edited as a list of question dicts in the curriculum's
shape (quizzes/README.md): the editor, the importers and the exporters all speak it, and
saving it goes through the same versioning as `flask quizzes load`.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from app.core.errors import FieldError
from app.extensions import db
from app.i18n import _
from app.media import MediaError, media_store

from .content import draft_question_problems
from .images import with_sources
from .models import Attempt, Question, Quiz, QuizStatus, QuizVersion
from .services import content_hash, make_question


@dataclass(frozen=True)
class QuizDetails:
    title: dict
    description: dict
    topic: str
    min_grade: int
    max_grade: int


def question_dict(question: Question) -> dict:
    """One stored question in the curriculum's shape."""
    data = {"id": question.key, "type": question.type, "text": question.text}
    if question.image:
        data["image"] = question.image
    if question.case_key:
        data["case"] = question.case_key
    data.update(question.kind.fields(question.body))
    data["explanation"] = question.explanation
    if question.source:
        data["source"] = question.source
    data["time_limit"], data["points"] = question.time_limit, question.points
    return data


def quiz_questions(quiz: Quiz) -> list[dict]:
    version = quiz.current_version
    return [question_dict(q) for q in version.questions] if version else []


def with_picture_files(questions: list[dict], cases: list[dict]) -> tuple[list, list, dict]:
    """For a format that carries images (Moodle XML): the questions and cases with each
    stored picture named as a file, ``<key>.webp`` (the projector's size), and those files."""
    store = media_store()
    files = {}

    def as_file(key: str) -> str:
        data = store.read(key, "projector")
        if data is not None:
            files[f"{key}.webp"] = data
        return f"{key}.webp"

    return with_sources(questions, as_file), with_sources(cases, as_file), files


def _apply(quiz: Quiz, details: QuizDetails) -> None:
    quiz.title, quiz.description = details.title, details.description
    quiz.topic, quiz.min_grade, quiz.max_grade = details.topic, details.min_grade, details.max_grade


def create_quiz(
    owner_id: int, details: QuizDetails, questions: list[dict] = (), cases: list[dict] = ()
) -> Quiz:
    """A new draft quiz, empty or with imported questions; one transaction."""
    quiz = Quiz(slug=f"q-{secrets.token_hex(5)}", owner_id=owner_id, status=QuizStatus.DRAFT)
    _apply(quiz, details)
    db.session.add(quiz)
    if questions:
        _write_questions(quiz, list(questions), list(cases))
    db.session.commit()
    return quiz


def create_imported_quiz(
    owner_id: int,
    title: str,
    language: str,
    questions: list[dict],
    cases: list[dict] = (),
    media: Mapping[str, bytes] | None = None,
) -> Quiz:
    """A draft from an imported file: titled in the file's language, for every grade and
    topic "other" until the teacher says more in its details. The file's images (``media``,
    by the name its questions use) go to the media store first; one that is refused stops
    the import with a FieldError on the file, before anything is written to the database."""
    details = QuizDetails(
        title={language: title.strip()}, description={}, topic="other", min_grade=1, max_grade=16
    )
    if media:
        try:
            keys = media_store().save_images(media)
        except MediaError as refused:
            name = refused.params["name"]
            message = _("The image %(name)s: %(problem)s", name=name, problem=refused.message)
            raise FieldError("file", message) from None
        questions = with_sources(list(questions), keys.__getitem__)
        cases = with_sources(list(cases), keys.__getitem__)
    return create_quiz(owner_id, details, questions, cases)


def update_details(quiz: Quiz, details: QuizDetails) -> None:
    _apply(quiz, details)
    db.session.commit()


def save_question(quiz: Quiz, question: dict, replacing: str | None = None) -> None:
    """Add a question at the end, or replace the one whose id is ``replacing``."""
    questions = quiz_questions(quiz)
    if replacing is None:
        question = {**question, "id": _free_id(questions)}
        questions.append(question)
    else:
        index = next(i for i, q in enumerate(questions) if q["id"] == replacing)
        questions[index] = {**question, "id": replacing}
    _write_questions(quiz, questions)
    db.session.commit()


def save_cases(quiz: Quiz, cases: list[dict]) -> None:
    """Replace the quiz's case studies; a case a question still refers to stays."""
    kept = {case["id"] for case in cases}
    questions = quiz_questions(quiz)
    if not questions:  # cases are kept with the questions' version
        raise FieldError("case_1_kk", _("Add a question first, then its case study."))
    used = {q["case"] for q in questions if q.get("case")}
    if not used <= kept:
        raise FieldError("case_1_kk", _("A case study that questions refer to cannot be removed."))
    _write_questions(quiz, questions, cases)
    db.session.commit()


def delete_question(quiz: Quiz, key: str) -> None:
    _write_questions(quiz, [q for q in quiz_questions(quiz) if q["id"] != key])
    db.session.commit()


def move_question(quiz: Quiz, key: str, step: int) -> None:
    """Move a question one place up (step -1) or down (+1)."""
    questions = quiz_questions(quiz)
    index = next(i for i, q in enumerate(questions) if q["id"] == key)
    other = index + step
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        _write_questions(quiz, questions)
        db.session.commit()


def _free_id(questions: list[dict]) -> str:
    taken = {q["id"] for q in questions}
    return next(f"q{n}" for n in range(1, len(questions) + 2) if f"q{n}" not in taken)


def _write_questions(quiz: Quiz, questions: list[dict], cases: list[dict] | None = None) -> None:
    """Store the quiz's questions. A version nobody has answered is rewritten in place;
    once a student has answered it, the change makes a new version, so past attempts stay
    tied to the questions they saw."""
    for question in questions:
        problems = draft_question_problems(question)
        if problems:  # forms and importers check first; this guards the invariant
            raise ValueError(f"question {question.get('id')!r}: {'; '.join(problems)}")
    current = quiz.current_version
    if cases is None:  # an edit keeps the quiz's case studies
        cases = current.cases if current is not None else []
    new_hash = content_hash(questions, cases)
    if current is not None and current.content_hash == new_hash:
        return
    number = current.number + 1 if current else 1
    if current is not None and not _answered(current):
        number = current.number
        quiz.versions.remove(current)
        db.session.flush()  # the old rows go before the new ones take their number
    if not questions:  # an answered quiz keeps its last version: nothing to replace it with
        return
    quiz.versions.append(
        QuizVersion(
            number=number,
            source_version=number,
            content_hash=new_hash,
            cases=list(cases),
            questions=[make_question(i, q) for i, q in enumerate(questions, start=1)],
        )
    )


def _answered(version: QuizVersion) -> bool:
    return bool(db.session.scalar(sa.select(sa.exists().where(Attempt.version_id == version.id))))


# --- the shared library ----------------------------------------------------------------------


def submit_for_review(quiz: Quiz) -> None:
    quiz.submit_for_review()
    db.session.commit()


def review(quiz: Quiz, approved: bool, note: str | None) -> None:
    quiz.review(approved, note)
    db.session.commit()
