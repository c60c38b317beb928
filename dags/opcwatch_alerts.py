"""
### opcwatch alerts — deliver change events to subscribers

Runs **when `opcwatch_ingest` records change events** (the Asset `opcwatch://change_events`,
emitted by its `diff` task) **or every 15 minutes** (`*/15 * * * *`, Asia/Shanghai), whichever
comes first (`AssetOrTimeSchedule`).

- The asset trigger gets a new policy to subscribers minutes after it is crawled.
- The cron run retries failed sends whose back-off has expired (the delivery ledger keeps
  `next_attempt_at`), and sends digests to subscriptions in digest mode.

One task calls `alerts.deliver.deliver(settings, None, "instant")`: it plans one delivery per
(event, matching subscription) — exactly once, however often it runs — and sends what is due,
one Apprise call per channel so each outcome is recorded. A dead channel never stops the
others. Channel URLs are secrets and never appear in the logs. `max_active_runs=1`, and
deliveries are claimed before they are sent, so overlapping triggers never send twice.

Backfills deliver their own events as one digest (see `opcwatch_backfill`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import AssetOrTimeSchedule, CronTriggerTimetable, dag, task
from opcwatch_common import CHANGE_EVENTS, DEFAULT_ARGS, START_DATE, TAGS, TIMEZONE


@dag(
    dag_id="opcwatch_alerts",
    doc_md=__doc__,
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("*/15 * * * *", timezone=TIMEZONE),
        assets=[CHANGE_EVENTS],
    ),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    # Alerts are time-sensitive: retry sooner than the crawl does.
    default_args={
        **DEFAULT_ARGS,
        "retry_delay": timedelta(minutes=1),
        "execution_timeout": timedelta(minutes=15),
    },
    tags=[*TAGS, "alerts"],
)
def opcwatch_alerts() -> None:
    @task
    def deliver() -> dict[str, Any]:
        """Plan and send every due delivery; returns the counts (planned, sent, failed, dead …)."""
        from alerts.deliver import deliver as deliver_events
        from opcwatch.settings import Settings

        return deliver_events(Settings.from_env(), None, "instant")

    deliver()


opcwatch_alerts()
