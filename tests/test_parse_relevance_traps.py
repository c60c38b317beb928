"""Look-alikes of OPC that are not the AI-era one-person company (sentences written for these tests)."""

from __future__ import annotations

import pytest

from parsers.relevance import assess_relevance

NOT_OPC = {
    "opc ua only": ("OPC UA技术总结", "OPC UA是新一代工业通信标准。OPC服务器与OPC客户端通过OPC UA通信，"
                    "相比OPC DA更安全。本文总结OPC的信息模型与OPC UA的地址空间。"),
    "india statute": ("Incorporation of One Person Company",
                      "Under the Companies Act, 2013 a One Person Company (OPC) must name a nominee in its "
                      "memorandum. The Registrar will certain the incorporation documents; an OPC must maintain "
                      "a minimum paid-up capital of Rs. 1 lakh before it may convert into a private company."),
    "company law in chinese": ("一人公司股东的连带责任",
                               "一人公司的股东不能证明公司财产独立于股东自己的财产的，应当对公司债务承担连带责任。"
                               "实践中，财产混同是法院判断一人公司人格否认的关键，债权人可据此主张权利。"),
}
OPC = {
    "ai solo venture with a nominee word": (
        "一人公司注册指南",
        "人工智能时代，一人公司（OPC）成为创业新形态。园区为OPC创业者提供注册资本登记、公司法咨询等一站式服务，"
        "并给予算力补贴。"),
    "english opc policy": (
        "Suzhou backs one-person companies",
        "Suzhou will support One Person Companies (OPC) built on AI, with computing vouchers for each OPC founder "
        "and a fund for OPC communities."),
}


@pytest.mark.parametrize("title,body", NOT_OPC.values(), ids=NOT_OPC.keys())
def test_look_alikes_are_not_opc(title: str, body: str) -> None:
    relevance = assess_relevance(title, body)
    assert relevance.is_opc is False, relevance.evidence
    assert any(e.startswith("排除") for e in relevance.evidence)


@pytest.mark.parametrize("title,body", OPC.values(), ids=OPC.keys())
def test_real_opc_pages_stay_opc(title: str, body: str) -> None:
    assert assess_relevance(title, body).is_opc is True
