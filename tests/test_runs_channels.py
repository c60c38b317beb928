"""Every run starts by making the configured channels subscriptions, whatever path runs it."""

from __future__ import annotations

from alerts.subscriptions import list_subscriptions, mask_url
from models.db import session_scope
from opcwatch.settings import Settings
from opcwatch.stages.runs import start_run


def test_start_run_subscribes_the_configured_urls_and_the_outbox_once(settings: Settings) -> None:
    configured = settings.with_(alert_urls=("json://127.0.0.1:9/opc-secret-path",))
    start_run(configured, "scheduled", run_id="r1")
    start_run(configured, "scheduled", run_id="r1")  # a retry changes nothing
    start_run(configured, "manual")
    with session_scope(settings.database_url) as session:
        subs = {s.name: s for s in list_subscriptions(session)}
    assert set(subs) == {"config-json-1", "outbox"}
    assert subs["outbox"].url.endswith(str(settings.default_outbox))
    assert subs["config-json-1"].opc_only and subs["config-json-1"].active
    assert "opc-secret-path" not in mask_url(subs["config-json-1"].url)
