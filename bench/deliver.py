"""Measure the alert stage: deliveries per second to loopback webhooks, and peak memory.

    .venv/bin/python bench/deliver.py                      # SQLite, 1,000 subscriptions, 0 ms and 50 ms
    .venv/bin/python bench/deliver.py --database-url postgresql+psycopg://postgres@127.0.0.1/empty_db

Each phase starts from an empty database: 1,000 JSON-webhook subscriptions (spread over
``--endpoints`` loopback ports, i.e. distinct channel hosts, because a real service's
subscribers are distinct webhooks; the per-host concurrency limit applies to each port), then
``--events`` change events of one run, and times ``alerts.deliver.deliver`` for that run —
planning, claiming, rendering, sending and recording every ledger row. The receivers run in
a child process (their CPU is not this process's) and answer after the phase's latency.
They speak HTTP/1.1 with keep-alive, as a real webhook server does (nginx, any framework
behind one), so a sender may reuse its connections; each answer carries a Content-Length.

Apprise's plugin table is loaded before timing (a fixed start-up cost, not throughput).
Peak memory is this process's max RSS (getrusage) after both phases; "cpu ms" is this
process's CPU time per delivery (all its threads), the figure that moves least when other
work shares the machine; "recv ms" the receivers' CPU per request (they share the two cores). Figures come from one run on this machine and are printed as ratios
to the goals; nothing here asserts a threshold. The last line is one machine-readable summary:

    deliver rate: 0ms N/s (ratio R) 50ms M/s (ratio R2) memory K MiB
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOALS = {0: 1000.0, 50: 200.0}  # deliveries per second at that channel latency (ms)
MEMORY_GOAL_MIB = 200.0


def _receive(ports: list[int], latency: float, count: Any, ready: Any) -> None:
    """Child process: one threading HTTP server per port, answering 200 after ``latency`` s."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real webhook server

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if latency:
                time.sleep(latency)
            with count.get_lock():
                count.value += 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    for port in ports:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        server.daemon_threads = True
        server.request_queue_size = 256
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def _free_ports(n: int) -> list[int]:
    import socket

    sockets = [socket.socket() for _ in range(n)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [int(s.getsockname()[1]) for s in sockets]
    for sock in sockets:
        sock.close()
    return ports


def _populate(settings: Any, ports: list[int], subscriptions: int, events: int, run_id: str) -> None:
    """Subscriptions and events inserted as ``subscribe add`` and the diff stage would store them."""
    from decimal import Decimal

    from models.db import session_scope
    from models.tables import ChangeEvent, Document, DocumentVersion, Subscription

    now = datetime.now(UTC)
    with session_scope(settings.database_url) as session:
        session.add_all(
            Subscription(name=f"bench-{n}", url=f"json://127.0.0.1:{ports[n % len(ports)]}/hook/{n}",
                         regions=[], event_kinds=[], opc_only=True, mode="instant", format="markdown",
                         active=True, created_at=now, doc_kinds=[], issued_here_only=False)
            for n in range(subscriptions))
        for n in range(events):
            url = f"https://www.example.gov.cn/{uuid.uuid4().hex[:8]}.html"
            title = f"苏州工业园区关于支持OPC一人公司发展的若干措施（第{n + 1}号）"
            doc = Document(canonical_url=url, source_id="bench", first_seen_at=now)
            session.add(doc)
            session.flush()
            version = DocumentVersion(document_id=doc.id, version_no=1, run_id=run_id, parser_version="b",
                                      content_hash=uuid.uuid4().hex, created_at=now, title=title,
                                      region_code="320571", is_opc=True, record={})
            session.add(version)
            session.flush()
            payload = {"title": title, "url": url, "region_code": "320571", "region_name": "苏州工业园区",
                       "published": "2026-01-19", "issuer": "管委会", "doc_number": "园管〔2026〕3号",
                       "old": {"value": "20000000", "qualifier": "up_to", "phrase": "最高给予2000万元股权投资"},
                       "new": {"value": "30000000", "qualifier": "up_to", "phrase": "最高给予3000万元股权投资"}}
            session.add(ChangeEvent(kind="amount.changed", key=f"k{n}", run_id=run_id, document_id=doc.id,
                                    version_id=version.id, created_at=now, region_code="320571", is_opc=True,
                                    amount_yuan=Decimal("30000000"), payload=payload))


def _warm_up() -> None:
    """Load Apprise's plugin table before the clock starts: a one-time cost per process (about
    a second where Python writes no bytecode cache), not a per-delivery one. (Masking a URL no
    longer parses it with Apprise, so it does not load the table; the channel limits do.)"""
    from alerts.platforms import channel_limits
    from alerts.subscriptions import channel_url

    channel_url("json://127.0.0.1/warm-up")
    channel_limits("json://127.0.0.1/warm-up")


def _fresh_database(base_url: str | None, tmp: Path, label: str) -> tuple[str, Any]:
    """A new empty database for one phase, and a function that drops it afterwards."""
    if not base_url:
        return f"sqlite:///{tmp / f'{label}.db'}", lambda: None
    import psycopg

    admin = base_url.replace("+psycopg", "")
    name = f"opcwatch_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from models.db import dispose_all

        dispose_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{base_url.rsplit('/', 1)[0]}/{name}", drop


def measure(latency_ms: int, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    from alerts.deliver import deliver
    from opcwatch.settings import Settings

    ports = _free_ports(args.endpoints)
    count = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    receiver = multiprocessing.Process(target=_receive, args=(ports, latency_ms / 1000, count, ready), daemon=True)
    receiver.start()
    ready.wait(30)
    url, drop = _fresh_database(args.database_url, tmp, f"bench{latency_ms}")
    try:
        settings = Settings(data_dir=tmp / "data", database_url=url, outbox_path=tmp / "data" / "outbox.md")
        if args.workers:
            settings = settings.with_(delivery_workers=args.workers)
        events = args.events if latency_ms == 0 else max(1, args.events // 2)
        _populate(settings, ports, args.subscriptions, events, "bench-run")
        _warm_up()
        started, cpu = time.perf_counter(), time.process_time()
        summary = deliver(settings, "bench-run", mode="instant", now=datetime.now(UTC))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        drop()
        receiver.terminate()
        receiver.join()
    # The receivers' CPU (a joined child's rusage): on this machine they share the two cores.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    receiver_cpu = children.ru_utime + children.ru_stime - args.children_cpu
    args.children_cpu += receiver_cpu
    return {"latency_ms": latency_ms, "deliveries": summary["sent"], "failed": summary["failed"],
            "received": count.value, "seconds": seconds, "per_second": summary["sent"] / seconds,
            "cpu_ms": cpu * 1000 / max(1, summary["sent"]),
            "receiver_cpu_ms": receiver_cpu * 1000 / max(1, count.value)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--events", type=int, default=2, help="events at 0 ms (half as many, at least 1, at 50 ms)")
    parser.add_argument("--endpoints", type=int, default=100, help="loopback webhook ports the subscriptions share")
    parser.add_argument("--database-url", help="a PostgreSQL server URL (a database is made per phase); default SQLite")
    parser.add_argument("--workers", type=int, help="sending threads (default: the settings' delivery_workers)")
    parser.add_argument("--latency", type=int, action="append", help="channel latency in ms (repeatable; default 0 and 50)")
    args = parser.parse_args()
    args.children_cpu = 0.0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for latency in args.latency or [0, 50]:
            rows.append(measure(latency, args, Path(tmp)))
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'latency':>8} {'deliveries':>11} {'failed':>7} {'received':>9} {'seconds':>8} {'per s':>8} "
          f"{'cpu ms':>7} {'recv ms':>7} {'goal':>6} {'ratio':>6}")
    summary = []
    for r in rows:
        goal = GOALS.get(r["latency_ms"])
        ratio = f"{r['per_second'] / goal:.2f}" if goal else "-"
        print(f"{r['latency_ms']:>6}ms {r['deliveries']:>11} {r['failed']:>7} {r['received']:>9} "
              f"{r['seconds']:>8.2f} {r['per_second']:>8.0f} {r['cpu_ms']:>7.2f} {r['receiver_cpu_ms']:>7.2f} "
              f"{goal or '-':>6} {ratio:>6}")
        summary.append(f"{r['latency_ms']}ms {r['per_second']:.0f}/s (ratio {ratio})")
    print(f"peak memory (max RSS of this process): {rss_mib:.0f} MiB; goal < {MEMORY_GOAL_MIB:.0f} MiB: "
          f"ratio {rss_mib / MEMORY_GOAL_MIB:.2f}")
    print(f"deliver rate: {' '.join(summary)} memory {rss_mib:.0f} MiB")


if __name__ == "__main__":
    main()
