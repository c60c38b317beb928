"""Policy identity does not depend on the order pages are stored in.

The same documents are stored in every order into fresh SQLite stores; after the last one the
policies must group the same documents under the same canonical title every time. The case
that used to split (issue 12): 一图读懂《若干措施》 names 若干措施 in its title and cites a
《行动方案》 in its body; stored after the 行动方案 and before the 若干措施, it joined the
行动方案.
"""

from __future__ import annotations

import shutil
from datetime import date
from itertools import permutations
from pathlib import Path

from sqlalchemy import select
from test_store_factories import T0, policy

from models.db import dispose_all, get_engine, session_scope
from models.store import store_policy
from models.tables import Document, PolicyRow
from parsers.schema import DocKind, Policy

MEASURES = "支持一人公司发展的若干措施"
PLAN = "苏州市人工智能产业创新发展行动方案"


def _doc(url: str, **fields: object) -> Policy:
    defaults: dict[str, object] = {"region_code": "320500", "region_name": "苏州市", "amounts": (), "targets": ()}
    return policy(url=url, canonical_url=url, **{**defaults, **fields})


DOCUMENTS = {
    "measures": _doc("https://www.suzhou.gov.cn/zfxxgk/a/1.html", title=f"苏州市人民政府关于印发《{MEASURES}》的通知",
                     policy_name=MEASURES, doc_number="苏府〔2026〕1号", published=date(2026, 1, 10)),
    "measures repost": _doc("https://www.jiangsu.gov.cn/art/2026/1/11/art_1_2.html",
                            title=f"苏州市人民政府关于印发《{MEASURES}》的通知", policy_name=MEASURES,
                            doc_number="苏府〔2026〕1号", published=date(2026, 1, 11)),
    "plan": _doc("https://www.suzhou.gov.cn/zfxxgk/a/2.html", title=PLAN, policy_name=PLAN,
                 doc_number="苏府〔2026〕2号", published=date(2026, 1, 5)),
    # Names the 若干措施 in its title, cites the 行动方案 in its body: it is about the former.
    "infographic": _doc("https://www.suzhou.gov.cn/zcjd/3.html", title=f"一图读懂《{MEASURES}》",
                        kind=DocKind.INTERPRETATION, doc_number=None, cites=(MEASURES, PLAN),
                        published=date(2026, 1, 12)),
    "plan news": _doc("https://news.example.cn/4.html", title=f"《{PLAN}》正式发布", kind=DocKind.NEWS,
                      doc_number=None, published=date(2026, 1, 6)),
}
EXPECTED = {
    frozenset({"measures", "measures repost", "infographic"}): f"苏州市人民政府关于印发《{MEASURES}》的通知",
    frozenset({"plan", "plan news"}): PLAN,
}


def grouping(database_url: str) -> dict[frozenset[str], str]:
    """{the documents (by their names above) of each policy with any: its title}."""
    name_of = {p.canonical_url: name for name, p in DOCUMENTS.items()}
    with session_scope(database_url) as session:
        members: dict[int, set[str]] = {}
        for url, policy_id in session.execute(select(Document.canonical_url, Document.policy_id)):
            members.setdefault(policy_id, set()).add(name_of[url])
        titles = dict(session.execute(select(PolicyRow.id, PolicyRow.title)).tuples().all())
    return {frozenset(names): titles[policy_id] for policy_id, names in members.items()}


