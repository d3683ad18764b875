"""Kahoot's spreadsheet template (.xlsx): the quiz sheet teachers fill in for Kahoot.

The template's first sheet holds a header block (a title and instructions in column B, rows
2-6), the header row on row 8, then one question a row from row 9:

    A: its number (ignored)  B: Question - max 120 characters  C-F: Answer 1 to Answer 4
    - max 75 characters  G: Time limit (sec) - 5, 10, 20, 30, 60, 90, 120, or 240 secs
    H: Correct answer(s) - choose at least one (an answer's number, "1", or several, "1,3")

We find the header row by its titles (in the first 20 rows), so a sheet whose columns start
at A, or that has no instructions above them, reads the same. One right answer makes a
single-choice question, several a multiple-choice one; a question with two answers such as
True / False stays single choice (Kahoot's own quiz type). Every text is in the language the
teacher chose. Every problem is named with its row; a malformed sheet saves nothing.

An .xlsx is a zip archive, so it is checked before openpyxl opens it: its size, its number of
members, the sizes they unpack to and how well they are compressed (a zip bomb unpacks a few
kilobytes into gigabytes). zipfile never hands out more bytes than a member's declared size
(it stops there and checks the CRC), so the declared sizes checked here bound what openpyxl
reads. openpyxl parses the XML inside with defusedxml (installed for Moodle XML), and opens
the workbook read-only (streaming) and with formulas' cached values, never computing them.
"""

import io
import warnings
import zipfile
from datetime import date, datetime, time

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from app.i18n import _, ngettext

from .common import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    OPTION_IDS,
    Imported,
    Problem,
    assign_ids,
    carried,
    check_language,
    default_points,
    final_problems,
    nothing_found,
    too_many,
)

MAX_XLSX_BYTES = 1024 * 1024  # Kahoot's template with 500 long questions is about 60 KB
MAX_MEMBERS = 100  # files inside the archive: Excel writes about 10, Google Sheets fewer
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # what all members unpack to, together
MAX_RATIO = 100  # unpacked / packed, per member; spreadsheet XML packs about 5 to 20 times
RATIO_FLOOR = 1024 * 1024  # members smaller than this unpacked are never a bomb
HEADER_ROWS = 20  # the header row is searched for in these (it is row 8 in the template)
MAX_SCANNED_ROWS = 5000  # a sheet formatted down to row 1,048,576 is not read that far
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)  # the only ones Kahoot offers
DEFAULT_TIME_LIMIT = 20  # Kahoot's own default
MAX_QUESTION_CHARS, MAX_ANSWER_CHARS = 120, 75
KAHOOT_ANSWERS = 4  # the template's answer columns; a sheet with Answer 5 and 6 is read too
KINDS = ("single", "multiple")  # what the template can say

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and every password-protected workbook
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
HEADERS = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
HEADER_ROW = 8  # where the template (and to_kahoot_xlsx) puts the header


class _Refused(Exception):
    """The file cannot be read as a question sheet; the message says why."""


def parse_kahoot(data: bytes, language: str) -> Imported:
    """Read Kahoot's quiz template; all its text is in `language`."""
    check_language(language)
    result = Imported()
    try:
        rows = _sheet_rows(data)
    except _Refused as refused:
        result.errors.append(Problem(1, str(refused)))
        return result
    _read_questions(rows, language, result)
    return result


# --- the archive --------------------------------------------------------------------------


def _sheet_rows(data: bytes) -> list[tuple[int, tuple]]:
    """The first sheet's rows as (row number, cell values), up to one past MAX_SCANNED_ROWS."""
    _checked_archive(data).close()
    damaged = _damaged()
    # openpyxl warns about parts it drops (data validation, extensions): none is a question
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds of error on a broken workbook
            raise _Refused(damaged) from None
        try:
            if not workbook.worksheets:
                raise _Refused(_("The workbook has no sheet."))
            sheet = workbook.worksheets[0]  # Kahoot reads the first sheet, as we do
            sheet.reset_dimensions()  # some programs write a wrong size; read what is there
            rows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append((number, tuple(values)))
                if number > MAX_SCANNED_ROWS:  # one more than is read tells that more exist
                    break
            return rows
        except _Refused:
            raise
        except Exception:  # a damaged sheet fails while it is streamed
            raise _Refused(damaged) from None
        finally:
            workbook.close()


