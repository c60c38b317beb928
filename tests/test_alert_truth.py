"""What a subscriber receives: one alert per policy, changes judged on the policy's own page.

Documents are stored as the parse stage stores them (``store_policy``), then the real diff and
delivery stages run and a JSON webhook on 127.0.0.1 records what arrived, on SQLite and
PostgreSQL. The policies are built from the schema (tests/test_store_factories.py), so these
tests judge identity, events and delivery, not extraction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from alerts_support import Hook, subscribe
from sqlalchemy import select
from test_store_factories import equity, policy

from alerts.deliver import deliver
from models.db import session_scope
from models.store import store_policy
from models.tables import ChangeEvent, Document, PolicyRow
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff
from parsers.schema import Amount, AmountRole, DocKind, Qualifier

T0 = datetime(2026, 1, 20, 8, 0, tzinfo=UTC)
NAME = "苏州工业园区支持人工智能OPC创新创业若干措施"
ISSUER = "https://www.sipac.gov.cn/szgyyq/zcwj/202601/opc.shtml"
REPOST = "https://www.jiangsu.gov.cn/art/2026/1/21/art_60085_1.html"
JIEDU = "https://www.sipac.gov.cn/szgyyq/zcjd/202601/jd.shtml"
NEWS = "https://www.jschina.com.cn/jsxw/202601/t20260122_1.shtml"


def sip(url: str, *, wan: int = 2000, **overrides: Any) -> Any:
    """The park's policy as one outlet carries it."""
    fields: dict[str, Any] = {
        "url": url, "canonical_url": url, "title": f"苏州工业园区管委会关于印发{NAME}的通知",
        "policy_name": NAME, "doc_number": "苏园管〔2026〕3号", "amounts": (equity(wan),), "targets": (),
        "body_text": f"一、设立10亿元基金。二、对优质OPC项目最高给予{wan}万元股权投资。本措施自发布之日起施行。",
    }
    fields.update(overrides)
    return policy(**fields)


def jiedu(**overrides: Any) -> Any:
    return sip(JIEDU, kind=DocKind.INTERPRETATION, title=f"《{NAME}》政策解读", policy_name=None,
               doc_number=None, cites=(NAME,), body_text="问：措施有哪些亮点？答：最高给予2000万元股权投资。",
               **overrides)


def news(url: str = NEWS, wan: int = 2000, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "kind": DocKind.NEWS, "title": "园区出台新政支持人工智能OPC创新创业", "policy_name": None, "doc_number": None,
        "source_id": "jschina_news", "published": date(2026, 1, 22),
        "body_text": f"记者获悉，园区日前出台若干措施，对优质项目最高给予{wan}万元股权投资。"}
    return sip(url, wan=wan, **{**fields, **overrides})


def store_run(settings: Settings, run_id: str, *policies: Any, at: datetime = T0) -> dict[str, Any]:
    with session_scope(settings.database_url) as session:
        for item in policies:
            store_policy(session, item, run_id=run_id, parser_version="t", now=at)
    return diff(settings, run_id, now=at)


def titles(hook: Hook, path: str) -> list[str]:
    return [message["title"] for message in hook.on(path)]


def test_one_policy_from_four_outlets_is_one_new_policy_alert_and_one_change_alert(
        settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("all"), doc_kinds=["all"], opc_only=False)
    subscribe(settings, url=hook.url("default"))
    # The newspaper links the original (原文链接); the repost and the 解读 name it.
    day1 = store_run(settings, "d1", news(links=(ISSUER,)), sip(REPOST), jiedu(), sip(ISSUER))
    assert day1["by_kind"] == {"policy.new": 1, "policy.republished": 3}
    deliver(settings, "d1", now=T0)
    assert titles(hook, "all") == titles(hook, "default") == [f"【新政策】苏州工业园区：苏州工业园区管委会关于印发{NAME}的通知"]
    assert ISSUER in hook.on("all")[0]["message"]  # announced from the issuer's own page

    with session_scope(settings.database_url) as session:
        (row,) = session.scalars(select(PolicyRow).where(PolicyRow.doc_number.is_not(None)))
        documents = {d.canonical_url: d for d in session.scalars(select(Document).where(Document.policy_id == row.id))}
        assert set(documents) == {ISSUER, REPOST, JIEDU, NEWS}
        assert documents[ISSUER].id == row.canonical_document_id
        assert "原文链接" in (documents[NEWS].link_evidence or "") or "原文链接" in (documents[ISSUER].link_evidence or "")

    # Day 2: every outlet is edited. Only the issuer's page decides: one change alert; a new
    # report that still says 2000万 is a copy, not a change back.
    later = T0 + timedelta(days=1)
    day2 = store_run(settings, "d2", sip(REPOST, wan=3000), sip(ISSUER, wan=3000),
                     news("https://www.yzwb.net/news/1.html", wan=2000), at=later)
    assert day2["by_kind"] == {"amount.changed": 1, "policy.republished": 1}
    deliver(settings, "d2", now=later)
    change = hook.on("all")[1]
    assert change["title"].startswith("【金额变化】")
    assert "最高2000万元 → 3000万元" in change["message"] and "最高给予3000万元股权投资" in change["message"]
    assert len(hook.on("all")) == len(hook.on("default")) == 2


