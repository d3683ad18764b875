"""Site-wide pages: home, the language switch, and a health check for load balancers."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from app.accounts import services as account_services
from app.core.http import safe_next_url
from app.gamification import queries as progress
from app.gamification.rules import level_progress
from app.i18n import LANGUAGES, remember_choice
from app.volunteers import services as volunteering

from .next_steps import next_steps

bp = Blueprint("home", __name__, template_folder="templates")


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return render_template("home/index.html")
    points = progress.total_points(current_user.id)
    return render_template(
        "home/index.html",
        points=points,
        level=level_progress(points),
        streak=progress.streak(current_user.id),
        volunteer_invitation=volunteering.is_invited(current_user),
        next=next_steps(current_user),
    )


@bp.post("/language")
def set_language():
    language = request.form.get("language", "")
    if language in LANGUAGES:
        remember_choice(language, signed_in=current_user.is_authenticated)
        if current_user.is_authenticated:
            account_services.set_locale(current_user, language)
    return redirect(safe_next_url(request.form.get("next")) or url_for("home.index"))


@bp.get("/healthz")
def health():
    return {"status": "ok"}
