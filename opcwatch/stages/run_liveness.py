"""Is a run still alive? Heartbeats, the stage it is in, and marking dead runs ``abandoned``.

A run killed mid-way (SIGKILL, a reboot, an OOM) cannot mark itself finished; it used to stay
``running`` for ever. Every run therefore records where it runs (hostname, and the pid of the
CLI process that drives all its stages) and, as it goes, its stage and a wall-clock heartbeat
(each stage start, the crawl process every ``host_lease_seconds / 3``, the parse stage every
half minute). At the start of every run, the runs still ``running`` whose holder is gone are
marked ``abandoned``, with the time of their last sign of life and the stage they were in:

- same host and a pid: the process is gone (``kill -0`` fails, or it is a zombie);
- otherwise (another machine, Airflow tasks that each live in their own process): the
  heartbeat is older than ``run_lease_seconds``.

What such a run left behind is not lost: the next run's parse picks up its pending pages
(opcwatch/stages/parse.py), and ``opcwatch run --resume RUN_ID`` finishes it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from models.clock import as_utc, utc_now
from models.db import session_scope
from models.liveness import HOSTNAME, process_alive
from models.tables import Run

log = logging.getLogger(__name__)

STAGES = ("crawl", "parse", "diff", "alert")


def _gone_because(run: Run, now: datetime, lease_seconds: float) -> str | None:
    if run.pid and run.hostname == HOSTNAME:
        return None if process_alive(run.pid) else f"its process {run.pid} on {run.hostname} is gone"
    last = as_utc(run.heartbeat_at or run.started_at)
    age = (now - last).total_seconds()
    if age > lease_seconds:
        return f"no heartbeat for {age:.0f} s (more than {lease_seconds:g} s) from {run.hostname or 'its host'}"
    return None


def abandon_dead_runs(database_url: str, lease_seconds: float, *, noticed_by: str | None = None) -> list[dict[str, Any]]:
    """Mark every ``running`` run whose holder is gone ``abandoned``; return what was marked.

    ``finished_at`` becomes its last sign of life (heartbeat), ``stage`` stays the stage it was
    in, ``note`` says why and who noticed. Conditional on the status, so two runs noticing the
    same dead run at once mark it once.
    """
    now = utc_now()
    marked: list[dict[str, Any]] = []
    with session_scope(database_url) as session:
        candidates = list(session.scalars(select(Run).where(Run.status == "running", Run.id != (noticed_by or ""))))
        for run in candidates:
            reason = _gone_because(run, now, lease_seconds)
            if reason is None:
                continue
            last = as_utc(run.heartbeat_at or run.started_at)
            note = (f"abandoned: {reason}; last seen {last:%Y-%m-%d %H:%M:%S} UTC in stage {run.stage or 'start'}"
                    + (f"; noticed by run {noticed_by}" if noticed_by else ""))
            done = session.execute(
                update(Run).where(Run.id == run.id, Run.status == "running")
                .values(status="abandoned", finished_at=last, note=note)
                .execution_options(synchronize_session=False)
            )
            if getattr(done, "rowcount", 0):
                marked.append({"run_id": run.id, "stage": run.stage, "last_seen": last.isoformat(), "note": note})
    for item in marked:
        log.warning("run %s %s", item["run_id"], item["note"])
    return marked


def run_holder(database_url: str, run_id: str, lease_seconds: float) -> dict[str, Any] | None:
    """The runs row of ``run_id`` as a dict, with ``alive`` (its holder still runs), or None."""
    with session_scope(database_url) as session:
        run = session.get(Run, run_id)
        if run is None:
            return None
        alive = run.status == "running" and _gone_because(run, utc_now(), lease_seconds) is None
        return {"id": run.id, "kind": run.kind, "params": dict(run.params or {}), "status": run.status,
                "stage": run.stage, "pid": run.pid, "hostname": run.hostname, "note": run.note, "alive": alive}


def remaining_stages(stage: str | None, status: str) -> tuple[str, ...]:
    """The stages a resumed run still has to do: from the one it stopped in (a failed or
    abandoned run), none for a run that finished ok."""
    if status == "ok":
        return ()
    if stage not in STAGES:
        return STAGES
    return STAGES[STAGES.index(stage):]
