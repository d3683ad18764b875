"""Benchmark: a wrong password costs the same whatever the account (issue 18, finding 12).

Times ``accounts.services.authenticate`` with the production hash settings for a login that
does not exist, an account with its own password, and an unclaimed printed slip (whose
hash is half the work), interleaved so that a noisy machine slows all three alike. The
figure that matters is each path's median as a ratio of the chosen-password path.
Runs on a throwaway SQLite database. Never a test.

    .venv/bin/python bench/sign_in_cost.py
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
from app.accounts.roster import RosterRow  # noqa: E402
from app.core.time import utcnow  # noqa: E402
from app.extensions import db  # noqa: E402

ROUNDS = 40


def main() -> None:
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        school = Institution(name="Bench school", kind=InstitutionKind.SCHOOL, region_id=1)
        klass = SchoolClass(name="7A", institution=school, join_code="BENCH7")
        db.session.add_all([school, klass])
        db.session.commit()
        [slip] = services.create_students_from_roster(klass, [RosterRow("Slip Holder", 2011)], "kk")
        chosen = services.create_students_from_roster(
            klass, [RosterRow("Own Password", 2011)], "kk"
        )[0]
        owner = services.user_by_login(chosen.login)
        services.change_password(owner, "a-chosen-password-9")
        paths = {
            "unknown login": "nobody-here",
            "chosen password": chosen.login,
            "unclaimed slip": slip.login,
        }
        services.authenticate("warm-up", "x", utcnow())  # the dummy hashes are made once
        timings = {name: [] for name in paths}
        for _ in range(ROUNDS):
            for name, login in paths.items():
                started = time.perf_counter()
                assert services.authenticate(login, "wrong-guess-1", utcnow()) is None
                timings[name].append(time.perf_counter() - started)
        print(
            f"hashes: {app.config['PASSWORD_HASH_METHOD']} (chosen), "
            f"{app.config['ONE_TIME_PASSWORD_HASH_METHOD']} (slips); {ROUNDS} rounds, interleaved"
        )
        base = statistics.median(timings["chosen password"])
        for name, values in timings.items():
            median = statistics.median(values)
            print(f"{name:>16}: median {1000 * median:6.1f} ms, {median / base:.2f} x chosen")


if __name__ == "__main__":
    main()
