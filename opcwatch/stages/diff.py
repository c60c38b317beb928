"""Diff stage: the run's new document versions -> change events.

Events are unique per (version, kind, key), and a version is marked ``diffed`` in the same
transaction that writes its events, so re-running the stage for a run adds nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models.db import session_scope
from models.diff import DEADLINE_REMINDER, diff_policies
from models.identity_basics import KIND_RANK
from models.liveness import touch_run
from models.store import previous_version
from models.tables import ChangeEvent, Document, DocumentVersion, PolicyRow
from opcwatch.settings import Settings
from opcwatch.stages.policy_events import first_version_events, superseded_events, write_deadline_reminders
from opcwatch.stages.withdrawn import POLICY_WITHDRAWN, write_withdrawn_events
from parsers.schema import Policy

log = logging.getLogger(__name__)

RETRIES = 3


def diff(settings: Settings, run_id: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Turn the run's new versions into policy-level events.

    A document's first version gives ``policy.new`` (once per policy) or, for a copy of a known
    policy, ``policy.republished``; later versions of a policy's canonical document give the
    changes; versions of copies give nothing. Then withdrawals and deadline reminders.

    Returns ``{"events": n, "by_kind": {kind: n}, "versions": n, "errors": [...]}`` where the
    counts are of events written by this call (0 on a re-run). ``now`` stamps the events; by
    default an event carries its version's creation time, so a re-run writes identical rows.
    """
    touch_run(settings.database_url, run_id, "diff")
    with session_scope(settings.database_url) as session:
        ids = _run_versions(session, run_id)
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
    with session_scope(settings.database_url) as session:
        today = (now or datetime.now(UTC)).date()
        reminders = write_deadline_reminders(session, run_id, today, settings.deadline_reminder_days, now)
    if reminders:
        by_kind[DEADLINE_REMINDER] += reminders
    summary = {"events": sum(by_kind.values()), "by_kind": dict(sorted(by_kind.items())),
               "versions": len(ids), "errors": errors}
    log.info("diff %s: %s events %s", run_id, summary["events"], summary["by_kind"])
    return summary


def _run_versions(session: Session, run_id: str) -> list[int]:
    """The run's undiffed versions, instruments first, so a policy's first alert is the policy
    itself and its 解读 and reports arriving in the same run are copies of it."""
    rows = list(session.execute(
        select(DocumentVersion.id, Document.kind, DocumentVersion.document_id, DocumentVersion.version_no,
               PolicyRow.canonical_document_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .outerjoin(PolicyRow, PolicyRow.id == Document.policy_id)
        .where(DocumentVersion.run_id == run_id, DocumentVersion.diffed.is_(False))
    ).all())
    # The canonical document first among equals: the policy is announced from its best page.
    rows.sort(key=lambda r: (KIND_RANK.get(r[1] or "", 2), r[4] != r[2], r[2], r[3]))
    return [r[0] for r in rows]


def _diff_version(session: Session, version_id: int, now: datetime | None) -> list[str]:
    """Write the events of one version and mark it diffed; returns the kinds written."""
    # Take the write lock before reading anything. SQLite's driver begins a transaction only at
    # the first write, so two diffs of one run could both read "no events yet" and both write
    # (a duplicate policy.republished); this no-op update makes the second wait for the first
    # and then read its events. On PostgreSQL it locks the version row.
    session.execute(update(DocumentVersion).where(DocumentVersion.id == version_id)
                    .values(diffed=DocumentVersion.diffed))
    version = session.get(DocumentVersion, version_id)
    if version is None or version.diffed:
        return []
    document = session.get(Document, version.document_id)
    # Row lock on the policy (PostgreSQL): two diffs of one run must not both judge a policy's
    # first documents; the second waits, then sees the first one's events. SQLite serializes
    # writers itself (a stale reader fails and is retried).
    policy_row = (session.get(PolicyRow, document.policy_id, with_for_update=True)
                  if document and document.policy_id else None)
    session.refresh(version)
    if version.diffed:
        return []
    if session.scalar(select(ChangeEvent.id).where(ChangeEvent.version_id == version.id).limit(1)) is not None:
        # Diffed before (a retry that reset the flag): its events stand; judging it again now
        # would see its own policy.new and call it a copy.
        version.diffed = True
        return []
    before = previous_version(session, version)
    new = Policy.model_validate(version.record)
    if before is None:
        drafts = first_version_events(session, version, policy_row, new)
    elif policy_row is not None and policy_row.canonical_document_id == version.document_id:
        drafts = diff_policies(Policy.model_validate(before.record), new)
    else:
        drafts = []  # an edit of a copy: the canonical document decides what changed
    if policy_row is not None:
        drafts += superseded_events(session, policy_row, new)

    written: list[str] = []  # the version has no events yet (checked above)
    for draft in drafts:
        target = session.get(PolicyRow, draft.policy_id) if draft.policy_id else policy_row
        session.add(ChangeEvent(
            kind=draft.kind, key=draft.key, run_id=version.run_id, document_id=version.document_id,
            version_id=version.id, previous_version_id=before.id if before is not None else None,
            created_at=now or version.created_at,
            region_code=target.region_code if target is not None else new.region_code,
            is_opc=new.relevance.is_opc, amount_yuan=draft.amount_yuan, dedupe=draft.dedupe,
            policy_id=target.id if target is not None else None,
            doc_kind=str(draft.payload.get("kind") or new.kind.value),
            payload={**draft.payload, "document_id": version.document_id, "version_no": version.version_no,
                     "policy_id": target.id if target is not None else None},
        ))
        written.append(draft.kind)
    version.diffed = True
    session.flush()
    return written
