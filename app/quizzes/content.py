"""Reading and checking the curriculum: the YAML quiz files in the top-level quizzes/ folder.

Pure: files in, quiz data or errors out; no Flask, no database. Each error names the file,
the question (when there is one) and the line, so an author can go straight to it.
Structure is checked by the JSON Schema the question kinds put together (app/quizzes/schema.py,
written out as quizzes/schema.json); the rules a schema cannot say (how many options are
correct, unique ids, ...) are each kind's own (app/quizzes/kinds/).
"""

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml

from app.config import Config
from app.core.time import utcnow
from app.i18n import force_locale
from app.media.store import MediaError, open_image

from .images import images_in
from .kinds import generation, kind_named
from .kinds.base import DEFAULT_POINTS, DEFAULT_TIME_LIMIT
from .schema import FIRST_STAGE_GRADE, SUBJECT_GRADES, draft_question_schema, quiz_schema
from .sources import source_problems

__all__ = ["DEFAULT_POINTS", "DEFAULT_TIME_LIMIT"]  # every importer and the loader use these
CONTENT_DIR = Path(__file__).resolve().parents[2] / "quizzes"
MEDIA_FOLDER = "media"  # beside the quiz files: the images they name, by file name


@functools.cache
def _validators(_generation: int) -> tuple:
    """The quiz and draft-question validators for the kinds registered now."""
    return (
        jsonschema.Draft202012Validator(quiz_schema()),
        jsonschema.Draft202012Validator(draft_question_schema()),
    )


def quiz_validator():
    return _validators(generation())[0]


def draft_question_validator():
    return _validators(generation())[1]


@dataclass(frozen=True)
class ContentError:
    file: str
    line: int
    message: str
    question: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.question:
            where += f" question {self.question!r}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class QuizFile:
    path: Path
    data: dict


def _line_of(node: yaml.Node, path) -> int:
    """The 1-based line of the YAML node at a JSON path (as deep as the path exists)."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            child = next((value for name, value in node.value if name.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        else:
            child = None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


def _question_id(data: dict, path) -> str | None:
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        question = data["questions"][path[1]]
        return question.get("id") if isinstance(question, dict) else None
    return None


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"missing {missing!r}" + (" translation" if missing in {"kk", "ru", "en"} else "")
    if error.validator == "additionalProperties":
        return f"unknown field: {error.message.split('(')[-1].rstrip(')')}"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {error.validator_value}"
    location = "/".join(str(part) for part in error.absolute_path)
    return f"{location}: {error.message}" if location else error.message


def _audience_problems(audience: dict) -> list[tuple[list, str]]:
    if audience["min_grade"] > audience["max_grade"]:
        return [(["audience"], "min_grade is greater than max_grade")]
    after_school = audience["max_grade"] >= FIRST_STAGE_GRADE
    if after_school and "stages" not in audience:
        return [(["audience"], "grades 12 and up need stages: college, university or both")]
    if not after_school and "stages" in audience:
        return [(["audience", "stages"], "stages are for grades 12 and up only")]
    return []


def _guide_problems(data: dict) -> list[tuple[list, str]]:
    """A teacher's guide speaks of this quiz's questions, and of subjects its grades learn."""
    guide = data.get("teacher_guide")
    if guide is None:
        return []
    problems = []
    ids = {question["id"] for question in data["questions"]}
    for index, misconception in enumerate(guide["misconceptions"]):
        if misconception["question"] not in ids:
            at = ["teacher_guide", "misconceptions", index, "question"]
            problems.append((at, f"no question with the id {misconception['question']!r}"))
    low, high = data["audience"]["min_grade"], data["audience"]["max_grade"]
    for index, subject in enumerate(guide["subjects"]):
        first, last = SUBJECT_GRADES[subject]
        if low > last or high < first:
            at = ["teacher_guide", "subjects", index]
            problems.append(
                (at, f"{subject} is taught in grades {first}–{last}, not to this quiz's")
            )
    return problems


def _rule_errors(data: dict) -> list[tuple[list, str]]:
    """Rules beyond the schema, as (path, message) pairs."""
    problems = _audience_problems(data["audience"]) + _guide_problems(data)
    problems += source_problems(data, utcnow().date())
    ids = Counter(question["id"] for question in data["questions"])
    cases = {case["id"] for case in data.get("cases", [])}
    for index, question in enumerate(data["questions"]):
        at = ["questions", index]
        if ids[question["id"]] > 1:
            problems.append((at, "duplicate question id"))
        problems.extend((at + path, message) for path, message in question_problems(question))
        if "case" in question and question["case"] not in cases:
            problems.append((at + ["case"], f"no case with the id {question['case']!r}"))
    return problems


def image_errors(data: dict, media_dir: Path) -> list[tuple[tuple, str]]:
    """Each image the quiz names must be a real image in the quizzes' media folder (its alt
    text in every language the schema has already required)."""
    problems = []
    for at, image in images_in(data):
        file = media_dir / image["src"]
        if image["src"].startswith(".") or not file.is_file():
            problems.append((at, f"no image {image['src']!r} in {MEDIA_FOLDER}/"))
            continue
        try:
            open_image(file.read_bytes(), Config.MEDIA_MAX_BYTES, Config.MEDIA_MAX_PIXELS)
        except MediaError as refused:
            problems.append((at, f"{image['src']}: {refused.message}"))
    return problems


def question_problems(question: dict) -> list[tuple[list, str]]:
    """The rules of the question's kind beyond the schema, as (path, message) pairs."""
    return kind_named(question["type"]).problems(question)


