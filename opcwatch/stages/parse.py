"""Parse stage: raw_pages -> documents, policies and document versions.

Each raw page is handled in its own transaction, so one bad page (broken HTML, a parser bug,
a lost insert race) is recorded on that page and the run goes on. Re-running the stage for
the same run retries the pages that failed and changes nothing for the ones that parsed.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from models.db import session_scope
from models.store import StoreResult, store_policy, utc_naive
from models.tables import RawPage
from opcwatch.settings import Settings
from parsers.schema import ParseError, Policy

log = logging.getLogger(__name__)

RETRIES = 3  # attempts per page when a concurrent run wins a unique-key race
ERROR_LIMIT = 2000  # characters of an error message kept on the raw page


def _parser() -> tuple[Callable[..., Policy], str]:
    # Imported at call time: the parser package is developed alongside, and tests may swap it.
    import parsers

    return parsers.parse_document, str(getattr(parsers, "PARSER_VERSION", "unknown"))


def _new_summary() -> dict[str, Any]:
    return {"parsed": 0, "new_versions": 0, "unchanged": 0, "stale": 0, "skipped": 0,
            "errors": [], "documents": 0}


def parse(settings: Settings, run_id: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Parse the run's detail pages that are pending, or failed before (a retry re-tries them).

    Returns ``{"parsed", "new_versions", "unchanged", "errors": [{"url", "error"}],
    "documents"}`` plus ``stale`` (older than the stored latest version) and ``skipped``
    (non-2xx responses, never parsed as content). ``now`` stamps new rows; by default each row
    is stamped with its page's fetch time, so a re-run writes identical rows.
    """
    with session_scope(settings.database_url) as session:
        ids = list(session.scalars(
            select(RawPage.id)
            .where(RawPage.run_id == run_id, RawPage.page_type == "detail",
                   RawPage.parse_status.in_(("pending", "error")))
            .order_by(RawPage.fetched_at, RawPage.id)
        ))
    return _parse_pages(settings, run_id, ids, now=now)


def reparse(settings: Settings, run_id: str, since: datetime | None = None, *,
            now: datetime | None = None) -> dict[str, Any]:
    """Re-parse stored detail pages (all, or fetched since ``since``) with the current parser.

    Only the newest stored page of each URL is re-parsed: versions are append-only, so
    history cannot gain versions in the middle; the newest page decides the current content.
    A new version (under ``run_id``) appears only where the normalized content really changed,
    so running ``diff`` for ``run_id`` alerts only on real differences.
    """
    moment = now or datetime.now(UTC)
    with session_scope(settings.database_url) as session:
        query = select(RawPage.id, RawPage.url, RawPage.fetched_at).where(
            RawPage.page_type == "detail", RawPage.status >= 200, RawPage.status < 300)
        rows = list(session.execute(query.order_by(RawPage.fetched_at, RawPage.id)))
    cutoff = utc_naive(since)
    newest: dict[str, int] = {}
    for page_id, url, fetched_at in rows:  # ordered oldest first: the last one per URL wins
        if cutoff is None or (utc_naive(fetched_at) or cutoff) >= cutoff:
            newest[url] = page_id
    return _parse_pages(settings, run_id, sorted(newest.values()), now=moment)


def _parse_pages(settings: Settings, run_id: str, page_ids: Iterable[int], *,
                 now: datetime | None) -> dict[str, Any]:
    parse_document, parser_version = _parser()
    summary = _new_summary()
    documents: set[int] = set()
    for page_id in page_ids:
        for attempt in range(1, RETRIES + 1):
            try:
                outcome = _parse_one(settings, run_id, page_id, parse_document, parser_version, now)
                break
            except (IntegrityError, OperationalError) as exc:
                # A concurrent run inserted the same document or version number first (or SQLite
                # said the database is busy); the next attempt, in a fresh transaction, sees the
                # committed row and continues from there.
                if attempt == RETRIES:
                    outcome = _record_error(settings, page_id, f"database conflict: {exc.orig}")
        _tally(summary, outcome, documents)
    summary["documents"] = len(documents)
    log.info("parse %s: %s", run_id, {k: v if k != "errors" else len(v) for k, v in summary.items()})
    return summary


def _tally(summary: dict[str, Any], outcome: tuple[str, Any], documents: set[int]) -> None:
    kind, detail = outcome
    if kind == "error":
        summary["errors"].append(detail)
    elif kind == "skipped":
        summary["skipped"] += 1
    else:
        result: StoreResult = detail
        summary["parsed"] += 1
        documents.add(result.document_id)
        summary[{"new": "new_versions", "unchanged": "unchanged", "stale": "stale"}[result.status]] += 1


def _parse_one(settings: Settings, run_id: str, page_id: int, parse_document: Callable[..., Policy],
               parser_version: str, now: datetime | None) -> tuple[str, Any]:
    """One page in one transaction: ("ok", StoreResult) / ("error", {url, error}) / ("skipped", url)."""
    with session_scope(settings.database_url) as session:
        page = session.get(RawPage, page_id)
        if page is None:  # deleted meanwhile (retention): nothing to do
            return "skipped", None
        if not 200 <= page.status < 300:
            page.parse_status, page.parse_error = "skipped", f"HTTP {page.status}: not content"
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
            result = store_policy(session, policy, run_id=run_id, parser_version=parser_version,
                                  now=now or page.fetched_at, raw_page_id=page.id,
                                  fetched_at=page.fetched_at)
            page.parse_status, page.parse_error = "ok", None
            return "ok", result
        page.parse_status, page.parse_error = "error", message[:ERROR_LIMIT]
        return "error", {"url": page.url, "error": message}


def _record_error(settings: Settings, page_id: int, message: str) -> tuple[str, Any]:
    with session_scope(settings.database_url) as session:
        page = session.get(RawPage, page_id)
        if page is None:
            return "skipped", None
        page.parse_status, page.parse_error = "error", message[:ERROR_LIMIT]
        return "error", {"url": page.url, "error": message}
