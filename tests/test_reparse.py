"""`opcwatch reparse` and its stage, on SQLite and PostgreSQL.

History is made the normal way (parse, diff and deliver with the stand-in parser of
test_store_factories); "a better parser" is that parser patched to read one more thing, as a
parser upgrade would. Alerts go to a real JSON webhook on 127.0.0.1 (the ``hook`` fixture).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from alerts_support import subscribe
from sqlalchemy import func, select
from test_store_factories import T0, URL, fake_parse_document, page_html, raw_page
from typer.testing import CliRunner

import parsers
from alerts.deliver import deliver
from alerts.sweep import sweep
from models.db import session_scope
from models.tables import ChangeEvent, Delivery, DocumentVersion, RawPage, Run
from opcwatch.cli import app
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff
from opcwatch.stages.parse import parse
from opcwatch.stages.reparse import Window, candidates, page_ids
from opcwatch.stages.reparse_run import reparse_run
from opcwatch.stages.runs import finish_run, start_run

DAY = timedelta(days=1)
SUZHOU = "https://www.suzhou.gov.cn/szsrmzf/opc/202601/a1.shtml"
WUXI = "https://www.wuxi.gov.cn/doc/2026/01/21/4_1.shtml"
SIP_NUMBER = "苏园管〔2026〕3号"


@pytest.fixture(autouse=True)
def old_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsers, "parse_document", fake_parse_document, raising=False)
    monkeypatch.setattr(parsers, "PARSER_VERSION", "fake-1", raising=False)


def better_parser(monkeypatch: pytest.MonkeyPatch, *, only_sip: bool = True) -> None:
    """A parser upgrade that now reads the 文号 into the title (of the SIP policy only, or of all)."""
    def better(body: bytes, **kwargs: Any):  # type: ignore[no-untyped-def]
        policy = fake_parse_document(body, **kwargs)
        if only_sip and policy.doc_number != SIP_NUMBER:
            return policy
        return policy.model_copy(update={"title": f"{policy.title}（{policy.doc_number}）"})

    monkeypatch.setattr(parsers, "parse_document", better)
    monkeypatch.setattr(parsers, "PARSER_VERSION", "fake-2")


def history(settings: Settings, hook: Any) -> None:
    """Two normal runs, alerts sent: the SIP policy (edited on day two), a Suzhou and a Wuxi one."""
    subscribe(settings, url=hook.url("sub"), name="sub")
    with session_scope(settings.database_url) as session:
        session.add_all(RawPage(**row) for row in (
            raw_page("r1", URL, page_html(wan=2000)),
            raw_page("r1", SUZHOU, page_html(title="苏州市超级个体培育计划", number="苏府〔2026〕9号")),
            raw_page("r2", URL, page_html(wan=2500, visits=2), fetched_at=T0 + DAY),
            raw_page("r2", WUXI, page_html(title="无锡市一人公司扶持办法", number="锡政发〔2026〕1号"),
                     fetched_at=T0 + DAY, source_id="wuxi_gov"),
        ))
    for run_id in ("r1", "r2"):
        start_run(settings, "manual", run_id=run_id)
        parse(settings, run_id)
        diff(settings, run_id)
        deliver(settings, run_id, rate_limit=None)
        finish_run(settings, run_id)


def counts(settings: Settings) -> tuple[int, int, int]:
    with session_scope(settings.database_url) as session:
        return tuple(session.scalar(select(func.count()).select_from(table))  # type: ignore[return-value]
                     for table in (DocumentVersion, ChangeEvent, Delivery))


def new_versions(settings: Settings, run_id: str) -> list[tuple[str, str]]:
    with session_scope(settings.database_url) as session:
        return [(v.record["url"], v.title) for v in session.scalars(
            select(DocumentVersion).where(DocumentVersion.run_id == run_id).order_by(DocumentVersion.id))]


def test_the_same_parser_again_creates_nothing(settings: Settings, hook: Any) -> None:
    history(settings, hook)
    before, sent = counts(settings), len(hook.on("sub"))
    assert before == (4, 4, 8)  # 4 events, each to the hook and to the outbox channel
    for _ in range(2):
        result = reparse_run(settings)
        parsed = result["parse"]
        assert (parsed["pages"], parsed["parsed"], parsed["new_versions"], parsed["unchanged"]) == (3, 3, 0, 3)
        assert result["diff"]["events"] == 0 and result["alert"]["planned"] == 0
    assert counts(settings) == before and len(hook.on("sub")) == sent
    with session_scope(settings.database_url) as session:
        runs = session.scalars(select(Run).where(Run.kind == "reparse")).all()
        assert [(r.status, r.params["alert_mode"]) for r in runs] == [("ok", "silent")] * 2
        everything = list(session.scalars(candidates(Window()).order_by(RawPage.id)))
    # Pages stream in chunks (one id at a time here), and progress ends at pages done = total.
    assert list(page_ids(settings, Window(), chunk=1)) == list(page_ids(settings, Window())) == everything
    seen: list[tuple[int, int]] = []
    result = reparse_run(settings, progress=lambda done, total, rate: seen.append((done, total)))
    assert seen[-1] == (3, 3) and result["pages_per_second"] > 0


def test_a_better_parser_versions_only_the_affected_policy_and_silent_sends_nothing(
        settings: Settings, hook: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    history(settings, hook)
    sent = len(hook.on("sub"))
    better_parser(monkeypatch)
    result = reparse_run(settings)
    run_id = result["run_id"]
    assert (result["parse"]["new_versions"], result["parse"]["unchanged"]) == (1, 2)
    # Built from the URL's newest page (2500万), not the older one.
    assert new_versions(settings, run_id) == [(URL, f"苏州工业园区支持一人公司（OPC）发展的若干措施（{SIP_NUMBER}）")]
    assert result["diff"]["by_kind"] == {"policy.revised": 1}
    with session_scope(settings.database_url) as session:
        version = session.scalars(select(DocumentVersion).where(DocumentVersion.run_id == run_id)).one()
        assert (version.parser_version, version.record["amounts"][0]["value"]) == ("fake-2", "25000000")
        rows = session.execute(select(Delivery.status).join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
                               .where(ChangeEvent.run_id == run_id)).scalars().all()
    assert rows == ["suppressed"] * 2 and result["alert"]["suppressed"] == 2  # the hook and the outbox
    # The sweep (opcwatch deliver, the alerts DAG) does not send a silent re-parse's events
    # later either, and running the re-parse again creates nothing.
    assert sweep(settings, rate_limit=None)["planned"] == 0
    assert len(hook.on("sub")) == sent
    again = reparse_run(settings)
    assert (again["parse"]["new_versions"], again["diff"]["events"]) == (0, 0)


def test_a_silent_reparses_events_are_not_swept_even_before_its_alert_step(
        settings: Settings, hook: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The diff commits events before the run plans them: a sweep in that gap must skip them."""
    from opcwatch.stages.reparse import reparse

    history(settings, hook)
    sent = len(hook.on("sub"))
    better_parser(monkeypatch)
    start_run(settings, "reparse", params={"alert_mode": "silent"}, run_id="dying-reparse")
    reparse(settings, "dying-reparse")
    assert diff(settings, "dying-reparse")["by_kind"] == {"policy.revised": 1}
    assert sweep(settings, rate_limit=None)["planned"] == 0 and len(hook.on("sub")) == sent


