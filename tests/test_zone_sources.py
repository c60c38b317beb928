"""The zones the news names are sources of their own, with the zone's region code, so a
subscription to the parent city (南通) or to the zone itself gets their policies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crawlers.registry import sources_by_id
from crawlers.runner import crawl
from models.db import session_scope
from models.tables import DocumentVersion
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from opcwatch.stages.parse import parse
from parsers.regions import is_within
from replicas import ReplicaServer

ZONES = {
    "sipac_gov": "320571",  # 苏州工业园区
    "nanjing_jbxq": "320100Z01",  # 南京江北新区
    "nanjing_jianye": "320105",  # 建邺区
    "wuxi_xinwu": "320214",  # 无锡高新区 / 新吴区
    "nantong_cxq": "320600Z01",  # 南通创新区
    "lyg_haizhou": "320706",  # 连云港海州区
}


def test_every_zone_the_news_names_has_a_source_with_its_region() -> None:
    registry = sources_by_id([DEFAULT_REGISTRY])
    assert {sid: registry[sid].region_code for sid in ZONES} == ZONES
    for code in ZONES.values():
        assert is_within(code, "320000")


@pytest.mark.slow
def test_nantong_innovation_zone_entry_crawls_and_its_opc_page_is_the_zones(sqlite_settings: Settings) -> None:
    with ReplicaServer(day=1, site="nantong_gov") as replica:
        settings = sqlite_settings.with_(host_map=replica.host_map)
        summary = crawl(settings, "zone-1", ["nantong_cxq"])
        assert summary["sources"]["nantong_cxq"]["state"] == "ok"
        assert parse(settings, "zone-1")["errors"] == []
    with session_scope(settings.database_url) as session:
        versions = session.scalars(select(DocumentVersion).where(DocumentVersion.is_opc)).all()
    assert [v.title for v in versions] == ["南通创新区紫琅智谷启动全市首个OPC创新社区"]
    assert versions[0].region_code == "320600Z01" and is_within(versions[0].region_code, "320600")
