"""The Integrity Hour Flask application."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.accounts.views import bp as accounts_bp
from app.cli import create_staff_command, translate_group
from app.config import INSTANCE_DIR, Config, config_from_environment, environment_overrides
from app.core.converters import register_converters
from app.core.errors import register_error_pages
from app.core.http import mark_log_path, refuse_nul_characters
from app.core.security import add_security_headers, refuse_insecure_production
from app.core.templating import register_template_helpers
from app.dashboard.cli import dashboard_group
from app.dashboard.views import bp as dashboard_bp
from app.debates.cli import debates_group
from app.debates.views import bp as debates_bp
from app.demo.cli import demo_command
from app.events.checkin_views import bp as check_in_bp
from app.events.views import bp as events_bp
from app.extensions import configure_limiter_storage, csrf, db, limiter, login_manager, migrate
from app.gamification.scopes import keep_board_columns_in_step
from app.gamification.views import bp as gamification_bp
from app.home.views import bp as home_bp
from app.i18n import babel, select_locale
from app.live import channel as live_channel
from app.live.api import bp as live_api_bp
from app.live.views import bp as live_bp
from app.media.views import bp as media_bp
from app.quizzes.assignment_views import bp as assignments_bp
from app.quizzes.cli import quizzes_group
from app.quizzes.editor_views import bp as quiz_editor_bp
from app.quizzes.views import bp as quizzes_bp
from app.volunteers.views import bp as volunteers_bp

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type[Config] | dict | None = None) -> Flask:
    """Build the app.

    ``config`` is a Config class, or a dict of overrides on top of the class that
    APP_ENV selects (tests pass a dict); None uses the environment alone.
    """
    app = Flask(
        __name__, instance_path=str(INSTANCE_DIR), static_folder=str(PROJECT_ROOT / "static")
    )
    if isinstance(config, type):
        app.config.from_object(config)
    else:
        chosen = config_from_environment()
        app.config.from_object(chosen)
        app.config.update(environment_overrides(chosen))
        app.config.update(config or {})
    refuse_insecure_production(app)
    if app.config["PROXY_COUNT"]:
        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    INSTANCE_DIR.mkdir(exist_ok=True)  # the default SQLite database lives there

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    configure_limiter_storage(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    register_error_pages(app)
    register_template_helpers(app)
    live_channel.init_app(app)
    keep_board_columns_in_step()
    app.before_request(mark_log_path)  # first: a refusal below is logged redacted too
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)

    register_converters(app)  # before the blueprints: their rules take `int` from it
    app.register_blueprint(home_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(media_bp)
    app.register_blueprint(quizzes_bp)
    app.register_blueprint(quiz_editor_bp)
    app.register_blueprint(assignments_bp)
    app.register_blueprint(gamification_bp)
    app.register_blueprint(live_bp)
    app.register_blueprint(live_api_bp)
    app.register_blueprint(events_bp)
    app.register_blueprint(check_in_bp)
    app.register_blueprint(volunteers_bp)
    app.register_blueprint(debates_bp)
    app.register_blueprint(dashboard_bp)

    app.cli.add_command(demo_command)
    app.cli.add_command(create_staff_command)
    app.cli.add_command(translate_group)
    app.cli.add_command(quizzes_group)
    app.cli.add_command(debates_group)
    app.cli.add_command(dashboard_group)
    return app
