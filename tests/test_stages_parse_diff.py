"""The parse and diff stages over raw_pages rows, on SQLite and PostgreSQL.

Most tests use a stand-in parser (test_store_factories.fake_parse_document) so that they test
storage and diffing, not extraction; test_real_page_* run the real parser on a saved page.
"""

from __future__ import annotations

import zlib
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from test_store_factories import CANONICAL, T0, URL, fake_parse_document, page_html, raw_page

import parsers
from models.db import session_scope
from models.queries import list_events
from models.tables import ChangeEvent, Document, DocumentVersion, PolicyRow, RawPage
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff
from opcwatch.stages.parse import parse
from opcwatch.stages.reparse import reparse
from parsers.schema import DocKind

OTHER = "https://www.suzhou.gov.cn/szsrmzf/opc/202601/a1.shtml"
DAY = timedelta(days=1)


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsers, "parse_document", fake_parse_document, raising=False)
    monkeypatch.setattr(parsers, "PARSER_VERSION", "fake-1", raising=False)


def add_pages(settings: Settings, *rows: dict[str, Any]) -> None:
    with session_scope(settings.database_url) as session:
        session.add_all(RawPage(**row) for row in rows)


def versions(settings: Settings) -> list[tuple[str, int, str]]:
    with session_scope(settings.database_url) as session:
        rows = session.scalars(select(DocumentVersion).order_by(DocumentVersion.id))
        return [(v.run_id, v.version_no, v.record["amounts"][0]["value"] if v.record["amounts"] else "-")
                for v in rows]


def events(settings: Settings) -> list[tuple[str, str]]:
    with session_scope(settings.database_url) as session:
        return [(e.run_id, e.kind) for e in session.scalars(select(ChangeEvent).order_by(ChangeEvent.id))]


def test_day_one_new_day_two_changed_amount_day_three_unchanged_recrawl(settings: Settings, fake_parser: None) -> None:
    add_pages(settings, raw_page("d1", URL, page_html(wan=2000, visits=10)))
    first = parse(settings, "d1")
    assert (first["parsed"], first["new_versions"], first["documents"], first["errors"]) == (1, 1, 1, [])
    assert diff(settings, "d1")["by_kind"] == {"policy.new": 1}

    add_pages(settings, raw_page("d2", URL, page_html(wan=3000, visits=11), fetched_at=T0 + DAY))
    assert parse(settings, "d2")["new_versions"] == 1
    assert diff(settings, "d2") == {"events": 1, "by_kind": {"amount.changed": 1}, "versions": 1, "errors": []}
    with session_scope(settings.database_url) as session:
        (changed,) = list_events(session, run_id="d2")
    assert (changed["payload"]["old"]["value"], changed["payload"]["new"]["value"]) == ("20000000", "30000000")
    assert changed["payload"]["url"] == CANONICAL and changed["amount_yuan"] == "30000000"
    assert (changed["region_code"], changed["is_opc"]) == ("320571", True)
    assert changed["payload"]["title"] == "苏州工业园区支持一人公司（OPC）发展的若干措施"

    # Day three: the page's chrome changed (visit counter), its content did not.
    add_pages(settings, raw_page("d3", URL, page_html(wan=3000, visits=99), fetched_at=T0 + 2 * DAY))
    third = parse(settings, "d3")
    assert (third["parsed"], third["new_versions"], third["unchanged"]) == (1, 0, 1)
    assert diff(settings, "d3")["events"] == 0
    assert versions(settings) == [("d1", 1, "20000000"), ("d2", 2, "30000000")]
    assert events(settings) == [("d1", "policy.new"), ("d2", "amount.changed")]


def test_rerunning_parse_and_diff_for_a_run_adds_nothing(settings: Settings, fake_parser: None) -> None:
    add_pages(settings, raw_page("r1", URL, page_html()), raw_page("r1", OTHER, page_html(number="苏府〔2026〕9号")))
    assert parse(settings, "r1")["new_versions"] == 2
    assert diff(settings, "r1")["events"] == 2
    with session_scope(settings.database_url) as session:  # an Airflow retry: pages reset to pending
        for page in session.scalars(select(RawPage)):
            page.parse_status = "pending"
        for version in session.scalars(select(DocumentVersion)):
            version.diffed = False
    again = parse(settings, "r1")
    assert (again["parsed"], again["new_versions"], again["unchanged"]) == (2, 0, 2)
    assert diff(settings, "r1")["events"] == 0
    assert len(versions(settings)) == 2 and len(events(settings)) == 2


