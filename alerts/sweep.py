"""Send everything due: this run's alerts and every earlier run's (the sweep every run does).

Due rows (alerts/ledger.py: pending, failed past their backoff, sending past their lease or
left by a dead process) become messages: one per row for instant subscriptions, one per
subscription for digests; a subscription in its quiet hours is held; a daily digest
(``digest_at``) goes out once a day at the first sweep at or after its hour. The digest claim
(a conditional UPDATE of ``last_digest_at``) and the row claims share one transaction, so two
processes never both send a row or a day's digest. The messages are sent concurrently
(alerts/dispatch.py) and their outcomes recorded in batches.

``sweep`` is what ``opcwatch deliver`` (cron) and the Airflow alerts DAG call; ``opcwatch run``
reaches it through ``alerts.deliver.deliver`` after planning its own events.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, load_only

from alerts.dispatch import Message, RateLimit, Recorder, dispatch
from alerts.ledger import Outcome, claim, due, id_in, record, release_dead_holders
from alerts.plan import plan
from alerts.schedule import digest_due, digest_slot, quiet_until
from alerts.webhook import JsonWebhooks
from models.clock import utc_or_now
from models.db import session_scope
from models.tables import ChangeEvent, Delivery, Subscription

log = logging.getLogger(__name__)

MAX_ROWS = 50_000  # rows one sweep takes on; the rest wait for the next
# Generic webhooks whose Apprise plugin sends extra headers given as ``+Name=value``.
IDEMPOTENT_SCHEMES = {"json", "jsons", "form", "forms", "xml", "xmls"}
IDEMPOTENCY_HEADER = "Idempotency-Key"


def new_summary() -> dict[str, Any]:
    return {"planned": 0, "sent": 0, "failed": 0, "dead": 0, "suppressed": 0, "held": 0,
            "digests": 0, "released": 0, "unrecorded": 0, "channels": {}}


def platform_rate(url: str) -> tuple[int | None, int | None]:
    """(per minute, per second) the channel's platform publishes (alerts/platforms.py)."""
    try:
        from alerts.platforms import channel_limits
    except ImportError:
        return None, None
    limits = channel_limits(url)
    return limits.per_minute, limits.per_second


def idempotency_key(ids: list[int]) -> str:
    """``opcwatch-<delivery id>``; a digest's key is derived from all its rows. The same rows
    always get the same key, so a repeat after a crash can be recognised by the receiver."""
    if len(ids) == 1:
        return f"opcwatch-{ids[0]}"
    digest = hashlib.sha1(",".join(map(str, sorted(ids))).encode()).hexdigest()[:16]
    return f"opcwatch-digest-{digest}"


def idempotency_headers(url: str, ids: list[int]) -> dict[str, str] | None:
    """``{"Idempotency-Key": …}`` for generic webhooks (the header Apprise's ``+Header=value``
    sets); None for other channels, whose plugins send no custom headers."""
    scheme = url.split("://", 1)[0].strip().lower()
    return {IDEMPOTENCY_HEADER: idempotency_key(ids)} if scheme in IDEMPOTENT_SCHEMES else None


def render(message: Message) -> tuple[str, str]:
    """The message's title and body in its format."""
    from alerts.digest import render_digest
    from alerts.render import render_event

    if message.digest:
        return render_digest(message.events, message.fmt)
    kind, payload = message.events[0]
    return render_event(payload, kind, message.fmt)


def send(message: Message, webhooks: JsonWebhooks | None = None,
         renders: dict[tuple[Any, ...], tuple[str, str]] | None = None) -> tuple[bool, str]:
    """Render and send one message (runs in a worker thread); ``webhooks``: the dispatch's
    kept-alive pools for plain JSON webhooks (alerts/webhook.py); ``renders``: the dispatch's
    rendered texts by (events, format, digest), since one event goes to many subscribers alike."""
    from alerts.channel import send_message

    key = (message.event_ids, message.fmt, message.digest)
    if renders is None or not message.event_ids:
        title, body = render(message)
    elif key in renders:
        title, body = renders[key]
    else:  # two workers may render one key at once: both get the same text, no lock needed
        title, body = renders[key] = render(message)
    return send_message(message.url, title, body, message.fmt, idempotency_headers(message.url, message.ids),
                        webhooks=webhooks, blocks=message.digest)


