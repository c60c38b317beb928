"""What the opcwatch DAG files share: defaults, the change-events Asset, run ids, batching.

Airflow and the standard library only: the DAG processor imports this on every parse, so
nothing here may import opcwatch, Scrapy or a database driver, or do I/O. It is listed in
``.airflowignore`` (it defines no DAG); the DAG files import it by name because Airflow puts
the DAG bundle's folder on ``sys.path``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import Asset

# The sites publish on Beijing office hours; every schedule is written in that zone.
TIMEZONE = "Asia/Shanghai"
# Scheduled crawls happen between these hours, Beijing time (the ingest cron fires 07:07-21:07;
# a run the scheduler creates later, e.g. on unpause at night, waits for the next fire).
CRAWL_WINDOW_HOURS = (7, 22)
# Source health states that mean a person must look (a WAF blocks us, the site was redesigned);
# ``down`` and ``empty`` usually pass by themselves and stay in finish's summary.
ATTENTION_STATES = ("blocked", "layout_changed")
START_DATE = datetime(2026, 1, 1, tzinfo=UTC)
TAGS = ["opcwatch"]

# Emitted by the diff task; the alerts DAG is scheduled on it.
CHANGE_EVENTS = Asset("opcwatch://change_events")

DEFAULT_ARGS: dict[str, Any] = {
    "owner": "opcwatch",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    # A site that is briefly down usually recovers within minutes; back off instead of hammering.
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
    "execution_timeout": timedelta(minutes=45),
}

# runs.id is String(64) in models/tables.py.
MAX_RUN_ID = 64
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def opcwatch_run_id(dag_id: str, airflow_run_id: str) -> str:
    """The opcwatch run id for one Airflow DAG run: ``af-<dag_id>-<sanitized run id>``.

    Deterministic, so every retry of every task of the DAG run writes under the same run and
    the stages stay idempotent. At most 64 characters of ``[A-Za-z0-9_.-]``; when the plain form
    is longer it is cut and ends with a hash of the full form, so two runs never share an id.
    """
    plain = "af-" + _UNSAFE.sub("-", f"{dag_id}-{airflow_run_id}").strip("-")
    if len(plain) <= MAX_RUN_ID:
        return plain
    digest = hashlib.sha256(plain.encode()).hexdigest()[:10]
    return f"{plain[: MAX_RUN_ID - len(digest) - 1].rstrip('-')}-{digest}"


def batches_by_host(
    source_ids: Sequence[str], hosts: Mapping[str, Iterable[str]], size: int
) -> list[list[str]]:
    """``source_ids`` in order, cut into batches of about ``size``: one crawl subprocess each.

    Sources that share a host always land in the same batch, because batches crawl in parallel
    and politeness (one request at a time per host) only holds inside one Scrapy process. Such a
    group is never split, so a batch may exceed ``size`` to keep it whole.
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    groups: list[list[str]] = []
    group_of_host: dict[str, list[str]] = {}
    for source_id in source_ids:
        own = {h.lower() for h in hosts.get(source_id, ())}
        joined = [g for g in groups if any(group_of_host.get(h) is g for h in own)]
        group = joined[0] if joined else []
        if not joined:
            groups.append(group)
        for other in joined[1:]:  # this source bridges groups that were apart so far
            group.extend(other)
            groups.remove(other)
        group.append(source_id)
        for member in group:
            for h in hosts.get(member, ()):
                group_of_host[h.lower()] = group
    out: list[list[str]] = []
    for group in groups:
        if out and len(out[-1]) + len(group) <= size:
            out[-1].extend(group)
        else:
            out.append(list(group))
    return out


def run_status(
    planned: Sequence[Sequence[str]] | None, crawled: Iterable[Any] | None, diffed: dict[str, Any] | None
) -> str:
    """How an ingest run ended, from what its tasks returned (a failed task returns nothing).

    ``ok``: every planned batch was crawled and the diff ran; ``partial``: the diff ran but a
    crawl batch failed (what it stored was still parsed); ``failed``: no diff.
    """
    if planned is None or diffed is None:
        return "failed"
    done = sum(1 for summary in (crawled or []) if summary is not None)
    return "ok" if done >= len(planned) else "partial"


def source_problems(crawled: Iterable[Any] | None) -> dict[str, str]:
    """``{source id: "state: message"}`` for every crawled source whose health is not ``ok``
    (``skipped``, crawled by another run at the same time, is not a problem either)."""
    problems: dict[str, str] = {}
    for summary in crawled or []:
        for source_id, health in ((summary or {}).get("sources") or {}).items():
            state = (health or {}).get("state")
            if state not in ("ok", "skipped"):
                problems[source_id] = f"{state}: {(health or {}).get('message') or ''}".rstrip(": ")
    return problems


