"""``python -m replicas --day 1``: serve every replica site until Ctrl-C.

Prints the ``OPCWATCH_HOST_MAP=...`` line to export in another shell so that opcwatch crawls
the replicas instead of the real sites.

``--port 18000`` serves the sites on fixed ports (18000, 18001, ... in app-name order) instead
of free ones. ``--host-map-file var/replicas.env`` writes that line to a file and, when the file
is already there, serves every site on the port it had: restarting the fleet keeps the host map,
so a shell, ``make airflow`` or a bench that read the file once stay right
(``set -a; . var/replicas.env; set +a``).
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from replicas.fleet import ReplicaFleet, app_names
from replicas.server import make_site_app

VARIABLE = "OPCWATCH_HOST_MAP"


def read_host_map(path: Path) -> dict[str, str]:
    """{host: base url} from a file holding an ``OPCWATCH_HOST_MAP=host=url,...`` line."""
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name == VARIABLE:
            pairs = (item.partition("=") for item in value.strip().strip("'\"").split(",") if item.strip())
            return {host.strip().lower(): base.strip() for host, _, base in pairs}
    return {}


def write_host_map(path: Path, host_map: Mapping[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    line = ",".join(f"{host}={base}" for host, base in host_map.items())
    path.write_text(f"# written by python -m replicas; read with: set -a; . {path}; set +a\n{VARIABLE}={line}\n",
                    encoding="utf-8")


def ports_for(sites: list[str], base_port: int | None, known: Mapping[str, str]) -> dict[str, int]:
    """Each site's port: the one ``known`` (a previous host map) gives its hosts, else
    ``base_port`` + its position, else none (a free port)."""
    ports = {name: base_port + i for i, name in enumerate(sites)} if base_port else {}
    for name in sites:
        bases = {known[h] for h in make_site_app(name, 1).hosts if h in known}
        if len(bases) == 1 and (port := urlsplit(bases.pop()).port):
            ports[name] = port
    return ports


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m replicas", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--day", type=int, default=1, choices=(1, 2), help="which day of the sites to serve")
    parser.add_argument("--site", action="append", dest="sites", choices=app_names(),
                        help="serve only this site (repeatable; default: all)")
    parser.add_argument("--port", type=int, help="first of consecutive fixed ports (default: free ports)")
    parser.add_argument("--host-map-file", type=Path,
                        help="keep the host map in this file: reuse its ports, write the map back")
    args = parser.parse_args(argv)
    sites = args.sites or app_names()
    known = read_host_map(args.host_map_file) if args.host_map_file and args.host_map_file.exists() else {}
    with ReplicaFleet(day=args.day, sites=sites, ports=ports_for(sites, args.port, known)) as fleet:
        for name, server in fleet.servers.items():
            print(f"{name:<16} {server.base_url}  {' '.join(server.app.hosts)}", flush=True)
        if args.host_map_file:
            write_host_map(args.host_map_file, fleet.host_map)
            print(f"host map written to {args.host_map_file}", flush=True)
        host_map = ",".join(f"{host}={base}" for host, base in fleet.host_map.items())
        print(f"day {fleet.day}; export this to crawl the replicas:", flush=True)
        print(f"{VARIABLE}={host_map}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
