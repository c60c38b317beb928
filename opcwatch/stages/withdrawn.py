"""A known policy page that now answers 404 / 410 is an event: ``policy.withdrawn``.

Governments take documents down (repealed, superseded, published by mistake); subscribers who
acted on a policy need to know. The crawl records the status of every re-check in
``fetch_state`` (the revisit policy re-checks known pages, with back-off once they fail), so the
diff stage only has to look for documents whose page is gone and whose latest version has no
withdrawal event yet. Unique (version, kind, key) keeps it at one event per withdrawal; a page
that comes back with new content gets a new version, which can be withdrawn again.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.diff import base_payload
from models.tables import ChangeEvent, Document, DocumentVersion, FetchState, PolicyRow
from parsers.schema import Policy

POLICY_WITHDRAWN = "policy.withdrawn"
GONE_STATUSES = (404, 410)


def write_withdrawn_events(session: Session, run_id: str, now: datetime | None = None) -> int:
    """Write one ``policy.withdrawn`` event per document whose page is gone; the count written."""
    # One query, every step indexed (fetch_state.last_status, documents.canonical_url,
    # policies.canonical_document_id, the latest version by (document_id, version_no), events by
    # version): its cost follows the number of gone pages, not the size of the history.
    latest = (select(DocumentVersion.id).where(DocumentVersion.document_id == Document.id)
              .order_by(DocumentVersion.version_no.desc()).limit(1).correlate(Document).scalar_subquery())
    # Only a policy's canonical document: a repost or a news page taken down is not the policy
    # withdrawn (portals prune old news all the time).
    gone = (select(Document.id.label("document_id"), Document.canonical_url, FetchState.last_status,
                   PolicyRow.id.label("policy_id"), PolicyRow.kind, latest.label("version_id"))
            .join(FetchState, FetchState.url == Document.canonical_url)
            .join(PolicyRow, PolicyRow.canonical_document_id == Document.id)
            .where(FetchState.last_status.in_(GONE_STATUSES), FetchState.consecutive_failures >= 1)
            .subquery())
    told = select(ChangeEvent.id).where(ChangeEvent.version_id == gone.c.version_id,
                                        ChangeEvent.kind == POLICY_WITHDRAWN)
    rows = session.execute(select(gone).where(gone.c.version_id.is_not(None), ~told.exists())).all()
    if not rows:
        return 0
    versions = {v.id: v for v in session.scalars(
        select(DocumentVersion).where(DocumentVersion.id.in_([r.version_id for r in rows])))}
    for row in rows:
        version = versions[row.version_id]
        policy = Policy.model_validate(version.record)
        money = policy.max_amount_yuan()
        session.add(ChangeEvent(
            kind=POLICY_WITHDRAWN, key="", run_id=run_id, document_id=row.document_id, version_id=version.id,
            previous_version_id=None, created_at=now or datetime.now(UTC), region_code=policy.region_code,
            is_opc=policy.relevance.is_opc, amount_yuan=Decimal(money) if money is not None else None,
            policy_id=row.policy_id, doc_kind=row.kind or policy.kind.value,
            payload={**base_payload(policy), "http_status": row.last_status, "document_id": row.document_id,
                     "version_no": version.version_no, "url": row.canonical_url},
        ))
    session.flush()
    return len(rows)
