"""``flask quizzes validate`` and ``flask quizzes load``: the curriculum files in quizzes/."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from .content import CONTENT_DIR, read_folder
from .services import load_quizzes

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
def validate(folder: Path):
    """Check every quiz file; print each error with file, line and question; exit 1 on any."""
    _read_or_exit(folder)


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
