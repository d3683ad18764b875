"""What every format shares: the result types, the limits, the defaults and the small checks.

Every importer reports problems as (line, message) pairs rather than raising, so one upload
shows a teacher every mistake at once.
"""

import functools
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from app.i18n import _, ngettext

from ..content import (  # noqa: F401 - every format reads the defaults here
    DEFAULT_POINTS,
    DEFAULT_TIME_LIMIT,
    draft_question_problems,
)
from ..kinds import kind_named

LANGUAGES = ("kk", "ru", "en")  # the order exporters write them in
TYPES = ("single", "multiple", "true_false", "poll")  # the kinds CSV carries
GIFT_TYPES = (*TYPES, "matching")
MAX_QUESTIONS = 500
MIN_OPTIONS, MAX_OPTIONS = 2, 6
OPTION_IDS = "abcdef"
ITEM_IDS = OPTION_IDS  # ordering and matching items, as the editor names them
CATEGORY_IDS = tuple(f"c{number}" for number in range(1, 7))  # matching categories
MIN_ITEMS = {"ordering": 3, "matching": 2}
MAX_ITEMS = 6
MIN_CATEGORIES, MAX_CATEGORIES = 2, 6
# Which id lists a kind has, and what an importer names them by position.
ID_LISTS = {"options": OPTION_IDS, "items": ITEM_IDS, "categories": CATEGORY_IDS}
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
    # What was changed or left out on the way in (an audio clip, partial credit...), per
    # question: the questions are imported, the teacher reads what to check.
    notes: list[Problem] = field(default_factory=list)
    # Images the file carried, by the name the questions' ``image.src`` uses; the media
    # store takes them from here.
    media: dict[str, bytes] = field(default_factory=dict)


def with_defaults(question: dict) -> dict:
    """The question as every importer returns it: time_limit and points always present.

    The one normalisation between the curriculum and imported data (the curriculum may omit
    both); round-trip tests compare against this.
    """
    points = default_points(question["type"])
    return {"time_limit": DEFAULT_TIME_LIMIT, "points": points, **question}


def default_points(kind: str) -> int:
    return kind_named(kind).default_points()


def carried(questions: list[dict], kinds: tuple[str, ...] = TYPES) -> list[dict]:
    """The questions of the kinds a format carries (CSV: TYPES); the others are written
    by the formats that can (our own YAML carries every kind)."""
    return [question for question in questions if question["type"] in kinds]


def check_language(language: str) -> None:
    """The language is the caller's choice, not the file's: a wrong one is a bug."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line ends become \\n, so line numbers and texts agree everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def readable_text(text: str) -> str:
    """An uploaded text as the parsers read it: without the BOM that Windows editors put
    first, with \\n line ends, and without NUL characters (no text holds one on purpose,
    and PostgreSQL cannot store one). Moodle's readers drop the BOM the same way."""
    return normalise_newlines(text.removeprefix("\ufeff")).replace("\x00", "")


def guarded(parse):
    """An importer that answers every file with problems, never an exception: a file built
    to exhaust the parser (brackets nested a thousand deep, a structure that multiplies
    itself) is refused as a whole, and nothing is saved."""

    @functools.wraps(parse)
    def parse_safely(data, language: str) -> Imported:
        try:
            return parse(data, language)
        except (RecursionError, MemoryError):
            return Imported(errors=[unreadable()])

    return parse_safely


def unreadable() -> Problem:
    return Problem(
        1,
        _(
            "The file is built in a way we cannot read (nested too deeply or too large)."
            " Nothing was imported."
        ),
    )


