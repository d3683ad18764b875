"""National-scale demo data (``flask demo --scale national``): what the dashboards are
benchmarked on.

A year and a bit of use, simulated day by day in Almaty time from 1 September 2025 to now:
institutions in all 20 regions, their teachers, classes and students; events with their
audiences and check-ins; live games; quiz attempts with every answer; debate tournaments;
volunteer applications and activities; organizers' corrections. Every payment is a ledger
row written exactly as ``gamification.award`` would write it (same source keys and reasons
as the events, live, quizzes, debates and volunteers services, daily caps applied in the
order the awards happen), and the maintained aggregates (point_totals, institution_totals,
daily_points, activity_weeks, badge_awards) are the ones ``award`` would have left, computed
while the ledger is written, instead of calling ``award`` once per row.

Speed: rows are written in chunks through SQLAlchemy Core (``insert()`` with many rows); on
PostgreSQL with psycopg they go through COPY, which measured about five times faster here.
The big tables are loaded without their secondary indexes (and, on PostgreSQL, without their
unique and foreign-key constraints), which are rebuilt at the end, as pg_restore does: the
rebuild also checks that every unique key and reference holds.

Reproducible: the same ``seed`` gives the same data, apart from secrets (session tokens,
check-in and ballot secrets, badge ids), which come from ``secrets`` as in the app.
"""

import bisect
import json
import math
import queue
import random
import secrets
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from operator import methodcaller

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import generate_password_hash

from app.accounts.demo import DEMO_PASSWORD
from app.accounts.models import Region, User
from app.accounts.services import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, public_name
from app.core.access import Role
from app.core.time import ALMATY, almaty_day, utcnow
from app.debates import links as debate_links
from app.debates import services as debate_services
from app.debates import standings as debate_standings
from app.debates.formats import load_formats
from app.debates.models import Motion
from app.events import tokens as event_tokens
from app.extensions import db
from app.gamification.badges import All, Count, Points, all_badges, watching
from app.gamification.models import PointSource
from app.gamification.openbadges import new_recipient_identity, recipient
from app.gamification.periods import period_keys, week_start
from app.gamification.rules import placement_points, rules
from app.live.nicknames import NICKNAME_MAX, nickname_key
from app.live.scoring import competition_ranks
from app.quizzes.content import read_folder
from app.quizzes.models import Quiz
from app.quizzes.services import load_quizzes
from app.volunteers import eligibility

NATIONAL_ORGANIZER = "organizer-kz"
STUDENT_LOGIN = "kz-s{:06d}"
TEACHER_LOGIN = "kz-t{:05d}"
REGIONAL_ORGANIZER = "organizer-{}"  # + the region's code
START = date(2025, 9, 1)

Progress = Callable[[int, int], None]  # (done, total) in permille
PERMILLE = 1000


class NationalDemoError(RuntimeError):
    """The national demo cannot run here (production, already seeded, no regions)."""


@dataclass(frozen=True)
class Scale:
    """The sizes of the national demo; the defaults are the national scale."""

    institutions: int = 2000  # spread evenly over the 20 regions
    students: int = 200_000
    teachers_per_institution: float = 2.0  # on average; every institution has at least one
    class_size: tuple[int, int] = (16, 30)
    events: int = 50_000  # tournament days included; 0.5% are still to come
    check_ins_per_event: tuple[int, int] = (10, 40)
    # The ledger's size to aim for: events, quizzes, debates and volunteering are sized by
    # the settings here, and live games fill the rest, day by day.
    ledger_rows: int = 5_000_000
    assignments_per_class: tuple[int, int] = (1, 3)
    self_paced_quizzes: float = 1.0  # completions per student besides assignments, on average
    tournaments_per_region: int = 3
    teams_per_tournament: int = 12
    volunteer_applications: int = 4_000
    corrections: int = 400
    # Live games keep one answer row per player and question only for the most recent weeks:
    # for all of them it would be ~30 million rows. Older games keep players and scores.
    live_answer_weeks: int = 2
    start: date = START

    @classmethod
    def small(cls, **changes) -> "Scale":
        """A few hundred students: for tests."""
        sizes = dict(
            institutions=24,
            students=400,
            events=80,
            ledger_rows=5_000,
            tournaments_per_region=1,
            teams_per_tournament=4,
            volunteer_applications=30,
            corrections=10,
            live_answer_weeks=80,
        )
        return cls(**(sizes | changes))


def national_demo_exists() -> bool:
    return db.session.scalar(sa.select(User.id).where(User.login == NATIONAL_ORGANIZER)) is not None


def seed_national(
    scale: Scale, progress: Progress | None = None, seed: int = 2026, now: datetime | None = None
) -> dict[str, int]:
    """Create the national demo data; returns the rows written per table.

    Refuses in production and when the national demo data exists already (its national
    organizer account is the marker): a second run would double everything.
    """
    if not current_app.config["DEMO_ALLOWED"]:
        raise NationalDemoError("Demo accounts have known passwords; refusing in production.")
    if national_demo_exists():
        raise NationalDemoError(
            f"The national demo data exists already (account {NATIONAL_ORGANIZER}); "
            "start from an empty database to make it again."
        )
    regions = db.session.execute(sa.select(Region.id, Region.code).order_by(Region.id)).all()
    if not regions:
        raise NationalDemoError("Regions are missing: run `flask db upgrade` first.")
    return _Generator(scale, regions, progress, seed, now or utcnow()).run()


# --- writing rows ----------------------------------------------------------------------------

# The big tables: loaded without their secondary indexes (and, on PostgreSQL, unique and
# foreign-key constraints), which are rebuilt once at the end.
BULK_TABLES = (
    "point_entries",
    "point_totals",
    "daily_points",
    "activity_weeks",
    "badge_awards",
    "event_check_ins",
    "live_players",
    "live_answers",
    "attempts",
    "answers",
)
CHUNK = 20_000
COMMIT, STOP, ABORT = object(), object(), object()  # what the writing thread is told
ISO_MICROSECONDS = methodcaller("isoformat", " ", "microseconds")  # SQLite's DATETIME text
COMMIT_EVERY = 1_000_000  # each commit rewrites the index pages it touched: few, big ones


class _Writer:
    """Buffers rows per table (tuples in the order of ``columns``) and writes them in chunks,
    through COPY on PostgreSQL with psycopg, else through Core ``insert()``."""

    def __init__(self):
        self.session = db.session
        self.dialect = db.engine.dialect
        self.copy = self.dialect.name == "postgresql" and self.dialect.driver == "psycopg"
        self.columns: dict[str, tuple[str, ...]] = {}
        self.buffers: dict[str, list] = {}
        self.converters: dict[str, list] = {}
        self.written: dict[str, int] = defaultdict(int)
        self.since_commit = 0
        self.rebuild: list = []
        self.next_ids: dict[str, int] = {}
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        # parents before children: rows are written in this order of their tables
        self.order = {table.name: n for n, table in enumerate(db.metadata.sorted_tables)}

    def table(self, name: str, columns: tuple[str, ...]) -> list:
        """Register a table; returns its buffer (append rows to it)."""
        self.columns[name] = columns
        self.converters[name] = self._converters(db.metadata.tables[name], columns)
        return self.buffers.setdefault(name, [])

    def next_id(self, name: str) -> int:
        if name not in self.next_ids:
            if self.thread is not None:
                raise RuntimeError(f"the ids of {name} were not read before writing began")
            table = db.metadata.tables[name]
            self.next_ids[name] = (self.session.scalar(sa.select(sa.func.max(table.c.id))) or 0) + 1
        return self.next_ids[name]

    def take_ids(self, name: str, count: int) -> int:
        """Reserve ``count`` ids of ``name``; returns the first."""
        first = self.next_id(name)
        self.next_ids[name] = first + count
        return first

    def _converters(self, table: sa.Table, columns) -> list:
        sqlite = self.dialect.name == "sqlite"
        memo: dict = {}

        def to_json(value):
            if isinstance(value, tuple):  # lists of choice ids repeat: dump each once
                text = memo.get(value)
                if text is None:
                    text = memo[value] = json.dumps(list(value))
                return text
            return json.dumps(value)

        converters = []
        for index, name in enumerate(columns):
            column_type = table.c[name].type
            impl = getattr(column_type, "impl", column_type)
            if isinstance(column_type, sa.JSON):
                converters.append((index, to_json))
            elif sqlite and isinstance(impl, sa.DateTime):
                # the text SQLAlchemy's SQLite DATETIME stores and reads back
                converters.append((index, ISO_MICROSECONDS))
            elif sqlite and isinstance(impl, sa.Date):
                converters.append((index, date.isoformat))
        return converters

    def flush(self, name: str) -> None:
        rows = self.buffers[name]
        if not rows:
            return
        if self.thread is not None:
            self._send((name, list(rows)))
        else:
            self._write(self.session.connection(), name, rows)
        self.written[name] += len(rows)
        self.since_commit += len(rows)
        rows.clear()

    def _write(self, connection: sa.Connection, name: str, rows: list) -> None:
        converters = self.converters[name]
        if converters:  # column by column: zip and map run in C
            values_of = list(zip(*rows, strict=True))
            for index, convert in converters:
                values = values_of[index]
                if None in values:
                    values_of[index] = [None if v is None else convert(v) for v in values]
                else:
                    values_of[index] = list(map(convert, values))
            rows = list(zip(*values_of, strict=True))
        columns = self.columns[name]
        if self.copy:
            quote = self.dialect.identifier_preparer.quote
            statement = f"COPY {quote(name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
            if not connection.in_transaction():
                connection.begin()  # COPY goes past SQLAlchemy, which would not begin one
            cursor = connection.connection.dbapi_connection.cursor()
            with cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Core's insert(), compiled once: executing it with a dict per row spent more time
        # building parameters than SQLite spent writing them
        insert = sa.insert(sa.table(name, *(sa.column(c) for c in columns)))
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            if self.dialect.positional:
                connection.exec_driver_sql(str(insert.compile(dialect=self.dialect)), part)
            else:
                connection.execute(insert, [dict(zip(columns, r, strict=True)) for r in part])

    def maybe_flush(self) -> None:
        """Write the buffers that are full, after every table they may refer to."""
        full = [self.order[name] for name, rows in self.buffers.items() if len(rows) >= CHUNK]
        if full:
            for name in sorted(self.buffers, key=self.order.get):
                if self.order[name] <= max(full):
                    self.flush(name)
        if self.since_commit >= COMMIT_EVERY:
            self.commit()

    def flush_all(self) -> None:
        for name in sorted(self.buffers, key=self.order.get):
            self.flush(name)
        self.commit()

    def commit(self) -> None:
        if self.thread is not None:
            self._send(COMMIT)
        else:
            self.session.commit()
        self.since_commit = 0

    # -- writing in a thread of its own --

    def start_streaming(self) -> None:
        """From now until ``stop_streaming``, one thread writes every batch, in the order
        given, on a connection of its own, while the caller makes the next rows: the
        database's work and the simulation's overlap (sqlite3 and psycopg release the GIL
        while the database works). The caller must not use the database meanwhile."""
        for name, columns in self.columns.items():
            if "id" in columns:
                self.next_id(name)
        self.session.commit()
        self.error = None
        self.queue = queue.Queue(maxsize=4)
        self.thread = threading.Thread(target=self._stream, args=(db.engine,), daemon=True)
        self.thread.start()

    def _stream(self, engine: sa.Engine) -> None:
        try:
            with engine.connect() as connection:
                if self.dialect.name == "sqlite":
                    connection.exec_driver_sql("PRAGMA cache_size=-1000000")
                while (item := self.queue.get()) not in (STOP, ABORT):
                    if item is COMMIT:
                        connection.commit()
                    else:
                        self._write(connection, *item)
                if item is STOP:
                    connection.commit()
                if self.dialect.name == "sqlite":
                    connection.exec_driver_sql("PRAGMA cache_size=-2000")
        except BaseException as error:  # reported to the caller, which stops us
            self.error = error
            while self.queue.get() not in (STOP, ABORT):
                pass

    def _send(self, item) -> None:
        if self.error is not None:
            raise NationalDemoError(f"writing the demo data failed: {self.error}") from self.error
        self.queue.put(item)

    def stop_streaming(self, abort: bool = False) -> None:
        if self.thread is None:
            return
        thread, self.thread = self.thread, None
        self.queue.put(ABORT if abort else STOP)
        thread.join()
        if self.error is not None and not abort:
            raise NationalDemoError(f"writing the demo data failed: {self.error}") from self.error

    # -- bulk loading --

    def start_bulk_load(self) -> None:
        """Drop the big tables' secondary indexes (PostgreSQL: unique and foreign-key
        constraints too); ``finish_bulk_load`` builds them again."""
        connection = self.session.connection()
        inspector = sa.inspect(connection)
        postgres = self.dialect.name == "postgresql"
        drops, rebuild = [], []
        for name in BULK_TABLES:
            table = db.metadata.tables[name]
            indexes = {index["name"] for index in inspector.get_indexes(name)}
            uniques = (
                {c["name"] for c in inspector.get_unique_constraints(name)} if postgres else ()
            )
            foreign = {c["name"] for c in inspector.get_foreign_keys(name)} if postgres else ()
            for index in table.indexes:
                if index.name in indexes:
                    drops.append(sa.schema.DropIndex(index))
                    rebuild.append(sa.schema.CreateIndex(index))
            for constraint in table.constraints:
                if isinstance(constraint, sa.UniqueConstraint) and constraint.name in uniques:
                    drops.append(sa.schema.DropConstraint(constraint))
                    rebuild.append(sa.schema.AddConstraint(constraint))
            for constraint in table.constraints:  # references last: after their keys exist
                if isinstance(constraint, sa.ForeignKeyConstraint) and constraint.name in foreign:
                    drops.append(sa.schema.DropConstraint(constraint))
                    rebuild.append(sa.schema.AddConstraint(constraint))
        for statement in drops:
            connection.execute(statement)
        self.rebuild = [s for s in rebuild if not isinstance(s, sa.schema.AddConstraint)] + [
            s for s in rebuild if isinstance(s, sa.schema.AddConstraint)
        ]
        if self.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA cache_size=-1000000")  # 1 GB while loading
        else:
            connection.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        self.commit()

    def finish_bulk_load(self) -> None:
        connection = self.session.connection()
        for statement in self.rebuild:
            connection.execute(statement)
        self.rebuild = []
        if self.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA cache_size=-2000")  # SQLite's default
        else:
            connection.exec_driver_sql("RESET maintenance_work_mem")
        self.commit()

    def after_load(self) -> None:
        """PostgreSQL: serial sequences past the ids written here, and fresh statistics."""
        if self.dialect.name != "postgresql":
            return
        connection = self.session.connection()
        for name, next_id in self.next_ids.items():
            connection.execute(
                sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), :last, :called)"),
                {"last": max(next_id - 1, 1), "called": next_id > 1},
            )
        for name in self.written:
            connection.exec_driver_sql(f"ANALYZE {self.dialect.identifier_preparer.quote(name)}")
        self.commit()


