"""Diff stage: the run's new document versions -> change events.

Events are unique per (version, kind, key), and a version is marked ``diffed`` in the same
transaction that writes its events, so re-running the stage for a run adds nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models.db import session_scope
from models.diff import POLICY_NEW, POLICY_REPUBLISHED, EventDraft, diff_policies
from models.store import previous_version
from models.tables import ChangeEvent, Document, DocumentVersion, PolicyRow
from opcwatch.settings import Settings
from opcwatch.stages.withdrawn import POLICY_WITHDRAWN, write_withdrawn_events
from parsers.schema import Policy

log = logging.getLogger(__name__)

RETRIES = 3


def diff(settings: Settings, run_id: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Compare every not-yet-diffed version of the run with the document's previous version.

    Returns ``{"events": n, "by_kind": {kind: n}, "versions": n, "errors": [...]}`` where the
    counts are of events written by this call (0 on a re-run). ``now`` stamps the events; by
    default an event carries its version's creation time, so a re-run writes identical rows.
    """
    with session_scope(settings.database_url) as session:
        ids = list(session.scalars(
            select(DocumentVersion.id)
            .where(DocumentVersion.run_id == run_id, DocumentVersion.diffed.is_(False))
            .order_by(DocumentVersion.document_id, DocumentVersion.version_no)
        ))
    by_kind: Counter[str] = Counter()
    errors: list[dict[str, str]] = []
    for version_id in ids:
        for attempt in range(1, RETRIES + 1):
            try:
                with session_scope(settings.database_url) as session:
                    by_kind.update(_diff_version(session, version_id, now))
                break
            except (IntegrityError, OperationalError):
                # A concurrent diff of the same run wrote these events first; re-read and skip them.
                if attempt == RETRIES:
                    errors.append({"version_id": str(version_id), "error": "database conflict"})
            except ValidationError as exc:
                # A stored record the current schema no longer accepts: report, leave undiffed.
                errors.append({"version_id": str(version_id), "error": f"stored record invalid: {exc}"})
                break
    with session_scope(settings.database_url) as session:
        withdrawn = write_withdrawn_events(session, run_id, now)
    if withdrawn:
        by_kind[POLICY_WITHDRAWN] += withdrawn
    summary = {"events": sum(by_kind.values()), "by_kind": dict(sorted(by_kind.items())),
               "versions": len(ids), "errors": errors}
    log.info("diff %s: %s events %s", run_id, summary["events"], summary["by_kind"])
    return summary


def _diff_version(session: Session, version_id: int, now: datetime | None) -> list[str]:
    """Write the events of one version and mark it diffed; returns the kinds written."""
    version = session.get(DocumentVersion, version_id)
    if version is None or version.diffed:
        return []
    before = previous_version(session, version)
    new = Policy.model_validate(version.record)
    old = Policy.model_validate(before.record) if before is not None else None
    drafts = diff_policies(old, new)
    if old is None:
        drafts = [_as_republished(session, version, d) if d.kind == POLICY_NEW else d for d in drafts]

    existing = set(session.execute(
        select(ChangeEvent.kind, ChangeEvent.key).where(ChangeEvent.version_id == version.id)
    ))
    written: list[str] = []
    for draft in drafts:
        if (draft.kind, draft.key) in existing:
            continue
        session.add(ChangeEvent(
            kind=draft.kind, key=draft.key, run_id=version.run_id, document_id=version.document_id,
            version_id=version.id, previous_version_id=before.id if before is not None else None,
            created_at=now or version.created_at, region_code=new.region_code,
            is_opc=new.relevance.is_opc, amount_yuan=draft.amount_yuan,
            payload={**draft.payload, "document_id": version.document_id,
                     "version_no": version.version_no},
        ))
        written.append(draft.kind)
    version.diffed = True
    session.flush()
    return written


def _as_republished(session: Session, version: DocumentVersion, draft: EventDraft) -> EventDraft:
    """A first version of a document whose policy (same 文号) another outlet published earlier.

    Many outlets reprint one policy; subscribers hear of it once as ``policy.new`` and the
    reprints arrive as ``policy.republished`` naming where it first appeared. Only a document of
    the same kind counts as a reprint: a 解读 citing the policy's 文号 is news of its own.
    """
    document = session.get(Document, version.document_id)
    if document is None or document.policy_id is None:
        return draft
    owner = session.get(PolicyRow, document.policy_id)
    if owner is None or owner.key == document.canonical_url:
        return draft
    # "Earlier" is by publication date (then id): parse order follows fetch order, which a
    # concurrent crawl does not fix, and the original must win however the pages arrived.
    def published_key(record: object, row_id: object) -> tuple[str, int]:
        published = record.get("published") if isinstance(record, dict) else None
        return (str(published or "9999"), int(str(row_id)))

    mine = published_key(version.record, version.id)
    others = session.execute(
        select(Document.canonical_url, DocumentVersion.record, DocumentVersion.id)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .where(Document.policy_id == owner.id, Document.id != document.id, DocumentVersion.version_no == 1)
    )
    kind = draft.payload.get("kind")
    earlier = sorted(
        (published_key(record, row_id), url)
        for url, record, row_id in others
        if isinstance(record, dict) and record.get("kind") == kind and published_key(record, row_id) < mine
    )
    first_url = earlier[0][1] if earlier else None
    if first_url is None:
        return draft
    payload = {**draft.payload, "first_url": first_url}
    return EventDraft(POLICY_REPUBLISHED, draft.key, payload, draft.amount_yuan)
