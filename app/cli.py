"""Command-line tools: ``flask create-staff`` and ``flask translate`` (``flask demo`` is
``app/demo/cli.py``)."""

import subprocess
import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from app.accounts.models import Region
from app.accounts.services import NewAccount, create_staff_account
from app.core.access import Role
from app.core.errors import FieldError
from app.extensions import db

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = PROJECT_ROOT / "translations"
POT_FILE = PROJECT_ROOT / "messages.pot"
SOURCE_LANGUAGE = "en"  # msgids are English; the en catalog mirrors them


@click.command("create-staff")
@click.argument("login")
@click.option("--role", type=click.Choice([Role.ADMIN.value, Role.ORGANIZER.value]), required=True)
@click.option("--region", "region_code", help="Region code for an organizer (omit: national).")
@click.option("--name", "full_name", required=True, help="Full name.")
@click.password_option()
@with_appcontext
def create_staff_command(login, role, region_code, full_name, password):
    """Create an admin or organizer account (the first admin is made this way)."""
    region = None
    if region_code:
        region = db.session.scalar(sa.select(Region).where(Region.code == region_code))
        if region is None:
            raise click.BadParameter(f"no region with code {region_code!r}", param_hint="--region")
    account = NewAccount(
        login=login,
        password=password,
        display_name=full_name.split()[0],
        full_name=full_name,
        birth_year=None,
        locale="kk",
    )
    try:
        user = create_staff_account(account, Role(role), region)
    except FieldError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {role} {user.login}" + (f" for {region_code}" if region_code else ""))


@click.group("translate")
def translate_group():
    """Extract, update and compile the kk, ru and en message catalogs (wraps pybabel)."""


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    subprocess.run(command, check=True, cwd=PROJECT_ROOT)  # noqa: S603 - fixed arguments


@translate_group.command("extract")
def extract():
    """Collect every translatable string from code and templates into messages.pot."""
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "N_",
        "-k",
        "lazy_ngettext:1,2",
        "-k",
        "lazy_pgettext:1c,2",
        "--no-location",
        # a "# TRANSLATORS: ..." or "# i18n: ..." comment above a string reaches the catalogs
        "--add-comments=TRANSLATORS:",
        "--add-comments=i18n:",
        "--sort-output",
        "-o",
        str(POT_FILE),
        ".",
    )


@translate_group.command("update")
def update():
    """Extract, then merge new strings into every catalog; English copies its msgids."""
    extract.callback()
    _pybabel(
        "update",
        "-i",
        str(POT_FILE),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    fill_source_catalog()
    POT_FILE.unlink()


@translate_group.command("compile")
def compile_catalogs():
    """Compile .po into .mo (run after editing translations)."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


def fill_source_catalog() -> None:
    """The source language needs no translator: every msgstr equals its msgid."""
    from babel.messages.pofile import read_po, write_po

    path = TRANSLATIONS / SOURCE_LANGUAGE / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=False, sort_output=True)