# --- the calendar --------------------------------------------------------------------------


def _school_day_weight(day: date) -> float:
    """How busy a day is at school: weekdays, Saturdays a little, holidays hardly."""
    month_day = (day.month, day.day)
    if month_day in PUBLIC_HOLIDAYS:
        weight = 0.05
    elif (6, 1) <= month_day <= (8, 24):
        weight = 0.03  # summer: camps, universities' summer terms, volunteering
    elif (
        (8, 25) <= month_day <= (8, 31)
        or (5, 26) <= month_day <= (5, 31)
        or any(first <= day <= last for first, last in BREAKS)
    ):
        weight = 0.12  # the days around the school year and the holidays
    else:
        weight = 1.0
    if day.weekday() == 5:
        weight *= 0.3
    elif day.weekday() == 6:
        weight *= 0.06
    if (12, 1) <= month_day <= (12, 12):
        weight *= 1.5  # around 9 December, the International Anti-Corruption Day
    return weight


PUBLIC_HOLIDAYS = {
    (1, 1), (1, 2), (1, 7), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9),
    (7, 6), (8, 30), (10, 25), (12, 16),
}  # fmt: skip
BREAKS = [  # school holidays
    (date(2025, 10, 27), date(2025, 11, 2)),
    (date(2025, 12, 29), date(2026, 1, 7)),
    (date(2026, 3, 19), date(2026, 3, 29)),
    (date(2026, 10, 26), date(2026, 11, 1)),
    (date(2026, 12, 29), date(2027, 1, 7)),
]


class _Calendar:
    """Almaty days from the start to today, their weights, and wall-clock times as UTC."""

    def __init__(self, start: date, now: datetime):
        self.now = now.astimezone(UTC).replace(tzinfo=None)  # naive UTC, like every row
        self.today = almaty_day(now)
        self.days = [start + timedelta(days=n) for n in range((self.today - start).days + 1)]
        self.weights = [_school_day_weight(day) for day in self.days]
        self.cumulative = []
        total = 0.0
        for weight in self.weights:
            total += weight
            self.cumulative.append(total)
        self.offsets = {}

    def index(self, day: date) -> int:
        return (day - self.days[0]).days

    @staticmethod
    def almaty_date(moment: datetime) -> date:
        """The Almaty day of a naive UTC moment."""
        return almaty_day(moment.replace(tzinfo=UTC))

    def at(self, day: date, hour: float) -> datetime:
        """Almaty wall-clock ``hour`` (e.g. 9.5) of ``day`` as naive UTC."""
        offset = self.offsets.get(day)
        if offset is None:
            offset = self.offsets[day] = ALMATY.utcoffset(datetime.combine(day, time(12)))
        return datetime.combine(day, time()) + timedelta(hours=hour) - offset

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return self.at(day, 0), self.at(day + timedelta(days=1), 0)

    def weighted_day(self, rng: random.Random, first: int, last: int) -> int:
        """A day index in [first, last], busy days more likely."""
        first = max(first, 0)
        low = self.cumulative[first - 1] if first > 0 else 0.0
        point = low + rng.random() * (self.cumulative[last] - low)
        return min(bisect.bisect_left(self.cumulative, point, first, last + 1), last)


# --- the ledger ----------------------------------------------------------------------------

ENTRY_COLUMNS = (
    "id",
    "user_id",
    "amount",
    "capped_from",
    "source_kind",
    "source_key",
    "reason",
    "awarded_by_id",
    "created_at",
)


class _BadgeFacts:
    """badges.Facts over one user's running state, as the ledger stands at an award."""

    def __init__(self, ledger: "_Ledger"):
        self.ledger = ledger
        self.user = 0
        self.state: _UserState | None = None
        self.week: date | None = None

    def count(self, sources) -> int:
        return sum(self.state.counts.get(source, 0) for source in sources)

    def points(self) -> int:
        return self.ledger.all_time_points(self.user)

    def streak(self) -> int:
        state = self.state
        if state.last_week is None:
            return 0
        if state.last_week == self.week or state.last_week == self.week - timedelta(weeks=1):
            return state.run
        return 0

    def evidence(self, sources) -> list[str]:
        rows = sorted(row for source in sources for row in self.state.evidence.get(source, ()))
        return [reason for _id, reason in rows]


class _UserState:
    __slots__ = ("counts", "evidence", "held", "last_week", "run")

    def __init__(self):
        self.counts: dict[str, int] = {}
        self.evidence: dict[str, list] = {}
        self.held: set[str] = set()
        self.last_week: date | None = None
        self.run = 0


class _Ledger:
    """The ledger of one day at a time, paid in the order the awards happen, with what
    ``gamification.services.award`` maintains alongside: daily caps, point and institution
    totals per period, weeks of participation, badges."""

    PERIODS = 4  # week, month, school year, all time: the order of period_keys()

    def __init__(self, writer: _Writer, scope: dict, logins: dict, now: datetime):
        self.writer = writer
        self.scope = scope  # user id -> (institution id, region id, listed)
        self.logins = logins
        self.now = now
        self.sources = {source.value: rule for source, rule in rules().sources.items()}
        self.entries = writer.table("point_entries", ENTRY_COLUMNS)
        self.totals_rows = writer.table(
            "point_totals",
            ("user_id", "period", "points", "reached_at", "institution_id", "region_id", "listed"),
        )
        self.institution_rows = writer.table(
            "institution_totals",
            ("institution_id", "period", "points", "active_students", "reached_at"),
        )
        self.daily_rows = writer.table("daily_points", ("user_id", "source_kind", "day", "points"))
        self.week_rows = writer.table("activity_weeks", ("user_id", "week_start"))
        self.badge_rows = writer.table(
            "badge_awards",
            (
                "id",
                "public_id",
                "user_id",
                "badge_id",
                "awarded_at",
                "evidence",
                "recipient_identity",
                "recipient_type",
                "recipient_hash",
                "salt",
                "seen_at",
            ),
        )
        self.next_entry = writer.next_id("point_entries")
        self.next_badge = writer.next_id("badge_awards")
        self.pending: list = []
        self.sequence = 0
        self.keys: list[str | None] = [None] * self.PERIODS
        self.totals: list[dict] = [{} for _ in range(self.PERIODS)]
        self.institutions: list[dict] = [{} for _ in range(self.PERIODS)]
        self.pairs = list(zip(self.totals, self.institutions, strict=True))
        self.week_users: set[int] = set()
        self.week: date | None = None
        self.users: dict[int, _UserState] = {}
        self.facts = _BadgeFacts(self)
        self.watching = {
            source.value: [(badge, _fast_criterion(badge.criteria)) for badge in watching(source)]
            for source in PointSource
        }
        # how many ledger rows of each source a badge's evidence may quote
        self.evidence_needed: dict[str, int] = defaultdict(int)
        for badge in all_badges():
            for criterion in _counts_of(badge.criteria):
                for source in criterion.sources:
                    needed = max(self.evidence_needed[source.value], criterion.at_least)
                    self.evidence_needed[source.value] = needed
        self.rows = 0

    def pay(self, at: datetime, user_id: int, source: str, key: str, reason: str, offered: int,
            by_id: int | None = None) -> None:  # fmt: skip
        """One award() call of the day being simulated."""
        self.sequence += 1
        self.pending.append((at, self.sequence, user_id, source, key, reason[:200], offered, by_id))

    def all_time_points(self, user_id: int) -> int:
        total = self.totals[3].get(user_id)
        return total[0] if total else 0

    def event_count(self, user_id: int) -> int:
        state = self.users.get(user_id)
        return state.counts.get(PointSource.EVENT_CHECKIN.value, 0) if state else 0

    def badges_of(self, user_id: int) -> frozenset[str]:
        state = self.users.get(user_id)
        return frozenset(state.held) if state else frozenset()

    def close_day(self, day: date, bounds: tuple[datetime, datetime]) -> None:
        keys = list(period_keys(bounds[0].replace(tzinfo=UTC)).values())
        for index, key in enumerate(keys):
            if key != self.keys[index]:
                self._flush_period(index)
                self.keys[index] = key
        this_week = week_start(day)
        if this_week != self.week:
            self._flush_weeks()
            self.week = this_week
        self.facts.week = this_week
        pending, self.pending = self.pending, []
        pending.sort()
        used: dict[tuple[int, str], int] = {}
        sources, entries = self.sources, self.entries
        low, high = bounds
        for at, _seq, user, source, key, reason, offered, by_id in pending:
            if not low <= at < high:
                raise RuntimeError(f"an award at {at} UTC is not on the Almaty day {day}")
            rule = sources[source]
            granted = offered
            if rule.daily_cap is not None and offered > 0:
                spent = used.get((user, source), 0)
                granted = max(0, min(offered, rule.daily_cap - spent))
                used[(user, source)] = spent + granted
            entry_id = self.next_entry
            self.next_entry += 1
            capped_from = offered if granted != offered else None
            entries.append((entry_id, user, granted, capped_from, source, key, reason, by_id, at))
            if granted:
                self._add_to_totals(user, granted, at)
            state = self.users.get(user)
            if state is None:
                state = self.users[user] = _UserState()
            state.counts[source] = state.counts.get(source, 0) + 1
            needed = self.evidence_needed.get(source)
            if needed:
                quoted = state.evidence.setdefault(source, [])
                if len(quoted) < needed:
                    quoted.append((entry_id, reason))
            if rule.participation:
                self.week_users.add(user)
                if state.last_week != this_week:
                    follows = state.last_week == this_week - timedelta(weeks=1)
                    state.run = state.run + 1 if follows else 1
                    state.last_week = this_week
            self._check_badges(user, state, source, at)
        for (user, source), points in sorted(used.items()):
            self.daily_rows.append((user, source, day, points))
        self.rows += len(pending)

    def _add_to_totals(self, user: int, amount: int, at: datetime) -> None:
        institution = self.scope[user][0]
        for totals, institutions in self.pairs:
            total = totals.get(user)
            if total is None:
                totals[user] = [amount, at]
                created = 1
            else:
                total[0] += amount
                total[1] = at
                created = 0
            if institution is not None:
                row = institutions.get(institution)
                if row is None:
                    institutions[institution] = [amount, 1, at]
                else:
                    row[0] += amount
                    row[1] += created
                    row[2] = at

    def _check_badges(self, user: int, state: _UserState, source: str, at: datetime) -> None:
        facts = self.facts
        facts.user, facts.state = user, state
        for badge, met in self.watching[source]:
            if badge.id in state.held or not met(facts):
                continue
            state.held.add(badge.id)
            identity, salt = new_recipient_identity(), secrets.token_hex(8)
            hashed = recipient(identity, salt)
            seen = at + timedelta(minutes=5) if at < self.now - timedelta(days=3) else None
            evidence = [{"narrative": line} for line in badge.criteria.evidence(facts)]
            self.badge_rows.append(
                (
                    self.next_badge,
                    secrets.token_hex(16),
                    user,
                    badge.id,
                    at,
                    evidence,
                    identity,
                    hashed["type"],
                    hashed["identity"],
                    salt,
                    seen,
                )
            )
            self.next_badge += 1

    def _flush_period(self, index: int) -> None:
        key = self.keys[index]
        if key is None:
            return
        scope = self.scope
        for user, (points, reached) in sorted(self.totals[index].items()):
            institution, region, listed = scope[user]
            self.totals_rows.append((user, key, points, reached, institution, region, listed))
        for institution, (points, active, reached) in sorted(self.institutions[index].items()):
            self.institution_rows.append((institution, key, points, active, reached))
        self.totals[index].clear()
        self.institutions[index].clear()

    def _flush_weeks(self) -> None:
        if self.week is not None:
            self.week_rows.extend((user, self.week) for user in sorted(self.week_users))
        self.week_users = set()

    def finish(self) -> None:
        for index in range(self.PERIODS):
            self._flush_period(index)
            self.keys[index] = None
        self._flush_weeks()
        self.writer.next_ids["point_entries"] = self.next_entry
        self.writer.next_ids["badge_awards"] = self.next_badge


