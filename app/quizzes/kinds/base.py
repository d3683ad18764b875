"""What every question kind is asked, and the answers most kinds share.

A kind sees a question as two parts: the fields every question has (text, explanation,
source, time limit, points, image, case), which the quiz bank handles, and its own *body*
(options, an answer, items, categories...), which only the kind reads. The body is stored
as it is written in a quiz file, so the kind's rules, its schema and its storage are one
shape.

An answer is always a list of strings, so every form, the live API and the database carry
it the same way; each kind says what its strings mean (option ids, item ids in order,
"item:category" pairs).
"""

import random
from dataclasses import dataclass

from app.i18n import _, translate

# What a question gets when its file leaves time_limit or points out (quizzes/README.md).
DEFAULT_TIME_LIMIT, DEFAULT_POINTS = 30, 100
TEXT_REF = {"$ref": "#/$defs/text"}
IMAGE_REF = {"$ref": "#/$defs/image"}
ID_SCHEMA = {"type": "string", "pattern": "^[a-z0-9_-]+$"}


class InvalidAnswer(ValueError):
    """The submitted strings do not fit the question (unknown id, wrong count, not an order).
    A kind whose answers need more than a tap says why, translated, as the argument."""


@dataclass(frozen=True)
class Choice:
    """One thing a player sees and picks (or places): an option, an item."""

    id: str
    label: object  # a translation map, or a lazy gettext string for built-in labels
    image: dict | None = None


@dataclass(frozen=True)
class Grade:
    correct: bool | None  # None: nothing to be right about (a poll)
    credit: float  # the share of the question's points earned, from 0 to 1


@dataclass(frozen=True)
class EditorEntry:
    """What the browser editor's rows hold, whatever the kind: lettered rows of text (options
    or items), which rows are correct, a true/false answer, categories and each row's
    category. A kind reads the parts it uses and ignores the rest."""

    rows: list  # [(letter, translation map)]
    correct: frozenset = frozenset()
    answer: bool | None = None
    categories: list = ()  # [(id, translation map)]
    matches: dict | None = None  # row letter → category id
    keep_order: bool = False  # show the rows in the written order, never shuffled


Problem = tuple[list, str]  # (path inside the question, translated message)


