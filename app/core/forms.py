"""Forms every area shares."""

from flask_wtf import FlaskForm
from wtforms import SubmitField


class ActionForm(FlaskForm):
    """A form with no fields: a button that POSTs with a CSRF token."""

    submit = SubmitField()
