"""Benchmark: a student's own rank + the region top-50, and the cost of one award, at size.

For each size in --sizes (students), a fresh migrated database is filled with bulk SQL (no
ORM, no award()): one institution per ~500 students, spread over the 20 seeded regions with
uneven weights (largest/smallest about 18x, in the rough shape of school enrolment); the
students (every NOT NULL column of `users`, ~97% listed on boards); about --awards ledger
rows each in `point_entries` (25..75 per student for the default 50: quiz completions,
correct answers, perfect scores, live games and podiums, events, debates, volunteering, with
the amounts of rules.yaml), spread over the last 70 days; and the maintained aggregates as
award() would have left them: `point_totals` for `all`, this school year, this month and
this week (only students with rows in the period; points = sum, reached_at = the student's
last row in it, institution/region/listed copied) and `institution_totals` per institution
and period. Not generated: daily_points, activity_weeks, badge_awards (the award below
creates what it needs). Values come from a table of --seed random numbers written from
Python, so both backends get the same data. With --ledger-students N the ledger is written
for the first N students only; the aggregates are still computed for everyone from the same
rows (boards read only aggregates; the award pays into the ledger's unique index, whose size
this sets). The default writes the whole ledger: 1M students took ~6 minutes on each backend.
PostgreSQL loads in one transaction with session_replication_role=replica (foreign-key
triggers off: the data is consistent by construction), then VACUUM ANALYZE; SQLite loads in
one transaction (synchronous=OFF on the loading connection only), then ANALYZE. A sample of
students' aggregates is checked against their ledger rows.

Then, in this process, each over --samples runs after 10 warm-up runs (time.perf_counter):
  - board: queries.student_board(Scope.REGION, region, period, viewer) for a random student
    and that student's region, for period `all` and for this week; the session is removed
    before each run (as at the end of a request), so nothing comes from the identity map and
    each run checks a connection out of the pool (pool_pre_ping: one extra round trip).
    Before timing, a few boards are checked against a window-function query: the top rows
    and their order, and the viewer's rank (1 + listed students of the region ahead).
    Also timed: the worst viewer, the last-ranked student of the largest region (`all`).
  - award: award(student, QUIZ_COMPLETION, key=<new key>, reason="bench") + commit, for
    random students with ledger rows: the whole cost with totals, daily cap, weekly activity
    and badges. No badge_awards are generated, so the first award to a student also checks
    the four badges a quiz completion can complete and issues those its ledger already earns
    (first-quiz, quiz-explorer, volunteer-ready; about 3 a student); "award again" repeats it
    for the same students with those badges held (only streak-4 is still checked).
At the largest size the captured SQL of the top-50 and rank queries is explained (PostgreSQL:
EXPLAIN (ANALYZE, BUFFERS); SQLite: EXPLAIN QUERY PLAN).

    .venv/bin/python bench/leaderboard.py
    .venv/bin/python bench/leaderboard.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_leaderboard

Without --database-url each size uses a new SQLite file in a temporary folder, deleted after
the size. A PostgreSQL database named in the URL must not exist: the script creates it for
each size (connecting to the `postgres` database) and drops it afterwards, also on error or
SIGTERM. Never a test.
"""

# The generation SQL is assembled from this file's constants and integers, never from input:
# ruff: noqa: S608
import argparse
import os
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("APP_ENV", "development")

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.core.time import ALMATY  # noqa: E402
from app.core.types import UTCDateTime  # noqa: E402
from app.extensions import db  # noqa: E402
from app.gamification import queries  # noqa: E402
from app.gamification.models import BadgeAward, PointSource  # noqa: E402
from app.gamification.periods import Period, period_keys, school_year, week_start  # noqa: E402
from app.gamification.queries import Scope  # noqa: E402
from app.gamification.services import award  # noqa: E402
from bench.databases import fresh_database  # noqa: E402

