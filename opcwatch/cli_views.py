"""Read-only views: `opcwatch policies …`, `opcwatch events list`, `opcwatch sources list|check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from opcwatch.console import KIND_LABELS, change_detail, console, key_amounts, report_overrides

policies_app = typer.Typer(help="政策 Stored policies (latest version of each document).", no_args_is_help=True)
events_app = typer.Typer(help="变化事件 Change events: new policies, changed amounts …", no_args_is_help=True)
sources_app = typer.Typer(help="来源 The source registry.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON Print machine-readable JSON.")]


def _settings():  # type: ignore[no-untyped-def]
    from opcwatch.settings import Settings

    return Settings.from_env()


def _dump(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


@policies_app.command("list")
def policies_list(
    region: Annotated[str | None, typer.Option(help=(
        "适用地区 Region name or code: what applies there (sub-regions, and the province's and national policies)."))] = None,
    only_issued_here: Annotated[bool, typer.Option("--only-issued-here", help=(
        "只要本地发布 Only documents issued inside --region."))] = False,
    opc_only: Annotated[bool, typer.Option("--opc/--all", help=(
        "只看 OPC 政策（默认）或全部文件 Only OPC policies (default) or all documents."))] = True,
    q: Annotated[str | None, typer.Option("--q", help="关键词 Keyword in title, issuer, number or text.")] = None,
    since: Annotated[str | None, typer.Option(help="发布不早于 Published on or after, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="发布不晚于 Published on or before, YYYY-MM-DD.")] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", help=(
        "文件类型 Document kinds: policy, rules, application, interpretation, news, event, other, all."))] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="来源 Source id (see `opcwatch sources list`).")] = None,
    limit: Annotated[int, typer.Option(help="最多行数 At most this many rows.")] = 50,
    offset: Annotated[int, typer.Option(help="跳过行数 Skip this many rows first (paging).")] = 0,
    as_csv: Annotated[bool, typer.Option("--csv", help="输出 CSV Print CSV (UTF-8) for a spreadsheet.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """政策列表 List policies, newest first.

    Example: `opcwatch policies list --region 苏州 --since 2026-01-01 --until 2026-03-31`

    Example: `opcwatch policies list --q 算力 --kind policy,application --limit 20 --offset 20`

    Example: `opcwatch policies list --source jiangsu_gov --csv > policies.csv`
    """
    from models import filters
    from models.db import session_scope
    from models.policy_search import PolicyFilter, search_policies

    start, end = filters.date_range(since, until)
    wanted = PolicyFilter(
        region_code=filters.region(region).code if region else None, issued_here_only=only_issued_here,
        opc_only=opc_only, since=start, until=end, kinds=filters.doc_kinds(filters.split_values(kind)),
        sources=_known_sources(filters.split_values(source)), keyword=(q or "").strip() or None,
        limit=filters.positive(limit, "--limit", 1), offset=filters.positive(offset, "--offset"),
    )
    with session_scope(_settings().database_url) as session:
        rows = search_policies(session, wanted)
    if as_json:
        _dump(rows)
        return
    if as_csv:
        _csv(rows)
        return
    table = Table(title=f"政策 Policies ({len(rows)})")
    for column in ("id", "标题 title", "地区 region", "日期 date", "关键金额 key amounts"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row.get("id")), escape(row.get("title") or ""), row.get("region_name") or "",
                      str(row.get("published") or ""), key_amounts(row.get("amounts", [])))
    console.print(table)


CSV_COLUMNS = ("id", "title", "region_name", "region_code", "issuer", "doc_number", "kind", "published",
               "key_amounts", "max_amount_yuan", "source_id", "url")


def _csv(rows: list[dict[str, Any]]) -> None:
    import csv
    import sys

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = {**row, "key_amounts": key_amounts(row.get("amounts", []))}
        writer.writerow(["" if values.get(c) is None else values[c] for c in CSV_COLUMNS])


def _known_sources(ids: list[str]) -> list[str]:
    """Source ids checked against the registry: a typo is an error, not an empty list."""
    if not ids:
        return []
    from crawlers.registry import load_registry
    from models.filters import choices

    known = [s.id for s in load_registry(_settings().registry_paths)]
    return choices(ids, known, "未知来源 unknown source", " (see `opcwatch sources list`)")


@policies_app.command("show")
def policies_show(
    ref: Annotated[str, typer.Argument(help="文件编号或网址 Document id or URL.")],
    as_json: JsonOpt = False,
) -> None:
    """查看一条政策 Show one policy: its fields, amounts, OPC evidence, sources, and every version with what changed.

    Example: `opcwatch policies show 3`

    Example: `opcwatch policies show https://www.sipac.gov.cn/szgyyqopc/x.shtml --json`
    """
    from models.db import session_scope
    from models.queries import get_policy
    from opcwatch.errors import UsageError
    from opcwatch.policy_view import print_policy

    with session_scope(_settings().database_url) as session:
        row = get_policy(session, ref)
    if row is None:
        raise UsageError(f"找不到 not found: policy {ref!r}", "see `opcwatch policies list` for ids")
    if as_json:
        _dump(row)
        return
    print_policy(row)


@events_app.command("list")
def events_list(
    run: Annotated[str | None, typer.Option(help="运行编号 Only events of this run id.")] = None,
    kind: Annotated[str | None, typer.Option(help=(
        "事件类型 Event kind or family: policy.new, amount.changed, amount …"))] = None,
    opc_only: Annotated[bool, typer.Option("--opc/--all", help=(
        "只看 OPC 事件或全部（默认）Only OPC events, or all (default).")) ] = False,
    since: Annotated[str | None, typer.Option(help="不早于 Recorded on or after, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="不晚于 Recorded on or before, YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="最多行数 At most this many rows.")] = 100,
    as_json: JsonOpt = False,
) -> None:
    """变化事件 List change events, newest first.

    Example: `opcwatch events list --kind amount.changed --opc --since 2026-01-01`
    """
    from models import filters
    from models.db import session_scope
    from models.queries import list_events

    if kind:
        filters.event_kinds([kind])
    start, end = filters.date_range(since, until)
    with session_scope(_settings().database_url) as session:
        rows = list_events(session, run_id=run, kind=kind, limit=filters.positive(limit, "--limit", 1),
                           opc_only=opc_only, since=start, until=end)
    if as_json:
        _dump(rows)
        return
    table = Table(title=f"变化事件 Change events ({len(rows)})")
    for column in ("id", "OPC", "事件 event", "标题 title", "详情 detail"):
        table.add_column(column, overflow="fold")
    for event in rows:
        payload = event.get("payload", {})
        table.add_row(str(event.get("id")), "✓" if event.get("is_opc") else "", KIND_LABELS.get(event["kind"], event["kind"]),
                      escape(payload.get("title", "")), escape(change_detail(event["kind"], payload)))
    console.print(table)


SourcesOpt = Annotated[
    list[Path] | None,
    typer.Option("--sources", help="额外的来源登记文件 Extra registry file or directory (repeatable; like OPCWATCH_SOURCES)."),
]


def _registry(extra: list[Path] | None) -> tuple[Any, list[Any]]:
    from crawlers.registry import load_registry

    settings = _settings()
    if extra:
        settings = settings.with_(registry_paths=(*settings.registry_paths, *extra))
    sources = load_registry(settings.registry_paths)  # a RegistryError is one line (opcwatch/errors.py)
    report_overrides(sources)
    return settings, sources


@sources_app.command("list")
def sources_list(sources_file: SourcesOpt = None, as_json: JsonOpt = False) -> None:
    """来源列表 List the sources of the registry (built-in plus OPCWATCH_SOURCES / --sources files).

    Example: `opcwatch sources list --sources my_sources.yml`
    """
    _settings_used, sources = _registry(sources_file)
    rows: list[dict[str, Any]] = [
        {"id": s.id, "name": s.name, "region_code": s.region_code, "family": s.family,
         "lists": [lst.url for lst in s.lists], "min_items": s.min_items, "hosts": list(s.hosts),
         "politeness": {"delay": s.politeness.delay, "concurrency": s.politeness.concurrency},
         "quirks": list(s.quirks), "blocked_hint": s.blocked_hint, "file": s.origin}
        for s in sources
    ]
    if as_json:
        _dump(rows)
        return
    table = Table(title=f"来源 Sources ({len(rows)})")
    for column in ("id", "名称 name", "地区 region", "family", "lists", "min items", "blocked hint"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["id"]), str(row["name"]), str(row["region_code"]), str(row["family"]),
                      str(len(row["lists"])), str(row["min_items"]), str(row["blocked_hint"]))
    console.print(table)


@sources_app.command("check")
def sources_check(
    live: Annotated[bool, typer.Option("--live", help=(
        "现在联网访问 Fetch one list page per source from the internet now."))] = False,
    timeout: Annotated[float, typer.Option(help="每次请求秒数 Seconds per live request.")] = 10.0,
    source: Annotated[list[str] | None, typer.Option("--source", help=(
        "只查这些来源 Only these source ids (repeatable).")) ] = None,
    sources_file: SourcesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """来源健康 Source health: last success, items, errors and state of each source's latest crawl.

    With --live, also fetch each source's first list page once (short timeout) and report
    reachability (blocked by a WAF, soft 404, unreachable …). OPCWATCH_HOST_MAP routes it.
    退出码 Exit with --live: 0 every source answered · 1 some did not · 3 none did.

    Example: `opcwatch sources check --live` · `opcwatch sources check --live --source jiangsu_gov`
    """
    from crawlers.health import health_rows, probe_live
    from models.filters import choices, split_values

    settings, sources = _registry(sources_file)
    if wanted := split_values(source):
        choices(wanted, [s.id for s in sources], "未知来源 unknown source", " (see `opcwatch sources list`)")
        sources = [s for s in sources if s.id in wanted]
    rows = health_rows(settings.database_url, sources)
    if live:
        probes = {p["id"]: p for p in probe_live(sources, user_agent=settings.user_agent, timeout=timeout,
                                                 host_map=settings.host_map)}
        for row in rows:
            row["live"] = probes[row["id"]]
    if as_json:
        _dump(rows)
    else:
        _health_table(rows, live)
    if live:
        _raise_for_probes([row["live"] for row in rows])


def _health_table(rows: list[dict[str, Any]], live: bool) -> None:
    table = Table(title=f"来源健康 Source health ({len(rows)})")
    columns = ["id", "状态 state", "上次成功 last success", "items", "errors", "说明 message"]
    for column in columns + (["live"] if live else []):
        table.add_column(column, overflow="fold")
    for row in rows:
        success = row["last_success"].strftime("%Y-%m-%d %H:%M") if row["last_success"] else "—"
        cells = [row["id"], row["state"], success, str(row["items"]), str(row["errors"]), row["message"]]
        if live:
            cells.append(row["live"]["verdict"])
        table.add_row(*cells)
    console.print(table)


def _raise_for_probes(probes: list[dict[str, Any]]) -> None:
    """Exit 3 when no source answered with its list, 1 when some did not (after the table)."""
    from opcwatch.errors import NothingWorked, Partial

    failed = [p for p in probes if p.get("verdict") != "ok"]
    if not failed:
        return
    named = "; ".join(f"{p['id']} {p['verdict']}" for p in failed[:3]) + (" …" if len(failed) > 3 else "")
    if len(failed) == len(probes):
        raise NothingWorked(f"所有来源都无法访问 no source answered ({len(failed)}): {named}",
                            "check the network, a proxy, or OPCWATCH_HOST_MAP")
    raise Partial(f"{len(failed)}/{len(probes)} 个来源无法访问 sources did not answer: {named}")