def test_digest_alerts_send_the_real_difference_once(
        settings: Settings, hook: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    history(settings, hook)
    sent = len(hook.on("sub"))
    better_parser(monkeypatch)
    result = reparse_run(settings, alert_mode="digest")
    assert result["alert"]["sent"] == 2  # one digest to the hook, one to the outbox channel
    (message,) = hook.on("sub")[sent:]
    assert SIP_NUMBER in message["title"] + message["message"]
    assert reparse_run(settings, alert_mode="digest")["alert"]["planned"] == 0
    assert len(hook.on("sub")) == sent + 1


def test_source_since_and_until_choose_the_pages(settings: Settings, hook: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    history(settings, hook)
    better_parser(monkeypatch, only_sip=False)  # now every page would change
    sent = len(hook.on("sub"))
    wuxi = reparse_run(settings, sources=["wuxi_gov"], alert_mode="instant")
    assert [url for url, _ in new_versions(settings, wuxi["run_id"])] == [WUXI]
    (message,) = hook.on("sub")[sent:]  # instant: one message per event
    assert "锡政发〔2026〕1号" in message["title"] + message["message"]
    # Fetched from day two on: the SIP page's newest copy (the Wuxi page is done already).
    later = reparse_run(settings, since=T0 + DAY / 2)
    assert (later["parse"]["pages"], later["parse"]["unchanged"]) == (2, 1)
    assert [url for url, _ in new_versions(settings, later["run_id"])] == [URL]
    # Fetched before day two: the Suzhou page, and the SIP page's older copy, which is older
    # than the page behind its current version and so is left alone (history only grows).
    earlier = reparse_run(settings, until=T0 + DAY / 2)
    assert (earlier["parse"]["pages"], earlier["parse"]["stale"]) == (2, 1)
    assert [url for url, _ in new_versions(settings, earlier["run_id"])] == [SUZHOU]


def test_pages_waiting_for_their_runs_parse_are_left_to_it(settings: Settings, hook: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    history(settings, hook)
    start_run(settings, "manual", run_id="r3")  # crawling now: its parse comes later
    newcomer = "https://www.nanjing.gov.cn/xxgk/2026/01/opc.html"
    with session_scope(settings.database_url) as session:
        session.add(RawPage(**raw_page("r3", newcomer, page_html(title="南京市OPC扶持", number="宁政发〔2026〕2号"),
                                       fetched_at=T0 + 2 * DAY)))
        session.add(RawPage(**raw_page("r3", SUZHOU, page_html(title="苏州市超级个体培育计划（修订）",
                                                               number="苏府〔2026〕9号"), fetched_at=T0 + 2 * DAY)))
    result = reparse_run(settings)
    assert result["parse"]["pages"] == 2 and result["diff"]["events"] == 0  # only r2's SIP and Wuxi pages
    parsed = parse(settings, "r3")
    assert (parsed["parsed"], parsed["new_versions"]) == (2, 2)
    assert {kind for kind, in _kinds(settings, "r3")} == {"policy.new", "policy.revised"}


def _kinds(settings: Settings, run_id: str) -> list[tuple[str]]:
    diff(settings, run_id)
    with session_scope(settings.database_url) as session:
        return [(k,) for k in session.scalars(select(ChangeEvent.kind).where(ChangeEvent.run_id == run_id))]


def test_cli_reparse_json_and_bad_options(settings: Settings, hook: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    history(settings, hook)
    before = counts(settings)
    better_parser(monkeypatch)
    env = {"OPCWATCH_DATA_DIR": str(settings.data_dir), "OPCWATCH_DATABASE_URL": settings.database_url}
    runner = CliRunner()
    shown = runner.invoke(app, ["reparse", "--dry-run", "--source", "jiangsu_gov"], env=env, terminal_width=200)
    assert shown.exit_code == 0, shown.output
    assert "1 would get a new version" in shown.output and URL in shown.output
    assert counts(settings) == before  # a dry run writes nothing
    done = runner.invoke(app, ["reparse", "--since", "2026-01-20", "--until", "2026-01-21", "--json"], env=env)
    assert done.exit_code == 0, done.output
    result = json.loads(done.output)
    assert (result["parse"]["new_versions"], result["diff"]["by_kind"]) == (1, {"policy.revised": 1})
    assert result["window"]["since"].startswith("2026-01-20T00:00:00+08:00")
    assert runner.invoke(app, ["reparse", "--alerts", "loud"], env=env).exit_code == 2
    bad = runner.invoke(app, ["reparse", "--since", "2026-13-01"], env=env)
    assert bad.exit_code == 2 and "not a date" in bad.output
