"""Data for the web tests: pages written here, stored as a crawl stores them, then the real
parse, diff and alert stages over two "days" (no stand-in parser, no rows made by hand except
what a crawl itself writes: raw pages and source health).

Day 1 finds OPC policies of 苏州 (city and 工业园区), 南京, 无锡 and the province, a non-OPC
notice, and one page whose title carries ``<script>``, ``javascript:`` and ``@all``; day 2 raises
Suzhou's equity investment from 2000万元 to 3000万元. One subscription points at a closed port,
its URL carrying a secret token, so the ledger holds failures the ops page must show masked.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from models.db import session_scope
from models.tables import RawPage, SourceHealth
from opcwatch.settings import Settings

T0 = datetime(2026, 1, 20, 8, 0, tzinfo=UTC)
HOSTILE_TITLE = '关于<script>alert("x")</script>一人公司（OPC）@all 的通知 javascript:alert(1)'
SECRET = "s3cr3tT0ken9876"
FAILING_CHANNEL = f"json://bot:{SECRET}@127.0.0.1:9/hook/{SECRET}"


def article(title: str, issuer: str, day: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="ArticleTitle" content="{title.replace(chr(34), "&quot;")}">'
            f'<meta name="PubDate" content="{day} 09:00"><meta name="ContentSource" content="{issuer}">'
            f'</head><body><div class="article"><h1>{title}</h1><div id="zoom">{body}</div></div></body></html>'
            ).encode()


def suzhou(equity_wan: int) -> bytes:
    return article("苏州市关于支持一人公司（OPC）发展的若干措施", "苏州市人民政府", "2026-01-10", [
        "为支持一人公司（OPC）和超级个体发展，制定以下措施。",
        "一、算力补贴。对OPC企业使用算力的，按实际费用的30%给予补贴，每家每年最高50万元。",
        "二、房租补贴。入驻OPC社区的，每月最高补贴1500元房租。",
        f"三、股权投资。设立规模10亿元的OPC产业基金，对优秀项目最高给予{equity_wan}万元股权投资。",
        "四、人才支持。对引进的高层次人才给予最高100万元安家补贴。",
        "到2027年，全市建成OPC社区不少于20个，集聚OPC企业1000家以上。",
        "本措施自2026年2月1日起施行，有效期至2028年12月31日。",
    ])


PAGES: dict[str, tuple[str, Any]] = {
    "suzhou": ("https://www.suzhou.gov.cn/szsrmzf/zfwj/202601/opc.shtml", suzhou),
    "sip": ("https://www.sipac.gov.cn/szgyyq/zcwj/202601/opc.shtml", lambda _w: article(
        "苏州工业园区关于支持一人公司（OPC）集聚发展的实施细则", "苏州工业园区管理委员会", "2026-01-12", [
            "为支持一人公司（OPC）发展，制定本细则。",
            "一、对入驻园区OPC社区的一人公司，每月最高补贴2000元房租。",
            "二、对获得天使投资的OPC项目，最高给予500万元股权投资。",
        ])),
    "nanjing": ("https://www.nanjing.gov.cn/zdgk/202601/opc.html", lambda _w: article(
        "南京市支持一人公司（OPC）创新创业的若干政策", "南京市人民政府", "2026-01-08", [
            "为支持一人公司（OPC）和超级个体创新创业，制定以下政策。",
            "一、算力券。对OPC企业购买算力服务的，每年最高给予30万元算力券补贴。",
            "二、设立总规模5亿元的OPC天使基金。",
            "三、对引进的OPC领军人才，给予最高200万元安家补贴。",
            "到2026年，全市培育OPC企业500家以上。",
        ])),
    "wuxi": ("https://www.wuxi.gov.cn/doc/2026/01/05/opc.shtml", lambda _w: article(
        "无锡市促进一人公司（OPC）发展行动方案", "无锡市人民政府", "2026-01-05", [
            "为促进一人公司（OPC）发展，制定本行动方案。",
            "一、对OPC企业租用办公场地的，每月最高补贴1000元房租。",
            "二、最高给予800万元股权投资。",
        ])),
    "notice": ("https://www.suzhou.gov.cn/szsrmzf/tzgg/202601/road.shtml", lambda _w: article(
        "苏州市关于部分道路施工期间交通管制的通告", "苏州市公安局", "2026-01-15", [
            "因道路施工，自2026年1月20日起对部分道路实行交通管制。",
        ])),
    "hostile": ("https://www.suzhou.gov.cn/szsrmzf/tzgg/202601/hostile.shtml", lambda _w: article(
        HOSTILE_TITLE, "苏州市人民政府", "2026-01-16", [
            "为支持一人公司（OPC）发展，对入驻的OPC企业每月最高补贴800元房租。",
        ])),
}


@dataclass
class Site:
    settings: Settings
    ids: dict[str, int]  # page name -> document id
    runs: tuple[str, str]


def _raw(run_id: str, url: str, body: bytes, fetched_at: datetime) -> RawPage:
    return RawPage(run_id=run_id, source_id="jiangsu_gov", url=url, final_url=url, page_type="detail",
                   fetched_at=fetched_at, status=200, headers={"Content-Type": "text/html; charset=utf-8"},
                   body=zlib.compress(body), sha256=hashlib.sha256(body).hexdigest(), list_meta={},
                   parse_status="pending")


def _day(settings: Settings, when: datetime, pages: dict[str, bytes]) -> str:
    from alerts.deliver import deliver
    from opcwatch.stages.diff import diff
    from opcwatch.stages.parse import parse
    from opcwatch.stages.runs import finish_run, start_run

    run_id = start_run(settings, "manual", now=when)
    with session_scope(settings.database_url) as session:
        session.add_all(_raw(run_id, PAGES[name][0], body, when) for name, body in pages.items())
        for source, state in (("jiangsu_gov", "ok"), ("suzhou_gov", "blocked")):
            session.add(SourceHealth(run_id=run_id, source_id=source, checked_at=when, state=state,
                                     pages=len(pages), items=len(pages), errors=0 if state == "ok" else 3,
                                     message=None if state == "ok" else "HTTP 412 瑞数 WAF"))
    assert parse(settings, run_id)["errors"] == []
    diff(settings, run_id)
    deliver(settings, run_id, now=when)
    finish_run(settings, run_id, "ok", now=when + timedelta(minutes=5))
    return run_id


def build_site(settings: Settings) -> Site:
    from alerts.subscriptions import add_subscription
    from models.tables import Document

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with session_scope(settings.database_url) as session:
        add_subscription(session, url=FAILING_CHANNEL, name="广播群", regions=["苏州"])
        add_subscription(session, url="json://127.0.0.1:9/quiet", name="南京群", regions=["南京"])
    first = _day(settings, T0, {name: make(2000) for name, (_url, make) in PAGES.items()})
    second = _day(settings, T0 + timedelta(days=1), {"suzhou": suzhou(3000)})
    with session_scope(settings.database_url) as session:
        by_url = {d.canonical_url: d.id for d in session.query(Document)}
    ids = {name: by_url[url] for name, (url, _make) in PAGES.items()}
    return Site(settings, ids, (first, second))
