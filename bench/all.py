"""``make bench``: every headline benchmark as a subprocess, then one table, P1-P6.

    .venv/bin/python bench/all.py [--quick] [--only P1,P4] [--timeout SECONDS]

Each bench prints its own detail and ends with one line this script reads (the figures, the
ratio to its goal, from that one run). A bench that is not in the checkout is "not available";
one that fails or times out says so in its row; neither stops the others. ``--quick`` passes
``--quick`` to the benches that take it (smaller sizes: the ratios hold, the absolute figures
are smaller). Nothing here asserts a threshold.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Row:
    key: str
    what: str
    script: str
    goal: str
    read: Callable[[list[str]], str | None]  # the bench's output lines -> the figures, or None
    args: tuple[str, ...] = ()
    quick_args: tuple[str, ...] = ("--quick",)


def last_matching(pattern: str) -> Callable[[list[str]], str | None]:
    """The text after ``pattern`` on the last line that starts with it."""

    def read(lines: list[str]) -> str | None:
        for line in reversed(lines):
            if line.startswith(pattern):
                return line[len(pattern):].strip(" :")
        return None

    return read


def read_deliver(lines: list[str]) -> str | None:
    """``deliver rate: …`` when the bench prints it; else built from its table and memory line."""
    if found := last_matching("deliver rate")(lines):
        return found
    rates = [f"{m.group(1)}ms {m.group(2)}/s (ratio {m.group(3)})"
             for line in lines if (m := re.match(r"\s*(\d+)ms\s+\d+\s+\d+\s+\d+\s+[\d.]+\s+(\d+)\s+\S+\s+(\S+)", line))]
    memory = next((m.group(1) for line in lines if (m := re.search(r"peak memory.*?: (\d+) MiB", line))), None)
    if not rates:
        return None
    return " ".join(rates) + (f" memory {memory} MiB" if memory else "")


ROWS = [
    Row("P1", "parse vs trafilatura (CPU time)", "extraction_speed.py", "their time / ours >= 1",
        last_matching("parse vs trafilatura (their CPU time / ours)"), quick_args=("--rounds", "2", "--limit", "60")),
    Row("P2", "steady-state requests vs polling", "crawl_requests.py", "<= 1/20",
        last_matching("ratio steady/polling")),
    Row("P3", "diff time, 1M vs 10k stored", "diff_scale.py", "ratio <= 1.5",
        last_matching("diff scale 1M/10k")),
    Row("P4", "alert delivery rate", "deliver.py", "see ratios (>= 1)", read_deliver, quick_args=()),
    Row("P5", "re-parse memory, 100k pages", "reparse_memory.py", "< 300 MiB",
        last_matching("reparse 100k pages")),
    Row("P6", "DAG file parse time", "dag_parse.py", "<= 2 s per file (Airflow: 30 s)",
        last_matching("dag parse"), quick_args=("--runs", "1")),
]


def run_row(row: Row, quick: bool, timeout: float) -> tuple[str, float]:
    """(the figures or why there are none, seconds taken)."""
    script = BENCH / row.script
    if not script.exists():
        return "not available", 0.0
    args = list(row.args)
    if quick and row.quick_args:
        # A bench that does not know --quick runs at full size rather than failing on the flag.
        if row.quick_args != ("--quick",) or "--quick" in script.read_text(encoding="utf-8"):
            args += row.quick_args
    started = time.perf_counter()
    print(f"== {row.key} {row.what}: {script.name} {' '.join(args)}", flush=True)
    try:
        proc = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True,
                              errors="replace", timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:.0f} s", time.perf_counter() - started
    seconds = time.perf_counter() - started
    print(proc.stdout, end="", flush=True)
    lines = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return f"failed (exit {proc.returncode}): {why[:120]}", seconds
    return row.read(lines) or "ran, but its result line was not found", seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the benches' short variants")
    ap.add_argument("--only", help="comma-separated row keys, e.g. P1,P6")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per bench")
    args = ap.parse_args(argv)
    chosen = {k.strip().upper() for k in args.only.split(",")} if args.only else None
    results = [(row, *run_row(row, args.quick, args.timeout)) for row in ROWS if not chosen or row.key in chosen]
    print()
    print(f"{'':<3} {'benchmark':<34} {'goal':<32} {'s':>6}  result (one run{', quick' if args.quick else ''})")
    for row, result, seconds in results:
        print(f"{row.key:<3} {row.what:<34} {row.goal:<32} {seconds:>6.0f}  {result}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
