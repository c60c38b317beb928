"""
### opcwatch ingest — crawl, parse and diff the registered sources

Every two hours from 07:07 to 21:07 Beijing time (`7 7-21/2 * * *`, Asia/Shanghai):

0. **in_window** — a scheduled run crawls only between 07:00 and 22:00 Beijing time. With
   `catchup=False` Airflow creates the most recent missed cron run at once when the DAG is
   unpaused (unpausing at 03:00 creates the 21:07 run): outside the window that run skips every
   task (light pink in the grid, the reason in this task's log) and the next 07:07 run crawls.
   Manual runs crawl at any hour.
1. **start_run** — opens the opcwatch run `af-opcwatch_ingest-<Airflow run id>`. The id is
   derived from the DAG run, so a retried task writes under the same run and every stage
   stays idempotent.
2. **plan_sources** — the source ids of the registry (`crawlers/sources.yml`), cut into batches.
3. **crawl** — one mapped task per batch; each runs Scrapy in its own subprocess and stores
   raw pages, fetch state and per-source health. A site that is down is reported as that
   source's health, not as a task failure.
   **health** — reads the batches' source health: a source **blocked** (WAF / anti-bot page)
   or whose **layout changed** fails this task, so the DAG run is red and names the sources
   (`OPCWATCH_HEALTH_FAILS_RUN=false`: a warning in its log and the list in its XCom instead).
4. **parse** — raw pages of the run → the shared `Policy` schema → document versions. It runs
   even if a crawl batch failed, so what was fetched is never left unparsed.
5. **diff** — new versions against the previous ones → change events. Its outlet, the Asset
   `opcwatch://change_events`, triggers the `opcwatch_alerts` DAG.
6. **finish** — records `ok` / `partial` / `failed` on the run, and fails the DAG run when a
   crawl batch or a stage failed so the problem is visible here; its message says why first.
   A configuration error (an unreadable registry) fails `plan_sources` at once, without
   retries, and the stages after it do not run.

**Why this schedule.** Jiangsu government portals publish during office hours (Beijing time);
a policy posted in the morning is seen by lunchtime. Nothing is published at night, when the
sites run maintenance and are most suspicious of robots, so we do not crawl then. Minute 7 keeps
off the top of the hour, when every other scheduler hits the same servers. A steady-state cycle
of unchanged sites costs only list pages and conditional GETs (304), so twelve hours of
two-hourly cycles stay polite. `catchup=False` and `max_active_runs=1`: a missed cycle is simply
covered by the next one (the crawl is incremental); for history use `opcwatch_backfill`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import CronTriggerTimetable, Param, TriggerRule, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException
from opcwatch_common import (
    CHANGE_EVENTS,
    CRAWL_WINDOW_HOURS,
    DEFAULT_ARGS,
    START_DATE,
    TAGS,
    TIMEZONE,
    batches_by_host,
    check_health,
    finish_opcwatch_run,
    in_crawl_window,
    opcwatch_run_id,
)


def configuration_problem() -> str | None:
    """What is wrong with the configuration a run reads (registry, settings), or None."""
    try:
        from crawlers.runner import plan_sources as plan
        from opcwatch.settings import Settings

        plan(Settings.from_env())
    except Exception as exc:  # any error here is the configuration's: report it, do not retry
        return f"{type(exc).__name__}: {exc}"
    return None


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
    # ignore_downstream_trigger_rules (the default): False skips every task below, finish too.
    @task.short_circuit
    def in_window() -> bool:
        """Scheduled runs crawl 07:00-22:00 Beijing time only; manual runs at any hour."""
        dag_run = get_current_context()["dag_run"]
        run_type = str(getattr(dag_run.run_type, "value", dag_run.run_type))
        if in_crawl_window(run_type, datetime.now(UTC)):
            return True
        start, end = CRAWL_WINDOW_HOURS
        print(f"{run_type} run outside the crawl window {start:02d}:00-{end:02d}:00 {TIMEZONE}: "
              "nothing crawled; the next scheduled run in the window crawls (catch-up is incremental)")
        return False

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
        try:
            hosts = {sid: source.hosts for sid, source in sources_by_id(settings.registry_paths).items()}
            planned = plan(settings)
        except (OSError, ValueError) as exc:  # an unreadable or invalid registry: retrying cannot help
            raise AirflowFailException(f"configuration error: {type(exc).__name__}: {exc}") from exc
        return batches_by_host(planned, hosts, int(get_current_context()["params"]["batch_size"]))

    # Batches crawl in parallel: they never share a host (batches_by_host), and inside one
    # subprocess Scrapy keeps one request at a time per host.
    @task(max_active_tis_per_dagrun=4, execution_timeout=timedelta(hours=1))
    def crawl(opc_run_id: str, source_ids: list[str]) -> dict[str, Any]:
        """Crawl one batch of sources in a Scrapy subprocess; returns its summary."""
        from crawlers.runner import crawl as crawl_sources
        from opcwatch.settings import Settings

        return crawl_sources(Settings.from_env(), opc_run_id, source_ids=source_ids)

    @task(trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS)
    def health(crawled: Any) -> dict[str, str]:
        """Fail (or warn, OPCWATCH_HEALTH_FAILS_RUN=false) when a source is blocked or its layout changed."""
        from opcwatch.settings import Settings

        return check_health(crawled, Settings.from_env().health_fails_run)

    # Downstream of crawl only (the run id is derived, not passed): when no batch was crawled
    # because planning failed, parse and diff are marked upstream_failed instead of running.
    @task(trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS)
    def parse() -> dict[str, Any]:
        """Parse every raw page the run stored."""
        from opcwatch.settings import Settings
        from opcwatch.stages.parse import parse as parse_pages

        dag_run = get_current_context()["dag_run"]
        return parse_pages(Settings.from_env(), opcwatch_run_id(dag_run.dag_id, dag_run.run_id))

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
        problem = configuration_problem() if planned is None else None
        return finish_opcwatch_run(opc_run_id, planned, crawled, diffed, problem)

    opc_run_id = start_run()
    in_window() >> opc_run_id
    planned = plan_sources()
    opc_run_id >> planned
    crawled = crawl.partial(opc_run_id=opc_run_id).expand(source_ids=planned)
    health(crawled)  # a leaf: its failure fails the DAG run
    parsed = parse()
    crawled >> parsed
    diffed = diff(opc_run_id)
    parsed >> diffed
    finish(opc_run_id, planned, crawled, diffed)


opcwatch_ingest()
