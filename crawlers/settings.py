"""Scrapy settings of the opcwatch crawl, derived from :class:`opcwatch.settings.Settings`.

Politeness first: robots.txt, one request at a time per host, a delay, AutoThrottle, an
identifying User-Agent. TLS verification is left at Scrapy's default on purpose.
"""

from __future__ import annotations

from models.settings import Settings

_settings = Settings.from_env()

BOT_NAME = "opcwatch"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

USER_AGENT = _settings.user_agent
ROBOTSTXT_OBEY = _settings.obey_robots
LOG_LEVEL = _settings.log_level
TELNETCONSOLE_ENABLED = False

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = _settings.download_delay
AUTOTHROTTLE_ENABLED = True
# Start at the configured delay (Scrapy's default start of 5 s would dominate a short cycle).
AUTOTHROTTLE_START_DELAY = _settings.download_delay
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Short, so one page that never answers holds its host (one request at a time) for at most
# timeout x (1 + retries) seconds: 15 s x 2 by default, not 30 s x 3.
DOWNLOAD_TIMEOUT = _settings.http_timeout
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = _settings.http_retries
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = True

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100): a request off the registry's hosts is dropped unseen.
    "crawlers.middlewares.OffsiteGuardMiddleware": 60,
    # Adds If-None-Match / If-Modified-Since from fetch_state to detail requests.
    "crawlers.middlewares.ConditionalGetMiddleware": 560,
    # Just before HttpCompressionMiddleware (590), so its process_response runs after it: unpacks
    # gzip sent without Content-Encoding and re-reads bodies whose UTF-8 label the bytes contradict.
    "crawlers.middlewares.BodyQuirksMiddleware": 580,
    # Last position: the only place a real URL becomes a replica URL (and back on the response).
    "crawlers.middlewares.HostMapMiddleware": 990,
}
ITEM_PIPELINES = {"crawlers.storage.RawPageStorePipeline": 300}
# The wall-clock bound of one source's crawl (crawlers/time_budget.py).
EXTENSIONS = {"crawlers.time_budget.TimeBudget": 500}
SOURCE_TIME_BUDGET = _settings.source_time_budget
# Host leases across processes (crawlers/host_lease.py, crawlers/crawl_gate.py).
HOST_LEASE_SECONDS = _settings.host_lease_seconds
HOST_LEASE_WAIT = _settings.host_lease_wait
SOURCE_INTERVAL = _settings.source_interval

# The store and the routing table come from opcwatch settings, not from Scrapy's own.
STORE_DATABASE_URL = _settings.database_url
REPLICA_HOST_MAP = dict(_settings.host_map)
SOURCE_REGISTRY_PATHS = [str(p) for p in _settings.registry_paths]
# Revisit policy defaults (crawlers/revisit.py); a registry entry's `revisit:` overrides them.
REVISIT_OPC_HOURS = _settings.revisit_opc_hours
REVISIT_OTHER_HOURS = _settings.revisit_other_hours
