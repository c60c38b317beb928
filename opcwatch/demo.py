"""`opcwatch demo`: the whole pipeline, offline, on sample pages, in two "days".

It serves the bundled replica sites (replicas/apps, each on its own 127.0.0.1 port),
routes the registry's real URLs to them, crawls the sources they cover, and runs two full
cycles on a fresh SQLite file: day 1 finds the policies, day 2 finds one new policy and one
raised amount. Day 2 re-checks the edited page although only seconds have passed: its column
page was regenerated (Last-Modified moved), which makes its OPC-relevant entries due at once
(crawlers/revisit.py). Alerts go through Apprise to a local outbox file
and to any OPCWATCH_ALERT_URLS the user configured.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from opcwatch.console import console, print_cycle, progress_console, progress_reporter
from opcwatch.settings import Settings

BANNER = (
    "[bold]opcwatch 离线演示 offline demo[/bold]\n"
    "这些页面是示例页面（sample pages），按 www.jiangsu.gov.cn 的真实结构和公开报道的事实编写，"
    "在本机 127.0.0.1 上提供；不访问互联网。\n"
    "The pages are samples written after the real site's structure and the reported facts, "
    "served on 127.0.0.1; nothing touches the internet."
)


def demo_settings(base: Settings, data_dir: Path, host_map: dict[str, str]) -> Settings:
    """The embedded default (a SQLite file in data_dir) whatever OPCWATCH_DATABASE_URL says."""
    data_dir = data_dir.resolve()
    return base.with_(
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'opcwatch.db'}",
        host_map=host_map,
        outbox_path=data_dir / "outbox.md",
        download_delay=0.0,
    )


def print_accounting(settings: Settings, day: int, run_id: str) -> None:
    """Alerts sent against distinct policy-level changes: a policy alerted twice shows here."""
    from alerts.subscriptions import OUTBOX_NAME
    from models.db import session_scope
    from models.queries import alert_accounting

    with session_scope(settings.database_url) as session:
        counts = alert_accounting(session, run_id, OUTBOX_NAME)
    console.print(
        f"第 {day} 天：发出提醒 {counts['alerts']} 条，对应 {counts['policy_changes']} 个不同的政策级变化"
        f" — day {day}: {counts['alerts']} alerts sent for {counts['policy_changes']} distinct policy-level changes",
        soft_wrap=True,
    )


def run_demo(base: Settings, data_dir: Path, days: tuple[int, ...] = (1, 2), verbose: bool = False) -> list[str]:
    """Run the demo and return the run ids (one per day): about a dozen lines a day, or the full
    tables of every source, page and event with ``verbose``."""
    from crawlers.registry import load_registry
    from opcwatch.cycle_brief import print_brief
    from opcwatch.stages.cycle import run_cycle
    from replicas import ReplicaFleet

    if data_dir.exists():
        shutil.rmtree(data_dir)  # a demo always starts from an empty store
    data_dir.mkdir(parents=True)
    console.print(BANNER, soft_wrap=True)
    run_ids: list[str] = []
    with ReplicaFleet(day=days[0]) as fleet:
        settings = demo_settings(base, data_dir, fleet.host_map)
        sources = fleet.covered_sources(load_registry(settings.registry_paths))
        for day in days:
            fleet.set_day(day)
            console.rule(f"第 {day} 天 Day {day} — {len(fleet.servers)} replica sites, {len(sources)} sources")
            # The spinner only on a terminal (piped, it would print its last frame as lines).
            with progress_reporter(enabled=verbose or progress_console.is_terminal, transient=not verbose) as report:
                result = run_cycle(settings, kind="demo", source_ids=sources, now=datetime.now(UTC),
                                   progress=report)
            if verbose:
                print_cycle(settings, result)
            else:
                print_brief(settings, result)
            print_accounting(settings, day, result.run_id)
            run_ids.append(result.run_id)
    console.rule("完成 done")
    console.print(f"数据库 database: {settings.database_url}", soft_wrap=True)
    console.print(f"提醒收件箱 alert outbox (open it): {settings.default_outbox}", soft_wrap=True)
    if not verbose:
        console.print("全部表格 every table: opcwatch demo --verbose · 政策 policies: "
                      f"OPCWATCH_DATABASE_URL={settings.database_url} opcwatch policies list", soft_wrap=True)
    if base.alert_urls:
        console.print(f"另外发送到 also delivered to {len(base.alert_urls)} configured Apprise URL(s)")
    else:
        console.print("设置 OPCWATCH_ALERT_URLS（Apprise URL，如 dingtalk://… mailto://…）可同时推送到你的渠道。",
                      soft_wrap=True)
    return run_ids
