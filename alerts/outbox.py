"""The local outbox channel: ``outbox:///abs/path/outbox.md`` appends each message to a file.

Why a custom Apprise plugin rather than writing the file ourselves: the demo's "local channel
the user can open afterwards" then goes through exactly the same path as DingTalk or e-mail —
one Apprise call per message, the same ledger row, retries and masking — so what the demo
shows is what production does. Apprise's documented extension point is the
``apprise.decorators.notify`` decorator; it registers the schema in Apprise's process-wide
plugin table, which we touch exactly once (``register_outbox`` is idempotent) instead of
re-registering per send.
"""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

SCHEMA = "outbox"
_LOCK = threading.Lock()
_registered = False


def outbox_url(path: str | os.PathLike[str]) -> str:
    """The Apprise URL of an outbox file: ``outbox:///abs/path`` (relative paths resolved now)."""
    return f"{SCHEMA}://{Path(path).expanduser().resolve().as_posix()}"


def outbox_path(meta: dict[str, Any]) -> Path:
    """The file a parsed ``outbox://`` URL names.

    Apprise parses ``outbox:///data/outbox.md`` as host ``data`` + path ``/outbox.md``; the
    ``outbox://localhost/data/outbox.md`` form is accepted too.
    """
    host = unquote(str(meta.get("host") or ""))
    fullpath = unquote(str(meta.get("fullpath") or ""))
    if host in ("", "localhost"):
        return Path(fullpath or "/")
    return Path("/" + host + fullpath)


def _append_entry(body: str, title: str, notify_type: str, *args: Any, meta: dict[str, Any],
                  **kwargs: Any) -> bool:
    """Append one readable Markdown entry; False (a failed delivery) if the file cannot be written."""
    path = outbox_path(meta)
    if path.suffix == "" or str(path) == "/":
        return False
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
    entry = f"## {title}\n\n_{stamp} · {notify_type}_\n\n{body.rstrip()}\n\n---\n\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    # One write() on an O_APPEND file: concurrent deliveries never interleave their entries.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, entry.encode("utf-8"))
    finally:
        os.close(fd)
    return True


def register_outbox() -> None:
    """Make ``outbox://`` known to Apprise (once per process; safe to call from every send)."""
    global _registered
    if _registered:
        return
    with _LOCK:
        if _registered:
            return
        from apprise import NotifyFormat
        from apprise.decorators import notify
        from apprise.manager_plugins import NotificationManager

        # Another import of this module (or a test) may already have registered it; the
        # decorator would then only log a warning, so check first.
        if SCHEMA not in NotificationManager():
            # Declaring MARKDOWN makes Apprise convert text/HTML bodies so the file stays readable.
            notify(on=SCHEMA, name="opcwatch outbox file", body_format=NotifyFormat.MARKDOWN)(_append_entry)
        _registered = True
