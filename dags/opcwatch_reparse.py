"""
### opcwatch reparse — run the current parser over stored pages

Triggered by hand after a parser upgrade (**Trigger DAG w/ config**): the same stage as
`opcwatch reparse` on the command line.

| field | meaning |
|---|---|
| `since` | pages fetched on or after this day (Beijing time); empty = all history |
| `until` | pages fetched up to this day, inclusive; empty = up to now |
| `sources` | source ids, one per line; empty = every source |
| `alerts` | `silent` (default): events recorded, deliveries recorded as suppressed, nothing sent · `digest`: one message per subscriber · `instant`: one message per event |

The newest stored page of each URL in the range is parsed again; a version is stored only
where the normalized content changed, and events are written only for real differences.
Nothing is loaded whole: pages are read in chunks and one at a time. Progress (pages done /
total, pages per second) goes to the task log every 30 seconds.

One task, **reparse**, under the run `af-opcwatch_reparse-<Airflow run id>` (kind `reparse`,
the form stored as its params): re-parse, diff and plan the deliveries together, so no alerts
run sees the events before their alert mode is applied. A retry re-uses the run: pages already
re-parsed are unchanged the second time, so it only finishes what is left. A bad form fails at
once, without retries.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import Param, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException
from opcwatch_common import DEFAULT_ARGS, START_DATE, TAGS, opcwatch_run_id


@dag(
    dag_id="opcwatch_reparse",
    doc_md=__doc__,
    schedule=None,
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=[*TAGS, "reparse"],
    params={
        "since": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Since",
            description="Pages fetched on or after this day (YYYY-MM-DD, Beijing). Empty: all history.",
        ),
        "until": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Until",
            description="Pages fetched up to this day, inclusive (YYYY-MM-DD). Empty: up to now.",
        ),
        "sources": Param(
            [],
            type="array",
            items={"type": "string"},
            title="Sources",
            description="Source ids, one per line. Empty: every source.",
        ),
        "alerts": Param(
            "silent",
            type="string",
            enum=["silent", "digest", "instant"],
            title="Alerts",
            description="silent: record, send nothing; digest: one message per subscriber; "
            "instant: one message per event.",
        ),
    },
)
def opcwatch_reparse() -> None:
    @task(execution_timeout=timedelta(hours=6))
    def reparse() -> dict[str, Any]:
        """Re-parse, diff and alert in the chosen mode; returns the stages' summaries."""
        from opcwatch.settings import Settings
        from opcwatch.stages.reparse import moment
        from opcwatch.stages.reparse_run import reparse_run

        ctx = get_current_context()
        params, dag_run = ctx["params"], ctx["dag_run"]
        try:
            since, until = moment(params["since"]), moment(params["until"], end=True)
        except ValueError as exc:
            raise AirflowFailException(f"not a date: {exc}") from None
        if since and until and until <= since:
            raise AirflowFailException(f"until {params['until']} is before since {params['since']}")
        result = reparse_run(
            Settings.from_env(),
            since=since,
            until=until,
            sources=list(params["sources"] or []),
            alert_mode=params["alerts"],
            run_id=opcwatch_run_id(dag_run.dag_id, dag_run.run_id),
            extra_params={"airflow_dag_id": dag_run.dag_id, "airflow_run_id": dag_run.run_id},
        )
        # XCom stays small: the counts, not the list of every page that failed to parse.
        result["parse"]["errors"] = len(result["parse"]["errors"])
        return result

    reparse()


opcwatch_reparse()
