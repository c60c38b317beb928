"""The `opcwatch` command: the same stage functions the Airflow DAGs run, for a user's terminal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from opcwatch import (
    cli_deliver,
    cli_deliveries,
    cli_reparse,
    cli_serve,
    cli_sources_add,
    cli_subscribe,
    cli_views,
)
from opcwatch.console import console, print_cycle, progress_console, progress_reporter
from opcwatch.errors import NothingWorked, OpcwatchGroup, UsageError, raise_for_outcome
from opcwatch.settings import Settings

app = typer.Typer(
    cls=OpcwatchGroup,
    help=(
        "opcwatch — 江苏 OPC（一人公司 / 超级个体）扶持政策监测：抓取、解析、比对、提醒。\n\n"
        "Monitors support policies for one-person companies (OPC) in Jiangsu: crawl, parse, diff, alert.\n\n"
        "退出码 Exit codes: 0 成功 ok · 1 部分失败 partial (some sources or channels failed) · "
        "2 用法或配置错误 usage/config error · 3 全部失败 nothing worked.\n\n"
        "Example: `opcwatch run` · `opcwatch policies list --region 苏州` · `opcwatch --debug run`"
    ),
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
app.command("serve")(cli_serve.serve_command)
app.command("reparse")(cli_reparse.reparse_command)

SourceOpt = Annotated[
    list[str] | None, typer.Option("--source", "-s", help="来源编号 Source id from the registry (repeatable).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON Print machine-readable JSON.")]
RegistryOpt = Annotated[
    list[Path] | None,
    typer.Option("--sources", help="额外的来源登记文件 Extra registry file or directory (repeatable; like OPCWATCH_SOURCES)."),
]


def settings_from_env() -> Settings:
    return Settings.from_env()


# Commands that never open the database: they must not create a data directory either.
NO_DATABASE = frozenset({"parse", "demo", "serve"})


@app.callback()
def _setup(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help=(
        "出错时显示完整回溯 Show the full traceback on an error (default: one line on stderr).")
    )] = False,
) -> None:
    # Before any command: channel secrets scrubbed from every log record (opcwatch/logs.py).
    from opcwatch.logs import setup_logging

    try:
        settings: Settings | None = settings_from_env()
    except ValueError as exc:
        raise UsageError(f"设置有误 bad setting: {exc}") from None
    setup_logging(settings)
    if settings is not None and ctx.invoked_subcommand not in NO_DATABASE:
        ensure_data_dir(settings)


def ensure_data_dir(settings: Settings) -> None:
    """The data directory exists before the first command that stores anything (a fresh machine's
    `subscribe add` creates it); a SQLite file the user put elsewhere is left to say what is missing."""
    from opcwatch.errors import sqlite_path

    path = sqlite_path(settings.database_url)
    if path is not None and path.parent == settings.data_dir:
        settings.data_dir.mkdir(parents=True, exist_ok=True)


def _parse_date(value: str | None, option: str) -> date | None:
    from models.filters import day

    return day(value, option) if value is not None else None


@app.command()
def init() -> None:
    """建立或升级数据库 Create or upgrade the database (Alembic) named by OPCWATCH_DATABASE_URL.

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
    alert_mode: Annotated[str, typer.Option(help="提醒方式 instant / digest / silent")] = "instant",
    resume: Annotated[str | None, typer.Option(
        "--resume", metavar="RUN_ID", help="接续中断的运行 Finish a failed or abandoned run: the stages it had left.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """运行一轮 One cycle over the registry: crawl, parse, diff, alert.

    退出码 Exit: 0 all sources ok · 1 some sources or channels failed · 3 every source failed.

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
    with progress_reporter(enabled=not as_json and progress_console.is_terminal) as report:
        try:
            plan, result = resume_run(settings, run_id, progress=report)
        except ResumeError as exc:
            raise UsageError(str(exc)) from None
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
    since: Annotated[str, typer.Option(help="最早发布日期 Oldest publication date to collect, e.g. 2025-11-01.")],
    until: Annotated[str | None, typer.Option(help="最晚发布日期 Newest publication date (default: today).")] = None,
    source: SourceOpt = None,
    sources_file: RegistryOpt = None,
    max_pages: Annotated[int | None, typer.Option(help="每个栏目最多页数 Stop after this many list pages per list.")] = None,
    alert_mode: Annotated[str, typer.Option(help="提醒方式 digest (default) / silent / instant")] = "digest",
    as_json: JsonOpt = False,
) -> None:
    """补抓历史 Crawl deeper into the lists for a date range; by default subscribers get one digest.

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
    from opcwatch.stages.cycle import run_cycle

    settings = settings_from_env()
    if registry_extra:
        settings = settings.with_(registry_paths=(*settings.registry_paths, *registry_extra))
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with progress_reporter(enabled=not as_json and progress_console.is_terminal) as report:
        try:
            result = run_cycle(
                settings, kind=kind, source_ids=sources or None, since=since, until=until,
                max_pages=max_pages, alert_mode=alert_mode, progress=report,
            )
        except ValueError as exc:  # an unknown source id or alert mode (a broken registry: errors.py)
            if type(exc) is not ValueError:
                raise
            raise UsageError(str(exc)) from None
    if as_json:
        _print_json(result.to_json())
    else:
        print_cycle(settings, result)
    raise_for_outcome(result.to_json())


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="网页或文本文件，- 为标准输入 An HTML or .txt file, or - for standard input.")],
    url: Annotated[str, typer.Option(help="页面网址 The page's URL (names the record).")] = "https://example.invalid/page",
    published: Annotated[str | None, typer.Option(help="发布日期 Publication date for plain text, YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json/--no-json", help=(
        "输出 JSON 记录（默认）或可读摘要 Print the JSON record (default) or a readable summary."))] = True,
) -> None:
    """解析一个页面 Parse one page into the shared schema and print the record (for adding a source).

    Example: `opcwatch parse page.html --url https://www.jiangsu.gov.cn/art/2026/1/19/art_46144_1.html`

    Example: `curl -s https://www.sipac.gov.cn/x.shtml | opcwatch parse - --no-json`
    """
    import sys

    from parsers import parse_document, parse_text
    from parsers.schema import ParseError

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取 cannot read {file}: {exc.strerror}", "check the path") from None
    day = _parse_date(published, "--published")
    if not looks_like_text(data):
        where = "标准输入 standard input" if file == "-" else file
        raise NothingWorked(f"无法解析 cannot parse {where}: 不是网页或文本 not a web page or text "
                            f"({len(data)} bytes)", "give an HTML page or a UTF-8/GBK text file")
    head = data[:2048].lstrip().lower()
    is_html = head.startswith((b"<", b"\xef\xbb\xbf<")) or b"<html" in head or b"<body" in head
    try:
        if file.endswith(".txt") or (file == "-" and not is_html):
            record = parse_text(_decode_text(data), url=url, published=day)
        else:
            record = parse_document(data, url=url, source_id="manual",
                                    list_meta={"date": day.isoformat()} if day else None)
    except ParseError as exc:
        raise NothingWorked(f"无法解析 cannot parse {file}: {exc}") from None
    if as_json:
        _print_json(record.model_dump(mode="json"))
    else:
        from opcwatch.policy_view import print_record

        print_record(record.model_dump(mode="json"))


def looks_like_text(data: bytes) -> bool:
    """An HTML page or text in any of the encodings users save: no NUL bytes and almost no
    control characters (random bytes decode as GB18030 'text', so decoding alone cannot tell)."""
    if not data.strip() or b"\x00" in data:
        return False
    controls = sum(1 for byte in data if byte < 0x20 and byte not in (9, 10, 12, 13, 27))
    return controls <= max(2, len(data) // 200)


@app.command()
def demo(
    data_dir: Annotated[Path, typer.Option(help="演示数据目录 Where the demo keeps its SQLite file and outbox.")] = Path(
        "var/demo"
    ),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=(
        "完整表格 Full tables: every source, page and change event (default: about 60 lines)."))] = False,
) -> None:
    """离线演示 Offline demo on sample pages: serve a replica of www.jiangsu.gov.cn, run day 1, then day 2.

    Example: `opcwatch demo` (any OPCWATCH_ALERT_URLS you set also receive the alerts)
    """
    from opcwatch.demo import run_demo

    run_demo(settings_from_env(), data_dir, verbose=verbose)


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
