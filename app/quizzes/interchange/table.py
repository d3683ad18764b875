"""Our own CSV: one row per question, one column per language, for spreadsheet authors.

The columns are listed in COLUMNS and documented in docs/quiz-import.md. Schools work in
Excel, so we accept a BOM, comma or semicolon separators (whichever the header line uses
more), and any column order; we write every column.
"""

import csv
import io
import re
from collections import Counter

from app.core.exports import defuse_formula, restore_formula
from app.i18n import _

from .common import (
    DEFAULT_TIME_LIMIT,
    ID_PATTERN,
    LANGUAGES,
    MAX_QUESTIONS,
    OPTION_IDS,
    TYPES,
    Imported,
    Problem,
    assign_ids,
    carried,
    check_language,
    default_points,
    guarded,
    nothing_found,
    option_count_problem,
    points_problem,
    readable_text,
    rule_problem,
    time_limit_problem,
    too_many,
    unknown_type,
    url_problem,
    with_defaults,
)


def _localised(prefix: str) -> list[str]:
    return [f"{prefix}_{code}" for code in LANGUAGES]


TEXT_COLUMNS = _localised("text")
OPTION_COLUMNS = [name for letter in OPTION_IDS for name in _localised(f"option_{letter}")]
COLUMNS = [
    "id",
    "type",
    *TEXT_COLUMNS,
    *OPTION_COLUMNS,
    "correct",
    *_localised("explanation"),
    *_localised("source_title"),
    "source_url",
    "time_limit",
    "points",
]
TRUE_FALSE = {"true": True, "t": True, "false": False, "f": False}


class _Invalid(Exception):
    """A bad cell: the message names it; the row's line is added by the caller."""


@guarded
def parse_csv(text: str, language: str) -> Imported:
    """Read our CSV. Every text column names its language, so `language` is not needed;
    it is taken for the same signature as the other formats."""
    check_language(language)
    result = Imported()
    text = readable_text(text)
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = _rows(text, delimiter, result)
    if result.errors:
        return result
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        result.errors.append(Problem(1, _("The file has no header row.")))
        return result
    names = [cell.strip().lower() for cell in rows[0][1]]
    if problem := _header_problem(names):
        result.errors.append(Problem(1, problem))
        return result
    _read_rows(rows[1:], names, result)
    return result


