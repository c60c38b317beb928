"""``python -m crawlers.crawl_main``: one crawl process for one or more sources.

Run by :func:`crawlers.runner.crawl` in a subprocess (the Twisted reactor cannot restart within
a process). Settings arrive through the environment (``OPCWATCH_*``, read by
:class:`opcwatch.settings.Settings` in ``crawlers.settings``). Writes the Scrapy stats of each
source as JSON to ``--stats-file`` so the caller can report request counts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawlers.registry import sources_by_id
from crawlers.spiders import spider_for_family


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
    crawlers = {}
    for source_id in args.sources:
        spider_cls = spider_for_family(registry[source_id].family)
        crawler = process.create_crawler(spider_cls)
        crawlers[source_id] = crawler
        process.crawl(
            crawler,
            source=source_id,
            run_id=args.run_id,
            since=args.since,
            until=args.until,
            max_pages=args.max_pages,
            now=args.now,
        )
    process.start()

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
