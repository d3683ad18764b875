"""What the curriculum covers: quizzes and questions per grade band and topic, pure.

``flask quizzes table`` prints the table that quizzes/README.md carries, so the figures there
are generated, never typed. The format's grades 12–16 are "college or university years"
without telling the two apart, so they make one band here.
"""

from collections import Counter
from dataclasses import dataclass

# (label, first grade, last grade): a quiz counts in every band its audience overlaps.
BANDS = (
    ("1–4", 1, 4),
    ("5–6", 5, 6),
    ("7–9", 7, 9),
    ("10–11", 10, 11),
    ("12–16", 12, 16),
)


def bands_of(audience: dict) -> list[str]:
    low, high = audience["min_grade"], audience["max_grade"]
    return [label for label, first, last in BANDS if low <= last and high >= first]


@dataclass(frozen=True)
class Coverage:
    quizzes: Counter  # {(topic, band): number of quizzes}
    questions: Counter  # {band: number of questions}
    per_band: Counter  # {band: number of quizzes}
    case_questions: Counter  # {band: questions that belong to a case study}
    topics: tuple[str, ...]

    def table(self) -> str:
        """The per-topic, per-band table in Markdown."""
        labels = [label for label, _first, _last in BANDS]
        lines = [
            "| topic | " + " | ".join(labels) + " |",
            "|---|" + "---|" * len(labels),
        ]
        for topic in self.topics:
            cells = [str(self.quizzes[topic, band] or "–") for band in labels]
            lines.append(f"| {topic} | " + " | ".join(cells) + " |")
        lines.append("| **quizzes** | " + " | ".join(str(self.per_band[b]) for b in labels) + " |")
        lines.append(
            "| **questions** | " + " | ".join(str(self.questions[b]) for b in labels) + " |"
        )
        lines.append(
            "| **case-study questions** | "
            + " | ".join(str(self.case_questions[b]) for b in labels)
            + " |"
        )
        return "\n".join(lines)


def coverage(quizzes: list[dict], topics: list[str]) -> Coverage:
    by_topic, questions, per_band, cases = Counter(), Counter(), Counter(), Counter()
    for quiz in quizzes:
        for band in bands_of(quiz["audience"]):
            by_topic[quiz["topic"], band] += 1
            per_band[band] += 1
            questions[band] += len(quiz["questions"])
            cases[band] += sum(1 for question in quiz["questions"] if question.get("case"))
    return Coverage(by_topic, questions, per_band, cases, tuple(topics))
