"""The choice kinds: one right option, several, true or false, and a poll."""

from dataclasses import replace

from app.i18n import _, _l

from .base import Choice, EditorEntry, QuestionKind, duplicate_ids, entries_schema, entry_schema

OPTIONS = entries_schema(entry_schema({"correct": {"type": "boolean"}}), 2, 6)
KEEP_ORDER = {"type": "boolean"}  # "all of the above", scales: the written order matters


class _Options(QuestionKind):
    schema = {"options": OPTIONS, "keep_order": KEEP_ORDER}
    required = ("options",)

    def problems(self, question: dict) -> list:
        options = question["options"]
        problems = duplicate_ids(options, "options")
        message = self.correct_count_problem(sum(1 for o in options if o.get("correct")), options)
        return problems + ([(["options"], message)] if message else [])

    def correct_count_problem(self, correct: int, options: list) -> str | None:
        """What is wrong with how many options are marked correct; the one rule each choice
        kind states for itself (the classes below), so this shared base has none."""
        raise NotImplementedError(f"{type(self).__name__} states its correct-count rule")

    def body(self, question: dict) -> dict:
        body = {
            "options": [
                {**option, "correct": bool(option.get("correct"))} for option in question["options"]
            ]
        }
        if question.get("keep_order"):
            body["keep_order"] = True
        return body

    def from_editor(self, entry: EditorEntry) -> dict:
        fields = super().from_editor(entry)
        return {**fields, "keep_order": True} if entry.keep_order else fields

    def to_editor(self, fields: dict) -> EditorEntry:
        entry = super().to_editor(fields)
        return replace(entry, keep_order=bool(fields.get("keep_order")))

    def fields(self, body: dict) -> dict:
        options = [
            {key: value for key, value in option.items() if key != "correct" or value}
            for option in body["options"]
        ]
        return {"options": options, **({"keep_order": True} if body.get("keep_order") else {})}


class SingleChoice(_Options):
    name = "single"
    label = _l("Single choice (one right answer)")

    def correct_count_problem(self, correct: int, options: list) -> str | None:
        if correct != 1:
            return _(
                "A single-choice question needs exactly one correct option, found %(count)d.",
                count=correct,
            )
        return None


class MultipleChoice(_Options):
    """All correct options and no wrong one: partial answers earn nothing, so ticking
    every box never pays."""

    name = "multiple"
    label = _l("Multiple choice (several right answers)")
    multiple_answers = True

    def correct_count_problem(self, correct: int, options: list) -> str | None:
        if not 1 <= correct < len(options):
            return _(
                "A multiple-choice question needs at least one correct option and one wrong one."
            )
        return None


class Poll(_Options):
    name = "poll"
    label = _l("Poll (no right answer)")
    scored = False

    def correct_count_problem(self, correct: int, options: list) -> str | None:
        return _("A poll has no correct options.") if correct else None


class TrueFalse(QuestionKind):
    """True is always shown first: the two buttons are a fixed pair, not options."""

    name = "true_false"
    label = _l("True or false")
    schema = {"answer": {"type": "boolean"}}
    required = ("answer",)
    may_shuffle = False
    editor_parts = ("answer",)

    def from_editor(self, entry: EditorEntry) -> dict:
        return {} if entry.answer is None else {"answer": entry.answer}

    def to_editor(self, fields: dict) -> EditorEntry:
        return EditorEntry(rows=[], answer=fields.get("answer"))

    def choices(self, body: dict) -> list[Choice]:
        return [Choice("true", _l("True")), Choice("false", _l("False"))]

    def key(self, body: dict) -> tuple[str, ...]:
        return ("true" if body["answer"] else "false",)


KINDS = (SingleChoice(), MultipleChoice(), TrueFalse(), Poll())
