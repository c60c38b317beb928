"""The alert stage: plan deliveries in the ledger, then send what is due, once.

Exactly-once intent: a ledger row per (event, subscription) is inserted with ON CONFLICT DO
NOTHING, so re-running plans nothing new; a row is *claimed* (conditional UPDATE to
``sending`` with a lease) in its own committed transaction before the Apprise call, so two
concurrent runs never both send it. If the process dies between the send and recording the
outcome, the lease expires and the row is retried: at-least-once in that one crash window.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session

from alerts.channel import send_message
from alerts.render import render_digest, render_event
from alerts.subscriptions import find_subscription, mask_url
from models.db import session_scope
from models.tables import ChangeEvent, Delivery, Subscription
from parsers.schema import DEFAULT_ALERT_KINDS

DEFAULT_DOC_KINDS = [k.value for k in DEFAULT_ALERT_KINDS]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE = timedelta(minutes=1)  # 1, 2, 4, 8 minutes between the five attempts
LEASE = timedelta(minutes=10)  # a "sending" row older than this was abandoned by a crash
RUN_MODES = ("instant", "digest", "silent")
NATIONAL = "100000"  # the People's Republic as a whole: national policies apply everywhere
# A copy of a known policy (repost, 解读, report) is news only in a digest ("also published by").
COPY_KINDS = ("policy.republished",)


@dataclass
class _Message:
    """One Apprise call: a subscription and the ledger rows (with their events) it carries."""

    subscription: Subscription
    rows: list[tuple[int, ChangeEvent]] = field(default_factory=list)


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)


def _region_matches(event_region: str | None, wanted: Iterable[str], issued_here_only: bool = False) -> bool:
    """A region filter means "applies there": the place and everything in it, and by default
    also the places it lies in (a Suzhou subscriber gets the province's and national policies)."""
    from parsers.regions import is_within

    wanted = list(wanted or ())
    if not wanted:
        return True
    if not event_region:
        return False
    if any(is_within(str(event_region), str(code)) for code in wanted):
        return True
    return not issued_here_only and (event_region == NATIONAL or any(
        is_within(str(code), str(event_region)) for code in wanted))


def _insert_ignore(session: Session, rows: list[dict[str, Any]]) -> int:
    """Insert ledger rows, skipping any that exist (another run planned them); the count inserted."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    inserted = 0
    for start in range(0, len(rows), 500):
        stmt = (
            insert(Delivery)
            .values(rows[start : start + 500])
            .on_conflict_do_nothing(index_elements=["event_id", "subscription_id"])
            .returning(Delivery.id)
        )
        # RETURNING, because rowcount of a multi-row INSERT is -1 under psycopg.
        inserted += len(session.execute(stmt).all())
    return inserted


def plan(session: Session, run_id: str | None, status: str, now: datetime, mode: str = "instant") -> int:
    """Insert a ledger row (``status``) for each matching (event, active subscription) pair.

    Each subscriber hears of a policy once: a ``policy.new`` is skipped for a subscription that
    already has one for the same policy (a report announced it before the 正式文件 arrived).
    """
    planned = 0
    for sub in session.scalars(select(Subscription).where(Subscription.active.is_(True))):
        already = exists().where(and_(Delivery.event_id == ChangeEvent.id, Delivery.subscription_id == sub.id))
        query = select(ChangeEvent.id, ChangeEvent.region_code, ChangeEvent.kind, ChangeEvent.policy_id).where(~already)
        if run_id is not None:
            query = query.where(ChangeEvent.run_id == run_id)
        else:
            # The catch-up sweep (no run id: the alerts DAG, retries) only covers events newer
            # than the subscription, so a new subscriber is not flooded with the whole backlog.
            query = query.where(ChangeEvent.created_at >= sub.created_at)
        if sub.event_kinds:
            query = query.where(ChangeEvent.kind.in_(list(sub.event_kinds)))
        elif mode != "digest" and sub.mode != "digest":
            query = query.where(ChangeEvent.kind.not_in(COPY_KINDS))
        kinds = list(sub.doc_kinds or DEFAULT_DOC_KINDS)
        query = query.where(or_(ChangeEvent.doc_kind.in_(kinds), ChangeEvent.doc_kind.is_(None)))
        if sub.opc_only:
            query = query.where(ChangeEvent.is_opc.is_(True))
        if sub.min_amount_yuan is not None:
            query = query.where(ChangeEvent.amount_yuan >= sub.min_amount_yuan)
        announced = set(session.scalars(
            select(ChangeEvent.policy_id).join(Delivery, Delivery.event_id == ChangeEvent.id)
            .where(Delivery.subscription_id == sub.id, ChangeEvent.kind == "policy.new",
                   ChangeEvent.policy_id.is_not(None))))
        rows = []
        for event_id, region, kind, policy_id in session.execute(query.order_by(ChangeEvent.id)):
            if not _region_matches(region, sub.regions, bool(sub.issued_here_only)):
                continue
            if kind == "policy.new" and policy_id is not None:
                if policy_id in announced:
                    continue
                announced.add(policy_id)
            rows.append({"event_id": event_id, "subscription_id": sub.id, "status": status,
                         "attempts": 0, "created_at": now})
        planned += _insert_ignore(session, rows) if rows else 0
    return planned


def _due(now: datetime) -> Any:
    return or_(
        Delivery.status == "pending",
        and_(Delivery.status.in_(("failed", "sending")), Delivery.next_attempt_at <= now),
    )


def _messages(session: Session, run_id: str | None, mode: str, now: datetime) -> list[_Message]:
    """Due rows grouped into Apprise calls: one per row, or one per subscription for digests."""
    query = (
        select(Delivery.id, ChangeEvent, Subscription)
        .join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(_due(now), Subscription.active.is_(True))
        .order_by(Subscription.id, ChangeEvent.id)
    )
    if run_id is not None:
        query = query.where(ChangeEvent.run_id == run_id)
    messages: list[_Message] = []
    digests: dict[int, _Message] = {}
    for delivery_id, event, sub in session.execute(query):
        if mode == "digest" or sub.mode == "digest":
            digests.setdefault(sub.id, _Message(sub)).rows.append((delivery_id, event))
        else:
            messages.append(_Message(sub, [(delivery_id, event)]))
    return messages + list(digests.values())


def _claim(database_url: str, message: _Message, now: datetime) -> list[tuple[int, ChangeEvent]]:
    """Rows of ``message`` this run now owns; a row another run claimed first is dropped."""
    claimed = []
    with session_scope(database_url) as session:
        for delivery_id, event in message.rows:
            result = session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id, _due(now))
                .values(status="sending", next_attempt_at=now + LEASE)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                claimed.append((delivery_id, event))
    return claimed


def _record(database_url: str, ids: list[int], ok: bool, error: str, now: datetime) -> int:
    """Store the outcome of one send on its rows; the number of rows that became dead."""
    dead = 0
    with session_scope(database_url) as session:
        for delivery in session.scalars(select(Delivery).where(Delivery.id.in_(ids))):
            delivery.attempts += 1
            if ok:
                delivery.status, delivery.sent_at = "sent", now
                delivery.next_attempt_at, delivery.last_error = None, None
            elif delivery.attempts >= MAX_ATTEMPTS:
                delivery.status, delivery.next_attempt_at, delivery.last_error = "dead", None, error
                dead += 1
            else:
                delivery.status, delivery.last_error = "failed", error
                delivery.next_attempt_at = now + BACKOFF_BASE * 2 ** (delivery.attempts - 1)
    return dead


def _render(message: _Message, rows: list[tuple[int, ChangeEvent]], digest: bool) -> tuple[str, str]:
    fmt = message.subscription.format or "markdown"
    if digest:
        return render_digest([event for _, event in rows], fmt)
    event = rows[0][1]
    return render_event(event.payload or {}, event.kind, fmt)


def deliver(settings: Any, run_id: str | None = None, mode: str = "instant",
            now: datetime | None = None) -> dict[str, Any]:
    """Plan and send alerts for ``run_id``'s events (all events when None).

    ``mode``: ``instant`` (one message per event, digests for digest-mode subscriptions),
    ``digest`` (one message per subscription), ``silent`` (new rows are ``suppressed``, never
    sent). Counts are ledger rows (``planned`` = rows new in this run, of which
    ``suppressed`` in silent mode); ``channels`` counts messages per masked channel URL.
    """
    if mode not in RUN_MODES:
        raise ValueError(f"未知投递模式 / unknown delivery mode {mode!r}; choose from {', '.join(RUN_MODES)}")
    now = _utc(now)
    summary: dict[str, Any] = {"planned": 0, "sent": 0, "failed": 0, "dead": 0, "suppressed": 0, "channels": {}}
    with session_scope(settings.database_url) as session:
        count = plan(session, run_id, "suppressed" if mode == "silent" else "pending", now, mode)
        summary["planned"] = count
        summary["suppressed"] = count if mode == "silent" else 0
        messages = _messages(session, run_id, mode, now)
    for message in messages:
        sub = message.subscription
        rows = _claim(settings.database_url, message, now)
        if not rows:
            continue
        # Keyed by subscription name too: two webhooks can mask to the same text.
        masked = f"{sub.name}: {mask_url(sub.url)}"
        channel = summary["channels"].setdefault(masked, {"sent": 0, "failed": 0, "error": ""})
        digest = mode == "digest" or sub.mode == "digest"
        try:
            title, body = _render(message, rows, digest)
            ok, error = send_message(sub.url, title, body, sub.format or "markdown")
        except Exception as exc:  # a rendering bug for one event must not stop the others
            ok, error = False, f"{type(exc).__name__}: {exc}"[:500]
        dead = _record(settings.database_url, [delivery_id for delivery_id, _ in rows], ok, error, now)
        if ok:
            summary["sent"] += len(rows)
            channel["sent"] += 1
            log.info("alert sent: %d event(s) to %s (%s)", len(rows), sub.name, masked)
        else:
            summary["failed"] += len(rows) - dead
            summary["dead"] += dead
            channel["failed"] += 1
            channel["error"] = error
            log.warning("alert to %s (%s) failed: %s", sub.name, masked, error)
    return summary


def send_test(settings: Any, name_or_id: str) -> tuple[bool, str]:
    """Send a sample alert to one subscription (``opcwatch subscribe test``); no ledger row."""
    with session_scope(settings.database_url) as session:
        sub = find_subscription(session, name_or_id)
        if sub is None:
            return False, f"没有这个订阅 / no such subscription: {name_or_id}"
        url, fmt, name = sub.url, sub.format or "markdown", sub.name
    sample = {
        "title": "opcwatch 测试消息：通知渠道配置成功",
        "url": "https://www.jiangsu.gov.cn/",
        "region_name": "江苏省",
        "published": datetime.now(UTC).date().isoformat(),
        "amounts": [{"value": "20000000", "qualifier": "up_to", "purpose": "subsidy",
                     "phrase": "（示例）最高给予2000万元支持"}],
    }
    title, body = render_event(sample, "policy.new", fmt)
    ok, error = send_message(url, "【测试】" + title, body, fmt)
    masked = mask_url(url)
    if ok:
        return True, f"测试消息已发送 / test message sent to {name} ({masked})"
    return False, f"测试消息发送失败 / test message failed for {name} ({masked}): {error}"
