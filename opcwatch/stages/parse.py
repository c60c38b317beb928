"""Parse stage: raw_pages -> documents, policies and document versions.

Each raw page is handled in its own transaction, so one bad page (broken HTML, a parser bug,
a lost insert race) is recorded on that page and the run goes on. Re-running the stage for
the same run retries the pages that failed and changes nothing for the ones that parsed.

Nothing stays stranded: a run killed after its crawl leaves its pages ``pending``, and later
runs would never store them again (the server answers 304, or the same bytes). So every parse
also takes the pending pages (and those that failed on a database conflict) of runs that are
no longer running, whatever their run id; the versions it makes carry its own run id, so its
diff and alerts pick them up. A page is claimed by a conditional update of its status in the
transaction that stores its version: two runs parsing at once never both store one page.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models.db import session_scope
from models.liveness import touch_run
from models.store import StoreResult, store_policy, utc_naive
from models.tables import RawPage, Run
from opcwatch.settings import Settings
from parsers.schema import ParseError, Policy

log = logging.getLogger(__name__)

RETRIES = 3  # attempts per page when a concurrent run wins a unique-key race
ERROR_LIMIT = 2000  # characters of an error message kept on the raw page
CLAIMABLE = ("pending", "error")  # statuses a parse may take a page from
CONFLICT = "database conflict"  # a transient error: any later run retries the page
HEARTBEAT_SECONDS = 30.0


def _parser() -> tuple[Callable[..., Policy], str]:
    # Imported at call time: the parser package is developed alongside, and tests may swap it.
    import parsers

    return parsers.parse_document, str(getattr(parsers, "PARSER_VERSION", "unknown"))


def _new_summary() -> dict[str, Any]:
    return {"parsed": 0, "new_versions": 0, "unchanged": 0, "stale": 0, "skipped": 0,
            "errors": [], "documents": 0, "earlier_runs": 0, "elsewhere": 0}


def parse(settings: Settings, run_id: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Parse the run's detail pages that are pending, or failed before (a retry re-tries them),
    and the pages earlier runs left pending (see the module's doc).

    Returns ``{"parsed", "new_versions", "unchanged", "errors": [{"url", "error"}],
    "documents"}`` plus ``stale`` (older than the stored latest version), ``skipped``
    (non-2xx responses, never parsed as content), ``earlier_runs`` (pages of other runs taken
    up) and ``elsewhere`` (pages a concurrent parse took first). ``now`` stamps new rows; by
    default each row is stamped with its page's fetch time, so a re-run writes identical rows.
    """
    touch_run(settings.database_url, run_id, "parse")
    with session_scope(settings.database_url) as session:
        own, stranded = _own_pages(session, run_id), _stranded_pages(session, run_id)
    ids = [page_id for page_id, _ in sorted(own + stranded, key=lambda row: (utc_naive(row[1]), row[0]))]
    if stranded:
        log.info("parse %s: taking up %d pages left pending by earlier runs", run_id, len(stranded))
    summary = parse_pages(settings, run_id, ids, now=now, claim=True)
    summary["earlier_runs"] = len(stranded)
    return summary


def _own_pages(session: Session, run_id: str) -> list[tuple[int, datetime]]:
    return [(i, t) for i, t in session.execute(
        select(RawPage.id, RawPage.fetched_at)
        .where(RawPage.run_id == run_id, RawPage.page_type == "detail", RawPage.parse_status.in_(CLAIMABLE))
    )]


def _stranded_pages(session: Session, run_id: str) -> list[tuple[int, datetime]]:
    """Pages of other runs that are not running any more (finished, failed, abandoned, or a
    bare crawl without a runs row) and were never parsed, or failed on a database conflict.
    A running run's pages are its own business (its parse is coming)."""
    running = select(Run.id).where(Run.status == "running")
    return [(i, t) for i, t in session.execute(
        select(RawPage.id, RawPage.fetched_at).where(
            RawPage.run_id != run_id, RawPage.page_type == "detail", RawPage.run_id.not_in(running),
            or_(RawPage.parse_status == "pending",
                and_(RawPage.parse_status == "error", RawPage.parse_error.startswith(CONFLICT))),
        )
    )]


