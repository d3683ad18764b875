"""Benchmark: creating a class's student accounts from a roster CSV.

Each account's one-time password is hashed with the production setting (scrypt), which is
deliberately slow; this shows how long a teacher waits for a class and for the largest file
we accept. Runs on a throwaway SQLite database (or DATABASE_URL if set). Never a test.

    .venv/bin/python bench/accounts.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "development")

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts import services  # noqa: E402
from app.accounts.models import Institution, InstitutionKind, SchoolClass  # noqa: E402
from app.accounts.roster import MAX_ROWS, parse_roster  # noqa: E402
from app.extensions import db  # noqa: E402

ROUNDS = 3


def roster(size: int) -> bytes:
    return "".join(f"Student{i} Surname{i},2011\n" for i in range(size)).encode()


def main() -> None:
    workdir = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL", f"sqlite:///{workdir}/bench.db")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        school = Institution(name="Bench school", kind=InstitutionKind.SCHOOL, region_id=1)
        db.session.add(school)
        db.session.commit()
        print(
            f"database: {db.engine.url.get_backend_name()}, one-time password hash: {app.config['ONE_TIME_PASSWORD_HASH_METHOD']}"
        )
        for size in (30, MAX_ROWS):
            timings = []
            for round_number in range(ROUNDS):
                klass = SchoolClass(
                    name=f"{size}-{round_number}",
                    institution=school,
                    join_code=f"B{size:03d}{round_number}",
                )
                db.session.add(klass)
                db.session.commit()
                rows = parse_roster(roster(size))
                started = time.perf_counter()
                services.create_students_from_roster(klass, rows, "kk")
                timings.append(time.perf_counter() - started)
            median = statistics.median(timings)
            print(
                f"{size:>4} students: median {median:.2f} s over {ROUNDS} rounds "
                f"({1000 * median / size:.0f} ms per account)"
            )


if __name__ == "__main__":
    main()
