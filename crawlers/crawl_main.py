"""``python -m crawlers.crawl_main``: one crawl process for one or more sources.

Run by :func:`crawlers.runner.crawl` in a subprocess (the Twisted reactor cannot restart within
a process). Settings arrive through the environment (``OPCWATCH_*``, read by
:class:`opcwatch.settings.Settings` in ``crawlers.settings``). Writes the Scrapy stats of each
source as JSON to ``--stats-file`` so the caller can report request counts.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
from scrapy.utils.reactor import install_reactor
from twisted.internet import defer, task

from crawlers.crawl_gate import STOPPED_ORPHAN, CrawlGate
from crawlers.registry import Source, sources_by_id
from crawlers.spiders import spider_for_family
from crawlers.storage import ensure_sqlite_dir, write_health

log = logging.getLogger(__name__)


def host_chains(source_ids: Sequence[str], registry: Mapping[str, Source]) -> list[list[str]]:
    """Sources grouped so that any two sharing a host are in one group, in the given order."""
    groups: list[tuple[set[str], list[str]]] = []
    for sid in dict.fromkeys(source_ids):
        hosts = set(registry[sid].hosts)
        touching = [g for g in groups if g[0] & hosts]
        merged_hosts, merged = set(hosts), []
        for g in touching:
            merged_hosts |= g[0]
            merged += g[1]
            groups.remove(g)
        groups.append((merged_hosts, [*merged, sid]))
    return [chain for _, chain in groups]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawlers.crawl_main")
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--source", action="append", required=True, dest="sources")
    parser.add_argument("--since")
    parser.add_argument("--until")
    parser.add_argument("--max-pages", type=int)
    parser.add_argument("--now", help="the run's clock, ISO 8601 with offset (default: now)")
    parser.add_argument("--stats-file", type=Path)
    parser.add_argument("--began", help="wall-clock start of the run's crawl stage, ISO 8601 (default: now)")
    args = parser.parse_args(argv)

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    settings = get_project_settings()
    registry = sources_by_id([Path(p) for p in settings.getlist("SOURCE_REGISTRY_PATHS")])
    unknown = [s for s in args.sources if s not in registry]
    if unknown:
        print(f"unknown source(s): {', '.join(unknown)}", file=sys.stderr)
        return 2

    # The reactor Scrapy wants, installed before anything here touches twisted.internet.reactor
    # (the lease timers below); the first crawler then finds it in place.
    install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    process = CrawlerProcess(settings)
    crawlers: dict[str, Any] = {}
    kwargs = {"run_id": args.run_id, "since": args.since, "until": args.until,
              "max_pages": args.max_pages, "now": args.now}
    run_clock = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    database_url = settings.get("STORE_DATABASE_URL")
    ensure_sqlite_dir(database_url)
    gate = CrawlGate(
        database_url, args.run_id,
        deep=bool(args.since or args.until or args.max_pages),
        covers_present=args.until is None or date.fromisoformat(args.until) >= run_clock.date(),
        lease_seconds=settings.getfloat("HOST_LEASE_SECONDS"), max_wait=settings.getfloat("HOST_LEASE_WAIT"),
        interval_minutes=settings.getfloat("SOURCE_INTERVAL"),
        began=datetime.fromisoformat(args.began) if args.began else None,
    )

    # Scrapy keeps one download slot per host *per crawler*: two sources on one host crawled side
    # by side would hit it twice as often. Sources sharing a host run one after the other;
    # unrelated chains run in parallel. Across processes, the host leases do the same.
    @defer.inlineCallbacks
    def run_chain(chain: list[str]):  # type: ignore[no-untyped-def]
        for sid in chain:
            if gate.stopping:
                break
            source_skipped = yield gate.enter(registry[sid])
            if source_skipped is not None:
                log.info("source %s: skipped: %s", sid, source_skipped["message"])
                write_health(database_url, args.run_id, sid, source_skipped, run_clock)
                continue
            try:
                # Created when it starts: the first crawler created installs the reactor, and
                # it must be the first one crawled.
                crawlers[sid] = process.create_crawler(spider_for_family(registry[sid].family))
                yield process.crawl(crawlers[sid], source=sid, **kwargs)
            except Exception:  # one source's crash must not stop the sources after it
                log.exception("crawl of source %s failed", sid)
            finally:
                gate.leave(registry[sid])

    def heartbeat() -> None:
        if not gate.heartbeat():  # the run that started this crawl was killed: stop, do not orphan
            log.error("the process that started this crawl is gone; stopping")
            heartbeat_loop.stop()
            for crawler in list(process.crawlers):
                if crawler.spider is not None:  # its health says truncated, and why
                    crawler.spider.cut_short = STOPPED_ORPHAN  # type: ignore[attr-defined]
            process.stop()

    heartbeat_loop = task.LoopingCall(heartbeat)
    heartbeat_loop.start(gate.heartbeat_seconds, now=False)
    done = defer.DeferredList(
        [run_chain(chain) for chain in host_chains(args.sources, registry)], consumeErrors=True
    )
    done.addBoth(lambda result: heartbeat_loop.stop() if heartbeat_loop.running else None)
    # What start(stop_after_crawl=True) does after join(), but once the reactor runs: when every
    # source is skipped at once (another worker has just crawled them all) `done` fires before
    # the reactor starts, and a stop issued then is a no-op, leaving the process idle forever.
    from twisted.internet import reactor

    done.addBoth(lambda _: reactor.callWhenRunning(process._stop_reactor))
    process.start(stop_after_crawl=False)

    if args.stats_file:
        stats = {
            sid: {
                k: v
                for k, v in (c.stats.get_stats() if c.stats else {}).items()
                if isinstance(v, (int, float, str))
            }
            for sid, c in crawlers.items()
        }
        args.stats_file.write_text(json.dumps(stats, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
