"""``python -m opcwatch.replica --day 1 --port 8765``: serve the replica until Ctrl-C."""

from __future__ import annotations

import argparse
import threading

from opcwatch.replica.server import ReplicaServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m opcwatch.replica", description=__doc__)
    parser.add_argument("--day", type=int, default=1, choices=(1, 2), help="which day of the site to serve")
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0 = any free port)")
    args = parser.parse_args(argv)
    with ReplicaServer(day=args.day, port=args.port) as replica:
        host_map = ",".join(f"{host}={base}" for host, base in replica.host_map.items())
        print(f"replica of www.jiangsu.gov.cn, day {replica.day}, at {replica.base_url}", flush=True)
        print(f"OPCWATCH_HOST_MAP={host_map}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
