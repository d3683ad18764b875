"""Benchmark: importing a 500-question Moodle XML file, and a 500-row Kahoot sheet.

Moodle: QUESTIONS questions of every kind Moodle XML carries (the mix below; texts in kk, ru
and en of the curriculum's lengths; one case study every 25 questions), written by
to_moodle_xml. Timed on their own:
  - parse: parse_moodle_xml(bytes, "kk"), what the import form runs on the upload;
  - save: editor.create_imported_quiz(...) of the parsed questions into a fresh migrated
    database, the one transaction that stores the draft (a new quiz each round).
Kahoot: QUESTIONS rows (single and multiple choice, four answers, Russian texts near
Kahoot's limits of 120 and 75 characters) written by to_kahoot_xlsx; parse_kahoot (the zip
checks, openpyxl read-only, the rows) and the same save.

Each figure is the median of ROUNDS rounds. Without --database-url the database is a new
SQLite file in a temporary folder; a PostgreSQL database named in the URL must not exist (it
is created for the run and dropped afterwards). Never a test.

    .venv/bin/python bench/import_moodle.py
    .venv/bin/python bench/import_moodle.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_import
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "development")

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts.models import User  # noqa: E402
from app.extensions import db  # noqa: E402
from app.quizzes import editor  # noqa: E402
from app.quizzes.interchange import (  # noqa: E402
    parse_kahoot,
    parse_moodle_xml,
    to_kahoot_xlsx,
    to_moodle_xml,
)
from bench.databases import fresh_database  # noqa: E402

QUESTIONS, ROUNDS = 500, 5
KINDS = ["single"] * 8 + ["multiple"] * 4 + ["true_false"] * 3 + ["poll"] + ["ordering"] * 2
KINDS += ["matching"] * 2  # 20 in all: 40 % single, 20 % multiple, 15 % true/false, ...
WORDS = {
    "kk": [
        "адалдық",
        "пара",
        "сыйлық",
        "мұғалім",
        "ерікті",
        "бақылау",
        "заң",
        "есеп",
        "мектеп",
        "шешім",
    ],
    "ru": [
        "честность",
        "взятка",
        "подарок",
        "учитель",
        "волонтёр",
        "контроль",
        "закон",
        "отчёт",
        "школа",
        "решение",
    ],
    "en": [
        "integrity",
        "bribe",
        "gift",
        "teacher",
        "volunteer",
        "control",
        "law",
        "report",
        "school",
        "decision",
    ],
}


def sentence(rng: random.Random, language: str, words: int) -> str:
    return " ".join(rng.choice(WORDS[language]) for _ in range(words)).capitalize()


def texts(rng: random.Random, words: int) -> dict:
    return {code: sentence(rng, code, words) for code in WORDS}


def moodle_quiz(rng: random.Random) -> tuple[list[dict], list[dict]]:
    cases, questions = [], []
    for number in range(1, QUESTIONS + 1):
        kind = KINDS[(number - 1) % len(KINDS)]
        question = {"id": f"q{number}", "type": kind, "text": texts(rng, 14)}
        if number % 25 == 1:
            cases.append({"id": f"case{len(cases) + 1}", "text": texts(rng, 40)})
        if number % 25 in (1, 2, 3):
            question["case"] = cases[-1]["id"]
        if kind == "true_false":
            question["answer"] = rng.random() < 0.5
        elif kind == "ordering":
            question["items"] = [{"id": k, "text": texts(rng, 5)} for k in "abcd"]
        elif kind == "matching":
            question["categories"] = [{"id": f"c{n}", "text": texts(rng, 2)} for n in (1, 2, 3)]
            question["items"] = [
                {"id": k, "text": texts(rng, 5), "match": f"c{rng.randint(1, 3)}"} for k in "abcd"
            ]
        else:
            count = rng.randint(3, 5)
            right = {
                "single": {rng.randrange(count)},
                "multiple": set(rng.sample(range(count), 2)),
                "poll": set(),
            }[kind]
            question["options"] = [
                {"id": k, "text": texts(rng, 5)} | ({"correct": True} if i in right else {})
                for i, k in enumerate("abcdef"[:count])
            ]
        question["explanation"] = texts(rng, 25)
        question["time_limit"] = rng.choice([20, 30, 45, 60])
        question["points"] = 0 if kind == "poll" else 100
        questions.append(question)
    return questions, cases


def kahoot_sheet(rng: random.Random) -> list[dict]:
    questions = []
    for number in range(1, QUESTIONS + 1):
        right = {0} if number % 3 else {0, 2}
        options = [
            {"id": k, "text": {"ru": sentence(rng, "ru", 6)[:75]}}
            | ({"correct": True} if i in right else {})
            for i, k in enumerate("abcd")
        ]
        questions.append(
            {
                "id": f"q{number}",
                "type": "single" if len(right) == 1 else "multiple",
                "text": {"ru": sentence(rng, "ru", 12)[:120]},
                "options": options,
                "explanation": {},
                "time_limit": 20,
                "points": 100,
            }
        )
    return questions


def median_time(action, rounds: int = ROUNDS) -> tuple[float, object]:
    timings, value = [], None
    for _round in range(rounds):
        started = time.perf_counter()
        value = action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), value


def run(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    rng = random.Random(20)  # noqa: S311 - made-up questions, the same every run
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        upgrade()
        # the quiz's owner; no password: nobody signs in here
        teacher = User(
            login="bench-teacher",
            password_hash="-",  # noqa: S106 - no password: nobody signs in
            display_name="Bench",
            full_name="Bench Teacher",
            session_token=secrets.token_hex(16),
        )
        db.session.add(teacher)
        db.session.commit()
        print(f"database: {db.engine.url.get_backend_name()}, median of {ROUNDS} rounds")

        questions, cases = moodle_quiz(rng)
        data = to_moodle_xml(questions, cases).encode()
        kinds = Counter(question["type"] for question in questions)
        print(
            f"Moodle XML: {QUESTIONS} questions ({', '.join(f'{k} {n}' for k, n in kinds.items())}),"
            f" {len(cases)} case studies, {len(data) / 1024:.0f} KiB"
        )
        seconds, result = median_time(lambda: parse_moodle_xml(data, "kk"))
        assert not result.errors and len(result.questions) == QUESTIONS, result.errors[:3]
        print(f"  parse: {1000 * seconds:.0f} ms ({1000 * seconds / QUESTIONS:.2f} ms a question)")
        seconds, _quiz = median_time(
            lambda: editor.create_imported_quiz(
                teacher.id, "Bench", "kk", result.questions, result.cases
            )
        )
        print(f"  save:  {1000 * seconds:.0f} ms ({1000 * seconds / QUESTIONS:.2f} ms a question)")

        sheet = to_kahoot_xlsx(kahoot_sheet(rng), "ru")
        print(f"Kahoot .xlsx: {QUESTIONS} rows, {len(sheet) / 1024:.0f} KiB")
        seconds, result = median_time(lambda: parse_kahoot(sheet, "ru"))
        assert not result.errors and len(result.questions) == QUESTIONS, result.errors[:3]
        print(f"  parse: {1000 * seconds:.0f} ms ({1000 * seconds / QUESTIONS:.2f} ms a row)")
        seconds, _quiz = median_time(
            lambda: editor.create_imported_quiz(teacher.id, "Bench", "ru", result.questions)
        )
        print(f"  save:  {1000 * seconds:.0f} ms ({1000 * seconds / QUESTIONS:.2f} ms a question)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL database to create (must not exist)")
    arguments = parser.parse_args()
    with fresh_database(arguments.database_url, Path(tempfile.mkdtemp()), "import") as url:
        run(url)


if __name__ == "__main__":
    main()
