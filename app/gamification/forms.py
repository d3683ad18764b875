"""Forms of gamification: organizers' corrections and revocations."""

from wtforms import IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.core.forms import PageForm
from app.i18n import _l

from .services import MAX_CORRECTION


class CorrectionForm(PageForm):
    login = StringField(
        _l("Student's login"),
        validators=[DataRequired(message=_l("Enter the student's login.")), Length(max=254)],
    )
    amount = IntegerField(
        _l("Points (negative to take away)"),
        validators=[
            InputRequired(message=_l("Enter a whole number of points.")),
            NumberRange(
                -MAX_CORRECTION, MAX_CORRECTION, message=_l("Enter a whole number of points.")
            ),
        ],
    )
    reason = StringField(
        _l("Reason (the student sees it)"),
        validators=[DataRequired(message=_l("Say why the points are corrected.")), Length(max=200)],
    )
    submit = SubmitField(_l("Add correction"))


class RevokeForm(PageForm):
    reason = TextAreaField(
        _l("Reason for revoking (shown to anyone who checks the badge)"),
        validators=[DataRequired(message=_l("Say why the badge is revoked.")), Length(max=300)],
    )
    submit = SubmitField(_l("Revoke badge"))
