"""Loading the curriculum into the database: upsert by slug, new versions on change."""

import shutil

import sqlalchemy as sa

from app.quizzes.content import CONTENT_DIR, read_folder, read_quiz
from app.quizzes.models import Question, Quiz
from app.quizzes.services import load_quizzes


def copy_content(tmp_path):
    folder = tmp_path / "quizzes"
    shutil.copytree(CONTENT_DIR, folder, ignore=shutil.ignore_patterns("*.json", "*.md"))
    return folder


def load(folder):
    quizzes, errors = read_folder(folder)
    assert errors == []
    return load_quizzes(quizzes)


def quiz(db, slug) -> Quiz:
    db.session.expire_all()
    return db.session.scalar(sa.select(Quiz).where(Quiz.slug == slug))


def test_loading_the_curriculum_creates_every_quiz_once(db, tmp_path):
    folder = copy_content(tmp_path)
    report = load(folder)
    assert len(report.created) == len(read_folder(CONTENT_DIR)[0]) and report.new_versions == []
    questions = sum(len(quiz.data["questions"]) for quiz in read_folder(CONTENT_DIR)[0])
    assert db.session.scalar(sa.select(sa.func.count(Question.id))) == questions
    again = load(folder)
    assert again.created == [] and again.new_versions == []
    assert len(again.unchanged) == len(report.created)
    assert [v.number for v in quiz(db, "what-is-corruption").versions] == [1]


def test_editing_a_question_makes_a_new_version_and_keeps_the_old_one(db, tmp_path):
    folder = copy_content(tmp_path)
    load(folder)
    old_question_ids = {q.id for q in quiz(db, "academic-integrity").current_version.questions}
    path = folder / "academic-integrity.yaml"
    text = path.read_text(encoding="utf-8")
    number = read_quiz(path)[0].data["version"]
    path.write_text(
        text.replace(f"version: {number}", f"version: {number + 1}", 1).replace(
            "\n    time_limit: 30", "\n    time_limit: 31", 1
        ),
        encoding="utf-8",
    )

    report = load(folder)
    assert report.new_versions == ["academic-integrity"]
    versions = quiz(db, "academic-integrity").versions
    assert [(v.number, v.source_version) for v in versions] == [(1, number), (2, number + 1)]
    assert {q.id for q in versions[0].questions} == old_question_ids  # answered questions stay
    assert not old_question_ids & {q.id for q in versions[1].questions}


def test_a_title_change_updates_in_place_without_a_new_version(db, tmp_path):
    folder = copy_content(tmp_path)
    load(folder)
    path = folder / "reporting-corruption.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'en: "How to report corruption"', 'en: "Reporting corruption"'
        ),
        encoding="utf-8",
    )
    report = load(folder)
    assert report.new_versions == []
    loaded = quiz(db, "reporting-corruption")
    assert loaded.title["en"] == "Reporting corruption"
    assert len(loaded.versions) == 1


def test_stored_questions_keep_types_answers_and_poll_scores(db, tmp_path):
    load(copy_content(tmp_path))
    questions = db.session.scalars(sa.select(Question)).all()
    polls = [q for q in questions if q.type == "poll"]
    assert polls and all(q.points == 0 for q in polls)
    true_false = [q for q in questions if q.type == "true_false"]
    assert true_false and all(set(q.body) == {"answer"} for q in true_false)
    singles = [q for q in questions if q.type == "single"]
    assert all(sum(option["correct"] for option in q.body["options"]) == 1 for q in singles)


def test_cli_load_loads_nothing_when_any_file_is_broken(app, db, tmp_path):
    folder = copy_content(tmp_path)
    (folder / "broken.yaml").write_text("slug: [unclosed\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["quizzes", "load", "--dir", str(folder)])
    assert result.exit_code == 1
    assert db.session.scalar(sa.select(sa.func.count(Quiz.id))) == 0
    (folder / "broken.yaml").unlink()
    result = app.test_cli_runner().invoke(args=["quizzes", "load", "--dir", str(folder)])
    assert result.exit_code == 0
    assert (
        f"created {len(read_folder(CONTENT_DIR)[0])}, new versions 0, unchanged 0" in result.output
    )
