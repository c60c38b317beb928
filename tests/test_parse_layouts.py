"""Detail pages of every CMS family's replica read right: the layout, not just the Hanweb one.

The meta block (ArticleTitle / PubDate / ContentSource) is a national convention, so its
presence must not send a UCAP, Epoint or intertid page down the Hanweb path; and the Suzhou
PubDate trap must give the labelled 发文日期, not the regeneration stamp.
"""

from __future__ import annotations

import urllib.request
from datetime import date

import pytest

from parsers import parse_document
from replicas import ReplicaServer

CASES = [
    # site, real host, path, title starts with, published, issuer, 文号, is_opc
    ("suzhou_gov", "www.suzhou.gov.cn", "/szsrmzf/szfwj/202412/fd1efdd92405dc1b4653448e892f2830.shtml",
     "苏州市人民政府关于印发苏州市推进新型工业化", date(2024, 12, 20), "苏州市人民政府", "苏府〔2024〕444号", False),  # the replica numbers 文号 per title
    ("suzhou_gov", "www.suzhou.gov.cn", "/szsrmzf/szfwj/202601/fbc75c72a94995e43107ff679fd46e78.shtml",
     "苏州市关于支持人工智能“一人公司（OPC）”", date(2026, 1, 8), "苏州市人民政府", "苏府规字〔2026〕1号", True),
    ("xuzhou_gov", "www.xz.gov.cn", "/001/001004/20260115/bcbbc2c8-3d22-5e10-af11-9592b5bb1490.html",
     "徐州市人民政府关于加快培育人工智能OPC", date(2026, 1, 15), "徐州市人民政府", None, True),
    ("wuxi_jiangyin", "www.jiangyin.gov.cn", "/doc/2026/01/12/4830211.shtml",
     "江阴市关于加快OPC创新社区建设的实施意见", date(2026, 1, 12), "江阴市人民政府", None, True),
    ("gxt_jiangsu", "gxt.jiangsu.gov.cn", "/art/2026/1/23/art_89736_11893007.html",
     "省工业和信息化厅关于开展2026年度省级人工智能OPC社区", date(2026, 1, 23), "江苏省工业和信息化厅", None, True),
]


@pytest.mark.parametrize(("site", "host", "path", "title", "published", "issuer", "doc_number", "is_opc"),
                         CASES, ids=[c[0] + c[2][-12:] for c in CASES])
def test_family_detail_page_reads_right(site: str, host: str, path: str, title: str, published: date,
                                        issuer: str, doc_number: str | None, is_opc: bool) -> None:
    with ReplicaServer(day=1, site=site) as replica:
        body = urllib.request.urlopen(replica.base_url + path, timeout=10).read()
    record = parse_document(body, url=f"https://{host}{path}", source_id=site)
    assert record.title.startswith(title)
    assert record.published == published
    assert record.issuer == issuer
    if doc_number:
        assert record.doc_number == doc_number
    assert record.relevance.is_opc is is_opc
    assert len(record.body_text) > 80
