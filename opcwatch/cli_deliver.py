"""`opcwatch deliver`: the delivery sweep alone, for a cron job beside (or instead of) `opcwatch run`."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from opcwatch.console import console


def deliver_command(
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON Print the counts as JSON.")] = False,
) -> None:
    """发送到期提醒 Send every alert that is due: retries past their backoff, alerts held by quiet hours,
    daily digests whose hour has come, and what a killed run left pending or sending.

    Nothing is crawled. Exit status 0 when every send succeeded (or nothing was due), 1 when
    any delivery failed or went dead in this sweep (see `opcwatch deliveries list --status failed`).

    Example (cron, every 5 minutes): `*/5 * * * * opcwatch deliver --json >> var/deliver.log`
    """
    from alerts.sweep import sweep
    from opcwatch.settings import Settings

    settings = Settings.from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    summary = sweep(settings)
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        console.print(
            f"投递 delivered: {summary['sent']} sent · {summary['failed']} failed (will retry) · "
            f"{summary['dead']} dead · {summary['held']} held (quiet hours) · {summary['digests']} daily digests · "
            f"{summary['planned']} newly planned")
        for channel, counts in summary["channels"].items():
            line = f"  {channel}: {counts['sent']} sent, {counts['failed']} failed"
            console.print(line + (f" — {counts['error']}" if counts["error"] else ""), markup=False)
    if summary["failed"] or summary["dead"]:
        from opcwatch.errors import Partial

        failing = sorted(name for name, counts in summary["channels"].items() if counts["failed"])
        raise Partial(f"{summary['failed']} 条失败 failed, {summary['dead']} 条放弃 dead"
                      + (f" on {', '.join(failing)}" if failing else ""),
                      "see `opcwatch deliveries list --status failed`; failed ones retry on the next `opcwatch deliver`")