def draft_question_problems(question: dict) -> list[str]:
    """What is wrong with one question of a teacher's draft (empty when it can be saved)."""
    problems = [
        _schema_message(error) for error in draft_question_validator().iter_errors(question)
    ]
    if problems:
        return problems
    return [message for _path, message in question_problems(question)]


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _QuizLoader(_SAFE_LOADER):
    """Reads dates as the text they are written as: a source's ``checked: 2026-12-01``
    stays "2026-12-01" for the schema, the content hash and the database alike, and a day
    that does not exist is the validator's to name, not a crash."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in _SAFE_LOADER.yaml_implicit_resolvers.items()
    }


# libyaml's parser when PyYAML was built with it (about 4x faster: bench/RESULTS.md).
YAML_LOADER = _QuizLoader


def _parse_yaml(text: str) -> tuple[yaml.Node | None, object]:
    """Parse once: the node tree (for line numbers) and the data built from it."""
    loader = YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def read_quiz(path: Path) -> tuple[QuizFile | None, list[ContentError]]:
    """Parse and check one file; return the quiz, or None with every error found."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
        node, data = _parse_yaml(text)
    except UnicodeDecodeError:
        return None, [ContentError(name, 1, "the file is not UTF-8 text")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        return None, [ContentError(name, mark.line + 1 if mark else 1, f"broken YAML: {problem}")]
    if not isinstance(data, dict):
        return None, [
            ContentError(name, 1, "a quiz file must be a mapping with slug, title, questions, ...")
        ]

    errors = [
        ContentError(
            name,
            _line_of(node, error.absolute_path),
            _schema_message(error),
            _question_id(data, error.absolute_path),
        )
        for error in sorted(
            quiz_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
    if errors:
        return None, errors
    with force_locale("en"):  # authors of the curriculum read the checks in English
        errors = [
            ContentError(name, _line_of(node, path), str(message), _question_id(data, path))
            for path, message in _rule_errors(data)
        ]
        errors += [
            ContentError(name, _line_of(node, at), message, _question_id(data, at))
            for at, message in image_errors(data, path.parent / MEDIA_FOLDER)
        ]
    if path.stem != data["slug"]:
        errors.append(
            ContentError(
                name, _line_of(node, ["slug"]), f"the file must be named {data['slug']}.yaml"
            )
        )
    return (None if errors else QuizFile(path, data)), errors


def read_folder(folder: Path = CONTENT_DIR) -> tuple[list[QuizFile], list[ContentError]]:
    """Every *.yaml quiz in the folder and every error across them. File names must equal
    slugs, so slugs are unique."""
    quizzes, errors = [], []
    for path in sorted(folder.glob("*.yaml")):
        quiz, file_errors = read_quiz(path)
        errors.extend(file_errors)
        if quiz is not None:
            quizzes.append(quiz)
    return quizzes, errors
