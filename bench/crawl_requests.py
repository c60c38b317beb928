"""Requests of a steady-state crawl cycle vs polling every known page (goal ≤ 1/20).

    .venv/bin/python bench/crawl_requests.py [--docs 1000] [--cycles 12]    (--quick: 300 docs, 6 cycles)

Builds a Hanweb replica on the fly (the jiangsu_gov columns of the registry) with 1,000
documents, 15 % of them about OPC, serves it, and:

1. backfills it once (all 1,000 pages known) and parses it, so relevance is in document_versions;
2. puts fetch_state in a steady state: each page's last check is spread uniformly over its own
   revisit interval (what weeks of cycles leave behind; simulating 14 days of cycles one by one
   would take minutes of subprocesses for the same picture);
3. runs CYCLES normal cycles 2 h apart (a day at the ingest DAG's cadence) with the run clock
   passed in, counting the replica's requests; the site changes during them (new documents on
   the first list pages and an OPC page edited in place, before cycle CHANGE_AT), and the bench
   checks that the cycles picked both up. A publish moves the lists' Last-Modified, so that
   cycle also re-checks the OPC pages of the touched lists: its cost is printed apart;
4. runs one cycle with every page due (revisit interval ~0), i.e. polling every known page.

Prints the numbers and the ratio from this one run; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from crawlers.registry import sources_by_id  # noqa: E402
from crawlers.revisit import RevisitPolicy, load_known, spread  # noqa: E402
from crawlers.runner import crawl  # noqa: E402
from models.db import session_scope  # noqa: E402
from models.tables import FetchState, RawPage  # noqa: E402
from opcwatch.settings import DEFAULT_REGISTRY, Settings  # noqa: E402
from opcwatch.stages.parse import parse  # noqa: E402
from replicas.server import ReplicaServer  # noqa: E402
from replicas.site import SITE_ROOT, JiangsuGovApp  # noqa: E402

N_DOCS = 1000
OPC_SHARE = 0.15
NEW_DOCS = 6  # published between the first and second cycle
CYCLES = 12  # one day at the ingest DAG's cadence
CHANGE_AT = 3  # the site publishes (new documents, an in-place edit) before this cycle
CADENCE = timedelta(hours=2)
T0 = datetime(2026, 1, 20, 1, 7, tzinfo=UTC)  # 09:07 Beijing
PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>江苏省人民政府 {column} {title}</title>
<meta name="SiteName" content="江苏省人民政府"><meta name="ColumnName" content="{column}">
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{day} 10:00">
<meta name="ContentSource" content="{issuer}"></head><body>
<div class="sp_title">{title}</div><div class="sp_time"><font>时间：{day} 10:00</font><font>来源：{issuer}</font></div>
<div id="zoom"><!--ZJEG_RSS.content.begin--><meta name="ContentStart"><p>{body}</p>
<p class="opcwatch-sample">（示例页面 sample page，opcwatch 基准测试）</p><meta name="ContentEnd"><!--ZJEG_RSS.content.end--></div>
</body></html>"""


