"""Alembic, driven from code: ``opcwatch init`` and the first use of a database upgrade it.

The migration scripts live in models/migrations and ship inside the package, so an installed
opcwatch can upgrade a production PostgreSQL without an alembic.ini on disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The pg_advisory_lock key meaning "migrating this database": b"opcwatch" as a bigint.
PG_MIGRATION_LOCK = int.from_bytes(b"opcwatch", "big")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> bool:
    """Bring the schema to head. Returns True if anything was applied.

    Two processes starting on an empty database (two cron runs, an Airflow task beside the CLI)
    would both create the tables and one would fail, so the upgrade runs under a lock held for
    this database, and the revision is read again once the lock is ours: the second process
    finds the schema the first one made.
    """
    head = head_revision()
    if current_revision(engine) == head:
        return False
    with _migration_lock(engine):
        if current_revision(engine) == head:
            return False
        command.upgrade(alembic_config(engine), "head")
    return True


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """PostgreSQL: a session advisory lock; SQLite: flock on ``<db file>.migrate.lock``."""
    if engine.dialect.name == "postgresql":
        # Session-level, on a connection of its own: Alembic migrates on another connection
        # of the same engine, and the lock only has to keep other processes out meanwhile.
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_MIGRATION_LOCK})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_MIGRATION_LOCK})
                connection.commit()
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        yield  # in-memory SQLite belongs to one process; other databases: their own DDL locking
        return
    try:
        import fcntl
    except ImportError:  # Windows: no flock; SQLite's own locking is all there is
        yield
        return
    # Not the database file itself: SQLite's locks on it are per-transaction, and Alembic's DDL
    # spans several. The lock file stays (an empty file); flock is released when the fd closes,
    # also when the process dies.
    with open(f"{database}.migrate.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
