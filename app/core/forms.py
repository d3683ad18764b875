"""Forms every area shares."""

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField

from app.i18n import LANGUAGES, _l

LANGUAGE_LABELS = {"kk": _l("in Kazakh"), "ru": _l("in Russian"), "en": _l("in English")}


class ActionForm(FlaskForm):
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
