"""Politeness across processes: host leases in the store, skipping what another run just
crawled, short per-request timeouts and a time budget per source.

The lease itself is tested on SQLite and PostgreSQL; the crawl tests run two real crawl
processes against one slow replica and read the replica's request log: no two requests to the
host were in flight at once, and no article was fetched twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lease_support import HOST, SlowSite, TimedReplica, overlaps, write_registry
from sqlalchemy import select

from crawlers.health import health_rows
from crawlers.host_lease import Busy, Holder, break_if_dead, release, renew, try_acquire
from crawlers.registry import load_registry
from crawlers.runner import crawl
from models.db import get_engine, session_scope
from models.liveness import HOSTNAME
from models.tables import HostLease
from opcwatch.settings import Settings

OTHER = "other.example"


def holder(run_id: str, pid: int | None = None, hostname: str = HOSTNAME) -> Holder:
    return Holder(run_id=run_id, hostname=hostname, pid=pid or os.getpid())


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# -- the lease, on SQLite and PostgreSQL ---------------------------------------------------


def test_a_host_lease_is_exclusive_all_or_none_and_free_again_after_release(settings: Settings) -> None:
    url = settings.database_url
    a, b, c = holder("run-a"), holder("run-b"), holder("run-c")
    assert try_acquire(url, [HOST], a, "slow_a", 60) is None
    busy = try_acquire(url, [HOST], b, "slow_b", 60)
    assert isinstance(busy, Busy) and (busy.run_id, busy.source_id, busy.host) == ("run-a", "slow_a", HOST)
    assert "run-a" in busy.describe() and "slow_a" in busy.describe()
    assert try_acquire(url, [HOST], a, "slow_b", 60) is None  # its holder may take it again (next source)

    # A source on two hosts gets both or neither: b must not keep OTHER while HOST is busy.
    assert try_acquire(url, [OTHER, HOST], b, "two_hosts", 60) is not None
    assert try_acquire(url, [OTHER], c, "other", 60) is None
    release(url, [OTHER], c)

    release(url, [HOST], b)  # not b's: nothing happens
    assert try_acquire(url, [HOST], b, "slow_b", 60) is not None
    release(url, [HOST], a)
    assert try_acquire(url, [OTHER, HOST], b, "two_hosts", 60) is None
    with session_scope(url) as session:
        assert {(r.host, r.run_id) for r in session.scalars(select(HostLease))} == {(HOST, "run-b"), (OTHER, "run-b")}


def test_a_lease_not_renewed_expires_and_a_renewed_one_does_not(settings: Settings) -> None:
    url = settings.database_url
    a, b = holder("run-a"), holder("run-b")
    assert try_acquire(url, [HOST], a, "slow_a", 0.3) is None
    assert try_acquire(url, [HOST], b, "slow_a", 60) is not None
    time.sleep(0.4)  # a died without releasing: after its lease the host is free again
    assert try_acquire(url, [HOST], b, "slow_a", 0.3) is None
    assert renew(url, b, 60) == 1  # b is alive and renews (the crawl's heartbeat)
    time.sleep(0.4)
    assert try_acquire(url, [HOST], a, "slow_a", 60) is not None


def test_a_dead_holder_on_this_machine_is_taken_over_at_once(settings: Settings) -> None:
    url = settings.database_url
    gone = holder("run-killed", pid=dead_pid())
    assert try_acquire(url, [HOST], gone, "slow_a", 600) is None
    busy = try_acquire(url, [HOST], holder("run-next"), "slow_a", 60)
    assert busy is not None and busy.run_id == "run-killed"
    assert break_if_dead(url, busy)
    assert try_acquire(url, [HOST], holder("run-next"), "slow_a", 60) is None

    # A holder on another machine cannot be judged by its pid: only its lease expiry frees it.
    far = holder("run-far", pid=dead_pid(), hostname="worker-7")
    assert try_acquire(url, [OTHER], far, "other", 600) is None
    busy = try_acquire(url, [OTHER], holder("run-next"), "other", 60)
    assert busy is not None and not break_if_dead(url, busy)


def test_racing_acquirers_get_exactly_one_lease(settings: Settings) -> None:
    url = settings.database_url
    get_engine(url)
    start = threading.Barrier(6)
    results: list[Busy | None] = []

    def contend(i: int) -> None:
        start.wait()
        results.append(try_acquire(url, [HOST], holder(f"run-{i}"), "slow_a", 60))

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [r for r in results if r is None]
    assert len(results) == 6 and len(winners) == 1
    assert len({r.run_id for r in results if r is not None}) == 1  # every loser names the one winner


# -- two real crawl processes against one slow replica ----------------------------------------


def in_background(fn: Callable[[], dict[str, Any]]) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def go() -> None:
        started = time.monotonic()
        out.update(fn())
        out["seconds"] = round(time.monotonic() - started, 2)

    thread = threading.Thread(target=go)
    thread.start()
    return thread, out


def wait_for_lease(url: str, run_id: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with session_scope(url) as session:
            if session.scalar(select(HostLease.host).where(HostLease.run_id == run_id)):
                return
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} never took a host lease")


@pytest.fixture
def slow_settings(sqlite_settings: Settings, tmp_path: Path) -> Settings:
    settings = sqlite_settings.with_(registry_paths=(write_registry(tmp_path),))
    get_engine(settings.database_url)  # the schema once, before two processes race to create it
    return settings


@pytest.mark.slow
def test_two_runs_at_once_never_hit_one_host_together_and_nothing_is_fetched_twice(slow_settings: Settings) -> None:
    with TimedReplica(SlowSite(pages=8), delay=0.05) as replica:
        settings = slow_settings.with_(host_map=replica.host_map)
        first, a = in_background(lambda: crawl(settings, "run-a", ["slow_a", "slow_b"]))
        wait_for_lease(settings.database_url, "run-a")
        second, b = in_background(lambda: crawl(settings, "run-b", ["slow_a", "slow_b"]))
        first.join()
        second.join()
    assert overlaps(replica.spans) == []
    articles = Counter(path for path, _, _ in replica.spans if path.startswith("/art/"))
    assert len(articles) == 16 and set(articles.values()) == {1}
    for source in ("slow_a", "slow_b"):
        states = {run: out["sources"][source] for run, out in (("run-a", a), ("run-b", b))}
        crawled = [run for run, h in states.items() if h["state"] == "ok"]
        passed = [run for run, h in states.items() if h["state"] == "skipped"]
        assert len(crawled) == 1 and len(passed) == 1, states
        skipped = states[passed[0]]
        assert f"crawled by run {crawled[0]} (ok)" in skipped["message"] and skipped["items"] == 0
    assert b["sources"]["slow_a"]["state"] == "skipped"  # b waited for a, which crawled slow_a first
    assert a["requests"] + b["requests"] == len(replica.spans)
    # `opcwatch sources check` shows the crawl that happened, not the skip that came after it.
    checked = health_rows(settings.database_url, load_registry(settings.registry_paths))
    assert {row["id"]: row["state"] for row in checked} == {"slow_a": "ok", "slow_b": "ok"}


@pytest.mark.slow
def test_a_backfill_beside_a_run_waits_for_the_host_instead_of_skipping(slow_settings: Settings) -> None:
    with TimedReplica(SlowSite(pages=8), delay=0.05) as replica:
        settings = slow_settings.with_(host_map=replica.host_map)
        first, run = in_background(lambda: crawl(settings, "run-n", ["slow_a"]))
        wait_for_lease(settings.database_url, "run-n")
        second, backfill = in_background(lambda: crawl(settings, "run-bf", ["slow_a"], since=date(2026, 1, 1)))
        first.join()
        second.join()
    assert run["sources"]["slow_a"]["state"] == "ok"
    assert backfill["sources"]["slow_a"]["state"] == "ok" and backfill["requests"] > 0  # its range differs
    assert overlaps(replica.spans) == []


@pytest.mark.slow
def test_a_page_that_never_answers_holds_its_host_for_timeout_times_attempts(
        slow_settings: Settings) -> None:
    with TimedReplica(SlowSite(pages=2, dead_link=True), delay=0.0) as replica:
        settings = slow_settings.with_(host_map=replica.host_map, http_timeout=1.0, http_retries=1)
        summary = crawl(settings, "run-t", ["slow_a"])
    spans = sorted(replica.spans, key=lambda s: s[1])
    dead = [i for i, (path, _, _) in enumerate(spans) if path == "/art/dead.html"]
    assert len(dead) == 2  # one retry, not two
    for i in dead:  # the host was held for about the timeout, then the next request went out
        if i + 1 < len(spans):
            assert 0.9 < spans[i + 1][1] - spans[i][1] < 3.0
    health = summary["sources"]["slow_a"]
    assert health["state"] == "ok" and health["errors"] == 1 and "dead.html" in health["message"]


@pytest.mark.slow
def test_a_source_past_its_time_budget_stops_and_says_so(slow_settings: Settings) -> None:
    with TimedReplica(SlowSite(pages=40), delay=0.25) as replica:
        settings = slow_settings.with_(host_map=replica.host_map, source_time_budget=3.0)
        started = time.monotonic()
        summary = crawl(settings, "run-budget", ["slow_a"])
        seconds = time.monotonic() - started
    health = summary["sources"]["slow_a"]
    assert health["state"] == "truncated"
    assert "time budget of 3 s per source" in health["message"]
    articles = [p for p, _, _ in replica.spans if p.startswith("/art/")]
    assert 0 < len(articles) < 40
    assert seconds < 20  # process start-up plus the 3 s budget, not 40 x 0.25 s and more
