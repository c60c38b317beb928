"""Does the diff stage slow down as history grows? Time one batch against 10k and 1M stored documents.

    .venv/bin/python bench/diff_scale.py                 # 10k and 1M stored documents, SQLite and PostgreSQL
    .venv/bin/python bench/diff_scale.py --quick         # 10k and 100k, for a quick check
    .venv/bin/python bench/diff_scale.py --sizes 10000,300000 --databases postgresql
    .venv/bin/python bench/diff_scale.py --databases postgresql --explain   # + pages and WAL written

Each (database, size) starts from an empty database (a SQLite file, or a PostgreSQL database
created and dropped here) migrated to head. History is bulk-inserted (COPY on PostgreSQL,
executemany on SQLite; the parse stage would take hours): per policy a canonical 正式文件 and a
news copy, each with one diffed version, its ``policy.new`` / ``policy.republished`` events and a
``fetch_state`` row; one page in a thousand answers 404 and was already reported withdrawn;
one policy in twenty is an application notice whose deadline has passed. On PostgreSQL the
history is then left as months of running leave it: VACUUM ANALYZE (autovacuum's work: planner
statistics, the visibility map, hint bits) and a CHECKPOINT (the checkpointer's). Timed right
after a 1 GB bulk load instead, the diff pays for the load's after-effects (first readers set the
hint bits of a million fresh rows, the background writer is still flushing): 1M/10k measured
1.67 that way and 1.00 settled, on a quiet machine; those costs do not recur in a store that
grew run by run. SQLite is
left as a deployment leaves it.

Then the same 1,000-document batch is stored as the parse stage would leave it (undiffed
versions of one run): 400 changed canonical documents (an amount changes), 300 news copies of
stored policies (reprints) and 300 new policies; its documents are spread over the whole
history, so the look-ups are not served from the newest pages only. Timed: the real
``opcwatch.stages.diff.diff`` for that run, wall clock, with every statement it sends counted
(``before_cursor_execute``), and then the withdrawn check alone. The batch is diffed
``--repeat`` times (events deleted and versions marked undiffed in between) and the fastest
pass counts: the machine is shared, and the slowest passes measure the neighbours.

Figures come from one run on this machine; the last line is the ratio of the largest size's
time to the smallest's per database (goal: <= 1.5).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from diff_fill import T0, Filler, version_record  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BATCH_RUN = "bench-batch"
HISTORY_RUN = "bench-history"
GOAL_RATIO = 1.5
CHANGED, REPRINTS, NEW = 400, 300, 300  # the batch: 1,000 documents


def _url(i: int) -> str:
    return f"https://www.suzhou.gov.cn/szsrmzf/opc/art_{i}.html"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


DOC_COLUMNS = ["id", "canonical_url", "source_id", "policy_id", "first_seen_at", "kind", "link_evidence"]
VERSION_COLUMNS = ["id", "document_id", "version_no", "run_id", "parser_version", "content_hash", "created_at",
                   "title", "published", "region_code", "is_opc", "max_amount_yuan", "record", "diffed"]
EVENT_COLUMNS = ["id", "kind", "key", "run_id", "document_id", "version_id", "created_at", "region_code", "is_opc",
                 "amount_yuan", "policy_id", "doc_kind", "dedupe", "payload"]
POLICY_COLUMNS = ["id", "key", "title", "region_code", "first_seen_at", "canonical_document_id", "name", "doc_number",
                  "kind", "published", "deadline", "signature"]
FETCH_COLUMNS = ["url", "source_id", "last_status", "last_seen_at", "consecutive_failures", "body_sha256"]


def _version(vid: int, doc: int, no: int, run: str, template: str, diffed: bool) -> tuple[Any, ...]:
    record = template.replace("__ID__", str(doc))
    return (vid, doc, no, run, "bench-1", _hash(record), T0 + timedelta(seconds=doc), f"苏州市支持一人公司发展的若干措施（第{doc}号）",
            date(2026, 1, 10), "320500", True, Decimal(20_000_000), record, diffed)


def fill_history(filler: Filler, documents: int) -> None:
    """``documents`` stored documents: policy p has canonical document 2p-1 and news copy 2p."""
    policies = documents // 2
    template = version_record(2000)
    gone = set(range(1, policies + 1, 1000))  # policies whose canonical page now answers 404

    def policy_rows() -> Iterator[tuple[Any, ...]]:
        for p in range(1, policies + 1):
            application = p % 20 == 0
            yield (p, _url(2 * p - 1), f"苏州市支持一人公司发展的若干措施（第{2 * p - 1}号）", "320500", T0, 2 * p - 1,
                   f"苏州市支持一人公司发展的若干措施第{p}号", f"苏府办〔2026〕{2 * p - 1}号",
                   "application" if application else "policy", date(2026, 1, 10),
                   date(2025, 12, 31) if application else None, json.dumps({"amounts": ["money:20000000"]}))

    def document_rows() -> Iterator[tuple[Any, ...]]:
        for p in range(1, policies + 1):
            yield (2 * p - 1, _url(2 * p - 1), "suzhou_gov", p, T0, "policy", "first document")
            yield (2 * p, _url(2 * p), "suzhou_news", p, T0, "news", f"原文链接 / links to {_url(2 * p - 1)}")

    def version_rows() -> Iterator[tuple[Any, ...]]:
        for doc in range(1, 2 * policies + 1):
            yield _version(doc, doc, 1, HISTORY_RUN, template, True)

    def event_rows() -> Iterator[tuple[Any, ...]]:
        eid = 0
        for p in range(1, policies + 1):
            canonical = 2 * p - 1
            payload = json.dumps({"title": f"第{canonical}号", "url": _url(canonical), "document_id": canonical,
                                  "version_no": 1, "policy_id": p}, ensure_ascii=False)
            eid += 1
            yield (eid, "policy.new", "", HISTORY_RUN, canonical, canonical, T0, "320500", True, Decimal(20_000_000),
                   p, "policy", f"policy.new:{p}:instrument", payload)
            eid += 1
            yield (eid, "policy.republished", "", HISTORY_RUN, 2 * p, 2 * p, T0, "320500", True, None,
                   p, "news", None, payload)
            if p in gone:
                eid += 1
                yield (eid, "policy.withdrawn", "", HISTORY_RUN, canonical, canonical, T0, "320500", True, None,
                       p, "policy", None, payload)

    def fetch_rows() -> Iterator[tuple[Any, ...]]:
        for doc in range(1, 2 * policies + 1):
            down = doc % 2 == 1 and (doc + 1) // 2 in gone
            yield (_url(doc), "suzhou_gov", 404 if down else 200, T0, 1 if down else 0, _hash(str(doc)))

    filler.insert("policies", POLICY_COLUMNS, policy_rows())
    filler.insert("documents", DOC_COLUMNS, document_rows())
    filler.insert("document_versions", VERSION_COLUMNS, version_rows())
    filler.insert("change_events", EVENT_COLUMNS, event_rows())
    filler.insert("fetch_state", FETCH_COLUMNS, fetch_rows())


def fill_batch(filler: Filler, documents: int, seed: int = 12) -> None:
    """The batch the parse stage of one run would leave undiffed (ids after the history's)."""
    policies = documents // 2
    rng = random.Random(seed)
    picked = rng.sample(range(1, policies + 1), CHANGED + REPRINTS)
    changed, reprinted = picked[:CHANGED], picked[CHANGED:]
    changed_template, template = version_record(3000), version_record(2000)
    next_doc, next_version, next_policy = 2 * policies + 1, 2 * policies + 1, policies + 1
    docs: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    new_policies: list[tuple[Any, ...]] = []
    for p in changed:
        versions.append(_version(next_version, 2 * p - 1, 2, BATCH_RUN, changed_template, False))
        next_version += 1
    for p in reprinted:
        docs.append((next_doc, _url(next_doc), "suzhou_news", p, T0, "news", f"原文链接 / links to {_url(2 * p - 1)}"))
        versions.append(_version(next_version, next_doc, 1, BATCH_RUN, template, False))
        next_doc, next_version = next_doc + 1, next_version + 1
    for _ in range(NEW):
        new_policies.append((next_policy, _url(next_doc), f"第{next_doc}号", "320500", T0, next_doc,
                             f"苏州市支持一人公司发展的若干措施第{next_policy}号", f"苏府办〔2026〕{next_doc}号", "policy",
                             date(2026, 1, 10), None, json.dumps({"amounts": ["money:20000000"]})))
        docs.append((next_doc, _url(next_doc), "suzhou_gov", next_policy, T0, "policy", "first document"))
        versions.append(_version(next_version, next_doc, 1, BATCH_RUN, template, False))
        next_doc, next_version, next_policy = next_doc + 1, next_version + 1, next_policy + 1
    filler.insert("policies", POLICY_COLUMNS, new_policies)
    filler.insert("documents", DOC_COLUMNS, docs)
    filler.insert("document_versions", VERSION_COLUMNS, versions)
    filler.finish()


def _undo_batch(url: str) -> None:
    """The batch back to undiffed with no events, for another timed pass over the same work."""
    from sqlalchemy import delete, update

    from models.db import session_scope
    from models.tables import ChangeEvent, DocumentVersion

    with session_scope(url) as session:
        session.execute(delete(ChangeEvent).where(ChangeEvent.run_id == BATCH_RUN))
        session.execute(update(DocumentVersion).where(DocumentVersion.run_id == BATCH_RUN).values(diffed=False))


def measure(url: str, documents: int, repeat: int, explain: bool = False) -> dict[str, Any]:
    """Fill, then time the diff of the batch (best of ``repeat``) and count its statements;
    with ``explain`` (PostgreSQL), replay the first pass's statements under EXPLAIN."""
    from sqlalchemy import event

    from models.db import get_engine, session_scope
    from opcwatch.settings import Settings
    from opcwatch.stages.diff import diff
    from opcwatch.stages.withdrawn import write_withdrawn_events

    engine = get_engine(url)  # migrates the empty database to head
    filler = Filler(url)
    started = time.perf_counter()
    fill_history(filler, documents)
    filler.settle()  # the history at rest; the batch below is fresh, as the parse stage leaves it
    fill_batch(filler, documents)
    filled = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), database_url=url, download_delay=0.0,
                            outbox_path=Path(data) / "outbox.md")
        statements = 0
        sent: list[tuple[str, Any, bool]] = []

        def count(_conn: Any, _cursor: Any, sql: str, parameters: Any, _context: Any, many: bool) -> None:
            nonlocal statements
            statements += 1
            if explain and not timings:
                sent.append((sql, parameters, many))

        timings: list[tuple[float, float]] = []
        for attempt in range(repeat):
            if attempt:
                _undo_batch(url)
            event.listen(engine, "before_cursor_execute", count)
            try:
                started, cpu = time.perf_counter(), time.process_time()
                summary = diff(settings, BATCH_RUN, now=T0 + timedelta(days=30))
                timings.append((time.perf_counter() - started, time.process_time() - cpu))
            finally:
                event.remove(engine, "before_cursor_execute", count)
            if attempt == 0:
                first_statements = statements
        seconds, cpu_seconds = min(timings)
        started = time.perf_counter()
        with session_scope(url) as session:
            write_withdrawn_events(session, BATCH_RUN, T0)
        withdrawn_ms = (time.perf_counter() - started) * 1000
        replayed = None
        if explain:
            from diff_explain import replay

            _undo_batch(url)
            replayed = replay(engine, sent)
    if summary["errors"] or summary["versions"] != CHANGED + REPRINTS + NEW:
        raise SystemExit(f"the batch did not diff cleanly: {summary}")
    return {"seconds": seconds, "cpu": cpu_seconds, "filled": filled, "statements": first_statements, "versions": summary["versions"],
            "events": summary["events"], "by_kind": summary["by_kind"], "withdrawn_ms": withdrawn_ms,
            "explain": replayed}


