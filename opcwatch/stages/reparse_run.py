"""A whole re-parse as one run: re-parse the window, diff, alert (or preview it: ``dry_run``).

The CLI (``opcwatch reparse``) and the ``opcwatch_reparse`` DAG call :func:`reparse_run`.

Alerts: by default ``silent``. The run's events are recorded like any run's (history, ``opcwatch
events``), and its ledger rows are written ``suppressed`` (alerts/deliver.py's silent mode), so
every subscriber's record says the change was seen and not sent. The sweep (``opcwatch
deliver``, the alerts DAG) never plans the events of a silent re-parse (alerts/plan.py), so
neither a sweep that runs while the diff is still writing, nor one after a re-parse that died
before its alert step, nor a subscription resumed later sends them. ``digest`` sends each
subscriber one message with the run's events, ``instant`` one per event.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from models.db import get_engine
from models.store import store_policy
from models.tables import RawPage
from opcwatch.settings import Settings
from opcwatch.stages.reparse import Progress, Window, count_pages, counted, page_ids, reparse

log = logging.getLogger(__name__)

ALERT_MODES = ("silent", "digest", "instant")
RUN_KIND = "reparse"
SAMPLE = 20  # URLs a dry run lists as examples of what would change


def reparse_run(settings: Settings, *, since: datetime | None = None, until: datetime | None = None,
                sources: Sequence[str] = (), alert_mode: str = "silent", dry_run: bool = False,
                run_id: str | None = None, now: datetime | None = None, progress: Progress | None = None,
                pid: int | None = None, extra_params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Re-parse the window's stored pages under a new ``reparse`` run (or ``run_id``: an Airflow
    retry reuses its run), then diff and alert in ``alert_mode``. Returns the stages' summaries,
    the seconds taken and the pages per second. ``dry_run`` writes nothing and says what would
    change (:func:`preview`)."""
    from alerts.deliver import deliver
    from opcwatch.stages.diff import diff
    from opcwatch.stages.runs import finish_run, start_run

    if alert_mode not in ALERT_MODES:
        raise ValueError(f"alert mode must be one of {', '.join(ALERT_MODES)}, got {alert_mode!r}")
    window = Window(since, until, tuple(sources))
    if dry_run:
        return preview(settings, window, progress)
    params = {**window.to_json(), "alert_mode": alert_mode, **(extra_params or {})}
    run_id = start_run(settings, RUN_KIND, params=params, run_id=run_id, now=now, pid=pid)
    result: dict[str, Any] = {"run_id": run_id, "window": window.to_json(), "alert_mode": alert_mode,
                              "seconds": {}}
    status = "failed"
    try:
        started = time.perf_counter()
        result["parse"] = reparse(settings, run_id, since, until=until, sources=sources, now=now,
                                  progress=progress)
        result["seconds"]["parse"] = round(time.perf_counter() - started, 3)
        # Deadline reminders are the next ingest run's business: a silent re-parse must not
        # write (and so swallow) one that happens to fall due now.
        mark = time.perf_counter()
        result["diff"] = diff(settings.with_(deadline_reminder_days=-1), run_id)
        result["seconds"]["diff"] = round(time.perf_counter() - mark, 3)
        mark = time.perf_counter()
        result["alert"] = deliver(settings, run_id, mode=alert_mode, now=now)
        result["seconds"]["alert"] = round(time.perf_counter() - mark, 3)
        parse_seconds = result["seconds"]["parse"]
        result["pages_per_second"] = round(result["parse"]["pages"] / parse_seconds, 1) if parse_seconds else 0.0
        status = "ok"
    finally:
        finish_run(settings, run_id, status=status)
    return result


def preview(settings: Settings, window: Window, progress: Progress | None = None) -> dict[str, Any]:
    """What a re-parse of ``window`` would do, writing nothing: each page is parsed and stored
    in a transaction that is rolled back. Counts as in the parse summary, and some URLs whose
    content would change."""
    from opcwatch.stages.parse import _parser

    parse_document, parser_version = _parser()
    total = count_pages(settings, window)
    summary: dict[str, Any] = {"dry_run": True, "window": window.to_json(), "pages": total, "parsed": 0,
                               "new_versions": 0, "new_documents": 0, "unchanged": 0, "stale": 0,
                               "errors": 0, "changed_urls": []}
    engine = get_engine(settings.database_url)
    for page_id in counted(page_ids(settings, window), total, progress):
        with Session(engine) as session:  # closed without commit: everything rolls back
            page = session.get(RawPage, page_id)
            if page is None:
                continue
            url = page.url
            try:
                policy = parse_document(zlib.decompress(page.body), url=page.url, source_id=page.source_id,
                                        fetched_at=page.fetched_at, headers=dict(page.headers or {}),
                                        list_meta=dict(page.list_meta or {}))
            except Exception:  # a parser error or bug costs the page, as in the parse stage
                summary["errors"] += 1
                continue
            stored = store_policy(session, policy, run_id="dry-run", parser_version=parser_version,
                                  now=page.fetched_at, raw_page_id=page.id, fetched_at=page.fetched_at)
            session.rollback()
        summary["parsed"] += 1
        if stored.status == "new":
            summary["new_versions"] += 1
            summary["new_documents"] += stored.version_no == 1
            if len(summary["changed_urls"]) < SAMPLE:
                summary["changed_urls"].append(url)
        else:
            summary[stored.status] += 1
    return summary