STUDENTS_PER_INSTITUTION = 500
SPREAD_DAYS = 70  # ledger rows fall in the last ten weeks
RANDOM_ROWS = 2**20  # the table of random numbers every generated value is drawn from
WARM_UP = 10
CHECKS = 5  # boards checked against a window-function query, per period

# Region weights in the order of the seeded regions (migration 0001): uneven, largest
# (Turkistan) about 18 times the smallest (Ulytau), roughly as school enrolment is.
REGION_WEIGHTS = [90, 95, 170, 300, 130, 130, 230, 90, 200, 100]
REGION_WEIGHTS += [170, 170, 60, 100, 550, 30, 120, 250, 330, 280]

# Ledger rows by bucket of r1 % 100: (kind, amount SQL, key prefix). `c` is r2 % 12 + 1.
LEDGER_MIX = [
    (32, "quiz_completion", "50", "q"),
    (28, "quiz_correct_answer", "10 * (r.r2 % 12 + 1)", "q"),
    (8, "quiz_perfect_score", "25", "q"),
    (12, "live_participation", "30", "live-"),
    (3, "live_placement", "50 * (3 - r.r2 % 3)", "live-"),
    (5, "event_checkin", "100", "event-"),
    (5, "debate_participation", "40", "debate-"),
    (3, "debate_win", "30", "debate-"),
    (1, "debate_best_speaker", "100", "tournament-"),
    (3, "volunteer_activity", "200", "volunteer-"),
]


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- generation ------------------------------------------------------------------------------


@dataclass
class Moments:
    """The generation's clock, in epoch seconds (UTC), and the period keys it falls in."""

    now: datetime
    keys: dict
    week: int = 0
    month: int = 0
    year: int = 0

    @classmethod
    def at(cls, now: datetime) -> "Moments":
        day = now.astimezone(ALMATY).date()

        def start(first_day) -> int:
            return int(datetime.combine(first_day, clock(0), ALMATY).timestamp())

        return cls(
            now=now,
            keys=period_keys(now),
            week=start(week_start(day)),
            month=start(day.replace(day=1)),
            year=start(day.replace(year=school_year(day), month=9, day=1)),
        )


