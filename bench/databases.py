"""A fresh database for a benchmark: a SQLite file, or a PostgreSQL database created for the
run and dropped afterwards (also when the run fails)."""

from contextlib import contextmanager
from pathlib import Path

import psycopg
import sqlalchemy as sa
from psycopg import sql


@contextmanager
def fresh_database(url: str | None, workdir: Path, name: str):
    """A new empty database: a SQLite file (deleted afterwards), or the PostgreSQL database
    in `url`, created now and dropped afterwards."""
    if url is None:
        path = workdir / f"{name}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for leftover in workdir.glob(f"{name}.db*"):
                leftover.unlink()
        return
    target = sa.engine.make_url(url)
    admin = psycopg.connect(
        host=target.host,
        port=target.port,
        user=target.username,
        password=target.password,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target.database)))
        try:
            yield url
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(target.database))
            )
