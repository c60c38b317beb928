"""One full cycle (crawl → parse → diff → alert) as the CLI and the demo run it.

Airflow runs the same stage functions as separate tasks (dags/); this module only strings them
together for a user without Airflow, reporting progress through a callback so the CLI can draw
progress bars and tests can stay silent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from opcwatch.settings import Settings

ALERT_MODES = ("instant", "digest", "silent")
STAGES = ("crawl", "parse", "diff", "alert")
Progress = Callable[[str, str], None]  # (stage, message) -> None


@dataclass
class CycleResult:
    run_id: str
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    # Runs found dead when this one started, now marked abandoned (their pages parse here).
    abandoned: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "stages": self.stages, "seconds": self.seconds,
                "abandoned": self.abandoned}


def _quiet(_stage: str, _message: str) -> None:
    return None


def run_cycle(
    settings: Settings,
    *,
    kind: str = "manual",
    source_ids: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    max_pages: int | None = None,
    alert_mode: str = "instant",
    run_id: str | None = None,
    now: datetime | None = None,
    progress: Progress = _quiet,
    stages: Sequence[str] = STAGES,
    resume: bool = False,
) -> CycleResult:
    """Crawl the registry (or the given sources), parse, diff and alert under one run id.

    Passing the run id of an earlier, interrupted cycle resumes it: every stage is idempotent.
    ``stages`` limits the cycle to some stages (``opcwatch run --resume``: the ones left);
    ``resume`` keeps the run's stored params. This process is the run's holder (its pid is
    recorded, opcwatch/stages/run_liveness.py); runs found dead first are marked abandoned.
    """
    import os
    import time

    from alerts.deliver import deliver
    from crawlers.runner import crawl
    from models.liveness import touch_run
    from opcwatch.stages.diff import diff
    from opcwatch.stages.parse import parse
    from opcwatch.stages.run_liveness import abandon_dead_runs
    from opcwatch.stages.runs import finish_run, new_run_id, start_run

    if alert_mode not in ALERT_MODES:
        raise ValueError(f"alert mode must be one of {', '.join(ALERT_MODES)}, got {alert_mode!r}")
    now = now or datetime.now(UTC)
    params = {
        "sources": list(source_ids or []),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "max_pages": max_pages,
        "alert_mode": alert_mode,
    }
    run_id = run_id or new_run_id(kind, now)
    abandoned = abandon_dead_runs(settings.database_url, settings.run_lease_seconds, noticed_by=run_id)
    run_id = start_run(settings, kind, params=None if resume else params, run_id=run_id, now=now, pid=os.getpid())
    result = CycleResult(run_id=run_id, abandoned=abandoned)
    status = "failed"
    try:
        steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
            ("crawl", lambda: crawl(settings, run_id, source_ids, since=since, until=until,
                                    max_pages=max_pages, now=now)),
            ("parse", lambda: parse(settings, run_id)),
            ("diff", lambda: diff(settings, run_id)),
            ("alert", lambda: deliver(settings, run_id, mode=alert_mode)),
        ]
        for name, step in steps:
            if name not in stages:
                continue
            touch_run(settings.database_url, run_id, name, pid=os.getpid())  # where it stops, if it dies
            progress(name, "start")
            started = time.perf_counter()
            result.stages[name] = step()
            result.seconds[name] = round(time.perf_counter() - started, 3)
            progress(name, "done")
        status = "ok"
    finally:
        finish_run(settings, run_id, status=status)
    return result
