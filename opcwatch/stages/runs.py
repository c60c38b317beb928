"""Run bookkeeping: every stage's rows carry the id of the run that wrote them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from models.clock import utc_now, utc_or_now
from models.db import session_scope
from models.liveness import HOSTNAME
from models.tables import Run
from opcwatch.settings import Settings
from opcwatch.stages.run_liveness import abandon_dead_runs

RUN_STATUSES = ("running", "ok", "failed", "partial", "abandoned")


def new_run_id(kind: str, now: datetime) -> str:
    """``20260120T080000Z-manual-3f2a``: sorts by start time, says what started it.

    The random suffix keeps two runs started in the same second apart.
    """
    if not kind or not kind.replace("_", "").isalnum():
        raise ValueError(f"run kind must be a short word, got {kind!r}")
    return f"{utc_or_now(now):%Y%m%dT%H%M%SZ}-{kind}-{uuid.uuid4().hex[:4]}"


def start_run(settings: Settings, kind: str, params: dict[str, Any] | None = None,
              run_id: str | None = None, now: datetime | None = None, *, pid: int | None = None) -> str:
    """Record a run as running and return its id.

    An existing ``run_id`` is reused (an Airflow retry, a re-run from the CLI): its status goes
    back to running, its start time is kept, and given params replace the stored ones. ``pid``
    is the process that drives every stage (the CLI); Airflow's tasks each have their own, so
    they leave it unset and their run is judged by its heartbeat. Runs whose holder is gone are
    marked abandoned first (opcwatch/stages/run_liveness.py).
    """
    if not kind or len(kind) > 16:  # runs.kind is String(16): scheduled / backfill / manual / demo …
        raise ValueError(f"run kind must be 1-16 characters, got {kind!r}")
    moment = utc_or_now(now)
    run_id = run_id or new_run_id(kind, moment)
    abandon_dead_runs(settings.database_url, settings.run_lease_seconds, noticed_by=run_id)
    alive = {"pid": pid, "hostname": HOSTNAME, "heartbeat_at": utc_now(), "note": None}
    for _attempt in range(2):  # a concurrent start of the same id loses the insert race once
        try:
            with session_scope(settings.database_url) as session:
                run = session.get(Run, run_id)
                if run is None:
                    session.add(Run(id=run_id, kind=kind, params=dict(params or {}),
                                    started_at=moment, status="running", **alive))
                else:
                    run.status = "running"
                    run.finished_at = None
                    for key, value in alive.items():
                        setattr(run, key, value)
                    if params is not None:
                        run.params = dict(params)
                # Channels named in the settings (OPCWATCH_ALERT_URLS, the outbox) are
                # subscriptions too. Every run of every path (CLI, ingest and backfill DAGs)
                # starts here, and they exist before the run's events do, so even the alerts
                # DAG's catch-up sweep (events newer than a subscription) reaches them.
                from alerts.subscriptions import ensure_configured_channels

                ensure_configured_channels(session, settings)
            return run_id
        except IntegrityError:
            continue
    return run_id


def finish_run(settings: Settings, run_id: str, status: str = "ok", now: datetime | None = None) -> None:
    """Mark a run finished with ``status`` (ok / failed / partial). Unknown ids raise LookupError."""
    if status not in RUN_STATUSES:
        raise ValueError(f"run status must be one of {RUN_STATUSES}, got {status!r}")
    with session_scope(settings.database_url) as session:
        run = session.get(Run, run_id)
        if run is None:
            raise LookupError(f"no run with id {run_id!r}")
        run.status = status
        run.finished_at = utc_or_now(now)
