"""Ordering: put 3 to 6 items in the right order (the steps of reporting a bribe, of a
monitoring visit). Items are written in the right order and always shown shuffled.

Self-paced credit: each of the n − 1 steps of the right order that the answer keeps (the
two items next to each other, in that order) earns an equal share of the points, so an
answer with one item misplaced keeps most of them and a reversed order earns nothing.
The live game pays only the whole right order: a hall compares answers at a glance.
"""

import random
from itertools import pairwise

from app.i18n import _, _l

from .base import (
    Choice,
    EditorEntry,
    Grade,
    InvalidAnswer,
    QuestionKind,
    duplicate_ids,
    entries_schema,
    entry_schema,
    label_text,
)


class Ordering(QuestionKind):
    name = "ordering"
    label = _l("Ordering (put the items in the right order)")
    schema = {"items": entries_schema(entry_schema(), 3, 6)}
    required = ("items",)
    template = "quizzes/kinds/ordering.html"
    shows_distribution = False  # answers are whole orders or sets of pairs, not one tile
    script = "js/kinds/ordering.js"

    editor_parts = ("rows",)  # the rows, written in the right order

    def from_editor(self, entry: EditorEntry) -> dict:
        return {"items": [{"id": letter, "text": text} for letter, text in entry.rows]}

    def to_editor(self, fields: dict) -> EditorEntry:
        return EditorEntry(rows=[(item["id"], item["text"]) for item in fields["items"]])

    def problems(self, question: dict) -> list:
        return duplicate_ids(question["items"], "items")

    def choices(self, body: dict) -> list[Choice]:
        return [Choice(item["id"], item["text"], item.get("image")) for item in body["items"]]

    def new_order(self, body: dict, rng: random.Random) -> list[str]:
        """Shuffled, and never the right order itself."""
        right = list(self.key(body))
        order = right[:]
        while order == right:
            rng.shuffle(order)
        return order

    def accept(self, body: dict, chosen: list[str]) -> tuple[str, ...]:
        if sorted(chosen) != sorted(self.key(body)):
            raise InvalidAnswer(_("Place every item exactly once."))
        return tuple(chosen)

    def key(self, body: dict) -> tuple[str, ...]:
        return tuple(item["id"] for item in body["items"])

    def grade(self, body: dict, accepted: tuple[str, ...]) -> Grade:
        right = self.key(body)
        place = {item_id: index for index, item_id in enumerate(accepted)}
        kept = sum(1 for a, b in pairwise(right) if place[b] == place[a] + 1)
        return Grade(accepted == right, kept / (len(right) - 1))

    def live_credit(self, grade: Grade) -> float:
        return 1.0 if grade.correct else 0.0

    def describe(self, body: dict, answer: tuple[str, ...]) -> str:
        labels = {choice.id: choice.label for choice in self.choices(body)}
        return " → ".join(label_text(labels.get(part, part)) for part in answer)


KINDS = (Ordering(),)
