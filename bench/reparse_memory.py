"""Re-parse memory and speed: store N raw pages, re-parse them all, report peak RSS and pages/s.

    .venv/bin/python bench/reparse_memory.py                    # 100,000 pages, SQLite in a temp dir
    .venv/bin/python bench/reparse_memory.py --pages 5000       # a quick run
    .venv/bin/python bench/reparse_memory.py --database-url postgresql+psycopg://postgres@127.0.0.1/empty_db

The pages are synthesised government articles (about 4 KB of HTML each: portal chrome, a
title, 发文字号, a date, a few measures with amounts, a visit counter), spread over 12 sources
and marked as parsed by an earlier parser, inserted in bulk. The derived tables start empty,
so the re-parse rebuilds everything: every page (its own title and 文号) becomes a document, a
policy, a version and a policy.new event whose deliveries (to the bench's subscription and the
default local outbox) are recorded as suppressed. This is the
heaviest case for the writes; a parser upgrade usually changes a few pages and leaves the rest
unchanged.

The re-parse runs in a child process (``opcwatch.stages.reparse_run.reparse_run``, as the CLI
and the DAG run it, with the real parser), so its peak RSS (getrusage ``ru_maxrss``) is the
re-parse's own, not the page synthesis's. The goal: under 300 MB for 100,000 pages. Pages per
second is the parse stage (pages / its seconds, wall clock); the diff and alert seconds are
printed too, and the CPU time per page, which does not depend on what else the machine runs.
Figures come from one run on this machine; nothing here asserts a threshold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_MIB = 300.0
BATCH = 2000  # rows per bulk insert

REGIONS = [("苏州工业园区", "www.sipac.gov.cn", "苏园管"), ("苏州市", "www.suzhou.gov.cn", "苏府"),
           ("无锡市", "www.wuxi.gov.cn", "锡政发"), ("南京市", "www.nanjing.gov.cn", "宁政发"),
           ("常州市", "www.changzhou.gov.cn", "常政发"), ("江苏省", "www.jiangsu.gov.cn", "苏政发"),
           ("杭州市", "www.hangzhou.gov.cn", "杭政"), ("上海市", "www.shanghai.gov.cn", "沪府"),
           ("合肥市", "www.hefei.gov.cn", "合政"), ("深圳市", "www.sz.gov.cn", "深府"),
           ("成都市", "www.chengdu.gov.cn", "成府发"), ("武汉市", "www.wuhan.gov.cn", "武政")]
TOPICS = ["支持一人公司（OPC）发展的若干措施", "促进超级个体创新创业的实施意见", "关于开展2026年度OPC社区认定工作的通知",
          "加快人工智能产业发展的若干政策", "关于做好中小企业融资服务工作的通知", "数字经济高质量发展三年行动方案"]


def page(i: int) -> tuple[str, str, bytes]:
    """(source id, url, HTML) of the i-th synthetic article: realistic size, unique content."""
    region, host, prefix = REGIONS[i % len(REGIONS)]
    topic = TOPICS[(i // len(REGIONS)) % len(TOPICS)]
    day = datetime(2025, 1, 1) + timedelta(days=i % 400)
    # Unique per page: one name and 文号 per document (a 文号 has at most four digits, so the
    # year moves on every 9,000 pages; a number the parser cannot read would make the page a
    # repost of the same-named document, correctly).
    number = f"{prefix}〔{2010 + i // 9000}〕{i % 9000 + 1}号"
    measures = "".join(
        f"<p>{label}、对符合条件的一人公司，按实际投入给予{10 + (i + n) % 40}%补贴，最高不超过{50 + (i * n) % 450}万元。</p>"
        for n, label in enumerate(("一", "二", "三", "四"), start=1))
    chrome = "".join(f"<li><a href='/col/col{n}/index.html'>栏目{n}</a></li>" for n in range(30))
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{region}{topic}（{i}）_政策文件_{region}人民政府"
        f"</title></head><body><div class='header'><ul class='nav'>{chrome}</ul></div>"
        f"<div class='article'><h1>{region}{topic}（{i}）</h1><div class='meta'>发布机构：{region}人民政府办公室　"
        f"文号：{number}　发布日期：{day:%Y-%m-%d}</div><div id='zoom'>"
        f"<p>各区人民政府，各有关部门：</p><p>为加快培育一人公司和超级个体，结合本地实际，制定如下措施。</p>{measures}"
        f"<p>到2027年，建成OPC社区不少于{5 + i % 20}个，集聚一人公司{500 + i % 3000}家以上。</p>"
        f"<p>本措施自{day:%Y年%m月%d日}起施行，有效期三年。</p></div></div>"
        f"<div class='footer'>主办单位：{region}人民政府办公室　访问量：{i * 7}　ICP备案号：苏ICP备{i % 100000:05d}号"
        f"</div></body></html>"
    )
    url = f"https://{host}/art/{day:%Y/%m/%d}/art_{1000 + i % 50}_{i}.html"
    return f"src_{i % len(REGIONS)}", url, html.encode()


def store_pages(database_url: str, pages: int) -> float:
    """Bulk-insert ``pages`` raw pages, parsed by an earlier parser; returns the MiB of HTML."""
    from sqlalchemy import insert

    from alerts.subscriptions import add_subscription
    from models.db import session_scope
    from models.tables import RawPage

    fetched = datetime(2026, 1, 20, 8, 0, tzinfo=UTC)
    size = 0
    with session_scope(database_url) as session:  # one subscriber, so the ledger path runs too
        add_subscription(session, url="json://127.0.0.1:9/bench", name="bench", opc_only=False)
    for start in range(0, pages, BATCH):
        rows = []
        for i in range(start, min(pages, start + BATCH)):
            source_id, url, html = page(i)
            size += len(html)
            rows.append({"run_id": "seed", "source_id": source_id, "url": url, "final_url": url,
                         "page_type": "detail", "fetched_at": fetched + timedelta(seconds=i), "status": 200,
                         "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": zlib.compress(html),
                         "sha256": hashlib.sha256(html).hexdigest(), "list_meta": {}, "parse_status": "ok"})
        with session_scope(database_url) as session:
            session.execute(insert(RawPage), rows)
    return size / 2**20


def high_water_mib() -> float:
    """This process's peak RSS so far (VmHWM), readable mid-run unlike a child's rusage."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(database_url: str) -> None:
    """The re-parse, alone in this process; prints a JSON line with its figures."""
    from opcwatch.settings import Settings
    from opcwatch.stages.reparse_run import reparse_run

    settings = Settings(data_dir=Path(tempfile.mkdtemp()), database_url=database_url)
    import parsers  # loaded before the baseline: its dictionaries are a fixed cost, not the re-parse's

    assert parsers.parse_document
    from models.db import get_engine

    get_engine(database_url)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    last = [0.0]
    parse_peak = [0.0]

    def progress(done: int, total: int, rate: float) -> None:
        if done == total:  # the parse stage's last call: its peak, before the diff and the alert
            parse_peak[0] = high_water_mib()
        if time.monotonic() - last[0] >= 30:
            last[0] = time.monotonic()
            print(f"  {done}/{total} pages, {rate:.1f} pages/s", file=sys.stderr, flush=True)

    before = resource.getrusage(resource.RUSAGE_SELF)
    result = reparse_run(settings, progress=progress)
    after = resource.getrusage(resource.RUSAGE_SELF)
    peak = after.ru_maxrss / 1024
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(json.dumps({"baseline_mib": baseline, "peak_mib": peak, "parse_peak_mib": parse_peak[0], "pages": result["parse"]["pages"],
                      "new_versions": result["parse"]["new_versions"], "errors": len(result["parse"]["errors"]),
                      "events": result["diff"]["events"], "suppressed": result["alert"]["suppressed"],
                      "seconds": result["seconds"], "pages_per_second": result["pages_per_second"],
                      "cpu_seconds": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--database-url", help="an EMPTY database (default: SQLite in a temporary directory)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    database_url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='reparse_bench_')}/opcwatch.db"
    started = time.perf_counter()
    html_mib = store_pages(database_url, args.pages)
    print(f"stored {args.pages} pages ({html_mib:.0f} MiB of HTML) in {time.perf_counter() - started:.0f} s",
          flush=True)
    from models.db import dispose_all

    dispose_all()
    proc = subprocess.run([sys.executable, __file__, "--child", database_url], capture_output=False,
                          stdout=subprocess.PIPE, text=True, check=True)
    figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    seconds = figures["seconds"]
    from sqlalchemy import func, select

    from models.db import session_scope
    from models.tables import PolicyRow

    with session_scope(database_url) as session:  # every synthetic page is its own policy
        policies = session.scalar(select(func.count()).select_from(PolicyRow))
    print(f"policies: {policies} (every page a document of its own: {args.pages})")
    print(f"re-parse: {figures['pages']} pages, {figures['new_versions']} new versions, {figures['errors']} not "
          f"parsed, {figures['events']} events, {figures['suppressed']} deliveries suppressed; parse "
          f"{seconds['parse']:.0f} s, diff {seconds['diff']:.0f} s, alert {seconds['alert']:.0f} s")
    # On a shared machine the wall-clock rate depends on the other load; CPU time per page does not.
    print(f"CPU: {figures['cpu_seconds'] / max(1, figures['pages']) * 1000:.1f} ms per page for the whole re-parse "
          f"(parse, diff, alert), {sum(seconds.values()):.0f} s wall")
    print(f"memory: {figures['baseline_mib']:.0f} MiB after start-up, {figures['parse_peak_mib']:.0f} MiB at the "
          f"end of the parse stage, peak {figures['peak_mib']:.0f} MiB after diff and alert (goal < {GOAL_MIB:.0f} MiB)")
    label = f"{args.pages // 1000}k" if args.pages % 1000 == 0 else str(args.pages)
    print(f"reparse {label} pages: peak {figures['peak_mib']:.0f} MiB (ratio {figures['peak_mib'] / GOAL_MIB:.2f}), "
          f"{figures['pages_per_second']:.0f} pages/s")


if __name__ == "__main__":
    main()
