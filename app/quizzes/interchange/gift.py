"""Moodle's GIFT format: import the kinds of question we play, export a quiz Moodle can load.

The grammar follows Moodle's own reader (question/format/gift/format.php): blank lines part
questions, `//` lines are comments, `::title::`, one `{…}` answer block, `#` feedback,
`####` general feedback, backslash escapes. What GIFT cannot say (polls, time limits,
points, sources) travels in a comment, `// integrity-hour: {...}`, which Moodle ignores.
Languages travel as the spans of Moodle's multilang filter.

Longer than most modules (about 560 lines) on purpose: the reader and the writer of one
grammar stay together, so that exporting and importing again gives back the same questions.
"""

import json
import re
from dataclasses import dataclass

from app.i18n import _

from . import html_text, multilang
from .common import (
    CATEGORY_IDS,
    DEFAULT_TIME_LIMIT,
    GIFT_TYPES,
    ID_PATTERN,
    ITEM_IDS,
    MAX_QUESTIONS,
    OPTION_IDS,
    Imported,
    Problem,
    apply_ids,
    assign_ids,
    carried,
    category_count_problem,
    check_language,
    default_points,
    final_problems,
    guarded,
    item_count_problem,
    nothing_found,
    option_count_problem,
    own_ids,
    read_metadata,
    readable_text,
    slugify,
    too_many,
    with_defaults,
)
from .moodle_kinds import LEFT_OUT

ESCAPED = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\", "n": "\n"}
ESCAPES = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
ESCAPES["\n"] = "\\n"
META = re.compile(r"//\s*integrity-hour:(.*)")
META_KEYS = {"type", "time_limit", "points", "source", "ids"}
FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]")
WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
# Moodle wants the positive weights of a multiple-answer question to make 100 (percent).
WEIGHTS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667"}
BLANK = "_____"
PAIR = "->"  # a matching pair: item -> category


