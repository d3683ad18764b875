"""``flask quizzes validate`` and ``flask quizzes load``: the curriculum files in quizzes/."""

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from app.core.time import utcnow

from .content import CONTENT_DIR, read_folder
from .coverage import coverage
from .keycheck import key_figures
from .schema import TOPICS, quiz_schema
from .services import load_quizzes
from .sources import stale_sources, unchecked_sources

SCHEMA_FILE = CONTENT_DIR / "schema.json"

folder_option = click.option(
    "--dir",
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=CONTENT_DIR,
    show_default=True,
    help="Folder of quiz YAML files.",
)


@click.group("quizzes")
def quizzes_group():
    """Work with the quiz files in the quizzes/ folder."""


def _read_or_exit(folder: Path):
    quizzes, errors = read_folder(folder)
    for error in errors:
        click.echo(str(error), err=True)
    questions = sum(len(quiz.data["questions"]) for quiz in quizzes)
    click.echo(f"{len(quizzes)} valid quizzes, {questions} questions, {len(errors)} errors")
    if errors:
        raise SystemExit(1)
    return quizzes


@quizzes_group.command("validate")
@folder_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(folder: Path, strict: bool):
    """Check every quiz file; print each error with file, line and question, then each
    quiz's warnings: answer keys that give themselves away (app/quizzes/keycheck.py),
    sources checked more than a year ago, a missing teacher's guide; exit 1 on any error,
    and with --strict on any warning."""
    quizzes = _read_or_exit(folder)
    all_questions, warned = [], 0
    today = utcnow().date()
    for quiz in quizzes:
        questions = quiz.data["questions"]
        all_questions += questions
        warnings = key_figures(questions).warnings()
        warnings += [
            _at(quiz.data, path) + message for path, message in stale_sources(quiz.data, today)
        ]
        for warning in warnings:
            click.echo(f"{quiz.path.name}: warning: {warning}", err=True)
        warned += len(warnings)
        if "teacher_guide" not in quiz.data:  # every curriculum quiz has one: --strict holds it
            click.echo(f"{quiz.path.name}: warning: no teacher_guide", err=True)
            warned += 1
    total = key_figures(all_questions)
    click.echo(
        f"answer keys: right answer first in {total.first_right} of {total.single} single-choice questions; the right option is the longest in "
        f"{total.longest_right} of {total.choice} choice questions; true/false: "
        f"{total.true_false[True]} true, {total.true_false[False]} false; {warned} warnings"
    )
    if strict and warned:
        raise SystemExit(1)


def _at(data: dict, path: list) -> str:
    """'question <id>: ' for a path inside a question."""
    return f"question {data['questions'][path[1]]['id']!r}: "


@quizzes_group.command("table")
@folder_option
def table(folder: Path):
    """Print the curriculum's quizzes per topic and grade band (Markdown, for quizzes/README.md)."""
    quizzes = _read_or_exit(folder)
    click.echo(coverage([quiz.data for quiz in quizzes], TOPICS).table())


@quizzes_group.command("sources")
@folder_option
@click.option(
    "--unchecked", is_flag=True, required=True, help="List the sources no person has checked."
)
def sources(folder: Path, unchecked: bool):
    """List the sources awaiting a human check (no `checked` date): file, question, title
    and URL, one a line, tab-separated."""
    count = 0
    for quiz in _read_or_exit(folder):
        for question_id, source in unchecked_sources(quiz.data):
            url = source.get("url", "(no url)")
            click.echo(f"{quiz.path.name}\t{question_id}\t{source['title']['en']}\t{url}")
            count += 1
    click.echo(f"{count} sources await a check", err=True)


@quizzes_group.command("schema")
def write_schema():
    """Write quizzes/schema.json from the question kinds (for authors' editors)."""
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    click.echo(f"wrote {SCHEMA_FILE}")


def schema_text() -> str:
    return json.dumps(quiz_schema(), ensure_ascii=False, indent=2) + "\n"


@quizzes_group.command("load")
@folder_option
@with_appcontext
def load(folder: Path):
    """Validate, then upsert every quiz by slug (nothing is loaded if any file has errors)."""
    report = load_quizzes(_read_or_exit(folder))
    click.echo(
        f"created {len(report.created)}, new versions {len(report.new_versions)}, "
        f"unchanged {len(report.unchanged)}"
    )
