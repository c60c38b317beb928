"""Terminal output: progress while a cycle runs, and a readable Chinese summary afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from alerts.amount_text import COMPARATOR_WORDS, format_amount, format_yuan
from alerts.render_changes import DOC_KIND_LABELS, KIND_LABELS, ROLE_LABELS, change_lines

if TYPE_CHECKING:
    from opcwatch.settings import Settings
    from opcwatch.stages.cycle import CycleResult

console = Console(highlight=False)
# Progress is not a result: it goes to stderr, so `opcwatch run > out.txt` holds only the summary.
progress_console = Console(stderr=True, highlight=False)

STAGE_LABELS = {
    "crawl": "抓取 crawl",
    "parse": "解析 parse",
    "diff": "比对 diff",
    "alert": "提醒 alert",
}
# skipped: another run crawled the source just now (not an alarm, not a crawl either);
# truncated: read fine but not to the end (a page limit, the time budget).
STATE_COLOURS = {"ok": "green", "skipped": "cyan", "truncated": "yellow"}
__all__ = ["DOC_KIND_LABELS", "KIND_LABELS", "ROLE_LABELS", "change_detail", "console", "key_amounts"]


@contextmanager
def progress_reporter(enabled: bool = True, transient: bool = False) -> Iterator[Any]:
    """A callback for run_cycle that draws one spinner line per stage, on stderr."""
    if not enabled:
        yield lambda _stage, _message: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=progress_console, transient=transient) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, message: str) -> None:
            label = STAGE_LABELS.get(stage, stage)
            if message == "start":
                tasks[stage] = bar.add_task(label, total=1)
            elif stage in tasks:
                bar.update(tasks[stage], completed=1, description=f"{label} ✓")

        yield report


def print_cycle(settings: Settings, result: CycleResult) -> None:
    """What a user wants after a run: sources, policies found, change events, deliveries."""
    from models.db import session_scope
    from models.queries import list_events

    crawl = result.stages.get("crawl", {})
    sources = Table(title="抓取的来源 Sources crawled", show_lines=False)
    # Ids and counts never wrap (a cron log is 80 columns wide and an id is what you grep for);
    # the message column takes what is left.
    sources.add_column("来源 source", no_wrap=True)
    for column in ("状态 state", "页面 pages", "条目 items", "错误 errors"):
        sources.add_column(column, no_wrap=True)
    sources.add_column("说明 message", overflow="fold")
    for source_id, info in sorted(crawl.get("sources", {}).items()):
        state = info.get("state", "?")
        colour = STATE_COLOURS.get(state, "red")
        sources.add_row(source_id, f"[{colour}]{state}[/{colour}]", str(info.get("pages", 0)),
                        str(info.get("items", 0)), str(info.get("errors", 0)), info.get("message") or "")
    console.print(sources)
    for run in result.abandoned:
        console.print(f"[yellow]已放弃 abandoned:[/yellow] run {run['run_id']} — {run['note']}")
    if picked := result.stages.get("parse", {}).get("earlier_runs"):
        console.print(f"接续解析 {picked} 个早先运行留下的页面 — {picked} pages left pending by earlier runs parsed now")

    parse_errors = result.stages.get("parse", {}).get("errors", [])
    for error in parse_errors[:20]:
        console.print(f"[yellow]无法解析 page not parsed:[/yellow] {error.get('url')}: {error.get('error')}")
    if len(parse_errors) > 20:
        console.print(f"[yellow]… {len(parse_errors) - 20} more pages not parsed[/yellow]")

    with session_scope(settings.database_url) as session:
        versions = run_versions(session, result.run_id)
        events = list_events(session, run_id=result.run_id, limit=None)

    opc = [v for v in versions if v["is_opc"]]
    found = Table(title=f"本次发现的 OPC 政策 OPC policies found (new or changed pages: {len(opc)})")
    for column in ("标题 title", "地区 region", "日期 date", "关键金额 / 目标 key amounts / targets"):
        found.add_column(column, overflow="fold")
    for row in sorted(opc, key=lambda v: str(v.get("published") or ""), reverse=True):
        found.add_row(row["title"], row.get("region_name") or "", str(row.get("published") or ""),
                      key_amounts(row.get("amounts", [])) or key_targets(row.get("targets", [])))
    console.print(found)
    if len(versions) > len(opc):
        console.print(f"另有 {len(versions) - len(opc)} 篇非 OPC 文章已存储（不提醒）"
                      f" — {len(versions) - len(opc)} other pages stored, not OPC-related, no alerts.")

    opc_events = [e for e in events if e.get("is_opc", e.get("payload", {}).get("is_opc"))]
    changes = Table(title=f"OPC 变化事件 OPC change events ({len(opc_events)} of {len(events)})")
    for column in ("事件 event", "标题 title", "详情 detail"):
        changes.add_column(column, overflow="fold")
    for event in opc_events:
        payload = event.get("payload", {})
        changes.add_row(KIND_LABELS.get(event["kind"], event["kind"]), payload.get("title", ""),
                        change_detail(event["kind"], payload))
    console.print(changes)

    alert = result.stages.get("alert", {})
    console.print(
        f"提醒 Alerts: 计划 planned {alert.get('planned', 0)} · 已发送 sent {alert.get('sent', 0)} · "
        f"失败 failed {alert.get('failed', 0)} · 放弃 dead {alert.get('dead', 0)} · "
        f"静默 suppressed {alert.get('suppressed', 0)}"
    )
    for channel, info in sorted(alert.get("channels", {}).items()):
        error = f" — {info['error']}" if info.get("error") else ""
        console.print(f"  {channel}: sent {info.get('sent', 0)}, failed {info.get('failed', 0)}{error}")


def run_versions(session: Any, run_id: str) -> list[dict[str, Any]]:
    """The document versions a run created (new documents and changed ones)."""
    from sqlalchemy import select

    from models.tables import DocumentVersion

    rows = session.scalars(select(DocumentVersion).where(DocumentVersion.run_id == run_id))
    return [
        {
            "title": v.title,
            "is_opc": v.is_opc,
            "published": v.published,
            "region_name": v.record.get("region_name"),
            "amounts": v.record.get("amounts", []),
            "targets": v.record.get("targets", []),
        }
        for v in rows
    ]


def key_amounts(amounts: list[dict[str, Any]], limit: int = 3) -> str:
    """The largest support and fund amounts, then percentages (30% of the cost); thresholds and
    statistics are not key amounts (records stored before amounts had roles have none)."""
    amounts = [a for a in amounts if a.get("role", "support") in ("support", "fund")]
    money = sorted((a for a in amounts if a.get("unit", "money") == "money"), key=lambda a: -float(a["value"]))
    percent = [a for a in amounts if a.get("unit") == "percent"]
    shown = [format_amount(a) for a in [*money, *percent][:limit]]
    more = len(amounts) - len(shown)
    return "、".join(shown) + (f" 等{len(amounts)}项" if shown and more > 0 else "")


def source_problems(crawled: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Sources of a crawl summary that failed, with what went wrong (``down: connection refused``)."""
    return {sid: f"{info.get('state', '?')}: {info.get('message') or ''}".rstrip(": ")
            for sid, info in sorted(crawled.items()) if info.get("state") not in STATE_COLOURS}


