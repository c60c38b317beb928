"""Policies by every filter a reader uses: keyword, region, dates, kind, source, paging.

The filters arrive validated (models/filters.py). What SQL can do is done in SQL; region
containment (the region table) and the keyword over issuer and body (inside the stored record)
are checked while streaming, so paging counts only rows that passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models.queries import applies_in, latest_versions, with_sources
from models.tables import Document, DocumentVersion, PolicyRow


@dataclass(frozen=True)
class PolicyFilter:
    region_code: str | None = None
    issued_here_only: bool = False
    opc_only: bool = True
    since: date | None = None
    until: date | None = None
    kinds: Sequence[str] = field(default_factory=tuple)
    sources: Sequence[str] = field(default_factory=tuple)
    keyword: str | None = None
    limit: int = 50
    offset: int = 0


def _matches_keyword(version: DocumentVersion, keyword: str) -> bool:
    record = version.record or {}
    haystack = " ".join(str(record.get(k) or "") for k in ("issuer", "doc_number", "body_text"))
    return keyword in (version.title or "") or keyword.lower() in haystack.lower()


def search_policies(session: Session, wanted: PolicyFilter) -> list[dict[str, Any]]:
    """One row per policy (its canonical document's latest version), newest publication first."""
    copies = (select(func.count()).select_from(Document).where(Document.policy_id == PolicyRow.id)
              .correlate(PolicyRow).scalar_subquery())
    query: Any = (latest_versions().add_columns(copies)
                  .outerjoin(PolicyRow, PolicyRow.id == Document.policy_id)
                  .where(or_(PolicyRow.id.is_(None), PolicyRow.canonical_document_id == Document.id)))
    if wanted.opc_only:
        query = query.where(DocumentVersion.is_opc.is_(True))
    if wanted.since is not None:
        query = query.where(DocumentVersion.published >= wanted.since)
    if wanted.until is not None:
        query = query.where(DocumentVersion.published <= wanted.until)
    if wanted.kinds:
        query = query.where(Document.kind.in_(list(wanted.kinds)))
    if wanted.sources:
        query = query.where(Document.source_id.in_(list(wanted.sources)))
    query = query.order_by(DocumentVersion.published.desc().nulls_last(), Document.id.desc())
    if wanted.region_code is None and not wanted.keyword:
        paged: Any = session.execute(query.offset(wanted.offset).limit(wanted.limit))
        return [with_sources(v, d, n) for v, d, n in paged]
    rows: list[dict[str, Any]] = []
    skipped = 0
    streamed: Any = session.execute(query)
    for version, document, sources in streamed:
        if wanted.region_code is not None and not applies_in(version.region_code, wanted.region_code,
                                                             wanted.issued_here_only):
            continue
        if wanted.keyword and not _matches_keyword(version, wanted.keyword):
            continue
        if skipped < wanted.offset:
            skipped += 1
            continue
        rows.append(with_sources(version, document, sources))
        if len(rows) >= wanted.limit:
            break
    return rows
