"""Signs of life of a run's process: where it runs, whether its pid still lives, its heartbeat.

Shared by the crawl (host leases, crawlers/) and the run bookkeeping (opcwatch/stages/), so it
sits with the tables it writes.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from sqlalchemy import update

from models.clock import utc_now
from models.db import session_scope
from models.tables import Run

HOSTNAME = socket.gethostname()


def process_alive(pid: int | None) -> bool:
    """Whether process ``pid`` of this machine still runs (a zombie does not)."""
    if not pid or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    try:  # killed but not yet reaped by its parent: gone for our purposes
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    fields = stat.rpartition(")")[2].split()
    return not fields or fields[0] != "Z"


def touch_run(database_url: str, run_id: str, stage: str | None = None, *, pid: int | None = None) -> None:
    """Heartbeat of ``run_id`` (and its stage, and its pid when the caller drives every stage).

    A run id without a runs row (a bare ``crawl()`` in a test) is left alone.
    """
    values: dict[str, Any] = {"heartbeat_at": utc_now(), "hostname": HOSTNAME}
    if stage is not None:
        values["stage"] = stage
    if pid is not None:
        values["pid"] = pid
    with session_scope(database_url) as session:
        session.execute(update(Run).where(Run.id == run_id).values(**values))