def in_crawl_window(run_type: str, now: datetime) -> bool:
    """Whether a run of ``run_type`` may crawl at ``now``: a manual or backfill run always may
    (an operator asked for it); a scheduled one only inside CRAWL_WINDOW_HOURS, Beijing time.

    With ``catchup=False`` Airflow creates the most recent missed cron run as soon as the DAG is
    unpaused (or the scheduler comes back), whatever the hour: 03:00 creates the 21:07 run.
    """
    if run_type != "scheduled":
        return True
    from zoneinfo import ZoneInfo

    hour = now.astimezone(ZoneInfo(TIMEZONE)).hour
    return CRAWL_WINDOW_HOURS[0] <= hour < CRAWL_WINDOW_HOURS[1]


def attention_needed(crawled: Iterable[Any] | None) -> dict[str, str]:
    """The sources of :func:`source_problems` whose state is in ATTENTION_STATES."""
    return {sid: p for sid, p in source_problems(crawled).items() if p.split(":")[0] in ATTENTION_STATES}


def check_health(crawled: Iterable[Any] | None, fails_run: bool) -> dict[str, str]:
    """The ``health`` task: fail (no retry) when a source is blocked or its layout changed and
    ``fails_run`` (OPCWATCH_HEALTH_FAILS_RUN); otherwise log a warning per source. Returns them
    (the task's XCom), so the UI shows which sources need a look either way."""
    import logging

    from airflow.sdk.exceptions import AirflowFailException

    problems = attention_needed(crawled)
    if problems and fails_run:
        listed = "; ".join(f"{sid} {p}" for sid, p in sorted(problems.items()))
        raise AirflowFailException(
            f"{len(problems)} source(s) need attention: {listed} "
            "(OPCWATCH_HEALTH_FAILS_RUN=false turns this into a warning)"
        )
    for sid, problem in sorted(problems.items()):
        logging.getLogger("opcwatch.health").warning("source %s needs attention: %s", sid, problem)
    return problems


def failure_reason(
    planned: Sequence[Sequence[str]] | None,
    crawled: Iterable[Any] | None,
    diffed: dict[str, Any] | None,
    config_problem: str | None = None,
) -> str:
    """Why a run did not end ``ok``, in words, from what its tasks returned."""
    if planned is None:
        return f"configuration error: {config_problem}" if config_problem else "plan_sources failed (see its log)"
    done = sum(1 for summary in (crawled or []) if summary is not None)
    if planned and done == 0:
        return f"every crawl batch failed ({len(planned)} planned; see the crawl logs)"
    reasons = []
    if done < len(planned):
        reasons.append(f"{len(planned) - done} of {len(planned)} crawl batches failed (what they stored was parsed)")
    if diffed is None:
        reasons.append("parse or diff failed, so no change events were made (see their logs)")
    return "; ".join(reasons) or "unknown"


def finish_opcwatch_run(
    opc_run_id: str | None,
    planned: list[list[str]] | None,
    crawled: Any,
    diffed: dict[str, Any] | None,
    config_problem: str | None = None,
) -> dict[str, Any]:
    """The ``finish`` task of the ingest and backfill DAGs: record how the run ended.

    Raises AirflowFailException (no retry) unless everything succeeded, so a partial run is
    visible in the UI; its message says why first (a configuration error, failed batches, no
    diff), then names the unhealthy sources. ``config_problem`` is what the DAG's own check of
    its configuration finds, so a run that never started crawling names its cause here too.
    """
    from airflow.sdk.exceptions import AirflowFailException

    if opc_run_id is None:
        cause = f"configuration error: {config_problem}" if config_problem else "see the start_run log"
        raise AirflowFailException(f"no opcwatch run was opened: {cause}")
    from opcwatch.settings import Settings
    from opcwatch.stages.runs import finish_run

    status = run_status(planned, crawled, diffed)
    finish_run(Settings.from_env(), opc_run_id, status=status)
    summary = {
        "run_id": opc_run_id,
        "status": status,
        "unhealthy_sources": source_problems(crawled),
        "events": (diffed or {}).get("events"),
    }
    if diffed and "deliveries" in diffed:
        summary["deliveries"] = diffed["deliveries"]
    if status != "ok":
        reason = failure_reason(planned, crawled, diffed, config_problem)
        unhealthy = "; ".join(f"{sid} {p}" for sid, p in sorted(summary["unhealthy_sources"].items()))
        raise AirflowFailException(
            f"opcwatch run {opc_run_id} ended {status}: {reason}"
            + (f". Unhealthy sources: {unhealthy}" if unhealthy else "")
        )
    return summary
