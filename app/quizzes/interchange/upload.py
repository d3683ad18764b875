"""An uploaded file in the format the teacher chose: its limits, and a clear word when the
file is plainly of another format (a spreadsheet chosen as GIFT, Moodle XML chosen as CSV).

The text formats (GIFT, Aiken, CSV, YAML) are read as UTF-8; Moodle XML and Kahoot's .xlsx
are read from the file's bytes (XML declares its own encoding; .xlsx is a zip archive).
"""

from app.i18n import _

from .aiken import parse_aiken
from .common import Imported
from .gift import parse_gift
from .kahoot import MAX_XLSX_BYTES, OLE2_MAGIC, parse_kahoot
from .moodle_xml import parse_moodle_xml
from .native import parse_yaml
from .table import parse_csv

TEXT_FORMATS = {"gift": parse_gift, "aiken": parse_aiken, "csv": parse_csv, "yaml": parse_yaml}
FILE_FORMATS = {"moodle_xml": parse_moodle_xml, "kahoot": parse_kahoot}
FORMATS = (*TEXT_FORMATS, *FILE_FORMATS)
ROW_FORMATS = {"kahoot"}  # formats whose problems are named by row, not by line
MAX_TEXT_BYTES = 256 * 1024  # a 500-question GIFT file is about 150 KB
ZIP_MAGIC = b"PK\x03\x04"


def upload_problem(fmt: str, data: bytes) -> str | None:
    """Why the file cannot be read in the chosen format at all (its size, another format,
    not UTF-8), or None; the parser then names every problem inside it."""
    if problem := _size_problem(fmt, len(data)):
        return problem
    found = sniff(data)
    if found == "spreadsheet" and fmt != "kahoot":
        return _(
            "This file is a spreadsheet or another zip archive, not text. For Kahoot's"
            " template choose the format “%(format)s”.",
            format=_("Kahoot spreadsheet (.xlsx)"),
        )
    if found == "xml" and fmt not in ("moodle_xml", "kahoot"):
        return _(
            "This file is XML. For a file exported from Moodle choose the format “Moodle XML”."
        )
    if fmt in TEXT_FORMATS and read_text(data) is None:
        return _("The file is not UTF-8 text. Save it as UTF-8 and try again.")
    return None


def parse_upload(fmt: str, data: bytes, language: str) -> Imported:
    """The file's questions and problems; call upload_problem first."""
    if fmt in FILE_FORMATS:
        return FILE_FORMATS[fmt](data, language)
    return TEXT_FORMATS[fmt](read_text(data), language)


def sniff(data: bytes) -> str | None:
    """What the file plainly is by its first bytes: "spreadsheet" (a zip archive, as .xlsx
    and .ods are, or an old .xls), "xml", or None (text of some kind, or unknown)."""
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE2_MAGIC):
        return "spreadsheet"
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") or head.startswith(b"<quiz"):
        return "xml"
    return None


def read_text(data: bytes) -> str | None:
    """The file as text; None for a file that is not UTF-8 text (a NUL, which no text
    file holds and PostgreSQL cannot store, counts as binary)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _size_problem(fmt: str, size: int) -> str | None:
    """Moodle XML's limit is the form's own (forms.MAX_UPLOAD_BYTES, under the request cap)."""
    if fmt == "kahoot" and size > MAX_XLSX_BYTES:
        return _("An .xlsx file must be smaller than 1 MB.")
    if fmt in TEXT_FORMATS and size > MAX_TEXT_BYTES:
        return _("The file must be smaller than 256 KB.")
    return None
