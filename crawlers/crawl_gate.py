"""A crawl process's way through the host leases: wait for a source's hosts, or skip it.

:func:`crawlers.crawl_main.main` asks :meth:`CrawlGate.enter` before each source's crawler
starts and calls :meth:`CrawlGate.leave` when it is done. While it waits, other host chains of
the same process go on (the wait is a Twisted timer, not a sleep). The rules:

- a normal run skips a source another run crawled successfully (``ok`` / ``truncated``) while
  this run was under way, or less than ``source_interval`` minutes ago: the same pages would be
  fetched twice. Its health for this run is ``skipped``, naming the other run;
- a backfill (since / until / max pages) never skips for that reason: its date range differs.
  It waits for the lease like everyone else;
- nobody waits longer than ``host_lease_wait`` seconds: then the source is ``skipped`` with
  the holder named (a wedged holder costs one source one run, not the whole run).

The heartbeat (every ``host_lease_seconds / 3``) renews the leases held, touches the run's
heartbeat, and notices when the process that started this crawl has died (a killed
``opcwatch run``): then the crawl stops instead of running on as an orphan.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Generator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from twisted.internet import defer, task

from crawlers.host_lease import (
    Holder,
    break_if_dead,
    crawled_elsewhere,
    record_crawl,
    release,
    renew,
    try_acquire,
)
from crawlers.registry import Source
from models.clock import as_utc, utc_now
from models.db import session_scope
from models.liveness import touch_run
from models.tables import SourceHealth

log = logging.getLogger(__name__)

SUCCESS_STATES = ("ok", "truncated")
# The health message of a source whose crawl stopped because its run was killed (resume redoes it).
STOPPED_ORPHAN = "stopped: the process that started this crawl is gone"
POLL_SECONDS = 1.0


def _pause() -> Any:
    from twisted.internet import reactor  # installed by now (crawl_main installs it first)

    return task.deferLater(reactor, POLL_SECONDS, lambda: None)


def skipped(message: str) -> dict[str, Any]:
    """source_health values of a source this run did not crawl (not an error, not a success)."""
    return {"state": "skipped", "pages": 0, "items": 0, "errors": 0, "message": message}


class CrawlGate:
    def __init__(self, database_url: str, run_id: str, *, deep: bool, covers_present: bool,
                 lease_seconds: float, max_wait: float, interval_minutes: float,
                 began: datetime | None = None) -> None:
        self.database_url = database_url
        self.run_id = run_id
        self.holder = Holder.this_process(run_id)
        self.deep = deep
        self.covers_present = covers_present
        self.lease_seconds = lease_seconds
        self.max_wait = max_wait
        self.interval = timedelta(minutes=interval_minutes)
        self.started = began or utc_now()  # when the run's crawl stage began (wall clock)
        self.parent_pid = os.getppid()
        self.stopping = False
        self.waited: dict[str, float] = {}  # source id -> seconds spent waiting for its hosts

    def _other_crawl(self, source: Source) -> str | None:
        if self.deep:
            return None
        not_before = min(self.started, utc_now() - self.interval)
        other = crawled_elsewhere(self.database_url, source.id, self.run_id, not_before)
        if other is None:
            return None
        age = (utc_now() - as_utc(other.finished_at)).total_seconds()
        return (f"crawled by run {other.run_id} ({other.state}) {age:.0f} s ago, "
                f"{'while this run was under way' if as_utc(other.finished_at) >= self.started else 'within the source interval'}"
                "; not fetched twice")

    @defer.inlineCallbacks
    def enter(self, source: Source) -> Generator[Any, Any, dict[str, Any] | None]:
        """None when this process holds every host of ``source``; else its ``skipped`` health."""
        started = time.monotonic()
        told = False
        while not self.stopping:
            try:
                if (crawled := self._other_crawl(source)) is not None:
                    return skipped(crawled)
                busy = try_acquire(self.database_url, source.hosts, self.holder, source.id, self.lease_seconds)
            except SQLAlchemyError as exc:  # a locked or briefly unreachable store: try again shortly
                if time.monotonic() - started >= self.max_wait:
                    return skipped(f"not crawled: host leases unreadable for {self.max_wait:g} s: {exc}")
                log.warning("source %s: lease look-up failed (%s); retrying", source.id, exc)
                yield _pause()
                continue
            if busy is None:
                self.waited[source.id] = round(time.monotonic() - started, 1)
                if told:
                    log.info("source %s: hosts free after %.1f s", source.id, self.waited[source.id])
                return None
            if break_if_dead(self.database_url, busy):
                log.warning("source %s: took over %s from a process that is gone", source.id, busy.host)
                continue
            if time.monotonic() - started >= self.max_wait:
                return skipped(f"not crawled: {busy.describe()}, still after {self.max_wait:g} s "
                               "(OPCWATCH_HOST_LEASE_WAIT)")
            if not told:
                log.info("source %s waits: %s", source.id, busy.describe())
                told = True
            yield _pause()
        return skipped("not crawled: the crawl was stopped")

    def leave(self, source: Source) -> None:
        """Release the source's hosts; remember a successful crawl that reached the present."""
        try:
            if self.covers_present and not self.stopping:  # a crawl cut short by a dead run is no success
                state = self._health_state(source.id)
                if state in SUCCESS_STATES:
                    record_crawl(self.database_url, source.id, self.run_id, state)
            release(self.database_url, source.hosts, self.holder)
        except SQLAlchemyError as exc:  # the lease then expires on its own; the chain goes on
            log.warning("source %s: could not release its hosts (%s); the lease expires in %g s",
                        source.id, exc, self.lease_seconds)

    def _health_state(self, source_id: str) -> str | None:
        with session_scope(self.database_url) as session:
            return session.scalar(select(SourceHealth.state).where(
                SourceHealth.run_id == self.run_id, SourceHealth.source_id == source_id))

    def heartbeat(self) -> bool:
        """Renew leases and the run's heartbeat; False once the parent process is gone."""
        try:
            renew(self.database_url, self.holder, self.lease_seconds)
            touch_run(self.database_url, self.run_id)
        except SQLAlchemyError as exc:  # the next beat tries again, well inside the lease
            log.warning("heartbeat of run %s failed: %s", self.run_id, exc)
        if os.getppid() != self.parent_pid:
            self.stopping = True
            return False
        return True

    @property
    def heartbeat_seconds(self) -> float:
        return max(0.5, self.lease_seconds / 3)
