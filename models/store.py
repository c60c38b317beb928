"""The store API the stages use: documents, policies and append-only document versions.

Upserts are dialect-neutral (select, then insert inside the caller's transaction); a race with
a concurrent run surfaces as :class:`sqlalchemy.exc.IntegrityError` on a unique key, and the
caller retries the whole page in a fresh transaction (see opcwatch.stages.parse).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.identity import attach_document
from models.tables import Document, DocumentVersion, RawPage
from parsers.schema import Policy

# Hosts that serve the same pages under another name. www.js.gov.cn is the old name of the
# Jiangsu provincial portal and still answers with the same articles.
HOST_ALIASES: dict[str, str] = {
    "www.js.gov.cn": "www.jiangsu.gov.cn",
    "js.gov.cn": "www.jiangsu.gov.cn",
    "jiangsu.gov.cn": "www.jiangsu.gov.cn",
}

StoreStatus = Literal["new", "unchanged", "stale"]


def canonicalize_url(url: str) -> str:
    """The identity of a page: one string for every way the same page is linked.

    Scheme forced to https, host lower-cased and aliased (:data:`HOST_ALIASES`), default ports
    and the fragment dropped. Path and query are kept as written: on these CMSs the query often
    *is* the identity (``?id=123``).
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = HOST_ALIASES.get(host, host)
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    return urlunsplit(("https", netloc, parts.path or "/", parts.query, ""))


def utc_naive(moment: datetime | None) -> datetime | None:
    """Comparable instants: SQLite hands back naive datetimes, PostgreSQL aware ones."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class StoreResult:
    """What storing one parsed page did."""

    status: StoreStatus  # new version / same content as the latest / older than the latest
    document_id: int
    version_id: int | None  # the new version, None unless status == "new"
    version_no: int


def get_or_create_document(session: Session, canonical: str, *, source_id: str,
                           now: datetime) -> Document:
    doc = session.scalars(select(Document).where(Document.canonical_url == canonical)).one_or_none()
    if doc is None:
        doc = Document(canonical_url=canonical, source_id=source_id, first_seen_at=now)
        session.add(doc)
        session.flush()
    return doc


def latest_version(session: Session, document_id: int) -> DocumentVersion | None:
    return session.scalars(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document_id)
        .order_by(DocumentVersion.version_no.desc())
        .limit(1)
    ).first()


def _is_stale(session: Session, latest: DocumentVersion, raw_page_id: int | None,
              fetched_at: datetime | None) -> bool:
    """True when the page was fetched before the page that produced the latest version.

    Without this, retrying an old run's failed page (or re-parsing history) would append the
    old content as the newest version and alert on a change that went backwards.
    """
    if latest.raw_page_id is None or fetched_at is None:
        return False
    if raw_page_id is not None and raw_page_id == latest.raw_page_id:
        return False
    latest_fetch = session.scalar(select(RawPage.fetched_at).where(RawPage.id == latest.raw_page_id))
    if latest_fetch is None:
        return False
    mine, theirs = utc_naive(fetched_at), utc_naive(latest_fetch)
    assert mine is not None and theirs is not None
    if mine != theirs:
        return mine < theirs
    return raw_page_id is not None and raw_page_id < latest.raw_page_id


def normalized_policy(policy: Policy, *, source_id: str | None = None) -> Policy:
    """The policy as stored: canonical URL canonicalized, source id the document's own.

    Both go into :meth:`Policy.content_hash`; fixing them here means an http/https variant of
    a link, or a second source listing the same article, is not mistaken for a revision.
    """
    update: dict[str, str] = {"canonical_url": canonicalize_url(policy.canonical_url)}
    if source_id is not None:
        update["source_id"] = source_id
    return policy.model_copy(update=update)


def store_policy(session: Session, policy: Policy, *, run_id: str, parser_version: str,
                 now: datetime, raw_page_id: int | None = None,
                 fetched_at: datetime | None = None) -> StoreResult:
    """Upsert the document; append a version only if the content changed; attach its policy.

    A version is appended when the normalized content hash differs from the document's
    latest version (version_no = latest + 1) and the page is not older than the page behind
    that latest version. Storing the same page twice therefore yields one version.
    """
    canonical = canonicalize_url(policy.canonical_url)
    doc = get_or_create_document(session, canonical, source_id=policy.source_id, now=now)
    stored = normalized_policy(policy, source_id=doc.source_id)

    content_hash = stored.content_hash()
    latest = latest_version(session, doc.id)
    if latest is not None and latest.content_hash == content_hash:
        if doc.policy_id is None:
            attach_document(session, doc, stored, canonical=canonical, now=now)
        return StoreResult("unchanged", doc.id, None, latest.version_no)
    if latest is not None and _is_stale(session, latest, raw_page_id, fetched_at):
        return StoreResult("stale", doc.id, None, latest.version_no)

    version = DocumentVersion(
        document_id=doc.id,
        version_no=(latest.version_no + 1) if latest is not None else 1,
        run_id=run_id,
        raw_page_id=raw_page_id,
        parser_version=parser_version,
        content_hash=content_hash,
        created_at=now,
        title=stored.title,
        published=stored.published,
        region_code=stored.region_code,
        is_opc=stored.relevance.is_opc,
        max_amount_yuan=stored.max_amount_yuan(),
        record=stored.model_dump(mode="json"),
        diffed=False,
    )
    session.add(version)
    session.flush()
    # After the version, so the policy's canonical document is chosen from current content.
    attach_document(session, doc, stored, canonical=canonical, now=now)
    return StoreResult("new", doc.id, version.id, version.version_no)


def previous_version(session: Session, version: DocumentVersion) -> DocumentVersion | None:
    """The version just before ``version`` of the same document, if any."""
    return session.scalars(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == version.document_id,
               DocumentVersion.version_no < version.version_no)
        .order_by(DocumentVersion.version_no.desc())
        .limit(1)
    ).first()
