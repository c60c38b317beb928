"""Measure the web pages' server time with 10,000 stored policies (goal: each under 200 ms).

    .venv/bin/python bench/web_pages.py                       # SQLite in a temporary directory
    .venv/bin/python bench/web_pages.py --database-url postgresql+psycopg://postgres@127.0.0.1/empty_db

The store is filled the way the stages fill it, at bench speed: one real page of this
repository's tests (tests/web_support.py) goes through the real parse and diff stages, and its
stored rows (policy, document, version with its record, event) are then copied ``--policies``
times with bulk inserts, each copy with its own URL, title words, city, date and amounts, and
one in ten with a second version, each with its policy.new event. Every page is then requested
in-process through the framework's TestClient (the server's time: routing, queries, templates;
no network), ``--repeat`` times after one first request, and the median is reported with the
first request's time (imports, the policy index, the city comparison computed after a change:
later changes are served stale while recomputed, opcwatch/web/compare.py). CSV/Excel exports of
whole lists are timed apart: they are downloads, not pages.
Figures come from one run on this machine; nothing here asserts a threshold.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

GOAL_MS = 200.0
CITIES = ["320100", "320200", "320300", "320400", "320500", "320571", "320600", "320700", "320800",
          "320900", "321000", "321100", "321200", "321300", "320000"]
WORDS = ["支持", "促进", "加快", "关于", "推动", "实施", "若干措施", "行动方案", "实施细则", "申报通知"]


def _seed(settings: Any) -> None:
    """One real policy through the real stages: the template every copy is made from."""
    from web_support import _day, suzhou

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _day(settings, datetime(2026, 1, 1, tzinfo=UTC), {"suzhou": suzhou(2000)})


def _fill(settings: Any, count: int, rng: random.Random) -> None:
    from sqlalchemy import insert, select

    from models.db import session_scope
    from models.tables import ChangeEvent, Document, DocumentVersion, PolicyRow
    from parsers.regions import resolve_region

    with session_scope(settings.database_url) as session:
        template = session.scalars(select(DocumentVersion)).first()
        assert template is not None
        record = template.record
        base_event = session.scalars(select(ChangeEvent)).first()
        assert base_event is not None
        run_id = template.run_id
        start = int(session.scalar(select(Document.id).order_by(Document.id.desc()).limit(1)) or 0) + 1
    names = {code: (resolve_region(code).name if resolve_region(code) else code) for code in CITIES}
    now = datetime(2026, 1, 2, tzinfo=UTC)
    batch = 2000
    for offset in range(0, count, batch):
        policies, documents, versions, events = [], [], [], []
        for i in range(offset, min(count, offset + batch)):
            doc_id = start + i
            code = CITIES[i % len(CITIES)]
            title = f"{names[code]}{rng.choice(WORDS)}一人公司（OPC）发展的{rng.choice(WORDS)}（第{i}号）"
            url = f"https://bench.example.gov.cn/{code}/{i}.html"
            published = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 760))
            wan = rng.choice([50, 100, 200, 500, 1000, 2000, 3000, 5000])
            rec = copy.deepcopy(record)
            rec.update(title=title, url=url, canonical_url=url, region_code=code, region_name=names[code],
                       published=published.isoformat())
            for amount in rec["amounts"]:
                if amount.get("purpose") == "equity_investment":
                    amount["value"] = str(wan * 10_000)
                    amount["phrase"] = f"对优秀项目最高给予{wan}万元股权投资"
            is_opc = i % 5 != 0
            rec["relevance"]["is_opc"] = is_opc
            policies.append({"id": doc_id, "key": url, "title": title, "region_code": code, "first_seen_at": now,
                             "canonical_document_id": doc_id, "kind": "policy", "published": published,
                             "signature": {}})
            documents.append({"id": doc_id, "canonical_url": url, "source_id": "bench", "policy_id": doc_id,
                              "first_seen_at": now, "kind": "policy"})
            top = Decimal(1_000_000_000)
            versions.append({"document_id": doc_id, "version_no": 1, "run_id": run_id, "parser_version": "bench",
                             "content_hash": f"b{i}", "created_at": now, "title": title, "published": published,
                             "region_code": code, "is_opc": is_opc, "max_amount_yuan": top, "record": rec,
                             "diffed": True})
            if i % 10 == 0:
                second = copy.deepcopy(rec)
                versions.append({**versions[-1], "version_no": 2, "content_hash": f"b{i}-2", "record": second,
                                 "created_at": now + timedelta(days=1)})
        with session_scope(settings.database_url) as session:
            session.execute(insert(PolicyRow), policies)
            session.execute(insert(Document), documents)
            session.execute(insert(DocumentVersion), versions)
            ids = dict(session.execute(
                select(DocumentVersion.document_id, DocumentVersion.id)
                .where(DocumentVersion.document_id >= start + offset, DocumentVersion.version_no == 1)).all())
            for doc_id, version_id in ids.items():
                payload = {**base_event.payload, "title": f"#{doc_id}", "url": f"https://bench/{doc_id}"}
                events.append({"kind": "policy.new", "key": "", "run_id": run_id, "document_id": doc_id,
                               "version_id": version_id, "created_at": now, "region_code": CITIES[doc_id % len(CITIES)],
                               "is_opc": (doc_id - start) % 5 != 0, "amount_yuan": Decimal(1_000_000_000),
                               "payload": payload, "policy_id": doc_id, "doc_kind": "policy"})
            session.execute(insert(ChangeEvent), events)


def _time(client: Any, path: str, repeat: int) -> tuple[float, float, int]:
    """(first request ms, median of the next ``repeat`` ms, status). The first one pays for
    imports and fills caches (城市对比 is computed once per database state), so it is shown too."""
    started = time.perf_counter()
    client.get(path)
    first = (time.perf_counter() - started) * 1000
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
    return first, statistics.median(samples), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--policies", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="an EMPTY database (default: SQLite in a temp dir)")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from opcwatch.settings import Settings
    from opcwatch.web import create_app

    tmp = Path(tempfile.mkdtemp(prefix="opcwatch-web-bench-"))
    settings = Settings(data_dir=tmp / "data", database_url=args.database_url or f"sqlite:///{tmp / 'bench.db'}",
                        download_delay=0.0, outbox_path=tmp / "data" / "outbox.md")
    started = time.perf_counter()
    _seed(settings)
    _fill(settings, args.policies, random.Random(11))
    print(f"filled {args.policies} policies in {time.perf_counter() - started:.1f} s ({settings.database_url.split(':')[0]})")

    client = TestClient(create_app(settings))
    pages = {
        "/": "/", "/?region=苏州": "/?region=苏州", "/?q=行动方案&sort=amount": "/?q=行动方案&sort=amount",
        "/?page=100": "/?page=100", "/policies/{id}": "/policies/2", "/compare": "/compare",
        "/events": "/events", "/events?region=南京": "/events?region=南京", "/ops": "/ops",
        "/feed.atom?region=苏州": "/feed.atom?region=苏州", "/api/policies": "/api/policies",
    }
    # Downloads of a whole filtered list (no paging) are not pages: timed, not held to the goal.
    exports = {"/api/policies.csv?region=无锡": "/api/policies.csv?region=无锡",
               "/api/events.xlsx?region=南京": "/api/events.xlsx?region=南京"}
    for label, path in exports.items():
        first, ms, status = _time(client, path, args.repeat)
        print(f"{label:32} {status}  {ms:8.1f} ms  (export of a whole list; first request {first:.0f} ms)")
    worst = ("", 0.0)
    for label, path in pages.items():
        first, ms, status = _time(client, path, args.repeat)
        print(f"{label:32} {status}  {ms:8.1f} ms  (ratio {ms / GOAL_MS:.2f} of {GOAL_MS:.0f} ms; first request {first:.0f} ms)")
        if ms > worst[1]:
            worst = (label, ms)
    print(f"web pages {args.policies // 1000}k policies: worst {worst[0]} {worst[1]:.0f} ms (ratio {worst[1] / GOAL_MS:.2f})")


if __name__ == "__main__":
    main()