def slugify(title: str) -> str:
    """A question id from a title: ASCII lower case, digits, - and _; "" when nothing is left."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_title.lower()).strip("-")
    return slug[:80].strip("-")


def assign_ids(wanted: list[str | None], prefix: str = "q") -> list[str]:
    """Keep each wanted id that is unique; number the others q1, q2, ... by position.

    A number already taken by a wanted id gets a suffix, so ids stay unique.
    """
    counts = Counter(name for name in wanted if name)
    ids = [name if name and counts[name] == 1 else None for name in wanted]
    taken = {name for name in ids if name}
    for index, name in enumerate(ids):
        if name is None:
            candidate, suffix = f"{prefix}{index + 1}", 2
            while candidate in taken:
                candidate, suffix = f"{prefix}{index + 1}-{suffix}", suffix + 1
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


def unknown_type(kind: str, kinds: tuple[str, ...] = TYPES) -> str:
    return _("The type %(type)s is not one of %(types)s.", type=kind, types=", ".join(kinds))


def item_count_problem(kind: str, count: int) -> str | None:
    low = MIN_ITEMS[kind]
    if not low <= count <= MAX_ITEMS:
        return ngettext(
            "The question needs %(low)d to %(num)d item, found %(count)d.",
            "The question needs %(low)d to %(num)d items, found %(count)d.",
            MAX_ITEMS,
            low=low,
            count=count,
        )
    return None


def category_count_problem(count: int) -> str | None:
    if not MIN_CATEGORIES <= count <= MAX_CATEGORIES:
        return ngettext(
            "A matching question needs %(low)d to %(num)d different category, found %(count)d.",
            "A matching question needs %(low)d to %(num)d different categories, found %(count)d.",
            MAX_CATEGORIES,
            low=MIN_CATEGORIES,
            count=count,
        )
    return None


def own_ids(question: dict) -> dict[str, list[str]]:
    """The question's option, item and category ids that differ from the ones an importer
    gives by position (a, b, ... and c1, c2, ...): what a format's metadata must carry for
    an export to import back to the same question. Empty for questions made by importers
    or the editor."""
    kept = {}
    for part, defaults in ID_LISTS.items():
        ids = [entry["id"] for entry in question.get(part, [])]
        if ids != list(defaults[: len(ids)]):
            kept[part] = ids
    return kept


def ids_problem(value: object) -> str | None:
    """Whether a metadata ``ids`` value has the shape own_ids writes."""
    if not isinstance(value, dict) or not set(value) <= set(ID_LISTS):
        return _("The ids must name options, items or categories, each a list of ids.")
    for ids in value.values():
        if not isinstance(ids, list) or not all(
            isinstance(name, str) and ID_PATTERN.fullmatch(name) for name in ids
        ):
            return _("Each id may hold only a to z, 0 to 9, - and _ (at most 80).")
    return None


def apply_ids(question: dict, ids: dict[str, list[str]]) -> str | None:
    """Rename the question's options, items and categories from metadata ``ids`` (matches
    follow their category); a message when a list does not fit the question."""
    for part, names in ids.items():
        entries = question.get(part, [])
        if len(names) != len(entries):
            return ngettext(
                "The integrity-hour comment lists %(num)d id for %(part)s, but the question"
                " has %(found)d.",
                "The integrity-hour comment lists %(num)d ids for %(part)s, but the question"
                " has %(found)d.",
                len(names),
                part=part,
                found=len(entries),
            )
    for part, names in ids.items():
        renamed = dict(zip([entry["id"] for entry in question[part]], names, strict=True))
        for entry in question[part]:
            entry["id"] = renamed[entry["id"]]
        if part == "categories":
            for item in question.get("items", []):
                item["match"] = renamed.get(item["match"], item["match"])
    return None


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


def read_metadata(raw: str, keys: set[str], kinds: tuple[str, ...]) -> tuple[dict, str | None]:
    """An integrity-hour comment's JSON object, and its first problem (None when sound)."""
    try:
        meta = json.loads(raw)
    except ValueError:
        return {}, _("The integrity-hour comment is not valid JSON.")
    except RecursionError:  # "[[[[…": the JSON reader gives up before the nesting ends
        return {}, _("The integrity-hour comment is nested too deeply to read.")
    if not isinstance(meta, dict):
        message = _(
            "The integrity-hour comment must be a JSON object, like %(example)s.",
            example='{"type": "poll"}',
        )
        return {}, message
    return meta, metadata_problem(meta, keys, kinds)


def metadata_problem(meta: dict, keys: set[str], kinds: tuple[str, ...]) -> str | None:
    """The first problem of an integrity-hour comment's JSON object (GIFT, Moodle XML):
    what those formats cannot say themselves (a poll, the time limit, a source, ids)."""
    unknown = sorted(set(meta) - keys)
    if unknown:
        return _("The integrity-hour comment has an unknown key: %(key)s.", key=unknown[0])
    if "type" in meta and meta["type"] not in kinds:
        return unknown_type(str(meta["type"]), kinds)
    if "time_limit" in meta and (problem := time_limit_problem(meta["time_limit"])):
        return problem
    if "points" in meta and (problem := points_problem(meta["points"])):
        return problem
    if "ids" in meta and (problem := ids_problem(meta["ids"])):
        return problem
    if "case" in meta and not (
        isinstance(meta["case"], str) and ID_PATTERN.fullmatch(meta["case"])
    ):
        return _("The case must be the id of a case study.")
    if "source" in meta:
        return _source_problem(meta["source"])
    return None


def _source_problem(source: object) -> str | None:
    if not isinstance(source, dict) or set(source) - {"title", "url"}:
        return _("The source must have a title and may have a url, nothing else.")
    if not is_translation_map(source.get("title")):
        return _("The source needs a title in kk, ru or en.")
    if "url" in source:
        return url_problem(source["url"])
    return None


def final_problems(question: dict) -> list[str]:
    """The editor's own check of one question (app/quizzes/content.py), as every importer's
    last word: the rules live in the kinds, not in each format."""
    return [str(problem) for problem in draft_question_problems(question)]
