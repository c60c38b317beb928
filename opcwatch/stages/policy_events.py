"""Events that belong to a policy rather than to one page: new, copy, superseded, deadline.

``policy.new`` is written once per policy and class of document (dedupe key): the policy's
first document of any kind announces it, and the first instrument (the 正式文件 itself) announces
it again only if a report came first, because subscribers of the default kinds never saw the
report. Delivery then sends each subscriber at most one ``policy.new`` per policy. Every later
document is a copy: ``policy.republished``, which digests list as "also published by …".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.diff import (
    DEADLINE_REMINDER,
    POLICY_NEW,
    POLICY_REPUBLISHED,
    POLICY_SUPERSEDED,
    EventDraft,
    base_payload,
)
from models.identity_basics import is_instrument
from models.store import latest_version
from models.tables import ChangeEvent, Document, PolicyRow
from parsers.schema import Policy
from parsers.similarity import title_core


def _canonical_url(session: Session, row: PolicyRow) -> str | None:
    if row.canonical_document_id is None:
        return None
    return session.scalar(select(Document.canonical_url).where(Document.id == row.canonical_document_id))


def first_version_events(document: Document | None, row: PolicyRow | None, new: Policy,
                         announced: list[tuple[str | None, str | None]],
                         canonical_url: str | None) -> list[EventDraft]:
    """``policy.new`` for a policy's first document (per class), ``policy.republished`` for a copy.

    ``announced`` is the policy's ``policy.new`` events so far as (dedupe, url), oldest first,
    including the ones this batch has drafted; ``canonical_url`` its canonical document's URL.
    The caller loads both for a whole batch at once (opcwatch/stages/diff_batch.py).
    """
    base = base_payload(new)
    if row is None:
        return [EventDraft(POLICY_NEW, "", base, new.max_amount_yuan())]
    klass = "instrument" if is_instrument(new.kind.value) else "report"
    dedupes = {dedupe for dedupe, _ in announced}
    mine = f"{POLICY_NEW}:{row.id}:{klass}"
    if not dedupes or (klass == "instrument" and mine not in dedupes):
        return [EventDraft(POLICY_NEW, "", base, new.max_amount_yuan(), dedupe=mine)]
    first_url = announced[0][1] if announced else None
    payload = {**base, "kind": row.kind or new.kind.value, "policy_title": row.title,
               "first_url": first_url, "canonical_url": canonical_url, "copy_kind": new.kind.value,
               "source_id": new.source_id, "link_evidence": document.link_evidence if document else None}
    return [EventDraft(POLICY_REPUBLISHED, "", payload, None)]


def superseded_events(session: Session, row: PolicyRow, new: Policy) -> list[EventDraft]:
    """``policy.superseded`` on each stored policy this instrument says it replaces (废止 / 替代)."""
    if not new.supersedes or not is_instrument(new.kind.value):
        return []
    drafts: list[EventDraft] = []
    for reference in new.supersedes:
        name, number = title_core(reference), reference.strip()
        old = session.scalar(select(PolicyRow).where(
            or_(PolicyRow.name == name, PolicyRow.doc_number == number), PolicyRow.id != row.id).limit(1))
        if old is None:
            continue
        dedupe = f"{POLICY_SUPERSEDED}:{old.id}"
        if session.scalar(select(ChangeEvent.id).where(ChangeEvent.dedupe == dedupe)) is not None:
            continue
        payload: dict[str, Any] = {
            "title": old.title, "url": _canonical_url(session, old), "region_code": old.region_code,
            "doc_number": old.doc_number, "kind": old.kind, "is_opc": new.relevance.is_opc,
            "reference": reference,
            "superseded_by": {"title": new.title, "url": new.canonical_url, "doc_number": new.doc_number,
                              "published": new.published.isoformat() if new.published else None},
        }
        drafts.append(EventDraft(POLICY_SUPERSEDED, f"superseded|{old.id}", payload, None,
                                 dedupe=dedupe, policy_id=old.id))
    return drafts


def write_deadline_reminders(session: Session, run_id: str, today: date, days: int,
                             now: datetime | None = None) -> int:
    """One ``deadline.reminder`` per application notice whose deadline is within ``days``."""
    if days < 0:
        return 0
    written = 0
    rows = session.scalars(select(PolicyRow).where(
        PolicyRow.kind == "application", PolicyRow.deadline.is_not(None),
        PolicyRow.deadline >= today, PolicyRow.deadline <= today + timedelta(days=days)))
    for row in rows:
        assert row.deadline is not None
        dedupe = f"{DEADLINE_REMINDER}:{row.id}:{row.deadline.isoformat()}"
        if row.canonical_document_id is None or session.scalar(
                select(ChangeEvent.id).where(ChangeEvent.dedupe == dedupe)) is not None:
            continue
        version = latest_version(session, row.canonical_document_id)
        if version is None:
            continue
        record = Policy.model_validate(version.record)
        payload = {**base_payload(record), "days_left": (row.deadline - today).days,
                   "document_id": version.document_id, "version_no": version.version_no, "policy_id": row.id}
        session.add(ChangeEvent(
            kind=DEADLINE_REMINDER, key=f"deadline|{row.deadline.isoformat()}", run_id=run_id,
            document_id=version.document_id, version_id=version.id, previous_version_id=None,
            created_at=now or datetime.now(UTC), region_code=row.region_code,
            is_opc=record.relevance.is_opc, amount_yuan=record.max_amount_yuan(), dedupe=dedupe,
            policy_id=row.id, doc_kind="application", payload=payload,
        ))
        written += 1
    session.flush()
    return written