def test_shared_wenhao_with_an_unrelated_title_links_nothing(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("new"), event_kinds=["policy.new"], opc_only=False)
    unrelated = policy(url="https://www.nanjing.gov.cn/a/39.html", canonical_url="https://www.nanjing.gov.cn/a/39.html",
                       title="南京市人民政府办公厅关于印发南京市农村人居环境整治提升工作方案的通知",
                       doc_number="宁政办规〔2026〕2号", region_code="320100", region_name="南京市", amounts=())
    opc = policy(url="https://www.nanjing.gov.cn/a/479.html", canonical_url="https://www.nanjing.gov.cn/a/479.html",
                 title="南京市人民政府办公厅关于印发南京市支持人工智能OPC创新发展若干措施的通知",
                 doc_number="宁政办规〔2026〕2号", region_code="320100", region_name="南京市")
    assert store_run(settings, "r1", unrelated, opc)["by_kind"] == {"policy.new": 2}
    deliver(settings, "r1", now=T0)
    assert len(hook.on("new")) == 2


def test_a_b_a_is_two_amount_changes(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("changes"), event_kinds=["amount.changed"])
    for day, wan in enumerate((2000, 3000, 2000)):
        store_run(settings, f"d{day}", sip(ISSUER, wan=wan), at=T0 + timedelta(days=day))
        deliver(settings, f"d{day}", now=T0 + timedelta(days=day))
    messages = [m["message"] for m in hook.on("changes")]
    assert len(messages) == 2
    assert "2000万元 → 3000万元" in messages[0] and "3000万元 → 2000万元" in messages[1]


def test_a_city_subscriber_gets_the_province_s_policy_unless_only_issued_here(
        settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("suzhou"), regions=["苏州"])
    subscribe(settings, url=hook.url("here"), regions=["苏州"], issued_here_only=True)
    subscribe(settings, url=hook.url("nanjing"), regions=["南京"])
    province = policy(url="https://www.jiangsu.gov.cn/art/12.html", canonical_url="https://www.jiangsu.gov.cn/art/12.html",
                      title="江苏省支持人工智能OPC创新创业的若干措施", doc_number="苏政办发〔2026〕1号",
                      region_code="320000", region_name="江苏省")
    city = sip(ISSUER)
    store_run(settings, "r1", province, city)
    deliver(settings, "r1", now=T0)
    assert sorted(titles(hook, "suzhou")) == sorted([
        "【新政策】江苏省：江苏省支持人工智能OPC创新创业的若干措施",
        f"【新政策】苏州工业园区：苏州工业园区管委会关于印发{NAME}的通知"])
    assert titles(hook, "here") == [f"【新政策】苏州工业园区：苏州工业园区管委会关于印发{NAME}的通知"]
    assert titles(hook, "nanjing") == ["【新政策】江苏省：江苏省支持人工智能OPC创新创业的若干措施"]


def statistic(yi: int) -> Amount:
    return Amount(value=Decimal(yi) * 10**8, qualifier=Qualifier.AT_LEAST, role=AmountRole.STATISTIC,
                  phrase=f"全市数字经济规模达到{yi}亿元", key="全市数字经济规模达到#亿元")


