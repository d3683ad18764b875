"""Why an answer in self-paced play was refused, as a code and a translated message."""

from app.core.errors import DomainError
from app.i18n import _l

MESSAGES = {
    "not_in_quiz": _l("This question is not part of this quiz."),
    "already_answered": _l("This question has already been answered."),
    "assignment_closed": _l("This assignment is closed: answers are no longer accepted."),
    "no_choice": _l("Choose an answer before you continue."),
    "answer_invalid": "%(reason)s",  # the kind's own reason, translated (app/quizzes/kinds/)
}


class AnswerRefused(DomainError):
    """An answer that cannot be taken: the attempt is finished, the question belongs to
    another quiz, it was answered already, or the choice does not fit."""

    messages = MESSAGES