def _damaged() -> str:
    return _(
        "The workbook is damaged or not an .xlsx file; open it in Excel and save it again as .xlsx."
    )


def _mimetype(archive: zipfile.ZipFile) -> bytes:
    """An OpenDocument file's first member. zipfile refuses a damaged or exotic member in
    several ways (BadZipFile, NotImplementedError for an unknown zip version or method,
    zlib.error, EOFError), and each means the same to the teacher: not a workbook we read."""
    try:
        return archive.read("mimetype")
    except Exception:
        raise _Refused(_damaged()) from None


def _checked_archive(data: bytes) -> zipfile.ZipFile:
    """The .xlsx as a zip archive whose members may safely be unpacked, or _Refused."""
    if len(data) > MAX_XLSX_BYTES:
        raise _Refused(_("An .xlsx file must be smaller than 1 MB."))
    if data.startswith(OLE2_MAGIC):
        raise _Refused(
            _(
                "This is an old Excel workbook (.xls) or one protected by a password. Open it"
                " in Excel and save it as an Excel Workbook (.xlsx) without a password."
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError):  # NotImplemented: zip 6.4 etc.
        raise _Refused(_not_a_workbook(data)) from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _Refused(
            _(
                "The workbook holds %(count)d parts; a question sheet has far fewer (at most"
                " %(max)d).",
                count=len(members),
                max=MAX_MEMBERS,
            )
        )
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise _Refused(
            _(
                "The workbook unpacks to more than 20 MB, far more than a question sheet; it"
                " is refused as a possible zip bomb."
            )
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise _Refused(
                ngettext(
                    "A part of the workbook unpacks to more than %(num)d time its packed"
                    " size; it is refused as a possible zip bomb.",
                    "A part of the workbook unpacks to more than %(num)d times its packed"
                    " size; it is refused as a possible zip bomb.",
                    MAX_RATIO,
                )
            )
        if member.flag_bits & 0x1:
            raise _Refused(_("The workbook is encrypted; save it without a password."))
    names = {member.filename for member in members}
    if "mimetype" in names and _mimetype(archive).startswith(ODS_MIMETYPE):
        raise _Refused(
            _(
                "This is an OpenDocument spreadsheet (.ods). Save it as an Excel Workbook"
                " (.xlsx) and upload that."
            )
        )
    if "xl/workbook.xml" not in names:
        raise _Refused(_("This zip file is not an Excel workbook (.xlsx)."))
    return archive


def _not_a_workbook(data: bytes) -> str:
    try:
        text = data[:4096].decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text:
        return _(
            "This file is text (a CSV file?), not an Excel workbook. Choose the CSV format"
            " for our CSV, or save the sheet as an Excel Workbook (.xlsx)."
        )
    return _("This file is not an Excel workbook (.xlsx).")


# --- the sheet ----------------------------------------------------------------------------


def _read_questions(rows: list[tuple[int, tuple]], language: str, result: Imported) -> None:
    header = _header(rows)
    if header is None:
        result.errors.append(
            Problem(
                1,
                _(
                    "No header row was found. Kahoot's template has one on row 8, with the"
                    " columns Question, Answer 1 to Answer 4, Time limit and Correct answer(s)."
                ),
            )
        )
        return
    header_number, columns = header
    count = 0
    for number, values in rows[:MAX_SCANNED_ROWS]:
        if number <= header_number or not _filled(values, columns):
            continue
        count += 1
        if count > MAX_QUESTIONS:
            result.errors.append(too_many(number))
            break
        message = _row_problem(values, columns)
        if message is None:
            question = _question(values, columns, language)
            problems = final_problems({**question, "id": "q"})
            message = problems[0] if problems else None
        if message is not None:
            result.errors.append(Problem(number, message))
        else:
            result.questions.append(question)
    if len(rows) > MAX_SCANNED_ROWS and count <= MAX_QUESTIONS:
        message = ngettext(
            "Only the first %(num)d row was read.",
            "Only the first %(num)d rows were read.",
            MAX_SCANNED_ROWS,
        )
        result.notes.append(Problem(MAX_SCANNED_ROWS, message))
    if not count and not result.errors:
        result.errors.append(nothing_found())
    for question, given in zip(
        result.questions, assign_ids([None] * len(result.questions)), strict=True
    ):
        question["id"] = given


def _header(rows) -> tuple[int, dict] | None:
    """The header row's number and its columns: question, answers (in order), time, correct."""
    for number, values in rows[:HEADER_ROWS]:
        titles = [_text(value).lower() for value in values]
        columns = {"answers": []}
        for index, title in enumerate(titles):
            if title.startswith("question") and "question" not in columns:
                columns["question"] = index
            elif title.startswith("time limit") and "time" not in columns:
                columns["time"] = index
            elif title.startswith("correct answer") and "correct" not in columns:
                columns["correct"] = index
        for answer in range(1, MAX_OPTIONS + 1):
            index = next(
                (i for i, title in enumerate(titles) if _is_answer_title(title, answer)), None
            )
            if index is None:
                break
            columns["answers"].append(index)
        if {"question", "correct"} <= set(columns) and len(columns["answers"]) >= 2:
            return number, columns
    return None


def _is_answer_title(title: str, number: int) -> bool:
    rest = title.removeprefix(f"answer {number}")
    return rest != title and not rest[:1].isdigit()


def _filled(values: tuple, columns: dict) -> bool:
    """Whether the row holds a question. A number in column A or a time limit alone does
    not make one: templates come with rows numbered and time limits filled in ahead."""
    used = [columns["question"], *columns["answers"], columns["correct"]]
    return any(_text(_cell(values, index)) for index in used)


def _cell(values: tuple, index: int):
    return values[index] if index < len(values) else None


def _text(value) -> str:
    """A cell as text: numbers as written (1, not 1.0), a date as ISO, stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _answers(values: tuple, columns: dict) -> list[str]:
    answers = [_text(_cell(values, index)) for index in columns["answers"]]
    while answers and not answers[-1]:
        answers.pop()
    return answers


def _row_problem(values: tuple, columns: dict) -> str | None:
    """The first problem of a question row, or None."""
    text = _text(_cell(values, columns["question"]))
    if not text:
        return _("The question is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        return _(
            "The question has %(count)d characters; Kahoot allows at most %(max)d.",
            count=len(text),
            max=MAX_QUESTION_CHARS,
        )
    answers = _answers(values, columns)
    for number, answer in enumerate(answers, start=1):
        if not answer:
            return _(
                "Answer %(number)d is empty, but a later answer is filled in; fill the answers"
                " in order.",
                number=number,
            )
        if len(answer) > MAX_ANSWER_CHARS:
            return _(
                "Answer %(number)d has %(count)d characters; Kahoot allows at most %(max)d.",
                number=number,
                count=len(answer),
                max=MAX_ANSWER_CHARS,
            )
    if len(answers) < 2:
        return _("The question needs at least two answers, found %(count)d.", count=len(answers))
    if "time" in columns and (problem := _time_problem(_cell(values, columns["time"]))):
        return problem
    correct = _correct_text(_cell(values, columns["correct"]))
    if not correct:
        return _("No correct answer is given: write its number, like 2, or several, like 1,3.")
    numbers = _numbers(correct)
    if numbers is None:
        return _(
            "The correct answer(s) “%(value)s” must be answer numbers, like 2 or 1,3.",
            value=correct,
        )
    for number in numbers:
        if not 1 <= number <= len(answers):
            return _(
                "Answer %(number)d is marked correct, but the question has %(count)d answers.",
                number=number,
                count=len(answers),
            )
    if len(numbers) == len(answers):  # Kahoot allows it; here every tick would score
        return _("Every answer is marked correct; at least one must be wrong.")
    return None


def _time_problem(value) -> str | None:
    seconds = _seconds(value)
    if seconds is None or seconds not in TIME_LIMITS:
        return _(
            "The time limit “%(value)s” is not one Kahoot offers: %(allowed)s seconds.",
            value=_text(value),
            allowed=", ".join(map(str, TIME_LIMITS)),
        )
    return None


def _seconds(value) -> int | None:
    """A time-limit cell's seconds; empty is Kahoot's default, None is not a whole number."""
    text = _text(value)
    if not text:
        return DEFAULT_TIME_LIMIT
    return int(text) if text.isdecimal() else None


def _correct_text(value) -> str:
    """The correct-answer cell as text. Excel set to Russian or Kazakh reads a typed "1,3"
    as the decimal number 1.3 (the comma is its decimal separator): it means answers 1 and 3."""
    if isinstance(value, float) and not value.is_integer():
        return _text(value).replace(".", ",")
    return _text(value)


def _numbers(text: str) -> list[int] | None:
    """Answer numbers from "2", "1,3" or "1, 3"; None when a part is not a number."""
    parts = [part.strip() for part in text.split(",")]
    if not all(part.isdecimal() for part in parts):
        return None
    return sorted({int(part) for part in parts})


def _question(values: tuple, columns: dict, language: str) -> dict:
    answers = _answers(values, columns)
    right = set(_numbers(_correct_text(_cell(values, columns["correct"]))))
    kind = "single" if len(right) == 1 else "multiple"
    options = []
    for number, (letter, answer) in enumerate(zip(OPTION_IDS, answers, strict=False), start=1):
        option = {"id": letter, "text": {language: answer}}
        if number in right:
            option["correct"] = True
        options.append(option)
    time_limit = _seconds(_cell(values, columns["time"])) if "time" in columns else None
    return {
        "id": None,
        "type": kind,
        "text": {language: _text(_cell(values, columns["question"]))},
        "options": options,
        "explanation": {},
        "time_limit": time_limit or DEFAULT_TIME_LIMIT,
        "points": default_points(kind),
    }


# --- writing ------------------------------------------------------------------------------


def to_kahoot_xlsx(questions: list[dict], language: str) -> bytes:
    """Kahoot's template filled with the questions it can carry (single and multiple choice
    with at most four options), texts in `language`. Kahoot offers a few time limits only,
    so each question gets the nearest; texts longer than Kahoot allows are written as they
    are (Kahoot marks them red). The tests and bench/import_moodle.py write sheets with it."""
    check_language(language)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet["B2"] = "Quiz template"
    sheet["B2"].font = Font(bold=True, size=14)
    sheet["B3"] = (
        "Add questions, two to four answers, a time limit and the numbers of the correct"
        " answers (several separated by commas)."
    )
    for column, title in enumerate(HEADERS, start=2):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="46178F")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    kept = [
        question
        for question in carried(questions, KINDS)
        if len(question["options"]) <= KAHOOT_ANSWERS
    ]
    for number, question in enumerate(kept, start=1):
        row = HEADER_ROW + number
        sheet.cell(row=row, column=1, value=number)
        _text_cell(sheet, row, 2, question["text"].get(language, ""))
        for offset, option in enumerate(question["options"]):
            _text_cell(sheet, row, 3 + offset, option["text"].get(language, ""))
        limit = question.get("time_limit", DEFAULT_TIME_LIMIT)
        sheet.cell(row=row, column=7, value=min(TIME_LIMITS, key=lambda t: abs(t - limit)))
        right = [str(i) for i, o in enumerate(question["options"], start=1) if o.get("correct")]
        # one number as a number (as Kahoot's own example), several as text "1,3"
        sheet.cell(row=row, column=8, value=int(right[0]) if len(right) == 1 else ",".join(right))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text_cell(sheet, row: int, column: int, text: str) -> None:
    """A cell that holds text even when it starts with "=" (openpyxl would make a formula)."""
    cell = sheet.cell(row=row, column=column, value=text)
    cell.data_type = "s"
