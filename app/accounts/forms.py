"""Account forms. Labels and messages go through _l so they translate at render time."""

from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)
from zxcvbn import zxcvbn

from app.core.forms import ActionForm, PageForm  # noqa: F401 (accounts views use ActionForm from here
from app.core.time import utcnow
from app.i18n import LANGUAGES, _l, lazy_ngettext

from .models import InstitutionKind

PASSWORD_MIN, PASSWORD_MAX = 8, 128
LOGIN_PATTERN = r"^[A-Za-z0-9._@+-]+$"


def _birth_year_in_range(form, field):
    if field.data is None:
        return
    this_year = utcnow().year
    if not this_year - 100 <= field.data <= this_year - 5:
        raise ValidationError(
            _l(
                "Enter a birth year between %(first)d and %(last)d.",
                first=this_year - 100,
                last=this_year - 5,
            )
        )


def _password_field(label):
    return PasswordField(
        label,
        validators=[
            DataRequired(message=_l("Enter a password.")),
            Length(
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
                message=lazy_ngettext(
                    "The password must be %(min)d to %(num)d character long.",
                    "The password must be %(min)d to %(num)d characters long.",
                    PASSWORD_MAX,
                    min=PASSWORD_MIN,
                ),
            ),
            _hard_to_guess,
        ],
    )


# zxcvbn's score: 0-1 are guessed within about a million tries ("12345678", "password",
# "qwertyui", a name with the login in it); 2 and above are not.
PASSWORD_MIN_SCORE = 2
ZXCVBN_MAX_LENGTH = 72  # zxcvbn refuses longer input; the first 72 characters decide


def _hard_to_guess(form, field) -> None:
    """Refuse common and easily guessed passwords (zxcvbn's lists of common passwords,
    names and keyboard patterns), and ones built from the person's own login or names."""
    if not field.data or len(field.data) < PASSWORD_MIN:
        return  # the length message says enough
    own_words = [form[name].data for name in ("login", "display_name", "full_name") if name in form]
    if current_user.is_authenticated:  # a password change: the account's own names
        own_words += [current_user.login, current_user.display_name, current_user.full_name]
    strength = zxcvbn(field.data[:ZXCVBN_MAX_LENGTH], user_inputs=[w for w in own_words if w])
    if strength["score"] < PASSWORD_MIN_SCORE:
        raise ValidationError(
            _l(
                "This password is too common or too easy to guess. "
                "Try three or four unrelated words, or add uncommon words to it."
            )
        )


def _confirm_field():
    return PasswordField(
        _l("Repeat the password"),
        validators=[EqualTo("password", message=_l("The two passwords do not match."))],
    )


class AccountFields(PageForm):
    """Fields every sign-up shares."""

    login = StringField(
        _l("Login (e-mail or username)"),
        validators=[
            DataRequired(message=_l("Enter a login.")),
            Length(min=3, max=254, message=_l("The login must be 3 to 254 characters long.")),
            Regexp(LOGIN_PATTERN, message=_l("Use only Latin letters, digits and . _ @ + -")),
        ],
    )
    display_name = StringField(
        _l("Display name (shown publicly)"),
        validators=[DataRequired(message=_l("Enter a display name.")), Length(max=60)],
        description=_l("Shown on leaderboards. A first name or a nickname; not your full name."),
    )
    full_name = StringField(
        _l("Full name (seen only by your teachers)"),
        validators=[DataRequired(message=_l("Enter your full name.")), Length(max=150)],
    )
    password = _password_field(_l("Password"))
    confirm = _confirm_field()


class StudentSignupForm(AccountFields):
    join_code = StringField(
        _l("Class join code"),
        validators=[
            DataRequired(message=_l("Enter the join code your teacher gave you.")),
            Length(max=32),
        ],
        description=_l("Six letters and digits, e.g. K7PM2Q."),
    )
    birth_year = IntegerField(
        _l("Birth year"),
        validators=[
            InputRequired(message=_l("Enter your birth year as a number.")),
            _birth_year_in_range,
        ],
    )
    submit = SubmitField(_l("Sign up"))


class TeacherSignupForm(AccountFields):
    institution_id = SelectField(
        _l("School, college or university"),
        coerce=int,
        validate_choice=True,
    )
    birth_year = IntegerField(_l("Birth year"), validators=[Optional(), _birth_year_in_range])
    submit = SubmitField(_l("Request a teacher account"))


class LoginForm(PageForm):
    login = StringField(_l("Login"), validators=[DataRequired(message=_l("Enter your login."))])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(message=_l("Enter your password."))]
    )
    remember = BooleanField(_l("Remember me on this device"))
    submit = SubmitField(_l("Log in"))


class ChangePasswordForm(PageForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
    )
    password = _password_field(_l("New password"))
    confirm = _confirm_field()
    submit = SubmitField(_l("Change password"))


class ProfileForm(PageForm):
    display_name = StringField(
        _l("Display name (shown publicly)"),
        validators=[DataRequired(message=_l("Enter a display name.")), Length(max=60)],
    )
    locale = SelectField(
        _l("Language"), choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()]
    )
    show_on_boards = BooleanField(
        _l("Show me on public leaderboards"),
        description=_l("Others see your display name only. You always see your own rank."),
    )
    submit = SubmitField(_l("Save"))


class ClassForm(PageForm):
    name = StringField(
        _l("Class name"),
        validators=[DataRequired(message=_l("Enter a class name.")), Length(max=40)],
        description=_l("For example 9А or Debate club."),
    )
    submit = SubmitField(_l("Create class"))


class RosterUploadForm(PageForm):
    roster = FileField(
        _l("Roster file (CSV)"),
        validators=[
            FileRequired(message=_l("Choose a CSV file.")),
            FileAllowed(["csv", "txt"], message=_l("The file must be a .csv file.")),
            FileSize(max_size=256 * 1024, message=_l("The file must be smaller than 256 KB.")),
        ],
        description=_l(
            "Two columns: full name, birth year. One student per line; a header line is optional."
        ),
    )
    submit = SubmitField(_l("Create accounts"))


class InstitutionForm(PageForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(message=_l("Enter a name.")), Length(max=200)]
    )
    kind = SelectField(
        _l("Type"),
        choices=[
            SelectChoice(kind.value, label) for kind, label in InstitutionKind.labels().items()
        ],
    )
    region_id = SelectField(_l("Region"), coerce=int)
    submit = SubmitField(_l("Save"))


class InvitationForm(PageForm):
    institution_id = SelectField(_l("School, college or university"), coerce=int)
    submit = SubmitField(_l("Create invitation link"))
