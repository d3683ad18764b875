"""``flask dashboard refresh``: bring the dashboards' summary up to yesterday (pages do it
too, on the first view of the day; a nightly run keeps that view fast)."""

import click
from flask.cli import with_appcontext

from app.core.time import almaty_day, utcnow

from . import summary


@click.group("dashboard")
def dashboard_group():
    """Organizer and teacher dashboards."""


@dashboard_group.command("refresh")
@click.option("--rebuild", is_flag=True, help="Forget the summary and build it all again.")
@with_appcontext
def refresh_command(rebuild: bool):
    """Summarize every closed day not summarized yet."""
    today = almaty_day(utcnow())
    through = summary.rebuild(today) if rebuild else summary.refresh(today)
    click.echo(f"The dashboards' summary holds every day up to {through.isoformat()}")
