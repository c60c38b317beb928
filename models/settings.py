"""The one place that reads the environment.

Every other module receives a :class:`Settings` instance as an argument, so tests and the
Airflow tasks can run the same code with different configuration without touching
``os.environ``.

It lives in models/, the lowest layer that needs it (crawlers/ and alerts/ build on models/,
see docs/architecture.md), so no layer imports upwards to read its configuration; the CLI,
stages and DAGs keep importing it as ``opcwatch.settings``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

PREFIX = "OPCWATCH_"
# The checkout (or site-packages) holding the top-level packages.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A directory: every crawlers/sources/*.yml, in name order (crawlers/registry.py).
DEFAULT_REGISTRY = PROJECT_ROOT / "crawlers" / "sources"


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.replace("\n", ",").split(",") if part.strip())


def _parse_host_map(value: str | None) -> dict[str, str]:
    """``www.jiangsu.gov.cn=http://127.0.0.1:8765,...`` -> {host: base_url}."""
    mapping: dict[str, str] = {}
    for item in _split(value):
        host, sep, base = item.partition("=")
        if not sep or not host or not base:
            raise ValueError(f"{PREFIX}HOST_MAP entry must look like host=http://127.0.0.1:PORT, got {item!r}")
        mapping[host.strip().lower()] = base.strip().rstrip("/")
    return mapping


def _flag(name: str, value: str | None, default: bool) -> bool:
    """``true/false``, ``1/0``, ``yes/no``, ``on/off`` (any case); unset or empty = ``default``."""
    if value is None or not value.strip():
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{PREFIX}{name} must be true or false, got {value!r}")


