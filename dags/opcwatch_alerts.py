"""
### opcwatch alerts — deliver change events to subscribers

Runs **when `opcwatch_ingest` records change events** (the Asset `opcwatch://change_events`,
emitted by its `diff` task) **or every 15 minutes** (`*/15 * * * *`, Asia/Shanghai), whichever
comes first (`AssetOrTimeSchedule`).

- The asset trigger gets a new policy to subscribers minutes after it is crawled.
- The cron run retries failed sends whose back-off has expired (the delivery ledger keeps
  `next_attempt_at`), sends what quiet hours held, and the daily digests once their hour has
  come (`subscribe add --digest-at 09:00`).

One task calls `alerts.sweep.sweep(settings)` — the same function as `opcwatch deliver` on a
CLI cron: it plans one delivery per (event, matching subscription) — exactly once, however
often it runs — and sends everything due, concurrently, one Apprise call per message so each
outcome is recorded. A dead or slow channel never stops the others. Channel URLs are secrets
and never appear in the logs. Deliveries are claimed atomically before they are sent (a
conditional UPDATE), so overlapping triggers, or this DAG beside a CLI cron, never send twice.

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
        from alerts.sweep import sweep
        from opcwatch.settings import Settings

        return sweep(Settings.from_env())

    deliver()


opcwatch_alerts()
