"""Measure one full cycle over the demo replica: per stage wall and CPU time, peak memory, HTTP requests.

    .venv/bin/python bench/cycle.py            # day 1 on an empty store, then day 2

The two days are run twice, each time on a fresh store and a fresh fleet. The first pass is
timed and nothing else: tracemalloc hooks every allocation and made the stages look about 3x
slower than they are. The second pass is not timed and measures memory: the peak of Python
allocations during each in-process stage (tracemalloc), this process's max RSS so far, and for
the crawl (a Scrapy subprocess) that child's max RSS (getrusage RUSAGE_CHILDREN). CPU seconds
are this process's plus its children's (the crawl). Numbers come from one run on this machine;
nothing here asserts a threshold.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts.deliver import deliver  # noqa: E402
from crawlers.registry import load_registry  # noqa: E402
from crawlers.runner import crawl  # noqa: E402
from opcwatch.demo import demo_settings  # noqa: E402
from opcwatch.settings import Settings  # noqa: E402
from opcwatch.stages.diff import diff  # noqa: E402
from opcwatch.stages.parse import parse  # noqa: E402
from opcwatch.stages.runs import finish_run, start_run  # noqa: E402
from replicas import ReplicaFleet  # noqa: E402


def _mib(kib: float) -> float:
    return round(kib / 1024, 1)


def not_modified(fleet: ReplicaFleet) -> int:
    return sum(1 for *_rest, status in fleet.requests if status == 304)


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_cycle(settings: Settings, replica: ReplicaFleet, label: str, memory: bool) -> list[dict[str, Any]]:
    """One cycle's stages: timed (``memory=False``) or with tracemalloc on (``memory=True``, not timed)."""
    run_id = start_run(settings, "bench", now=datetime.now(UTC))
    rows = []
    stages = [
        ("crawl", lambda: crawl(settings, run_id, replica.covered_sources(load_registry(settings.registry_paths)))),
        ("parse", lambda: parse(settings, run_id)),
        ("diff", lambda: diff(settings, run_id)),
        ("alert", lambda: deliver(settings, run_id, mode="instant")),
    ]
    for name, stage in stages:
        requests_before = replica.request_count
        not_modified_before = not_modified(replica)
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if memory:
            tracemalloc.start()
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        summary = stage()
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
        py_peak = 0
        if memory:
            _, py_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rows.append({
            "cycle": label,
            "stage": name,
            "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3),
            "python_peak_mib": round(py_peak / 2**20, 1),
            "process_maxrss_mib": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            "crawler_maxrss_mib": _mib(child_rss) if name == "crawl" and child_rss > children_before else None,
            "http_requests": replica.request_count - requests_before,
            "not_modified": not_modified(replica) - not_modified_before,
            "summary": {k: v for k, v in summary.items() if isinstance(v, int | float | str)},
        })
    finish_run(settings, run_id)
    return rows


def two_days(memory: bool) -> list[dict[str, Any]]:
    """Day 1 on an empty store, then day 2, on a fresh store and fleet."""
    with tempfile.TemporaryDirectory() as tmp, ReplicaFleet(day=1) as replica:
        settings = demo_settings(Settings.from_env(), Path(tmp), replica.host_map)
        rows = measure_cycle(settings, replica, "day1 (empty store)", memory)
        replica.set_day(2)
        rows += measure_cycle(settings, replica, "day2 (incremental)", memory)
    return rows


def main() -> None:
    rows = two_days(memory=False)
    # The memory pass repeats the same work; only its memory figures are kept.
    for row, measured in zip(rows, two_days(memory=True), strict=True):
        for key in ("python_peak_mib", "process_maxrss_mib", "crawler_maxrss_mib"):
            row[key] = measured[key]
    header = (f"{'cycle':<20} {'stage':<6} {'wall s':>8} {'CPU s':>7} {'py peak MiB':>12} {'RSS MiB':>8} "
              f"{'crawler RSS':>12} {'HTTP req':>9} {'304s':>5}")
    print(header)
    print("-" * len(header))
    for r in rows:
        crawler = "" if r["crawler_maxrss_mib"] is None else f"{r['crawler_maxrss_mib']}"
        print(f"{r['cycle']:<20} {r['stage']:<6} {r['seconds']:>8.3f} {r['cpu_seconds']:>7.3f} {r['python_peak_mib']:>12} "
              f"{r['process_maxrss_mib']:>8} {crawler:>12} {r['http_requests']:>9} {r['not_modified']:>5}")
    print("(wall and CPU from the timed pass; memory from a second, untimed pass with tracemalloc on)")
    for label in dict.fromkeys(r["cycle"] for r in rows):
        total = sum(r["seconds"] for r in rows if r["cycle"] == label)
        requests = sum(r["http_requests"] for r in rows if r["cycle"] == label)
        print(f"{label}: total {total:.2f} s, {requests} HTTP requests")
    day1 = sum(r["http_requests"] for r in rows if r["cycle"].startswith("day1"))
    day2 = sum(r["http_requests"] for r in rows if r["cycle"].startswith("day2"))
    if day1:
        print(f"ratio day2/day1 requests: {day2 / day1:.2f} (incremental cycle vs first cycle)")


if __name__ == "__main__":
    main()
