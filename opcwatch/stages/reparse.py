"""Re-parse stored history with the current parser: ``opcwatch reparse`` and the reparse DAG.

Raw pages are kept forever so that a better parser can be run over them again. Which pages:
the newest stored detail page (2xx) of each URL among those fetched in the window (and of the
given sources). Versions are append-only, so history cannot gain versions in the middle; an
older page than the one behind a document's current version is left alone (``stale``).
Pages still ``pending`` are left to the normal parse (with the same current parser), and
so are pages of a run that is still running: re-parsing them here would take their news
out of that run's alerts.

Nothing is loaded whole: page ids are read in chunks by keyset (``id > last``), and each page's
body is read, parsed and stored in its own transaction (``opcwatch.stages.parse``). A new
version appears only where the normalized content hash differs from the document's latest
version, so running the same parser twice creates nothing the second time, and the diff stage
then writes events only for real differences.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from models.clock import as_utc, utc_or_now
from models.db import session_scope
from models.tables import RawPage, Run
from opcwatch.settings import Settings

log = logging.getLogger(__name__)

CHUNK = 500  # page ids read per query; bodies are read one page at a time
# The sites publish on Beijing time, and so do their users: a bare date is a Beijing day.
BEIJING = ZoneInfo("Asia/Shanghai")
# (pages done, pages in total, pages per second) -> None
Progress = Callable[[int, int, float], None]


@dataclass(frozen=True)
class Window:
    """Which stored pages a re-parse takes: fetched in [since, until) and of these sources."""

    since: datetime | None = None
    until: datetime | None = None  # exclusive
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "sources": list(self.sources)}


def moment(value: str | None, *, end: bool = False) -> datetime | None:
    """``2026-01-19`` (a Beijing day: its start, or with ``end`` the start of the next day, so
    an ``until`` day is included) or an ISO date-time (naive = Beijing time). ValueError else."""
    if not value:
        return None
    if len(value) == 10:
        day = date.fromisoformat(value)
        return datetime.combine(day + timedelta(days=1 if end else 0), clock_time(), BEIJING)
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=BEIJING)


def _content_page(page: Any, window: Window) -> list[Any]:
    """A detail page with content (2xx) fetched inside the window. Instants are bound in UTC:
    SQLite stores them as UTC wall-clock text, so an aware value in another zone would compare
    wrongly."""
    conditions = [page.page_type == "detail", page.status >= 200, page.status < 300]
    if window.since is not None:
        conditions.append(page.fetched_at >= as_utc(window.since))
    if window.until is not None:
        conditions.append(page.fetched_at < as_utc(window.until))
    return conditions


def candidates(window: Window) -> Select[Any]:
    """The pages to re-parse: the newest content page of each URL in the window (see the doc)."""
    newer = aliased(RawPage)
    # The unique key (url, sha256, run_id) starts with url, so this look-up is an index probe.
    has_newer = exists().where(
        newer.url == RawPage.url, *_content_page(newer, window),
        or_(newer.fetched_at > RawPage.fetched_at,
            and_(newer.fetched_at == RawPage.fetched_at, newer.id > RawPage.id)))
    running = select(Run.id).where(Run.status == "running")
    query = select(RawPage.id).where(
        *_content_page(RawPage, window), ~has_newer,
        RawPage.parse_status != "pending", RawPage.run_id.not_in(running))
    if window.sources:
        query = query.where(RawPage.source_id.in_(window.sources))
    return query


def count_pages(settings: Settings, window: Window) -> int:
    with session_scope(settings.database_url) as session:
        return int(session.scalar(select(func.count()).select_from(candidates(window).subquery())) or 0)


def page_ids(settings: Settings, window: Window, chunk: int = CHUNK) -> Iterator[int]:
    """The candidates' ids in id order, ``chunk`` at a time: memory does not grow with history."""
    last = 0
    while True:
        with session_scope(settings.database_url) as session:
            ids = list(session.scalars(candidates(window).where(RawPage.id > last)
                                       .order_by(RawPage.id).limit(chunk)))
        yield from ids
        if len(ids) < chunk:
            return
        last = ids[-1]


def counted(ids: Iterator[int], total: int, progress: Progress | None, every: float = 1.0) -> Iterator[int]:
    """``ids`` unchanged, calling ``progress(done, total, pages/s)`` about every ``every`` seconds
    and once at the end; a log line every 30 s too, for the DAG's task log."""
    started = last_report = last_log = time.monotonic()
    done = 0

    def report(now: float) -> None:
        rate = done / (now - started) if now > started else 0.0
        if progress is not None:
            progress(done, total, rate)

    for page_id in ids:
        yield page_id
        done += 1  # the consumer asks for the next id only after finishing this one
        now = time.monotonic()
        if now - last_report >= every:
            report(now)
            last_report = now
        if now - last_log >= 30.0:
            log.info("reparse: %d / %d pages, %.1f pages/s", done, total, done / (now - started))
            last_log = now
    report(time.monotonic())


def reparse(settings: Settings, run_id: str, since: datetime | None = None, *,
            until: datetime | None = None, sources: Sequence[str] = (), now: datetime | None = None,
            progress: Progress | None = None, chunk: int = CHUNK) -> dict[str, Any]:
    """Re-parse the window's pages under ``run_id`` (the parse stage's summary, plus ``pages``).

    New versions carry ``run_id`` and are stamped ``now``, so running ``diff`` for ``run_id``
    afterwards gives events only for the real differences.
    """
    from opcwatch.stages.parse import parse_pages

    window = Window(since, until, tuple(sources))
    total = count_pages(settings, window)
    moment = utc_or_now(now)
    summary = parse_pages(settings, run_id, counted(page_ids(settings, window, chunk), total, progress),
                          now=moment, claim=False)
    summary["pages"] = total
    return summary
