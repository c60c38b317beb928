"""``python -m replicas --day 1``: serve every replica site until Ctrl-C.

Prints the ``OPCWATCH_HOST_MAP=...`` line to export in another shell so that opcwatch crawls
the replicas instead of the real sites.
"""

from __future__ import annotations

import argparse
import threading

from replicas.fleet import ReplicaFleet, app_names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m replicas", description=__doc__)
    parser.add_argument("--day", type=int, default=1, choices=(1, 2), help="which day of the sites to serve")
    parser.add_argument("--site", action="append", dest="sites", choices=app_names(),
                        help="serve only this site (repeatable; default: all)")
    args = parser.parse_args(argv)
    with ReplicaFleet(day=args.day, sites=args.sites) as fleet:
        for name, server in fleet.servers.items():
            print(f"{name:<16} {server.base_url}  {' '.join(server.app.hosts)}", flush=True)
        host_map = ",".join(f"{host}={base}" for host, base in fleet.host_map.items())
        print(f"day {fleet.day}; export this to crawl the replicas:", flush=True)
        print(f"OPCWATCH_HOST_MAP={host_map}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
