"""Host leases in the store: politeness across processes, and no source crawled twice.

Scrapy's one-request-at-a-time-per-host holds inside one crawl process only. Two runs at once
(two ``opcwatch run``, an Airflow ingest beside a backfill) would each crawl every site. So a
crawl process takes a lease on every host of a source before crawling it:

- **acquire** is one atomic statement per host, ``INSERT … ON CONFLICT (host) DO UPDATE …
  WHERE the lease expired or is already ours`` (SQLite and PostgreSQL), all hosts of a source
  in one transaction, in name order, all or none;
- the holder **renews** its leases while it crawls (``crawlers/crawl_gate.py`` heartbeat) and
  **releases** them (deletes its rows) when the source is done;
- a holder that died blocks its hosts until ``expires_at`` (``host_lease_seconds``), or not
  at all when it ran on this machine and its pid is gone.

``source_crawls`` keeps, per source, the latest successful crawl that reached the present,
with its wall-clock end, so a run that waited for a host can see that another run has just
crawled the very source it came for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from models.clock import as_utc, utc_now
from models.db import get_engine, session_scope
from models.liveness import HOSTNAME, process_alive
from models.tables import HostLease, SourceCrawl

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Holder:
    """The crawl process that holds (or wants) a lease."""

    run_id: str
    hostname: str
    pid: int

    @property
    def token(self) -> str:
        return f"{self.run_id}/{self.hostname}/{self.pid}"[:160]

    @classmethod
    def this_process(cls, run_id: str) -> Holder:
        return cls(run_id=run_id, hostname=HOSTNAME, pid=os.getpid())


@dataclass(frozen=True)
class Busy:
    """Who holds a host another process wanted."""

    host: str
    holder: str
    run_id: str
    source_id: str
    hostname: str
    pid: int
    expires_at: datetime

    def describe(self) -> str:
        return f"{self.host} is being crawled by run {self.run_id} (source {self.source_id}, pid {self.pid} on {self.hostname})"


def _insert(database_url: str) -> Any:
    dialect = get_engine(database_url).dialect.name
    return {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[dialect]


def try_acquire(database_url: str, hosts: Iterable[str], holder: Holder, source_id: str,
                ttl: float) -> Busy | None:
    """Take the lease of every host, or of none. None when taken; else who holds one of them."""
    wanted = sorted({h.lower() for h in hosts})  # one order everywhere: no deadlock between two sources
    insert = _insert(database_url)  # first: a fresh database is migrated here, which takes time
    now = utc_now()
    with session_scope(database_url) as session:
        for host in wanted:
            statement = insert(HostLease).values(
                host=host, holder=holder.token, run_id=holder.run_id, source_id=source_id,
                hostname=holder.hostname, pid=holder.pid, acquired_at=now, expires_at=now + timedelta(seconds=ttl),
            )
            fresh = statement.excluded
            session.execute(statement.on_conflict_do_update(
                index_elements=[HostLease.host],
                set_={"holder": fresh.holder, "run_id": fresh.run_id, "source_id": fresh.source_id,
                      "hostname": fresh.hostname, "pid": fresh.pid, "acquired_at": fresh.acquired_at,
                      "expires_at": fresh.expires_at},
                where=or_(HostLease.expires_at < now, HostLease.holder == holder.token),
            ))
        rows = session.scalars(select(HostLease).where(HostLease.host.in_(wanted)).order_by(HostLease.host)).all()
        other = next((r for r in rows if r.holder != holder.token), None)
        if other is None:
            return None
        busy = Busy(other.host, other.holder, other.run_id, other.source_id, other.hostname, other.pid,
                    as_utc(other.expires_at))
        session.rollback()  # all or none: give back the hosts this call did take
    return busy


def break_if_dead(database_url: str, busy: Busy) -> bool:
    """Expire ``busy``'s lease when its holder ran on this machine and its process is gone.

    A run killed with SIGKILL cannot release; without this the next run would wait out the
    lease. Conditional on the holder, so a lease taken over meanwhile is left alone.
    """
    if busy.hostname != HOSTNAME or process_alive(busy.pid):
        return False
    with session_scope(database_url) as session:
        done = session.execute(
            update(HostLease).where(HostLease.host == busy.host, HostLease.holder == busy.holder)
            .values(expires_at=EPOCH).execution_options(synchronize_session=False)
        )
        return bool(getattr(done, "rowcount", 0))


def renew(database_url: str, holder: Holder, ttl: float) -> int:
    """Push the expiry of every lease ``holder`` holds; returns how many it holds."""
    with session_scope(database_url) as session:
        done = session.execute(
            update(HostLease).where(HostLease.holder == holder.token)
            .values(expires_at=utc_now() + timedelta(seconds=ttl)).execution_options(synchronize_session=False)
        )
        return int(getattr(done, "rowcount", 0) or 0)


def release(database_url: str, hosts: Iterable[str], holder: Holder) -> None:
    wanted = sorted({h.lower() for h in hosts})
    with session_scope(database_url) as session:
        session.execute(delete(HostLease).where(HostLease.host.in_(wanted), HostLease.holder == holder.token))


def record_crawl(database_url: str, source_id: str, run_id: str, state: str) -> None:
    """Remember that ``run_id`` just crawled ``source_id`` successfully, up to the present."""
    with session_scope(database_url) as session:
        session.merge(SourceCrawl(source_id=source_id, run_id=run_id, state=state, finished_at=utc_now()))


def crawled_elsewhere(database_url: str, source_id: str, run_id: str, not_before: datetime) -> SourceCrawl | None:
    """Another run's successful crawl of the source that ended at or after ``not_before``."""
    with session_scope(database_url) as session:
        row = session.get(SourceCrawl, source_id)
        if row is None or row.run_id == run_id or as_utc(row.finished_at) < not_before:
            return None
        session.expunge(row)
        return row
