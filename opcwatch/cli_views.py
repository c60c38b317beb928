"""Read-only views: `opcwatch policies …`, `opcwatch events list`, `opcwatch sources list|check`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from alerts.amount_text import format_amount
from opcwatch.console import DOC_KIND_LABELS, KIND_LABELS, ROLE_LABELS, change_detail, console, key_amounts

policies_app = typer.Typer(help="Stored policies (latest version of each document).", no_args_is_help=True)
events_app = typer.Typer(help="Change events: new policies, changed amounts …", no_args_is_help=True)
sources_app = typer.Typer(help="The source registry.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


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
    opc_only: Annotated[bool, typer.Option("--opc/--all", help="Only OPC policies (default) or all documents.")] = True,
    since: Annotated[str | None, typer.Option(help="Published on or after, e.g. 2026-01-01.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List policies.

    Example: `opcwatch policies list --region 苏州 --since 2026-01-01`
    """
    from models.db import session_scope
    from models.queries import list_policies

    since_date = date.fromisoformat(since) if since else None
    with session_scope(_settings().database_url) as session:
        rows = list_policies(session, region=region, opc_only=opc_only, since=since_date, limit=limit,
                             issued_here_only=only_issued_here)
    if as_json:
        _dump(rows)
        return
    table = Table(title=f"政策 Policies ({len(rows)})")
    for column in ("id", "标题 title", "地区 region", "日期 date", "关键金额 key amounts"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row.get("id")), row.get("title", ""), row.get("region_name") or "",
                      str(row.get("published") or ""), key_amounts(row.get("amounts", [])))
    console.print(table)


@policies_app.command("show")
def policies_show(
    ref: Annotated[str, typer.Argument(help="Document id or URL.")],
    as_json: JsonOpt = False,
) -> None:
    """Show one policy with its versions and change events.

    Example: `opcwatch policies show 3`
    """
    from models.db import session_scope
    from models.queries import get_policy

    with session_scope(_settings().database_url) as session:
        row = get_policy(session, ref)
    if row is None:
        console.print(f"[red]找不到 not found:[/red] {ref}")
        raise typer.Exit(1)
    if as_json:
        _dump(row)
        return
    record = row.get("record", row)
    console.rule(record.get("title", ""))
    for label, key in (("地区 region", "region_name"), ("发文机关 issuer", "issuer"), ("文号", "doc_number"),
                       ("发布日期 published", "published"), ("链接 url", "url")):
        if record.get(key):
            console.print(f"{label}: {record[key]}")
    if record.get("kind"):
        reason = f"（{record['kind_reason']}）" if record.get("kind_reason") else ""
        console.print(f"类型 kind: {DOC_KIND_LABELS.get(record['kind'], record['kind'])}{reason}")
    if record.get("deadline"):
        console.print(f"申报截止 deadline: {record['deadline']}")
    relevance = record.get("relevance", {})
    console.print(f"OPC: {'是 yes' if relevance.get('is_opc') else '否 no'} {relevance.get('evidence', [])}")
    for amount in record.get("amounts", []):
        role = ROLE_LABELS.get(str(amount.get("role") or ""), "")
        console.print(f"  · {format_amount(amount)}{f'（{role}）' if role else ''}  「{amount.get('phrase', '')}」")
    for target in record.get("targets", []):
        console.print(f"  ◎ {target.get('year') or ''} {target['metric']} {target['comparator']} {target['value']}")
    group = row.get("policy") or {}
    documents = group.get("documents") or []
    if documents:
        console.print(f"政策 policy #{group.get('id')}「{group.get('title')}」 — 刊载来源 carried by {len(documents)}:")
        for doc in documents:
            mark = "★ 原件 canonical" if doc.get("canonical") else "  "
            kind = DOC_KIND_LABELS.get(doc.get("kind") or "", doc.get("kind") or "")
            console.print(f"  {mark} #{doc['document_id']} {doc['source_id']} {kind} {doc['url']}")
            if doc.get("evidence"):
                console.print(f"       依据 evidence: {doc['evidence']}")
    for event in row.get("events", []):
        console.print(f"  [{KIND_LABELS.get(event['kind'], event['kind'])}] {change_detail(event['kind'], event.get('payload', {}))}")


@events_app.command("list")
def events_list(
    run: Annotated[str | None, typer.Option(help="Only events of this run id.")] = None,
    kind: Annotated[str | None, typer.Option(help="policy.new / amount.changed / …")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
    as_json: JsonOpt = False,
) -> None:
    """List change events, newest first.

    Example: `opcwatch events list --kind amount.changed`
    """
    from models.db import session_scope
    from models.queries import list_events

    with session_scope(_settings().database_url) as session:
        rows = list_events(session, run_id=run, kind=kind, limit=limit)
    if as_json:
        _dump(rows)
        return
    table = Table(title=f"变化事件 Change events ({len(rows)})")
    for column in ("id", "事件 event", "标题 title", "详情 detail"):
        table.add_column(column, overflow="fold")
    for event in rows:
        payload = event.get("payload", {})
        table.add_row(str(event.get("id")), KIND_LABELS.get(event["kind"], event["kind"]),
                      payload.get("title", ""), change_detail(event["kind"], payload))
    console.print(table)


SourcesOpt = Annotated[
    list[Path] | None,
    typer.Option("--sources", help="Extra registry file or directory (repeatable; like OPCWATCH_SOURCES)."),
]


def _registry(extra: list[Path] | None) -> tuple[Any, list[Any]]:
    from crawlers.registry import RegistryError, load_registry

    settings = _settings()
    if extra:
        settings = settings.with_(registry_paths=(*settings.registry_paths, *extra))
    try:
        return settings, load_registry(settings.registry_paths)
    except RegistryError as exc:
        console.print(f"[red]registry error:[/red] {exc}")
        raise typer.Exit(2) from exc


@sources_app.command("list")
def sources_list(sources_file: SourcesOpt = None, as_json: JsonOpt = False) -> None:
    """List the sources of the registry (built-in plus OPCWATCH_SOURCES / --sources files).

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
    live: Annotated[bool, typer.Option("--live", help="Fetch one list page per source from the internet now.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds per live request.")] = 10.0,
    sources_file: SourcesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Source health: last success, items, errors and state of each source's latest crawl.

    With --live, also fetch each source's first list page once (short timeout) and report
    reachability (blocked by a WAF, soft 404, unreachable …). OPCWATCH_HOST_MAP routes it.

    Example: `opcwatch sources check --live`
    """
    from crawlers.health import health_rows, probe_live

    settings, sources = _registry(sources_file)
    rows = health_rows(settings.database_url, sources)
    if live:
        probes = {p["id"]: p for p in probe_live(sources, user_agent=settings.user_agent, timeout=timeout,
                                                 host_map=settings.host_map)}
        for row in rows:
            row["live"] = probes[row["id"]]
    if as_json:
        _dump(rows)
        return
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