def run_one(kind: str, documents: int, repeat: int, explain: bool = False) -> dict[str, Any]:
    from models.db import dispose_all

    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            try:
                return measure(f"sqlite:///{Path(tmp) / 'opcwatch.db'}", documents, repeat)
            finally:
                dispose_all()
    import psycopg

    admin = PG_ADMIN.replace("+psycopg", "")
    name = f"opcwatch_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        return measure(f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}", documents, repeat, explain)
    finally:
        dispose_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000", help="stored documents, comma-separated")
    parser.add_argument("--quick", action="store_true", help="10k and 100k stored documents")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed passes over the same batch (undone in between); the fastest counts")
    parser.add_argument("--explain", action="store_true",
                        help="PostgreSQL: also replay the batch's statements under EXPLAIN (ANALYZE, BUFFERS, "
                             "WAL) and print the pages read and written (bench/diff_explain.py)")
    args = parser.parse_args(argv)
    sizes = [10_000, 100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    kinds = [k.strip() for k in args.databases.split(",") if k.strip()]
    ratios: dict[str, float] = {}
    for kind in kinds:
        times: dict[int, float] = {}
        for size in sizes:
            result = run_one(kind, size, args.repeat, args.explain)
            times[size] = result["seconds"]
            print(f"{kind:10} {_label(size):>5} stored: diff {result['seconds']:6.2f} s "
                  f"({result['cpu']:.2f} s CPU here) for {result['versions']} "
                  f"versions, {result['statements'] / result['versions']:.2f} statements/version, "
                  f"{result['events']} events {result['by_kind']}; withdrawn check {result['withdrawn_ms']:.0f} ms "
                  f"(fill {result['filled']:.0f} s)", flush=True)
            if result["explain"] is not None:
                from diff_explain import report

                print(report(result["explain"], result["versions"]), flush=True)
        ratios[kind] = times[max(sizes)] / times[min(sizes)]
    verdicts = ", ".join(f"{k} {r:.2f} ({'ok' if r <= GOAL_RATIO else 'over'} goal {GOAL_RATIO})"
                         for k, r in ratios.items())
    print(f"ratios: {verdicts}")
    print(f"diff scale {_label(max(sizes))}/{_label(min(sizes))}: "
          + " ".join(f"{k} {r:.2f}" for k, r in ratios.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
