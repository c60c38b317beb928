"""`opcwatch sources add URL`: a registry entry from one list-page URL (crawlers/discover_run.py).

Thin: settings and options in, the discovery's report out. Without ``--out`` the entry is
printed as a registry file (the report as ``#`` comments), so ``… > my.yml`` works too.
Failures are one line on stderr, exit status 2 for a wrong argument (bad URL, unknown region, id
taken) and 3 when the site gives no list; nothing is written then.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from crawlers.discover_run import Discovery

SHOWN_ITEMS = 5


def sources_add(
    url: Annotated[str, typer.Argument(help="栏目列表页 A list (column) page of the site, e.g. https://gxt.jiangsu.gov.cn/col/col89736/index.html")],
    source_id: Annotated[str | None, typer.Option("--id", help="来源编号 Source id (default: from the host, e.g. nanjing_gov).")] = None,
    name: Annotated[str | None, typer.Option(help="来源名称 Source name (default: the page's SiteName / <title>).")] = None,
    region: Annotated[str | None, typer.Option(help="地区 Region code or name, e.g. 320500 or 苏州 (default: from the page's name).")] = None,
    out: Annotated[Path | None, typer.Option(help="写入的登记文件 Registry file to add the entry to (created if missing); use it with --sources.")] = None,
    timeout: Annotated[float, typer.Option(help="每次请求秒数 Seconds per request.")] = 10.0,
) -> None:
    """添加来源 Recognise a list page's CMS family, write its registry entry and dry-run it.

    Reads the family's parameters off the page (Hanweb columnid/unitid/webid, JPaaS queryData,
    TrueCMS columnId, intertid siteId …), validates the entry, reads the first list page as the
    crawler would and prints the first items and the number of records the list claims.
    OPCWATCH_HOST_MAP routes real hosts to local replicas.

    Example: `opcwatch sources add https://gxt.jiangsu.gov.cn/col/col89736/index.html --out my.yml`
    """
    from crawlers.discover import DiscoveryError
    from crawlers.discover_entry import append_entry, dump, known_ids
    from crawlers.discover_fetch import Fetcher
    from crawlers.discover_run import discover_source
    from opcwatch.settings import Settings

    settings = Settings.from_env()
    target = out.expanduser().absolute() if out else None
    try:
        taken = known_ids([*settings.registry_paths, *([target] if target else [])])
        fetcher = Fetcher(settings.host_map, timeout=timeout, user_agent=settings.user_agent)
        found = discover_source(url, fetcher, taken=taken, source_id=source_id, name=name, region=region)
        if target is not None:
            append_entry(target, found.entry)
    except DiscoveryError as exc:
        typer.echo(f"错误 error: {exc}", err=True)
        raise typer.Exit(2 if exc.usage else 3) from None  # a wrong argument, or a site with no list
    mark = "" if target else "# "
    for line in report(found):
        typer.echo(f"{mark}{line}")
    if target is None:
        typer.echo(dump([found.entry]), nl=False)
        return
    typer.echo(f"已写入 written: source {found.source.id} → {target}")
    typer.echo(f"  opcwatch run --sources {target} --source {found.source.id}")


def report(found: Discovery) -> list[str]:
    """What was recognised, the facts read off the page, and the dry run's first items."""
    facts = " · ".join(f"{k} {v}" for k, v in found.finding.facts.items() if v not in (None, ""))
    dry = found.dry
    claim = f"; the list claims {dry.claim}" if dry.claim else ""
    lines = [
        f"识别 recognised: {found.finding.family} — {found.finding.what}",
        f"来源 source: {found.source.id} · {found.source.name} · region {found.source.region_code} · "
        f"hosts {', '.join(found.source.hosts)}",
    ]
    if facts:
        lines.append(f"页面参数 read off the page: {facts}")
    lines.append(f"试运行 dry run: {len(dry.items)} items on the first list page "
                 f"({found.on_site} on the site's hosts){claim}")
    for item in dry.items[:SHOWN_ITEMS]:
        lines.append(f"  {item.day.isoformat() if item.day else '(no date)':<10}  {item.title}")
    lines += [f"注意 note: {note}" for note in dry.notes]
    return lines
