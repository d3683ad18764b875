"""The library's filters: which published quizzes a reader asked for.

The queries load the library for a grade (a few dozen quizzes with their questions); the
rest narrows that list in Python, because the title is matched in the reader's language,
which SQL would have to pick out of a JSON map on each database differently.
"""

from dataclasses import dataclass

from app.core.converters import bounded_int
from app.i18n import translate

from .kinds import all_kinds
from .models import TOPIC_LABELS, Quiz


@dataclass(frozen=True)
class LibraryFilter:
    grade: int | None = None
    topic: str | None = None  # a key of TOPIC_LABELS
    kind: str | None = None  # a question kind's name: quizzes with at least one such question
    text: str = ""  # part of the title, in the reader's language

    @classmethod
    def of(cls, grade: int | None, topic: str | None, kind: str | None, text: str | None):
        """The filter a request names; unknown topics and kinds are ignored, not errors
        (an old bookmark still opens the library)."""
        kinds = {k.name for k in all_kinds()}
        return cls(
            grade=grade,
            topic=topic if topic in TOPIC_LABELS else None,
            kind=kind if kind in kinds else None,
            text=(text or "").strip()[:100],
        )

    @property
    def narrows(self) -> bool:
        return any((self.grade, self.topic, self.kind, self.text))

    def admits(self, quiz: Quiz) -> bool:
        if self.topic and quiz.topic != self.topic:
            return False
        version = quiz.current_version
        if self.kind and not any(q.type == self.kind for q in version.questions):
            return False
        return self.text.casefold() in translate(quiz.title).casefold()


def filter_of(args, user) -> LibraryFilter:
    """The filter a query string names (?grade, ?topic, ?kind, ?q); without ?grade, the
    grade of the user's one class ("9А" → 9). The student's and the teacher's library share it."""
    if "grade" in args:
        grade = args.get("grade", type=bounded_int)
        grade = grade if grade is not None and 1 <= grade <= 16 else None
    else:
        grades = {klass.grade for klass in user.classes if klass.grade}
        grade = grades.pop() if len(grades) == 1 else None
    return LibraryFilter.of(grade, args.get("topic"), args.get("kind"), args.get("q"))


def filter_choices() -> dict:
    """What the filter form offers: the topics and the question kinds."""
    return {"topics": TOPIC_LABELS, "kinds": all_kinds()}


def narrow(quizzes: list[Quiz], chosen: LibraryFilter) -> list[Quiz]:
    return [quiz for quiz in quizzes if chosen.admits(quiz)]