class QuestionKind:
    """One kind of question. Subclasses set the class attributes and override what differs.

    Everything outside ``app/quizzes/kinds/`` asks the registry, never the kind's name.
    """

    name: str  # stored in Question.type and written as ``type:`` in quiz files
    label: object  # lazy gettext, shown in the editor's type list
    schema: dict = {}  # JSON Schema of the fields this kind adds to a question
    required: tuple[str, ...] = ()
    template = "quizzes/kinds/choice.html"  # macros: play(question, choices), review(...), key(...)
    script = "js/kinds/choice.js"  # registers its renderer in window.LiveKinds
    scored = True  # False for polls: no right answer, no points, left out of results
    may_shuffle = True  # options are shown in a new order per attempt and per live game
    multiple_answers = False  # checkboxes rather than radio buttons
    shows_distribution = True  # the reveal counts how many chose each choice

    # --- a question as written (quiz files, the editor, importers) -----------------------

    def problems(self, question: dict) -> list[Problem]:
        """The rules a schema cannot say, translated; empty when the question is sound."""
        return []

    def body(self, question: dict) -> dict:
        """What is stored of the question's own fields."""
        return {key: question[key] for key in self.schema if key in question}

    def fields(self, body: dict) -> dict:
        """The question's own fields back from a stored body (the inverse of ``body``)."""
        return dict(body)

    # --- the browser editor -------------------------------------------------------------------

    editor_parts = ("rows", "correct")  # which parts of the editor this kind uses

    def min_rows(self) -> int:
        """The fewest rows (options or items) the kind's schema allows."""
        lists = [spec for spec in self.schema.values() if spec.get("type") == "array"]
        return lists[0]["minItems"] if lists else 0

    def from_editor(self, entry: EditorEntry) -> dict:
        """The kind's fields from the editor's rows."""
        return {
            "options": [
                {
                    "id": letter,
                    "text": text,
                    **({"correct": True} if letter in entry.correct else {}),
                }
                for letter, text in entry.rows
            ]
        }

    def to_editor(self, fields: dict) -> EditorEntry:
        options = fields.get("options", [])
        return EditorEntry(
            rows=[(o["id"], o["text"]) for o in options],
            correct=frozenset(o["id"] for o in options if o.get("correct")),
        )

    def default_points(self) -> int:
        return DEFAULT_POINTS if self.scored else 0

    # --- playing ----------------------------------------------------------------------------

    def choices(self, body: dict) -> list[Choice]:
        return [
            Choice(option["id"], option["text"], option.get("image"))
            for option in body.get("options", [])
        ]

    def new_order(self, body: dict, rng: random.Random) -> list[str]:
        """The order a player sees the choices in: shuffled, unless the kind or the
        question (``keep_order``) says the written order carries meaning."""
        ids = [choice.id for choice in self.choices(body)]
        if self.may_shuffle and not body.get("keep_order"):
            rng.shuffle(ids)
        return ids

    def in_order(self, body: dict, order: list[str] | None) -> list[Choice]:
        """The choices in a player's order (the written order when none was kept)."""
        choices = self.choices(body)
        if not order or sorted(order) != sorted(choice.id for choice in choices):
            return choices
        by_id = {choice.id: choice for choice in choices}
        return [by_id[choice_id] for choice_id in order]

    def accept(self, body: dict, chosen: list[str]) -> tuple[str, ...]:
        """Check a submission; return it in a canonical form (raises InvalidAnswer)."""
        known = {choice.id for choice in self.choices(body)}
        return accept_choice_ids(known, chosen, self.multiple_answers)

    def key(self, body: dict) -> tuple[str, ...]:
        """The right answer, in the form ``accept`` returns."""
        return tuple(sorted(o["id"] for o in body.get("options", []) if o.get("correct")))

    def grade(self, body: dict, accepted: tuple[str, ...]) -> Grade:
        if not self.scored:
            return Grade(None, 0.0)
        right = set(accepted) == set(self.key(body))
        return Grade(right, 1.0 if right else 0.0)

    def live_credit(self, grade: Grade) -> float:
        """The share of a live answer's points: the same as self-paced unless the kind
        keeps partial credit out of the hall."""
        return grade.credit

    def live_extras(self, body: dict) -> dict:
        """What the phones need besides the choices (in the current language)."""
        return {}

    def describe(self, body: dict, answer: tuple[str, ...]) -> str:
        """An answer as text, for reports and the reveal (in the current language)."""
        labels = {choice.id: choice.label for choice in self.choices(body)}
        return ", ".join(label_text(labels.get(part, part)) for part in answer)


def label_text(label) -> str:
    """A label in the current language: a translation map, or a built-in lazy string."""
    return translate(label) if isinstance(label, dict) else str(label)


def points_for(question_points: int, grade: Grade) -> int:
    """Self-paced points: the question's points times the credit, rounded."""
    return round(question_points * grade.credit)


def accept_choice_ids(known: set[str], chosen: list[str], multiple: bool) -> tuple[str, ...]:
    """The rule every choice kind shares: offered ids only, at least one, several only
    where the kind allows; returned sorted."""
    unique = set(chosen)
    if not unique or not unique <= known:
        raise InvalidAnswer()
    if len(unique) > 1 and not multiple:
        raise InvalidAnswer()
    return tuple(sorted(unique))


def duplicate_ids(entries: list[dict], where: str) -> list[Problem]:
    seen, problems = set(), []
    for entry in entries:
        if entry["id"] in seen:
            problems.append(([where], _("The id %(id)s is used twice.", id=entry["id"])))
        seen.add(entry["id"])
    return problems


def entry_schema(extra: dict | None = None, required: tuple[str, ...] = ("id", "text")) -> dict:
    """An option, item or category: an id, a text in every language, maybe an image."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {"id": ID_SCHEMA, "text": TEXT_REF, "image": IMAGE_REF, **(extra or {})},
    }


def entries_schema(entry: dict, low: int, high: int) -> dict:
    return {"type": "array", "minItems": low, "maxItems": high, "items": entry}