def report_overrides(sources: list[Any]) -> None:
    """A user's registry entry that replaces a built-in source is said, on stderr."""
    from opcwatch.errors import warn

    for source in sources:
        if getattr(source, "overrides", ""):
            warn(f"{source.origin}: {source.id} overrides built-in {source.id} ({source.overrides})")


def key_targets(targets: list[dict[str, Any]], limit: int = 3) -> str:
    """到2028年 OPC社区超50, 数字经济规模2000亿元 — the way the policies state their goals."""
    shown = []
    for target in targets[:limit]:
        year = f"到{target['year']}年 " if target.get("year") else ""
        value = float(target["value"])
        if target.get("unit") == "yuan":
            number = format_yuan(target["value"])
        elif target.get("unit") == "percent":
            number = f"{value:g}%"
        else:
            number = f"{value:,.0f}" if value >= 1e6 else f"{value:g}"
        shown.append(f"{year}{target['metric']}{COMPARATOR_WORDS.get(target.get('comparator', '='), '')}{number}")
    return "、".join(shown)


def change_detail(kind: str, payload: dict[str, Any]) -> str:
    lines = change_lines(kind, payload)
    if lines:
        return "；".join(line.partition("：")[2] or line for line in lines)
    region = payload.get("region_name") or ""
    return " ".join(p for p in (region, str(payload.get("published") or ""), payload.get("url", "")) if p)
