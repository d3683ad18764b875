"""Forms of live games: joining with a PIN, and the host's game settings."""

from wtforms import BooleanField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from app.core.forms import PageForm
from app.i18n import LANGUAGES, _l

from .models import TeamMode
from .nicknames import NICKNAME_MAX
from .scoring import BASE_CHOICES, DEFAULT_BASE


class JoinForm(PageForm):
    pin = StringField(
        _l("Game PIN"),
        validators=[
            DataRequired(message=_l("Enter the PIN shown on the screen.")),
            Regexp(r"^\s*\d{6}\s*$", message=_l("The PIN has 6 digits.")),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 6},
    )
    nickname = StringField(
        _l("Nickname"),
        validators=[
            DataRequired(message=_l("Choose a nickname.")),
            Length(max=NICKNAME_MAX, message=_l("A nickname has at most 20 characters.")),
        ],
        render_kw={"autocomplete": "nickname", "maxlength": NICKNAME_MAX},
    )
    language = SelectField(
        _l("Questions in"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()],
        validate_choice=True,
    )


class NewGameForm(PageForm):
    team_mode = SelectField(
        _l("Teams"),
        choices=[SelectChoice(mode.value, label) for mode, label in TeamMode.labels().items()],
    )
    base = SelectField(
        _l("Points for a correct answer"),
        choices=[SelectChoice(str(base), str(base)) for base in BASE_CHOICES],
        default=str(DEFAULT_BASE),
    )
    speed = BooleanField(_l("Faster answers earn more (down to half)"), default=True)
    streak = BooleanField(_l("Bonus for answers right in a row"), default=True)
