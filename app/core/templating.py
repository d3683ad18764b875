"""What every template can use: languages, translation maps, locale-aware formatting."""

from flask import Flask, request

from app.i18n import LANGUAGES, current_language, format_date, format_datetime, translate


def register_template_helpers(app: Flask) -> None:
    @app.context_processor
    def inject_language():
        return {
            "languages": LANGUAGES,
            "current_language": current_language(),
            "current_path": request.full_path.rstrip("?") if request else "/",
        }

    app.add_template_filter(translate, "tr")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