def test_bad_pages_are_recorded_and_the_rest_still_parse(settings: Settings, fake_parser: None) -> None:
    add_pages(
        settings,
        raw_page("r1", "https://www.jiangsu.gov.cn/art/broken.html", b"<html><body>no title</body></html>"),
        raw_page("r1", "https://www.jiangsu.gov.cn/art/bug.html", b"<title>BOOM</title>"),
        raw_page("r1", URL, page_html()),
        raw_page("r1", "https://www.jiangsu.gov.cn/art/gone.html", b"not found", status=404),
        raw_page("r1", "https://www.jiangsu.gov.cn/col/list_1.html", b"<list/>", page_type="list"),
    )
    result = parse(settings, "r1")
    assert (result["parsed"], result["new_versions"], result["skipped"]) == (1, 1, 1)
    errors = {e["url"].rsplit("/", 1)[-1]: e["error"] for e in result["errors"]}
    assert set(errors) == {"broken.html", "bug.html"}
    assert "no <title>" in errors["broken.html"]
    assert errors["bug.html"] == "RuntimeError: parser bug on purpose"
    with session_scope(settings.database_url) as session:
        status = {p.url.rsplit("/", 1)[-1]: (p.parse_status, p.parse_error) for p in session.scalars(select(RawPage))}
    assert status["broken.html"][0] == "error" and "no <title>" in status["broken.html"][1]
    assert status["art_84418_100001.html"] == ("ok", None)
    assert status["gone.html"] == ("skipped", "HTTP 404: not content")
    assert status["list_1.html"] == ("pending", None)  # list pages are the crawler's business

    # A retry of the run re-tries the failed pages (here: the page was re-stored fixed).
    with session_scope(settings.database_url) as session:
        page = session.scalars(select(RawPage).where(RawPage.url.endswith("broken.html"))).one()
        page.body = zlib.compress(page_html(title="江苏省一人公司扶持政策解读"))
    retry = parse(settings, "r1")
    assert (retry["parsed"], retry["new_versions"], len(retry["errors"])) == (1, 1, 1)


def test_reprint_with_the_same_wenhao_is_republished_not_new(settings: Settings, fake_parser: None) -> None:
    add_pages(settings, raw_page("r1", URL, page_html()), raw_page("r1", OTHER, page_html(), fetched_at=T0 + DAY))
    parse(settings, "r1")
    assert diff(settings, "r1")["by_kind"] == {"policy.new": 1, "policy.republished": 1}
    with session_scope(settings.database_url) as session:
        (reprint,) = list_events(session, kind="policy.republished")
    # The Suzhou portal's page is the nearer to the park's issuer than the province portal's
    # repost, so it announces the policy and the repost is the copy, whichever came first.
    assert reprint["payload"]["url"] == CANONICAL and reprint["payload"]["first_url"] == OTHER


def test_reparse_with_a_better_parser_versions_only_real_changes(
        settings: Settings, fake_parser: None, monkeypatch: pytest.MonkeyPatch) -> None:
    add_pages(settings,
              raw_page("r1", URL, page_html(wan=2000)),
              raw_page("r2", URL, page_html(wan=2500, visits=2), fetched_at=T0 + DAY),
              raw_page("r1", OTHER, page_html(title="苏州市超级个体培育计划", number="苏府〔2026〕9号")))
    parse(settings, "r1")
    parse(settings, "r2")
    assert diff(settings, "r1")["events"] + diff(settings, "r2")["events"] == 3

    def better(body: bytes, **kwargs: Any):  # type: ignore[no-untyped-def]
        policy = fake_parse_document(body, **kwargs)  # now also reads the 文号 into the title
        return policy.model_copy(update={"title": f"{policy.title}（{policy.doc_number}）"}) \
            if "苏园管" in (policy.doc_number or "") else policy

    monkeypatch.setattr(parsers, "parse_document", better)
    result = reparse(settings, "fix1", since=T0 - DAY, now=T0 + 3 * DAY)
    # The SIP page's newest raw page gives new content; the Suzhou page's content is the same.
    assert (result["parsed"], result["new_versions"], result["unchanged"]) == (2, 1, 1)
    assert diff(settings, "fix1")["by_kind"] == {"policy.revised": 1}
    assert versions(settings)[-1] == ("fix1", 3, "25000000")  # built from the newest page, not the older one
    assert reparse(settings, "fix2")["new_versions"] == 0


def test_real_page_parses_into_a_stored_version(settings: Settings) -> None:
    """The real parser on a real saved jiangsu.gov.cn article (not about OPC)."""
    if not hasattr(parsers, "parse_document"):
        pytest.skip("parsers.parse_document is not written yet")
    from conftest import SHARED, shared_file

    body = shared_file(SHARED / "real_pages" / "jiangsu_gov_art_60085_11394426.html").read_bytes()
    url = "https://www.jiangsu.gov.cn/art/2024/10/14/art_60085_11394426.html"
    add_pages(settings, raw_page("real", url, body))
    result = parse(settings, "real")
    assert (result["parsed"], result["new_versions"], result["errors"]) == (1, 1, [])
    assert diff(settings, "real")["by_kind"] == {"policy.new": 1}
    with session_scope(settings.database_url) as session:
        version = session.scalars(select(DocumentVersion)).one()
        assert version.is_opc is False and version.published is not None
        assert version.published.isoformat() == "2024-10-14"


