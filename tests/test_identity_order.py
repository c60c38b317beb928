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
    return policy(url=url, canonical_url=url, region_code="320500", region_name="苏州市", amounts=(), targets=(),
                  **fields)


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
