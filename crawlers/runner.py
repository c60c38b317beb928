"""The crawl stage: run the spiders of some sources in a subprocess and summarize the run.

The CLI, the Airflow tasks and the tests call :func:`crawl`. Scrapy runs in a fresh
``python -m crawlers.crawl_main`` process per call because the Twisted reactor cannot be
restarted inside one process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from crawlers.registry import sources_by_id
from models.db import session_scope
from models.liveness import touch_run
from models.settings import Settings
from models.tables import RawPage, SourceHealth

REPO_ROOT = Path(__file__).resolve().parents[1]
STDERR_TAIL = 3000


def plan_sources(settings: Settings, source_ids: Sequence[str] | None = None) -> list[str]:
    """The source ids a crawl would run: the given ones (validated), or all registry sources.

    With a host map (replicas: tests, the demo) "all" means the sources whose hosts the map
    covers: an offline run must not wander onto the real internet for the others. Raises
    ValueError naming any id the registry does not know.
    """
    registry = sources_by_id(settings.registry_paths)
    if source_ids is None:
        if settings.host_map:
            return [sid for sid, s in registry.items() if all(h in settings.host_map for h in s.hosts)]
        return list(registry)
    unknown = [s for s in source_ids if s not in registry]
    if unknown:
        raise ValueError(f"unknown source id(s): {', '.join(unknown)}; known: {', '.join(sorted(registry))}")
    return list(dict.fromkeys(source_ids))


def crawl(
    settings: Settings,
    run_id: str,
    source_ids: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    max_pages: int | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Crawl the sources for ``run_id`` and return a JSON-serializable summary.

    ``now`` is the run's clock (default: the wall clock): fetch state and the revisit policy
    use it, so a caller can replay or simulate cycles.

    ``{"run_id", "sources": {id: {state, pages, items, errors, message}}, "raw_pages_new", "requests"}``.
    A source that is down is reported in its health, not raised. Raises ValueError for an
    unknown source id and RuntimeError (with the tail of stderr) if the crawl process crashes.
    """
    sources = plan_sources(settings, source_ids)
    if not sources:
        return {"run_id": run_id, "sources": {}, "raw_pages_new": 0, "requests": 0}
    touch_run(settings.database_url, run_id, "crawl")  # the crawl process heartbeats from here on
    began = datetime.now(UTC)  # another run's crawl of a source ending after this is not repeated
    with tempfile.TemporaryDirectory(prefix="opcwatch-crawl-") as tmp:
        stats_file = Path(tmp) / "stats.json"
        cmd = [
            sys.executable,
            "-m",
            "crawlers.crawl_main",
            "--run-id",
            run_id,
            "--stats-file",
            str(stats_file),
        ]
        for sid in sources:
            cmd += ["--source", sid]
        if since:
            cmd += ["--since", since.isoformat()]
        if until:
            cmd += ["--until", until.isoformat()]
        if max_pages:
            cmd += ["--max-pages", str(max_pages)]
        cmd += ["--now", (now or datetime.now(UTC)).isoformat(), "--began", began.isoformat()]
        env = {**os.environ, **settings.to_env(), "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
        proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, errors="replace")
        if proc.returncode != 0 or not stats_file.exists():
            tail = proc.stderr[-STDERR_TAIL:]
            raise RuntimeError(f"crawl process for run {run_id} exited with {proc.returncode}:\n{tail}")
        stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return _summary(settings, run_id, sources, stats)


def _summary(settings: Settings, run_id: str, sources: list[str], stats: dict[str, Any]) -> dict[str, Any]:
    with session_scope(settings.database_url) as session:
        rows = session.scalars(select(SourceHealth).where(SourceHealth.run_id == run_id)).all()
        health = {
            r.source_id: {
                "state": r.state,
                "pages": r.pages,
                "items": r.items,
                "errors": r.errors,
                "message": r.message,
            }
            for r in rows
            if r.source_id in sources
        }
        new = session.scalar(
            select(func.count(RawPage.id)).where(RawPage.run_id == run_id, RawPage.source_id.in_(sources))
        )
    for sid in sources:  # a spider that could not even open leaves no health row: say so
        health.setdefault(
            sid, {"state": "down", "pages": 0, "items": 0, "errors": 1, "message": "no health recorded"}
        )
    # Responses plus network failures: one per real HTTP exchange (routing re-queues each request once).
    requests = sum(
        int(s.get("downloader/response_count", 0)) + int(s.get("downloader/exception_count", 0))
        for s in stats.values()
    )
    return {"run_id": run_id, "sources": health, "raw_pages_new": int(new or 0), "requests": requests}
