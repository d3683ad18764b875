"""Question types: one class per type says which choices it offers, which answers it accepts,
and how it scores. A new type is one new class in REGISTRY; nothing else changes.
"""

from dataclasses import dataclass

from app.i18n import _l

from .models import Question, QuestionType


class InvalidAnswer(ValueError):
    """The submitted choice ids do not fit the question (unknown id, wrong count)."""


@dataclass(frozen=True)
class Choice:
    id: str
    label: object  # a translation map, or a lazy gettext string for built-in labels


class QuestionKind:
    type: QuestionType
    multiple_answers = False  # checkboxes rather than radio buttons

    def choices(self, question: Question) -> list[Choice]:
        return [Choice(option["id"], option["text"]) for option in question.options]

    def correct_ids(self, question: Question) -> set[str]:
        return {option["id"] for option in question.options if option["correct"]}

    def accept(self, question: Question, chosen: list[str]) -> tuple[str, ...]:
        """Check a submission; return the chosen ids in a canonical order."""
        known = {choice.id for choice in self.choices(question)}
        return accept_choice_ids(known, chosen, self.multiple_answers)

    def is_correct(self, question: Question, chosen: tuple[str, ...]) -> bool | None:
        """None when the question has no right answer (a poll)."""
        return set(chosen) == self.correct_ids(question)

    def score(self, question: Question, chosen: tuple[str, ...]) -> int:
        return question.points if self.is_correct(question, chosen) else 0


def accept_choice_ids(known: set[str], chosen: list[str], multiple: bool) -> tuple[str, ...]:
    """The rule every type shares: offered ids only, at least one, several only where the
    type allows; returned sorted."""
    unique = set(chosen)
    if not unique or not unique <= known:
        raise InvalidAnswer("choose one of the offered answers")
    if len(unique) > 1 and not multiple:
        raise InvalidAnswer("choose only one answer")
    return tuple(sorted(unique))


class SingleChoice(QuestionKind):
    type = QuestionType.SINGLE


class MultipleChoice(QuestionKind):
    """All correct options and no wrong one: partial answers earn nothing, so guessing
    every box never pays."""

    type = QuestionType.MULTIPLE
    multiple_answers = True


class TrueFalse(QuestionKind):
    type = QuestionType.TRUE_FALSE

    def choices(self, question: Question) -> list[Choice]:
        return [Choice("true", _l("True")), Choice("false", _l("False"))]

    def correct_ids(self, question: Question) -> set[str]:
        return {"true" if question.answer else "false"}


class Poll(QuestionKind):
    type = QuestionType.POLL

    def is_correct(self, question: Question, chosen: tuple[str, ...]) -> bool | None:
        return None

    def score(self, question: Question, chosen: tuple[str, ...]) -> int:
        return 0


REGISTRY: dict[QuestionType, QuestionKind] = {
    kind.type: kind for kind in (SingleChoice(), MultipleChoice(), TrueFalse(), Poll())
}


def kind_of(question: Question) -> QuestionKind:
    return REGISTRY[question.type]
