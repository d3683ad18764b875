"""Forms for playing a quiz."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField
from wtforms.validators import InputRequired
from wtforms.widgets import HiddenInput


class AnswerForm(FlaskForm):
    question_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    # The question type decides which ids fit (app/quizzes/types.py), not the form.
    choice = SelectMultipleField(validate_choice=False)
