"""Forms for events: creating and editing, check-in by code, manual check-in."""

from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import PageForm, translated_fields, translation_map
from app.core.time import from_almaty
from app.i18n import _l

from .models import Audience, EventKind
from .services import EventDetails

MAX_POINTS = 500
MAX_CAPACITY = 100_000


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(PageForm):
    kind = SelectField(
        _l("Kind of event"),
        choices=[SelectChoice(kind.value, label) for kind, label in EventKind.labels().items()],
    )
    starts_at = DateTimeLocalField(
        _l("Starts"),
        validators=[InputRequired(message=_l("Enter when the event starts."))],
        description=_l("Almaty time."),
    )
    ends_at = DateTimeLocalField(
        _l("Ends"), validators=[InputRequired(message=_l("Enter when the event ends."))]
    )
    place = StringField(
        _l("Venue"),
        validators=[Length(max=200)],
        description=_l("Address and room; leave empty for an online event."),
    )
    online_url = StringField(
        _l("Online link"),
        validators=[
            Optional(),
            Length(max=500),
            URL(require_tld=False, message=_l("Enter a web address starting with https://")),
        ],
    )
    region_id = SelectField(_l("Region"), coerce=int)
    institution_id = SelectField(_l("Host institution"), coerce=int)
    audience = SelectField(_l("Who is it for"))
    class_ids = CheckboxList(_l("Classes"), coerce=int)
    institution_ids = CheckboxList(_l("Institutions"), coerce=int)
    registration_required = BooleanField(_l("Students must register"))
    capacity = IntegerField(
        _l("Seats"),
        validators=[
            Optional(),
            NumberRange(1, MAX_CAPACITY, message=_l("Enter a number of seats from 1 upwards.")),
        ],
        description=_l("Empty: no limit. When the seats are taken, students join a waitlist."),
    )
    points = IntegerField(
        _l("Points for attending"),
        validators=[
            InputRequired(message=_l("Enter the points for attending.")),
            NumberRange(0, MAX_POINTS, message=_l("Enter points from 0 to 500.")),
        ],
    )
    submit = SubmitField(_l("Save"))

    def set_audiences(self, audiences: list[Audience]) -> None:
        self.audience.choices = [SelectChoice(a.value, a.label) for a in audiences]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not translation_map(self, "title"):
            self.title_kk.errors.append(_l("Give the event a title in at least one language."))
            valid = False
        if not (self.place.data or "").strip() and not self.online_url.data:
            self.place.errors.append(_l("Enter a place, or an online link."))
            valid = False
        return valid

    def details(self) -> EventDetails:
        return EventDetails(
            kind=EventKind(self.kind.data),
            title=translation_map(self, "title"),
            description=translation_map(self, "description"),
            starts_at=from_almaty(self.starts_at.data),
            ends_at=from_almaty(self.ends_at.data),
            place=(self.place.data or "").strip(),
            online_url=(self.online_url.data or "").strip(),
            region_id=self.region_id.data,
            institution_id=self.institution_id.data or None,
            audience=Audience(self.audience.data),
            class_ids=tuple(self.class_ids.data or ()),
            institution_ids=tuple(self.institution_ids.data or ()),
            registration_required=self.registration_required.data,
            capacity=self.capacity.data,
            points=self.points.data,
        )


translated_fields(EventForm, "title", _l("Title"), validators=[Length(max=200)])
translated_fields(
    EventForm, "description", _l("Description"), field=TextAreaField, validators=[Length(max=4000)]
)


class CodeForm(PageForm):
    code = StringField(
        _l("Code on the screen"),
        validators=[
            InputRequired(message=_l("Type the 6-digit code shown on the screen.")),
            Length(max=12, message=_l("Type the 6-digit code shown on the screen.")),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9 ]*"},
    )
    submit = SubmitField(_l("Check me in"))
