"""When a known detail page is fetched again: the revisit policy of incremental crawling.

Governments edit policies in place (same URL, same list entry, new amount), so a known page
must be re-checked now and then; re-checking every known page every cycle is what the real
servers must be spared. The policy:

- a page never fetched is fetched;
- a page known to be OPC-relevant (or never parsed yet: relevance unknown, so assume it
  matters) is due ``opc_hours`` after its last check (default 12 h: an edit is seen within a
  day), other pages after ``other_hours`` (default 14 days);
- each page's interval is scaled by a fixed per-URL factor in [0.5, 1) so pages first fetched
  together do not all come due in the same cycle (the load spreads out, the bound still holds);
- a page whose last checks failed backs off: its interval doubles per consecutive failure
  (at most 64 times), so a deleted or gated page stops costing a request every cycle;
- a relevant page is due at once when the list page linking it was *touched* since the last
  cycle (its Last-Modified or its entries changed): CMSes that generate static column pages
  regenerate the column when an article in it is republished, which is the cheapest edit
  signal there is.

Every check is a conditional GET (ETag / Last-Modified from fetch_state), so an unchanged page
costs a 304. Time is always passed in; nothing here reads the clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from models.clock import as_utc
from models.db import session_scope
from models.tables import Document, DocumentVersion, FetchState, RawPage

MAX_BACKOFF_DOUBLINGS = 6


@dataclass(frozen=True)
class RevisitPolicy:
    """Hours between re-checks of a known page, for OPC-relevant and for other pages."""

    opc_hours: float = 12.0
    other_hours: float = 24.0 * 14


@dataclass(frozen=True)
class KnownPage:
    """What the store knows about one URL: last check, and OPC relevance (None: never parsed)."""

    last_checked: datetime | None
    opc: bool | None = None
    failures: int = 0  # consecutive failed checks (a 404, a challenge page, a timeout)

    @property
    def relevant(self) -> bool:
        return self.opc is not False


def spread(url: str) -> float:
    """A fixed factor in [0.5, 1) for ``url``: where in its interval the page comes due."""
    digest = hashlib.sha1(url.encode("utf-8")).digest()
    return 0.5 + int.from_bytes(digest[:4], "big") / 2**33


def due_at(url: str, known: KnownPage, policy: RevisitPolicy) -> datetime | None:
    """When ``url`` is next due by time alone (None: due now, it was never checked)."""
    if known.last_checked is None:
        return None
    hours = policy.opc_hours if known.relevant else policy.other_hours
    # A page that keeps failing (deleted, gated) backs off exponentially, up to 64 intervals,
    # instead of costing the site a request every cycle.
    hours *= 2 ** min(known.failures, MAX_BACKOFF_DOUBLINGS)
    return as_utc(known.last_checked) + timedelta(hours=hours * spread(url))


def is_due(
    url: str,
    known: KnownPage | None,
    policy: RevisitPolicy,
    now: datetime,
    *,
    list_touched: bool = False,
) -> bool:
    """Whether a cycle at ``now`` should fetch ``url`` (see the module docstring for the rules)."""
    if known is None:
        return True
    if known.relevant and list_touched:
        return True
    when = due_at(url, known, policy)
    return when is None or as_utc(now) >= when


LIST_MARK = "list:"  # prefix of a list page's signature in fetch_state.body_sha256


def list_signature(last_modified: str | None, entries: Iterable[tuple[Any, ...]]) -> str:
    """A fingerprint of a list page: its Last-Modified plus its entries (not its raw bytes,
    which carry visit counters and tokens that change on every request). 64 characters, the
    ``list:`` prefix tells list rows from detail rows in fetch_state."""
    lines = sorted(f"{e[0]}\t{e[1]}\t{e[2] or ''}" for e in entries)
    digest = hashlib.sha256("\n".join([last_modified or "", *lines]).encode("utf-8")).hexdigest()
    return LIST_MARK + digest[: 64 - len(LIST_MARK)]


def load_known(database_url: str, source_id: str) -> dict[str, KnownPage]:
    """Every URL of the source in fetch_state, with its last check and OPC relevance.

    Relevance comes from the stored document versions (read-only): a URL is OPC-relevant when
    any version parsed from it (by raw page URL or by the document's canonical URL) was.
    """
    with session_scope(database_url) as session:
        checked = {
            url: (last, failures or 0)
            for url, last, digest, failures in session.execute(
                select(FetchState.url, FetchState.last_seen_at, FetchState.body_sha256,
                       FetchState.consecutive_failures).where(FetchState.source_id == source_id)
            )
            if not (digest or "").startswith(LIST_MARK)
        }
        by_raw = session.execute(
            select(RawPage.url, DocumentVersion.is_opc)
            .join(DocumentVersion, DocumentVersion.raw_page_id == RawPage.id)
            .where(RawPage.source_id == source_id)
        ).all()
        by_canonical = session.execute(
            select(Document.canonical_url, DocumentVersion.is_opc)
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
            .where(Document.source_id == source_id)
        ).all()
    opc: dict[str, bool] = {}
    for url, is_opc in [*by_raw, *by_canonical]:
        opc[url] = opc.get(url, False) or bool(is_opc)
    return {url: KnownPage(last, opc.get(url), failures) for url, (last, failures) in checked.items()}


def load_list_signatures(database_url: str, source_id: str, urls: Iterable[str]) -> dict[str, str]:
    """{list URL: signature of the list page at the previous cycle} (stored in fetch_state)."""
    wanted = list(urls)
    with session_scope(database_url) as session:
        rows = session.execute(
            select(FetchState.url, FetchState.body_sha256).where(
                FetchState.source_id == source_id, FetchState.url.in_(wanted)
            )
        ).all()
    return {url: sig for url, sig in rows if sig}


def load_list_meta(database_url: str, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The list hints (title, date) stored with the latest raw page of each URL, for revisits of
    pages no longer on a first list page (the parser must see the same hints as before)."""
    wanted = list(urls)
    if not wanted:
        return {}
    with session_scope(database_url) as session:
        rows = session.execute(
            select(RawPage.url, RawPage.list_meta).where(RawPage.url.in_(wanted)).order_by(RawPage.id)
        ).all()
    found: dict[str, dict[str, Any]] = {}
    for url, meta in rows:  # later rows (newer) win
        found[str(url)] = dict(meta) if isinstance(meta, dict) else {}
    return found


