"""Rows that several processes may try to create at once: a lock per purpose, an insert-if-absent.

Two `opcwatch run` on a fresh database (two cron lines, the CLI beside an Airflow task) both
find no ``outbox`` subscription and both insert one; the second must end up using the first's
row, not fail the run.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

T = TypeVar("T")


def advisory_xact_lock(session: Session, purpose: str) -> None:
    """Hold a PostgreSQL advisory lock named ``purpose`` until this transaction ends.

    Under READ COMMITTED every statement after the lock sees what the previous holder committed,
    so read-then-insert sequences behind it cannot race. SQLite needs none: its writers are
    serialised by the database lock, and the session's first write waits for the other's commit.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(purpose.encode())})


def insert_once(session: Session, find: Callable[[], T | None], create: Callable[[], T]) -> T:
    """``find()``, or ``create()`` when it finds nothing; if a concurrent transaction inserted
    the same row first (a unique key violated, or ``create`` refusing a name now taken), the
    savepoint is rolled back and that row is found and returned instead."""
    found = find()
    if found is not None:
        return found
    try:
        with session.begin_nested():
            return create()
    except (IntegrityError, ValueError):
        found = find()
        if found is None:  # not a race: a real error
            raise
        return found
