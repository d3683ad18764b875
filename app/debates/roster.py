"""Who takes part: teams registered through the public form, teams and adjudicators imported
from CSV (with a preview and per-row errors), and the same lists exported as CSV.

One rule checks a team whoever enters it (``check_team``): the public form and every CSV
row go through it. An import writes nothing until the tab room confirms the preview, and
then only the rows without an error, in one transaction.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from app.accounts.models import Institution
from app.core.errors import FieldError
from app.core.exports import restore_formula
from app.core.transactions import use_case
from app.extensions import db
from app.i18n import _, ngettext

from .errors import DebateError
from .models import SPEAKER_CATEGORY_LABELS, Adjudicator, Speaker, Team, Tournament

TEAM_COLUMNS = (
    "team",
    "institution",
    "league",
    "speakers",
    "categories",
    "contact_name",
    "contact_email",
    "contact_phone",
)
ADJUDICATOR_COLUMNS = ("name", "institution", "rating")
MAX_ROWS = 1000


@dataclass(frozen=True)
class TeamEntry:
    name: str
    institution_id: int | None
    league: str
    speakers: tuple[tuple[str, str, bool], ...]  # (name, language category, junior)
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    swing: bool = False


@dataclass(frozen=True)
class AdjudicatorEntry:
    name: str
    institution_id: int | None
    rating: float


@dataclass
class Row:
    """One line of an import: what it would add, or why it cannot."""

    line: int
    values: dict
    entry: TeamEntry | AdjudicatorEntry | None = None
    errors: list[str] = field(default_factory=list)


# --- one team, however it comes -------------------------------------------------------------


def check_team(tournament: Tournament, entry: TeamEntry, taken: set[str]) -> None:
    """Refuse a team that cannot be entered (FieldError naming the field); ``taken`` holds
    the folded names already used (the tournament's, and earlier rows of a file)."""
    name = entry.name.strip()
    if not name or len(name) > 100:
        raise FieldError("name", _("Enter the team's name (at most 100 characters)."))
    if name.casefold() in taken:
        raise FieldError("name", _("A team of this tournament already has this name."))
    if entry.league not in tournament.league_codes:
        raise FieldError("league", _("Choose one of the tournament's leagues."))
    needed = len(tournament.format.roles)
    if len(entry.speakers) < needed:
        raise FieldError(
            "speakers",
            ngettext(
                "A team needs at least %(num)d speaker.",
                "A team needs at least %(num)d speakers.",
                needed,
            ),
        )
    if any(len(name) > 100 for name, _category, _junior in entry.speakers):
        raise FieldError("speakers", _("A speaker's name has at most 100 characters."))
    if any(category not in SPEAKER_CATEGORY_LABELS for _name, category, _j in entry.speakers):
        raise FieldError("speakers", _("Choose a language category for each speaker."))
    if entry.institution_id is not None:
        institution = db.session.get(Institution, entry.institution_id)
        if institution is None or institution.region_id != tournament.region_id:
            raise FieldError("institution_id", _("Choose an institution of the region."))


def _team(entry: TeamEntry, now: datetime | None) -> Team:
    team = Team(
        name=entry.name.strip(),
        institution_id=entry.institution_id,
        league=entry.league,
        swing=entry.swing,
        contact_name=entry.contact_name.strip(),
        contact_email=entry.contact_email.strip(),
        contact_phone=entry.contact_phone.strip(),
        registered_at=now,
    )
    team.speakers = [
        Speaker(guest_name=name.strip(), category=category, junior=junior)
        for name, category, junior in entry.speakers
    ]
    return team


def _taken(tournament: Tournament) -> set[str]:
    return {team.name.casefold() for team in tournament.teams}


@use_case
def register_team(tournament: Tournament, entry: TeamEntry, now: datetime) -> Team:
    """The public registration form: while registration is open, anyone may enter a team.
    The contacts are kept for the tab room only."""
    if not tournament.registration_open or tournament.finished_at is not None:
        raise DebateError("registration_closed")
    if not (entry.contact_email.strip() or entry.contact_phone.strip()):
        raise FieldError("contact_email", _("Give an e-mail or a phone number to reach you."))
    check_team(tournament, entry, _taken(tournament))
    team = _team(entry, now)
    tournament.teams.append(team)
    db.session.commit()
    return team


# --- CSV import ---------------------------------------------------------------------------


def read_csv(text: str, columns: tuple[str, ...]) -> tuple[list[Row], str | None]:
    """The rows of a CSV file (comma or semicolon), or the reason the file cannot be read."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines:
        return [], _("The file is empty.")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader)]
    missing = [name for name in columns[:1] if name not in header]
    if missing:
        return [], _(
            "The first line must name the columns: %(columns)s.", columns=", ".join(columns)
        )
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            name: restore_formula(cell.strip()) for name, cell in zip(header, cells, strict=False)
        }
        rows.append(Row(line=number, values={c: values.get(c, "") for c in columns}))
        if len(rows) > MAX_ROWS:
            return [], ngettext(
                "A file holds at most %(num)d row.", "A file holds at most %(num)d rows.", MAX_ROWS
            )
    return rows, None


def _institutions(tournament: Tournament) -> dict[str, int]:
    query = sa.select(Institution).where(Institution.region_id == tournament.region_id)
    return {i.name.casefold(): i.id for i in db.session.scalars(query)}


def _institution(name: str, institutions: dict[str, int]) -> int | None:
    if not name:
        return None
    if name.casefold() not in institutions:
        raise FieldError(
            "institution", _("No institution of the region is called %(name)s.", name=name)
        )
    return institutions[name.casefold()]


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";")] if text.strip() else []


def _team_entry(values: dict, institutions: dict[str, int]) -> TeamEntry:
    names = _split(values["speakers"])
    categories = _split(values["categories"])
    if len(categories) > len(names):
        raise FieldError("categories", _("There are more categories than speakers."))
    categories += [""] * (len(names) - len(categories))
    return TeamEntry(
        name=values["team"],
        institution_id=_institution(values["institution"], institutions),
        league=values["league"].lower(),
        speakers=tuple(
            (name, *_categories(text)) for name, text in zip(names, categories, strict=True)
        ),
        contact_name=values["contact_name"][:100],
        contact_email=values["contact_email"][:254],
        contact_phone=values["contact_phone"][:40],
    )


def _categories(text: str) -> tuple[str, bool]:
    """A speaker's cell of the categories column: a language, "junior", or both ("kk+junior")."""
    parts = {part.strip().lower() for part in text.split("+") if part.strip()}
    junior = "junior" in parts
    languages = parts - {"junior"}
    if len(languages) > 1:
        raise FieldError("categories", _("A speaker has one language category."))
    return (languages.pop() if languages else ""), junior


def _category_cell(speaker: Speaker) -> str:
    return "+".join(part for part in (speaker.category, "junior" if speaker.junior else "") if part)


def preview_teams(tournament: Tournament, text: str) -> tuple[list[Row], str | None]:
    rows, problem = read_csv(text, TEAM_COLUMNS)
    institutions, taken = _institutions(tournament), _taken(tournament)
    for row in rows:
        try:
            row.entry = _team_entry(row.values, institutions)
            check_team(tournament, row.entry, taken)
        except FieldError as error:
            row.entry, row.errors = None, [error.message]
        else:
            taken.add(row.entry.name.strip().casefold())
    return rows, problem


def _adjudicator_entry(values: dict, institutions: dict[str, int]) -> AdjudicatorEntry:
    name = values["name"].strip()
    if not name or len(name) > 100:
        raise FieldError("name", _("Enter the adjudicator's name (at most 100 characters)."))
    try:
        rating = float((values["rating"] or "5").replace(",", "."))
    except ValueError:
        rating = -1.0
    if not 0 <= rating <= 10:
        raise FieldError("rating", _("A rating goes from 0 to 10."))
    return AdjudicatorEntry(name, _institution(values["institution"], institutions), rating)


def preview_adjudicators(tournament: Tournament, text: str) -> tuple[list[Row], str | None]:
    rows, problem = read_csv(text, ADJUDICATOR_COLUMNS)
    institutions = _institutions(tournament)
    for row in rows:
        try:
            row.entry = _adjudicator_entry(row.values, institutions)
        except FieldError as error:
            row.errors = [error.message]
    return rows, problem


PREVIEWS = {"teams": preview_teams, "adjudicators": preview_adjudicators}


@use_case
def import_rows(tournament: Tournament, kind: str, text: str) -> int:
    """Add every row of the file without an error (the preview the tab room confirmed, read
    again: the file is the same, so are its rows), in one transaction; the number added."""
    if tournament.finished_at is not None:
        raise DebateError("finished")
    rows, problem = PREVIEWS[kind](tournament, text)
    if problem:
        raise FieldError("file", problem)
    good = [row.entry for row in rows if not row.errors]
    for entry in good:
        if kind == "teams":
            tournament.teams.append(_team(entry, None))
        else:
            tournament.adjudicators.append(
                Adjudicator(
                    name=entry.name, institution_id=entry.institution_id, rating=entry.rating
                )
            )
    db.session.commit()
    return len(good)


# --- CSV export ---------------------------------------------------------------------------


def team_rows(tournament: Tournament) -> list[list]:
    """The teams as the import reads them back (contacts included: the tab room's only)."""
    return [
        [
            team.name,
            team.institution.name if team.institution else "",
            team.league,
            "; ".join(speaker.name for speaker in team.speakers),
            "; ".join(_category_cell(speaker) for speaker in team.speakers),
            team.contact_name,
            team.contact_email,
            team.contact_phone,
        ]
        for team in tournament.teams
    ]


def adjudicator_rows(tournament: Tournament) -> list[list]:
    return [
        [a.name, a.institution.name if a.institution else "", f"{a.rating:g}"]
        for a in tournament.adjudicators
    ]
