"""The alert stage: plan deliveries in the ledger, then send what is due, once.

The pieces: alerts/plan.py (one ledger row per matching event × subscription, one query for all
subscriptions), alerts/ledger.py (due, claim, record), alerts/sweep.py (due rows → messages,
daily digests and quiet hours), alerts/dispatch.py (concurrent sends, a limit per channel
host, platform rates), alerts/channel.py (one message through Apprise) and alerts/webhook.py
(plain JSON webhooks over kept-alive connections, the same request), alerts/schedule.py (the
clock arithmetic).

Exactly-once intent: a ledger row per (event, subscription) is inserted with ON CONFLICT DO
NOTHING, so re-running plans nothing new; a row is *claimed* (conditional UPDATE to ``sending``
with a lease) before the Apprise call, so two concurrent runs never both send it. If the process
dies between the send and recording the outcome, the row is sent again (at once on the same
machine, else when its lease runs out): at-least-once in that one crash window, and generic
webhooks get an ``Idempotency-Key`` header so a receiver can drop the repeat.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from alerts.channel import send_message
from alerts.dispatch import RateLimit
from alerts.ledger import MAX_ATTEMPTS
from alerts.plan import plan
from alerts.render import render_event
from alerts.subscriptions import find_subscription, mask_url
from alerts.sweep import deliver_due, new_summary, platform_rate
from models.clock import utc_or_now
from models.db import session_scope

__all__ = ["MAX_ATTEMPTS", "RUN_MODES", "deliver", "plan", "send_test"]

log = logging.getLogger(__name__)

RUN_MODES = ("instant", "digest", "silent")


def deliver(settings: Any, run_id: str | None = None, mode: str = "instant",
            now: datetime | None = None, *, rate_limit: RateLimit | None = platform_rate) -> dict[str, Any]:
    """Plan ``run_id``'s events, then send everything due: this run's alerts and every earlier
    run's (failed past their backoff, pending, sending left by a dead process). ``run_id`` None
    is the sweep alone (``opcwatch deliver``, the Airflow alerts DAG).

    ``mode`` applies to this run's events: ``instant`` (one message per event, digests for
    digest-mode subscriptions), ``digest`` (one message per subscription), ``silent`` (new rows
    are ``suppressed``, never sent). Counts are ledger rows (``planned`` = rows new in this call,
    of which ``suppressed`` in silent mode; ``held`` = rows waiting for quiet hours to end;
    ``digests`` = daily digests sent); ``channels`` counts messages per masked channel URL.
    """
    if mode not in RUN_MODES:
        raise ValueError(f"未知投递模式 / unknown delivery mode {mode!r}; choose from {', '.join(RUN_MODES)}")
    now = utc_or_now(now)
    summary = new_summary()
    with session_scope(settings.database_url) as session:
        if run_id is not None:
            count = plan(session, run_id, "suppressed" if mode == "silent" else "pending", now, mode)
            summary["planned"] = count
            summary["suppressed"] = count if mode == "silent" else 0
        # The sweep's planning: recent events of other runs that no run planned (one that died
        # before its alert stage, Airflow's ingest).
        summary["planned"] += plan(session, None, "pending", now)
    return deliver_due(settings, now, summary, run_id=run_id, mode=mode, rate_limit=rate_limit)


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
