"""Command-line tools: ``flask demo``, ``flask create-staff`` and ``flask translate``."""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from app.accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from app.accounts.models import Region, SchoolClass, User
from app.accounts.services import NewAccount, create_staff_account
from app.core.access import Role
from app.core.errors import FieldError
from app.core.time import almaty_day, utcnow
from app.dashboard import national_demo
from app.dashboard import summary as dashboard_summary
from app.debates.demo import seed_demo_tournament
from app.events.models import Audience, Event, EventKind
from app.events.services import EventDetails, create_event
from app.extensions import db
from app.gamification.models import PointSource
from app.gamification.services import award
from app.quizzes.content import read_folder
from app.quizzes.models import Assignment, Quiz
from app.quizzes.services import assign_quiz, load_quizzes

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = PROJECT_ROOT / "translations"
POT_FILE = PROJECT_ROOT / "messages.pot"
SOURCE_LANGUAGE = "en"  # msgids are English; the en catalog mirrors them
DEMO_ASSIGNED_QUIZ = "what-is-corruption"


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
    if not current_app.config["DEMO_ALLOWED"]:
        raise click.ClickException("Demo accounts have known passwords; refusing in production.")
    accounts = seed_demo_accounts()
    quizzes, errors = read_folder()
    if errors:
        raise click.ClickException("the quiz files have errors: run `flask quizzes validate`")
    report = load_quizzes(quizzes)
    click.echo(f"Quizzes: {len(quizzes)} ({len(report.created)} new)")
    _assign_demo_quiz(accounts)
    _give_demo_points(accounts)
    _create_demo_event(accounts)
    if seed_demo_tournament(accounts.logins["organizer"], [accounts.logins["student"]]):
        click.echo("A debate tournament with round 1 played (Debates → Integrity Cup)")
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for role, login in accounts.logins.items():
        click.echo(f"  {role:<10} {login}")
    click.echo(f"Class {accounts.class_name} join code: {accounts.join_code}")
    if scale == "national":
        _seed_national_demo()


def _seed_national_demo() -> None:
    if national_demo.national_demo_exists():
        raise click.ClickException("The national demo data exists already; nothing was added.")
    with click.progressbar(length=national_demo.PERMILLE, label="National demo data") as bar:
        try:
            written = national_demo.seed_national(
                national_demo.Scale(), progress=lambda done, _total: bar.update(done - bar.pos)
            )
        except national_demo.NationalDemoError as error:
            raise click.ClickException(str(error)) from None
    for table, count in sorted(written.items()):
        click.echo(f"  {table:<40} {count:>10,}")
    # Built here, so the first dashboard view does not spend minutes catching up.
    click.echo("Summarizing every day for the dashboards…")
    through = dashboard_summary.refresh(almaty_day(utcnow()))
    click.echo(f"  the dashboards' summary holds every day up to {through.isoformat()}")
    click.echo(f"National organizer: {national_demo.NATIONAL_ORGANIZER} (password {DEMO_PASSWORD})")


def _assign_demo_quiz(accounts) -> None:
    """The demo class gets one open assignment, so the teacher's results page has a subject."""
    klass = db.session.scalar(
        sa.select(SchoolClass).where(SchoolClass.join_code == accounts.join_code)
    )
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == DEMO_ASSIGNED_QUIZ))
    if db.session.scalar(sa.select(Assignment).where(Assignment.class_id == klass.id)) is None:
        teacher_id = klass.teachers[0].id if klass.teachers else None
        now = utcnow()
        assign_quiz(quiz, klass, now, now + timedelta(days=14), teacher_id)
        click.echo(f"Class {klass.name} is assigned the quiz {DEMO_ASSIGNED_QUIZ} for two weeks")


def _give_demo_points(accounts) -> None:
    """Points for the demo classmates, so the leaderboards have a top to look up to. Paid
    through the ledger like any other points: running the demo again pays nothing twice."""
    for place, login in enumerate(accounts.classmate_logins):
        user_id = db.session.scalar(sa.select(User.id).where(User.login == login))
        key, reason = "demo-warm-up", "demo data: a warm-up quiz"
        award(user_id, PointSource.QUIZ_COMPLETION, key, reason)
        award(user_id, PointSource.QUIZ_CORRECT_ANSWER, key, reason, count=10 - 2 * place)
    db.session.commit()


def _create_demo_event(accounts) -> None:
    """An Integrity Hour session for the demo class, under way now, so the projector's
    check-in code and the scanner can be tried at once."""
    klass = db.session.scalar(
        sa.select(SchoolClass).where(SchoolClass.join_code == accounts.join_code)
    )
    teacher = klass.teachers[0]
    if db.session.scalar(sa.select(Event.id).where(Event.created_by_id == teacher.id)):
        return
    now = utcnow()
    details = EventDetails(
        kind=EventKind.INTEGRITY_HOUR,
        title={
            "kk": "Адалдық сағаты: сыбайлас жемқорлық деген не?",
            "ru": "Час добропорядочности: что такое коррупция?",
            "en": "Integrity Hour: what is corruption?",
        },
        description={},
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
        place=klass.institution.name,
        online_url="",
        region_id=klass.institution.region_id,
        institution_id=klass.institution_id,
        audience=Audience.CLASSES,
        class_ids=(klass.id,),
        institution_ids=(),
        registration_required=False,
        capacity=None,
        points=100,
    )
    create_event(teacher, details, now)
    click.echo(f"Class {klass.name} has an Integrity Hour under way (Events → its projector)")


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
        "--no-location",
        "--add-comments=TRANSLATORS:",  # a "# TRANSLATORS: ..." comment above a string reaches the catalogs
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