class Loader:
    """Runs the generation SQL on one raw connection, in one transaction."""

    def __init__(self, url: str):
        self.url = sa.engine.make_url(url)
        self.postgres = self.url.get_backend_name() == "postgresql"
        if self.postgres:
            self.connection = psycopg.connect(
                host=self.url.host,
                port=self.url.port,
                user=self.url.username,
                password=self.url.password,
                dbname=self.url.database,
            )
            self.run("SET session_replication_role = replica")  # no FK triggers
            self.run("SET work_mem = '512MB'")
            self.run("SET maintenance_work_mem = '1GB'")
        else:
            self.connection = sqlite3.connect(self.url.database, isolation_level=None)
            self.run("PRAGMA synchronous = OFF")
            self.run("PRAGMA cache_size = -1000000")  # 1 GB for the loading connection
            self.run("BEGIN")

    def run(self, statement: str, params: dict | None = None):
        if not self.postgres:
            return self.connection.execute(statement, params or {})
        if params:  # psycopg's placeholders: %(name)s, and %% for a literal %
            statement = re.sub(r":(\w+)", r"%(\1)s", statement.replace("%", "%%"))
        return self.connection.execute(statement, params)

    def scalar(self, statement: str, params: dict | None = None):
        return self.run(statement, params).fetchone()[0]

    def epoch_to_datetime(self, seconds: str) -> str:
        """SQL for a naive UTC datetime as SQLAlchemy stores it on this backend."""
        if self.postgres:
            return f"(to_timestamp({seconds}) AT TIME ZONE 'UTC')"
        return f"(datetime({seconds}, 'unixepoch') || '.000000')"

    def numbers(self, count: str) -> str:
        if self.postgres:
            return f"generate_series(1, {count}) AS n(j)"
        return (
            f"(WITH RECURSIVE c(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM c WHERE j < {count}) "
            "SELECT j FROM c) AS n"
        )

    def random_table(self, seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - reproducible bench data, not secrets
        rows = [(i, *(rng.getrandbits(31) for _ in range(3))) for i in range(RANDOM_ROWS)]
        self.run(
            "CREATE TEMP TABLE rnd (i INTEGER PRIMARY KEY, r1 INTEGER, r2 INTEGER, r3 INTEGER)"
        )
        if self.postgres:
            with self.connection.cursor().copy("COPY rnd FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            self.connection.executemany("INSERT INTO rnd VALUES (?, ?, ?, ?)", rows)

    def commit(self) -> None:
        if self.postgres:
            self.connection.commit()
        else:
            self.run("COMMIT")

    def analyze(self) -> None:
        if self.postgres:
            self.connection.autocommit = True
            self.run("VACUUM ANALYZE")
        else:
            self.run("ANALYZE")

    def close(self) -> None:
        self.connection.close()


# The random row of a student, and of a student's j-th ledger row.
STUDENT_RANDOM = f"(s.id * 2654435761) % {RANDOM_ROWS}"
ROW_RANDOM = f"(CAST(s.id AS BIGINT) * 7919 + n.j * 104729) % {RANDOM_ROWS}"


def ledger_columns(moments: Moments) -> dict[str, str]:
    """SQL for each column of a virtual ledger row, from students s, numbers n, rnd r."""
    kind, amount, prefix = ["CASE"], ["CASE"], ["CASE"]
    bound = 0
    for share, source, points, key_prefix in LEDGER_MIX:
        bound += share
        kind.append(f"WHEN r.r1 % 100 < {bound} THEN '{source}'")
        amount.append(f"WHEN r.r1 % 100 < {bound} THEN {points}")
        prefix.append(f"WHEN r.r1 % 100 < {bound} THEN '{key_prefix}'")
    for parts, last in ((kind, "'quiz_completion'"), (amount, "50"), (prefix, "'q'")):
        parts.append(f"ELSE {last} END")
    return {
        "kind": " ".join(kind),
        "amount": " ".join(amount),
        "key": f"({' '.join(prefix)}) || CAST(n.j * 7 + r.r2 % 7 AS TEXT)",
        "at": f"({int(moments.now.timestamp()) - 60} - r.r3 % {SPREAD_DAYS * 86400})",
    }


def virtual_ledger(loader: Loader, students_where: str = "") -> str:
    """Students s x their rows n (in student order) x the rows' random numbers r."""
    if loader.postgres:
        rows = "CROSS JOIN LATERAL generate_series(1, s.k) AS n(j)"
    else:
        rows = "JOIN nums n ON n.j <= s.k"
    return f"FROM bench_students s {rows} JOIN rnd r ON r.i = {ROW_RANDOM} {students_where}"


@dataclass
class Generated:
    students: int
    institutions: int
    ledger_rows: int
    ledger_students: int
    region_sizes: dict
    seconds: dict = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def generate(
    url: str, students: int, awards: int, ledger_students: int, seed: int, moments: Moments
) -> Generated:
    loader = Loader(url)
    try:
        return _generate(loader, students, awards, ledger_students, seed, moments)
    finally:
        loader.close()


def _generate(loader, students, awards, ledger_students, seed, moments) -> Generated:
    seconds = {}
    started = time.perf_counter()
    loader.random_table(seed)
    seconds["random numbers"] = time.perf_counter() - started
    started = time.perf_counter()
    most = awards // 2 + awards  # k = awards // 2 + r % (awards + 1)
    loader.run("CREATE TEMP TABLE nums (j INTEGER PRIMARY KEY)")
    loader.run(f"INSERT INTO nums (j) SELECT j FROM {loader.numbers(str(most))}")

    # Institutions: regions drawn by weight; names unique; mostly schools.
    rng = random.Random(seed)  # noqa: S311 - reproducible bench data
    region_ids = [row[0] for row in loader.run("SELECT id FROM regions ORDER BY id").fetchall()]
    institutions = max(1, round(students / STUDENTS_PER_INSTITUTION))
    created = moments.now.replace(tzinfo=None) - timedelta(days=400)
    if not loader.postgres:
        created = created.strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores it
    kinds = ["school"] * 17 + ["college"] * 2 + ["university"]
    rows = [
        {
            "id": i,
            "name": f"Bench {kind} No. {i}",
            "kind": kind,
            "region_id": rng.choices(region_ids, REGION_WEIGHTS)[0],
            "created_at": created,
        }
        for i in range(1, institutions + 1)
        for kind in [rng.choice(kinds)]
    ]
    for row in rows:
        loader.run(
            "INSERT INTO institutions (id, name, kind, region_id, created_at) "
            "VALUES (:id, :name, :kind, :region_id, :created_at)",
            row,
        )

    # The students, with what the ledger needs of them: institution, region, listed, rows.
    loader.run(
        "CREATE TEMP TABLE bench_students (id INTEGER PRIMARY KEY, institution_id INTEGER, "
        "region_id INTEGER, listed BOOLEAN, k INTEGER)"
    )
    loader.run(
        "INSERT INTO bench_students (id, institution_id, region_id, listed, k) "
        f"SELECT s.id, i.id, i.region_id, r.r2 % 100 < 97, {awards // 2} + r.r3 % {awards + 1} "
        f"FROM (SELECT j AS id FROM {loader.numbers(str(students))}) AS s "
        f"JOIN rnd r ON r.i = {STUDENT_RANDOM} "
        f"JOIN institutions i ON i.id = 1 + r.r1 % {institutions} "
        "ORDER BY s.id"
    )
    joined = loader.epoch_to_datetime(str(int(moments.now.timestamp()) - 200 * 86400))
    loader.run(
        "INSERT INTO users (id, login, password_hash, must_change_password, display_name, "
        "full_name, birth_year, locale, institution_id, created_at, session_token, "
        "show_on_boards) "
        "SELECT s.id, 'bench-' || substr(CAST(10000000 + s.id AS TEXT), 2), "
        "'bench-not-a-password-hash', 1 = 0, 'Student ' || CAST(s.id AS TEXT), "
        "'Bench Student ' || CAST(s.id AS TEXT), 2005 + s.id % 12, 'kk', s.institution_id, "
        f"{joined}, 'bench-session-' || CAST(s.id AS TEXT), s.listed "
        "FROM bench_students s ORDER BY s.id"
    )
    if loader.postgres:
        for table in ("users", "institutions"):
            loader.run(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    seconds["students"] = time.perf_counter() - started

    started = time.perf_counter()
    column = ledger_columns(moments)
    loader.run(
        "INSERT INTO point_entries (user_id, amount, source_kind, source_key, reason, "
        "created_at) "
        f"SELECT s.id, {column['amount']}, {column['kind']}, {column['key']}, "
        f"'bench: ' || ({column['kind']}), {loader.epoch_to_datetime(column['at'])} "
        f"{virtual_ledger(loader, f'WHERE s.id <= {ledger_students}')}"
        f"{'' if loader.postgres else ' ORDER BY s.id, n.j'}"  # SQLite: no sort, the loop order
    )
    ledger_rows = loader.scalar("SELECT count(*) FROM point_entries")
    seconds["ledger"] = time.perf_counter() - started

    # The aggregates, from the same virtual rows for every student.
    started = time.perf_counter()
    sums = []
    for name in ("year", "month", "week"):
        since = getattr(moments, name)
        at_or_null = f"CASE WHEN {column['at']} >= {since} THEN {column['at']} END"
        sums.append(f"sum(CASE WHEN {column['at']} >= {since} THEN {column['amount']} END) ")
        sums[-1] += f"AS {name}_points, max({at_or_null}) AS {name}_at"
    loader.run(
        "CREATE TEMP TABLE bench_sums AS "
        f"SELECT s.id AS user_id, sum({column['amount']}) AS all_points, "
        f"max({column['at']}) AS all_at, {', '.join(sums)} "
        f"{virtual_ledger(loader)} GROUP BY s.id"
    )
    for name, period in (
        ("all", moments.keys[Period.ALL]),
        ("year", moments.keys[Period.YEAR]),
        ("month", moments.keys[Period.MONTH]),
        ("week", moments.keys[Period.WEEK]),
    ):
        loader.run(
            "INSERT INTO point_totals (user_id, period, points, reached_at, institution_id, "
            "region_id, listed) "
            f"SELECT t.user_id, :period, t.{name}_points, "
            f"{loader.epoch_to_datetime(f't.{name}_at')}, s.institution_id, s.region_id, "
            f"s.listed FROM bench_sums t JOIN bench_students s ON s.id = t.user_id "
            f"WHERE t.{name}_points IS NOT NULL ORDER BY t.user_id",
            {"period": period},
        )
    loader.run(
        "INSERT INTO institution_totals (institution_id, period, points, active_students, "
        "reached_at) "
        "SELECT institution_id, period, sum(points), count(*), max(reached_at) "
        "FROM point_totals GROUP BY institution_id, period"
    )
    region_sizes = dict(
        loader.run(
            "SELECT region_id, count(*) FROM bench_students GROUP BY region_id ORDER BY 2 DESC"
        ).fetchall()
    )
    loader.commit()
    seconds["aggregates"] = time.perf_counter() - started

    started = time.perf_counter()
    loader.analyze()
    seconds["analyze"] = time.perf_counter() - started
    return Generated(students, institutions, ledger_rows, ledger_students, region_sizes, seconds)


def check_aggregates(moments: Moments, ledger_students: int, seed: int) -> None:
    """A sample of students: each maintained total equals the sum of their ledger rows."""
    rng = random.Random(seed + 1)  # noqa: S311
    checked = 0
    for user_id in rng.sample(range(1, ledger_students + 1), min(50, ledger_students)):
        for period, since in (
            (moments.keys[Period.ALL], None),
            (moments.keys[Period.MONTH], moments.month),
            (moments.keys[Period.WEEK], moments.week),
        ):
            moment = datetime.fromtimestamp(since or 0, UTC)
            ledger = db.session.execute(
                sa.text(
                    "SELECT sum(amount), max(created_at) FROM point_entries "
                    "WHERE user_id = :user_id AND created_at >= :since"
                ).bindparams(sa.bindparam("since", type_=UTCDateTime)),
                {"user_id": user_id, "since": moment},
            ).one()
            total = db.session.execute(
                sa.text(
                    "SELECT points, reached_at FROM point_totals "
                    "WHERE user_id = :user_id AND period = :period"
                ),
                {"user_id": user_id, "period": period},
            ).one_or_none()
            expected = (None, None) if ledger[0] is None else (ledger[0], str(ledger[1]))
            got = (None, None) if total is None else (total[0], str(total[1]))
            if expected != got:
                sys.exit(f"FAILED: user {user_id} {period}: ledger {expected}, totals {got}")
            checked += 1
    institution_mismatch = db.session.scalar(
        sa.text(
            "SELECT count(*) FROM institution_totals i JOIN (SELECT institution_id, period, "
            "sum(points) AS points, count(*) AS n FROM point_totals "
            "GROUP BY institution_id, period) t ON t.institution_id = i.institution_id "
            "AND t.period = i.period WHERE t.points <> i.points OR t.n <> i.active_students"
        )
    )
    if institution_mismatch:
        sys.exit(f"FAILED: {institution_mismatch} institution totals differ from point totals")
    db.session.remove()
    print(f"  checked: {checked} student totals = their ledger sums; institution totals match")


# --- measuring -------------------------------------------------------------------------------


def expected_board(region_id: int, period: str, viewer_id: int) -> tuple[list[int], int | None]:
    """The top 50 and the viewer's rank, straight from a window function over the region."""
    rows = db.session.execute(
        sa.text(
            "SELECT user_id, listed, row_number() OVER "
            "(ORDER BY points DESC, reached_at, user_id) AS place FROM point_totals "
            "WHERE period = :period AND region_id = :region AND (listed OR user_id = :viewer)"
        ),
        {"period": period, "region": region_id, "viewer": viewer_id},
    ).all()
    listed = [user_id for user_id, is_listed, _ in sorted(rows, key=lambda r: r[2]) if is_listed]
    mine = next((row for row in rows if row[0] == viewer_id), None)
    if mine is None:
        return listed[:50], None
    ahead = sum(1 for user_id, is_listed, place in rows if is_listed and place < mine[2])
    return listed[:50], ahead + 1


def check_board(region_id: int, period: str, viewer_id: int) -> None:
    board = queries.student_board(Scope.REGION, region_id, period, viewer_id)
    points = [row.points for row in board.rows]
    top, rank = expected_board(region_id, period, viewer_id)
    db.session.remove()
    problems = []
    if points != sorted(points, reverse=True):
        problems.append("rows not sorted by points")
    if [row.user_id for row in board.rows] != top:
        problems.append("top rows differ from the window-function query")
    if board.me is None or board.me.rank != rank:
        problems.append(f"rank {board.me and board.me.rank}, expected {rank}")
    if problems:
        sys.exit(f"FAILED: region {region_id} {period} viewer {viewer_id}: {problems}")


def timed(runs: list, step) -> list[float]:
    """Run step(*args) for each args in runs, the session removed first; seconds of each."""
    seconds = []
    for args in runs:
        db.session.remove()
        started = time.perf_counter()
        step(*args)
        seconds.append(time.perf_counter() - started)
    db.session.remove()
    return seconds


@dataclass
class Figures:
    p50: float
    p95: float

    @classmethod
    def of(cls, seconds: list[float]) -> "Figures":
        ordered = sorted(seconds)
        return cls(1000 * percentile(ordered, 0.5), 1000 * percentile(ordered, 0.95))

    def __str__(self) -> str:
        return f"{self.p50:.2f} / {self.p95:.2f}"


def region_of_students(user_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        sa.text(
            "SELECT u.id, i.region_id FROM users u JOIN institutions i ON i.id = u.institution_id "
            "WHERE u.id IN :ids"
        ).bindparams(sa.bindparam("ids", expanding=True)),
        {"ids": sorted(set(user_ids))},
    ).all()
    return dict(rows)


def last_of_region(region_id: int, period: str) -> int:
    return db.session.scalar(
        sa.text(
            "SELECT user_id FROM point_totals WHERE period = :period AND region_id = :region "
            "AND listed ORDER BY points, reached_at DESC, user_id DESC LIMIT 1"
        ),
        {"period": period, "region": region_id},
    )


def measure_boards(generated: Generated, moments: Moments, samples: int, seed: int) -> dict:
    rng = random.Random(seed + 2)  # noqa: S311
    figures = {}
    periods = {"all": moments.keys[Period.ALL], "week": moments.keys[Period.WEEK]}
    for label, period in periods.items():
        viewers = [rng.randint(1, generated.students) for _ in range(WARM_UP + samples)]
        region = region_of_students(viewers)
        runs = [(Scope.REGION, region[viewer], period, viewer) for viewer in viewers]
        for _scope, region_id, _period, viewer in runs[:CHECKS]:
            check_board(region_id, period, viewer)
        timed(runs[:WARM_UP], queries.student_board)
        figures[label] = Figures.of(timed(runs[WARM_UP:], queries.student_board))
        without_rank = sum(
            1
            for _scope, region_id, _period, viewer in runs[WARM_UP : WARM_UP + 50]
            if queries.student_board(Scope.REGION, region_id, period, viewer).me.rank is None
        )
        db.session.remove()
        print(
            f"  board {label:<4} ({period}): p50 / p95 {figures[label]} ms over {samples} "
            f"random viewers ({CHECKS} checked; {without_rank} of 50 with no points in it)"
        )
    largest = next(iter(generated.region_sizes))
    last = last_of_region(largest, periods["all"])
    check_board(largest, periods["all"], last)
    worst = [(Scope.REGION, largest, periods["all"], last)] * (WARM_UP + min(samples, 100))
    timed(worst[:WARM_UP], queries.student_board)
    figures["worst"] = Figures.of(timed(worst[WARM_UP:], queries.student_board))
    with captured_statements() as statements:
        queries.student_board(*worst[0])
    db.session.remove()
    print(
        f"  board all, the last of the largest region ({generated.region_sizes[largest]} "
        f"students, viewer {last}): p50 / p95 {figures['worst']} ms over {len(worst) - WARM_UP} "
        f"({len(statements)} SQL statements: top 50, user, own total, rank)"
    )
    return figures


def measure_awards(generated: Generated, samples: int, seed: int) -> dict:
    rng = random.Random(seed + 3)  # noqa: S311
    students = rng.sample(range(1, generated.ledger_students + 1), WARM_UP + samples)
    counter = iter(range(10**9))

    def pay(user_id: int) -> None:
        if not award(user_id, PointSource.QUIZ_COMPLETION, f"bench-{next(counter)}", "bench"):
            sys.exit(f"FAILED: award to {user_id} was refused as paid before")
        db.session.commit()

    figures = {}
    badges_before = db.session.scalar(sa.select(sa.func.count(BadgeAward.id)))
    for label in ("award", "again"):
        runs = [(user_id,) for user_id in students]
        timed(runs[:WARM_UP], pay)
        figures[label] = Figures.of(timed(runs[WARM_UP:], pay))
        badges = db.session.scalar(sa.select(sa.func.count(BadgeAward.id)))
        db.session.remove()
        print(
            f"  {'award' if label == 'award' else 'award again':<11} p50 / p95 "
            f"{figures[label]} ms over {samples} students ({badges - badges_before} badges "
            "issued by these awards and their warm-up)"
        )
        badges_before = badges
    extra = rng.sample(range(1, generated.ledger_students + 1), 1)[0]
    for label in ("first award to a student", "second award"):
        with captured_statements() as statements:
            pay(extra)
        db.session.remove()
        print(f"  {label}: {len(statements)} SQL statements (savepoints included)")
    return figures


# --- query plans -----------------------------------------------------------------------------


@contextmanager
def captured_statements():
    statements = []

    def capture(_conn, _cursor, statement, parameters, _context, _executemany):
        statements.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", capture)


def explain_board(label: str, region_id: int, period: str, viewer_id: int) -> None:
    db.session.remove()
    with captured_statements() as statements:
        queries.student_board(Scope.REGION, region_id, period, viewer_id)
    db.session.remove()
    wanted = [
        ("top-50 query", next((s for s in statements if "LIMIT" in s[0]), None)),
        ("rank query (two counts)", next((s for s in statements if "count(*)" in s[0]), None)),
    ]
    postgres = db.engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    print(f"\n  {label}: region {region_id}, period {period}, viewer {viewer_id}")
    with db.engine.connect() as connection:
        for name, captured in wanted:
            if captured is None:
                print(f"  -- {name}: not run (the viewer is in the top 50)")
                continue
            statement, parameters = captured
            print(f"  -- {name}:\n     {' '.join(statement.split())}\n     {parameters}")
            plan = connection.exec_driver_sql(prefix + statement, parameters).all()
            for row in plan:
                print("     " + (row[0] if postgres else f"{row[0]:>3} {row[1]:>3}  {row[3]}"))


def explain(generated: Generated, moments: Moments, seed: int) -> None:
    rng = random.Random(seed + 4)  # noqa: S311
    viewer = rng.randint(1, generated.students)
    region = region_of_students([viewer])[viewer]
    everything, week = moments.keys[Period.ALL], moments.keys[Period.WEEK]
    largest = next(iter(generated.region_sizes))
    explain_board("a random viewer", region, everything, viewer)
    explain_board(
        "the last of the largest region", largest, everything, last_of_region(largest, everything)
    )
    explain_board("the last of the largest region", largest, week, last_of_region(largest, week))


# --- databases and main ----------------------------------------------------------------------


def database_size() -> str:
    if db.engine.dialect.name != "postgresql":
        return f"database file {Path(db.engine.url.database).stat().st_size / 2**30:.2f} GiB"
    size, ledger = db.session.execute(
        sa.text(
            "SELECT pg_database_size(current_database()), pg_total_relation_size('point_entries')"
        )
    ).one()
    db.session.remove()
    return f"database {size / 2**30:.2f} GiB, the ledger with its indexes {ledger / 2**30:.2f} GiB"


@dataclass
class Row:
    backend: str
    generated: Generated
    boards: dict
    awards: dict


def bench_size(url: str, args, students: int, largest: bool) -> Row:
    ledger_students = min(students, args.ledger_students or students)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
        moments = Moments.at(datetime.now(UTC))
        generated = generate(url, students, args.awards, ledger_students, args.seed, moments)
        sizes = list(generated.region_sizes.values())
        print(
            f"  generated: {students} students in {generated.institutions} institutions "
            f"(regions {max(sizes)} .. {min(sizes)} students), {generated.ledger_rows} ledger "
            f"rows for students 1..{ledger_students}, totals for all {students}; week "
            f"{moments.keys[Period.WEEK]}, month {moments.keys[Period.MONTH]}, year "
            f"{moments.keys[Period.YEAR]}"
        )
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in generated.seconds.items())
        print(f"  generation {generated.total_seconds:.1f} s ({parts}); {database_size()}")
        counts = db.session.execute(
            sa.text("SELECT period, count(*) FROM point_totals GROUP BY period ORDER BY period")
        ).all()
        print(f"  point_totals rows: {', '.join(f'{p} {n}' for p, n in counts)}")
        check_aggregates(moments, ledger_students, args.seed)
        boards = measure_boards(generated, moments, args.samples, args.seed)
        if largest:
            explain(generated, moments, args.seed)
        awards = measure_awards(generated, args.samples, args.seed)
        backend = db.engine.dialect.name
        db.session.remove()
        db.engine.dispose()
    return Row(backend, generated, boards, awards)


def print_table(rows: list[Row]) -> None:
    print(
        "\n| backend | students | ledger rows | generation s | board all p50 / p95 ms "
        "| board week p50 / p95 ms | award p50 / p95 ms | award again p50 / p95 ms "
        "| last of largest region p50 / p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row.backend} | {row.generated.students:,} | {row.generated.ledger_rows:,} "
            f"| {row.generated.total_seconds:.0f} | {row.boards['all']} | {row.boards['week']} "
            f"| {row.awards['award']} | {row.awards['again']} | {row.boards['worst']} |"
        )


def stop_on_sigterm(_signum, _frame):
    raise SystemExit("stopped by SIGTERM")  # runs the finally blocks: databases are dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to create, use and drop (default: temporary SQLite files)",
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="students, comma-separated")
    parser.add_argument("--awards", type=int, default=50, help="ledger rows per student (mean)")
    parser.add_argument(
        "--ledger-students",
        type=int,
        help="write ledger rows only for students 1..N (aggregates still for everyone)",
    )
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.database_url and not args.database_url.startswith("postgresql"):
        parser.error("--database-url must be a postgresql+psycopg:// URL")
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.awards < 2 or min(sizes) < 1000:
        parser.error("--awards must be at least 2 and each size at least 1000")
    signal.signal(signal.SIGTERM, stop_on_sigterm)

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M')}, seed {args.seed}"
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-leaderboard-") as tmp:
        for students in sizes:
            with fresh_database(args.database_url, Path(tmp), f"students-{students}") as url:
                backend = sa.engine.make_url(url).get_backend_name()
                print(f"\n{backend}, {students} students:")
                rows.append(bench_size(url, args, students, students == max(sizes)))
            print_table(rows)  # so far, in case a later size fails
    print("\nfinal:")
    print_table(rows)


if __name__ == "__main__":
    main()
