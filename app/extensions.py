"""Flask extensions, created unbound here and bound to the app in create_app."""

import sqlite3

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations reproducible and let SQLite's
# batch mode drop or alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)


def configure_limiter_storage(app) -> None:
    """With Redis, rate-limit checks share a pool that waits for a free connection: under
    gevent, a hall joining at once makes hundreds of checks at the same moment, and a pool
    that refuses past its size would turn them into errors."""
    uri = app.config["RATELIMIT_STORAGE_URI"]
    if uri.startswith("redis") and "RATELIMIT_STORAGE_OPTIONS" not in app.config:
        import redis  # only with REDIS_URL

        pool = redis.BlockingConnectionPool.from_url(uri, max_connections=50, timeout=20)
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {"connection_pool": pool}


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """SQLite, the embedded default: write-ahead logging lets readers go on while one
    writer commits, and NORMAL sync makes a commit cheap (still safe against crashes of
    the app; a power cut may lose the last commits, not corrupt the file). A live game's
    hall answering at once is many small commits."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