def build_site(root: Path, columns: list[tuple[str, str, str]]) -> tuple[int, str]:
    """Write a 1,000-document day-1 site under ``root`` and its day-2 changes (NEW_DOCS new
    documents, one OPC page edited in place); returns the OPC count and the edited page's path."""
    rng = random.Random(4)
    day1, day2 = root / "day1", root / "day2"
    day1.mkdir(parents=True)
    day2.mkdir()
    shutil.copy(SITE_ROOT / "day1" / "robots.txt", day1 / "robots.txt")
    records: dict[str, list[dict[str, str]]] = {cid: [] for cid, _, _ in columns}
    opc, edited = 0, ""
    for i in range(N_DOCS):
        cid, name, _ = columns[i % len(columns)]
        day = date(2026, 1, 19) - timedelta(days=i // 3)
        is_opc = rng.random() < OPC_SHARE
        opc += is_opc
        path = f"/art/{day.year}/{day.month}/{day.day}/art_{cid}_{20000000 + i}.html"
        title, body = document(i, is_opc)
        write_page(day1, path, name, title, day, body)
        if is_opc and not edited and i > 100:  # an older OPC page, off the first list pages
            edited = path
            write_page(day2, path, name, title, day, body.replace("50万元", "80万元"))
        records[cid].append({"path": path, "title": title, "date": day.isoformat(), "link": "rel"})
    new_records: dict[str, list[dict[str, str]]] = {cid: [] for cid, _, _ in columns}
    for k in range(NEW_DOCS):
        cid, name, _ = columns[k % len(columns)]
        day = date(2026, 2, 20)
        path = f"/art/{day.year}/{day.month}/{day.day}/art_{cid}_{30000000 + k}.html"
        title, body = document(N_DOCS + k, k % 2 == 0)
        write_page(day2, path, name, title, day, body)
        new_records[cid].append({"path": path, "title": title, "date": day.isoformat(), "link": "rel"})
    for day_dir, recs, stamp in ((day1, records, "2026-01-20T00:00:00Z"), (day2, new_records, "2026-02-20T00:00:00Z")):
        manifest = {
            "site": "jiangsu_gov", "webname": "江苏省人民政府", "webid": 1, "last_modified": stamp,
            "site_domain": "www.jiangsu.gov.cn,www.js.gov.cn", "site_code": "3200000084",
            "columns": {
                cid: {"name": name, "unitid": unitid, "perPage": 15, "groupSize": 3, "markup": "span",
                      "sourceContentType": 1, "records": recs[cid]}
                for cid, name, unitid in columns
            },
        }
        (day_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return opc, edited


def document(i: int, is_opc: bool) -> tuple[str, str]:
    if is_opc:
        return (f"第{i}号 关于支持人工智能OPC（一人公司）创新创业的若干措施",
                "对符合条件的一人公司（OPC）给予最高50万元的创业补贴，支持超级个体发展。")
    return f"第{i}号 关于做好全省安全生产工作的通知", "各地各部门要切实做好安全生产工作，压实责任，确保形势稳定。"


def write_page(day_dir: Path, path: str, column: str, title: str, day: date, body: str) -> None:
    page = PAGE.format(column=column, title=title, day=day.isoformat(), issuer="江苏省人民政府办公厅", body=body)
    target = day_dir / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")


def steady_state(settings: Settings, source_id: str, now: datetime) -> None:
    """Spread every page's last check uniformly over its own revisit interval before ``now``."""
    policy = RevisitPolicy(settings.revisit_opc_hours, settings.revisit_other_hours)
    known = load_known(settings.database_url, source_id)
    rng = random.Random(7)
    with session_scope(settings.database_url) as session:
        for state in session.scalars(select(FetchState).where(FetchState.url.in_(list(known)))):
            page = known[state.url]
            hours = (policy.opc_hours if page.relevant else policy.other_hours) * spread(state.url)
            state.last_seen_at = now - timedelta(hours=hours * rng.random())


def main() -> None:
    global N_DOCS, CYCLES
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=N_DOCS, help="documents on the site")
    ap.add_argument("--cycles", type=int, default=CYCLES, help=f"steady-state cycles (> {CHANGE_AT})")
    ap.add_argument("--quick", action="store_true", help="300 documents, 6 cycles")
    args = ap.parse_args()
    N_DOCS, CYCLES = (300, 6) if args.quick else (args.docs, max(args.cycles, CHANGE_AT + 1))
    source = sources_by_id([DEFAULT_REGISTRY])["jiangsu_gov"]
    columns = [(str(lst.param("columnid")), lst.name, str(lst.param("unitid"))) for lst in source.lists]
    with tempfile.TemporaryDirectory() as tmp:
        opc, edited = build_site(Path(tmp) / "site", columns)
        with ReplicaServer(app=JiangsuGovApp(1, Path(tmp) / "site")) as replica:
            settings = Settings.from_env().with_(
                data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/bench.db", host_map=replica.host_map,
                download_delay=0.0, registry_paths=(DEFAULT_REGISTRY,),
            )
            started = time.perf_counter()
            first = crawl(settings, "backfill", ["jiangsu_gov"], since=date(2000, 1, 1), now=T0)
            parsed = parse(settings, "backfill")
            print(f"site: {N_DOCS} documents, {opc} about OPC ({opc / N_DOCS:.0%}); backfill "
                  f"{first['raw_pages_new']} pages, parsed {parsed['parsed']} in {time.perf_counter() - started:.0f} s")
            t1 = T0 + timedelta(days=30)
            steady_state(settings, "jiangsu_gov", t1 - CADENCE)  # as left by the cycle before t1
            counts, stored = [], []
            for k in range(CYCLES):
                if k == CHANGE_AT:
                    replica.set_day(2)  # new documents and an in-place edit appear
                before = replica.request_count
                summary = crawl(settings, f"cycle{k}", ["jiangsu_gov"], now=t1 + k * CADENCE)
                parse(settings, f"cycle{k}")
                counts.append(replica.request_count - before)
                stored.append(summary["raw_pages_new"])
            before = replica.request_count
            polling = settings.with_(revisit_opc_hours=1e-6, revisit_other_hours=1e-6)
            crawl(polling, "poll", ["jiangsu_gov"], now=t1 + CYCLES * CADENCE)
            poll = replica.request_count - before
            with session_scope(settings.database_url) as session:
                cycle_urls = set(session.scalars(select(RawPage.url).where(RawPage.run_id.like("cycle%"))))
    new_seen = sum(1 for u in cycle_urls if "_3000000" in u)
    edit_seen = any(u.endswith(edited) for u in cycle_urls)
    steady = sum(counts) / len(counts)
    quiet = [c for k, c in enumerate(counts) if k != CHANGE_AT]
    print(f"steady-state cycles every {CADENCE}: requests {counts}, mean {steady:.1f} "
          f"(robots.txt + {len(columns)} list pages + due detail pages); pages stored {stored}")
    print(f"a quiet cycle costs {sum(quiet) / len(quiet):.1f} requests, the cycle after the publish {counts[CHANGE_AT]}")
    print(f"site changes picked up by the cycles: {new_seen}/{NEW_DOCS} new documents, "
          f"in-place edit of an OPC page {'seen' if edit_seen else 'MISSED'}")
    print(f"polling every known page: {poll} requests")
    print(f"ratio steady/polling: {steady / poll:.3f} = 1/{poll / steady:.0f} (goal <= 1/20), {N_DOCS} documents")


if __name__ == "__main__":
    main()
