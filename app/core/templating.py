"""What every template can use: languages, translation maps, locale-aware formatting."""

from flask import Flask, request
from markupsafe import Markup

from app.core.urls import public_url
from app.i18n import (
    LANGUAGES,
    _,
    current_language,
    format_date,
    format_datetime,
    format_decimal,
    format_time,
    pick_translation,
    translate,
)


def translate_visibly(mapping) -> Markup | str:
    """A translation map for reading in the page body. When the reader's language is
    missing (a teacher's quiz not yet translated), the fallback text is marked with its
    language, so the reader knows and a screen reader pronounces it right."""
    text, code = pick_translation(mapping)
    if code is None or code == current_language():
        return text
    return Markup('<span lang="{code}" class="fallback" title="{note}">{text}</span>').format(
        code=code,
        note=_("Not translated yet; shown in %(language)s", language=LANGUAGES[code]),
        text=text,
    )


def register_template_helpers(app: Flask) -> None:
    @app.context_processor
    def inject_language():
        return {
            "languages": LANGUAGES,
            "current_language": current_language(),
            "current_path": request.full_path.rstrip("?") if request else "/",
        }

    app.add_template_global(public_url)  # links printed or copied to go elsewhere
    app.add_template_filter(translate, "tr")  # for titles and attributes: plain text
    app.add_template_filter(translate_visibly, "trv")  # for the page body
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_time, "time")
    app.add_template_filter(format_decimal, "number")  # 1 250 000 in kk and ru
