"""
### opcwatch ingest — crawl, parse and diff the registered sources

Every two hours from 07:07 to 21:07 Beijing time (`7 7-21/2 * * *`, Asia/Shanghai):

1. **start_run** — opens the opcwatch run `af-opcwatch_ingest-<Airflow run id>`. The id is
   derived from the DAG run, so a retried task writes under the same run and every stage
   stays idempotent.
2. **plan_sources** — the source ids of the registry (`crawlers/sources.yml`), cut into batches.
3. **crawl** — one mapped task per batch; each runs Scrapy in its own subprocess and stores
   raw pages, fetch state and per-source health. A site that is down is reported as that
   source's health, not as a task failure.
4. **parse** — raw pages of the run → the shared `Policy` schema → document versions. It runs
   even if a crawl batch failed, so what was fetched is never left unparsed.
5. **diff** — new versions against the previous ones → change events. Its outlet, the Asset
   `opcwatch://change_events`, triggers the `opcwatch_alerts` DAG.
6. **finish** — records `ok` / `partial` / `failed` on the run, and fails the DAG run when a
   crawl batch or a stage failed so the problem is visible here.

**Why this schedule.** Jiangsu government portals publish during office hours (Beijing time);
a policy posted in the morning is seen by lunchtime. Nothing is published at night, when the
sites run maintenance and are most suspicious of robots, so we do not crawl then. Minute 7 keeps
off the top of the hour, when every other scheduler hits the same servers. A steady-state cycle
of unchanged sites costs only list pages and conditional GETs (304), so twelve hours of
two-hourly cycles stay polite. `catchup=False` and `max_active_runs=1`: a missed cycle is simply
covered by the next one (the crawl is incremental); for history use `opcwatch_backfill`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import CronTriggerTimetable, Param, TriggerRule, dag, get_current_context, task
from opcwatch_common import (
    CHANGE_EVENTS,
    DEFAULT_ARGS,
    START_DATE,
    TAGS,
    TIMEZONE,
    batches_by_host,
    finish_opcwatch_run,
    opcwatch_run_id,
)


@dag(
    dag_id="opcwatch_ingest",
    doc_md=__doc__,
    schedule=CronTriggerTimetable("7 7-21/2 * * *", timezone=TIMEZONE),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=[*TAGS, "ingest"],
    params={
        "batch_size": Param(4, type="integer", minimum=1, title="Sources per crawl subprocess"),
    },
)
def opcwatch_ingest() -> None:
    @task
    def start_run() -> str:
        """Open (or, on a retry, re-open) this DAG run's opcwatch run; returns its id."""
        from opcwatch.settings import Settings
        from opcwatch.stages.runs import start_run as open_run

        ctx = get_current_context()
        dag_run = ctx["dag_run"]
        opc_run_id = opcwatch_run_id(dag_run.dag_id, dag_run.run_id)
        run_type = getattr(dag_run.run_type, "value", dag_run.run_type)  # an enum in the Task SDK
        kind = "scheduled" if run_type == "scheduled" else "manual"
        params = {"airflow_dag_id": dag_run.dag_id, "airflow_run_id": dag_run.run_id}
        return open_run(Settings.from_env(), kind, params=params, run_id=opc_run_id)

    @task
    def plan_sources() -> list[list[str]]:
        """All registered sources, in batches of about ``batch_size`` (sources sharing a host together)."""
        from crawlers.registry import sources_by_id
        from crawlers.runner import plan_sources as plan
        from opcwatch.settings import Settings

        settings = Settings.from_env()
        hosts = {sid: source.hosts for sid, source in sources_by_id(settings.registry_paths).items()}
        return batches_by_host(plan(settings), hosts, int(get_current_context()["params"]["batch_size"]))

    # Batches crawl in parallel: they never share a host (batches_by_host), and inside one
    # subprocess Scrapy keeps one request at a time per host.
    @task(max_active_tis_per_dagrun=4, execution_timeout=timedelta(hours=1))
    def crawl(opc_run_id: str, source_ids: list[str]) -> dict[str, Any]:
        """Crawl one batch of sources in a Scrapy subprocess; returns its summary."""
        from crawlers.runner import crawl as crawl_sources
        from opcwatch.settings import Settings

        return crawl_sources(Settings.from_env(), opc_run_id, source_ids=source_ids)

    @task(trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS)
    def parse(opc_run_id: str) -> dict[str, Any]:
        """Parse every raw page the run stored."""
        from opcwatch.settings import Settings
        from opcwatch.stages.parse import parse as parse_pages

        return parse_pages(Settings.from_env(), opc_run_id)

    @task(outlets=[CHANGE_EVENTS])
    def diff(opc_run_id: str) -> dict[str, Any]:
        """Turn the run's new versions into change events (and announce them to opcwatch_alerts)."""
        from opcwatch.settings import Settings
        from opcwatch.stages.diff import diff as diff_versions

        return diff_versions(Settings.from_env(), opc_run_id)

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=1)
    def finish(
        opc_run_id: str | None, planned: list[list[str]] | None, crawled: Any, diffed: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Record how the run ended; fail (without retrying) unless everything succeeded."""
        return finish_opcwatch_run(opc_run_id, planned, crawled, diffed)

    opc_run_id = start_run()
    planned = plan_sources()
    opc_run_id >> planned
    crawled = crawl.partial(opc_run_id=opc_run_id).expand(source_ids=planned)
    parsed = parse(opc_run_id)
    crawled >> parsed
    diffed = diff(opc_run_id)
    parsed >> diffed
    finish(opc_run_id, planned, crawled, diffed)


opcwatch_ingest()
