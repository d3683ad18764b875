"""Parsing a class roster CSV (full name, birth year) into rows, or a list of row errors.

Pure: bytes in, rows or errors out; no database. Schools export from Excel, so we accept
UTF-8 (with or without BOM) and Windows-1251, comma or semicolon separators, and an
optional header row.
"""

import csv
import io
from dataclasses import dataclass

from app.core.errors import DomainError
from app.core.time import utcnow
from app.i18n import _, ngettext

MIN_AGE, MAX_AGE = 5, 100
MAX_NAME_LENGTH = 150
MAX_ROWS = 150  # a few classes at once; account creation takes ~0.05 s each (bench/accounts.py)


@dataclass(frozen=True)
class RosterRow:
    full_name: str
    birth_year: int


@dataclass(frozen=True)
class RosterError:
    row: int  # 1-based line number in the file, as a spreadsheet shows it
    message: str


class RosterInvalid(DomainError):
    """The roster file was refused; ``errors`` name each bad line."""

    def __init__(self, errors: list[RosterError]):
        super().__init__("roster_invalid")
        self.errors = errors

    @property
    def message(self) -> str:
        return " ".join(error.message for error in self.errors)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM), else Windows-1251, as Excel saves CSV in Kazakhstan."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        # cp1251 leaves 0x98 undefined, so not every byte string is text in it either
        raise RosterInvalid([RosterError(1, _("This is not a text CSV file."))]) from None


# A first line whose second cell names the year column is a header, in any of our languages.
HEADER_WORDS = ("year", "born", "год", "жыл")


def _is_header(cells: list[str]) -> bool:
    return len(cells) >= 2 and any(word in cells[1].lower() for word in HEADER_WORDS)


def _parse_row(line: int, cells: list[str], this_year: int) -> RosterRow | RosterError:
    cells = [cell.strip() for cell in cells]
    if len(cells) != 2:
        return RosterError(
            line,
            _("Expected 2 columns (full name, birth year), found %(count)d.", count=len(cells)),
        )
    name, year_text = cells
    if not name:
        return RosterError(line, _("The full name is empty."))
    if len(name) > MAX_NAME_LENGTH:
        return RosterError(
            line,
            ngettext(
                "The full name is longer than %(num)d character.",
                "The full name is longer than %(num)d characters.",
                MAX_NAME_LENGTH,
            ),
        )
    if not year_text.isdigit():
        return RosterError(line, _("The birth year must be a number, e.g. 2011."))
    year = int(year_text)
    if not this_year - MAX_AGE <= year <= this_year - MIN_AGE:
        return RosterError(
            line,
            _(
                "The birth year must be between %(first)d and %(last)d.",
                first=this_year - MAX_AGE,
                last=this_year - MIN_AGE,
            ),
        )
    return RosterRow(full_name=" ".join(name.split()), birth_year=year)


def parse_roster(data: bytes, max_rows: int = MAX_ROWS) -> list[RosterRow]:
    """Return the roster's rows, or raise RosterInvalid naming every bad line."""
    text = _decode(data)
    if "\x00" in text:
        raise RosterInvalid([RosterError(1, _("This is not a text CSV file."))])
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        numbered = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error:
        raise RosterInvalid(
            [RosterError(reader.line_num, _("This line is not valid CSV."))]
        ) from None
    if numbered and _is_header(numbered[0][1]):
        numbered = numbered[1:]
    if not numbered:
        raise RosterInvalid([RosterError(1, _("The file has no students in it."))])
    if len(numbered) > max_rows:
        raise RosterInvalid(
            [
                RosterError(
                    numbered[max_rows][0], _("At most %(max)d students per file.", max=max_rows)
                )
            ]
        )
    this_year = utcnow().year
    parsed = [_parse_row(number, cells, this_year) for number, cells in numbered]
    errors = [item for item in parsed if isinstance(item, RosterError)]
    if errors:
        raise RosterInvalid(errors)
    return parsed
