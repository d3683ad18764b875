"""Quiz questions in and out of the plain-text formats teachers already use.

Import: Moodle's GIFT and Aiken, and our documented CSV (docs/quiz-import.md). Export:
GIFT and CSV, such that importing an export gives back the same questions. Pure: text in,
question dicts (the curriculum's shape, see quizzes/README.md) and named problems out.
Parsers never raise on what a teacher uploads: every mistake is a Problem with its line.
"""

from .aiken import parse_aiken
from .common import Imported, Problem, with_defaults
from .gift import parse_gift, to_gift
from .table import COLUMNS, parse_csv, to_csv

__all__ = [
    "COLUMNS",
    "Imported",
    "Problem",
    "parse_aiken",
    "parse_csv",
    "parse_gift",
    "to_csv",
    "to_gift",
    "with_defaults",
]
