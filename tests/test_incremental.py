"""Incremental crawling: which known pages a cycle re-checks (crawlers/revisit.py), and real crawls.

The crawls run against the jiangsu_gov replica with the run's clock passed in (``now``), so
"13 hours later" needs no waiting.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from crawlers.revisit import KnownPage, RevisitPolicy, is_due, list_signature, spread
from crawlers.runner import crawl
from models.db import session_scope
from models.tables import Document, DocumentVersion, FetchState, RawPage
from opcwatch.settings import Settings
from opcwatch.stages.parse import parse
from replicas import ReplicaServer

T0 = datetime(2026, 1, 20, 9, 0, tzinfo=UTC)
POLICY = RevisitPolicy(opc_hours=12, other_hours=336)
URL = "https://www.example.gov.cn/art/2026/1/1/art_1_1.html"


@pytest.mark.parametrize(
    ("known", "hours_later", "touched", "due"),
    [
        (None, 0, False, True),  # never fetched
        (KnownPage(None, True), 0, False, True),  # row without a successful fetch
        (KnownPage(T0, True), 5.9, False, False),  # OPC: never before half the interval
        (KnownPage(T0, True), 12, False, True),  # OPC: always by the full interval
        (KnownPage(T0, None), 12, False, True),  # never parsed: treated as relevant
        (KnownPage(T0, False), 12, False, False),  # other pages wait
        (KnownPage(T0, False), 24 * 7 - 1, False, False),
        (KnownPage(T0, False), 24 * 14, False, True),
        (KnownPage(T0, True), 0, True, True),  # its list page was touched: re-check now
        (KnownPage(T0, None), 0, True, True),
        (KnownPage(T0, False), 0, True, False),  # ... but only relevant pages
        (KnownPage(T0, True, failures=1), 11.9, False, False),  # a failing page backs off ...
        (KnownPage(T0, True, failures=1), 24, False, True),  # ... to twice the interval
        (KnownPage(T0, True, failures=3), 47.9, False, False),  # 2**3 intervals (spread: half to full)
        (KnownPage(T0, True, failures=3), 96, False, True),
        (KnownPage(T0, True, failures=50), 12 * 64, False, True),  # capped at 64 intervals
    ],
)
def test_revisit_policy_table(known: KnownPage | None, hours_later: float, touched: bool, due: bool) -> None:
    now = T0 + timedelta(hours=hours_later)
    assert is_due(URL, known, POLICY, now, list_touched=touched) is due


def test_spread_is_stable_and_fills_half_to_full_interval() -> None:
    factors = [spread(f"https://www.example.gov.cn/art/{i}.html") for i in range(2000)]
    assert all(0.5 <= f < 1 for f in factors) and spread(URL) == spread(URL)
    assert min(factors) < 0.52 and max(factors) > 0.98  # spread over the range, not bunched
    naive = KnownPage(T0.replace(tzinfo=None), True)  # SQLite hands back naive UTC datetimes
    assert is_due(URL, naive, POLICY, T0 + timedelta(hours=12))


def test_list_signature_ignores_order_but_sees_last_modified_and_entries() -> None:
    entries = [("/a.html", "甲", date(2026, 1, 2)), ("/b.html", "乙", None)]
    base = list_signature("Tue, 20 Jan 2026 08:00:00 GMT", entries)
    assert base == list_signature("Tue, 20 Jan 2026 08:00:00 GMT", list(reversed(entries)))
    assert base != list_signature("Wed, 21 Jan 2026 08:00:00 GMT", entries)
    assert base != list_signature("Tue, 20 Jan 2026 08:00:00 GMT", entries[:1])
    assert len(base) == 64 and base.startswith("list:")


@pytest.fixture
def replica() -> Iterator[ReplicaServer]:
    with ReplicaServer(day=1) as server:
        yield server


def _details(replica: ReplicaServer, since: int) -> dict[str, int]:
    """{detail path: status} the replica answered since request number ``since``."""
    return {p: s for _, p, s in replica.requests[since:] if p.startswith("/art/")}


@pytest.mark.slow
def test_due_pages_are_rechecked_with_conditional_get_including_pages_off_the_lists(
    sqlite_settings: Settings, replica: ReplicaServer
) -> None:
    settings = sqlite_settings.with_(host_map=replica.host_map)
    # A backfill makes older pages known that no first list page shows any more.
    crawl(settings, "backfill", ["jiangsu_gov"], since=date(2025, 10, 1), now=T0)
    with session_scope(settings.database_url) as session:
        known = set(session.scalars(select(RawPage.url)))
    on_lists = set(_details(replica, 0))
    assert len(known) > 40

    before = len(replica.requests)
    later = crawl(settings, "later", now=T0 + timedelta(hours=13))  # never parsed: all count as relevant
    answered = _details(replica, before)
    rechecked = {f"https://www.jiangsu.gov.cn{p}" for p, s in answered.items() if s == 304}
    assert rechecked == known  # every known page, unchanged
    # Besides: first-page entries older than the backfill's range were new to this cycle.
    first_seen = [p for p, s in answered.items() if s != 304]
    assert set(answered.values()) <= {200, 304} and later["raw_pages_new"] == len(first_seen)
    assert all(p.startswith(("/art/2024/", "/art/2025/9/")) for p in first_seen)
    assert "off-list revisits" in later["sources"]["jiangsu_gov"]["message"]
    assert on_lists  # the backfill asked for them in the first place
    with session_scope(settings.database_url) as session:
        checked = {s.url: s.last_seen_at for s in session.scalars(select(FetchState)) if s.url in known}
    assert {t.replace(tzinfo=UTC) for t in checked.values()} == {T0 + timedelta(hours=13)}


@pytest.mark.slow
def test_relevance_from_stored_versions_and_touched_lists_decide_what_is_rechecked(
    sqlite_settings: Settings, replica: ReplicaServer
) -> None:
    settings = sqlite_settings.with_(host_map=replica.host_map)
    crawl(settings, "d1", now=T0)
    parse(settings, "d1")
    with session_scope(settings.database_url) as session:
        opc = set(session.scalars(
            select(Document.canonical_url).join(DocumentVersion).where(DocumentVersion.is_opc.is_(True))
        ))
        fetched = set(session.scalars(select(RawPage.url)))
    assert opc and fetched - opc  # both kinds exist in the replica

    # 13 h later nothing changed: only the OPC-relevant pages are due (and answer 304).
    before = len(replica.requests)
    crawl(settings, "h13", now=T0 + timedelta(hours=13))
    answered = _details(replica, before)
    assert {f"https://www.jiangsu.gov.cn{p}" for p in answered} == opc
    assert set(answered.values()) == {304}

    # Day 2, one minute after that: the columns holding the new record and the page edited in
    # place were regenerated, so their OPC pages are re-checked at once; nothing else is.
    replica.set_day(2)
    before = len(replica.requests)
    summary = crawl(settings, "d2", now=T0 + timedelta(hours=13, minutes=1))
    answered = _details(replica, before)
    sip, new = "/art/2026/1/16/art_60085_11868821.html", "/art/2026/1/21/art_33718_11872410.html"
    assert answered[sip] == 200 and answered[new] == 200 and summary["raw_pages_new"] == 2
    site = replica.site
    on_touched = {r.real_url for cid in ("60085", "33718") for r in site.columns[cid].records[: site.columns[cid].group]}
    rechecked = {f"https://www.jiangsu.gov.cn{p}" for p, s in answered.items() if s == 304}
    assert rechecked == (opc & on_touched) - {f"https://www.jiangsu.gov.cn{sip}"}
    assert rechecked, "the touched columns hold OPC pages besides the edited one"
