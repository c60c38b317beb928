"""The `opcwatch` command: the same stage functions the Airflow DAGs run, for a user's terminal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from opcwatch import cli_deliver, cli_deliveries, cli_sources_add, cli_subscribe, cli_views
from opcwatch.cli_reparse import reparse_command
from opcwatch.console import console, print_cycle, progress_reporter
from opcwatch.settings import Settings

app = typer.Typer(
    help="opcwatch — 江苏 OPC（一人公司 / 超级个体）扶持政策监测：抓取、解析、比对、提醒。",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)
app.add_typer(cli_subscribe.app, name="subscribe")
app.add_typer(cli_views.policies_app, name="policies")
app.add_typer(cli_views.events_app, name="events")
cli_views.sources_app.command("add")(cli_sources_add.sources_add)
app.add_typer(cli_views.sources_app, name="sources")
app.add_typer(cli_deliveries.app, name="deliveries")
app.command("deliver")(cli_deliver.deliver_command)
app.command("reparse")(reparse_command)

SourceOpt = Annotated[
    list[str] | None, typer.Option("--source", "-s", help="Source id from the registry (repeatable).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
RegistryOpt = Annotated[
    list[Path] | None,
    typer.Option("--sources", help="Extra registry file or directory (repeatable; like OPCWATCH_SOURCES)."),
]


def settings_from_env() -> Settings:
    return Settings.from_env()


@app.callback()
def _logging() -> None:
    # Before any command: channel secrets scrubbed from every log record (opcwatch/logs.py).
    from opcwatch.logs import setup_logging

    try:
        settings: Settings | None = settings_from_env()
    except ValueError:  # the command itself reports the bad setting
        settings = None
    setup_logging(settings)


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-19", param_hint=option) from None


@app.command()
def init() -> None:
    """Create or upgrade the database (Alembic) named by OPCWATCH_DATABASE_URL.

    Example: `OPCWATCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/opcwatch opcwatch init`
    """
    from models.db import get_engine
    from models.migrate import current_revision

    settings = settings_from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = get_engine(settings.database_url)
    console.print(f"数据库就绪 database ready: {engine.url.render_as_string(hide_password=True)} "
                  f"(schema {current_revision(engine)})")


@app.command()
def run(
    source: SourceOpt = None,
    sources_file: RegistryOpt = None,
    alert_mode: Annotated[str, typer.Option(help="instant / digest / silent")] = "instant",
    resume: Annotated[str | None, typer.Option(
        "--resume", metavar="RUN_ID", help="Finish a failed or abandoned run: the stages it had left.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """One cycle over the registry: crawl, parse, diff, alert.

    Example: `opcwatch run` or `opcwatch run --sources my_sources.yml --source my_site`;
    `opcwatch run --resume 20260120T080000Z-manual-3f2a` finishes a run that was killed.
    """
    if resume:
        if source:
            raise typer.BadParameter("a resumed run crawls its own sources", param_hint="--source")
        _resume(resume, as_json, sources_file)
        return
    _cycle("manual", source, None, None, None, alert_mode, as_json, sources_file)


def _resume(run_id: str, as_json: bool, registry_extra: list[Path] | None) -> None:
    from opcwatch.stages.resume import ResumeError
    from opcwatch.stages.resume import resume as resume_run

    settings = settings_from_env()
    if registry_extra:
        settings = settings.with_(registry_paths=(*settings.registry_paths, *registry_extra))
    with progress_reporter(enabled=not as_json) as report:
        try:
            plan, result = resume_run(settings, run_id, progress=report)
        except ResumeError as exc:
            console.print(f"[red]错误 error:[/red] {exc}")
            raise typer.Exit(2) from None
    if as_json:
        _print_json({"resumed": plan, **(result.to_json() if result else {})})
    elif result is None:
        console.print(f"运行 run {run_id} 已完成 ({plan['status']})：无需接续 nothing left to resume")
    else:
        console.print(f"接续 resumed run {run_id} ({plan['status']}, stopped in {plan['stopped_in'] or 'start'}): "
                      f"{', '.join(plan['stages'])}")
        print_cycle(settings, result)


@app.command()
def backfill(
    since: Annotated[str, typer.Option(help="Oldest publication date to collect, e.g. 2025-11-01.")],
    until: Annotated[str | None, typer.Option(help="Newest publication date (default: today).")] = None,
    source: SourceOpt = None,
    sources_file: RegistryOpt = None,
    max_pages: Annotated[int | None, typer.Option(help="Stop after this many list pages per list.")] = None,
    alert_mode: Annotated[str, typer.Option(help="digest (default) / silent / instant")] = "digest",
    as_json: JsonOpt = False,
) -> None:
    """Crawl deeper into the lists for a date range; by default subscribers get one digest.

    Example: `opcwatch backfill --since 2025-11-01 --until 2026-01-31 --source jiangsu_gov`
    """
    start = _parse_date(since, "--since")
    end = _parse_date(until, "--until")
    if start and end and end < start:
        raise typer.BadParameter("--until is before --since", param_hint="--until")
    _cycle("backfill", source, start, end, max_pages, alert_mode, as_json, sources_file)


def _cycle(
    kind: str,
    sources: list[str] | None,
    since: date | None,
    until: date | None,
    max_pages: int | None,
    alert_mode: str,
    as_json: bool,
    registry_extra: list[Path] | None = None,
) -> None:
    from crawlers.registry import RegistryError
    from opcwatch.stages.cycle import run_cycle

    settings = settings_from_env()
    if registry_extra:
        settings = settings.with_(registry_paths=(*settings.registry_paths, *registry_extra))
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with progress_reporter(enabled=not as_json) as report:
        try:
            result = run_cycle(
                settings, kind=kind, source_ids=sources or None, since=since, until=until,
                max_pages=max_pages, alert_mode=alert_mode, progress=report,
            )
        except (ValueError, RegistryError) as exc:  # unknown source id, a broken registry file
            console.print(f"[red]错误 error:[/red] {exc}")
            raise typer.Exit(2) from None
    if as_json:
        _print_json(result.to_json())
    else:
        print_cycle(settings, result)


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="An HTML or .txt file, or - for standard input.")],
    url: Annotated[str, typer.Option(help="The page's URL (names the record).")] = "https://example.invalid/page",
    published: Annotated[str | None, typer.Option(help="Publication date for plain text.")] = None,
    as_json: JsonOpt = True,
) -> None:
    """Parse one page into the shared schema and print the record (for adding a source).

    Example: `opcwatch parse page.html --url https://www.jiangsu.gov.cn/art/2026/1/19/art_46144_1.html --json`
    """
    import sys

    from parsers import parse_document, parse_text
    from parsers.schema import ParseError

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        console.print(f"[red]无法读取 cannot read:[/red] {file}: {exc.strerror}")
        raise typer.Exit(2) from None
    day = _parse_date(published, "--published")
    head = data[:2048].lstrip().lower()
    is_html = head.startswith((b"<", b"\xef\xbb\xbf<")) or b"<html" in head or b"<body" in head
    try:
        if file.endswith(".txt") or (file == "-" and not is_html):
            record = parse_text(_decode_text(data), url=url, published=day)
        else:
            record = parse_document(data, url=url, source_id="manual",
                                    list_meta={"date": day.isoformat()} if day else None)
    except ParseError as exc:
        console.print(f"[red]无法解析 cannot parse:[/red] {exc}")
        raise typer.Exit(1) from None
    _print_json(record.model_dump(mode="json"))


@app.command()
def demo(
    data_dir: Annotated[Path, typer.Option(help="Where the demo keeps its SQLite file and outbox.")] = Path(
        "var/demo"
    ),
) -> None:
    """Offline demo on sample pages: serve a replica of www.jiangsu.gov.cn, run day 1, then day 2.

    Example: `opcwatch demo` (any OPCWATCH_ALERT_URLS you set also receive the alerts)
    """
    from opcwatch.demo import run_demo

    run_demo(settings_from_env(), data_dir)


def _decode_text(data: bytes) -> str:
    """Plain text as users save it: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _print_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


if __name__ == "__main__":
    app()