def test_statistics_never_count_for_min_amount_nor_show_as_key_amounts(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("big"), regions=["苏州"], min_amount="1000万", doc_kinds=["all"])
    subscribe(settings, url=hook.url("any"), regions=["苏州"], doc_kinds=["all"])
    feature = news(title="园区数字经济发展综述", amounts=(statistic(2000), equity(50)), links=())
    store_run(settings, "r1", feature)
    deliver(settings, "r1", now=T0)
    assert hook.on("big") == []
    [message] = hook.on("any")
    assert "50万元" in message["message"] and "2000亿元" not in message["message"]


def test_news_and_event_reports_are_not_policy_alerts_by_default(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("default"))
    subscribe(settings, url=hook.url("news"), doc_kinds=["news", "event"])
    meeting = news("https://www.suzhou.gov.cn/hd/1.html", kind=DocKind.EVENT, title="园区召开2026年经济工作推进会",
                   links=(), amounts=())
    store_run(settings, "r1", news(links=()), meeting)
    deliver(settings, "r1", now=T0)
    assert hook.on("default") == []
    assert len(hook.on("news")) == 2


def test_a_report_before_the_policy_reaches_each_subscriber_once(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("all"), doc_kinds=["all"])
    subscribe(settings, url=hook.url("default"))
    store_run(settings, "d1", jiedu())  # the 解读 is crawled a day before the document
    deliver(settings, "d1", now=T0)
    store_run(settings, "d2", sip(ISSUER), at=T0 + timedelta(days=1))
    deliver(settings, "d2", now=T0 + timedelta(days=1))
    assert titles(hook, "all") == [f"【新政策】苏州工业园区：《{NAME}》政策解读"]
    assert titles(hook, "default") == [f"【新政策】苏州工业园区：苏州工业园区管委会关于印发{NAME}的通知"]


def test_an_application_deadline_gives_one_reminder(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("default"))
    notice = sip("https://www.sipac.gov.cn/tzgg/1.html", kind=DocKind.APPLICATION, policy_name=None,
                 title="关于组织申报2026年度园区OPC创新创业项目的通知", doc_number=None,
                 deadline=date(2026, 1, 23))
    # T0 is 2026-01-20: three days before the deadline, so the same run reminds.
    assert store_run(settings, "d1", notice)["by_kind"] == {"deadline.reminder": 1, "policy.new": 1}
    assert store_run(settings, "d2", at=T0 + timedelta(hours=6))["by_kind"] == {}  # once only
    deliver(settings, "d1", now=T0)
    assert titles(hook, "default") == [
        "【新政策】苏州工业园区：关于组织申报2026年度园区OPC创新创业项目的通知",
        "【申报截止提醒】苏州工业园区：关于组织申报2026年度园区OPC创新创业项目的通知"]
    assert "申报截止 2026-01-23，还剩 3 天" in hook.on("default")[1]["message"]


def test_a_new_policy_that_repeals_an_old_one_supersedes_it(settings: Settings) -> None:
    old = sip("https://www.sipac.gov.cn/zcwj/2020.shtml", title="苏州工业园区创业扶持办法", policy_name="苏州工业园区创业扶持办法",
              doc_number="苏园管〔2020〕8号", published=date(2020, 3, 1))
    store_run(settings, "r0", old)
    new = sip(ISSUER, supersedes=("苏州工业园区创业扶持办法",))
    assert store_run(settings, "r1", new, at=T0 + timedelta(days=1))["by_kind"] == {
        "policy.new": 1, "policy.superseded": 1}
    with session_scope(settings.database_url) as session:
        event = session.scalars(select(ChangeEvent).where(ChangeEvent.kind == "policy.superseded")).one()
        assert event.payload["title"] == "苏州工业园区创业扶持办法"
        assert event.payload["superseded_by"]["url"] == ISSUER