def _fast_criterion(criterion) -> Callable[["_BadgeFacts"], bool]:
    """``criterion.met`` for the ledger replay: the same answer, without the generic calls
    (checked on every ledger row); criteria of other kinds keep their own ``met``."""
    if isinstance(criterion, Count):
        sources, at_least = tuple(s.value for s in criterion.sources), criterion.at_least
        if len(sources) == 1:
            (source,) = sources
            return lambda facts: facts.state.counts.get(source, 0) >= at_least
        return lambda facts: sum(facts.state.counts.get(s, 0) for s in sources) >= at_least
    if isinstance(criterion, Points):
        at_least = criterion.at_least
        return lambda facts: facts.points() >= at_least
    if isinstance(criterion, All):
        parts = [_fast_criterion(part) for part in criterion.parts]
        return lambda facts: all(part(facts) for part in parts)
    return criterion.met


def _counts_of(criterion):
    """The Count criteria inside a badge's criterion."""
    if hasattr(criterion, "parts"):
        return [count for part in criterion.parts for count in _counts_of(part)]
    return [criterion] if hasattr(criterion, "at_least") and hasattr(criterion, "sources") else []


# --- names: data, not UI strings -------------------------------------------------------------

# region code -> (city in Kazakh, in Russian), the regional centre first
CITIES = {
    "abai": [("Семей", "Семей"), ("Аягөз", "Аягоз")],
    "akmola": [("Көкшетау", "Кокшетау"), ("Степногорск", "Степногорск")],
    "aktobe": [("Ақтөбе", "Актобе"), ("Хромтау", "Хромтау")],
    "almaty-region": [("Қонаев", "Конаев"), ("Қаскелең", "Каскелен")],
    "atyrau": [("Атырау", "Атырау"), ("Құлсары", "Кульсары")],
    "east-kazakhstan": [("Өскемен", "Усть-Каменогорск"), ("Риддер", "Риддер")],
    "jambyl": [("Тараз", "Тараз"), ("Шу", "Шу")],
    "jetisu": [("Талдықорған", "Талдыкорган"), ("Текелі", "Текели")],
    "karaganda": [("Қарағанды", "Караганда"), ("Теміртау", "Темиртау"), ("Балқаш", "Балхаш")],
    "kostanay": [("Қостанай", "Костанай"), ("Рудный", "Рудный")],
    "kyzylorda": [("Қызылорда", "Кызылорда"), ("Арал", "Аральск")],
    "mangystau": [("Ақтау", "Актау"), ("Жаңаөзен", "Жанаозен")],
    "north-kazakhstan": [("Петропавл", "Петропавловск"), ("Есіл", "Есиль")],
    "pavlodar": [("Павлодар", "Павлодар"), ("Екібастұз", "Экибастуз")],
    "turkistan": [("Түркістан", "Туркестан"), ("Кентау", "Кентау")],
    "ulytau": [("Жезқазған", "Жезказган"), ("Сәтбаев", "Сатпаев")],
    "west-kazakhstan": [("Орал", "Уральск"), ("Ақсай", "Аксай")],
    "astana": [("Астана", "Астана")],
    "almaty": [("Алматы", "Алматы")],
    "shymkent": [("Шымкент", "Шымкент")],
}
SCHOOL_NAMES = (
    "{kk} қаласының №{n} мектеп-гимназиясы",
    "№{n} жалпы білім беретін мектеп ({kk})",
    "{kk} №{n} мектеп-лицейі",
    "Школа-гимназия №{n} г. {ru}",
    "Общеобразовательная школа №{n} ({ru})",
    "Лицей №{n} г. {ru}",
    "{kk} №{n} IT-мектебі",
)
COLLEGE_NAMES = (
    "{kk} жоғары политехникалық колледжі №{n}",
    "Колледж экономики и права №{n} г. {ru}",
    "{kk} медициналық колледжі №{n}",
    "Гуманитарный колледж №{n} г. {ru}",
)
UNIVERSITY_NAMES = (
    "{kk} мемлекеттік университеті (№{n} оқу корпусы)",
    "{ru} инженерно-технический университет, кампус №{n}",
    "{kk} педагогикалық университеті, №{n} факультет",
)
GROUPS = ("ЭК", "ПР", "ЮР", "ИТ", "МД", "ПД", "ТР")
CLASS_LETTERS = "АӘБВГД"

KK_MALE = ("Нұрлан", "Ерлан", "Айбек", "Дәурен", "Ерасыл", "Нұрсұлтан", "Алихан", "Бекзат",
           "Арман", "Дамир", "Санжар", "Ерназар", "Әлихан", "Темірлан", "Мирас", "Ақжол",
           "Асылбек", "Жандос", "Ілияс", "Ернұр")  # fmt: skip
KK_FEMALE = ("Айдана", "Аружан", "Әсел", "Дана", "Жансая", "Аяулым", "Мадина", "Назерке",
             "Інжу", "Томирис", "Айгерім", "Балжан", "Гүлназ", "Камила", "Ақбота", "Динара",
             "Жұлдыз", "Сабина", "Аида", "Меруерт")  # fmt: skip
KK_SURNAMES = (("Қасымов", "Қасымова"), ("Ахметов", "Ахметова"), ("Серіков", "Серікова"),
               ("Жұмабаев", "Жұмабаева"), ("Төлегенов", "Төлегенова"), ("Мұратов", "Мұратова"),
               ("Омаров", "Омарова"), ("Сейітов", "Сейітова"), ("Ермеков", "Ермекова"),
               ("Исабеков", "Исабекова"), ("Байжанов", "Байжанова"), ("Сәрсенов", "Сәрсенова"),
               ("Оспанов", "Оспанова"), ("Тоқтаров", "Тоқтарова"), ("Қасымұлы", "Қасымқызы"),
               ("Бекұлы", "Бекқызы"), ("Нұрланұлы", "Нұрланқызы"), ("Жақыпов", "Жақыпова"),
               ("Әбдірахманов", "Әбдірахманова"), ("Құдайбергенов", "Құдайбергенова"))  # fmt: skip
RU_MALE = ("Александр", "Дмитрий", "Максим", "Артём", "Иван", "Никита", "Кирилл", "Егор",
           "Даниил", "Михаил")  # fmt: skip
RU_FEMALE = ("Анастасия", "Мария", "Дарья", "София", "Полина", "Виктория", "Екатерина",
             "Алина", "Ксения", "Елизавета")  # fmt: skip
RU_SURNAMES = (("Иванов", "Иванова"), ("Петров", "Петрова"), ("Смирнов", "Смирнова"),
               ("Кузнецов", "Кузнецова"), ("Попов", "Попова"), ("Соколов", "Соколова"),
               ("Лебедев", "Лебедева"), ("Ковалёв", "Ковалёва"), ("Новиков", "Новикова"),
               ("Ким", "Ким"), ("Пак", "Пак"), ("Шульц", "Шульц"))  # fmt: skip

# (kind, share, audiences with their shares, points with their shares, titles kk/ru/en)
EVENT_KINDS = (
    ("integrity_hour", 0.55, (("classes", 0.7), ("institutions", 0.3)), (
        ("Адалдық сағаты: сыбайлас жемқорлық деген не?", "Час добропорядочности: что такое коррупция?", "Integrity Hour: what is corruption?"),
        ("Адалдық сағаты: сыйлық па, пара ма?", "Час добропорядочности: подарок или взятка?", "Integrity Hour: a gift or a bribe?"),
        ("Адалдық сағаты: академиялық адалдық", "Час добропорядочности: академическая честность", "Integrity Hour: academic integrity"),
        ("Адалдық сағаты: мүдделер қақтығысы", "Час добропорядочности: конфликт интересов", "Integrity Hour: conflicts of interest"),
        ("Адалдық сағаты: сыбайлас жемқорлық туралы қалай хабарлау керек", "Час добропорядочности: как сообщить о коррупции", "Integrity Hour: how to report corruption"),
        ("Адалдық сағаты: Абай адалдық туралы", "Час добропорядочности: Абай о честности", "Integrity Hour: Abai on honesty"),
        ("Адалдық сағаты: қоғамдық бақылау", "Час добропорядочности: общественный контроль", "Integrity Hour: public control"),
    )),
    ("lecture", 0.15, (("institutions", 0.55), ("region", 0.4), ("open", 0.05)), (
        ("Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі өкілімен кездесу", "Встреча с представителем Агентства по противодействию коррупции", "Meeting with an officer of the Anti-Corruption Agency"),
        ("Бейнедәріс: Төле би, Қазыбек би, Әйтеке би әділдік туралы", "Видеолекция: Толе би, Казыбек би и Айтеке би о справедливости", "Video lecture: Tole bi, Kazybek bi and Aiteke bi on justice"),
        ("Заңгермен кездесу: жастардың құқықтары", "Встреча с юристом: права молодёжи", "Meeting with a lawyer: young people's rights"),
        ("TEDx үлгісіндегі конференция: адал болу — сән", "Конференция в стиле TEDx: быть честным — модно", "TEDx-style conference: honesty is in"),
    )),
    ("contest", 0.1, (("institutions", 0.5), ("region", 0.5)), (
        ("Эссе байқауы: «Адал ұрпақ — ел болашағы»", "Конкурс эссе «Честное поколение — будущее страны»", "Essay contest: an honest generation is the country's future"),
        ("Сурет байқауы: «Сыбайлас жемқорлыққа жол жоқ»", "Конкурс рисунков «Коррупции — нет»", "Drawing contest: no to corruption"),
        ("Мурал күні: адалдық туралы қабырға суреті", "День мурала: роспись о добропорядочности", "Mural day: a wall painting on integrity"),
        ("Ақындар айтысы: әділдік жырлары", "Айтыс акынов: песни о справедливости", "Aitys of akyns: songs of justice"),
        ("Театрлық қойылым: «Пара»", "Театральная постановка «Взятка»", "Theatre: The Bribe"),
    )),
    ("intellectual_game", 0.09, (("institutions", 0.8), ("classes", 0.2)), (
        ("Зияткерлік ойын: «Адалдық білгірі»", "Интеллектуальная игра «Знаток добропорядочности»", "Intellectual game: integrity expert"),
        ("Брейн-ринг: сыбайлас жемқорлыққа қарсы", "Брейн-ринг против коррупции", "Brain ring against corruption"),
        ("Квиз: заң және әділдік", "Квиз: закон и справедливость", "Quiz night: law and justice"),
    )),
    ("debate_day", 0.04, (("institutions", 0.6), ("region", 0.4)), (
        ("Дебат күні: адалдық туралы пікірталас", "День дебатов: спор о честности", "Debate day: arguing about integrity"),
        ("Мектепішілік дебат турнирі", "Внутришкольный турнир по дебатам", "School debate tournament"),
    )),
    ("volunteer_action", 0.04, (("region", 0.7), ("institutions", 0.3)), (
        ("Қоғамдық бақылау: ойын алаңдарын тексеру", "Общественный контроль: проверка детских площадок", "Public control: checking playgrounds"),
        ("Қоғамдық бақылау: жол жөндеу сапасы", "Общественный контроль: качество ремонта дорог", "Public control: road repair quality"),
        ("Ерікті акция: мобильді заң кеңесі", "Волонтёрская акция: мобильная юридическая консультация", "Volunteer action: mobile legal consultation"),
    )),
    ("other", 0.03, (("institutions", 0.7), ("open", 0.3)), (
        ("Ата-аналар жиналысы: адалдық отбасынан басталады", "Родительское собрание: честность начинается в семье", "Parents' meeting: integrity starts at home"),
        ("Халықаралық сыбайлас жемқорлыққа қарсы күрес күні", "Международный день борьбы с коррупцией", "International Anti-Corruption Day"),
    )),
)  # fmt: skip
EVENT_KIND_CHOICES = tuple((entry, entry[1]) for entry in EVENT_KINDS)
EVENT_POINTS = ((100, 0.8), (50, 0.1), (150, 0.08), (200, 0.02))
CHECK_IN_METHODS = (("qr", 0.6), ("code", 0.15), ("scan", 0.12), ("manual", 0.13))
TEAM_WORDS = ("Ақиқат", "Әділет", "Болашақ", "Дала", "Жасампаз", "Намыс", "Сарбаз", "Тұмар",
              "Арыстан", "Бүркіт", "Шаңырақ", "Ұлан", "Самұрық", "Тұлпар", "Жұлдыз", "Көкжиек")  # fmt: skip
