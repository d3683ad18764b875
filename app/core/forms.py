"""Forms every area shares."""

from flask import request
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField

from app.i18n import LANGUAGES, _l

LANGUAGE_LABELS = {"kk": _l("in Kazakh"), "ru": _l("in Russian"), "en": _l("in English")}


class PageForm(FlaskForm):
    """The base of every form of the app's pages. Flask-WTF would also read a JSON body as
    form data, and a JSON list or number there is a TypeError deep inside WTForms (a 500);
    these forms are HTML forms, so a JSON body counts as an empty form. (The JSON API,
    ``live/api.py``, reads its bodies itself.)"""

    class Meta:
        def wrap_formdata(self, form, formdata):
            if request.is_json and not request.form and not request.files:
                return None
            return super().wrap_formdata(form, formdata)


class ActionForm(PageForm):
    """A form with no fields: a button that POSTs with a CSRF token."""

    submit = SubmitField()


def translated_fields(form_class, name: str, label, field=StringField, **kwargs) -> None:
    """One field per language (name_kk, name_ru, name_en), labelled "<label> (in Kazakh)"."""
    for code in LANGUAGES:
        text = _l("%(what)s (%(language)s)", what=label, language=LANGUAGE_LABELS[code])
        setattr(form_class, f"{name}_{code}", field(text, **kwargs))


def translation_map(form, name: str) -> dict:
    """The filled languages of a translated field, e.g. {"kk": "...", "ru": "..."}."""
    values = {code: (form[f"{name}_{code}"].data or "").strip() for code in LANGUAGES}
    return {code: text for code, text in values.items() if text}


def fill_translations(data: dict, name: str, mapping: dict | None) -> None:
    for code in LANGUAGES:
        data[f"{name}_{code}"] = (mapping or {}).get(code, "")