def _by_policy(events: list[ChangeEvent]) -> list[tuple[str, dict[str, Any]]]:
    """A digest's events, oldest first, each payload saying which policy it is about (the digest
    groups them: alerts/digest.py). The event row's policy columns fill what an older payload
    lacks; a copy's payload carries the copy's region, so the policy's region is added too."""
    shown = []
    for event in sorted(events, key=lambda e: e.id):
        payload = dict(event.payload or {})
        if payload.get("policy_id") is None and event.policy_id is not None:
            payload["policy_id"] = event.policy_id
        if event.policy_id is not None and event.region_code:
            payload.setdefault("policy_region_code", event.region_code)
        shown.append((event.kind, payload))
    return shown


def _claim_digest(session: Session, sub: Subscription, now: datetime) -> bool:
    """Take today's digest of ``sub`` for this process (False: another one has it)."""
    slot = digest_slot(now, str(sub.digest_at), sub.timezone)
    result = session.execute(
        update(Subscription)
        .where(Subscription.id == sub.id,
               or_(Subscription.last_digest_at.is_(None), Subscription.last_digest_at < slot))
        .values(last_digest_at=now)
        .execution_options(synchronize_session=False))
    return bool(result.rowcount)  # type: ignore[attr-defined]


# What composing reads of a subscription: not its filters (JSON columns, decoded per row for
# nothing); raiseload, so a later read of another column fails loudly instead of querying per row.
_COMPOSE_COLUMNS = load_only(Subscription.id, Subscription.active, Subscription.name, Subscription.url,
                             Subscription.format, Subscription.mode, Subscription.digest_at,
                             Subscription.last_digest_at, Subscription.quiet_hours, Subscription.timezone,
                             raiseload=True)


def _load(session: Session, model: Any, ids: set[int], *options: Any) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for among in id_in(session, model.id, sorted(ids)):
        rows: list[Any] = list(session.scalars(select(model).options(*options).where(among)))
        for row in rows:
            found[row.id] = row
    return found


def _compose(session: Session, now: datetime, run_id: str | None, mode: str, lease: timedelta,
             rate_limit: RateLimit | None, summary: dict[str, Any]) -> list[Message]:
    """Claim due rows (and due daily digests) and group them into messages; in one transaction."""
    rows = session.execute(select(Delivery.id, Delivery.event_id, Delivery.subscription_id, Delivery.status)
                           .where(due(now)).order_by(Delivery.id).limit(MAX_ROWS)).all()
    subs = {i: s for i, s in _load(session, Subscription, {r.subscription_id for r in rows}, _COMPOSE_COLUMNS).items()
            if s.active}
    events = _load(session, ChangeEvent, {r.event_id for r in rows if r.subscription_id in subs})
    groups: dict[tuple[str, int], tuple[Subscription, list[tuple[int, ChangeEvent]]]] = {}
    quiet: dict[int, datetime | None] = {}
    digest_won: dict[int, bool] = {}
    for delivery_id, event_id, sub_id, status in rows:
        sub = subs.get(sub_id)
        if sub is None:
            continue
        if sub.digest_at:
            if status == "pending":  # new content waits for the day's digest
                if sub_id not in digest_won:
                    digest_won[sub_id] = (digest_due(now, sub.digest_at, sub.timezone, sub.last_digest_at)
                                          and _claim_digest(session, sub, now))
                if not digest_won[sub_id]:
                    continue
            key = ("digest", sub_id)  # and a failed digest is retried as one
        else:
            if sub_id not in quiet:
                quiet[sub_id] = quiet_until(now, sub.quiet_hours, sub.timezone)
            if quiet[sub_id] is not None:
                summary["held"] += 1
                continue
            per_run_digest = mode == "digest" and run_id in (None, events[event_id].run_id)
            key = ("digest", sub_id) if sub.mode == "digest" or per_run_digest else ("one", delivery_id)
        groups.setdefault(key, (sub, []))[1].append((delivery_id, events[event_id]))
    summary["digests"] += sum(digest_won.values())
    # A rate-limited channel takes on no more than it can send within half a lease.
    budget: Counter[str] = Counter()
    wanted = []
    for key, (sub, members) in groups.items():
        per_minute = rate_limit(sub.url)[0] if rate_limit else None
        if per_minute and budget[sub.url] >= max(1, int(per_minute * lease.total_seconds() / 120)):
            continue
        budget[sub.url] += 1
        wanted.append((key[0] == "digest", sub, members))
    claimed = claim(session, [i for _, _, members in wanted for i, _ in members], now, lease)
    messages = []
    for digest, sub, members in wanted:
        mine = [(i, e) for i, e in members if i in claimed]
        if not mine:
            continue
        shown = _by_policy([e for _, e in mine]) if digest else [(mine[0][1].kind, dict(mine[0][1].payload or {}))]
        messages.append(Message(ids=[i for i, _ in mine], url=sub.url, fmt=sub.format or "markdown",
                                digest=digest, events=shown, subscription=sub.name,
                                event_ids=tuple(e.id for _, e in mine) if digest else (mine[0][1].id,)))
    return messages


