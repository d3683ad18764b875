"""CSV downloads that open cleanly in Excel and cannot carry formulas."""

import csv
import io
import logging
from collections.abc import Iterable

from flask import Response
from flask_login import current_user

# Exports of personal data are logged: who took which list, never what was in it.
export_log = logging.getLogger("integrity_hour.exports")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text that already starts with ' is quoted too, so restore_formula can tell them apart.
QUOTED_STARTS = (*FORMULA_STARTS, "'")


def defuse_formula(value) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(QUOTED_STARTS) else text


def restore_formula(text: str) -> str:
    """Undo defuse_formula on a cell read back, so our own exports import unchanged."""
    return text[1:] if text.startswith("'") and text[1:].startswith(QUOTED_STARTS) else text


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> Response:
    """The CSV download; every one is logged, since our exports hold personal data."""
    export_log.info("export %s by user %s", filename, getattr(current_user, "id", None))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([defuse_formula(cell) for cell in row] for row in rows)
    # The BOM makes Excel read UTF-8 (Kazakh and Russian names) correctly.
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
