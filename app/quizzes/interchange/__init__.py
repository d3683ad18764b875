"""Quiz questions in and out of the plain-text formats teachers already use.

Import: Moodle's GIFT and Aiken, our documented CSV (docs/quiz-import.md) and our own YAML.
Export: GIFT and CSV (the kinds they carry) and YAML (every kind), such that importing an
export gives back the same questions. Pure: text in,
question dicts (the curriculum's shape, see quizzes/README.md) and named problems out.
Parsers never raise on what a teacher uploads: every mistake is a Problem with its line.
"""

from .aiken import parse_aiken
from .common import Imported, Problem, with_defaults
from .gift import parse_gift, to_gift
from .native import parse_yaml, to_yaml
from .table import COLUMNS, parse_csv, to_csv

__all__ = [
    "COLUMNS",
    "Imported",
    "Problem",
    "parse_aiken",
    "parse_csv",
    "parse_gift",
    "parse_yaml",
    "to_csv",
    "to_gift",
    "to_yaml",
    "with_defaults",
]
