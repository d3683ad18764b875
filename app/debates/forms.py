"""Forms of the tab room: the tournament, teams, adjudicators, venues, rounds and motions.

The e-ballot's fields depend on the format (speakers x roles), so the ballot page builds
them in its template and ballots.entry_from_form reads them; it posts with an ActionForm
for CSRF.
"""

from flask_wtf.file import FileField, FileSize
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import PageForm
from app.i18n import _l, lazy_pgettext

from .models import (
    DRAW_PRIORITY_LABELS,
    LEAGUE_LABELS,
    METRIC_LABELS,
    ODD_TEAMS_LABELS,
    SPEAKER_CATEGORY_LABELS,
    DrawType,
)
from .standings import DEFAULT_METRICS

MAX_BREAK = 64
SPEAKER_SLOTS = 5  # the registration form's speaker lines: enough for any format and reserves
MAX_UPLOAD_BYTES = 256 * 1024


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _lines(text: str | None) -> list[str]:
    """Names typed one per line or separated by commas."""
    return [part.strip() for part in (text or "").replace(",", "\n").splitlines() if part.strip()]


class TournamentForm(PageForm):
    name = StringField(
        _l("Name"),
        validators=[InputRequired(message=_l("Enter the tournament's name.")), Length(max=150)],
    )
    format_key = SelectField(_l("Format"))
    region_id = SelectField(_l("Region"), coerce=int)
    institution_id = SelectField(_l("Host institution"), coerce=int)
    leagues = CheckboxList(
        _l("Leagues"),
        choices=[SelectChoice(code, label) for code, label in LEAGUE_LABELS.items()],
        description=_l("Teams of a league debate in its language and meet only each other."),
    )
    metric_1 = SelectField(_l("Rank teams by"), default=str(DEFAULT_METRICS[0]))
    metric_2 = SelectField(_l("then by"), default=str(DEFAULT_METRICS[1]))
    metric_3 = SelectField(_l("then by"), default=str(DEFAULT_METRICS[2]))
    metric_4 = SelectField(_l("then by"), default=str(DEFAULT_METRICS[3]))
    break_size = IntegerField(
        _l("Teams in the break"),
        default=0,
        validators=[
            InputRequired(message=_l("Enter the number of teams that break (0: none).")),
            NumberRange(0, MAX_BREAK, message=_l("Enter a break from 0 to 64 teams.")),
        ],
        description=_l("Per league. 0: no elimination rounds."),
    )
    institution_cap = IntegerField(
        _l("At most this many teams of one institution in the break"),
        validators=[Optional(), NumberRange(1, MAX_BREAK)],
        description=_l("Empty: no limit."),
    )
    draw_priority = SelectField(
        _l("Power-paired draws"),
        choices=[SelectChoice(key, label) for key, label in DRAW_PRIORITY_LABELS.items()],
        default="conflicts",
        description=_l("What the draw weighs first when it cannot have everything."),
    )
    starts_at = DateTimeLocalField(
        _l("Tournament day starts"),
        validators=[Optional()],
        description=_l(
            "Almaty time. With a start and an end, the day becomes an event with check-in."
        ),
    )
    ends_at = DateTimeLocalField(_l("Tournament day ends"), validators=[Optional()])
    place = StringField(_l("Venue"), validators=[Length(max=200)])

    METRIC_FIELDS = ("metric_1", "metric_2", "metric_3", "metric_4")

    def fill_metric_choices(self) -> None:
        choices = [SelectChoice("", "—")] + [
            SelectChoice(metric.value, label) for metric, label in METRIC_LABELS.items()
        ]
        for name in self.METRIC_FIELDS:
            getattr(self, name).choices = choices

    def chosen_metrics(self) -> list[str]:
        return [getattr(self, name).data for name in self.METRIC_FIELDS if getattr(self, name).data]


class TeamForm(PageForm):
    name = StringField(
        _l("Team name"),
        validators=[InputRequired(message=_l("Enter the team's name.")), Length(max=100)],
    )
    institution_id = SelectField(_l("Institution"), coerce=int)
    league = SelectField(_l("League"))
    students = TextAreaField(
        _l("Speakers with an account"),
        description=_l("Their logins, one per line: points and badges reach them."),
    )
    guests = TextAreaField(
        _l("Guest speakers"),
        validators=[Length(max=1000)],
        description=_l("Names, one per line, for speakers without an account."),
    )

    def student_logins(self) -> list[str]:
        return _lines(self.students.data)

    def guest_names(self) -> list[str]:
        return _lines(self.guests.data)