def _rows(text: str, delimiter: str, result: Imported) -> list[tuple[int, list[str]]]:
    """Each record with the line it starts on; a quoted cell may span several lines."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows, start = [], 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:
        result.errors.append(Problem(start, _("This line is not valid CSV.")))
    return rows


def _header_problem(names: list[str]) -> str | None:
    named = [name for name in names if name]
    unknown = list(dict.fromkeys(name for name in named if name not in COLUMNS))
    if unknown:
        return _("Unknown columns: %(columns)s.", columns=", ".join(unknown[:10]))
    twice = sorted(name for name, count in Counter(named).items() if count > 1)
    if twice:
        return _("Columns appear twice: %(columns)s.", columns=", ".join(twice))
    missing = [name for name in ("type", "correct") if name not in named]
    if not set(TEXT_COLUMNS) & set(named):
        missing.append(" / ".join(TEXT_COLUMNS))
    if missing:
        return _("The header row lacks the columns: %(columns)s.", columns=", ".join(missing))
    return None


def _read_rows(rows, names: list[str], result: Imported) -> None:
    wanted, seen, count = [], set(), 0
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > MAX_QUESTIONS:
            result.errors.append(too_many(line))
            break
        try:
            name, question = _row_question(_record(names, cells))
            if name is not None and name in seen:
                raise _Invalid(_("The id %(id)s is used twice.", id=name))
        except _Invalid as invalid:
            result.errors.append(Problem(line, str(invalid)))
            continue
        seen.add(name)
        wanted.append(name)
        result.questions.append(question)
    for question, given in zip(result.questions, assign_ids(wanted), strict=True):
        question["id"] = given
    if not count and not result.errors:
        result.errors.append(nothing_found())


def _record(names: list[str], cells: list[str]) -> dict[str, str]:
    extra = [cell for name, cell in zip(names, cells, strict=False) if not name]
    if len(cells) > len(names):
        extra += cells[len(names) :]
    if any(cell.strip() for cell in extra):
        raise _Invalid(_("The row has cells under no column name."))
    return {
        name: restore_formula(cell.strip())
        for name, cell in zip(names, cells, strict=False)
        if name
    }


def _row_question(record: dict[str, str]) -> tuple[str | None, dict]:
    name = record.get("id") or None
    if name is not None and not ID_PATTERN.fullmatch(name):
        message = _("The id %(id)s may hold only a to z, 0 to 9, - and _ (at most 80).", id=name)
        raise _Invalid(message)
    kind = record.get("type", "").lower()
    if not kind:
        raise _Invalid(_("The type is empty; write single, multiple, true_false or poll."))
    if kind not in TYPES:
        raise _Invalid(unknown_type(kind))
    question = {"id": None, "type": kind, "text": _translations(record, "text")}
    if not question["text"]:
        raise _Invalid(_("The question text is empty."))
    question |= _answers(record, kind)
    question["explanation"] = _translations(record, "explanation")
    if source := _source(record):
        question["source"] = source
    question["time_limit"] = _number(record, "time_limit", DEFAULT_TIME_LIMIT, time_limit_problem)
    question["points"] = _number(record, "points", default_points(kind), points_problem)
    return name, question


def _translations(record: dict[str, str], prefix: str) -> dict:
    return {
        code: record[f"{prefix}_{code}"] for code in LANGUAGES if record.get(f"{prefix}_{code}")
    }


def _answers(record: dict[str, str], kind: str) -> dict:
    options = _options(record)
    correct = record.get("correct", "")
    if kind == "true_false":
        if options:
            message = _("A true_false question has no options; leave the option columns empty.")
            raise _Invalid(message)
        if correct.lower() not in TRUE_FALSE:
            raise _Invalid(_("For a true_false question write true or false under correct."))
        return {"answer": TRUE_FALSE[correct.lower()]}
    if problem := option_count_problem(len(options)):
        raise _Invalid(problem)
    for letter in _letters(correct, options):
        options[OPTION_IDS.index(letter)]["correct"] = True
    if problem := rule_problem({"type": kind, "options": options}):
        raise _Invalid(problem)
    return {"options": options}


def _options(record: dict[str, str]) -> list[dict]:
    """Options a, b, c... up to the last filled one; a gap before it is a mistake."""
    texts = [_translations(record, f"option_{letter}") for letter in OPTION_IDS]
    filled = [index for index, text in enumerate(texts) if text]
    if not filled:
        return []
    for index in range(filled[-1]):
        if not texts[index]:
            raise _Invalid(_("Option %(letter)s is empty.", letter=OPTION_IDS[index]))
    return [{"id": OPTION_IDS[index], "text": texts[index]} for index in range(filled[-1] + 1)]


def _letters(correct: str, options: list[dict]) -> list[str]:
    letters = []
    for value in re.split(r"[;,\s]+", correct.lower()):
        if not value:
            continue
        if len(value) != 1 or value not in OPTION_IDS:
            raise _Invalid(_("%(value)s is not an option letter (a to f).", value=value))
        if OPTION_IDS.index(value) >= len(options):
            raise _Invalid(
                _("The correct answer %(letter)s is not one of the options.", letter=value)
            )
        letters.append(value)
    return letters


def _source(record: dict[str, str]) -> dict | None:
    title, url = _translations(record, "source_title"), record.get("source_url", "")
    if url and not title:
        raise _Invalid(_("A source URL needs a source title."))
    if url and (problem := url_problem(url)):
        raise _Invalid(problem)
    if not title:
        return None
    return {"title": title, "url": url} if url else {"title": title}


def _number(record: dict[str, str], column: str, default: int, problem_of) -> int:
    value = record.get(column, "")
    if not value:
        return default
    number = int(value) if re.fullmatch(r"[+-]?\d{1,9}", value) else None
    if problem := problem_of(number):
        raise _Invalid(problem)
    return number


def to_csv(questions: list[dict], *, delimiter: str = ",") -> str:
    """Every column, every question; parse_csv reads it back to the same questions.

    A text starting like a spreadsheet formula (=, +, -, @) is written with a leading ',
    which parse_csv removes again. No BOM: a download for Excel should start with one, so Excel reads UTF-8 (parse_csv
    accepts it). Excel set to Russian or Kazakh expects delimiter=";".
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    for question in carried(questions):
        row = _row(with_defaults(question))
        writer.writerow({column: defuse_formula(value) for column, value in row.items()})
    return out.getvalue()


def _row(question: dict) -> dict[str, object]:
    row = {"id": question["id"], "type": question["type"]}
    row |= _cells("text", question["text"])
    row |= _cells("explanation", question.get("explanation", {}))
    if source := question.get("source"):
        row |= _cells("source_title", source["title"])
        row["source_url"] = source.get("url", "")
    options = question.get("options", [])
    for letter, option in zip(OPTION_IDS, options, strict=False):
        row |= _cells(f"option_{letter}", option["text"])
    if question["type"] == "true_false":
        row["correct"] = "true" if question["answer"] else "false"
    else:
        row["correct"] = ";".join(
            letter
            for letter, option in zip(OPTION_IDS, options, strict=False)
            if option.get("correct")
        )
    row["time_limit"], row["points"] = question["time_limit"], question["points"]
    return row


def _cells(prefix: str, translations: dict) -> dict[str, str]:
    return {f"{prefix}_{code}": text for code, text in translations.items()}
