"""Benchmark: server time of every dashboard page on the national data set.

Run it on a database that `flask demo --scale national` filled (SQLite or PostgreSQL):

    DATABASE_URL=sqlite:////tmp/national.db .venv/bin/python bench/dashboard.py
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/national_demo \\
        .venv/bin/python bench/dashboard.py

Each page is requested through the app in this process (Flask's test client: the whole
request, routing to rendered HTML or CSV, with the real database; no network), signed in as
the national organizer ``organizer-kz``, the Astana organizer ``organizer`` or the demo
``teacher``. The first request of the day brings the summary up to yesterday; that catch-up
is timed on its own first (``--rebuild`` forgets the summary, to time building it all).
Never a test: it prints figures for bench/RESULTS.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "development")

import sqlalchemy as sa  # noqa: E402

from app import create_app  # noqa: E402
from app.core.time import ALMATY, utcnow  # noqa: E402
from app.dashboard import summary  # noqa: E402
from app.dashboard.periods import month_period, parse_period  # noqa: E402
from app.extensions import db  # noqa: E402
from app.gamification.models import PointEntry  # noqa: E402


def pages(year: str, month: str, previous_year: str) -> list[tuple[str, str]]:
    """(who, url): what organizers and teachers open before a briefing."""
    national = [
        f"/dashboard?period={year}",
        f"/dashboard?period={month}",
        f"/dashboard?period={previous_year}",
        f"/dashboard?period={year}&sort=points_per_student",
        f"/dashboard/report?period={year}",
        f"/dashboard/export/table.csv?period={year}",
        f"/dashboard/export/funnel.csv?period={year}",
    ]
    regional = [
        f"/dashboard?region=astana&period={year}",
        f"/dashboard?region=astana&period={month}",
        f"/dashboard/export/table.csv?region=astana&period={year}",
    ]
    return (
        [("organizer-kz", url) for url in national]
        + [("organizer", url) for url in regional]
        + [("teacher", "/dashboard/classes")]
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def sign_in(app, login: str):
    client = app.test_client()
    from app.accounts.models import User

    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.login == login))
        if user is None:
            sys.exit(f"no account {login!r}: run `flask demo --scale national` first")
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user.get_id(), True
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="requests per page")
    parser.add_argument("--rebuild", action="store_true", help="time building the summary")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("set DATABASE_URL to a database filled by `flask demo --scale national`")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    today = utcnow().astimezone(ALMATY).date()
    year = parse_period("", today)
    with app.app_context():
        ledger_rows = db.session.scalar(sa.select(sa.func.count()).select_from(PointEntry))
        print(f"database: {db.engine.url.get_backend_name()}, ledger rows: {ledger_rows:,}")
        started = time.perf_counter()
        through = summary.rebuild(today) if args.rebuild else summary.refresh(today)
        what = "built from nothing" if args.rebuild else "brought up to date"
        print(f"summary {what} (through {through}): {time.perf_counter() - started:.2f} s")
    clients = {}
    print(f"{'page':<62} {'who':<13} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for who, page in pages(year.key, month_period(today).key, year.previous().key):
        client = clients.get(who) or clients.setdefault(who, sign_in(app, who))
        assert client.get(page).status_code == 200, page  # warm: templates, caches
        timings = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            response = client.get(page)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, page
        print(
            f"{page:<62} {who:<13} {statistics.median(timings):8.1f} "
            f"{percentile(timings, 0.95):8.1f} {max(timings):8.1f}"
        )


if __name__ == "__main__":
    main()
