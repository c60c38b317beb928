"""A policy's page: every field of its latest record, and what changed between its versions.

The version changes come from the same diff the alerts use (models.diff.diff_policies) run on
consecutive stored records, so the page says exactly what a subscriber was told, shaped as
before → after pairs the template can highlight (最高2000万元 → 3000万元).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.amount_text import format_amount, format_target
from alerts.render_changes import KIND_LABELS, ROLE_LABELS, change_lines
from models.queries import get_policy
from models.tables import DocumentVersion
from opcwatch.web.filters import BadInput

log = logging.getLogger(__name__)


def _period(period: Any) -> str:
    period = period or {}
    start, end = period.get("from"), period.get("until")
    return f"{start or '…'} 至 {end or '…'}" if (start or end) else "（未写明）"


def _change(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """One change as label / before / after / the sentence it came from."""
    old, new = payload.get("old"), payload.get("new")
    label = KIND_LABELS.get(kind, kind)
    if kind.startswith("amount."):
        phrase = (new or old or {}).get("phrase")
        return {"label": label, "before": format_amount(old) if old else "", "after": format_amount(new) if new else "",
                "quote": phrase}
    if kind == "target.changed":
        phrase = (new or old or {}).get("phrase")
        return {"label": label, "before": format_target(old) if old else "", "after": format_target(new) if new else "",
                "quote": phrase}
    if kind == "effective_period.changed":
        return {"label": label, "before": _period(payload.get("old_period")),
                "after": _period(payload.get("new_period")), "quote": payload.get("sentence")}
    return {"label": label, "before": "", "after": "", "quote": None, "lines": change_lines(kind, payload)}


def version_changes(older: dict[str, Any], newer: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed from one stored record to the next; [] when a record cannot be read back."""
    from models.diff import diff_policies
    from parsers.schema import Policy

    try:
        old_policy, new_policy = Policy.model_validate(older), Policy.model_validate(newer)
    except ValueError:  # a record of an older schema: the versions are listed without a diff
        log.info("a stored record no longer validates; its version diff is not shown")
        return []
    return [_change(draft.kind, draft.payload) for draft in diff_policies(old_policy, new_policy)]


def policy_page(session: Session, document_id: str) -> dict[str, Any]:
    """Everything the policy page shows; BadInput 404 for an id that does not exist."""
    if not document_id.isdigit():
        raise BadInput(f"政策编号应为数字 / a policy id is a number, not {document_id!r}", 404)
    row = get_policy(session, document_id)
    if row is None:
        raise BadInput(f"没有编号为 {document_id} 的政策 / no policy with id {document_id}", 404)
    records: dict[int, Any] = dict(session.execute(
        select(DocumentVersion.id, DocumentVersion.record).where(DocumentVersion.document_id == int(document_id))
    ).all())
    previous = None
    for version in row["versions"]:
        record = records.get(version["id"]) or {}
        version["changes"] = version_changes(previous, record) if previous is not None else []
        previous = record
    record = row["record"] or {}
    row["amount_rows"] = [
        {**amount, "text": format_amount(amount), "role_label": ROLE_LABELS.get(str(amount.get("role") or ""), "")}
        for amount in record.get("amounts", [])
    ]
    row["target_rows"] = [{**target, "text": format_target(target)} for target in record.get("targets", [])]
    row["versions"].reverse()  # newest first, as a reader wants them
    return row
