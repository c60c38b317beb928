"""Requests of a steady-state crawl cycle vs polling every known page (issue #4 §4; goal ≤ 1/20).

    .venv/bin/python bench/crawl_requests.py

Builds a Hanweb replica on the fly (the jiangsu_gov columns of the registry) with 1,000
documents, 7 % of them about OPC, serves it, and:

1. backfills it once (all 1,000 pages known) and parses it, so relevance is in document_versions;
2. puts fetch_state in a steady state: each page's last check is spread uniformly over its own
   revisit interval (what weeks of cycles leave behind; simulating 14 days of cycles one by one
   would take minutes of subprocesses for the same picture);
3. runs CYCLES normal cycles 2 h apart (the ingest DAG's cadence) with the run clock passed in,
   counting the replica's requests;
4. runs one cycle with every page due (revisit interval ~0), i.e. polling every known page.

Prints the numbers and the ratio from this one run; asserts nothing.
"""

from __future__ import annotations

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
from models.tables import FetchState  # noqa: E402
from opcwatch.replica.server import ReplicaServer  # noqa: E402
from opcwatch.replica.site import SITE_ROOT, JiangsuGovApp  # noqa: E402
from opcwatch.settings import DEFAULT_REGISTRY, Settings  # noqa: E402
from opcwatch.stages.parse import parse  # noqa: E402

N_DOCS = 1000
OPC_SHARE = 0.07
CYCLES = 4
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


def build_site(root: Path, columns: list[tuple[str, str, str]]) -> int:
    """Write a 1,000-document day-1 site under ``root``; returns how many documents are about OPC."""
    rng = random.Random(4)
    (root / "templates").mkdir(parents=True)
    shutil.copy(SITE_ROOT / "templates" / "column.html", root / "templates" / "column.html")
    day1 = root / "day1"
    day1.mkdir()
    shutil.copy(SITE_ROOT / "day1" / "robots.txt", day1 / "robots.txt")
    records: dict[str, list[dict[str, str]]] = {cid: [] for cid, _, _ in columns}
    opc = 0
    for i in range(N_DOCS):
        cid, name, _ = columns[i % len(columns)]
        day = date(2026, 1, 19) - timedelta(days=i // 3)
        is_opc = rng.random() < OPC_SHARE
        opc += is_opc
        if is_opc:
            title = f"第{i}号 关于支持人工智能OPC（一人公司）创新创业的若干措施"
            body = "对符合条件的一人公司（OPC）给予最高50万元的创业补贴，支持超级个体发展。"
        else:
            title = f"第{i}号 关于做好全省安全生产工作的通知"
            body = "各地各部门要切实做好安全生产工作，压实责任，确保形势稳定。"
        path = f"/art/{day.year}/{day.month}/{day.day}/art_{cid}_{20000000 + i}.html"
        page = PAGE.format(column=name, title=title, day=day.isoformat(), issuer="江苏省人民政府办公厅", body=body)
        target = day1 / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        records[cid].append({"path": path, "title": title, "date": day.isoformat(), "link": "rel"})
    manifest = {
        "site": "jiangsu_gov", "webname": "江苏省人民政府", "webid": 1, "last_modified": "2026-01-20T00:00:00Z",
        "columns": {
            cid: {"name": name, "unitid": unitid, "perPage": 15, "groupSize": 3, "markup": "span",
                  "sourceContentType": 1, "records": records[cid]}
            for cid, name, unitid in columns
        },
    }
    (day1 / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return opc


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
    source = sources_by_id([DEFAULT_REGISTRY])["jiangsu_gov"]
    columns = [(str(lst.param("columnid")), lst.name, str(lst.param("unitid"))) for lst in source.lists]
    with tempfile.TemporaryDirectory() as tmp:
        opc = build_site(Path(tmp) / "site", columns)
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
            counts = []
            for k in range(CYCLES):
                before = replica.request_count
                crawl(settings, f"cycle{k}", ["jiangsu_gov"], now=t1 + k * CADENCE)
                counts.append(replica.request_count - before)
            before = replica.request_count
            polling = settings.with_(revisit_opc_hours=1e-6, revisit_other_hours=1e-6)
            crawl(polling, "poll", ["jiangsu_gov"], now=t1 + CYCLES * CADENCE)
            poll = replica.request_count - before
    steady = sum(counts) / len(counts)
    print(f"steady-state cycles every {CADENCE}: requests {counts}, mean {steady:.1f} "
          f"(robots.txt + {len(columns)} list pages + due detail pages)")
    print(f"polling every known page: {poll} requests")
    print(f"ratio steady/polling: {steady / poll:.3f} = 1/{poll / steady:.0f} (goal <= 1/20)")


if __name__ == "__main__":
    main()
