"""What every format shares: the result types, the limits, the defaults and the small checks.

Every importer reports problems as (line, message) pairs rather than raising, so one upload
shows a teacher every mistake at once.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from app.i18n import _

from ..content import DEFAULT_POINTS, DEFAULT_TIME_LIMIT  # noqa: F401 - every format reads them here
from ..kinds import kind_named

LANGUAGES = ("kk", "ru", "en")  # the order exporters write them in
TYPES = ("single", "multiple", "true_false", "poll")  # the kinds the text formats carry
MAX_QUESTIONS = 500
MIN_OPTIONS, MAX_OPTIONS = 2, 6
OPTION_IDS = "abcdef"
TIME_LIMITS, POINTS = range(5, 301), range(0, 1001)
ID_PATTERN = re.compile(r"[a-z0-9_-]{1,80}")


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based line in the uploaded file where the question starts (or the bad line)
    message: str  # translated; a full sentence for a teacher, without the line number


@dataclass
class Imported:
    questions: list[dict] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)  # case studies the questions refer to
    skipped: list[Problem] = field(default_factory=list)  # kinds we do not play, each named
    errors: list[Problem] = field(default_factory=list)  # malformed input: save nothing


def with_defaults(question: dict) -> dict:
    """The question as every importer returns it: time_limit and points always present.

    The one normalisation between the curriculum and imported data (the curriculum may omit
    both); round-trip tests compare against this.
    """
    points = default_points(question["type"])
    return {"time_limit": DEFAULT_TIME_LIMIT, "points": points, **question}


def default_points(kind: str) -> int:
    return kind_named(kind).default_points()


def carried(questions: list[dict]) -> list[dict]:
    """The questions of the kinds the text formats carry (TYPES); the others are written
    only by our own YAML format (native.py)."""
    return [question for question in questions if question["type"] in TYPES]


def check_language(language: str) -> None:
    """The language is the caller's choice, not the file's: a wrong one is a bug."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line ends become \\n, so line numbers and texts agree everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def slugify(title: str) -> str:
    """A question id from a title: ASCII lower case, digits, - and _; "" when nothing is left."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_title.lower()).strip("-")
    return slug[:80].strip("-")


def assign_ids(wanted: list[str | None]) -> list[str]:
    """Keep each wanted id that is unique; number the others q1, q2, ... by position.

    A number already taken by a wanted id gets a suffix, so ids stay unique.
    """
    counts = Counter(name for name in wanted if name)
    ids = [name if name and counts[name] == 1 else None for name in wanted]
    taken = {name for name in ids if name}
    for index, name in enumerate(ids):
        if name is None:
            candidate, suffix = f"q{index + 1}", 2
            while candidate in taken:
                candidate, suffix = f"q{index + 1}-{suffix}", suffix + 1
            ids[index] = candidate
            taken.add(candidate)
    return ids


def too_many(line: int) -> Problem:
    return Problem(line, _("At most %(max)d questions fit in one file.", max=MAX_QUESTIONS))


def nothing_found() -> Problem:
    return Problem(1, _("The file has no questions in it."))


def option_count_problem(count: int) -> str | None:
    if count < MIN_OPTIONS:
        return _("The question needs at least 2 options, found %(count)d.", count=count)
    if count > MAX_OPTIONS:
        return _("The question has %(count)d options; at most 6 are allowed.", count=count)
    return None


def unknown_type(kind: str) -> str:
    return _("The type %(type)s is not one of single, multiple, true_false, poll.", type=kind)


def time_limit_problem(value: object) -> str | None:
    if not _whole(value) or value not in TIME_LIMITS:
        return _("The time limit must be a whole number of seconds from 5 to 300.")
    return None


def points_problem(value: object) -> str | None:
    if not _whole(value) or value not in POINTS:
        return _("The points must be a whole number from 0 to 1000.")
    return None


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def url_problem(url: object) -> str | None:
    if not isinstance(url, str) or not url.startswith("https://"):
        return _("The source URL must start with https://.")
    return None


def is_translation_map(value: object) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            code in LANGUAGES and isinstance(text, str) and text.strip()
            for code, text in value.items()
        )
    )


def rule_problem(question: dict) -> str | None:
    """The first of the question's kind's own rules it breaks (app/quizzes/kinds/)."""
    problems = kind_named(question["type"]).problems(question)
    return problems[0][1] if problems else None
