"""Forms for volunteering: the application, the organizers' moves, activities."""

import re

from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from app.core.forms import PageForm
from app.i18n import _l

from .models import (
    ORGANIZER_MOVES,
    ActivityKind,
    Direction,
    MonitoredObject,
    Status,
)
from .services import ActivityDetails, ApplicationDetails

PHONE_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_phone(text: str) -> str | None:
    """ "8 (701) 234-56-78" → "+77012345678"; None when it is not a phone number."""
    digits = PHONE_SEPARATORS.sub("", text or "")
    if re.fullmatch(r"8\d{10}", digits):  # the Kazakh trunk prefix
        digits = "+7" + digits[1:]
    return digits if re.fullmatch(r"\+\d{10,15}", digits) else None


def phone_number(form, field) -> None:
    if normalize_phone(field.data) is None:
        raise ValidationError(_l("Enter a phone number such as +7 701 234 56 78."))


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


class ApplicationForm(PageForm):
    direction = RadioField(
        _l("Direction"),
        choices=_choices(Direction.labels()),
        validators=[InputRequired(message=_l("Choose a direction."))],
    )
    motivation = TextAreaField(
        _l("Why do you want to volunteer?"),
        validators=[
            InputRequired(message=_l("Tell us in a few words why you want to volunteer.")),
            Length(max=2000),
        ],
    )
    skills = TextAreaField(_l("Skills and experience"), validators=[Length(max=1000)])
    availability = StringField(
        _l("When are you available?"),
        validators=[Length(max=200)],
        description=_l("For example: weekends, after 15:00 on weekdays."),
    )
    phone = StringField(
        _l("Phone"),
        validators=[InputRequired(message=_l("Enter your phone number.")), phone_number],
        render_kw={"inputmode": "tel", "autocomplete": "tel"},
    )
    email = StringField(
        _l("E-mail"),
        validators=[
            InputRequired(message=_l("Enter your e-mail address.")),
            Email(message=_l("Enter an e-mail address such as name@example.kz.")),
            Length(max=254),
        ],
        render_kw={"inputmode": "email", "autocomplete": "email"},
    )
    guardian_name = StringField(
        _l("Parent's or guardian's full name"), validators=[Length(max=150)]
    )
    guardian_contact = StringField(
        _l("Parent's or guardian's phone or e-mail"), validators=[Length(max=254)]
    )
    consent = BooleanField(
        _l("I agree to the processing of my personal data for volunteer recruitment."),
        validators=[
            InputRequired(message=_l("Tick the box to agree to the processing of your data."))
        ],
    )
    submit = SubmitField(_l("Send my application"))

    def details(self) -> ApplicationDetails:
        return ApplicationDetails(
            direction=Direction(self.direction.data),
            motivation=self.motivation.data.strip(),
            skills=(self.skills.data or "").strip(),
            availability=(self.availability.data or "").strip(),
            phone=normalize_phone(self.phone.data),
            email=self.email.data.strip().lower(),
            consent=self.consent.data,
            guardian_name=self.guardian_name.data or "",
            guardian_contact=self.guardian_contact.data or "",
        )


class MoveForm(PageForm):
    status = SelectField(
        _l("New status"),
        choices=[SelectChoice(s.value, s.label) for s in Status if s in ORGANIZER_MOVES],
    )
    note = StringField(_l("Note (seen by organizers)"), validators=[Length(max=500)])
    submit = SubmitField(_l("Change the status"))


class BulkMoveForm(MoveForm):
    application_ids = SelectMultipleField(coerce=int, validate_choice=False)


class ActivityForm(PageForm):
    kind = SelectField(_l("What did you do?"), choices=_choices(ActivityKind.labels()))
    object_type = SelectField(
        _l("What did you monitor?"),
        choices=[SelectChoice("", "—"), *_choices(MonitoredObject.labels())],
    )
    held_on = DateField(_l("Date"), validators=[InputRequired(message=_l("Enter the date."))])
    place = StringField(
        _l("Where"),
        validators=[InputRequired(message=_l("Enter where it took place.")), Length(max=200)],
    )
    findings = TextAreaField(_l("Findings"), validators=[Length(max=4000)])
    savings_tenge = IntegerField(
        _l("Budget savings reported, in tenge"),
        validators=[Optional()],
        description=_l("Only for monitoring; leave empty if none."),
    )
    submit = SubmitField(_l("Log the activity"))

    def details(self) -> ActivityDetails:
        object_type = self.object_type.data
        return ActivityDetails(
            kind=ActivityKind(self.kind.data),
            object_type=MonitoredObject(object_type) if object_type else None,
            held_on=self.held_on.data,
            place=self.place.data.strip(),
            findings=(self.findings.data or "").strip(),
            savings_tenge=self.savings_tenge.data,
        )


class ReviewForm(PageForm):
    note = StringField(_l("Note to the volunteer"), validators=[Length(max=500)])
    confirm = SubmitField(_l("Confirm"))
    reject = SubmitField(_l("Reject"))
