"""
### opcwatch backfill — crawl history for a date range, without flooding subscribers

Triggered by hand (**Trigger DAG w/ config**): the form below is the interface.

| field | meaning |
|---|---|
| `sources` | source ids from `crawlers/sources.yml`, one per line; empty = every source |
| `since` | first publication date to fetch (required) |
| `until` | last publication date (empty = today) |
| `max_pages` | list pages per list, at most: a guard against crawling a whole archive |
| `alert_mode` | `digest` (default): one message per subscriber with all the run's events · `silent`: record deliveries as suppressed, send nothing · `instant`: one message per event |

Tasks: **start_run** (run `af-opcwatch_backfill-<Airflow run id>`, kind `backfill`, the form
stored as its params) → **plan_sources** → **crawl** (one mapped task per batch of sources, a
Scrapy subprocess each) → **parse** → **diff_and_notify** → **finish**; **health** beside
them fails when a source is blocked or its layout changed (`OPCWATCH_HEALTH_FAILS_RUN`).

**A mistake in the form fails at once.** `start_run` checks the form before anything else: an
unknown source id (a typo), `until` before `since`. It fails without retries, the crawl and
the stages are not run (upstream_failed), and `finish` fails with the same sentence, so the
DAG run says why.

**Why the diff and the alerts share a task.** `opcwatch_alerts` delivers every event that
has no delivery yet, instantly. If the backfill's events sat undelivered between two tasks, an
alerts run in that gap would send hundreds of old policies one by one. Planning this run's
deliveries (in `alert_mode`) right after the diff leaves no such gap, and the diff has no Asset
outlet for the same reason. Both stages are idempotent, so a retry of the task is safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from airflow.sdk import Param, TriggerRule, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException
from opcwatch_common import (
    DEFAULT_ARGS,
    START_DATE,
    TAGS,
    batches_by_host,
    check_health,
    finish_opcwatch_run,
    opcwatch_run_id,
)

BATCH_SIZE = 4


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def configuration_problem(params: Mapping[str, Any]) -> str | None:
    """What is wrong with the trigger form (or the registry it names), in one sentence, or None.

    The form's types are checked by Airflow when the run is triggered; these are the mistakes
    only opcwatch can see. Never retried: the same form fails the same way.
    """
    try:
        since, until = _date(params.get("since")), _date(params.get("until"))
    except ValueError as exc:
        return f"a date in the form is not YYYY-MM-DD: {exc}"
    if since and until and until < since:
        return f"until {params['until']} is before since {params['since']}"
    try:
        from crawlers.runner import plan_sources as plan
        from opcwatch.settings import Settings

        plan(Settings.from_env(), list(params.get("sources") or []) or None)
    except ValueError as exc:  # plan_sources names unknown ids and lists the known ones
        return str(exc)
    except Exception as exc:  # an unreadable registry or settings
        return f"{type(exc).__name__}: {exc}"
    return None


@dag(
    dag_id="opcwatch_backfill",
    doc_md=__doc__,
    schedule=None,
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=[*TAGS, "backfill"],
    params={
        "sources": Param(
            [],
            type="array",
            items={"type": "string"},
            title="Sources",
            description="Source ids, one per line. Empty: every registered source.",
        ),
        "since": Param(
            type="string",
            format="date",
            title="Since",
            description="First publication date to fetch (YYYY-MM-DD).",
        ),
        "until": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Until",
            description="Last publication date (YYYY-MM-DD). Empty: up to today.",
        ),
        "max_pages": Param(
            20,
            type="integer",
            minimum=1,
            maximum=500,
            title="Max list pages",
            description="List pages per list, at most.",
        ),
        "alert_mode": Param(
            "digest",
            type="string",
            enum=["digest", "silent", "instant"],
            title="Alert mode",
            description="digest: one message per subscriber; silent: send nothing; "
            "instant: one message per event.",
        ),
    },
)
def opcwatch_backfill() -> None:
    @task
    def start_run() -> str:
        """Open (or re-open on retry) the backfill run, recording the form as its params."""
        from opcwatch.settings import Settings
        from opcwatch.stages.runs import start_run as open_run

        ctx = get_current_context()
        dag_run = ctx["dag_run"]
        problem = configuration_problem(ctx["params"])
        if problem:
            raise AirflowFailException(f"configuration error: {problem}")
        params = {**dict(ctx["params"]), "airflow_dag_id": dag_run.dag_id, "airflow_run_id": dag_run.run_id}
        return open_run(
            Settings.from_env(),
            "backfill",
            params=params,
            run_id=opcwatch_run_id(dag_run.dag_id, dag_run.run_id),
        )

    @task
    def plan_sources() -> list[list[str]]:
        """The chosen sources (unknown ids fail here, by name), in batches."""
        from crawlers.registry import sources_by_id
        from crawlers.runner import plan_sources as plan
        from opcwatch.settings import Settings

        settings = Settings.from_env()
        chosen = get_current_context()["params"]["sources"] or None
        try:
            hosts = {sid: source.hosts for sid, source in sources_by_id(settings.registry_paths).items()}
            planned = plan(settings, chosen)
        except (OSError, ValueError) as exc:  # the registry changed since start_run checked it
            raise AirflowFailException(f"configuration error: {exc}") from exc
        return batches_by_host(planned, hosts, BATCH_SIZE)

    @task(max_active_tis_per_dagrun=2, execution_timeout=timedelta(hours=3))
    def crawl(opc_run_id: str, source_ids: list[str]) -> dict[str, Any]:
        """Crawl one batch over the date range in a Scrapy subprocess; returns its summary."""
        from crawlers.runner import crawl as crawl_sources
        from opcwatch.settings import Settings

        params = get_current_context()["params"]
        return crawl_sources(
            Settings.from_env(),
            opc_run_id,
            source_ids=source_ids,
            since=_date(params["since"]),
            until=_date(params["until"]),
            max_pages=int(params["max_pages"]),
        )

    @task(trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS)
    def health(crawled: Any) -> dict[str, str]:
        """Fail (or warn, OPCWATCH_HEALTH_FAILS_RUN=false) when a source is blocked or its layout changed."""
        from opcwatch.settings import Settings

        return check_health(crawled, Settings.from_env().health_fails_run)

    # Downstream of crawl only (the run id is derived, not passed): when nothing was crawled
    # because the form or the plan failed, parse and the diff are upstream_failed, not run.
    @task(trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS, execution_timeout=timedelta(hours=1))
    def parse() -> dict[str, Any]:
        """Parse every raw page the run stored."""
        from opcwatch.settings import Settings
        from opcwatch.stages.parse import parse as parse_pages

        dag_run = get_current_context()["dag_run"]
        return parse_pages(Settings.from_env(), opcwatch_run_id(dag_run.dag_id, dag_run.run_id))

    @task
    def diff_and_notify(opc_run_id: str) -> dict[str, Any]:
        """Diff the run, then plan and send its deliveries in the chosen alert mode."""
        from alerts.deliver import deliver
        from opcwatch.settings import Settings
        from opcwatch.stages.diff import diff

        settings = Settings.from_env()
        diffed = diff(settings, opc_run_id)
        delivered = deliver(settings, opc_run_id, get_current_context()["params"]["alert_mode"])
        return {**diffed, "deliveries": delivered}

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=1)
    def finish(
        opc_run_id: str | None, planned: list[list[str]] | None, crawled: Any, diffed: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Record how the backfill ended; fail (without retrying) unless everything succeeded."""
        problem = configuration_problem(get_current_context()["params"]) if planned is None else None
        return finish_opcwatch_run(opc_run_id, planned, crawled, diffed, problem)

    opc_run_id = start_run()
    planned = plan_sources()
    opc_run_id >> planned
    crawled = crawl.partial(opc_run_id=opc_run_id).expand(source_ids=planned)
    health(crawled)  # a leaf: its failure fails the DAG run
    parsed = parse()
    crawled >> parsed
    diffed = diff_and_notify(opc_run_id)
    parsed >> diffed
    finish(opc_run_id, planned, crawled, diffed)


opcwatch_backfill()