def deliver_due(settings: Any, now: datetime, summary: dict[str, Any], *, run_id: str | None = None,
                mode: str = "instant", rate_limit: RateLimit | None = platform_rate) -> dict[str, Any]:
    """Send every due row (``run_id``/``mode``: that run's own rows may form per-run digests) and
    add the counts to ``summary``. ``rate_limit(url) -> (per minute, per second)`` is the
    platforms' published rates (alerts/platforms.py); None sends unthrottled."""
    from alerts.subscriptions import mask_url

    lease = timedelta(seconds=settings.delivery_lease_seconds)
    backoff = timedelta(seconds=settings.delivery_backoff_seconds)
    with session_scope(settings.database_url) as session:
        summary["released"] += release_dead_holders(session, now)
    with session_scope(settings.database_url) as session:
        messages = _compose(session, now, run_id, mode, lease, rate_limit, summary)
    if not messages:
        return summary
    dead: set[int] = set()

    def write(batch: list[Outcome]) -> None:
        gone, lost = record(settings.database_url, batch, now, backoff)
        dead.update(gone)
        summary["unrecorded"] += lost

    masks: dict[str, str] = {}
    failed_ids: list[int] = []
    recorder = Recorder(write)

    def ended(message: Message, outcome: Outcome) -> None:
        recorder.put(outcome)
        if message.url not in masks:  # one Apprise parse per channel, not per message
            masks[message.url] = f"{message.subscription}: {mask_url(message.url)}"
        masked = masks[message.url]
        channel = summary["channels"].setdefault(masked, {"sent": 0, "failed": 0, "error": ""})
        if outcome.released:
            summary["released"] += len(outcome.ids)
        elif outcome.ok:
            summary["sent"] += len(outcome.ids)
            channel["sent"] += 1
            log.info("alert sent: %d event(s) to %s", len(outcome.ids), masked)
        else:
            failed_ids.extend(outcome.ids)
            channel["failed"] += 1
            channel["error"] = outcome.error
            log.warning("alert to %s failed: %s", masked, outcome.error)

    webhooks = JsonWebhooks(per_host=settings.delivery_per_host)
    try:
        dispatch(messages, partial(send, webhooks=webhooks, renders={}), workers=settings.delivery_workers,
                 per_host=settings.delivery_per_host, lease_seconds=lease.total_seconds(),
                 rate_limit=rate_limit, on_outcome=ended)
    finally:
        webhooks.close()
        recorder.close()
    summary["dead"] += len(dead)
    summary["failed"] += len([i for i in failed_ids if i not in dead])
    return summary


def sweep(settings: Any, now: datetime | None = None, *,
          rate_limit: RateLimit | None = platform_rate) -> dict[str, Any]:
    """Plan recent events no run planned, then send everything due (``opcwatch deliver``, Airflow)."""
    now = utc_or_now(now)
    summary = new_summary()
    with session_scope(settings.database_url) as session:
        summary["planned"] = plan(session, None, "pending", now)
    return deliver_due(settings, now, summary, rate_limit=rate_limit)
