"""Matching: pair each of 2 to 6 items with one of 2 to 6 categories (gift, bribe or
conflict of interest; a situation and where to report it). A category may take several
items or none. Items are shown shuffled, categories in their written order.

An answer is a list of "item:category" strings. Each right pair earns an equal share of
the points, in self-paced play and in the live game alike.
"""

from app.i18n import _, _l

from .base import (
    ID_SCHEMA,
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

ITEM = entry_schema({"match": ID_SCHEMA}, required=("id", "text", "match"))


def pair(item_id: str, category_id: str) -> str:
    return f"{item_id}:{category_id}"


class Matching(QuestionKind):
    name = "matching"
    label = _l("Matching (pair each item with a category)")
    schema = {
        "items": entries_schema(ITEM, 2, 6),
        "categories": entries_schema(entry_schema(), 2, 6),
    }
    required = ("items", "categories")
    template = "quizzes/kinds/matching.html"
    shows_distribution = False  # answers are whole orders or sets of pairs, not one tile
    script = "js/kinds/matching.js"

    editor_parts = ("rows", "categories")

    def from_editor(self, entry: EditorEntry) -> dict:
        matches = entry.matches or {}
        return {
            "items": [
                {"id": letter, "text": text, "match": matches.get(letter, "")}
                for letter, text in entry.rows
            ],
            "categories": [{"id": key, "text": text} for key, text in entry.categories],
        }

    def to_editor(self, fields: dict) -> EditorEntry:
        return EditorEntry(
            rows=[(item["id"], item["text"]) for item in fields["items"]],
            categories=[(c["id"], c["text"]) for c in fields["categories"]],
            matches={item["id"]: item["match"] for item in fields["items"]},
        )

    def problems(self, question: dict) -> list:
        problems = duplicate_ids(question["items"], "items")
        problems += duplicate_ids(question["categories"], "categories")
        known = {category["id"] for category in question["categories"]}
        problems += [
            (
                ["items"],
                _(
                    "The item %(item)s is matched to %(category)s, which is not a category.",
                    item=item["id"],
                    category=item["match"],
                ),
            )
            for item in question["items"]
            if item["match"] not in known
        ]
        return problems

    def choices(self, body: dict) -> list[Choice]:
        return [Choice(item["id"], item["text"], item.get("image")) for item in body["items"]]

    def categories(self, body: dict) -> list[Choice]:
        return [Choice(c["id"], c["text"], c.get("image")) for c in body["categories"]]

    def live_extras(self, body: dict) -> dict:
        return {
            "categories": [
                {"id": choice.id, "text": label_text(choice.label)}
                for choice in self.categories(body)
            ]
        }

    def accept(self, body: dict, chosen: list[str]) -> tuple[str, ...]:
        items = {choice.id for choice in self.choices(body)}
        categories = {choice.id for choice in self.categories(body)}
        pairs = [part.partition(":") for part in chosen]
        if sorted(item for item, _sep, _category in pairs) != sorted(items) or any(
            category not in categories for _item, _sep, category in pairs
        ):
            raise InvalidAnswer(_("Choose a category for every item."))
        return tuple(sorted(chosen))

    @staticmethod
    def pairs(answer) -> dict[str, str]:
        """item id → category id of an answer (or of the key)."""
        return dict(part.partition(":")[::2] for part in answer)

    def key(self, body: dict) -> tuple[str, ...]:
        return tuple(sorted(pair(item["id"], item["match"]) for item in body["items"]))

    def grade(self, body: dict, accepted: tuple[str, ...]) -> Grade:
        right = set(self.key(body))
        kept = sum(1 for part in accepted if part in right)
        return Grade(kept == len(right), kept / len(right))

    def describe(self, body: dict, answer: tuple[str, ...]) -> str:
        items = {choice.id: choice.label for choice in self.choices(body)}
        categories = {choice.id: choice.label for choice in self.categories(body)}
        return "; ".join(
            f"{label_text(items.get(item, item))} → {label_text(categories.get(cat, cat))}"
            for item, cat in self.pairs(answer).items()
        )


KINDS = (Matching(),)
