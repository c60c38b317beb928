"""Source health for `opcwatch sources check`: the stored table, and a live reachability probe.

``health_rows`` reads source_health (written by every crawl, crawlers/storage.py);
``probe_live`` fetches the first list page of each source once, with a short timeout, and
judges the answer with :func:`crawlers.antibot.classify`. The probe is for users who have the
internet; a host map routes it to replicas instead (tests).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import func, select

from crawlers import antibot
from crawlers.registry import Source
from models.db import session_scope
from models.tables import SourceHealth


def health_rows(database_url: str, sources: Sequence[Source]) -> list[dict[str, Any]]:
    """One row per registry source: latest state, items, errors, message, and last success.

    A source never crawled has state ``never``. A ``skipped`` row (another run crawled the
    source at the same time) is not a crawl: the latest real crawl is shown, unless there is none.
    """
    with session_scope(database_url) as session:
        latest_at = dict(
            session.execute(select(SourceHealth.source_id, func.max(SourceHealth.checked_at))
                            .where(SourceHealth.state != "skipped").group_by(SourceHealth.source_id)).all()
        )
        for source_id, checked_at in session.execute(
                select(SourceHealth.source_id, func.max(SourceHealth.checked_at)).group_by(SourceHealth.source_id)):
            latest_at.setdefault(source_id, checked_at)
        last_ok = dict(
            session.execute(
                select(SourceHealth.source_id, func.max(SourceHealth.checked_at))
                .where(SourceHealth.state == "ok")
                .group_by(SourceHealth.source_id)
            ).all()
        )
        latest = {
            r.source_id: r
            for r in session.scalars(select(SourceHealth).order_by(SourceHealth.checked_at, SourceHealth.id))
            if r.checked_at == latest_at.get(r.source_id)
        }
        rows = []
        for source in sources:
            row = latest.get(source.id)
            rows.append({
                "id": source.id,
                "name": source.name,
                "state": row.state if row else "never",
                "last_checked": row.checked_at if row else None,
                "last_success": last_ok.get(source.id),
                "items": row.items if row else 0,
                "errors": row.errors if row else 0,
                "message": (row.message or "") if row else "never crawled",
                "blocked_hint": source.blocked_hint,
            })
    return rows


def probe_live(
    sources: Sequence[Source],
    *,
    user_agent: str,
    timeout: float = 10.0,
    host_map: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Fetch each source's first list page once (in parallel across sources) and judge it.

    Returns ``{"id", "url", "reachable", "status", "bytes", "verdict"}`` rows; ``verdict`` is
    ok / blocked / soft404 / http error / unreachable: <reason>.
    """
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda s: _probe(s, user_agent, timeout, host_map or {}), sources))


def _probe(source: Source, user_agent: str, timeout: float, host_map: Mapping[str, str]) -> dict[str, Any]:
    url = source.lists[0].url
    parts = urlsplit(url)
    base = host_map.get((parts.hostname or "").lower())
    target = url
    if base:
        local = urlsplit(base)
        target = urlunsplit((local.scheme, local.netloc, parts.path, parts.query, ""))
    request = urllib.request.Request(target, headers={"User-Agent": user_agent})
    row: dict[str, Any] = {"id": source.id, "url": url, "reachable": False, "status": None, "bytes": 0}
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - registry URLs
            status, body = response.status, response.read(2_000_000)
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read(2_000_000)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        row["verdict"] = f"unreachable: {getattr(exc, 'reason', exc)}"
        return row
    row.update(reachable=True, status=status, bytes=len(body))
    verdict = antibot.classify(status, body, url=url, final_url=url)
    if verdict is not None:
        row["verdict"] = f"{verdict.kind}: {verdict.reason}"
    elif status >= 400:
        row["verdict"] = f"http error {status}"
    else:
        row["verdict"] = "ok"
    return row
