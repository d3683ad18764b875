"""``flask demo``: the basic demo, then with ``--scale national`` the national one."""

import click
from flask.cli import with_appcontext

from app.core.time import almaty_day, utcnow
from app.dashboard import summary as dashboard_summary

from . import DemoError, national, refuse_in_production
from .basic import DEMO_PASSWORD, seed_basic


@click.command("demo")
@click.option(
    "--scale",
    type=click.Choice(["basic", "national"]),
    default="basic",
    show_default=True,
    help="national: then a year of national-scale data for the dashboards (runs once).",
)
@with_appcontext
def demo_command(scale):
    """Create demo accounts, an institution and a class, load the quizzes, and add a live
    event and a debate tournament (safe to run again)."""
    try:
        refuse_in_production()
        seed_basic(click.echo)
        if scale == "national":
            _seed_national()
    except DemoError as error:
        raise click.ClickException(str(error)) from None


def _seed_national() -> None:
    if national.national_demo_exists():
        raise DemoError("The national demo data exists already; nothing was added.")
    with click.progressbar(length=national.PERMILLE, label="National demo data") as bar:
        written = national.seed_national(
            national.Scale(), progress=lambda done, _total: bar.update(done - bar.pos)
        )
    for table, count in sorted(written.items()):
        click.echo(f"  {table:<40} {count:>10,}")
    # Built here, so the first dashboard view does not spend minutes catching up.
    click.echo("Summarizing every day for the dashboards…")
    through = dashboard_summary.refresh(almaty_day(utcnow()))
    click.echo(f"  the dashboards' summary holds every day up to {through.isoformat()}")
    click.echo(f"National organizer: {national.NATIONAL_ORGANIZER} (password {DEMO_PASSWORD})")
