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
