"""Moodle's Aiken format: single-choice questions, the simplest thing a teacher can type.

    What is a bribe?
    A. A birthday present
    B) Money given for a favour from someone with power
    ANSWER: B

Question text (one line or more), 2 to 6 options lettered A, B, C... in order, then the
ANSWER line. Moodle's reader forgives more; we name each mistake with its line instead.
"""

import re
from dataclasses import dataclass, field

from app.i18n import _

from .common import (
    DEFAULT_POINTS,
    DEFAULT_TIME_LIMIT,
    MAX_QUESTIONS,
    OPTION_IDS,
    Imported,
    Problem,
    assign_ids,
    check_language,
    guarded,
    nothing_found,
    option_count_problem,
    readable_text,
    too_many,
)

# As Moodle reads it: the letter and its mark, then the option, a space between or not.
OPTION = re.compile(r"([A-Z])[.)]\s*(.*)")
ANSWER = re.compile(r"ANSWER\s*:\s*(.*)", re.IGNORECASE)
ANSWER_LETTER = re.compile(r"([A-Za-z])[.)]?")


@dataclass
class _Draft:
    line: int
    text: list[str] = field(default_factory=list)
    options: list[tuple[int, str, str]] = field(default_factory=list)  # (line, letter, text)


@guarded
def parse_aiken(text: str, language: str) -> Imported:
    """Read an Aiken file; all its text is in `language`."""
    check_language(language)
    result, draft, count = Imported(), None, 0
    for number, raw in enumerate(readable_text(text).split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if answer := ANSWER.fullmatch(line):
            if draft is None:
                result.errors.append(Problem(number, _("This ANSWER line has no question.")))
            else:
                _finish(result, draft, answer.group(1).strip(), number, language)
            draft = None
            continue
        if draft is not None and draft.options and not OPTION.fullmatch(line):
            result.errors.append(_missing_answer(draft))
            draft = None
        if draft is None:
            count += 1
            if count > MAX_QUESTIONS:
                result.errors.append(too_many(number))
                return result
            draft = _Draft(number)
        if option := OPTION.fullmatch(line):
            draft.options.append((number, option.group(1), (option.group(2) or "").strip()))
        else:
            draft.text.append(line)
    if draft is not None:
        result.errors.append(_missing_answer(draft))
    for question, given in zip(
        result.questions, assign_ids([None] * len(result.questions)), strict=True
    ):
        question["id"] = given
    if not count and not result.errors:
        result.errors.append(nothing_found())
    return result


def _missing_answer(draft: _Draft) -> Problem:
    message = _("The question has no ANSWER line; end it with a line like ANSWER: B.")
    return Problem(draft.line, message)


def _finish(result: Imported, draft: _Draft, answer: str, line: int, language: str) -> None:
    problem = _problem(draft, answer, line)
    if problem:
        result.errors.append(problem)
        return
    right = ANSWER_LETTER.fullmatch(answer).group(1).upper()
    options = []
    for letter, (_line, given, text) in zip(OPTION_IDS, draft.options, strict=False):
        option = {"id": letter, "text": {language: text}}
        if given == right:
            option["correct"] = True
        options.append(option)
    result.questions.append(
        {
            "id": None,
            "type": "single",
            "text": {language: "\n".join(draft.text)},
            "options": options,
            "explanation": {},
            "time_limit": DEFAULT_TIME_LIMIT,
            "points": DEFAULT_POINTS,
        }
    )


def _problem(draft: _Draft, answer: str, line: int) -> Problem | None:
    """The first mistake in a finished question, or None."""
    if not draft.text:
        return Problem(draft.line, _("The question text is empty."))
    if message := option_count_problem(len(draft.options)):
        return Problem(draft.line, message)
    for expected, (option_line, letter, text) in zip(
        OPTION_IDS.upper(), draft.options, strict=False
    ):
        if letter != expected:
            message = _(
                "Option %(letter)s is out of order; expected %(expected)s.",
                letter=letter,
                expected=expected,
            )
            return Problem(option_line, message)
        if not text:
            return Problem(option_line, _("Option %(letter)s is empty.", letter=letter))
    found = ANSWER_LETTER.fullmatch(answer)
    if not found:
        message = _("The ANSWER line needs the letter of the right option, like ANSWER: B.")
        return Problem(line, message)
    if found.group(1).upper() not in {letter for _line, letter, _text in draft.options}:
        message = _(
            "The answer %(letter)s is not one of the options.", letter=found.group(1).upper()
        )
        return Problem(line, message)
    return None
