"""`opcwatch subscribe …`: channels are data in the database, their URLs are secrets."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from opcwatch.console import console
from opcwatch.errors import NothingWorked, UsageError

app = typer.Typer(help="订阅提醒 Subscribe a channel (anything Apprise speaks) to policy alerts.", no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from opcwatch.settings import Settings

    return Settings.from_env()


def no_such_subscription(name: str) -> UsageError:
    return UsageError(f"没有这个订阅 no such subscription: {name!r}", "see `opcwatch subscribe list`")


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.replace("，", ",").split(",") if part.strip())
    return out


@app.command("add")
def add(
    url: Annotated[str, typer.Option(help=(
        "The robot/webhook URL as copied (钉钉 https://oapi.dingtalk.com/robot/send?access_token=…, "
        "企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…, 飞书 https://open.feishu.cn/open-apis/bot/v2/hook/…, "
        "Slack https://hooks.slack.com/services/…) or any Apprise URL: mailto://, json:// …"))],
    secret: Annotated[str | None, typer.Option(help=(
        "加签密钥 The robot's signing secret (钉钉 SEC…, 飞书 签名校验), if signing is on."))] = None,
    name: Annotated[str | None, typer.Option(help="名称 A name to refer to it later (default: 钉钉-1, 企业微信-1, 飞书-1, json-1 …).")] = None,
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
    event: Annotated[list[str] | None, typer.Option(help="事件类型 Event kinds, e.g. policy.new,amount.changed (default: all).")] = None,
    all_documents: Annotated[bool, typer.Option("--all-documents", help="也要非 OPC 文件 Also non-OPC documents.")] = False,
    mode: Annotated[str | None, typer.Option(help=(
        "instant (one message per event) or digest (default: instant, digest with --digest-at)."))] = None,
    fmt: Annotated[str, typer.Option("--format", help="格式 markdown / text / html")] = "markdown",
    digest_at: Annotated[str | None, typer.Option(help=(
        "每日汇总 One digest a day at HH:MM (24-hour, in --timezone), e.g. 09:00."))] = None,
    quiet: Annotated[str | None, typer.Option(help=(
        "免打扰 Quiet hours HH:MM-HH:MM, e.g. 22:00-08:00: instant alerts are held and sent after."))] = None,
    timezone: Annotated[str | None, typer.Option(help=(
        "IANA time zone of --digest-at and --quiet (default Asia/Shanghai)."))] = None,
) -> None:
    """添加订阅 Add a subscription.

    Example: `opcwatch subscribe add --url 'https://oapi.dingtalk.com/robot/send?access_token=TOKEN' --secret SEC… --region 苏州 --min-amount 1000万 --event policy.new,amount.changed`

    Example: `opcwatch subscribe add --url 'mailto://…' --region 苏州工业园区 --only-issued-here --kind policy,application`

    Example: `opcwatch subscribe add --url 'json://hooks.example.com/opc' --digest-at 09:00 --quiet 22:00-08:00`
    """
    from alerts.subscription_admin import apply_schedule, resolve_mode, schedule_values
    from alerts.subscriptions import add_subscription, channel_url, mask_url, same_channel
    from models.db import session_scope

    try:
        # Validated before the database is touched: a bad --digest-at stores nothing.
        schedule = schedule_values(digest_at, quiet, timezone)
        mode = resolve_mode(mode, schedule.get("digest_at"))
        with session_scope(_settings().database_url) as session:
            twins = same_channel(session, channel_url(url, secret))
            sub = add_subscription(
                session, url=url, secret=secret, name=name, regions=_split(region), event_kinds=_split(event),
                min_amount=min_amount, opc_only=not all_documents, mode=mode, fmt=fmt,
                doc_kinds=_split(kind), issued_here_only=only_issued_here,
            )
            apply_schedule(sub, schedule)
            label = f"{sub.name} → {mask_url(sub.url)}"
            if schedule or sub.mode == "digest":
                from alerts.subscription_view import describe_schedule

                label += f" ({describe_schedule(sub)})"
    except ValueError as exc:
        raise UsageError(f"订阅失败 cannot subscribe: {exc}") from None
    console.print(f"已订阅 subscribed: {escape(label)}", soft_wrap=True)
    if twins:
        console.print(f"[yellow]注意 warning:[/yellow] 该渠道已被订阅 the same channel is already subscribed as "
                      f"{escape(', '.join(twins))}: it will receive each alert once per subscription", soft_wrap=True)


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="订阅名称或编号 Subscription name or id.")]) -> None:
    """删除订阅 Remove a subscription.

    Example: `opcwatch subscribe remove json-1`
    """
    from alerts.subscriptions import remove_subscription
    from models.db import session_scope

    with session_scope(_settings().database_url) as session:
        removed = remove_subscription(session, name)
    if not removed:
        raise no_such_subscription(name)
    console.print(f"已删除 removed: {name}")


@app.command("test")
def test(name: Annotated[str, typer.Argument(help="订阅名称或编号 Subscription name or id.")]) -> None:
    """发送测试消息 Send a test message to one subscription's channel and report the outcome.

    Example: `opcwatch subscribe test json-1`
    """
    from alerts.deliver import send_test

    ok, message = send_test(_settings(), name)
    if not ok:
        raise NothingWorked(f"发送失败 test message failed: {message}",
                            "check the URL and secret with `opcwatch subscribe list`")
    console.print(f"[green]已送达 delivered[/green] {escape(message)}", soft_wrap=True)


# list, pause, resume and edit are in their own module, registered on this app.
from opcwatch import cli_subscribe_manage  # noqa: E402,F401
