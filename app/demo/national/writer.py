"""The national demo's rows, written in bulk: buffered per table, in chunks through
SQLAlchemy Core (``insert()`` with many rows), on PostgreSQL with psycopg through COPY (about
five times faster, measured). The big tables are loaded without their secondary indexes
(and, on PostgreSQL, without their unique and foreign-key constraints), which are rebuilt at
the end, as pg_restore does: the rebuild also checks that every unique key and reference
holds."""

import json
import queue
import threading
from collections import defaultdict
from datetime import date
from operator import methodcaller

import sqlalchemy as sa

from app.extensions import db

from .. import DemoError

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


class Writer:
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
            raise DemoError(f"writing the demo data failed: {self.error}") from self.error
        self.queue.put(item)

    def stop_streaming(self, abort: bool = False) -> None:
        if self.thread is None:
            return
        thread, self.thread = self.thread, None
        self.queue.put(ABORT if abort else STOP)
        thread.join()
        if self.error is not None and not abort:
            raise DemoError(f"writing the demo data failed: {self.error}") from self.error

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