def parse_pages(settings: Settings, run_id: str, page_ids: Iterable[int], *,
                now: datetime | None, claim: bool) -> dict[str, Any]:
    """Parse the pages one transaction each (``claim``: only pages no other parse settled);
    ``page_ids`` is consumed lazily, so a re-parse can stream it (opcwatch/stages/reparse.py)."""
    parse_document, parser_version = _parser()
    summary = _new_summary()
    documents: set[int] = set()
    beat = time.monotonic()
    for page_id in page_ids:
        for attempt in range(1, RETRIES + 1):
            try:
                outcome = _parse_one(settings, run_id, page_id, parse_document, parser_version, now, claim)
                break
            except (IntegrityError, OperationalError) as exc:
                # A concurrent run inserted the same document or version number first (or SQLite
                # said the database is busy); the next attempt, in a fresh transaction, sees the
                # committed row and continues from there.
                if attempt == RETRIES:
                    outcome = _record_error(settings, page_id, f"{CONFLICT}: {exc.orig}")
        _tally(summary, outcome, documents)
        if time.monotonic() - beat > HEARTBEAT_SECONDS:  # a long parse is not a dead run
            touch_run(settings.database_url, run_id)
            beat = time.monotonic()
    summary["documents"] = len(documents)
    log.info("parse %s: %s", run_id, {k: v if k != "errors" else len(v) for k, v in summary.items()})
    return summary


def _tally(summary: dict[str, Any], outcome: tuple[str, Any], documents: set[int]) -> None:
    kind, detail = outcome
    if kind == "error":
        summary["errors"].append(detail)
    elif kind == "skipped":
        summary["skipped"] += 1
    elif kind == "elsewhere":
        summary["elsewhere"] += 1
    else:
        result: StoreResult = detail
        summary["parsed"] += 1
        documents.add(result.document_id)
        summary[{"new": "new_versions", "unchanged": "unchanged", "stale": "stale"}[result.status]] += 1


def _settle(session: Session, page_id: int, status: str, error: str | None, claim: bool) -> bool:
    """Write the page's parse status; with ``claim``, only if no other parse settled it first.

    The conditional update takes the row's write lock (PostgreSQL) or the database's (SQLite)
    until the transaction ends, so of two parses of one page exactly one gets True.
    """
    statement = update(RawPage).where(RawPage.id == page_id)
    if claim:
        statement = statement.where(RawPage.parse_status.in_(CLAIMABLE))
    done = session.execute(statement.values(parse_status=status, parse_error=error)
                           .execution_options(synchronize_session=False))
    return bool(getattr(done, "rowcount", 0))


def _parse_one(settings: Settings, run_id: str, page_id: int, parse_document: Callable[..., Policy],
               parser_version: str, now: datetime | None, claim: bool) -> tuple[str, Any]:
    """One page in one transaction: ("ok", StoreResult) / ("error", {url, error}) / ("skipped", url)
    / ("elsewhere", url) when a concurrent parse took it first."""
    with session_scope(settings.database_url) as session:
        page = session.get(RawPage, page_id)
        if page is None:  # deleted meanwhile (retention): nothing to do
            return "skipped", None
        if claim and page.parse_status not in CLAIMABLE:
            return "elsewhere", page.url
        if not 200 <= page.status < 300:
            if not _settle(session, page_id, "skipped", f"HTTP {page.status}: not content", claim):
                return "elsewhere", page.url
            return "skipped", page.url
        try:
            policy = parse_document(
                zlib.decompress(page.body), url=page.url, source_id=page.source_id,
                fetched_at=page.fetched_at, headers=dict(page.headers or {}),
                list_meta=dict(page.list_meta or {}),
            )
        except ParseError as exc:
            message = str(exc)
        except zlib.error as exc:
            message = f"stored body is not zlib data: {exc}"
        except Exception as exc:  # a parser bug must cost one page, not the run
            log.exception("parser crashed on %s", page.url)
            message = f"{type(exc).__name__}: {exc}"
        else:
            if not _settle(session, page_id, "ok", None, claim):  # claimed before anything is stored
                return "elsewhere", page.url
            result = store_policy(session, policy, run_id=run_id, parser_version=parser_version,
                                  now=now or page.fetched_at, raw_page_id=page.id,
                                  fetched_at=page.fetched_at)
            return "ok", result
        if not _settle(session, page_id, "error", message[:ERROR_LIMIT], claim):
            return "elsewhere", page.url
        return "error", {"url": page.url, "error": message}


def _record_error(settings: Settings, page_id: int, message: str) -> tuple[str, Any]:
    with session_scope(settings.database_url) as session:
        page = session.get(RawPage, page_id)
        if page is None:
            return "skipped", None
        if not _settle(session, page_id, "error", message[:ERROR_LIMIT], claim=True):
            return "elsewhere", page.url  # another parse got it through meanwhile
        return "error", {"url": page.url, "error": message}