def test_two_concurrent_parses_of_one_run_store_each_version_once(settings: Settings, fake_parser: None) -> None:
    """Airflow may start a retry while the first attempt still runs: unique keys keep one copy."""
    from concurrent.futures import ThreadPoolExecutor

    urls = [f"https://www.jiangsu.gov.cn/art/2026/1/{i}/art_1_{i}.html" for i in range(12)]
    add_pages(settings, *(raw_page("r1", u, page_html(wan=100 + i, number=f"苏政发〔2026〕{i}号"))
                          for i, u in enumerate(urls)))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: parse(settings, "r1"), range(2)))
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda _: diff(settings, "r1"), range(2)))
    assert all(r["errors"] == [] for r in results)
    assert sum(r["new_versions"] for r in results) == 12
    assert sorted(v[2] for v in versions(settings)) == sorted(str((100 + i) * 10_000) for i in range(12))
    assert len(events(settings)) == 12


def test_replica_day_two_raises_the_sip_equity_amount(settings: Settings) -> None:
    """Real parser on the jiangsu.gov.cn replica: 2000万元 on day 1 becomes 3000万元 on day 2."""
    if not hasattr(parsers, "parse_document"):
        pytest.skip("parsers.parse_document is not written yet")
    from replicas.site import SITE_ROOT

    path = "art/2026/1/16/art_60085_11868821.html"
    url = f"https://www.jiangsu.gov.cn/{path}"
    add_pages(settings, raw_page("day1", url, (SITE_ROOT / "day1" / path).read_bytes()))
    assert parse(settings, "day1")["new_versions"] == 1
    assert diff(settings, "day1")["by_kind"] == {"policy.new": 1}
    add_pages(settings, raw_page("day2", url, (SITE_ROOT / "day2" / path).read_bytes(), fetched_at=T0 + DAY))
    assert parse(settings, "day2")["new_versions"] == 1
    diff(settings, "day2")
    with session_scope(settings.database_url) as session:
        changed = list_events(session, run_id="day2", kind="amount.changed")
    assert [(e["payload"]["old"]["value"], e["payload"]["new"]["value"]) for e in changed] == [
        ("20000000", "30000000")]
    assert changed[0]["is_opc"] is True and "OPC" in changed[0]["payload"]["title"]


def test_real_parser_recrawl_with_new_chrome_is_unchanged_and_a_bad_page_is_an_error(settings: Settings) -> None:
    if not hasattr(parsers, "parse_document"):
        pytest.skip("parsers.parse_document is not written yet")
    from replicas.site import SITE_ROOT

    path = "art/2026/1/16/art_60085_11868821.html"
    url = f"http://www.js.gov.cn/{path}"  # the alias host, as some list pages link it
    day1 = (SITE_ROOT / "day1" / path).read_bytes()
    # The CMS regenerated the page: new script bundle, a generation stamp; the article is the same.
    rechromed = day1.replace(b"/static/js/1708171610342270.js", b"/static/js/1737000000000000.js") \
        .replace(b"</body>", b"<!-- generated 2026-01-21 08:00:03 --></body>")
    assert rechromed != day1
    add_pages(settings, raw_page("r1", url, day1),
              raw_page("r1", "https://www.jiangsu.gov.cn/art/empty.html", b""))
    first = parse(settings, "r1")
    assert (first["new_versions"], [e["url"] for e in first["errors"]]) == (
        1, ["https://www.jiangsu.gov.cn/art/empty.html"])
    add_pages(settings, raw_page("r2", f"https://www.jiangsu.gov.cn/{path}", rechromed, fetched_at=T0 + DAY))
    second = parse(settings, "r2")
    assert (second["parsed"], second["new_versions"], second["unchanged"]) == (1, 0, 1)
    assert diff(settings, "r2")["events"] == 0


def test_an_interpretation_of_the_policy_is_a_copy_not_a_second_new_policy(
        settings: Settings, fake_parser: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def with_kind(body: bytes, **kwargs: Any):  # type: ignore[no-untyped-def]
        policy = fake_parse_document(body, **kwargs)
        return policy.model_copy(update={"kind": DocKind.INTERPRETATION}) if "一图读懂" in policy.title else policy

    monkeypatch.setattr(parsers, "parse_document", with_kind)
    add_pages(settings, raw_page("r1", URL, page_html()),
              raw_page("r1", OTHER, page_html(title="一图读懂：苏州工业园区支持一人公司发展的若干措施"), fetched_at=T0 + DAY))
    parse(settings, "r1")
    assert diff(settings, "r1")["by_kind"] == {"policy.new": 1, "policy.republished": 1}
    with session_scope(settings.database_url) as session:
        (copy,) = list_events(session, kind="policy.republished")
        owner = session.get(PolicyRow, copy["payload"]["policy_id"])
        canonical = session.get(Document, owner.canonical_document_id)
    # The policy document is canonical: a 解读 never is while the document itself is known.
    assert (copy["payload"]["url"], copy["payload"]["copy_kind"], canonical.canonical_url) == (
        OTHER, "interpretation", CANONICAL)
