"""Time to parse the dags/ folder the way Airflow's DAG processor does, per DAG file and in all.

    .venv/bin/python bench/dag_parse.py [--runs N]

Each DAG file is loaded by a ``BundleDagBag`` of that one file in a fresh interpreter that has
already imported ``airflow.sdk`` and the DagBag (the DAG processor's own imports, not the file's
cost), so the figure is what the file costs: its module-level imports and building the DAG. Then a ``BundleDagBag`` over dags/, the
processor's own loader, is timed in another fresh interpreter. Airflow kills a file's parse
after ``[core] dagbag_import_timeout`` (30 s by default) and re-parses every file every
``[dag_processor] min_file_process_interval`` (30 s); our goal is 2 s per file, so a parse never
comes near the timeout on a loaded 2-core machine. CPU time (``time.process_time``) is printed
beside wall time: wall time on a shared machine is mostly waiting. Median of N runs; asserts
nothing. The last line is read by bench/all.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DAGS = ROOT / "dags"
GOAL_SECONDS = 2.0
AIRFLOW_TIMEOUT_SECONDS = 30

IMPORT_ONE = """
import json, sys, time
from pathlib import Path
import airflow.sdk  # the processor has these loaded already
from airflow.dag_processing.dagbag import BundleDagBag
wall, cpu = time.perf_counter(), time.process_time()
bag = BundleDagBag(dag_folder=Path(sys.argv[1]), bundle_path=Path(sys.argv[2]))
assert bag.dags and not bag.import_errors, bag.import_errors
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""

DAGBAG = """
import json, sys, time
from pathlib import Path
import airflow.sdk
from airflow.dag_processing.dagbag import BundleDagBag
wall, cpu = time.perf_counter(), time.process_time()
bag = BundleDagBag(dag_folder=Path(sys.argv[1]), bundle_path=Path(sys.argv[1]))
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, len(bag.dags), len(bag.import_errors)]))
"""


def run(script: str, *args: str, home: Path) -> list[float]:
    env = {**os.environ, "AIRFLOW_HOME": str(home), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
           "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}"}
    proc = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"parse failed: {proc.stderr[-2000:]}")
    figures: list[float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="fresh interpreters per measurement; the median counts")
    args = ap.parse_args(argv)
    files = sorted(p for p in DAGS.glob("*.py") if p.name != "opcwatch_common.py")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        print(f"{'DAG file':<26}{'wall s':>8}{'CPU s':>8}")
        slowest = slowest_cpu = 0.0
        for path in files:
            samples = [run(IMPORT_ONE, str(path), str(DAGS), home=home) for _ in range(args.runs)]
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            slowest, slowest_cpu = max(slowest, wall), max(slowest_cpu, cpu)
            print(f"{path.name:<26}{wall:>8.3f}{cpu:>8.3f}")
        bags = [run(DAGBAG, str(DAGS), home=home) for _ in range(args.runs)]
    wall = statistics.median(b[0] for b in bags)
    cpu = statistics.median(b[1] for b in bags)
    dags, errors = int(bags[0][2]), int(bags[0][3])
    print(f"{'BundleDagBag(dags/)':<26}{wall:>8.3f}{cpu:>8.3f}  {dags} DAGs, {errors} import errors")
    print(f"dag parse: slowest file {slowest:.2f} s wall {slowest_cpu:.2f} s CPU (goal {GOAL_SECONDS:.0f} s, "
          f"ratio {slowest / GOAL_SECONDS:.2f}; Airflow's timeout {AIRFLOW_TIMEOUT_SECONDS} s), "
          f"dagbag {wall:.2f} s wall {cpu:.2f} s CPU for {dags} DAGs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
