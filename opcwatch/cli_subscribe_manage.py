"""`opcwatch subscribe list | pause | resume | edit`: subscriptions after they were added.

Registered on the `subscribe` app of opcwatch/cli_subscribe.py; the logic lives in
alerts/subscription_admin.py (changes) and alerts/subscription_view.py (what list shows).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape

from opcwatch.cli_subscribe import _settings, _split, app, no_such_subscription
from opcwatch.console import console
from opcwatch.errors import UsageError

NameArg = Annotated[str, typer.Argument(help="订阅名称或编号 Subscription name or id (see `opcwatch subscribe list`).")]


def _no_such(name: str) -> UsageError:
    return no_such_subscription(name)


def _rows(session: Any) -> list[dict[str, Any]]:
    from alerts.amount_text import format_yuan
    from alerts.subscription_view import (
        delivery_health,
        describe_filters,
        describe_health,
        describe_schedule,
        health_json,
        region_names,
    )
    from alerts.subscriptions import list_subscriptions, mask_url

    health = delivery_health(session)
    return [
        {
            "id": s.id, "name": s.name, "url": mask_url(s.url), "regions": s.regions,
            "region_names": region_names(list(s.regions or [])),
            "event_kinds": s.event_kinds, "min_amount_yuan": str(s.min_amount_yuan) if s.min_amount_yuan else None,
            "min_amount": format_yuan(s.min_amount_yuan) if s.min_amount_yuan else None,
            "opc_only": s.opc_only, "mode": s.mode, "format": s.format, "active": s.active,
            "paused": not s.active, "doc_kinds": s.doc_kinds or None, "issued_here_only": bool(s.issued_here_only),
            "digest_at": s.digest_at, "quiet_hours": s.quiet_hours, "timezone": s.timezone,
            "filters": describe_filters(s), "schedule": describe_schedule(s),
            "health": health_json(health.get(s.id)), "health_text": describe_health(s, health.get(s.id)),
        }
        for s in list_subscriptions(session)
    ]


def _print_row(row: dict[str, Any]) -> None:
    filters = row["filters"]
    state = "[yellow]已暂停 paused[/yellow]" if row["paused"] else "[green]启用 active[/green]"
    console.print(f"[bold]#{row['id']} {escape(row['name'])}[/bold]  {escape(row['url'])}  {state}", soft_wrap=True)
    console.print(f"    方式 mode: {escape(row['schedule'])} · 格式 format: {row['format']}", soft_wrap=True)
    console.print(f"    地区 regions: {escape(filters['regions'])} · 金额 amount: {escape(filters['min_amount'])} · "
                  f"{escape(filters['topic'])}", soft_wrap=True)
    console.print(f"    事件 events: {escape(filters['events'])} · 文件 documents: {escape(filters['documents'])}",
                  soft_wrap=True)
    failing = row["health"]["failing"]
    colour = "red" if failing and not row["health"]["last_sent_at"] else "yellow" if failing else "white"
    console.print(f"    健康 health: [{colour}]{escape(row['health_text'])}[/{colour}]", soft_wrap=True)


@app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON Print JSON.")] = False) -> None:
    """订阅列表 List subscriptions: channel (masked), paused or not, mode and schedule, filters in words,
    and health from the delivery ledger (last alert received, alerts failing now).

    Example: `opcwatch subscribe list` or `opcwatch subscribe list --json`
    """
    from models.db import session_scope

    with session_scope(_settings().database_url) as session:
        rows = _rows(session)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        console.print("还没有订阅 no subscriptions yet — try `opcwatch subscribe add --help`")
    for row in rows:
        _print_row(row)


def _set_active(name: str, active: bool) -> None:
    from alerts.subscription_admin import NoSuchSubscription, set_active
    from models.db import session_scope

    try:
        with session_scope(_settings().database_url) as session:
            sub, changed = set_active(session, name, active)
            label = sub.name
    except NoSuchSubscription:
        raise _no_such(name) from None
    if active:
        message = "已恢复 resumed" if changed else "本来就在启用中 already active"
    else:
        message = "已暂停 paused" if changed else "本来就已暂停 already paused"
    console.print(f"{message}: {escape(label)}", soft_wrap=True)


@app.command("pause")
def pause(name: NameArg) -> None:
    """暂停订阅 Pause a subscription: nothing is sent to its channel until `subscribe resume`.

    Alerts that match meanwhile are held, not dropped: they are sent after resume (within the
    catch-up window). Use `subscribe remove` for a channel that should hear nothing more.

    Example: `opcwatch subscribe pause 钉钉-1`
    """
    _set_active(name, False)


@app.command("resume")
def resume(name: NameArg) -> None:
    """恢复订阅 Resume a paused subscription; alerts held while it was paused go out with the next delivery.

    Example: `opcwatch subscribe resume 钉钉-1`
    """
    _set_active(name, True)


@app.command("edit")
def edit(
    subscription: NameArg,
    name: Annotated[str | None, typer.Option(help="新名称 A new name.")] = None,
    region: Annotated[list[str] | None, typer.Option(help=(
        "适用地区 Region names or codes, replacing the current ones ('' = all regions)."))] = None,
    only_issued_here: Annotated[bool | None, typer.Option("--only-issued-here/--any-issuer", help=(
        "只要本地发布 Only policies issued inside the regions / also the province's and national ones."),
        show_default=False)] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", help=(
        "文件类型 Document kinds (policy, rules, application, interpretation, news, event, other, all; "
        "'' = the default policy,rules,application)."))] = None,
    min_amount: Annotated[str | None, typer.Option(help="最低金额 Minimum support or fund amount, e.g. 1000万 (off = none).")] = None,
    event: Annotated[list[str] | None, typer.Option(help="事件类型 Event kinds, e.g. policy.new,amount.changed ('' = all).")] = None,
    all_documents: Annotated[bool | None, typer.Option("--all-documents/--opc-only", help=(
        "也要非 OPC 文件 Also non-OPC documents / only OPC ones."), show_default=False)] = None,
    mode: Annotated[str | None, typer.Option(help="方式 instant or digest (instant drops a --digest-at hour).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="格式 markdown / text / html")] = None,
    digest_at: Annotated[str | None, typer.Option(help="每日汇总时间 One digest a day at HH:MM, e.g. 09:00 (off = none).")] = None,
    quiet: Annotated[str | None, typer.Option(help="免打扰 Quiet hours HH:MM-HH:MM, e.g. 22:00-08:00 (off = none).")] = None,
    timezone: Annotated[str | None, typer.Option(help="时区 IANA time zone of --digest-at and --quiet (Asia/Shanghai).")] = None,
    url: Annotated[str | None, typer.Option(help=(
        "新地址 A new robot/webhook URL, e.g. after its token was reset; the forms `subscribe add` takes."))] = None,
    secret: Annotated[str | None, typer.Option(help=(
        "加签密钥 The robot's signing secret (钉钉 SEC…, 飞书/Lark 签名校验), given with --url."))] = None,
) -> None:
    """修改订阅 Change a subscription's channel URL, filters, mode, format, schedule or name; only the
    options given change.

    A new --url is checked like `subscribe add --url`; alerts not yet delivered (and those that
    failed on the old URL in the last 14 days) go to the new one.

    Example: `opcwatch subscribe edit 钉钉-1 --region 苏州,无锡 --min-amount 500万`

    Example: `opcwatch subscribe edit json-1 --digest-at 09:00 --quiet 22:00-08:00`

    Example: `opcwatch subscribe edit 钉钉-1 --url 'https://oapi.dingtalk.com/robot/send?access_token=NEW' --secret SEC…`
    """
    from alerts.subscription_admin import NoSuchSubscription, edit_subscription, undelivered
    from alerts.subscription_view import describe_filters, describe_schedule
    from alerts.subscriptions import mask_url, same_channel
    from models.db import session_scope

    twins: list[str] = []
    masked, waiting = "", 0
    settings = _settings()
    try:
        with session_scope(settings.database_url) as session:
            sub, changed = edit_subscription(
                session, subscription, name=name,
                regions=None if region is None else _split(region),
                event_kinds=None if event is None else _split(event),
                doc_kinds=None if kind is None else _split(kind),
                min_amount=min_amount, issued_here_only=only_issued_here,
                opc_only=None if all_documents is None else not all_documents,
                mode=mode, fmt=fmt, digest_at=digest_at, quiet=quiet, timezone=timezone,
                url=url, secret=secret, configured=settings.alert_urls,
            )
            label, filters, schedule = sub.name, describe_filters(sub), describe_schedule(sub)
            if "url" in changed:
                masked, waiting = mask_url(sub.url), undelivered(session, sub.id)
                twins = [n for n in same_channel(session, sub.url) if n != sub.name]
    except NoSuchSubscription:
        raise _no_such(subscription) from None
    except ValueError as exc:
        raise UsageError(f"修改失败 cannot edit: {exc}") from None
    if not changed:
        console.print(f"没有变化 nothing changed: {escape(label)}", soft_wrap=True)
        return
    console.print(f"已修改 edited {escape(label)}: {', '.join(changed)}", soft_wrap=True)
    if "url" in changed:
        console.print(f"    新地址 new URL: {escape(masked)} · {waiting} 条未送达的提醒将发往新地址 "
                      f"undelivered alert(s) will go to it", soft_wrap=True)
    if twins:
        console.print(f"[yellow]注意 warning:[/yellow] 该渠道已被订阅 the same channel is already subscribed as "
                      f"{escape(', '.join(twins))}: it will receive each alert once per subscription", soft_wrap=True)
    console.print(f"    方式 mode: {escape(schedule)} · 地区 regions: {escape(filters['regions'])} · "
                  f"金额 amount: {escape(filters['min_amount'])}", soft_wrap=True)
    console.print(f"    事件 events: {escape(filters['events'])} · 文件 documents: {escape(filters['documents'])}",
                  soft_wrap=True)
