"""How each Moodle question type becomes one of our kinds (moodle_xml.py reads the file).

Each builder takes the reader (for texts and images: ``reader.rich``), the <question>
element, the integrity-hour metadata and the question's notes, and returns the kind's own
fields; a mistake raises Invalid with its line.
"""

from app.i18n import _, _l

from . import multilang
from .common import (
    CATEGORY_IDS,
    ITEM_IDS,
    OPTION_IDS,
    Problem,
    category_count_problem,
    item_count_problem,
    option_count_problem,
)

UNSUPPORTED = {
    "essay": _l("Essay"),
    "numerical": _l("Numerical"),
    "shortanswer": _l("Short-answer"),
    "calculated": _l("Calculated"),
    "calculatedsimple": _l("Calculated"),
    "calculatedmulti": _l("Calculated"),
    "cloze": _l("Embedded answers (Cloze)"),
    "multianswer": _l("Embedded answers (Cloze)"),
    "ddwtos": _l("Drag and drop into text"),
    "gapselect": _l("Select missing words"),
    "ddimageortext": _l("Drag and drop onto image"),
    "ddmarker": _l("Drag and drop markers"),
    "randomsamatch": _l("Random short-answer matching"),
}


class Notes:
    """What one question lost on the way in, each said once."""

    def __init__(self, line: int):
        self.line, self.messages = line, []

    def add(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    def left_out(self, kinds) -> None:
        for kind in sorted(kinds):
            self.add(str(LEFT_OUT[kind]))

    def problems(self) -> list[Problem]:
        return [Problem(self.line, message) for message in self.messages]


LEFT_OUT = {  # what html_text.reduce leaves out or changes, as the teacher reads it
    "media": _l("An audio or video clip was left out: our questions hold text and one image."),
    "embedded": _l("Embedded content (a web page, a player) was left out."),
    "drawing": _l("A drawing or formula was left out."),
    "table": _l("A table was turned into lines of text, one row a line."),
}


class Invalid(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.problem = Problem(line, message)


class Stop(Invalid):
    """A problem of the whole file (too many images): reading stops."""


def text_format(element) -> str:
    questiontext = element.find("questiontext")
    return (questiontext.attrs.get("format") if questiontext is not None else None) or "html"


def number(raw: str, line: int) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if value != value:  # NaN
        raise Invalid(line, _("%(value)s is not a number.", value=raw))
    return value


def _flag(element, tag: str, default: bool) -> bool:
    """Moodle's reading of a yes/no element: "false", "0" and empty are no."""
    node = element.find(tag)
    return default if node is None else node.text.strip().lower() not in {"false", "0", ""}


def _choices(reader, element, meta: dict, notes: Notes) -> dict:
    answers = element.findall("answer")
    if problem := option_count_problem(len(answers)):
        raise Invalid(element.line, problem)
    options, fractions = [], []
    for letter, answer in zip(OPTION_IDS, answers, strict=False):
        text, image = reader.rich(answer, text_format(element), notes)
        if not text and image:
            text = dict(image["alt"])
        if not text:
            raise Invalid(answer.line, _("Option %(letter)s is empty.", letter=letter))
        options.append({"id": letter} | {"text": text} | ({"image": image} if image else {}))
        fractions.append(number(answer.attrs.get("fraction", "0"), answer.line))
        feedback = answer.find("feedback")
        if feedback is not None and feedback.value("text"):
            notes.add(_("Feedback on single answers was left out: we show one explanation."))
    kind = "single" if _flag(element, "single", True) else "multiple"
    if meta.get("type") == "poll":
        kind, right = "poll", []
    elif kind == "single":
        right = [i for i, fraction in enumerate(fractions) if abs(fraction - 100) < 0.01]
        if len(right) != 1:
            message = _(
                "A single-answer question needs exactly one answer at fraction 100, found"
                " %(count)d.",
                count=len(right),
            )
            raise Invalid(element.line, message)
        if any(0 < fraction < 99.99 for fraction in fractions):
            notes.add(_("Partial credit was dropped: only the fully right answer counts."))
    else:
        right = [i for i, fraction in enumerate(fractions) if fraction > 0]
        total = sum(fractions[i] for i in right)
        if not right or abs(total - 100) > 0.5:
            message = _(
                "The right answers of a multiple-answer question must add up to 100%%;"
                " here they make %(total)s%%.",
                total=f"{total:g}",
            )
            raise Invalid(element.line, message)
    for index in right:
        options[index]["correct"] = True
    fields = {"type": kind, "options": options}
    if not _flag(element, "shuffleanswers", True):
        fields["keep_order"] = True
    return fields


def _true_false(reader, element, meta: dict, notes: Notes) -> dict:
    answers = element.findall("answer")
    by_text = {answer.value("text").lower(): answer for answer in answers}
    if {"true", "false"} <= set(by_text):
        true, false = by_text["true"], by_text["false"]
    elif len(answers) == 2:  # old files wrote the words translated: true first
        true, false = answers
    else:
        raise Invalid(element.line, _("A true/false question needs a true and a false answer."))
    right_true = abs(number(true.attrs.get("fraction", "0"), true.line) - 100) < 0.01
    right_false = abs(number(false.attrs.get("fraction", "0"), false.line) - 100) < 0.01
    if right_true == right_false:
        message = _("Exactly one of true and false must be right (fraction 100).")
        raise Invalid(element.line, message)
    return {"type": "true_false", "answer": right_true}


def _matching(reader, element, meta: dict, notes: Notes) -> dict:
    items, categories = [], []
    for sub in element.findall("subquestion"):
        text, image = reader.rich(sub, text_format(element), notes)
        if not text and image:
            text = dict(image["alt"])
        raw = sub.value("answer", "text")
        category = {
            code: piece.strip()
            for code, piece in multilang.by_language(raw, reader.language).items()
            if piece.strip()
        }
        if not category:
            if text:
                raise Invalid(sub.line, _("The item has no answer to be matched with."))
            continue
        if category not in categories:
            categories.append(category)
        if text:
            items.append((text, image, categories.index(category)))
    if problem := item_count_problem("matching", len(items)) or category_count_problem(
        len(categories)
    ):
        raise Invalid(element.line, problem)
    return {
        "type": "matching",
        "items": [
            {"id": key, "text": text, "match": CATEGORY_IDS[index]}
            | ({"image": image} if image else {})
            for key, (text, image, index) in zip(ITEM_IDS, items, strict=False)
        ],
        "categories": [
            {"id": key, "text": text} for key, text in zip(CATEGORY_IDS, categories, strict=False)
        ],
    }


def _ordering(reader, element, meta: dict, notes: Notes) -> dict:
    answers = element.findall("answer")
    if problem := item_count_problem("ordering", len(answers)):
        raise Invalid(element.line, problem)
    items = []
    for key, answer in zip(ITEM_IDS, answers, strict=False):
        text, image = reader.rich(answer, text_format(element), notes)
        if not text and image:
            text = dict(image["alt"])
        if not text:
            raise Invalid(answer.line, _("Item %(letter)s is empty.", letter=key))
        items.append({"id": key, "text": text} | ({"image": image} if image else {}))
    select = element.value("selecttype", default="ALL").upper()
    if select not in {"ALL", "EXACT", "0"}:
        notes.add(_("Moodle shows some of these items at a time; here every item is shown."))
    return {"type": "ordering", "items": items}


BUILDERS = {
    "multichoice": _choices,
    "truefalse": _true_false,
    "matching": _matching,
    "match": _matching,
    "ordering": _ordering,
}
