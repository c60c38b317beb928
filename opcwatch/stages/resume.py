"""``opcwatch run --resume RUN_ID``: finish a run that failed or was abandoned.

The run's stored params (sources, dates, alert mode) say what it was; its ``stage`` says where
it stopped. It is resumed from that stage: a crawl cut short crawls only the sources it had
not finished (a source with a health row for the run is done: its pages are stored; one
stopped by the kill, or skipped, is not), then
parse, diff and alert pick up everything the run (and any earlier run) left.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from crawlers.crawl_gate import STOPPED_ORPHAN
from models.db import session_scope
from models.tables import SourceHealth
from opcwatch.settings import Settings
from opcwatch.stages.cycle import CycleResult, Progress, _quiet, run_cycle
from opcwatch.stages.run_liveness import remaining_stages, run_holder


class ResumeError(ValueError):
    """The run cannot be resumed (unknown, or its process still runs); the message says why."""


def resume_plan(settings: Settings, run_id: str) -> dict[str, Any]:
    """What resuming ``run_id`` would do: ``{"run_id", "kind", "status", "stopped_in",
    "stages", "sources", "params"}``. Raises :class:`ResumeError`."""
    from crawlers.runner import plan_sources

    run = run_holder(settings.database_url, run_id, settings.run_lease_seconds)
    if run is None:
        raise ResumeError(f"no run with id {run_id!r}")
    if run["alive"]:
        where = f"pid {run['pid']} on {run['hostname']}" if run["pid"] else f"on {run['hostname']}"
        raise ResumeError(f"run {run_id} is still running ({where}, stage {run['stage'] or 'start'})")
    params = run["params"]
    stages = list(remaining_stages(run["stage"], run["status"]))
    sources: list[str] | None = list(params.get("sources") or []) or None
    if "crawl" in stages:
        with session_scope(settings.database_url) as session:  # skipped or cut short by the kill: not done
            done = set(session.scalars(select(SourceHealth.source_id).where(
                SourceHealth.run_id == run_id, SourceHealth.state != "skipped",
                ~func.coalesce(SourceHealth.message, "").contains(STOPPED_ORPHAN))))
        sources = [sid for sid in plan_sources(settings, sources) if sid not in done]
        if not sources:
            stages.remove("crawl")
    return {"run_id": run_id, "kind": run["kind"], "status": run["status"], "stopped_in": run["stage"],
            "stages": stages, "sources": sources, "params": params}


def resume(settings: Settings, run_id: str, progress: Progress = _quiet) -> tuple[dict[str, Any], CycleResult | None]:
    """Resume ``run_id``; returns the plan and the cycle's result (None: nothing was left)."""
    plan = resume_plan(settings, run_id)
    if not plan["stages"]:
        return plan, None
    params = plan["params"]
    result = run_cycle(
        settings, kind=plan["kind"], run_id=run_id, source_ids=plan["sources"],
        since=date.fromisoformat(params["since"]) if params.get("since") else None,
        until=date.fromisoformat(params["until"]) if params.get("until") else None,
        max_pages=params.get("max_pages"), alert_mode=params.get("alert_mode") or "instant",
        stages=plan["stages"], resume=True, progress=progress,
    )
    return plan, result