def test_the_crawl_stores_content_seen_before_when_it_comes_back(database_url: str) -> None:
    """2000万 -> 3000万 -> 2000万: the third fetch equals the first but not the latest, so it is
    stored (and parsed) again; fetched twice in one run it is still stored once."""
    from crawlers.items import FetchedPage
    from crawlers.storage import store_page
    from models.tables import RawPage

    def fetched(wan: int) -> FetchedPage:
        body = f"<html><title>园区若干措施</title><p>最高给予{wan}万元股权投资</p></html>".encode()
        return FetchedPage(source_id="sipac_gov", url=ISSUER, final_url=ISSUER, status=200,
                           headers={"content-type": "text/html; charset=utf-8"}, body=body)

    stored = [store_page(database_url, run, fetched(wan), T0 + timedelta(days=day))
              for day, (run, wan) in enumerate((("d1", 2000), ("d2", 3000), ("d3", 2000), ("d3", 2000), ("d4", 2000)))]
    assert stored == [True, True, True, False, False]
    with session_scope(database_url) as session:
        runs = [run for run, in session.execute(select(RawPage.run_id).order_by(RawPage.id))]
    assert runs == ["d1", "d2", "d3"]


def test_one_name_in_two_cities_is_two_policies(database_url: str) -> None:
    """关于加快…的若干意见 names no place: Suzhou's and Nanjing's are different policies."""
    title = "关于加快人工智能OPC创新发展的若干意见"
    with session_scope(database_url) as session:
        for url, code, name in (("https://www.suzhou.gov.cn/a.html", "320500", "苏州市"),
                                ("https://www.nanjing.gov.cn/b.html", "320100", "南京市")):
            store_policy(session, policy(url=url, canonical_url=url, title=title, policy_name=title, doc_number=None,
                                         region_code=code, region_name=name), run_id="r1", parser_version="t", now=T0)
    with session_scope(database_url) as session:
        assert len(set(session.scalars(select(Document.policy_id)))) == 2


def test_a_target_change_and_a_revision_say_what_changed(settings: Settings, hook: Hook) -> None:
    from parsers.schema import Comparator, Target

    def goal(n: int) -> Target:
        return Target(year=2028, metric="OPC社区", value=Decimal(n), comparator=Comparator.GE,
                      phrase=f"到2028年建成OPC社区不少于{n}个")

    subscribe(settings, url=hook.url("all"), event_kinds=["target.changed", "policy.revised", "effective_period.changed"])
    store_run(settings, "d1", sip(ISSUER, targets=(goal(800),)))
    later = T0 + timedelta(days=1)
    store_run(settings, "d2", sip(ISSUER, targets=(goal(1000),)), at=later)
    extended = sip(ISSUER, targets=(goal(1000),), effective_until=date(2028, 12, 31),
                   body_text="二、对优质OPC项目最高给予2000万元股权投资。本措施自发布之日起施行，有效期至2028年12月31日。")
    store_run(settings, "d3", extended, at=later + timedelta(days=1))
    renamed = extended.model_copy(update={"doc_number": "苏园管〔2026〕5号"})
    store_run(settings, "d4", renamed, at=later + timedelta(days=2))
    for run in ("d2", "d3", "d4"):
        deliver(settings, run, now=later)
    target, period, revised = (m["message"] for m in hook.on("all"))
    assert "2028年OPC社区不少于800 → 2028年OPC社区不少于1000" in target and "到2028年建成OPC社区不少于1000个" in target
    assert "（未写明） → 至 2028-12-31" in period and "有效期至2028年12月31日" in period
    assert "**文号**：苏园管〔2026〕3号 → 苏园管〔2026〕5号" in revised


def test_a_national_policy_applies_in_every_region(settings: Settings, hook: Hook) -> None:
    from parsers import parse_text

    text = ("国务院办公厅关于支持一人公司（OPC）创新发展的指导意见\n国办发〔2026〕9号\n各省、自治区、直辖市人民政府：\n"
            "为支持一人公司创新发展，现提出以下意见。对符合条件的OPC创业者给予最高10万元创业补贴。\n国务院办公厅\n2026年1月30日")
    national = parse_text(text, url="https://www.gov.cn/zhengce/content/202601/opc.htm", source_id="gov_cn")
    assert (national.region_code, national.region_name, national.kind.value) == ("100000", "全国", "policy")
    subscribe(settings, url=hook.url("suzhou"), regions=["苏州工业园区"])
    subscribe(settings, url=hook.url("here"), regions=["苏州工业园区"], issued_here_only=True)
    store_run(settings, "r1", national)
    deliver(settings, "r1", now=T0)
    assert titles(hook, "suzhou") == ["【新政策】全国：国务院办公厅关于支持一人公司（OPC）创新发展的指导意见"]
    assert hook.on("here") == []
