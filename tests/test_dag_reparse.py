"""The reparse DAG, run for real with ``dag.test()`` (in a child process: see test_dag_run.py).

History is stored by an old parser (the stand-in of test_store_factories, in this process);
the DAG's task re-parses it with the current, real parser in Airflow's process. Its form's
defaults apply: all history, alerts silent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alerts_support import subscribe
from test_dag_run import airflow_env, run_dag
from test_store_factories import URL, fake_parse_document, page_html, raw_page


@pytest.mark.slow
def test_reparse_dag_versions_what_the_new_parser_reads_differently_and_sends_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hook: Any) -> None:
    from sqlalchemy import select

    import parsers
    from alerts.deliver import deliver
    from models.db import dispose_all, session_scope
    from models.tables import ChangeEvent, Delivery, DocumentVersion, RawPage, Run
    from opcwatch.settings import Settings
    from opcwatch.stages.diff import diff
    from opcwatch.stages.parse import parse
    from opcwatch.stages.runs import finish_run, start_run

    home = tmp_path / "airflow_home"
    home.mkdir()
    for key, value in airflow_env(home).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("OPCWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'opcwatch.db'}")
    monkeypatch.setenv("OPCWATCH_DATA_DIR", str(tmp_path / "data"))
    settings = Settings.from_env()
    real_version = str(parsers.PARSER_VERSION)

    with monkeypatch.context() as old:
        old.setattr(parsers, "parse_document", fake_parse_document)
        old.setattr(parsers, "PARSER_VERSION", "old-1")
        subscribe(settings, url=hook.url("sub"), name="sub")
        with session_scope(settings.database_url) as session:
            session.add(RawPage(**raw_page("r1", URL, page_html(wan=2000))))
        start_run(settings, "manual", run_id="r1")
        parse(settings, "r1")
        diff(settings, "r1")
        deliver(settings, "r1", rate_limit=None)
        finish_run(settings, "r1")
    sent = len(hook.on("sub"))
    dispose_all()  # the child process writes next; SQLite connections here are closed first

    report = run_dag("opcwatch_reparse", tmp_path)
    run_id = report["opcwatch_run_id"]
    assert run_id.startswith("af-opcwatch_reparse-manual__")

    with session_scope(settings.database_url) as session:
        run = session.get(Run, run_id)
        assert run is not None
        assert (run.kind, run.status, run.params["alert_mode"], run.params["airflow_run_id"]) == (
            "reparse", "ok", "silent", report["airflow_run_id"])
        versions = session.scalars(select(DocumentVersion).order_by(DocumentVersion.id)).all()
        events = session.scalars(select(ChangeEvent).where(ChangeEvent.run_id == run_id)).all()
        statuses = set(session.scalars(select(Delivery.status).join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
                                       .where(ChangeEvent.run_id == run_id)))
    # The real parser reads the page differently from the old one: a second version, by it.
    assert [(v.version_no, v.parser_version, v.run_id) for v in versions] == [
        (1, "old-1", "r1"), (2, real_version, run_id)]
    assert events and statuses == {"suppressed"}  # recorded, not sent
    assert len(hook.on("sub")) == sent