def absolute_sqlite_url(url: str) -> str:
    """``sqlite:///var/x.db`` (relative to the working directory) as an absolute SQLite URL;
    other URLs (PostgreSQL, ``sqlite://`` in memory, already absolute paths) unchanged."""
    prefix, sep, rest = url.partition(":///")
    if not sep or not prefix.startswith("sqlite") or rest.startswith("/") or not rest or rest.startswith(":memory:"):
        return url
    path, query_sep, query = rest.partition("?")
    if path.startswith("file:"):  # a URI filename (sqlite:///file:x.db?uri=true) is left to SQLite
        return url
    return f"{prefix}:///{Path(path).expanduser().absolute()}{query_sep}{query}"


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Build it with :meth:`from_env`, or directly in tests."""

    data_dir: Path
    database_url: str
    registry_paths: tuple[Path, ...] = (DEFAULT_REGISTRY,)
    # Routes requests for a real host to a local replica (offline demo, tests). Empty in production.
    host_map: Mapping[str, str] = field(default_factory=dict)
    # Extra Apprise URLs every alert run also delivers to (the demo's "any URL the user configured").
    alert_urls: tuple[str, ...] = ()
    outbox_path: Path | None = None
    user_agent: str = "opcwatch/0.1 (+https://github.com/opcwatch/opcwatch; policy monitoring)"
    download_delay: float = 0.5
    obey_robots: bool = True
    # One page that never answers holds its host for http_timeout x (1 + http_retries) seconds.
    http_timeout: float = 15.0
    http_retries: int = 1
    # Wall-clock seconds one source may crawl before it is stopped (health `truncated`); 0 = no bound.
    source_time_budget: float = 1200.0
    # Across processes (crawlers/host_lease.py): a host lease lasts this long unless renewed
    # (a dead holder blocks its hosts at most this long); a run waits at most host_lease_wait
    # seconds for a busy host; another run's successful crawl of a source that ended less than
    # source_interval minutes ago (or while this run was under way) makes this run skip it.
    host_lease_seconds: float = 120.0
    host_lease_wait: float = 1800.0
    source_interval: float = 0.0
    # A run whose process cannot be checked (another machine, Airflow) is abandoned when its
    # heartbeat is older than this (opcwatch/stages/run_liveness.py).
    run_lease_seconds: float = 3600.0
    log_level: str = "INFO"
    # Hours between re-checks of a known page (crawlers/revisit.py): OPC-relevant / other.
    revisit_opc_hours: float = 12.0
    revisit_other_hours: float = 336.0
    # Days before an application notice's deadline that subscribers get a reminder.
    deadline_reminder_days: int = 3
    # Alert sending (alerts/dispatch.py): threads sending at once, at most delivery_per_host of
    # them to one channel host; a failed send waits delivery_backoff_seconds x 2^(attempts-1);
    # a claimed row not recorded within delivery_lease_seconds is sent again by a later sweep.
    # 32 threads: a sender mostly waits on the channel (at 50 ms a reply, 16 threads cap a run
    # near 300 messages a second before any other cost); idle threads cost little memory.
    delivery_workers: int = 32
    delivery_per_host: int = 2
    delivery_backoff_seconds: float = 60.0
    delivery_lease_seconds: float = 600.0
    # Airflow: a source blocked (WAF, anti-bot) or whose layout changed fails the DAG run's
    # `health` task (red in the UI); False only logs a warning and lists them in its XCom.
    health_fails_run: bool = True
    # `opcwatch serve`: with a token set, the web page lets whoever logs in with it manage
    # subscriptions; without one the page is read-only. A secret: never printed, not in to_env().
    web_token: str | None = field(default=None, repr=False)
    # The page is reached over HTTPS (a TLS proxy in front of `opcwatch serve`): the session
    # cookie is then Secure (never sent over plain HTTP) and browsers are told to stay on HTTPS.
    web_https: bool = False

    def __post_init__(self) -> None:
        # Relative paths mean the user's working directory: made absolute once, here, because
        # the crawl subprocess runs elsewhere (the repository) and a relative SQLite file there
        # would be a second, empty database.
        object.__setattr__(self, "registry_paths", tuple(Path(p).expanduser().absolute() for p in self.registry_paths))
        object.__setattr__(self, "database_url", absolute_sqlite_url(self.database_url))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ

        def get(name: str, default: str | None = None) -> str | None:
            return env.get(PREFIX + name, default)

        data_dir = Path(get("DATA_DIR") or Path.cwd() / "var").expanduser().resolve()
        database_url = get("DATABASE_URL") or f"sqlite:///{data_dir / 'opcwatch.db'}"
        registries = tuple(Path(p).expanduser() for p in _split(get("SOURCES")))
        outbox = get("OUTBOX")
        return cls(
            data_dir=data_dir,
            database_url=database_url,
            registry_paths=(DEFAULT_REGISTRY, *registries),
            host_map=_parse_host_map(get("HOST_MAP")),
            alert_urls=_split(get("ALERT_URLS")),
            outbox_path=Path(outbox).expanduser() if outbox else None,
            user_agent=get("USER_AGENT") or cls.user_agent,
            download_delay=float(get("DOWNLOAD_DELAY") or cls.download_delay),
            obey_robots=(get("OBEY_ROBOTS") or "1").lower() not in {"0", "false", "no"},
            http_timeout=float(get("HTTP_TIMEOUT") or cls.http_timeout),
            http_retries=int(get("HTTP_RETRIES") or cls.http_retries),
            source_time_budget=float(get("SOURCE_TIME_BUDGET") or cls.source_time_budget),
            host_lease_seconds=float(get("HOST_LEASE_SECONDS") or cls.host_lease_seconds),
            host_lease_wait=float(get("HOST_LEASE_WAIT") or cls.host_lease_wait),
            source_interval=float(get("SOURCE_INTERVAL") or cls.source_interval),
            run_lease_seconds=float(get("RUN_LEASE_SECONDS") or cls.run_lease_seconds),
            log_level=(get("LOG_LEVEL") or "INFO").upper(),
            revisit_opc_hours=float(get("REVISIT_OPC_HOURS") or cls.revisit_opc_hours),
            revisit_other_hours=float(get("REVISIT_OTHER_HOURS") or cls.revisit_other_hours),
            deadline_reminder_days=int(get("DEADLINE_REMINDER_DAYS") or cls.deadline_reminder_days),
            delivery_workers=max(1, int(get("DELIVERY_WORKERS") or cls.delivery_workers)),
            delivery_per_host=max(1, int(get("DELIVERY_PER_HOST") or cls.delivery_per_host)),
            delivery_backoff_seconds=float(get("DELIVERY_BACKOFF_SECONDS") or cls.delivery_backoff_seconds),
            delivery_lease_seconds=float(get("DELIVERY_LEASE_SECONDS") or cls.delivery_lease_seconds),
            health_fails_run=_flag("HEALTH_FAILS_RUN", get("HEALTH_FAILS_RUN"), cls.health_fails_run),
            web_token=(get("WEB_TOKEN") or "").strip() or None,
            web_https=_flag("WEB_HTTPS", get("WEB_HTTPS"), cls.web_https),
        )

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (tests, the demo)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        """The environment that reproduces these settings in a subprocess (the crawl)."""
        env = {
            PREFIX + "DATA_DIR": str(self.data_dir),
            PREFIX + "DATABASE_URL": self.database_url,
            PREFIX + "HOST_MAP": ",".join(f"{h}={b}" for h, b in self.host_map.items()),
            PREFIX + "ALERT_URLS": ",".join(self.alert_urls),
            PREFIX + "USER_AGENT": self.user_agent,
            PREFIX + "DOWNLOAD_DELAY": str(self.download_delay),
            PREFIX + "OBEY_ROBOTS": "1" if self.obey_robots else "0",
            PREFIX + "HTTP_TIMEOUT": str(self.http_timeout),
            PREFIX + "HTTP_RETRIES": str(self.http_retries),
            PREFIX + "SOURCE_TIME_BUDGET": str(self.source_time_budget),
            PREFIX + "HOST_LEASE_SECONDS": str(self.host_lease_seconds),
            PREFIX + "HOST_LEASE_WAIT": str(self.host_lease_wait),
            PREFIX + "SOURCE_INTERVAL": str(self.source_interval),
            PREFIX + "RUN_LEASE_SECONDS": str(self.run_lease_seconds),
            PREFIX + "LOG_LEVEL": self.log_level,
            PREFIX + "REVISIT_OPC_HOURS": str(self.revisit_opc_hours),
            PREFIX + "REVISIT_OTHER_HOURS": str(self.revisit_other_hours),
            PREFIX + "DEADLINE_REMINDER_DAYS": str(self.deadline_reminder_days),
            PREFIX + "DELIVERY_WORKERS": str(self.delivery_workers),
            PREFIX + "DELIVERY_PER_HOST": str(self.delivery_per_host),
            PREFIX + "DELIVERY_BACKOFF_SECONDS": str(self.delivery_backoff_seconds),
            PREFIX + "DELIVERY_LEASE_SECONDS": str(self.delivery_lease_seconds),
            PREFIX + "HEALTH_FAILS_RUN": "true" if self.health_fails_run else "false",
        }
        extra = [str(p) for p in self.registry_paths if p != DEFAULT_REGISTRY]
        if extra:
            env[PREFIX + "SOURCES"] = ",".join(extra)
        if self.outbox_path:
            env[PREFIX + "OUTBOX"] = str(self.outbox_path)
        return env

    @property
    def default_outbox(self) -> Path:
        return self.outbox_path or self.data_dir / "outbox.md"
