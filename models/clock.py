"""The one way a datetime becomes UTC-aware here.

SQLite hands timezone-aware columns back naive (they were written in UTC); PostgreSQL hands
them back aware, perhaps in the session's zone. Callers compare and store UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The wall clock, in UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive one is taken to be UTC already (how it was stored)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_or_now(moment: datetime | None) -> datetime:
    """A run's clock: the given moment in UTC, or the wall clock when none was given."""
    return utc_now() if moment is None else as_utc(moment)
