"""`opcwatch reparse`: run the current parser over stored pages; versions and events only for
what really changed, alerts silent unless asked (opcwatch/stages/reparse_run.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any

import typer

from opcwatch.console import console


def parse_moment(value: str | None, option: str, *, end: bool = False) -> datetime | None:
    from opcwatch.stages.reparse import moment

    try:
        return moment(value, end=end)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-19 or 2026-01-19T08:00",
                                 param_hint=option) from None


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Any]:
    """A progress callback drawing pages done / total and the rate (nothing with ``--json``)."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("重新解析 reparse"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} 页/s pages/s"), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("reparse", total=None, rate=0.0)

        def report(done: int, total: int, rate: float) -> None:
            bar.update(task, completed=done, total=total, rate=rate)

        yield report


def reparse_command(
    since: Annotated[str | None, typer.Option(help="Pages fetched on or after this day (Beijing) or time.")] = None,
    until: Annotated[str | None, typer.Option(help="Pages fetched up to this day (inclusive) or before this time.")]
    = None,
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Source id (repeatable).")] = None,
    alerts: Annotated[str, typer.Option(help="silent (default) / digest / instant")] = "silent",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Parse and compare, write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Re-parse stored pages with the current parser (after upgrading opcwatch's parser).

    The newest stored page of each URL is parsed again; a new version is stored only where the
    normalized content changed, and events are written only for those real differences. By
    default nothing is sent (`--alerts silent`: the deliveries are recorded as suppressed);
    `--alerts digest` sends each subscriber one message, `instant` one per event. Running it
    twice creates nothing the second time.

    Example: `opcwatch reparse --since 2026-01-01 --source jiangsu_gov --dry-run`
    """
    from opcwatch.settings import Settings
    from opcwatch.stages.reparse_run import ALERT_MODES, reparse_run

    if alerts not in ALERT_MODES:
        raise typer.BadParameter(f"choose one of {', '.join(ALERT_MODES)}", param_hint="--alerts")
    start, end = parse_moment(since, "--since"), parse_moment(until, "--until", end=True)
    if start and end and end <= start:
        raise typer.BadParameter("--until is before --since", param_hint="--until")
    settings = Settings.from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with _progress_bar(not as_json) as report:
        result = reparse_run(settings, since=start, until=end, sources=source or (), alert_mode=alerts,
                             dry_run=dry_run, progress=report, pid=os.getpid())
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    elif dry_run:
        _print_preview(result)
    else:
        _print_result(result)


def _print_preview(result: dict[str, Any]) -> None:
    console.print(
        f"试运行 dry run（未写入 nothing written）: {result['pages']} pages · {result['new_versions']} would get "
        f"a new version ({result['new_documents']} new documents) · {result['unchanged']} unchanged · "
        f"{result['stale']} stale · {result['errors']} not parsed")
    for url in result["changed_urls"]:
        console.print(f"  将更新 would change: {url}", markup=False)


def _print_result(result: dict[str, Any]) -> None:
    parsed, diffed, alert = result["parse"], result["diff"], result["alert"]
    console.print(
        f"重新解析 reparse run {result['run_id']}: {parsed['pages']} pages in {result['seconds']['parse']} s "
        f"({result['pages_per_second']} pages/s) · {parsed['new_versions']} new versions · "
        f"{parsed['unchanged']} unchanged · {parsed['stale']} stale · {len(parsed['errors'])} not parsed")
    kinds = ", ".join(f"{kind} {count}" for kind, count in diffed["by_kind"].items()) or "none"
    console.print(f"变更事件 events: {diffed['events']} ({kinds})")
    if result["alert_mode"] == "silent":
        console.print(f"提醒 alerts: silent — {alert['suppressed']} deliveries recorded as suppressed, none sent")
    else:
        console.print(f"提醒 alerts ({result['alert_mode']}): {alert['sent']} sent · {alert['failed']} failed · "
                      f"{alert['planned']} planned")
    for error in parsed["errors"][:20]:
        console.print(f"[yellow]无法解析 page not parsed:[/yellow] {error.get('url')}: {error.get('error')}")
