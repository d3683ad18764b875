"""What the curriculum covers: quizzes and questions per grade band and topic, pure.

``flask quizzes table`` prints the table that quizzes/README.md carries, so the figures there
are generated, never typed. Grades 1..11 make four school bands; the years after school
(grades 12..16) make two, by the kind of institution the quiz's ``stages`` name.
"""

from collections import Counter
from dataclasses import dataclass

from .schema import FIRST_STAGE_GRADE

# (label, first grade, last grade) of the school bands: a quiz counts in every band its
# audience overlaps, and in each stage it names.
SCHOOL_BANDS = (
    ("1–4", 1, 4),
    ("5–6", 5, 6),
    ("7–9", 7, 9),
    ("10–11", 10, 11),
)
STAGE_BANDS = ("college", "university")
BAND_LABELS = tuple(label for label, _first, _last in SCHOOL_BANDS) + STAGE_BANDS
# From grade 5 up a curriculum teaches through case studies (at least this share).
CASE_STUDY_BANDS = BAND_LABELS[1:]


def bands_of(audience: dict) -> list[str]:
    low, high = audience["min_grade"], audience["max_grade"]
    bands = [label for label, first, last in SCHOOL_BANDS if low <= last and high >= first]
    if high >= FIRST_STAGE_GRADE:
        # A stored quiz from before stages (or a teacher's) is for either institution.
        stages = audience.get("stages") or STAGE_BANDS
        bands += [stage for stage in STAGE_BANDS if stage in stages]
    return bands


@dataclass(frozen=True)
class Coverage:
    quizzes: Counter  # {(topic, band): number of quizzes}
    questions: Counter  # {band: number of questions}
    per_band: Counter  # {band: number of quizzes}
    case_questions: Counter  # {band: questions that belong to a case study}
    topics: tuple[str, ...]

    def table(self) -> str:
        """The per-topic, per-band table in Markdown."""
        labels = BAND_LABELS
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
        lines.append(
            "| **case-study share** | "
            + " | ".join(
                self.case_share(band) if band in CASE_STUDY_BANDS else "–" for band in labels
            )
            + " |"
        )
        return "\n".join(lines)

    def case_share(self, band: str) -> str:
        if not self.questions[band]:
            return "–"
        return f"{round(100 * self.case_questions[band] / self.questions[band])} %"


def coverage(quizzes: list[dict], topics: list[str]) -> Coverage:
    by_topic, questions, per_band, cases = Counter(), Counter(), Counter(), Counter()
    for quiz in quizzes:
        for band in bands_of(quiz["audience"]):
            by_topic[quiz["topic"], band] += 1
            per_band[band] += 1
            questions[band] += len(quiz["questions"])
            cases[band] += sum(1 for question in quiz["questions"] if question.get("case"))
    return Coverage(by_topic, questions, per_band, cases, tuple(topics))
