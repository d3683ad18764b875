"""``flask debates import-motions``: load the motion library (motions.yaml) into the database."""

import click
from flask.cli import with_appcontext

from . import services


@click.group("debates")
def debates_group():
    """Debate tournaments."""


@debates_group.command("import-motions")
@with_appcontext
def import_motions_command():
    """Add the library's motions, or update them by key (safe to run again)."""
    count = services.import_motions()
    click.echo(f"Motions in the library file: {count}")
