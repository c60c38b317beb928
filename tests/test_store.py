"""models.store, models.queries and run bookkeeping on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from test_store_factories import CANONICAL, T0, URL, equity, policy, raw_page, rent

from models.db import session_scope
from models.queries import get_policy, list_events, list_policies, run_summary
from models.store import canonicalize_url, store_policy
from models.tables import Document, DocumentVersion, PolicyRow, RawPage, Run
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff
from opcwatch.stages.runs import finish_run, new_run_id, start_run


@pytest.mark.parametrize(("url", "expected"), [
    ("http://www.js.gov.cn/art/1.html", "https://www.jiangsu.gov.cn/art/1.html"),
    ("HTTPS://WWW.Jiangsu.GOV.cn:443/art/1.html#top", "https://www.jiangsu.gov.cn/art/1.html"),
    ("http://www.suzhou.gov.cn/szsrmzf/a.shtml?id=7", "https://www.suzhou.gov.cn/szsrmzf/a.shtml?id=7"),
    ("http://127.0.0.1:8765/x", "https://127.0.0.1:8765/x"),
])
def test_canonical_url_forces_https_lowercases_host_and_aliases_js_gov_cn(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def store(url: str, p=None, *, run_id: str = "r1", now: datetime = T0):  # type: ignore[no-untyped-def]
    with session_scope(url) as session:
        return store_policy(session, p or policy(), run_id=run_id, parser_version="test", now=now)


def count(url: str, table) -> int:  # type: ignore[no-untyped-def]
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_same_policy_stored_twice_is_one_document_one_version(database_url: str) -> None:
    first = store(database_url)
    again = store(database_url, policy(url=CANONICAL, canonical_url=CANONICAL), run_id="r2")
    assert (first.status, again.status) == ("new", "unchanged")
    assert first.document_id == again.document_id and first.version_no == again.version_no == 1
    assert (count(database_url, Document), count(database_url, DocumentVersion)) == (1, 1)
    with session_scope(database_url) as session:
        doc = session.scalars(select(Document)).one()
        assert doc.canonical_url == CANONICAL
        owner = session.get(PolicyRow, doc.policy_id)
        assert (owner.key, owner.doc_number, owner.canonical_document_id) == (CANONICAL, "苏园管〔2026〕3号", doc.id)


def test_changed_content_appends_a_version_and_a_revert_appends_another(database_url: str) -> None:
    a, b = policy(), policy(amounts=(equity(3000), rent(1500)))
    results = [store(database_url, p, run_id=f"r{i}") for i, p in enumerate((a, b, a, a))]
    assert [r.status for r in results] == ["new", "new", "new", "unchanged"]
    assert [r.version_no for r in results] == [1, 2, 3, 3]
    with session_scope(database_url) as session:
        versions = session.scalars(select(DocumentVersion).order_by(DocumentVersion.version_no)).all()
        assert [str(v.max_amount_yuan.normalize()) for v in versions] == ["2E+7", "3E+7", "2E+7"]
        assert versions[1].record["amounts"][0]["phrase"] == "最高给予3000万元股权投资"


def test_a_page_fetched_before_the_latest_version_s_page_is_stale(database_url: str) -> None:
    with session_scope(database_url) as session:
        old = RawPage(**raw_page("r1", URL, b"old", fetched_at=T0))
        new = RawPage(**raw_page("r2", URL, b"new", fetched_at=T0 + timedelta(days=1)))
        session.add_all([old, new])
        session.flush()
        newer = store_policy(session, policy(amounts=(equity(3000),)), run_id="r2", parser_version="t",
                             now=T0, raw_page_id=new.id, fetched_at=new.fetched_at)
        older = store_policy(session, policy(amounts=(equity(2000),)), run_id="r1", parser_version="t",
                             now=T0, raw_page_id=old.id, fetched_at=old.fetched_at)
    assert (newer.status, older.status) == ("new", "stale")
    assert count(database_url, DocumentVersion) == 1


def test_reprints_share_a_policy_and_an_unrelated_title_with_the_same_wenhao_does_not(database_url: str) -> None:
    store(database_url)
    store(database_url, policy(url="https://www.sipac.gov.cn/a/1.html", canonical_url="https://www.sipac.gov.cn/a/1.html"))
    store(database_url, policy(url="https://news.example.cn/2.html", canonical_url="https://news.example.cn/2.html",
                               doc_number=None))
    # A filler notice that reuses the 文号 (a typo on a real site) is another policy.
    store(database_url, policy(url="https://www.sipac.gov.cn/a/9.html", canonical_url="https://www.sipac.gov.cn/a/9.html",
                               title="苏州工业园区农村人居环境整治提升工作方案", amounts=(), targets=()))
    with session_scope(database_url) as session:
        groups = {}
        for doc in session.scalars(select(Document).order_by(Document.id)):
            groups.setdefault(doc.policy_id, []).append((doc.canonical_url, doc.link_evidence))
    assert count(database_url, Document) == 4
    assert len(groups) == 2
    first, second = groups.values()
    assert [url for url, _ in first] == [CANONICAL, "https://www.sipac.gov.cn/a/1.html", "https://news.example.cn/2.html"]
    assert "同名政策" in first[1][1] and "同名政策" in first[2][1]
    assert second == [("https://www.sipac.gov.cn/a/9.html", "首个文档 / first document of this policy")]


def _seed_three_documents(database_url: str) -> None:
    store(database_url, policy(amounts=(equity(2000),)), run_id="r1")
    store(database_url, policy(amounts=(equity(3000),)), run_id="r2")  # version 2 of the SIP page
    store(database_url, policy(url="https://www.nanjing.gov.cn/1.html", canonical_url="https://www.nanjing.gov.cn/1.html",
                               title="南京市关于促进超级个体发展的实施意见", doc_number="宁政发〔2026〕1号",
                               region_code="320100", region_name="南京市", published=date(2025, 12, 1)), run_id="r1")
    store(database_url, policy(url="https://www.suzhou.gov.cn/n.html", canonical_url="https://www.suzhou.gov.cn/n.html",
                               title="苏州举办工业互联网OPC UA培训", doc_number=None, region_code="320500",
                               region_name="苏州市", published=date(2026, 1, 15), amounts=(), targets=(),
                               relevance=policy().relevance.model_copy(update={"is_opc": False})), run_id="r1")


def test_list_policies_latest_version_filters_and_chinese_text(database_url: str) -> None:
    _seed_three_documents(database_url)
    with session_scope(database_url) as session:
        everything = list_policies(session)
        opc = list_policies(session, opc_only=True)
        suzhou = list_policies(session, region="苏州")
        sip = list_policies(session, region="320571")
        sip_only = list_policies(session, region="320571", issued_here_only=True)
        recent = list_policies(session, since=date(2026, 1, 1), opc_only=True)
        with pytest.raises(ValueError, match="火星"):
            list_policies(session, region="火星")
    assert [r["title"] for r in everything] == [
        "苏州举办工业互联网OPC UA培训", "苏州工业园区支持一人公司（OPC）发展的若干措施", "南京市关于促进超级个体发展的实施意见"]
    sip_row = everything[1]
    assert (sip_row["version_no"], sip_row["max_amount_yuan"], sip_row["url"]) == (2, "30000000", CANONICAL)
    assert sip_row["amounts"][0]["phrase"] == "最高给予3000万元股权投资"
    assert [r["region_name"] for r in opc] == ["苏州工业园区", "南京市"]
    assert {r["region_code"] for r in suzhou} == {"320500", "320571"}  # the park lies inside Suzhou
    # What applies in the park: its own policies and Suzhou's (the city contains it).
    assert [r["region_code"] for r in sip] == ["320500", "320571"]
    assert [r["region_code"] for r in sip_only] == ["320571"]
    assert [r["region_code"] for r in recent] == ["320571"]
    assert "一人公司" in json.dumps(everything, ensure_ascii=False)


def test_get_policy_by_id_or_any_spelling_of_its_url_with_versions_and_events(database_url: str) -> None:
    _seed_three_documents(database_url)
    settings = Settings(data_dir=None, database_url=database_url)  # type: ignore[arg-type]
    diff(settings, "r1")
    diff(settings, "r2")
    with session_scope(database_url) as session:
        by_url = get_policy(session, URL)  # http + www.js.gov.cn spelling
        assert by_url is not None
        by_id = get_policy(session, str(by_url["id"]))
        missing = get_policy(session, "https://nowhere.example/1.html")
        events = list_events(session, kind="amount")
        r1_events = list_events(session, run_id="r1")
    assert missing is None and by_id == by_url
    assert [v["version_no"] for v in by_url["versions"]] == [1, 2]
    assert [e["kind"] for e in by_url["events"]] == ["policy.new", "amount.changed"]
    assert by_url["record"]["title"] == "苏州工业园区支持一人公司（OPC）发展的若干措施"
    assert [(e["payload"]["old"]["value"], e["payload"]["new"]["value"]) for e in events] == [("20000000", "30000000")]
    assert sorted(e["payload"]["title"] for e in r1_events) == sorted(
        ["苏州工业园区支持一人公司（OPC）发展的若干措施", "南京市关于促进超级个体发展的实施意见", "苏州举办工业互联网OPC UA培训"])


def test_runs_upsert_finish_and_summary(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    run_id = new_run_id("manual", datetime(2026, 1, 20, 16, 0, tzinfo=UTC).astimezone())
    assert run_id.startswith("20260120T160000Z-manual-") and len(run_id) == len("20260120T160000Z-manual-3f2a")
    assert start_run(settings, "manual", {"sources": ["jiangsu_gov"]}, run_id=run_id, now=T0) == run_id
    finish_run(settings, run_id, "failed", now=T0 + timedelta(minutes=5))
    assert start_run(settings, "manual", run_id=run_id, now=T0 + timedelta(hours=1)) == run_id  # a retry
    with session_scope(database_url) as session:
        run = session.get(Run, run_id)
        assert (run.status, run.finished_at, run.params) == ("running", None, {"sources": ["jiangsu_gov"]})
    finish_run(settings, run_id, now=T0 + timedelta(hours=2))
    with pytest.raises(LookupError):
        finish_run(settings, "no-such-run")
    store(database_url, run_id=run_id)
    diff(settings, run_id)
    with session_scope(database_url) as session:
        summary = run_summary(session, run_id)
    assert (summary["status"], summary["kind"], summary["versions"]) == ("ok", "manual", 1)
    assert summary["events"] == {"total": 1, "by_kind": {"policy.new": 1}}
    assert summary["started_at"].startswith("2026-01-20T08:00")
