"""`opcwatch deliveries list`: the delivery ledger, so a failing or dead channel is visible."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from opcwatch.console import KIND_LABELS, console

app = typer.Typer(help="投递记录 The delivery ledger: which alert went to which channel, and how it ended.",
                  no_args_is_help=True)
STATUSES = ("pending", "sending", "sent", "failed", "dead", "suppressed")


def ledger_rows(database_url: str, status: str | None, limit: int) -> list[dict[str, Any]]:
    """Newest deliveries first, channel URLs masked, errors as recorded (they hold no secrets)."""
    from sqlalchemy import select

    from alerts.subscriptions import mask_url
    from models.db import session_scope
    from models.tables import ChangeEvent, Delivery, Subscription

    query = (
        select(Delivery, Subscription, ChangeEvent)
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
        .order_by(Delivery.id.desc())
        .limit(limit)
    )
    if status:
        query = query.where(Delivery.status == status)
    with session_scope(database_url) as session:
        return [
            {
                "id": d.id, "status": d.status, "attempts": d.attempts,
                "subscription": s.name, "channel": mask_url(s.url),
                "event_id": e.id, "event": e.kind, "title": (e.payload or {}).get("title", ""),
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "next_attempt_at": d.next_attempt_at.isoformat() if d.next_attempt_at else None,
                "last_error": d.last_error,
            }
            for d, s, e in session.execute(query)
        ]


@app.command("list")
def deliveries_list(
    status: Annotated[str | None, typer.Option(help=f"Only this status: {' / '.join(STATUSES)}.")] = None,
    limit: Annotated[int, typer.Option(help="最多行数 At most this many rows.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON Print machine-readable JSON.")] = False,
) -> None:
    """投递列表 List deliveries, newest first; `--status failed` or `dead` shows channels in trouble.

    Example: `opcwatch deliveries list --status dead`
    """
    from opcwatch.settings import Settings

    if status is not None and status not in STATUSES:
        from opcwatch.errors import UsageError

        raise UsageError(f"未知状态 unknown status {status!r}; 可选 choose from: {', '.join(STATUSES)}")
    rows = ledger_rows(Settings.from_env().database_url, status, limit)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"投递记录 Deliveries ({len(rows)})")
    for column in ("状态 status", "次数 attempts", "渠道 channel", "事件 event", "标题 title", "错误 error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        colour = {"sent": "green", "failed": "yellow", "dead": "red"}.get(row["status"], "white")
        table.add_row(f"[{colour}]{row['status']}[/{colour}]", str(row["attempts"]),
                      f"{row['subscription']} {row['channel']}", KIND_LABELS.get(row["event"], row["event"]),
                      row["title"], row["last_error"] or "")
    console.print(table)
