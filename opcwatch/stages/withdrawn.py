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
from models.store import latest_version
from models.tables import ChangeEvent, Document, FetchState, PolicyRow
from parsers.schema import Policy

POLICY_WITHDRAWN = "policy.withdrawn"
GONE_STATUSES = (404, 410)


def write_withdrawn_events(session: Session, run_id: str, now: datetime | None = None) -> int:
    """Write one ``policy.withdrawn`` event per document whose page is gone; the count written."""
    # Only a policy's canonical document: a repost or a news page taken down is not the policy
    # withdrawn (portals prune old news all the time).
    gone = session.execute(
        select(Document.id, Document.canonical_url, FetchState.last_status, PolicyRow.id, PolicyRow.kind)
        .join(FetchState, FetchState.url == Document.canonical_url)
        .join(PolicyRow, PolicyRow.canonical_document_id == Document.id)
        .where(FetchState.last_status.in_(GONE_STATUSES), FetchState.consecutive_failures >= 1)
    ).all()
    written = 0
    for document_id, url, status, policy_id, policy_kind in gone:
        latest = latest_version(session, document_id)
        if latest is None or session.scalar(
            select(ChangeEvent.id).where(ChangeEvent.version_id == latest.id, ChangeEvent.kind == POLICY_WITHDRAWN)
        ):
            continue
        policy = Policy.model_validate(latest.record)
        money = policy.max_amount_yuan()
        session.add(ChangeEvent(
            kind=POLICY_WITHDRAWN, key="", run_id=run_id, document_id=document_id, version_id=latest.id,
            previous_version_id=None, created_at=now or datetime.now(UTC), region_code=policy.region_code,
            is_opc=policy.relevance.is_opc, amount_yuan=Decimal(money) if money is not None else None,
            policy_id=policy_id, doc_kind=policy_kind or policy.kind.value,
            payload={**base_payload(policy), "http_status": status, "document_id": document_id,
                     "version_no": latest.version_no, "url": url},
        ))
        written += 1
    session.flush()
    return written
