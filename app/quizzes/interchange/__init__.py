"""Quiz questions in and out of the plain-text formats teachers already use.

Import: Moodle's GIFT, Aiken and Moodle XML, Kahoot's spreadsheet template (.xlsx), our
documented CSV (docs/quiz-import.md) and our own YAML. Export: GIFT, CSV and Moodle XML
(the kinds each carries) and YAML (every kind), such that importing an export gives back
the same questions. Pure: text (or a file's bytes) in,
question dicts (the curriculum's shape, see quizzes/README.md) and named problems out.
Parsers never raise on what a teacher uploads: every mistake is a Problem with its line.
"""

from .aiken import parse_aiken
from .common import Imported, Problem, with_defaults
from .gift import parse_gift, to_gift
from .kahoot import parse_kahoot, to_kahoot_xlsx
from .moodle_xml import parse_moodle_xml
from .moodle_xml_writer import to_moodle_xml
from .native import parse_yaml, to_yaml
from .table import COLUMNS, parse_csv, to_csv
from .upload import FORMATS, ROW_FORMATS, parse_upload, upload_problem

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ROW_FORMATS",
    "Imported",
    "Problem",
    "parse_aiken",
    "parse_csv",
    "parse_gift",
    "parse_kahoot",
    "parse_moodle_xml",
    "parse_upload",
    "parse_yaml",
    "to_csv",
    "to_gift",
    "to_kahoot_xlsx",
    "to_moodle_xml",
    "to_yaml",
    "upload_problem",
    "with_defaults",
]