CORRECTIONS = (
    (150, "Regional olympiad on integrity: attendance from the paper list"),
    (100, "Helped run an Integrity Hour for younger students"),
    (200, "Essay published in the regional newspaper"),
    (50, "Check-in missed: the phone had no connection"),
    (-50, "Points from a duplicate check-in returned"),
)
MOTIVATIONS = (
    "Хочу, чтобы деньги на ремонт дорог в нашем городе тратились честно.",
    "Қаланың ойын алаңдарының сапасын тексергім келеді.",
    "I want to help my classmates understand how to report corruption.",
    "Мечтаю стать юристом и помогать людям бесплатными консультациями.",
    "Адалдық сағаттарын кіші сыныптарға өткізгім келеді.",
)
SKILLS = ("Фото и видео", "Сурет салу, дизайн", "Public speaking", "Знание законодательства",
          "Ағылшын тілі", "Excel, таблицы", "")  # fmt: skip
AVAILABILITY = ("Сенбі күндері", "После уроков", "Weekends", "Каникулы", "Сабақтан кейін")
PLACES = ("көше", "ул.", "микрорайон", "саябақ", "парк")
FINDINGS = (
    "Асфальт уложен тоньше, чем указано в смете; акт передан в департамент.",
    "Ойын алаңының жабдықтары сертификатсыз орнатылған.",
    "The procurement notice was published for one day only.",
    "Нарушений не выявлено.",
    "Саябақтағы жарықтандыру шамдарының саны жобаға сәйкес емес.",
)


def _choose(rng: random.Random, table):
    """One item of ((item, share), ...)."""
    point, total = rng.random(), 0.0
    for item, share in table:
        total += share
        if point < total:
            return item
    return table[-1][0]


# --- the generator -------------------------------------------------------------------------


@dataclass
class _Institution:
    id: int
    region: int  # index into the generator's regions
    kind: str
    name: str
    created_at: datetime
    size: int
    classes: list
    teachers: list
    students: list  # user ids, by joining time
    joined: list | None = None  # their joining times


@dataclass
class _Class:
    id: int
    institution: _Institution
    name: str
    grade: int | None
    created_at: datetime
    teachers: list
    students: list  # (joined_at, user id), by joining time

    def members_by(self, moment: datetime) -> list[int]:
        return [user for joined, user in self.students if joined < moment]


@dataclass
class _Student:
    id: int
    klass: _Class
    joined: datetime
    ability: float  # added to each question's chance of a right answer
    engagement: float  # multiplies how much they take part
    locale: str
    nickname: str
    birth_year: int


