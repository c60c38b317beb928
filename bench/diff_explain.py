"""What one diff batch makes PostgreSQL read and write: its statements again under EXPLAIN.

Used by ``bench/diff_scale.py --explain``. Wall time on a shared machine moves with the
neighbours' load; the pages a statement touches and the WAL it writes do not. The statements
the first timed pass sent are replayed in order (after the timed passes, the batch undone
again), each under ``EXPLAIN (ANALYZE, BUFFERS, WAL)``, in one transaction that is rolled back,
right after a CHECKPOINT (so every page first written costs its full-page image, as it would
after any checkpoint in production).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sqlalchemy import Engine

Statement = tuple[str, Any, bool]  # (SQL as sent to the driver, its parameters, executemany)


def replay(engine: Engine, statements: list[Statement]) -> dict[str, Any]:
    """Totals over the batch: buffers hit/read/dirtied/written, WAL records/fpi/bytes, and the
    server's execution time per statement shape (slowest first)."""
    totals: Counter[str] = Counter()
    by_shape: Counter[str] = Counter()
    with engine.connect() as conn:
        conn.exec_driver_sql("CHECKPOINT")
        conn.commit()
        transaction = conn.begin()
        for sql, parameters, many in statements:
            if many:  # EXPLAIN takes one set of parameters: run it as sent, to keep the state
                conn.exec_driver_sql(sql, parameters)
                continue
            lines = [row[0] for row in conn.exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT TEXT) " + sql, parameters)]
            # The first Buffers/WAL line is the top node's: the statement's own total.
            for label in ("Buffers:", "WAL:"):
                line = next((t for t in lines if t.strip().startswith(label)), "")
                for key, value in re.findall(r"(\w+)=(\d+)", line):
                    totals[f"{label[:-1].lower()}_{key}"] += int(value)
            executed = next((t for t in lines if t.startswith("Execution Time:")), "")
            if match := re.search(r"([\d.]+) ms", executed):
                by_shape[" ".join(sql.split())[:70]] += float(match.group(1))
        transaction.rollback()
    return {"totals": dict(totals), "slowest": by_shape.most_common(5)}


def report(result: dict[str, Any], versions: int) -> str:
    t = result["totals"]
    return (f"  EXPLAIN replay: {t.get('buffers_hit', 0) + t.get('buffers_read', 0)} pages read "
            f"({t.get('buffers_read', 0)} not in shared buffers), {t.get('buffers_dirtied', 0)} dirtied, "
            f"WAL {t.get('wal_bytes', 0) / 1e6:.1f} MB in {t.get('wal_records', 0)} records "
            f"({t.get('wal_fpi', 0)} full-page images); {t.get('buffers_dirtied', 0) / versions:.2f} pages "
            f"dirtied/version; slowest: "
            + "; ".join(f"{ms:.0f} ms {shape}" for shape, ms in result["slowest"][:3]))
