"""The question kinds: one registry that owns each kind's whole life.

A kind (``base.QuestionKind``) says what its questions may hold (a schema fragment and the
rules a schema cannot say), what is stored, how its choices are shown and shuffled, which
answers it accepts, how it grades them (one grade for self-paced play and the live game),
its templates and its live JavaScript. Everything else — quiz files, the editor, the
importers, play, the live game, results — asks the registry.

A new kind is a module here with its class in ``register``, its template under
``templates/quizzes/kinds/``, its script under ``static/js/kinds/``, and its strings in the
catalogs (docs/architecture.md).
"""

from .base import Choice, Grade, InvalidAnswer, QuestionKind, points_for
from .choice import KINDS as CHOICE_KINDS
from .matching import KINDS as MATCHING_KINDS
from .ordering import KINDS as ORDERING_KINDS

__all__ = [
    "Choice",
    "Grade",
    "InvalidAnswer",
    "QuestionKind",
    "all_kinds",
    "kind_named",
    "kind_of",
    "kind_scripts",
    "points_for",
    "register",
    "unregister",
]

_REGISTRY: dict[str, QuestionKind] = {}
_changes = 0  # counts registrations, so that schemas built from the registry follow it


def generation() -> int:
    return _changes


def register(kind: QuestionKind) -> QuestionKind:
    if kind.name in _REGISTRY:
        raise ValueError(f"a question kind named {kind.name!r} is registered already")
    global _changes
    _REGISTRY[kind.name] = kind
    _changes += 1
    return kind


def unregister(name: str) -> None:
    """For tests that register a kind of their own."""
    global _changes
    _REGISTRY.pop(name, None)
    _changes += 1


def all_kinds() -> list[QuestionKind]:
    return list(_REGISTRY.values())


def kind_named(name: str) -> QuestionKind | None:
    return _REGISTRY.get(name)


def kind_scripts() -> list[str]:
    """The live game's scripts of every kind (static/js/kinds/), each once."""
    return sorted({kind.script for kind in _REGISTRY.values()})


def kind_of(question) -> QuestionKind:
    """The kind of a stored question (anything with a ``type``)."""
    return _REGISTRY[str(question.type)]


for _kind in (*CHOICE_KINDS, *ORDERING_KINDS, *MATCHING_KINDS):
    register(_kind)