class _Generator:
    def __init__(self, scale: Scale, regions, progress: Progress | None, seed: int, now):
        self.scale = scale
        self.regions = [(row.id, row.code) for row in regions]
        self.report = progress or (lambda done, total: None)
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        self.calendar = _Calendar(scale.start, now)
        self.now = self.calendar.now
        self.writer = _Writer()
        self.done = 0
        self.points = {source.value: rule.points for source, rule in rules().sources.items()}
        self.tournament_numbers: dict[int, int] = defaultdict(int)
        self.password_hash = generate_password_hash(
            DEMO_PASSWORD, method=current_app.config["PASSWORD_HASH_METHOD"]
        )

    def _progress(self, done: int) -> None:
        done = min(done, PERMILLE)
        if done > self.done:
            self.done = done
            self.report(done, PERMILLE)

    # -- the run --

    def run(self) -> dict[str, int]:
        self._load_content()
        self.writer.start_bulk_load()
        try:
            self._accounts()
            self._progress(40)
            self._plan()
            self._tables()
            self.writer.start_streaming()
            self._simulate()
            self.ledger.finish()
            self.writer.flush_all()
            self.writer.stop_streaming()
            self._progress(900)
        except BaseException:
            self.writer.stop_streaming(abort=True)
            db.session.rollback()
            raise
        finally:
            self.writer.finish_bulk_load()
        self.writer.after_load()
        self._progress(PERMILLE)
        written = dict(self.writer.written)
        written["point_entries (of which live games)"] = self.live_rows
        return written

    def _load_content(self) -> None:
        """The curriculum quizzes and the motion library, loaded as the basic demo does."""
        if db.session.scalar(sa.select(sa.func.count(Quiz.id)).where(Quiz.owner_id.is_(None))) == 0:
            quizzes, errors = read_folder()
            if errors:
                raise NationalDemoError("the quiz files have errors: run `flask quizzes validate`")
            load_quizzes(quizzes)
        if db.session.scalar(sa.select(sa.func.count(Motion.id))) == 0:
            debate_services.import_motions()
        self.quizzes = []
        for quiz in db.session.scalars(
            sa.select(Quiz).where(Quiz.owner_id.is_(None)).order_by(Quiz.id)
        ):
            version = quiz.current_version
            if version is None or not version.questions:
                continue
            questions = []
            rng = random.Random(f"{quiz.slug}")  # noqa: S311 - each question's difficulty
            chances = [0.93, 0.9, 0.86, 0.83, 0.8, 0.78, 0.74, 0.7, 0.62, 0.5, 0.4, 0.33]
            rng.shuffle(chances)
            for question, chance in zip(version.questions, chances * 2, strict=False):
                kind = question.kind
                choices = [choice.id for choice in kind.choices(question.body)]
                right = kind.key(question.body) if kind.scored else ()
                if question.type == "multiple":
                    chance -= 0.1
                questions.append(
                    (
                        question.id,
                        question.position,
                        question.type,
                        tuple(choices),
                        right,
                        question.points,
                        question.time_limit,
                        chance,
                    )
                )
            self.quizzes.append((quiz.id, quiz.slug, version.id, questions))
        self.motions = list(db.session.scalars(sa.select(Motion.id).order_by(Motion.id)))
        self.formats = load_formats()
        if not self.quizzes:
            raise NationalDemoError("no curriculum quizzes with questions were found")

    # -- accounts --

    def _accounts(self) -> None:
        rng, scale, cal, writer = self.rng, self.scale, self.calendar, self.writer
        users = writer.table(
            "users",
            ("id", "login", "password_hash", "must_change_password", "display_name", "full_name",
             "birth_year", "locale", "institution_id", "created_at", "session_token",
             "show_on_boards"),
        )  # fmt: skip
        grants = writer.table(
            "role_grants",
            ("id", "user_id", "role", "region_id", "approved_at", "approved_by_id", "created_at"),
        )
        institutions = writer.table(
            "institutions", ("id", "name", "kind", "region_id", "created_at")
        )
        classes = writer.table(
            "classes", ("id", "name", "institution_id", "join_code", "created_at")
        )
        class_teachers = writer.table("class_teachers", ("class_id", "user_id"))
        class_students = writer.table("class_students", ("class_id", "user_id"))
        user_id = writer.next_id("users")
        grant_id = writer.next_id("role_grants")
        launch = cal.at(scale.start, 9) - timedelta(days=14)
        self.logins, self.scope = {}, {}

        def add_user(login, display, full, birth, locale, institution, created, listed=True):
            nonlocal user_id
            users.append((user_id, login, self.password_hash, False, display, full, birth,
                          locale, institution, created, secrets.token_hex(16), listed))  # fmt: skip
            self.logins[user_id] = login
            user_id += 1
            return user_id - 1

        def add_grant(user, role, region, approved, by):
            nonlocal grant_id
            grants.append((grant_id, user, role, region, approved, by, approved))
            grant_id += 1

        national = add_user(NATIONAL_ORGANIZER, "Antikor (national)", "National Demo-Organizer",
                            None, "kk", None, launch)  # fmt: skip
        add_grant(national, Role.ORGANIZER.value, None, launch, None)
        self.national_organizer = national
        self.organizers = []
        for region_id, code in self.regions:
            organizer = add_user(REGIONAL_ORGANIZER.format(code), f"Organizer {code}",
                                 f"Regional Demo-Organizer {code}", None, "kk", None, launch)  # fmt: skip
            add_grant(organizer, Role.ORGANIZER.value, region_id, launch, national)
            self.organizers.append(organizer)

        existing_codes = set(
            db.session.scalars(sa.select(db.metadata.tables["classes"].c.join_code))
        )
        institution_id = writer.next_id("institutions")
        class_id = writer.next_id("classes")
        self.institutions: list[_Institution] = []
        self.by_region: list[list[_Institution]] = [[] for _ in self.regions]
        per_region, extra = divmod(scale.institutions, len(self.regions))
        sizes = [rng.lognormvariate(0, 0.5) for _ in range(scale.institutions)]
        size_total = sum(sizes)
        students_left = scale.students
        # onboarding: most at the launch, more during the year, a second wave in September 2026
        latest = cal.now - timedelta(days=30)
        number = 0
        for region_index, (region_id, code) in enumerate(self.regions):
            count = per_region + (1 if region_index < extra else 0)
            towns = CITIES.get(code, [(code, code)])
            school_numbers = rng.sample(range(1, 40 * count + 40), count)
            for k in range(count):
                kind = _choose(rng, (("school", 0.85), ("college", 0.1), ("university", 0.05)))
                kk, ru = towns[0] if k % 3 or len(towns) == 1 else towns[rng.randrange(len(towns))]
                pattern = rng.choice(
                    {"school": SCHOOL_NAMES, "college": COLLEGE_NAMES}.get(kind, UNIVERSITY_NAMES)
                )
                name = pattern.format(kk=kk, ru=ru, n=school_numbers[k])
                wave = rng.random()
                if wave < 0.6:
                    onboarded = launch + timedelta(days=rng.uniform(0, 40))
                elif wave < 0.85:
                    onboarded = launch + timedelta(days=rng.uniform(40, 270))
                else:
                    onboarded = cal.at(date(2026, 8, 20), 10) + timedelta(days=rng.uniform(0, 60))
                onboarded = min(onboarded, latest)
                if number == scale.institutions - 1:
                    size = students_left
                else:
                    size = max(1, round(scale.students * sizes[number] / size_total))
                    size = min(size, students_left - (scale.institutions - number - 1))
                students_left -= size
                institution = _Institution(institution_id, region_index, kind, name, onboarded,
                                           size, [], [], [])  # fmt: skip
                institutions.append((institution_id, name, kind, region_id, onboarded))
                self.institutions.append(institution)
                self.by_region[region_index].append(institution)
                institution_id += 1
                number += 1

        teacher_number = 0
        student_number = 0
        self.students: dict[int, _Student] = {}
        self.teacher_locale: dict[int, str] = {}
        self.teacher_classes: dict[int, list[_Class]] = defaultdict(list)
        self.teachers: list[int] = []
        for institution in self.institutions:
            region_id = self.regions[institution.region][0]
            organizer = self.organizers[institution.region]
            low, high = scale.class_size
            class_count = max(1, round(institution.size / ((low + high) / 2)))
            teacher_count = max(1, round(rng.gauss(scale.teachers_per_institution, 0.6)))
            teacher_count = min(teacher_count, class_count)  # each teaches a class at least
            for _ in range(teacher_count):
                teacher_number += 1
                created = institution.created_at + timedelta(days=rng.uniform(0, 5))
                first, surname, locale = self._person(rng, adult=True)
                teacher = add_user(TEACHER_LOGIN.format(teacher_number), public_name(f"{first} {surname}"),
                                   f"{first} {surname}", None, locale, institution.id, created)  # fmt: skip
                add_grant(teacher, Role.TEACHER.value, None, created + timedelta(days=1), organizer)
                institution.teachers.append(teacher)
                self.teacher_locale[teacher] = locale
                self.teachers.append(teacher)
                self.scope[teacher] = (institution.id, region_id, True)
            names = self._class_names(rng, institution.kind, class_count)
            for index, (name, grade) in enumerate(names):
                created = institution.created_at + timedelta(days=rng.uniform(1, 6))
                code = self._join_code(rng, existing_codes)
                teacher = institution.teachers[index % len(institution.teachers)]
                klass = _Class(class_id, institution, name, grade, created, [teacher], [])
                if len(institution.teachers) > 1 and rng.random() < 0.1:
                    klass.teachers.append(
                        institution.teachers[(index + 1) % len(institution.teachers)]
                    )
                for member in klass.teachers:
                    class_teachers.append((class_id, member))
                    self.teacher_classes[member].append(klass)
                classes.append((class_id, name, institution.id, code, created))
                institution.classes.append(klass)
                class_id += 1
            for k in range(institution.size):
                klass = institution.classes[k % len(institution.classes)]
                student_number += 1
                delay = rng.expovariate(1 / 25) if rng.random() < 0.8 else rng.uniform(0, 400)
                joined = klass.created_at + timedelta(days=delay, hours=rng.uniform(0, 8))
                latest_join = cal.now - timedelta(hours=12)
                if joined > latest_join:  # later than now: some time in the class's life
                    joined = klass.created_at + (latest_join - klass.created_at) * rng.random()
                first, surname, locale = self._person(rng, adult=False)
                full = f"{first} {surname}"
                birth = self._birth_year(rng, institution.kind, klass.grade)
                listed = rng.random() > 0.04
                student = add_user(STUDENT_LOGIN.format(student_number), public_name(full), full,
                                   birth, locale, institution.id, joined, listed)  # fmt: skip
                add_grant(student, Role.STUDENT.value, None, joined, None)
                class_students.append((klass.id, student))
                klass.students.append((joined, student))
                nickname = public_name(full)[:NICKNAME_MAX]
                self.students[student] = _Student(
                    student, klass, joined, rng.gauss(0, 0.08), rng.lognormvariate(0, 0.6),
                    locale, nickname, birth,
                )  # fmt: skip
                self.scope[student] = (institution.id, region_id, listed)
            for klass in institution.classes:
                klass.students.sort()
            members = sorted(
                (joined, user) for klass in institution.classes for joined, user in klass.students
            )
            institution.students = [user for _joined, user in members]
            institution.joined = [joined for joined, _user in members]
        for organizer in [national, *self.organizers]:
            self.scope[organizer] = (None, None, True)
        writer.next_ids.update(
            users=user_id, role_grants=grant_id, institutions=institution_id, classes=class_id
        )
        self.ledger = _Ledger(writer, self.scope, self.logins, self.now)
        writer.flush_all()

    @staticmethod
    def _person(rng: random.Random, adult: bool) -> tuple[str, str, str]:
        female = rng.random() < 0.5
        if rng.random() < 0.72:
            first = rng.choice(KK_FEMALE if female else KK_MALE)
            surname = rng.choice(KK_SURNAMES)[int(female)]
            locale = _choose(rng, (("kk", 0.8), ("ru", 0.16), ("en", 0.04)))
        else:
            first = rng.choice(RU_FEMALE if female else RU_MALE)
            surname = rng.choice(RU_SURNAMES)[int(female)]
            locale = _choose(rng, (("ru", 0.88), ("kk", 0.06), ("en", 0.06)))
        if adult and locale == "en":
            locale = "ru"
        return first, surname, locale

    @staticmethod
    def _class_names(rng: random.Random, kind: str, count: int) -> list[tuple[str, int | None]]:
        if kind == "school":
            grades = [7, 8, 9, 10, 11]
            rng.shuffle(grades)
            names = []
            for index in range(count):
                grade = grades[index % len(grades)]
                letter = CLASS_LETTERS[index // len(grades) % len(CLASS_LETTERS)]
                suffix = "" if index < len(grades) * len(CLASS_LETTERS) else str(index)
                names.append((f"{grade}{letter}{suffix}", grade))
            return names
        year = 25 if kind == "college" else 2
        return [
            (f"{GROUPS[index % len(GROUPS)]}-{year}{index // len(GROUPS) + 1}", None)
            for index in range(count)
        ]

    @staticmethod
    def _join_code(rng: random.Random, taken: set) -> str:
        while True:
            code = "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
            if code not in taken:
                taken.add(code)
                return code

    def _birth_year(self, rng: random.Random, kind: str, grade: int | None) -> int:
        year = (
            self.calendar.today.year
            if self.calendar.today.month >= 9
            else self.calendar.today.year - 1
        )
        if grade is not None:
            return year - 6 - grade - (1 if rng.random() < 0.2 else 0)
        if kind == "college":
            return year - rng.randint(15, 19)
        return year - rng.randint(17, 21)

    # -- planning what happens on which day --

    def _plan(self) -> None:
        cal, scale = self.calendar, self.scale
        days = len(cal.days)
        self.day_quizzes: list[list] = [[] for _ in range(days)]
        self.day_tasks: list[list] = [[] for _ in range(days)]  # (hour, task, args)
        # how busy each day is, given how many students have joined by then
        joined = [0] * (days + 1)
        for student in self.students.values():
            joined[max(0, cal.index(cal.almaty_date(student.joined)))] += 1
        activity, population = [], 0
        for index in range(days):
            population += joined[index]
            activity.append(cal.weights[index] * population)
        self.activity = activity
        self.activity_total = sum(activity) or 1.0
        self.activity_done = 0.0
        # hosts: institutions by size, and their teachers
        self.host_weights = list(accumulate(i.size for i in self.institutions))
        self.by_first_join = sorted(
            (i.joined[0], n) for n, i in enumerate(self.institutions) if i.joined
        )

        self._plan_quizzes()
        self._plan_tournaments()
        upcoming = round(scale.events * 0.005)
        past = max(scale.events - upcoming - len(self.tournaments), 0)
        self.day_events = _allocate(past, activity)
        self.upcoming_events = upcoming
        self._plan_volunteers()
        self._plan_corrections()
        # the ledger to aim for by the end of each day: live games fill what the rest leaves
        self.target, running = [], 0.0
        for index in range(days):
            running += activity[index]
            self.target.append(round(scale.ledger_rows * running / self.activity_total))
        self.live_rows = 0

    def _plan_quizzes(self) -> None:
        """Assignments per class (most of the class plays them in their window) and
        self-paced first completions; a few unfinished attempts; retakes come later."""
        rng, cal, scale = self.rng, self.calendar, self.scale
        last = len(cal.days) - 1
        assignments = self.writer.table(
            "assignments",
            ("id", "class_id", "quiz_id", "assigned_by_id", "opens_at", "closes_at", "created_at"),
        )
        self.assignments: dict[tuple[int, int], tuple[int, datetime, datetime]] = {}
        planned: dict[int, set[int]] = defaultdict(set)  # student -> quiz indexes
        quiz_count = len(self.quizzes)
        for institution in self.institutions:
            for klass in institution.classes:
                first = cal.index(cal.almaty_date(klass.created_at)) + 3
                if first > last:
                    continue
                count = min(rng.randint(*scale.assignments_per_class), quiz_count)
                for quiz_index in rng.sample(range(quiz_count), count):
                    day = cal.weighted_day(rng, first, last)
                    opens = cal.at(cal.days[day], rng.uniform(8, 12))
                    closes = opens + timedelta(days=rng.choice((7, 7, 10, 14)))
                    quiz_id = self.quizzes[quiz_index][0]
                    assignment_id = self._next("assignments")
                    assignments.append(
                        (assignment_id, klass.id, quiz_id, klass.teachers[0], opens, closes, opens)
                    )
                    self.assignments[(klass.id, quiz_id)] = (assignment_id, opens, closes)
                    end = min(closes, self.now)
                    for joined, student in klass.students:
                        if joined >= end or rng.random() > 0.78:
                            continue
                        begin = max(opens, joined)
                        moment = begin + (end - begin) * (rng.random() ** 1.5)
                        start = self._homework_time(rng, moment, begin, end)
                        if start is not None and self._plan_attempt(student, quiz_index, start):
                            planned[student].add(quiz_index)
        for student in self.students.values():
            first = cal.index(cal.almaty_date(student.joined))
            if first > last:
                continue
            count = _poisson(rng, scale.self_paced_quizzes * student.engagement)
            others = [
                q for q in rng.sample(range(quiz_count), quiz_count) if q not in planned[student.id]
            ]
            for quiz_index in others[:count]:
                day = cal.weighted_day(rng, first, last)
                start = cal.at(cal.days[day], rng.uniform(15, 22.5))
                in_time = student.joined < start < self.now - timedelta(minutes=30)
                if in_time and self._plan_attempt(student.id, quiz_index, start):
                    planned[student.id].add(quiz_index)
            left = [q for q in range(quiz_count) if q not in planned[student.id]]
            if left and rng.random() < 0.04:  # started a quiz and left it unfinished
                day = cal.weighted_day(rng, first, last)
                start = cal.at(cal.days[day], rng.uniform(15, 22))
                if student.joined < start < self.now - timedelta(hours=1):
                    self._plan_attempt(student.id, rng.choice(left), start, "unfinished")

    def _homework_time(self, rng, moment: datetime, begin: datetime, end: datetime):
        """A time on ``moment``'s day, in a lesson or in the evening, inside [begin, end)."""
        day = self.calendar.almaty_date(moment)
        hour = rng.uniform(9, 13) if rng.random() < 0.35 else rng.uniform(15, 22.5)
        start = self.calendar.at(day, hour)
        if start < begin:
            start = begin + timedelta(minutes=rng.uniform(1, 60))
        if start >= min(end - timedelta(minutes=20), self.now - timedelta(minutes=30)):
            return None
        return start

    def _plan_attempt(self, student: int, quiz_index: int, start: datetime, kind="first") -> bool:
        """Schedule an attempt; False when it would not end on the Almaty day it starts."""
        cal = self.calendar
        day = cal.index(cal.almaty_date(start))
        if not 0 <= day < len(cal.days):
            return False
        if start >= cal.at(cal.days[day], 23.6):
            return False
        self.day_quizzes[day].append((start, student, quiz_index, kind))
        return True

    def _plan_tournaments(self) -> None:
        """A few debate tournaments per region, on Saturdays of the school year."""
        cal, scale = self.calendar, self.scale
        self.tournaments = []
        saturdays = [
            index
            for index, day in enumerate(cal.days)
            if day.weekday() == 5 and cal.weights[index] > 0.2 and day < cal.today
        ]
        if not saturdays:
            return
        for region_index in range(len(self.regions)):
            for number in range(scale.tournaments_per_region):
                share = (number + 0.5 + self.rng.uniform(-0.3, 0.3)) / scale.tournaments_per_region
                day = saturdays[min(int(share * len(saturdays)), len(saturdays) - 1)]
                self.tournaments.append((region_index, day))
                self.day_tasks[day].append((9.0, self._tournament, (region_index,)))

    def _plan_volunteers(self) -> None:
        rng, cal, scale = self.rng, self.calendar, self.scale
        today = cal.today.year
        candidates = [s for s in self.students.values() if today - s.birth_year >= 14]
        if not candidates:
            return
        wanted = min(scale.volunteer_applications, len(candidates))
        weights = list(accumulate(s.engagement for s in candidates))
        chosen: dict[int, _Student] = {}
        for _ in range(20 * wanted):
            if len(chosen) >= wanted:
                break
            student = rng.choices(candidates, cum_weights=weights)[0]
            chosen[student.id] = student
        last = len(cal.days) - 2
        for student in chosen.values():
            first = cal.index(cal.almaty_date(student.joined)) + 45
            if first <= last:
                day = cal.weighted_day(rng, first, last)
                self.day_tasks[day].append((rng.uniform(15, 21), self._application, (student,)))

    def _plan_corrections(self) -> None:
        rng, cal = self.rng, self.calendar
        students = list(self.students.values())
        last = len(cal.days) - 1
        for _ in range(self.scale.corrections if students else 0):
            student = rng.choice(students)
            first = cal.index(cal.almaty_date(student.joined)) + 7
            if first <= last:
                day = cal.weighted_day(rng, first, last)
                self.day_tasks[day].append((rng.uniform(10, 17), self._correction, (student,)))

    # -- the simulation --

    def _simulate(self) -> None:
        cal, ledger, writer = self.calendar, self.ledger, self.writer
        for index, day in enumerate(cal.days):
            events = self.day_events[index]
            for hour, task, args in sorted(self.day_tasks[index], key=lambda item: item[0]):
                if task(index, day, hour, *args) is False:
                    events += 1  # no tournament after all: an ordinary event instead
            least = self.scale.check_ins_per_event[0]
            for _ in range(events):
                for attempt in range(20):  # another host while few of the audience have joined
                    if self._event(day, minimum=least if attempt < 15 else 0):
                        break
            for start, student, quiz_index, kind in self.day_quizzes[index]:
                self._attempt(start, student, quiz_index, kind)
            wanted = self.target[index] - ledger.rows - len(ledger.pending)
            if wanted > 0:
                self.live_rows += self._live_games(day, wanted)
            ledger.close_day(day, cal.day_bounds(day))
            writer.maybe_flush()
            self.activity_done += self.activity[index]
            self._progress(40 + round(850 * self.activity_done / self.activity_total))
        for _ in range(self.upcoming_events):
            self._event(cal.today, upcoming=True)

    def _next(self, table: str) -> int:
        ids = self.writer.next_ids
        if table not in ids:
            self.writer.next_id(table)
        ids[table] += 1
        return ids[table] - 1

    def _tables(self) -> None:
        table = self.writer.table
        self.events = table(
            "events",
            ("id", "kind", "title", "description", "starts_at", "ends_at", "place", "online_url",
             "region_id", "institution_id", "audience", "registration_required", "capacity",
             "points", "checkin_secret", "created_by_id", "created_at", "updated_at",
             "seats_changed_at"),
        )  # fmt: skip
        self.event_classes = table("event_classes", ("event_id", "class_id"))
        self.event_institutions = table("event_institutions", ("event_id", "institution_id"))
        self.registrations = table(
            "event_registrations",
            ("id", "event_id", "user_id", "status", "queued_at", "updated_at"),
        )
        self.check_ins = table(
            "event_check_ins",
            ("id", "event_id", "user_id", "method", "checked_in_at", "recorded_at", "by_id"),
        )
        self.games = table(
            "live_games",
            ("id", "pin", "quiz_id", "version_id", "host_id", "host_language", "phase",
             "position", "question_count", "revision", "scoring", "team_mode",
             "question_started_at", "question_ends_at", "created_at", "changed_at",
             "finished_at"),
        )  # fmt: skip
        self.teams = table("live_teams", ("id", "game_id", "name", "class_id"))
        self.players = table(
            "live_players",
            ("id", "game_id", "nickname", "nickname_key", "user_id", "language", "team_id",
             "score", "streak", "joined_at", "removed_at"),
        )  # fmt: skip
        self.live_answers = table(
            "live_answers",
            ("id", "game_id", "player_id", "position", "choices", "correct", "elapsed_ms",
             "points", "bonus", "streak_after", "answered_at"),
        )  # fmt: skip
        self.attempts = table(
            "attempts",
            ("id", "user_id", "version_id", "started_at", "finished_at", "score", "assignment_id"),
        )
        self.answers = table(
            "answers",
            ("id", "attempt_id", "question_id", "chosen", "is_correct", "points", "answered_at"),
        )
        self.debate_rows = {
            name: table(name, columns)
            for name, columns in (
                ("debate_tournaments", ("id", "name", "format_key", "region_id", "institution_id",
                                        "leagues", "metrics", "break_size", "institution_cap",
                                        "event_id", "ballot_secret", "standings_released",
                                        "speakers_released", "break_released", "finished_at",
                                        "created_by_id", "created_at")),
                ("debate_teams", ("id", "tournament_id", "name", "institution_id", "league")),
                ("debate_speakers", ("id", "team_id", "user_id", "guest_name")),
                ("debate_adjudicators", ("id", "tournament_id", "name", "user_id", "institution_id",
                                         "rating")),
                ("debate_venues", ("id", "tournament_id", "name", "priority")),
                ("debate_rounds", ("id", "tournament_id", "number", "draw_type", "motion_id",
                                   "motion_release_at", "draw_released", "results_released",
                                   "drawn_at", "seed")),
                ("debate_debates", ("id", "round_id", "sequence", "league", "venue_id", "bracket",
                                    "flags", "confirmed_at", "confirmed_by_id")),
                ("debate_panel_seats", ("id", "debate_id", "round_id", "adjudicator_id", "role")),
                ("debate_ballots", ("id", "debate_id", "adjudicator_id", "scores", "entered_by_id",
                                    "submitted_at")),
                ("debate_speeches", ("id", "debate_id", "speaker_id", "score", "reply")),
                ("debate_debate_teams", ("id", "debate_id", "round_id", "team_id", "position",
                                         "points", "speaks", "margin")),
            )
        }  # fmt: skip
        self.volunteer_rows = {
            name: table(name, columns)
            for name, columns in (
                ("volunteer_applications", ("id", "user_id", "region_id", "direction", "status",
                                            "recommended", "motivation", "skills", "availability",
                                            "phone", "email", "consent_policy_version",
                                            "consent_at", "is_minor", "guardian_name",
                                            "guardian_contact", "guardian_confirmed_by_id",
                                            "guardian_confirmed_at", "created_at", "updated_at",
                                            "erased_at")),
                ("volunteer_status_changes", ("id", "application_id", "from_status", "to_status",
                                              "by_id", "note", "at")),
                ("volunteer_activities", ("id", "user_id", "region_id", "kind", "object_type",
                                          "held_on", "place", "findings", "savings_tenge",
                                          "status", "reviewed_by_id", "reviewed_at",
                                          "review_note", "created_at")),
            )
        }  # fmt: skip
        for name in ("event_check_ins", "live_players", "live_answers", "attempts", "answers"):
            self.writer.next_id(name)
        self.answer_window = self.now - timedelta(weeks=self.scale.live_answer_weeks)
        self.nickname_keys: dict[str, str] = {}

    # -- hosts --

    def _host(self, moment: datetime) -> _Institution | None:
        """An institution with students by ``moment``, bigger ones more often."""
        for _ in range(30):
            institution = self.rng.choices(self.institutions, cum_weights=self.host_weights)[0]
            if institution.joined and institution.joined[0] < moment:
                return institution
        eligible = bisect.bisect_left(self.by_first_join, (moment,))
        if not eligible:
            return None
        return self.institutions[self.by_first_join[self.rng.randrange(eligible)][1]]

    def _members(self, institutions, moment: datetime) -> list[int]:
        members = []
        for institution in institutions:
            members += institution.students[: bisect.bisect_left(institution.joined, moment)]
        return members

    # -- events and check-ins --

    def _event(self, day: date, upcoming: bool = False, minimum: int = 0) -> bool:
        """One event on ``day`` with its check-ins (none yet for one still to come); False
        (nothing written) when fewer than ``minimum`` of its audience could come."""
        rng, cal, ledger = self.rng, self.calendar, self.ledger
        kind, _share, audiences, titles = _choose(rng, EVENT_KIND_CHOICES)
        hours, minutes = EVENT_TIMES[kind]
        if upcoming:
            day = cal.today + timedelta(days=rng.randint(1, 14))
        start = cal.at(day, rng.choice(hours))
        end = start + timedelta(minutes=minutes)
        host = self._host(min(start, self.now))
        if host is None:
            return False
        upcoming = upcoming or end > self.now
        audience = _choose(rng, audiences)
        region_id, region_code = self.regions[host.region]
        regional = self.organizers[host.region]
        if audience in ("region", "open"):
            author = (
                self.national_organizer if audience == "open" and rng.random() < 0.5 else regional
            )
        else:
            author = rng.choice(host.teachers)
        kk, ru, en = rng.choice(titles)
        title = {"kk": kk, "ru": ru, "en": en}
        points = _choose(rng, EVENT_POINTS)
        registration = audience in ("region", "open") and kind in ("lecture", "contest")
        registration = registration and rng.random() < 0.35
        capacity = rng.choice((60, 100, 150, 250)) if registration else None
        created = max(start - timedelta(days=rng.uniform(1, 14)), host.created_at)
        if audience == "classes":
            own = [k for k in host.classes if author in k.teachers] or host.classes
            classes = rng.sample(own, min(len(own), rng.choice((1, 1, 1, 2))))
            pool = [user for klass in classes for user in klass.members_by(start)]
            wanted = round(len(pool) * rng.uniform(0.75, 0.97))
        else:
            classes = []
            if audience == "institutions":
                neighbours = [i for i in self.by_region[host.region] if i is not host]
                extra = min(len(neighbours), rng.choice((0, 0, 1, 2)))
                chosen = [host, *rng.sample(neighbours, extra)]
            elif rng.random() < 0.6:
                chosen = [host]
            else:
                region = self.by_region[host.region]
                chosen = rng.sample(region, min(3, len(region)))
            pool = self._members(chosen, start)
            wanted = rng.randint(*self.scale.check_ins_per_event)
        if not upcoming and min(wanted, len(pool), capacity or len(pool)) < minimum:
            return False
        event_id = self._next("events")
        place = f"{host.name}, {rng.choice(('актовый зал', 'акт залы', 'кабинет 204', 'спортзал'))}"
        online = f"https://meet.integrity-hour.example/{event_id}" if audience == "open" else ""
        self.events.append(
            (event_id, kind, title, {}, start, end, place, online, region_id, host.id, audience,
             registration, capacity, points, event_tokens.new_secret(), author, created, created,
             created),
        )  # fmt: skip
        for klass in classes:
            self.event_classes.append((event_id, klass.id))
        if audience == "institutions":
            for institution in chosen:
                self.event_institutions.append((event_id, institution.id))
        if upcoming:
            return True
        attendees = rng.sample(pool, min(wanted, len(pool), capacity or len(pool)))
        staff = host.teachers if author in host.teachers or not host.teachers else [author]
        for user in attendees:
            method = _choose(rng, CHECK_IN_METHODS)
            at = start + timedelta(minutes=rng.uniform(-12, 20))
            recorded = at + timedelta(minutes=rng.uniform(0, 30)) if method == "scan" else at
            by = rng.choice(staff) if method in ("scan", "manual") else None
            self.check_ins.append(
                (self._next("event_check_ins"), event_id, user, method, at, recorded, by)
            )
            ledger.pay(recorded, user, "event_checkin", f"event:{event_id}", en, points)
        if registration:
            came = set(attendees)
            no_shows = [user for user in pool if user not in came][: round(len(attendees) * 0.2)]
            for user in (attendees + no_shows)[:capacity]:
                queued = created + (start - created) * rng.random()
                self.registrations.append(
                    (self._next("event_registrations"), event_id, user, "confirmed", queued, queued)
                )
        return True

    # -- quizzes --

    def _attempt(self, start: datetime, user: int, quiz_index: int, kind: str) -> None:
        rng = self.rng
        quiz_id, slug, version_id, questions = self.quizzes[quiz_index]
        student = self.students[user]
        assignment = self.assignments.get((student.klass.id, quiz_id))
        assignment_id = None
        if assignment is not None and assignment[1] <= start < assignment[2]:
            if start + timedelta(minutes=12) >= assignment[2]:
                return  # the assignment would close before the last answer
            assignment_id = assignment[0]
        attempt_id = self._next("attempts")
        answered = (
            questions if kind != "unfinished" else questions[: rng.randint(1, len(questions) - 1)]
        )
        moment, score, right, scored = start, 0, 0, 0
        ability = student.ability
        answers = self.answers
        next_answer = self.writer.next_ids["answers"]
        for question_id, _pos, qtype, choices, correct_ids, points, _limit, chance in answered:
            moment += timedelta(seconds=rng.uniform(8, 40))
            if qtype == "poll":
                answers.append(
                    (next_answer, attempt_id, question_id, (rng.choice(choices),), None, 0, moment)
                )
            else:
                correct = rng.random() < chance + ability
                chosen = correct_ids if correct else _wrong_choice(rng, qtype, choices, correct_ids)
                gained = points if correct else 0
                answers.append(
                    (next_answer, attempt_id, question_id, chosen, correct, gained, moment)
                )
                score += gained
                right += correct
                scored += 1
            next_answer += 1
        self.writer.next_ids["answers"] = next_answer
        finished = moment if kind != "unfinished" else None
        self.attempts.append((attempt_id, user, version_id, start, finished, score, assignment_id))
        if kind != "first":
            return
        key, reason = str(quiz_id), f"first completion of quiz {slug}"
        points = self.points
        self.ledger.pay(moment, user, "quiz_completion", key, reason, points["quiz_completion"])
        if right:
            correct = points["quiz_correct_answer"] * right
            self.ledger.pay(moment, user, "quiz_correct_answer", key, reason, correct)
        if scored and right == scored:
            perfect = f"perfect score in quiz {slug}"
            self.ledger.pay(
                moment, user, "quiz_perfect_score", key, perfect, points["quiz_perfect_score"]
            )
        if rng.random() < 0.1:  # practice: a retake some days later pays nothing
            later = moment + timedelta(days=rng.uniform(1, 20))
            later = self.calendar.at(self.calendar.almaty_date(later), rng.uniform(15, 22))
            if later < self.now - timedelta(minutes=30):
                self._plan_attempt(user, quiz_index, later, "retake")

    # -- live games --

    def _live_games(self, day: date, wanted: int) -> int:
        """Live games on ``day`` until they have paid about ``wanted`` ledger rows."""
        rng, cal = self.rng, self.calendar
        paid = 0
        for _ in range(max(20, wanted)):
            if paid >= wanted:
                break
            start = cal.at(day, rng.choice(LESSON_HOURS))
            if start > self.now - timedelta(minutes=30):
                continue
            host = self._host(start)
            if host is None:
                continue
            teacher = rng.choice(host.teachers)
            classes = self.teacher_classes.get(teacher) or host.classes
            classes = rng.sample(
                classes, min(len(classes), _choose(rng, ((1, 0.7), (2, 0.2), (3, 0.1))))
            )
            members = [(user, klass) for klass in classes for user in klass.members_by(start)]
            players = [(user, klass) for user, klass in members if rng.random() < 0.9]
            if len(players) >= 5:  # a hall or a class, not a teacher trying it alone
                paid += self._game(start, teacher, classes, players)
        return paid

    def _game(self, start: datetime, host: int, classes: list, players: list) -> int:
        rng, ledger = self.rng, self.ledger
        quiz_id, slug, version_id, questions = rng.choice(self.quizzes)
        game_id = self._next("live_games")
        language = self.teacher_locale[host]
        mode = "class" if len(classes) > 1 and rng.random() < 0.6 else "none"
        teams = {}
        if mode == "class":
            for klass in classes:
                teams[klass.id] = self._next("live_teams")
                self.teams.append((teams[klass.id], game_id, klass.name, klass.id))
        roster, keys = [], set()
        for user, klass in players:
            student = self.students[user]
            roster.append([user, self._nickname(student.nickname, keys), student.locale,
                           teams.get(klass.id), student.ability])  # fmt: skip
        for _ in range(_choose(rng, ((0, 0.6), (1, 0.25), (2, 0.15)))):  # guests without an account
            name = rng.choice(KK_FEMALE + KK_MALE + RU_MALE)
            roster.append(
                [None, self._nickname(f"{name} {rng.randint(1, 99)}", keys), language, None, 0.0]
            )
        with_answers = start >= self.answer_window
        abilities = [player[4] for player in roster]
        scores = [0] * len(roster)
        streaks = [0] * len(roster)
        answered = [0] * len(roster)
        first_player = self.writer.next_ids["live_players"]
        self.writer.next_ids["live_players"] = first_player + len(roster)
        moment = start
        live_answers = self.live_answers
        for position, (_qid, _p, qtype, choices, correct_ids, _points, limit, chance) in enumerate(
            questions, 1
        ):
            limit_ms = limit * 1000
            if not with_answers:  # the same play, without keeping the answers: faster
                _play_without_answers(rng.random, qtype, chance, limit_ms, abilities, scores,
                                      streaks, answered)  # fmt: skip
                last_opened = moment
                moment += timedelta(seconds=limit + 20)
                continue
            for index, player in enumerate(roster):
                if rng.random() < 0.03:  # no answer in time: the streak breaks
                    streaks[index] = 0
                    continue
                answered[index] += 1
                if qtype == "poll":
                    if with_answers:
                        elapsed = int(limit_ms * rng.uniform(0.1, 0.8))
                        live_answers.append((self._next("live_answers"), game_id, first_player + index,
                                             position, (rng.choice(choices),), None, elapsed, 0, 0,
                                             streaks[index], moment + timedelta(milliseconds=elapsed)))  # fmt: skip
                    continue
                correct = rng.random() < chance + player[4]
                if correct:
                    elapsed = int(limit_ms * rng.uniform(0.08, 0.6))
                    bonus = min(streaks[index] * 100, 500)
                    gained = round((1 - elapsed / limit_ms / 2) * 1000) + bonus
                    streaks[index] += 1
                else:
                    elapsed = int(limit_ms * rng.uniform(0.2, 0.97))
                    bonus = gained = 0
                    streaks[index] = 0
                scores[index] += gained
                if with_answers:
                    chosen = (
                        correct_ids if correct else _wrong_choice(rng, qtype, choices, correct_ids)
                    )
                    live_answers.append((self._next("live_answers"), game_id, first_player + index,
                                         position, chosen, correct, elapsed, gained, bonus,
                                         streaks[index], moment + timedelta(milliseconds=elapsed)))  # fmt: skip
            last_opened = moment
            moment += timedelta(seconds=limit + 20)
        finished = moment + timedelta(seconds=30)
        count = len(questions)
        self.games.append(
            (game_id, None, quiz_id, version_id, host, language, "finished", count, count,
             2 * count + 2, {"base": 1000, "speed": True, "streak": True}, mode, last_opened,
             last_opened + timedelta(seconds=questions[-1][6]), start - timedelta(minutes=5),
             finished, finished),
        )  # fmt: skip
        for index, (user, nickname, locale, team, _ability) in enumerate(roster):
            joined = start - timedelta(seconds=rng.uniform(20, 240))
            self.players.append((first_player + index, game_id, nickname, self.nickname_keys[nickname],
                                 user, locale, team, scores[index], streaks[index], joined, None))  # fmt: skip
        # the pay-out, as live.services._pay_points does it
        ranked = sorted(
            (i for i in range(len(roster)) if answered[i]), key=lambda i: (-scores[i], i)
        )
        places = competition_ranks([scores[i] for i in ranked])
        key, reason = str(game_id), f"live game {game_id} of quiz {slug}"
        paid = 0
        for index, place in zip(ranked, places, strict=True):
            user = roster[index][0]
            if user is None:
                continue
            ledger.pay(
                finished, user, "live_participation", key, reason, self.points["live_participation"]
            )
            paid += 1
            if placement_points(place):
                ledger.pay(finished, user, "live_placement", key, f"place {place} in {reason}",
                           placement_points(place))  # fmt: skip
                paid += 1
        return paid

    def _nickname(self, wanted: str, taken: set) -> str:
        """The nickname shown, unique in its game by nickname_key (a clash adds a number)."""
        nickname, number = wanted[:NICKNAME_MAX], 1
        while True:
            key = self.nickname_keys.get(nickname)
            if key is None:
                key = self.nickname_keys[nickname] = nickname_key(nickname)
            if key not in taken:
                taken.add(key)
                return nickname
            number += 1
            suffix = f" {number}"
            nickname = wanted[: NICKNAME_MAX - len(suffix)] + suffix

    # -- debate tournaments --

    def _tournament(self, index: int, day: date, hour: float, region_index: int) -> bool:
        rng, cal, ledger, scale = self.rng, self.calendar, self.ledger, self.scale
        start = cal.at(day, hour)
        schools = [i for i in self.by_region[region_index] if i.joined and i.joined[0] < start]
        format_key = _choose(
            rng, (("wsdc", 0.7), ("parliamentary_2v2", 0.15), ("british_parliamentary", 0.15))
        )
        fmt = self.formats[format_key]
        per_room, roles = fmt.teams_per_room, len(fmt.roles)
        teams_wanted = max(per_room * 2, scale.teams_per_tournament // per_room * per_room)
        pools = []
        for school in schools:
            members = [
                u
                for u in self._members([school], start)
                if self.students[u].birth_year <= cal.today.year - 13
            ]
            rng.shuffle(members)
            pools += [members[k : k + roles] for k in range(0, len(members) - roles + 1, roles)][:2]
        rng.shuffle(pools)
        if len(pools) < teams_wanted:
            return False
        squads = pools[:teams_wanted]
        region_id, code = self.regions[region_index]
        organizer = self.organizers[region_index]
        city = CITIES.get(code, [(code, code)])[0][0]
        season = f"{day.year}" if day.month >= 9 else f"{day.year - 1}–{day.year}"
        self.tournament_numbers[region_index] += 1
        name = f"Адалдық кубогы · {city} · {season} · №{self.tournament_numbers[region_index]}"
        rounds_count = 4 if len(squads) > per_room else 1
        end = start + timedelta(minutes=75 * rounds_count + 40)
        # the tournament day: an event whose check-ins pay attendance
        event_id = self._next("events")
        created = start - timedelta(days=21)
        title = {
            "kk": f"Дебат турнирі: {name}",
            "ru": f"Турнир по дебатам: {name}",
            "en": f"Debate tournament: {name}",
        }
        host_id = self.students[squads[0][0]].klass.institution.id
        self.events.append(
            (event_id, "debate_day", title, {}, start, end, f"{city}, Дворец школьников", "",
             region_id, host_id, "region", False, None, 100, event_tokens.new_secret(),
             organizer, created, created, created),
        )  # fmt: skip
        tournament_id = self._next("debate_tournaments")
        self.debate_rows["debate_tournaments"].append(
            (tournament_id, name, format_key, region_id, None, [],
             [str(metric) for metric in debate_standings.DEFAULT_METRICS], 0, None, event_id,
             debate_links.new_secret(), True, True, False, end, organizer, created),
        )  # fmt: skip
        team_ids, speakers = [], {}
        for number, squad in enumerate(squads):
            team_id = self._next("debate_teams")
            word = TEAM_WORDS[number % len(TEAM_WORDS)]
            team_name = (
                word if number < len(TEAM_WORDS) else f"{word} {number // len(TEAM_WORDS) + 1}"
            )
            school = self.students[squad[0]].klass.institution.id
            self.debate_rows["debate_teams"].append((team_id, tournament_id, team_name, school, ""))
            team_ids.append(team_id)
            speakers[team_id] = []
            for user in squad:
                speaker_id = self._next("debate_speakers")
                self.debate_rows["debate_speakers"].append((speaker_id, team_id, user, ""))
                speakers[team_id].append((speaker_id, user))
                check = start - timedelta(minutes=rng.uniform(5, 25))
                self.check_ins.append(
                    (self._next("event_check_ins"), event_id, user, "scan", check, check, organizer)
                )
                ledger.pay(check, user, "event_checkin", f"event:{event_id}", title["en"], 100)
        rooms = len(squads) // per_room
        judges = []
        for number in range(rooms):
            judge_id = self._next("debate_adjudicators")
            self.debate_rows["debate_adjudicators"].append(
                (
                    judge_id,
                    tournament_id,
                    f"Төреші {number + 1}",
                    None,
                    None,
                    float(rng.randint(5, 9)),
                )
            )
            judges.append(judge_id)
        venues = []
        for number in range(rooms):
            venue_id = self._next("debate_venues")
            self.debate_rows["debate_venues"].append(
                (venue_id, tournament_id, str(101 + number), rooms - number)
            )
            venues.append(venue_id)
        wins = dict.fromkeys(team_ids, 0)
        speaks = dict.fromkeys(team_ids, 0.0)
        tab = []
        motions = (
            rng.sample(self.motions, min(rounds_count, len(self.motions))) if self.motions else []
        )
        winning = 1 if fmt.ranking == "winner" else 3
        for number in range(1, rounds_count + 1):
            round_start = start + timedelta(minutes=75 * (number - 1))
            round_id = self._next("debate_rounds")
            draw = "random" if number == 1 else "power_paired"
            motion = motions[number - 1] if len(motions) >= number else None
            self.debate_rows["debate_rounds"].append(
                (round_id, tournament_id, number, draw, motion, round_start - timedelta(minutes=15),
                 True, True, round_start - timedelta(minutes=30), rng.randrange(2**31)),
            )  # fmt: skip
            order = list(team_ids)
            rng.shuffle(order)
            if number > 1:
                order.sort(key=lambda team: (-wins[team], -speaks[team]))
            confirmed = round_start + timedelta(minutes=60)
            released = round_start + timedelta(minutes=70)
            reason = f"{name}, {number}"
            for room in range(rooms):
                sides = order[room * per_room : (room + 1) * per_room]
                rng.shuffle(sides)
                debate_id = self._next("debate_debates")
                bracket = float(max(wins[team] for team in sides))
                self.debate_rows["debate_debates"].append(
                    (debate_id, round_id, room + 1, "", venues[room], bracket, {}, confirmed, None)
                )
                self.debate_rows["debate_panel_seats"].append(
                    (self._next("debate_panel_seats"), debate_id, round_id, judges[room], "chair")
                )
                ballot, totals, speeches = self._ballot(rng, fmt, sides, speakers)
                result = sorted(range(per_room), key=lambda position: -totals[position])
                ballot["result"] = result[:1] if fmt.ranking == "winner" else result
                self.debate_rows["debate_ballots"].append(
                    (self._next("debate_ballots"), debate_id, judges[room], ballot, None,
                     confirmed - timedelta(minutes=5)),
                )  # fmt: skip
                for speaker_id, score, reply in speeches:
                    self.debate_rows["debate_speeches"].append(
                        (self._next("debate_speeches"), debate_id, speaker_id, score, reply)
                    )
                    tab.append(debate_standings.Speech(speaker_id, round_id, score, reply=reply))
                for position, team in enumerate(sides):
                    if fmt.ranking == "winner":
                        points = 1 if result[0] == position else 0
                        margin = round(totals[position] - totals[1 - position], 2)
                    else:
                        points, margin = per_room - 1 - result.index(position), 0.0
                    self.debate_rows["debate_debate_teams"].append(
                        (self._next("debate_debate_teams"), debate_id, round_id, team, position,
                         points, round(totals[position], 2), margin),
                    )  # fmt: skip
                    wins[team] += points
                    speaks[team] += totals[position]
                    for _speaker_id, user in speakers[team]:
                        ledger.pay(released, user, "debate_participation", f"debate:{debate_id}", reason,
                                   self.points["debate_participation"])  # fmt: skip
                        if points == winning:
                            ledger.pay(released, user, "debate_win", f"debate:{debate_id}", reason,
                                       self.points["debate_win"])  # fmt: skip
        users_of = {speaker: user for team in speakers.values() for speaker, user in team}
        for row in debate_standings.speaker_tab(tab):
            if row.rank == 1:
                ledger.pay(end, users_of[row.speaker], "debate_best_speaker", f"tournament:{tournament_id}",
                           name, self.points["debate_best_speaker"])  # fmt: skip
        return True

    @staticmethod
    def _ballot(rng, fmt, sides, speakers):
        """A chair's ballot: speeches per position in role order, replies, totals."""
        score_range = fmt.speaker_score
        low, high, step = float(score_range.min), float(score_range.max), float(score_range.step)
        middle = (low + high) / 2
        spread = (high - low) / 6
        ballot = {"speeches": [], "replies": [] if fmt.reply else None}
        totals, speeches = [], []
        for team in sides:
            team_form = rng.gauss(0, spread / 2)
            marks = []
            for speaker_id, _user in speakers[team]:
                score = _on_step(middle + team_form + rng.gauss(0, spread / 2), low, high, step)
                marks.append({"speaker": speaker_id, "score": score})
                speeches.append((speaker_id, float(score), False))
            total = sum(mark["score"] for mark in marks)
            ballot["speeches"].append(marks)
            if fmt.reply:
                reply = fmt.reply
                speaker_id = speakers[team][rng.choice(reply.from_roles)][0]
                low_reply, high_reply = float(reply.scores.min), float(reply.scores.max)
                score = _on_step((low_reply + high_reply) / 2 + rng.gauss(0, 1.5),
                                 low_reply, high_reply, float(reply.scores.step))  # fmt: skip
                ballot["replies"].append({"speaker": speaker_id, "score": score})
                speeches.append((speaker_id, float(score), True))
                total += score
            totals.append(total)
        # no tied totals: nudge a speech by one step until every team's total differs
        while len(set(totals)) < len(totals):
            position = rng.randrange(len(totals))
            marks = ballot["speeches"][position]
            role = rng.randrange(len(marks))
            bumped = marks[role]["score"] + (step if marks[role]["score"] + step <= high else -step)
            totals[position] += bumped - marks[role]["score"]
            marks[role]["score"] = bumped
            speeches = [
                (s, float(bumped) if s == marks[role]["speaker"] and not r else v, r)
                for s, v, r in speeches
            ]
        return ballot, totals, speeches

    # -- volunteering --

    def _application(self, index: int, day: date, hour: float, student: _Student) -> None:
        rng, cal, ledger = self.rng, self.calendar, self.ledger
        at = cal.at(day, hour)
        if at >= self.now:
            return
        user = student.id
        institution = student.klass.institution
        region_id, code = self.regions[institution.region]
        organizer = self.organizers[institution.region]
        teacher = student.klass.teachers[0]
        facts = eligibility.Facts(
            points=ledger.all_time_points(user), events=ledger.event_count(user),
            badges=ledger.badges_of(user),
        )  # fmt: skip
        recommended = eligibility.is_eligible(eligibility.rules_for(code), facts)
        minor = at.year - student.birth_year < 18
        first = "awaiting_consent" if minor else "submitted"
        steps = [(None, first, user, "", at)]
        outcome = _choose(rng, VOLUNTEER_OUTCOMES)
        moment = at

        def step(to, by, note=""):
            nonlocal moment
            moment = cal.at(
                cal.almaty_date(moment + timedelta(days=rng.uniform(1, 12))), rng.uniform(10, 17.5)
            )
            steps.append((steps[-1][1], to, by, note, moment))

        guardian = None
        if minor and outcome != "awaiting_consent":
            step("submitted", teacher, "Guardian's consent confirmed")
            guardian = (teacher, moment)
        path = {
            "submitted": [],
            "awaiting_consent": [],
            "in_review": ["in_review"],
            "interview": ["in_review", "interview"],
            "accepted": ["in_review", "interview", "accepted"],
            "active": ["in_review", "interview", "accepted", "active"],
            "declined": ["in_review", "declined"],
            "withdrawn": ["in_review"][: rng.randint(0, 1)] + ["withdrawn"],
        }[outcome]
        if outcome in ("accepted", "active") and rng.random() < 0.3:
            path.remove("interview")
        for status in path:
            step(status, user if status == "withdrawn" else organizer,
                 rng.choice(("", "", "Собеседование в пятницу в 15:00", "Welcome!")) if status == "interview" else "")  # fmt: skip
        steps = [s for s in steps if s[4] < self.now]
        if guardian and guardian[1] >= self.now:
            guardian = None
        application_id = self._next("volunteer_applications")
        direction = _choose(rng, (("public_control", 0.45), ("research_education", 0.3),
                                  ("pro_bono", 0.1), ("corporate", 0.15)))  # fmt: skip
        login = self.logins[user]
        self.volunteer_rows["volunteer_applications"].append(
            (application_id, user, region_id, direction, steps[-1][1], recommended,
             rng.choice(MOTIVATIONS), rng.choice(SKILLS), rng.choice(AVAILABILITY),
             f"+7 7{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
             f"{login}@mail.kz" if rng.random() < 0.6 else "",
             current_app.config["VOLUNTEER_CONSENT_POLICY"], at, minor,
             f"Родитель: {rng.choice(KK_FEMALE + RU_FEMALE)} {rng.choice(KK_SURNAMES)[1]}" if minor else "",
             f"+7 701 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" if minor else "",
             guardian[0] if guardian else None, guardian[1] if guardian else None,
             at, steps[-1][4], None),
        )  # fmt: skip
        for from_status, to_status, by, note, when in steps:
            self.volunteer_rows["volunteer_status_changes"].append(
                (
                    self._next("volunteer_status_changes"),
                    application_id,
                    from_status,
                    to_status,
                    by,
                    note,
                    when,
                )
            )
        if steps[-1][1] != "active":
            return
        became_active = steps[-1][4]
        first_day = cal.index(cal.almaty_date(became_active)) + 2
        last_day = len(cal.days) - 2
        for _ in range(rng.randint(1, 6)):
            if first_day > last_day:
                break
            held = cal.days[cal.weighted_day(rng, first_day, last_day)]
            kind = _choose(
                rng,
                (
                    ("monitoring_visit", 0.6),
                    ("legal_consultation", 0.2),
                    ("education_session", 0.2),
                ),
            )
            target = _choose(
                rng,
                [
                    (o, 1 / 6)
                    for o in (
                        "road_repair",
                        "playground",
                        "park",
                        "social_facility",
                        "procurement",
                        "other",
                    )
                ],
            )
            target = target if kind == "monitoring_visit" else None
            savings = None
            if kind == "monitoring_visit" and rng.random() < 0.5:
                savings = min(int(rng.lognormvariate(14.5, 1.4)), 5_000_000_000)
            logged = cal.at(held, rng.uniform(18, 22))
            reviewed = cal.at(
                cal.almaty_date(logged + timedelta(days=rng.uniform(1, 10))), rng.uniform(10, 17.5)
            )
            status, reviewer, note = "pending", None, ""
            if reviewed < self.now:
                status = "confirmed" if rng.random() < 0.88 else "rejected"
                reviewer = organizer
                note = rng.choice(
                    ("", "", "Фото приложены, спасибо!", "Акт направлен в департамент")
                )
            else:
                reviewed = None
            activity_id = self._next("volunteer_activities")
            street = f"{rng.choice(CITIES.get(code, [(code, code)]))[0]}, {rng.choice(PLACES)} {rng.randint(1, 120)}"
            self.volunteer_rows["volunteer_activities"].append(
                (activity_id, user, region_id, kind, target, held, street, rng.choice(FINDINGS),
                 savings, status, reviewer, reviewed, note, logged),
            )  # fmt: skip
            if status == "confirmed":
                day_index = cal.index(cal.almaty_date(reviewed))
                reason = f"volunteer activity {kind} on {held.isoformat()}"
                self.day_tasks[day_index].append(
                    (0.0, self._pay_task, (reviewed, user, "volunteer_activity", f"activity:{activity_id}",
                                           reason, self.points["volunteer_activity"], None)),
                )  # fmt: skip

    def _pay_task(self, index, day, hour, at, user, source, key, reason, amount, by_id) -> None:
        self.ledger.pay(at, user, source, key, reason, amount, by_id)

    def _correction(self, index: int, day: date, hour: float, student: _Student) -> None:
        at = self.calendar.at(day, hour)
        if at >= self.now or at <= student.joined:
            return
        amount, reason = self.rng.choice(CORRECTIONS)
        if amount < 0 and self.ledger.all_time_points(student.id) < 500:
            amount, reason = CORRECTIONS[0]
        key = f"{at:%Y%m%d%H%M%S}-{self.rng.getrandbits(32):08x}"
        organizer = self.organizers[student.klass.institution.region]
        self.ledger.pay(at, student.id, "correction", key, reason, amount, organizer)


# --- small helpers -------------------------------------------------------------------------

LESSON_HOURS = (8.5, 9.4, 10.3, 11.4, 12.3, 13.2, 14.1, 15.0, 15.9, 16.8)
EVENT_TIMES = {  # kind -> (starting hours, minutes long)
    "integrity_hour": (LESSON_HOURS, 45),
    "lecture": ((10.0, 11.0, 14.0, 15.0), 80),
    "contest": ((10.0, 11.0, 14.0), 150),
    "intellectual_game": ((14.5, 15.5, 16.0), 90),
    "debate_day": ((10.0, 14.0), 180),
    "volunteer_action": ((11.0, 15.0), 120),
    "other": ((17.5, 18.0), 60),
}
VOLUNTEER_OUTCOMES = (
    ("awaiting_consent", 0.05),
    ("submitted", 0.1),
    ("in_review", 0.08),
    ("interview", 0.07),
    ("accepted", 0.08),
    ("active", 0.39),
    ("declined", 0.13),
    ("withdrawn", 0.1),
)


def _play_without_answers(random, qtype, chance, limit_ms, abilities, scores, streaks, answered):
    """One question of a live game for every player, as ``_game`` plays it with answers."""
    for index, ability in enumerate(abilities):
        if random() < 0.03:  # no answer in time: the streak breaks
            streaks[index] = 0
            continue
        answered[index] += 1
        if qtype == "poll":
            continue
        if random() < chance + ability:
            elapsed = int(limit_ms * (0.08 + 0.52 * random()))
            streak = streaks[index]
            bonus = streak * 100 if streak < 5 else 500
            scores[index] += round((1 - elapsed / limit_ms / 2) * 1000) + bonus
            streaks[index] = streak + 1
        else:
            streaks[index] = 0


def _allocate(total: int, weights: list[float]) -> list[int]:
    """``total`` split over days in proportion to ``weights`` (largest remainders)."""
    whole = sum(weights)
    if not total or not whole:
        return [0] * len(weights)
    exact = [total * weight / whole for weight in weights]
    counts = [int(value) for value in exact]
    remainders = sorted(range(len(weights)), key=lambda i: counts[i] - exact[i])
    for index in remainders[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _on_step(value: float, low: float, high: float, step: float):
    value = min(max(value, low), high)
    value = low + round((value - low) / step) * step
    return int(value) if float(step).is_integer() else round(value, 1)


def _wrong_choice(rng: random.Random, qtype: str, choices: tuple, right: tuple) -> tuple:
    """A wrong answer as the question type accepts it (sorted choice ids)."""
    wrong = [choice for choice in choices if choice not in right]
    if qtype == "multiple":
        if len(right) > 1 and rng.random() < 0.6:
            return tuple(sorted(rng.sample(right, len(right) - 1)))  # one right box missed
        return tuple(sorted((*right, rng.choice(wrong)))) if wrong else right[:1]
    return (rng.choice(wrong),) if wrong else right
