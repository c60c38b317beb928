"""Every replica site at once: one :class:`ReplicaServer` per app module, merged host map.

``with ReplicaFleet(day=1) as fleet:`` serves each ``replicas/apps/<name>.py`` on its
own 127.0.0.1 port; ``fleet.host_map`` routes all their hosts, ``fleet.covered_sources(...)``
says which registry sources can be crawled offline.
"""

from __future__ import annotations

import pkgutil
import threading
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any

from replicas import apps
from replicas.server import ReplicaServer


def app_names() -> list[str]:
    """The site apps available (module names under replicas/apps), sorted."""
    return sorted(m.name for m in pkgutil.iter_modules(apps.__path__) if not m.name.startswith("_"))


class ReplicaFleet:
    """All (or the named) replica sites, each on its own port. A context manager."""

    def __init__(
        self, day: int = 1, sites: Sequence[str] | None = None, ports: Mapping[str, int] | None = None
    ) -> None:
        """``ports``: the port of some sites (by app name); the others get a free port."""
        names = list(sites) if sites is not None else app_names()
        unknown = sorted(set(names) - set(app_names()))
        if unknown:
            raise ValueError(f"no replica app {', '.join(unknown)}; known: {', '.join(app_names())}")
        self.servers: dict[str, ReplicaServer] = {}
        try:
            for name in names:
                self.servers[name] = ReplicaServer(day=day, site=name, port=(ports or {}).get(name, 0))
        except OSError as exc:  # a port in use: release the ones already bound, say which site
            for server in self.servers.values():
                server.stop()
            raise OSError(f"replica {name} cannot listen on port {(ports or {}).get(name, 0)}: {exc}") from exc
        self._day = day
        self.host_map: dict[str, str] = {}
        for name, server in self.servers.items():
            clash = set(server.host_map) & set(self.host_map)
            if clash:
                raise ValueError(f"replica app {name} serves hosts another app serves: {sorted(clash)}")
            self.host_map.update(server.host_map)

    @property
    def day(self) -> int:
        return self._day

    @property
    def request_count(self) -> int:
        return sum(s.request_count for s in self.servers.values())

    @property
    def requests(self) -> list[tuple[str, str, str, int]]:
        """(site, method, path with query, status) of every request, site by site."""
        return [(name, *r) for name, s in self.servers.items() for r in list(s.requests)]

    def set_day(self, day: int) -> None:
        for server in self.servers.values():
            server.set_day(day)
        self._day = day

    def covered_sources(self, sources: Iterable[Any]) -> list[str]:
        """Ids of the registry sources whose hosts are all served here (the ones to crawl offline)."""
        return [s.id for s in sources if all(h in self.host_map for h in s.hosts)]

    def start(self) -> ReplicaFleet:
        for server in self.servers.values():
            server.start()
        return self

    def stop(self) -> None:
        # Each server's shutdown waits for its poll loop (up to 0.5 s): stop them all at once, so
        # a fleet of dozens of sites stops in half a second, not in dozens of half seconds.
        threads = [threading.Thread(target=server.stop, daemon=True) for server in self.servers.values()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def __enter__(self) -> ReplicaFleet:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
