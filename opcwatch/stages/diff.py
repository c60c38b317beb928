"""Diff stage: the run's new document versions -> change events.

Events are unique per (version, kind, key), and a version is marked ``diffed`` in the same
transaction that writes its events, so re-running the stage for a run adds nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models.db import session_scope
from models.diff import DEADLINE_REMINDER
from models.identity_basics import KIND_RANK
from models.liveness import touch_run
from models.tables import Document, DocumentVersion, PolicyRow
from opcwatch.settings import Settings
from opcwatch.stages.diff_batch import ChunkResult, diff_chunk
from opcwatch.stages.policy_events import write_deadline_reminders
from opcwatch.stages.withdrawn import POLICY_WITHDRAWN, write_withdrawn_events

log = logging.getLogger(__name__)

RETRIES = 3
# Versions per transaction: big enough that the per-chunk look-ups cost little per version,
# small enough that a retry redoes little and an IN list stays far below driver limits.
CHUNK = 250


def diff(settings: Settings, run_id: str, *, now: datetime | None = None,
         chunk_size: int = CHUNK) -> dict[str, Any]:
    """Turn the run's new versions into policy-level events.

    A document's first version gives ``policy.new`` (once per policy) or, for a copy of a known
    policy, ``policy.republished``; later versions of a policy's canonical document give the
    changes; versions of copies give nothing. Then withdrawals and deadline reminders.

    Returns ``{"events": n, "by_kind": {kind: n}, "versions": n, "errors": [...]}`` where the
    counts are of events written by this call (0 on a re-run). ``now`` stamps the events; by
    default an event carries its version's creation time, so a re-run writes identical rows.
    Versions are judged ``chunk_size`` at a time, each chunk in one transaction.
    """
    touch_run(settings.database_url, run_id, "diff")
    with session_scope(settings.database_url) as session:
        ids = _run_versions(session, run_id)
    by_kind: Counter[str] = Counter()
    errors: list[dict[str, str]] = []
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start:start + chunk_size]
        result = _diff_with_retries(settings.database_url, chunk, now)
        if result is None and len(chunk) > 1:
            # The chunk keeps conflicting: one version at a time, so one bad version does not
            # hold back the others.
            for version_id in chunk:
                result = _diff_with_retries(settings.database_url, [version_id], now)
                if result is None:
                    errors.append({"version_id": str(version_id), "error": "database conflict"})
                else:
                    by_kind.update(result.kinds)
                    errors += result.errors
        elif result is None:
            errors.append({"version_id": str(chunk[0]), "error": "database conflict"})
        else:
            by_kind.update(result.kinds)
            errors += result.errors
        if len(ids) > chunk_size:
            touch_run(settings.database_url, run_id)  # a long diff is alive, not stranded
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


def _diff_with_retries(database_url: str, version_ids: list[int], now: datetime | None) -> ChunkResult | None:
    """One chunk in one transaction; None when it still conflicts after RETRIES attempts."""
    for _ in range(RETRIES):
        try:
            with session_scope(database_url) as session:
                return diff_chunk(session, version_ids, now)
        except (IntegrityError, OperationalError):
            # A concurrent diff of the same run wrote these events first; re-read and skip them.
            continue
    return None


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
