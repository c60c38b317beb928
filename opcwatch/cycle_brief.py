"""A cycle in a dozen lines (the demo's default; `--verbose` prints the full tables of console.py).

One line of source counts with the problems named, the OPC policies found, the OPC change
events (every one counted, a few shown) and the alerts. Each print is one physical line
(soft_wrap): a reader piping it to a file or a pager sees the line count we budgeted.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.markup import escape

from opcwatch.console import KIND_LABELS, change_detail, console, key_amounts, key_targets, source_problems

if TYPE_CHECKING:
    from opcwatch.settings import Settings
    from opcwatch.stages.cycle import CycleResult

SHOWN = 6  # policies and events listed per day; the rest are counted
# Changes first (what a reader could not see yesterday), then new policies, then reposts.
EVENT_ORDER = ("amount.", "target.", "effective_period.", "measure.", "policy.revised", "policy.withdrawn",
               "policy.superseded", "deadline.", "policy.new", "policy.republished")


def _rank(kind: str) -> int:
    return next((i for i, prefix in enumerate(EVENT_ORDER) if kind.startswith(prefix)), len(EVENT_ORDER))


def _line(text: str) -> None:
    console.print(text, soft_wrap=True)


def clip(text: str, width: int = 40) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_brief(settings: Settings, result: CycleResult, shown: int = SHOWN) -> None:
    from models.db import session_scope
    from models.queries import list_events
    from opcwatch.console import run_versions

    crawl = result.stages.get("crawl", {}).get("sources", {})
    states = Counter(info.get("state", "?") for info in crawl.values())
    pages = sum(int(info.get("pages") or 0) for info in crawl.values())
    items = sum(int(info.get("items") or 0) for info in crawl.values())
    counts = " · ".join(f"{state} {n}" for state, n in states.most_common())
    _line(f"来源 sources {len(crawl)}: {counts} · 页面 pages {pages} · 条目 items {items}")
    problems = source_problems(crawl)
    problems.update({sid: f"truncated: {info.get('message') or ''}".rstrip(": ")
                     for sid, info in crawl.items() if info.get("state") == "truncated"})
    if problems:
        _line("  [yellow]问题 problems:[/yellow] " + escape("; ".join(f"{sid} {clip(why, 60)}"
                                                                  for sid, why in sorted(problems.items()))))
    parse_errors = result.stages.get("parse", {}).get("errors", [])
    if parse_errors:
        _line(f"  [yellow]无法解析 pages not parsed: {len(parse_errors)}[/yellow] (--verbose lists them)")

    with session_scope(settings.database_url) as session:
        versions = run_versions(session, result.run_id)
        events = list_events(session, run_id=result.run_id, limit=None)
    opc = sorted((v for v in versions if v["is_opc"]), key=lambda v: str(v.get("published") or ""), reverse=True)
    _line(f"本次发现的 OPC 政策 OPC policies found: {len(opc)} "
          f"(另有 {len(versions) - len(opc)} 篇非 OPC 文章已存储 other pages stored, no alerts)")
    for row in opc[:shown]:
        amounts = key_amounts(row.get("amounts", []), limit=2) or key_targets(row.get("targets", []), limit=1)
        _line(f"  · {row.get('published') or '—'} {escape(row.get('region_name') or '')} "
              f"{escape(clip(row['title']))}" + (f" — {escape(amounts)}" if amounts else ""))
    if len(opc) > shown:
        _line(f"  … 另有 {len(opc) - shown} 篇 more (--verbose)")

    opc_events = sorted((e for e in events if e.get("is_opc")), key=lambda e: _rank(e["kind"]))
    _line(f"OPC 变化事件 OPC change events: {len(opc_events)} (of {len(events)} events)")
    for event in opc_events[:shown]:
        payload = event.get("payload") or {}
        detail = change_detail(event["kind"], payload) if not event["kind"].startswith("policy.new") else ""
        _line(f"  [{KIND_LABELS.get(event['kind'], event['kind'])}] {escape(clip(payload.get('title', '')))}"
              + (f"：{escape(clip(detail, 50))}" if detail else ""))
    if len(opc_events) > shown:
        by_kind = Counter(KIND_LABELS.get(e["kind"], e["kind"]) for e in opc_events[shown:])
        _line("  … 另有 more: " + "、".join(f"{kind} {n}" for kind, n in by_kind.most_common()))

    alert = result.stages.get("alert", {})
    failing = [f"{name} ({clip(info.get('error') or '', 40)})" for name, info in sorted(alert.get("channels", {}).items())
               if info.get("failed") or info.get("dead")]
    _line(f"提醒 Alerts: 已发送 sent {alert.get('sent', 0)} · 失败 failed {alert.get('failed', 0)} · "
          f"放弃 dead {alert.get('dead', 0)} · 静默 suppressed {alert.get('suppressed', 0)}"
          + (f" — {escape('; '.join(failing))}" if failing else ""))
