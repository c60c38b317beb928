"""`opcwatch subscribe …`: channels are data in the database, their URLs are secrets."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from opcwatch.console import console

app = typer.Typer(help="Subscribe a channel (anything Apprise speaks) to policy alerts.", no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from opcwatch.settings import Settings

    return Settings.from_env()


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.replace("，", ",").split(",") if part.strip())
    return out


@app.command("add")
def add(
    url: Annotated[str, typer.Option(help="Apprise URL: dingtalk://, wecombot://, feishu://, mailto://, json://, slack:// …")],
    name: Annotated[str | None, typer.Option(help="A name to refer to it later.")] = None,
    region: Annotated[list[str] | None, typer.Option(help=(
        "适用地区 Region name or code: policies that apply there — its sub-regions (苏州 ⊃ 苏州工业园区) "
        "and the province's and national policies above it."))] = None,
    only_issued_here: Annotated[bool, typer.Option("--only-issued-here", help=(
        "只要本地发布 Only policies issued inside --region (not the province's or national ones)."))] = False,
    kind: Annotated[list[str] | None, typer.Option("--kind", help=(
        "文件类型 Document kinds: policy, rules, application, interpretation, news, event, other, or all "
        "(default: policy,rules,application)."))] = None,
    min_amount: Annotated[str | None, typer.Option(help=(
        "Only events with a support or fund amount of at least this, e.g. 1000万 (statistics never count)."))] = None,
    event: Annotated[list[str] | None, typer.Option(help="Event kinds, e.g. policy.new,amount.changed (default: all).")] = None,
    all_documents: Annotated[bool, typer.Option("--all-documents", help="Also non-OPC documents.")] = False,
    mode: Annotated[str, typer.Option(help="instant (one message per event) or digest.")] = "instant",
    fmt: Annotated[str, typer.Option("--format", help="markdown / text / html")] = "markdown",
) -> None:
    """Add a subscription.

    Example: `opcwatch subscribe add --url 'dingtalk://TOKEN' --region 苏州 --min-amount 1000万 --event policy.new,amount.changed`

    Example: `opcwatch subscribe add --url 'mailto://…' --region 苏州工业园区 --only-issued-here --kind policy,application`
    """
    from alerts.subscriptions import add_subscription, mask_url
    from models.db import session_scope

    try:
        with session_scope(_settings().database_url) as session:
            sub = add_subscription(
                session, url=url, name=name, regions=_split(region), event_kinds=_split(event),
                min_amount=min_amount, opc_only=not all_documents, mode=mode, fmt=fmt,
                doc_kinds=_split(kind), issued_here_only=only_issued_here,
            )
            label = f"{sub.name} → {mask_url(sub.url)}"
    except ValueError as exc:
        console.print(f"[red]订阅失败 cannot subscribe:[/red] {exc}")
        raise typer.Exit(2) from None
    console.print(f"已订阅 subscribed: {label}")


@app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List subscriptions (channel URLs masked).

    Example: `opcwatch subscribe list --json`
    """
    from alerts.subscriptions import list_subscriptions, mask_url
    from models.db import session_scope

    with session_scope(_settings().database_url) as session:
        rows = [
            {
                "id": s.id, "name": s.name, "url": mask_url(s.url), "regions": s.regions,
                "event_kinds": s.event_kinds, "min_amount_yuan": str(s.min_amount_yuan) if s.min_amount_yuan else None,
                "opc_only": s.opc_only, "mode": s.mode, "format": s.format, "active": s.active,
                "doc_kinds": s.doc_kinds or None, "issued_here_only": bool(s.issued_here_only),
            }
            for s in list_subscriptions(session)
        ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        console.print("还没有订阅 no subscriptions yet — try `opcwatch subscribe add --help`")
    for row in rows:
        filters = ", ".join(
            f"{k}={v}" for k, v in (("regions", row["regions"]), ("events", row["event_kinds"]),
                                    ("kinds", row["doc_kinds"]), ("only-issued-here", row["issued_here_only"]),
                                    ("min", row["min_amount_yuan"])) if v
        )
        console.print(f"#{row['id']} {row['name']}  {row['url']}  [{row['mode']}] {filters}")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="Subscription name or id.")]) -> None:
    """Remove a subscription.

    Example: `opcwatch subscribe remove json-1`
    """
    from alerts.subscriptions import remove_subscription
    from models.db import session_scope

    with session_scope(_settings().database_url) as session:
        removed = remove_subscription(session, name)
    if not removed:
        console.print(f"[red]没有这个订阅 no such subscription:[/red] {name}")
        raise typer.Exit(1)
    console.print(f"已删除 removed: {name}")


@app.command("test")
def test(name: Annotated[str, typer.Argument(help="Subscription name or id.")]) -> None:
    """Send a test message to one subscription's channel and report the outcome.

    Example: `opcwatch subscribe test json-1`
    """
    from alerts.deliver import send_test

    ok, message = send_test(_settings(), name)
    console.print(("[green]已送达 delivered[/green] " if ok else "[red]发送失败 failed[/red] ") + message)
    if not ok:
        raise typer.Exit(1)