class AdjudicatorForm(PageForm):
    name = StringField(
        lazy_pgettext("person", "Name"),
        validators=[InputRequired(message=_l("Enter the adjudicator's name.")), Length(max=100)],
    )
    institution_id = SelectField(_l("Institution"), coerce=int)
    rating = DecimalField(
        _l("Rating"),
        default=5,
        places=1,
        validators=[
            InputRequired(message=_l("Enter a rating from 0 to 10.")),
            NumberRange(0, 10, message=_l("Enter a rating from 0 to 10.")),
        ],
        description=_l("0 to 10: the strongest adjudicators chair the top rooms."),
    )
    login = StringField(
        _l("Account login (optional)"),
        validators=[Length(max=254)],
        description=_l("A signed-in adjudicator cannot open other adjudicators' ballots."),
    )
    team_conflicts = CheckboxList(_l("Conflicts with teams"), coerce=int)
    institution_conflicts = CheckboxList(_l("Conflicts with institutions"), coerce=int)


class VenueForm(PageForm):
    name = StringField(
        _l("Room"), validators=[InputRequired(message=_l("Enter the room.")), Length(max=60)]
    )
    priority = IntegerField(
        _l("Priority"),
        default=0,
        validators=[InputRequired(message=_l("Enter a priority.")), NumberRange(-100, 100)],
        description=_l("Higher: given to the top rooms first."),
    )


class RoundForm(PageForm):
    draw_type = SelectField(
        _l("Draw"),
        choices=[SelectChoice(kind.value, label) for kind, label in DrawType.labels().items()],
    )
    motion_id = SelectField(_l("Motion"), coerce=int)
    motion_release_at = DateTimeLocalField(
        _l("Release the motion at"),
        validators=[Optional()],
        description=_l("Almaty time. Empty: the motion stays hidden."),
    )


class RegistrationForm(PageForm):
    """The public registration of a team; the speakers' lines are speaker_1..speaker_5 with
    category_1..category_5 (the form leaves the unused ones empty)."""

    name = StringField(
        _l("Team name"),
        validators=[InputRequired(message=_l("Enter the team's name.")), Length(max=100)],
    )
    institution_id = SelectField(_l("School or club"), coerce=int)
    league = SelectField(_l("League"))
    contact_name = StringField(
        _l("Contact person"),
        validators=[
            InputRequired(message=_l("Enter who the tab room may contact.")),
            Length(max=100),
        ],
        description=_l("Seen only by the tournament's tab room."),
    )
    contact_email = StringField(
        _l("Contact e-mail"),
        validators=[
            Optional(),
            Email(message=_l("Enter a valid e-mail address.")),
            Length(max=254),
        ],
    )
    contact_phone = StringField(_l("Contact phone"), validators=[Length(max=40)])

    def speakers(self) -> tuple[tuple[str, str, bool], ...]:
        """(name, language category, junior) of each filled speaker line."""
        lines = []
        for slot in range(1, SPEAKER_SLOTS + 1):
            name = (self[f"speaker_{slot}"].data or "").strip()
            if name:
                category = self[f"category_{slot}"].data or ""
                lines.append((name, category, bool(self[f"junior_{slot}"].data)))
        return tuple(lines)


for _slot in range(1, SPEAKER_SLOTS + 1):
    setattr(
        RegistrationForm,
        f"speaker_{_slot}",
        StringField(_l("Speaker %(number)d", number=_slot), validators=[Length(max=100)]),
    )
    setattr(
        RegistrationForm,
        f"category_{_slot}",
        SelectField(
            _l("Language of speaker %(number)d", number=_slot),
            choices=[SelectChoice(code, label) for code, label in SPEAKER_CATEGORY_LABELS.items()],
            default="",
        ),
    )
    setattr(
        RegistrationForm,
        f"junior_{_slot}",
        BooleanField(_l("Speaker %(number)d is a junior", number=_slot)),
    )


class RosterImportForm(PageForm):
    kind = SelectField(
        _l("What the file lists"),
        choices=[
            SelectChoice("teams", _l("Teams")),
            SelectChoice("adjudicators", _l("Adjudicators")),
        ],
    )
    file = FileField(
        _l("CSV file"),
        validators=[
            FileSize(max_size=MAX_UPLOAD_BYTES, message=_l("The file must be smaller than 256 KB."))
        ],
        description=_l("UTF-8, with the column names on the first line."),
    )
    # The previewed file, sent back with the confirmation so the same rows are imported.
    csv_text = HiddenField()


class TabSettingsForm(PageForm):
    registration_open = BooleanField(_l("The public registration form takes teams"))
    check_ins = BooleanField(_l("Check-ins: draw each round from the teams and judges present"))
    odd_teams = SelectField(
        _l("With an odd number of teams"),
        choices=[SelectChoice(key, label) for key, label in ODD_TEAMS_LABELS.items()],
    )
    questions = TextAreaField(
        _l("Feedback questions"),
        validators=[Length(max=2000)],
        description=_l("One per line, answered in words after the 1-5 score."),
    )


class RatingForm(PageForm):
    rating = DecimalField(
        _l("Rating"),
        places=1,
        validators=[
            InputRequired(message=_l("Enter a rating from 0 to 10.")),
            NumberRange(0, 10, message=_l("Enter a rating from 0 to 10.")),
        ],
    )
