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


# A page head that writes its 文号 as a labelled line, not in a label/value table (written for this test).
LABELLED_HEAD = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市支持一人公司发展的若干措施</title>{meta}</head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a></div>
<div class="article"><h1>某市支持一人公司发展的若干措施</h1>
<div class="info">发布机构：某市人民政府办公室&#12288;{label}&#12288;发布日期：2026-02-03</div>
<div id="zoom"><p>各区人民政府，各有关部门：</p><p>为培育一人公司，现制定如下措施。对新认定的OPC社区给予最高100万元奖励。</p>
<p>本措施自2026年3月1日起施行。根据《某省关于促进一人公司发展的意见》（某政发〔2025〕7号）制定。</p></div></div></body></html>"""


@pytest.mark.parametrize(("meta", "label", "expected"), [
    ("", "文号：某政办发〔2026〕3号", "某政办发〔2026〕3号"),
    ("", "发文字号：某政办发[2026]3号", "某政办发〔2026〕3号"),
    ('<meta name="WebId" content="1"><meta name="ColumnName" content="政策文件">',
     "文号：某政办发（2026）3号", "某政办发〔2026〕3号"),  # a Hanweb page without its table
    ("", "文号：无", None),  # no number is no number, and the cited 某政发〔2025〕7号 is not the page's
])
def test_a_labelled_doc_number_line_in_the_page_head_is_the_pages_own(meta: str, label: str,
                                                                       expected: str | None) -> None:
    body = LABELLED_HEAD.format(meta=meta, label=label).encode()
    record = parse_document(body, url="https://www.example.gov.cn/art/2026/2/3/art_1_1.html", source_id="t")
    assert record.doc_number == expected
