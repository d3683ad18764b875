"""Answer keys that give themselves away: pure checks over a quiz's questions.

A student who always taps the first (or the longest) answer should not score well without
reading. Shuffling hides the written position in play, but printed sheets, exports and a
teacher reading the questions aloud keep it, and length survives every shuffle. So
``flask quizzes validate`` warns, per quiz, when
- the right answers of single-choice questions cluster in one written position (more than
  half of them, over four questions or more),
- the right option is the longest in more than 60 % of the choice questions,
- every true/false answer goes the same way (two questions or more).
``--strict`` turns the warnings into errors.
"""

from collections import Counter
from dataclasses import dataclass

LANGUAGES = ("kk", "ru", "en")
MIN_FOR_POSITION, POSITION_SHARE = 4, 0.5
LONGEST_SHARE = 0.6
MIN_TRUE_FALSE = 2


@dataclass(frozen=True)
class KeyFigures:
    single: int  # single-choice questions
    top_position: str | None  # the written position holding most right answers ("a", ...)
    top_position_count: int
    first_right: int  # single-choice questions whose right answer is written first
    choice: int  # single- and multiple-choice questions
    longest_right: int  # of them, where a right option is the longest
    true_false: Counter  # {True: n, False: m}

    def warnings(self) -> list[str]:
        found = []
        if (
            self.single >= MIN_FOR_POSITION
            and self.top_position_count > POSITION_SHARE * self.single
        ):
            found.append(
                f"the right answer is option {self.top_position!r} in "
                f"{self.top_position_count} of {self.single} single-choice questions"
            )
        if self.choice and self.longest_right > LONGEST_SHARE * self.choice:
            found.append(
                f"the right option is the longest in {self.longest_right} of {self.choice} "
                "choice questions"
            )
        answers = sum(self.true_false.values())
        if answers >= MIN_TRUE_FALSE and len(+self.true_false) == 1:
            way = "true" if self.true_false[True] else "false"
            found.append(f"all {answers} true/false answers are {way}")
        return found


def _length(option: dict) -> float:
    texts = [option["text"].get(code, "") for code in LANGUAGES if option["text"].get(code)]
    return sum(len(text) for text in texts) / len(texts) if texts else 0


def _right_is_longest(options: list[dict]) -> bool:
    longest = max(options, key=_length)
    return bool(longest.get("correct"))


def key_figures(questions: list[dict]) -> KeyFigures:
    positions, single, choice, longest = Counter(), 0, 0, 0
    true_false = Counter()
    for question in questions:
        kind = question["type"]
        if kind == "true_false":
            true_false[bool(question["answer"])] += 1
        if kind not in ("single", "multiple"):
            continue
        options = question["options"]
        choice += 1
        longest += _right_is_longest(options)
        if kind == "single":
            single += 1
            positions.update(
                "abcdef"[index] for index, option in enumerate(options) if option.get("correct")
            )
    top, count = positions.most_common(1)[0] if positions else (None, 0)
    return KeyFigures(single, top, count, positions["a"], choice, longest, true_false)
