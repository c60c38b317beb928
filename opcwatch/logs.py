"""Logging for the `opcwatch` command: secrets scrubbed from every record, warnings to stderr.

The secret filter (alerts/secrets_filter.py) is installed first and for every process that
gets here, whatever else configures logging later. A handler is added only when nobody else
has configured the root logger (Airflow, pytest and embedding applications bring their own):
the terminal then shows warnings and errors, or everything with ``OPCWATCH_LOG_LEVEL=DEBUG``.
INFO is not shown by default because the command's own output already says what happened.
"""

from __future__ import annotations

import logging
import sys

from alerts.secrets_filter import install_secret_filter
from opcwatch.settings import Settings


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (a test runner swaps it per command)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # type: ignore[no-untyped-def]
        pass


def setup_logging(settings: Settings | None) -> None:
    """Install the secret filter, and a stderr handler if the root logger has none (idempotent)."""
    install_secret_filter()
    root = logging.getLogger()
    if root.handlers:
        return
    wanted = logging.getLevelName(settings.log_level if settings else "WARNING")
    level = wanted if isinstance(wanted, int) and wanted < logging.INFO else logging.WARNING
    if isinstance(wanted, int) and wanted > logging.WARNING:
        level = wanted
    handler = _StderrHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    if level > logging.DEBUG:
        # Apprise's own warnings repeat what the command prints itself (the channel's error,
        # "cannot parse this URL"), as a second, differently worded line: DEBUG shows them.
        logging.getLogger("apprise").setLevel(logging.CRITICAL)