def test_every_store_order_groups_the_documents_the_same_way(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    get_engine(f"sqlite:///{empty}")  # the schema once; each order starts from a copy of it
    dispose_all()
    seen: dict[frozenset[frozenset[str]], list[tuple[str, ...]]] = {}
    for number, order in enumerate(permutations(DOCUMENTS)):
        copy = shutil.copyfile(empty, tmp_path / f"order{number}.db")
        database_url = f"sqlite:///{copy}"
        for name in order:
            with session_scope(database_url) as session:
                store_policy(session, DOCUMENTS[name], run_id="r1", parser_version="test", now=T0)
        result = grouping(database_url)
        dispose_all()
        assert result == EXPECTED, order
        seen.setdefault(frozenset(result), []).append(order)
    assert len(seen) == 1


BODY = ("为加快培育一人公司和超级个体，结合本地实际，制定如下措施。一、对新注册的一人公司给予开办补贴，最高不超过5万元。"
        "二、对入驻OPC社区的一人公司，三年内按实际租金给予50%补贴。三、设立超级个体创业基金，单个项目最高支持200万元。"
        "四、对年营收首次突破500万元的一人公司，一次性奖励10万元。五、建设公共算力平台，对一人公司按使用费用的30%给予补助。"
        "六、鼓励金融机构为一人公司提供信用贷款，市级财政按贷款利息的50%给予贴息。"
        "七、本措施自发布之日起施行，有效期三年，由市工业和信息化局负责解释。")


def test_a_repost_with_the_same_body_joins_by_minhash_and_another_body_does_not(sqlite_url: str) -> None:
    original = _doc("https://www.suzhou.gov.cn/zfxxgk/b/1.html", title="苏州市支持一人公司发展的若干措施",
                    doc_number=None, body_text=BODY)
    # Another title wrapper (so no shared name) and the same text with a different tail.
    repost = _doc("https://news.example.cn/b/2.html", title="苏州出台支持一人公司发展若干措施（全文）", kind=DocKind.NEWS,
                  doc_number=None, body_text=BODY + "来源：苏州日报")
    unrelated = _doc("https://news.example.cn/b/3.html", title="苏州出台支持一人公司发展若干措施解读会召开", kind=DocKind.NEWS,
                     doc_number=None, body_text="".join(reversed(BODY)), region_code="320200")
    for doc in (original, repost, unrelated):
        with session_scope(sqlite_url) as session:
            store_policy(session, doc, run_id="r1", parser_version="test", now=T0)
    with session_scope(sqlite_url) as session:
        rows = {url: (policy_id, evidence) for url, policy_id, evidence in session.execute(
            select(Document.canonical_url, Document.policy_id, Document.link_evidence))}
    assert rows[repost.canonical_url][0] == rows[original.canonical_url][0]
    assert "正文近似" in (rows[repost.canonical_url][1] or "")
    assert rows[unrelated.canonical_url][0] != rows[original.canonical_url][0]


def test_another_citys_copy_of_the_same_measures_is_a_policy_of_its_own(database_url: str) -> None:
    """Cities copy each other's measures nearly word for word; each is new where it is issued.
    A repost of the same document (same place, same 文号 or none) still joins."""
    suzhou = _doc("https://www.suzhou.gov.cn/zfxxgk/c/1.html", title="苏州市支持一人公司发展的若干措施",
                  doc_number="苏府〔2026〕8号", body_text=BODY)
    repost = _doc("https://www.jiangsu.gov.cn/art/2026/1/12/art_9_1.html", title="苏州市支持一人公司发展的若干措施",
                  doc_number="苏府〔2026〕8号", region_code="320000", region_name="江苏省", body_text=BODY + "来源：苏州市政府")
    wuhan = _doc("https://www.wuhan.gov.cn/zwgk/c/2.html", title="武汉市支持一人公司发展的若干措施",
                 doc_number=None, region_code="420100", region_name="武汉市", body_text=BODY)
    park = _doc("https://www.sipac.gov.cn/zwgk/c/3.html", title="苏州工业园区支持一人公司发展的若干措施",
                doc_number="苏园管〔2026〕5号", region_code="320571", region_name="苏州工业园区", body_text=BODY)
    for doc in (suzhou, repost, wuhan, park):
        with session_scope(database_url) as session:
            store_policy(session, doc, run_id="r1", parser_version="test", now=T0)
    with session_scope(database_url) as session:
        policy_of = dict(session.execute(select(Document.canonical_url, Document.policy_id)).tuples().all())
    assert policy_of[repost.canonical_url] == policy_of[suzhou.canonical_url]
    assert len({policy_of[suzhou.canonical_url], policy_of[wuhan.canonical_url], policy_of[park.canonical_url]}) == 3


def test_this_years_notice_under_last_years_name_is_a_new_policy(database_url: str) -> None:
    """Application rounds reuse their name every year; a new 文号 is a new round founders must hear
    of. The same name and number on a portal's repost is the same document."""
    name = "关于开展OPC社区认定工作的通知"
    last_year = _doc("https://www.suzhou.gov.cn/zfxxgk/d/1.html", title=f"苏州市工业和信息化局{name}", policy_name=name,
                     kind=DocKind.APPLICATION, doc_number="苏工信〔2025〕40号", published=date(2025, 3, 1))
    this_year = _doc("https://www.suzhou.gov.cn/zfxxgk/d/2.html", title=f"苏州市工业和信息化局{name}", policy_name=name,
                     kind=DocKind.APPLICATION, doc_number="苏工信〔2026〕12号", published=date(2026, 3, 2))
    repost = _doc("https://www.jiangsu.gov.cn/art/2026/3/3/art_7_1.html", title=f"苏州市工业和信息化局{name}",
                  policy_name=name, kind=DocKind.APPLICATION, doc_number="苏工信〔2026〕12号", published=date(2026, 3, 3))
    for doc in (last_year, this_year, repost):
        with session_scope(database_url) as session:
            store_policy(session, doc, run_id="r1", parser_version="test", now=T0)
    with session_scope(database_url) as session:
        policy_of = dict(session.execute(select(Document.canonical_url, Document.policy_id)).tuples().all())
    assert policy_of[repost.canonical_url] == policy_of[this_year.canonical_url]
    assert policy_of[this_year.canonical_url] != policy_of[last_year.canonical_url]
