"""Migrations applied to a database that already holds data, on SQLite and PostgreSQL: 0007
drops the indexes another index covers and keeps every row; its downgrade puts them back.
(That a database migrated to head matches models/tables.py: tests/test_diff_batches.py.)"""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, select
from test_store_factories import T0, equity, policy, rent

from models.db import get_engine, session_scope
from models.migrate import alembic_config, current_revision, head_revision
from models.store import store_policy
from models.tables import ChangeEvent, DocumentVersion
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff

COVERED = {
    "document_versions": {"ix_document_versions_document_id", "ix_versions_doc_hash"},
    "change_events": {"ix_change_events_policy_id"},
}


def _indexes(engine, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {ix["name"] for ix in inspect(engine).get_indexes(table)}


def test_0007_drops_the_covered_indexes_keeps_the_rows_and_downgrades(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        command.upgrade(alembic_config(engine), "0006")
        for table, names in COVERED.items():
            assert names <= _indexes(engine, table)
    finally:
        engine.dispose()
    engine = get_engine(database_url)  # a store in use at 0006, upgraded to head on first use
    assert current_revision(engine) == head_revision()
    for table, names in COVERED.items():
        assert not names & _indexes(engine, table)
    with session_scope(database_url) as session:
        store_policy(session, policy(), run_id="r1", parser_version="test", now=T0)
    settings = Settings(data_dir=None, database_url=database_url)  # type: ignore[arg-type]
    assert diff(settings, "r1")["by_kind"] == {"policy.new": 1}
    with session_scope(database_url) as session:
        store_policy(session, policy(amounts=(equity(3000), rent(1500))), run_id="r2", parser_version="test", now=T0)
    assert diff(settings, "r2")["by_kind"] == {"amount.changed": 1}

    command.downgrade(alembic_config(engine), "0006")
    for table, names in COVERED.items():
        assert names <= _indexes(engine, table)
    with session_scope(database_url) as session:
        assert [v.version_no for v in session.scalars(select(DocumentVersion).order_by(DocumentVersion.id))] == [1, 2]
        assert sorted(e.kind for e in session.scalars(select(ChangeEvent))) == ["amount.changed", "policy.new"]