class _Invalid(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.problem = Problem(line, message)


class _Skip(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Source:
    """Question text with escapes decoded. `control[i]` tells whether character i can be
    GIFT syntax (it was not escaped); `lines[i]` is its line in the file."""

    text: str
    control: tuple[bool, ...]
    lines: tuple[int, ...]

    def __getitem__(self, part: slice) -> "Source":
        return Source(self.text[part], self.control[part], self.lines[part])

    def find(self, token: str, start: int = 0) -> int:
        """The first unescaped occurrence of token, or -1."""
        index = self.text.find(token, start)
        while index != -1 and not all(self.control[index : index + len(token)]):
            index = self.text.find(token, index + 1)
        return index

    def rfind(self, token: str) -> int:
        index = self.text.rfind(token)
        while index != -1 and not all(self.control[index : index + len(token)]):
            index = self.text.rfind(token, 0, index + len(token) - 1)
        return index

    def strip(self) -> "Source":
        start = len(self.text) - len(self.text.lstrip())
        return self[start : max(start, len(self.text.rstrip()))]


def lex(lines: list[tuple[int, str]]) -> Source:
    """Decode the escapes \\~ \\= \\# \\{ \\} \\: \\\\ \\n of numbered lines; any other
    backslash is kept, as Moodle keeps it."""
    decoded: list[tuple[str, bool, int]] = []  # (character, control, line)
    for position, (number, line) in enumerate(lines):
        if position:
            decoded.append(("\n", True, number))
        index = 0
        while index < len(line):
            pair = line[index : index + 2]
            if len(pair) == 2 and pair[0] == "\\" and pair[1] in ESCAPED:
                decoded.append((ESCAPED[pair[1]], False, number))
                index += 2
            else:
                decoded.append((line[index], line[index] != "\\", number))
                index += 1
    if not decoded:
        return Source("", (), ())
    chars, control, numbers = zip(*decoded, strict=True)
    return Source("".join(chars), control, numbers)


def _chunks(text: str) -> list[list[tuple[int, str]]]:
    """Numbered lines, in groups separated by blank lines: one question (or comment) each."""
    chunks, current = [], []
    for number, line in enumerate(readable_text(text).split("\n"), start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            chunks.append(current)
            current = []
    return [*chunks, current] if current else chunks


def _split_chunk(chunk):
    """The question's own lines, and its integrity-hour comments as (line, JSON text).

    Comments go wherever they are, as in Moodle; $CATEGORY lines before the question too.
    """
    content, meta = [], []
    for number, line in chunk:
        stripped = line.strip()
        if stripped.startswith("//"):
            if found := META.fullmatch(stripped):
                meta.append((number, found.group(1)))
        elif content or not stripped.startswith("$CATEGORY:"):
            content.append((number, line))
    return content, meta


@guarded
def parse_gift(text: str, language: str) -> Imported:
    """Read a GIFT file; plain (untagged) text is in `language`."""
    check_language(language)
    result, wanted = Imported(), []
    count = 0
    for chunk in _chunks(text):
        content, meta = _split_chunk(chunk)
        if not content:
            if meta:
                message = _("The integrity-hour comment is not followed by a question.")
                result.errors.append(Problem(meta[0][0], message))
            continue
        count += 1
        if count > MAX_QUESTIONS:
            result.errors.append(too_many(content[0][0]))
            break
        notes: list[str] = []
        try:
            name, question = _question(lex(content), meta, language, content[0][0], notes)
            if problems := final_problems({**question, "id": name or "q"}):
                raise _Invalid(content[0][0], problems[0])
        except _Skip as skip:
            result.skipped.append(Problem(content[0][0], skip.message))
        except _Invalid as invalid:
            result.errors.append(invalid.problem)
        else:
            wanted.append(name)
            result.questions.append(question)
            result.notes.extend(Problem(content[0][0], note) for note in notes)
    for question, given in zip(result.questions, assign_ids(wanted), strict=True):
        question["id"] = given
    if not count and not result.errors:
        result.errors.append(nothing_found())
    return result


def _question(
    source: Source, meta_lines, language: str, start: int, notes: list[str]
) -> tuple[str | None, dict]:
    """One question from its lines; raises _Skip for kinds we do not play, _Invalid for
    mistakes. What its HTML held that we leave out is added to `notes`."""
    meta = _metadata(meta_lines)
    name, source = _title(source.strip(), start)
    braces = _braces(source)
    if braces is None:
        if meta_lines:
            raise _Invalid(start, _("The question has no answers in braces {…}."))
        raise _Skip(_("Description (text without answers) skipped: this kind is not supported."))
    opened, closed = braces
    after = source.text[closed + 1 :]
    text = source.text[:opened] + (BLANK + after if after.strip() else "")
    text_format, text = _format(text.strip(), "moodle")
    answers = source[opened + 1 : closed]
    explanation = ""
    if (general := answers.rfind("####")) != -1:
        answers, explanation = answers[:general], answers[general + 4 :].text.strip()
    text = _translations(text, language, text_format, notes)  # its notes come first
    question = {"id": None, **_answers(answers.strip(), text_format, language, meta, start, notes)}
    question["text"] = text
    if not question["text"]:
        raise _Invalid(start, _("The question text is empty."))
    explanation_format, explanation = _format(explanation, text_format)
    question["explanation"] = _translations(explanation, language, explanation_format, notes)
    return name, _finish(question, meta, start)


def _finish(question: dict, meta: dict, start: int) -> dict:
    """Key order as in the curriculum; metadata fills what GIFT cannot say."""
    ordered = {key: question[key] for key in ("id", "type", "text") if key in question}
    parts = ("options", "answer", "items", "categories")
    ordered |= {key: question[key] for key in parts if key in question}
    if problem := apply_ids(ordered, meta.get("ids", {})):
        raise _Invalid(start, problem)
    ordered["explanation"] = question["explanation"]
    if "source" in meta:
        ordered["source"] = meta["source"]
    ordered["time_limit"] = meta.get("time_limit", DEFAULT_TIME_LIMIT)
    ordered["points"] = meta.get("points", default_points(question["type"]))
    return ordered


def _title(source: Source, start: int) -> tuple[str | None, Source]:
    """The wanted id from `::title::` (None without one) and the rest of the question."""
    if not source.text.startswith("::") or not all(source.control[:2]):
        return None, source
    end = source.find("::", 2)
    if end == -1:
        raise _Invalid(start, _("The title starting with :: is not closed with ::."))
    title = source.text[2:end].strip()
    name = title if ID_PATTERN.fullmatch(title) else slugify(title)
    return name or None, source[end + 2 :].strip()


def _braces(source: Source) -> tuple[int, int] | None:
    """Where the one answer block opens and closes; None when the text has no braces."""
    opened = closed = None
    for index, char in enumerate(source.text):
        if char not in "{}" or not source.control[index]:
            continue
        line = source.lines[index]
        if char == "{" and opened is None:
            opened = index
        elif char == "{" and closed is None:
            message = _("A brace { opens inside another {…}; write \\{ for a literal brace.")
            raise _Invalid(line, message)
        elif char == "{":
            message = _("The question has a second {…} answer block; a question takes one.")
            raise _Invalid(line, message)
        elif opened is None or closed is not None:
            message = _("A closing brace } has no opening brace {; write \\} for a literal brace.")
            raise _Invalid(line, message)
        else:
            closed = index
    if opened is None:
        return None
    if closed is None:
        raise _Invalid(source.lines[opened], _("The brace { is never closed with }."))
    return opened, closed


def _answers(
    answers: Source, text_format: str, language: str, meta: dict, start: int, notes: list[str]
) -> dict:
    """Type and options (or answer) from the block, in Moodle's order of tests."""
    if not answers.text:
        raise _Skip(_("Essay question skipped: this kind is not supported."))
    if answers.text.startswith("#") and answers.control[0]:
        raise _Skip(_("Numerical question skipped: this kind is not supported."))
    if answers.find("~") != -1:
        return _choice(answers, text_format, language, meta, start, notes)
    if answers.find("=") != -1 and PAIR in answers.text:
        return _matching(answers, text_format, language, meta, start, notes)
    feedback = answers.find("#")
    head = (answers[:feedback] if feedback != -1 else answers).text.strip().upper()
    if head not in TRUE_FALSE:
        raise _Skip(_("Short-answer question skipped: this kind is not supported."))
    _check_type(meta, "true_false", start)
    return {"type": "true_false", "answer": TRUE_FALSE[head]}


def _matching(
    answers: Source, text_format: str, language: str, meta: dict, start: int, notes: list[str]
) -> dict:
    """`=item -> category` pairs. Categories are the different texts after ->, in the order
    they first appear; `= -> category` adds a category no item belongs to, as in Moodle."""
    _check_type(meta, "matching", start)
    marks = [i for i, char in enumerate(answers.text) if char == "=" and answers.control[i]]
    if lead := answers[: marks[0]].strip().lines:
        message = _("Write every pair after =; there is text before the first one.")
        raise _Invalid(lead[0], message)
    items, categories = [], []
    for begin, end in zip(marks, [*marks[1:], len(answers.text)], strict=True):
        body, line = answers[begin + 1 : end], answers.lines[begin]
        arrow = body.text.find(PAIR)
        if arrow == -1:
            message = _("Write each pair of a matching question as =item -> category.")
            raise _Invalid(line, message)
        item_format, item = _format(body.text[:arrow].strip(), text_format)
        category = _translations(body.text[arrow + len(PAIR) :].strip(), language, "moodle", notes)
        if not category:
            raise _Invalid(line, _("The pair has no category after ->."))
        if category not in categories:
            categories.append(category)
        if item := _translations(item, language, item_format, notes):
            items.append((item, CATEGORY_IDS[min(categories.index(category), 5)]))
    if problem := item_count_problem("matching", len(items)) or category_count_problem(
        len(categories)
    ):
        raise _Invalid(start, problem)
    return {
        "type": "matching",
        "items": [
            {"id": key, "text": text, "match": match}
            for key, (text, match) in zip(ITEM_IDS, items, strict=False)
        ],
        "categories": [
            {"id": key, "text": text} for key, text in zip(CATEGORY_IDS, categories, strict=False)
        ],
    }


@dataclass(frozen=True)
class _Choice:
    line: int
    marker: str
    weight: float
    text: dict


def _choice(
    answers: Source, text_format: str, language: str, meta: dict, start: int, notes: list[str]
) -> dict:
    marks = [i for i, char in enumerate(answers.text) if char in "~=" and answers.control[i]]
    if problem := option_count_problem(len(marks)):
        raise _Invalid(start, problem)
    choices = _choices(answers, marks, text_format, language, notes)
    for letter, choice in zip(OPTION_IDS, choices, strict=False):
        if not choice.text:
            raise _Invalid(choice.line, _("Option %(letter)s is empty.", letter=letter))
    kind, correct = _kind(choices, meta, start)
    _check_type(meta, kind, start)
    options = []
    for index, (letter, choice) in enumerate(zip(OPTION_IDS, choices, strict=False)):
        option = {"id": letter, "text": choice.text}
        if index in correct:
            option["correct"] = True
        options.append(option)
    return {"type": kind, "options": options}


def _choices(
    answers: Source, marks: list[int], text_format: str, language: str, notes: list[str]
) -> list[_Choice]:
    """One choice per answer marker (the positions in `marks`), weight and text. Moodle
    reads a weight after either marker (`=%100%` is `=`); a partial weight after `=` still
    makes that answer the right one, as partial credit does not exist here."""
    if lead := answers[: marks[0]].strip().lines:
        message = _("Write every answer after = or ~; there is text before the first one.")
        raise _Invalid(lead[0], message)
    choices = []
    for begin, end in zip(marks, [*marks[1:], len(answers.text)], strict=True):
        marker, body = answers.text[begin], answers[begin + 1 : end].strip()
        weight = 100.0 if marker == "=" else 0.0
        if found := WEIGHT.match(body.text):
            body = body[found.end() :].strip()
            weight = weight if marker == "=" else float(found.group(1))
        if (feedback := body.find("#")) != -1:
            body = body[:feedback]
        option_format, text = _format(body.text.strip(), text_format)
        text = _translations(text, language, option_format, notes)
        choices.append(_Choice(answers.lines[begin], marker, weight, text))
    return choices


def _kind(choices: list[_Choice], meta: dict, start: int) -> tuple[str, set[int]]:
    """The type and the right choices' positions. single: one `=`; multiple: no `=` and
    positive weights; poll: said by the metadata.

    Partial credit (`~%50%` beside an `=`) is dropped: the `=` answer is the right one.
    """
    equals = [index for index, choice in enumerate(choices) if choice.marker == "="]
    positive = {index for index, choice in enumerate(choices) if choice.weight > 0}
    if meta.get("type") == "poll":
        if positive:
            message = _(
                "A poll has no right answers: start every option with ~ and give no weights."
            )
            raise _Invalid(start, message)
        return "poll", set()
    if len(equals) == 1:
        return "single", set(equals)
    if equals:
        message = _(
            "The question has %(count)d answers starting with =; a single-choice question has"
            " exactly one. For several right answers give weights like %(example)s.",
            count=len(equals),
            example="~%50%",
        )
        raise _Invalid(choices[equals[1]].line, message)
    if not positive:
        message = _(
            "The question has no right answer: start it with =, or give several right answers"
            " weights like %(example)s.",
            example="~%50%",
        )
        raise _Invalid(start, message)
    if len(positive) == len(choices):
        raise _Invalid(start, _("A multiple-answer question needs at least one wrong answer."))
    return "multiple", positive


def _check_type(meta: dict, kind: str, start: int) -> None:
    if "type" in meta and meta["type"] != kind:
        message = _(
            "The integrity-hour comment says the type is %(type)s, but the answers make it"
            " %(kind)s.",
            type=meta["type"],
            kind=kind,
        )
        raise _Invalid(start, message)


def _format(text: str, default: str) -> tuple[str, str]:
    """Strip a leading [html]/[moodle]/[plain]/[markdown] marker; parts of a question
    default to the question text's format, as in Moodle."""
    if found := FORMAT.match(text):
        return found.group(1), text[found.end() :]
    return default, text


def _translations(text: str, language: str, text_format: str, notes: list[str]) -> dict:
    """A translation map: one entry per multilang span language, else all in `language`.

    Text outside the spans belongs to every language, as Moodle's filter shows it.
    """
    result = {}
    for code, raw in multilang.by_language(text, language).items():
        if plain := _plain(raw, text_format, notes):
            result[code] = plain
    return result


def _plain(text: str, text_format: str, notes: list[str]) -> str:
    """The text as our questions hold it. HTML is read as for Moodle XML (html_text): what
    it shows that plain text cannot (images, audio, video, drawings) is named in `notes`,
    since a GIFT file carries no image files for us to keep."""
    if text_format != "html":
        return text.strip()
    reduced = html_text.reduce(text)
    for kind in sorted(reduced.left_out):
        _note(notes, str(LEFT_OUT[kind]))
    for src, alt in reduced.images:
        _note(notes, _image_note(src, alt))
    return "\n".join(line.strip() for line in reduced.text.split("\n") if line.strip())


def _image_note(src: str, alt: str) -> str:
    name = alt or ("" if src.startswith("data:") else src.rstrip("/").rsplit("/", 1)[-1])
    if name:
        return _(
            "The image %(name)s was left out: a GIFT file cannot carry images. Add it to the"
            " question in the editor.",
            name=name[:80],
        )
    return _(
        "An image was left out: a GIFT file cannot carry images. Add it to the question in the editor."
    )


def _note(notes: list[str], message: str) -> None:
    if message not in notes:
        notes.append(message)


def _metadata(meta_lines: list[tuple[int, str]]) -> dict:
    """The integrity-hour comment's JSON, checked; {} without one."""
    if not meta_lines:
        return {}
    if len(meta_lines) > 1:
        raise _Invalid(meta_lines[1][0], _("The question has two integrity-hour comments."))
    line, raw = meta_lines[0]
    meta, problem = read_metadata(raw, META_KEYS, GIFT_TYPES)
    if problem:
        raise _Invalid(line, problem)
    return meta


def to_gift(questions: list[dict]) -> str:
    """GIFT text Moodle can import; parse_gift reads it back to the same questions."""
    return "\n".join(
        _question_gift(with_defaults(question)) for question in carried(questions, GIFT_TYPES)
    )


def _question_gift(question: dict) -> str:
    meta = {key: question[key] for key in ("type", "time_limit", "points")}
    if "source" in question:
        meta["source"] = question["source"]
    if ids := own_ids(question):
        meta["ids"] = ids
    lines = [
        f"// integrity-hour: {json.dumps(meta, ensure_ascii=False)}",
        f"::{_escape(question['id'])}::{_text(question['text'])}",
        "{",
    ]
    if question["type"] == "true_false":
        lines.append("\tT" if question["answer"] else "\tF")
    elif question["type"] == "matching":
        lines.extend(_pair_lines(question))
    else:
        lines.extend(_option_lines(question))
    if question.get("explanation"):
        lines.append(f"\t####{_text(question['explanation'])}")
    return "\n".join([*lines, "}"]) + "\n"


def _option_lines(question: dict) -> list[str]:
    options = question["options"]
    right = sum(1 for option in options if option.get("correct"))
    lines = []
    for option in options:
        text = _text(option["text"])
        if question["type"] == "multiple":
            marker = f"~%{WEIGHTS[right]}%" if option.get("correct") else "~%-100%"
        elif question["type"] == "single" and option.get("correct"):
            marker = "="
        else:
            # A plain wrong answer starting with % would read as a weight: give it one, 0.
            marker = "~%0%" if text.startswith("%") else "~"
        lines.append(f"\t{marker}{text}")
    return lines


def _pair_lines(question: dict) -> list[str]:
    """`=item -> category` per item, and `= -> category` for a category without items.
    The import takes categories in the order they first appear, so when the question's
    order differs from that, every category is named first by a line of its own."""
    categories = {category["id"]: category["text"] for category in question["categories"]}
    used = list(dict.fromkeys(item["match"] for item in question["items"]))
    unused = [key for key in categories if key not in used]
    pairs = [
        f"\t={_text(item['text']).replace(PAIR, '→')} -> {_text(categories[item['match']], False)}"
        for item in question["items"]
    ]
    if used + unused == list(categories):
        return pairs + [f"\t= -> {_text(categories[key], False)}" for key in unused]
    return [f"\t= -> {_text(text, False)}" for text in categories.values()] + pairs


def _text(translations: dict, marked: bool = True) -> str:
    """One language as plain text, several as multilang spans; escaped for GIFT. A text
    starting with "[" could read as a format marker, so it states the default one (not
    after ->, where Moodle reads no marker)."""
    if len(translations) == 1:
        raw = next(iter(translations.values()))
    else:
        raw = multilang.span_markup(translations)
    written = _escape(raw)
    return "[moodle]" + written if marked and written.startswith("[") else written


def _escape(text: str) -> str:
    return "".join(ESCAPES.get(char, char) for char in text)
