"""Encoding quirks through the whole pipeline (SITES.md §12, §16.11): real Scrapy crawls of the
``*.quirks.example`` replica and of the jiangsu_gov replica, then the parse stage; what a user
reads back (titles, amounts) must be readable Chinese, and every page must be stored."""

from __future__ import annotations

import gzip
import urllib.request
import zlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawlers.runner import crawl
from models.db import session_scope
from models.tables import DocumentVersion, RawPage
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from opcwatch.stages.parse import parse
from replicas import ReplicaFleet
from replicas.apps.quirks_encoding import QUIRKS, articles, list_path

ENTRY = """  - id: quirks_{sid}
    name: 编码怪癖 {name}
    region_code: "320000"
    family: hanweb
    hosts: [{host}]
    quirks: [{name}]
    lists: [{{name: 政策文件, url: "https://{host}{path}", columnid: {col}, unitid: 1}}]
"""
MOJIBAKE = ("\ufffd", "鍏", "锟斤拷", "Ã", "æ")  # replacement char, UTF-8-read-as-GBK, GBK-read-as-latin-1


def _registry(tmp_path: Path) -> Path:
    entries = "".join(
        ENTRY.format(sid=name.replace("-", "_"), name=name, host=q.host, path=list_path(name),
                     col=list_path(name).split("col")[-1].split("/")[0])
        for name, q in QUIRKS.items()
    )
    path = tmp_path / "quirks.yml"
    path.write_text("sources:\n" + entries, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One crawl of every quirks host plus jiangsu_gov, then one parse; what the store holds."""
    tmp_path = tmp_path_factory.mktemp("quirks")
    settings = Settings(data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path / 'q.db'}",
                        download_delay=0.0, outbox_path=tmp_path / "data" / "outbox.md")
    with ReplicaFleet(sites=["quirks_encoding", "jiangsu_gov"]) as fleet:
        settings = settings.with_(host_map=fleet.host_map, registry_paths=(DEFAULT_REGISTRY, _registry(tmp_path)))
        summary = crawl(settings, "r1", [f"quirks_{n.replace('-', '_')}" for n in QUIRKS] + ["jiangsu_gov"])
    parsed = parse(settings, "r1")
    with session_scope(settings.database_url) as session:
        rows = list(session.scalars(select(RawPage).where(RawPage.page_type == "detail")))
        pages = {p.url: (p.headers, zlib.decompress(p.body), p.parse_status, p.parse_error) for p in rows}
        list_meta = {p.url: dict(p.list_meta or {}) for p in rows}
        versions = {url: (v.title, v.max_amount_yuan, v.record)
                    for v, url in session.execute(
                        select(DocumentVersion, RawPage.url).join(RawPage, DocumentVersion.raw_page_id == RawPage.id))}
    yield {"summary": summary, "parsed": parsed, "pages": pages, "versions": versions, "list_meta": list_meta}


# What a reader of each sample page finds: its largest amount in yuan (the fixture's truth).
MAX_YUAN = {
    "art_1_101": 500_000, "art_1_102": 30_000, "art_1_103": 200_000, "art_1_201": 200_000_000,
    "art_1_202": 2_000_000, "art_1_301": 100_000, "art_1_302": 300_000, "art_1_401": 150_000, "art_1_402": 50_000,
}


def _readable(text: str) -> bool:
    return not any(bad in text for bad in MOJIBAKE)


def _get(base: str, path: str) -> tuple[dict[str, str], bytes]:
    # urllib offers no gzip (it sends Accept-Encoding: identity at most) and never unpacks.
    with urllib.request.urlopen(base + path, timeout=5) as answer:
        return {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def test_replica_serves_the_quirks_as_the_wire_shows_them() -> None:
    with ReplicaFleet(sites=["quirks_encoding"]) as fleet:
        base = fleet.servers["quirks_encoding"].base_url
        forced_h, forced = _get(base, articles("gzip-forced")[0].path)
        again_h, again = _get(base, articles("gzip-forced")[0].path)
        bare_h, bare = _get(base, list_path("gzip-bare"))
        robots_h, robots = _get(base, "/robots.txt")
        gbk_h, gbk = _get(base, articles("gbk-meta")[0].path)
        none_h, _ = _get(base, articles("gbk-meta")[2].path)
        lying_h, lying = _get(base, articles("gbk-lying")[0].path)
    assert forced_h["content-encoding"] == "gzip" and "一人公司" in gzip.decompress(forced).decode("utf-8")
    assert again == forced and again_h["etag"] == forced_h["etag"]  # stable bytes: conditional GET works
    assert robots_h["content-encoding"] == "gzip" and gzip.decompress(robots).startswith(b"User-agent")
    assert "content-encoding" not in bare_h and bare[:2] == b"\x1f\x8b"
    assert gbk_h["content-type"] == "text/html" and b'<meta charset="gb2312">' in gbk
    assert articles("gbk-meta")[0].title in gbk.decode("gbk") and "content-type" not in none_h
    assert lying_h["content-type"].endswith("charset=UTF-8")
    with pytest.raises(UnicodeDecodeError):
        lying.decode("utf-8")


@pytest.mark.slow
def test_every_quirky_page_is_crawled_stored_unpacked_and_parsed_readably(crawled: dict[str, Any]) -> None:
    health = crawled["summary"]["sources"]
    for name in QUIRKS:
        sid = f"quirks_{name.replace('-', '_')}"
        assert health[sid]["state"] == "ok", health[sid]
        assert health[sid]["items"] == len(articles(name))
    expected = {f"https://{q.host}{a.path}": a for name, q in QUIRKS.items() for a in articles(name)}
    pages = crawled["pages"]
    assert expected.keys() <= pages.keys()  # every page stored
    for url, article in expected.items():
        headers, body, status, error = pages[url]
        assert (status, error) == ("ok", None), url
        # Stored identity-encoded, gzip declared or not; the declared encoding is gone with it.
        assert body.startswith(b"<!DOCTYPE html>") and "content-encoding" not in headers, url
        title, max_yuan, record = crawled["versions"][url]
        assert title == article.title
        assert max_yuan == Decimal(MAX_YUAN[url.rsplit("/", 1)[1].removesuffix(".html")])
        assert article.support in record["body_text"]
        assert _readable(record["body_text"]) and all(_readable(a["phrase"]) for a in record["amounts"])
        assert record["relevance"]["is_opc"], url
        lied = url.startswith("https://gbk-lying.")
        assert any("HTTP charset says 'UTF-8'" in w for w in record["warnings"]) == lied, record["warnings"]
        if not lied:
            assert not any("charset" in w or "GB18030" in w for w in record["warnings"]), record["warnings"]


@pytest.mark.slow
def test_list_titles_of_mislabelled_pages_are_read_from_the_bytes(crawled: dict[str, Any]) -> None:
    # The list page of gbk-lying says UTF-8 in its header; its records are GBK.
    for article in articles("gbk-lying") + articles("gbk-meta"):
        host = next(q.host for q in QUIRKS.values() if article in articles(_name(q.host)))
        stored = crawled["list_meta"][f"https://{host}{article.path}"]
        assert stored["title"] == article.title and stored["date"] == article.day


def _name(host: str) -> str:
    return next(n for n, q in QUIRKS.items() if q.host == host)


@pytest.mark.slow
def test_jiangsu_pages_with_the_charset_only_in_meta_parse_readably(crawled: dict[str, Any]) -> None:
    pages = {u: p for u, p in crawled["pages"].items() if u.startswith("https://www.jiangsu.gov.cn/")}
    meta_only = [u for u, (h, body, _, _) in pages.items()
                 if h.get("content-type") == "text/html" and b"charset=utf-8" in body[:2048].lower()]
    assert crawled["summary"]["sources"]["jiangsu_gov"]["state"] == "ok"
    assert len(meta_only) >= 10  # the quirk is really there, on most detail pages
    assert not crawled["parsed"]["errors"]
    for url in meta_only:
        title, _, record = crawled["versions"][url]
        assert _readable(title) and _readable(record["body_text"]) and any("\u4e00" <= c <= "\u9fff" for c in title)
        assert not any("charset" in w for w in record["warnings"]), record["warnings"]


HTML = "<html><head><title>一人公司</title></head><body>最高50万元</body></html>".encode()


@pytest.mark.parametrize(
    ("url", "headers", "body", "expected_body", "expected_text"),
    [
        # A page gzipped without a header is unpacked and read as text.
        ("https://a.example/1.html", {"Content-Type": "text/html;charset=UTF-8"}, gzip.compress(HTML, mtime=0), HTML, "一人公司"),
        # A real .gz download, or one declared as gzip data, stays packed.
        ("https://a.example/data.gz", {}, gzip.compress(HTML, mtime=0), gzip.compress(HTML, mtime=0), None),
        ("https://a.example/x", {"Content-Type": "application/x-gzip"}, gzip.compress(HTML, mtime=0), gzip.compress(HTML, mtime=0), None),
        # Gzip magic followed by garbage is left for the parser to report.
        ("https://a.example/2.html", {"Content-Type": "text/html"}, b"\x1f\x8b\x08\x00junk", b"\x1f\x8b\x08\x00junk", None),
        # GBK labelled UTF-8: read as GB18030; UTF-8 cut inside its last character keeps its label.
        ("https://a.example/3.html", {"Content-Type": "text/html;charset=UTF-8"}, HTML.decode().encode("gbk"),
         HTML.decode().encode("gbk"), "一人公司"),
        ("https://a.example/4.html", {"Content-Type": "text/html;charset=UTF-8"}, HTML + "元".encode()[:2],
         HTML + "元".encode()[:2], "最高50万元"),
    ],
)
def test_body_quirks_middleware(url: str, headers: dict[str, str], body: bytes, expected_body: bytes,
                                expected_text: str | None) -> None:
    from scrapy import Request
    from scrapy.http import Headers, Response, TextResponse
    from scrapy.responsetypes import responsetypes
    from scrapy.utils.test import get_crawler

    from crawlers.middlewares import BodyQuirksMiddleware

    middleware = BodyQuirksMiddleware.from_crawler(get_crawler())
    wire = Headers(headers)
    cls = responsetypes.from_args(headers=wire, url=url, body=body)
    response: Response = cls(url=url, headers=wire, body=body)
    out = middleware.process_response(Request(url), response)
    assert out.body == expected_body
    if expected_text is not None:
        assert isinstance(out, TextResponse) and expected_text in out.text and "\ufffd" not in out.text[:-1]
