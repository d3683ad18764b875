"""``flask quizzes validate``: check the curriculum files before they are loaded."""

from pathlib import Path

import click

from .content import CONTENT_DIR, read_folder


@click.group("quizzes")
def quizzes_group():
    """Work with the quiz files in the quizzes/ folder."""


@quizzes_group.command("validate")
@click.option(
    "--dir",
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=CONTENT_DIR,
    show_default=True,
    help="Folder of quiz YAML files.",
)
def validate(folder: Path):
    """Check every quiz file; print each error with file, line and question; exit 1 on any."""
    quizzes, errors = read_folder(folder)
    for error in errors:
        click.echo(str(error), err=True)
    questions = sum(len(quiz.data["questions"]) for quiz in quizzes)
    click.echo(f"{len(quizzes)} valid quizzes, {questions} questions, {len(errors)} errors")
    if errors:
        raise SystemExit(1)
