"""城市对比 after a run: the previous comparison is served at once while the new one is computed."""

from __future__ import annotations

import time
from datetime import timedelta

from fastapi.testclient import TestClient
from web_support import PAGES, T0, _day, suzhou

from opcwatch.settings import Settings
from opcwatch.web import create_app


def test_a_run_adds_a_city_and_the_comparison_catches_up_without_blocking(sqlite_settings: Settings) -> None:
    sqlite_settings.data_dir.mkdir(parents=True, exist_ok=True)
    _day(sqlite_settings, T0, {"suzhou": suzhou(2000)})
    client = TestClient(create_app(sqlite_settings))
    first = client.get("/api/compare").json()
    assert [c["name"] for c in first["cities"]] == ["苏州市"] and first["stale"] is False

    _day(sqlite_settings, T0 + timedelta(days=1), {"nanjing": PAGES["nanjing"][1](0)})
    during = client.get("/api/compare").json()
    assert during["stale"] is True and [c["name"] for c in during["cities"]] == ["苏州市"]
    assert "统计于" in client.get("/compare").text  # when it was computed (stale or not: timing)

    deadline = time.monotonic() + 30
    after = during
    while after["stale"] and time.monotonic() < deadline:
        time.sleep(0.1)
        after = client.get("/api/compare").json()
    assert after["stale"] is False
    assert {c["name"] for c in after["cities"]} == {"苏州市", "南京市"}
    # The policy list never serves stale rows: the new policy is there at once.
    assert client.get("/api/policies?region=南京").json()["total"] == 1


def test_each_document_lands_in_its_citys_column_and_province_policies_in_their_own() -> None:
    """城市对比 columns: a zone or district counts for its city, a province-level policy gets a
    column of its own (江苏省（全省）), a national one none; the municipalities are cities (it applies everywhere alike)."""
    from opcwatch.web.compare import city_of

    assert city_of("320571") == ("320500", "苏州市")  # 苏州工业园区
    assert city_of("320214") == ("320200", "无锡市")  # 新吴区 (无锡高新区)
    assert city_of("320500") == ("320500", "苏州市")
    assert city_of("320000") == ("320000", "江苏省（全省）")
    # The four municipalities are cities: 临港新片区 in 浦东新区 and 海淀区 count for 上海市 and 北京市.
    assert city_of("310000Z01") == city_of("310115") == city_of("310000") == ("310000", "上海市")
    assert city_of("110108") == ("110000", "北京市") and city_of("500112") == ("500000", "重庆市")
    assert city_of("440305") == ("440300", "深圳市")  # 南山区
    assert city_of("429004") == ("429004", "仙桃市")  # a county-level city under 湖北省 itself
    assert city_of("100000") is None and city_of(None) is None and city_of("") is None
