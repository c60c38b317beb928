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
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
from twisted.internet import defer

from crawlers.registry import Source, sources_by_id
from crawlers.spiders import spider_for_family

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
    args = parser.parse_args(argv)

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    settings = get_project_settings()
    registry = sources_by_id([Path(p) for p in settings.getlist("SOURCE_REGISTRY_PATHS")])
    unknown = [s for s in args.sources if s not in registry]
    if unknown:
        print(f"unknown source(s): {', '.join(unknown)}", file=sys.stderr)
        return 2

    process = CrawlerProcess(settings)
    crawlers: dict[str, Any] = {}
    kwargs = {"run_id": args.run_id, "since": args.since, "until": args.until,
              "max_pages": args.max_pages, "now": args.now}

    # Scrapy keeps one download slot per host *per crawler*: two sources on one host crawled side
    # by side would hit it twice as often. Sources sharing a host run one after the other;
    # unrelated chains run in parallel.
    @defer.inlineCallbacks
    def run_chain(chain: list[str]):  # type: ignore[no-untyped-def]
        for sid in chain:
            try:
                # Created when it starts: the first crawler created installs the reactor, and
                # it must be the first one crawled.
                crawlers[sid] = process.create_crawler(spider_for_family(registry[sid].family))
                yield process.crawl(crawlers[sid], source=sid, **kwargs)
            except Exception:  # one source's crash must not stop the sources after it
                log.exception("crawl of source %s failed", sid)

    done = defer.DeferredList(
        [run_chain(chain) for chain in host_chains(args.sources, registry)], consumeErrors=True
    )
    done.addBoth(process._stop_reactor)  # what start(stop_after_crawl=True) does after join()
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
