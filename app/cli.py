"""Command-line tools: ``flask demo`` and ``flask translate``."""

import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.accounts.demo import DEMO_PASSWORD, seed_demo_accounts

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = PROJECT_ROOT / "translations"
POT_FILE = PROJECT_ROOT / "messages.pot"
SOURCE_LANGUAGE = "en"  # msgids are English; the en catalog mirrors them


@click.command("demo")
@with_appcontext
def demo_command():
    """Create demo accounts, an institution and a class (safe to run again)."""
    if not current_app.config["DEMO_ALLOWED"]:
        raise click.ClickException("Demo accounts have known passwords; refusing in production.")
    accounts = seed_demo_accounts()
    click.echo("Demo accounts (password for all: %s):" % DEMO_PASSWORD)
    for role, login in accounts.logins.items():
        click.echo(f"  {role:<10} {login}")
    click.echo(f"Class {accounts.class_name} join code: {accounts.join_code}")


@click.group("translate")
def translate_group():
    """Extract, update and compile the kk, ru and en message catalogs (wraps pybabel)."""


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    subprocess.run(command, check=True, cwd=PROJECT_ROOT)  # noqa: S603 - fixed arguments


@translate_group.command("extract")
def extract():
    """Collect every translatable string from code and templates into messages.pot."""
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output",
             "-o", str(POT_FILE), ".")


@translate_group.command("update")
def update():
    """Extract, then merge new strings into every catalog; English copies its msgids."""
    extract.callback()
    _pybabel("update", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "--no-fuzzy-matching",
             "--ignore-obsolete")
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
