"""The diff stage judges versions a chunk at a time: the same events whatever the chunk size,
and a retry (after a failure part-way, or after the diffed flags were lost) writes nothing twice.
On SQLite and PostgreSQL; also: a database migrated to head has the schema models/tables.py declares.
"""

from __future__ import annotations

from collections import Counter

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, update
from test_store_factories import T0, equity, policy, rent

from models.db import get_engine, session_scope
from models.store import store_policy
from models.tables import Base, ChangeEvent, DocumentVersion
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff
from parsers.schema import DocKind

REPOST = "https://www.sipac.gov.cn/a/1.html"
NEWS = "https://news.example.cn/2.html"
NANJING = "https://www.nanjing.gov.cn/1.html"


def _store_run_one(database_url: str) -> None:
    """One run: a policy, a repost of it, a news report of it, and another city's policy."""
    pages = [
        policy(),  # 最高给予2000万元股权投资, 每月最高补贴1500元房租
        policy(url=REPOST, canonical_url=REPOST),
        policy(url=NEWS, canonical_url=NEWS, doc_number=None, kind=DocKind.NEWS),
        policy(url=NANJING, canonical_url=NANJING, title="南京市关于促进超级个体发展的实施意见",
               doc_number="宁政发〔2026〕1号", region_code="320100", region_name="南京市"),
    ]
    for page in pages:
        with session_scope(database_url) as session:
            store_policy(session, page, run_id="r1", parser_version="test", now=T0)


def _events(database_url: str) -> list[tuple[str, str, str]]:
    with session_scope(database_url) as session:
        return [(e.run_id, e.kind, e.payload["url"]) for e in session.scalars(select(ChangeEvent).order_by(ChangeEvent.id))]


@pytest.mark.parametrize("chunk_size", [1, 250])
def test_one_announcement_per_policy_whether_copies_share_a_chunk_or_not(database_url: str, chunk_size: int) -> None:
    _store_run_one(database_url)
    settings = Settings(data_dir=None, database_url=database_url)  # type: ignore[arg-type]
    summary = diff(settings, "r1", chunk_size=chunk_size)
    assert summary["errors"] == [] and summary["versions"] == 4
    assert summary["by_kind"] == {"policy.new": 2, "policy.republished": 2}
    by_url = {url: kind for _, kind, url in _events(database_url)}
    assert by_url[NANJING] == "policy.new" and by_url[NEWS] == "policy.republished"
    announced = [url for url, kind in by_url.items() if kind == "policy.new" and url != NANJING]
    assert len(announced) == 1
    # Each copy links back to the page that announced the policy.
    with session_scope(database_url) as session:
        copies = session.scalars(select(ChangeEvent).where(ChangeEvent.kind == "policy.republished")).all()
        assert [c.payload["first_url"] for c in copies] == announced * 2

    with session_scope(database_url) as session:
        store_policy(session, policy(url=announced[0], canonical_url=announced[0], amounts=(equity(3000), rent(1500))),
                     run_id="r2", parser_version="test", now=T0)
    # The policy's canonical page changed its amount: that is the event, not a new policy.
    assert diff(settings, "r2", chunk_size=chunk_size)["by_kind"] == {"amount.changed": 1}


def test_a_retry_after_a_failure_part_way_writes_each_event_once(database_url: str) -> None:
    _store_run_one(database_url)
    settings = Settings(data_dir=None, database_url=database_url)  # type: ignore[arg-type]
    with session_scope(database_url) as session:
        nanjing = session.scalars(select(DocumentVersion).where(DocumentVersion.title.like("南京%"))).one()
        good_record = nanjing.record
        # A record the schema rejects: that version fails, the others of its chunk go through.
        session.execute(update(DocumentVersion).where(DocumentVersion.id == nanjing.id).values(record={"title": ""}))
    first = diff(settings, "r1", chunk_size=2)
    assert [e["version_id"] for e in first["errors"]] == [str(nanjing.id)]
    assert first["by_kind"] == {"policy.new": 1, "policy.republished": 2}

    with session_scope(database_url) as session:
        session.execute(update(DocumentVersion).where(DocumentVersion.id == nanjing.id).values(record=good_record))
    second = diff(settings, "r1", chunk_size=2)
    assert (second["errors"], second["by_kind"]) == ([], {"policy.new": 1})

    # The flags lost (a restore, a retried task that reset them): the events stand, none is added.
    with session_scope(database_url) as session:
        session.execute(update(DocumentVersion).values(diffed=False))
    again = diff(settings, "r1")
    assert (again["events"], again["versions"], again["errors"]) == (0, 4, [])
    assert diff(settings, "r1")["versions"] == 0  # marked diffed again
    events = _events(database_url)
    assert Counter(kind for _, kind, _ in events) == {"policy.new": 2, "policy.republished": 2}
    assert len(set(events)) == len(events)


def test_a_migrated_database_has_the_tables_columns_and_indexes_the_models_declare(database_url: str) -> None:
    engine = get_engine(database_url)  # migrates the empty database to head
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


@pytest.mark.parametrize("chunk_size", [1, 250])
def test_two_diffs_of_one_run_at_once_write_each_event_once(database_url: str, chunk_size: int) -> None:
    """A retried Airflow task beside the CLI: the second diff waits on the first's locks and
    then finds the versions diffed, whichever reaches a chunk first."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    _store_run_one(database_url)
    settings = Settings(data_dir=None, database_url=database_url)  # type: ignore[arg-type]
    start = Barrier(2)

    def one() -> dict[str, object]:
        start.wait()
        return diff(settings, "r1", chunk_size=chunk_size)

    with ThreadPoolExecutor(2) as pool:
        summaries = list(pool.map(lambda _: one(), range(2)))
    assert [s["errors"] for s in summaries] == [[], []]
    written: Counter[str] = Counter()
    for summary in summaries:
        written.update(summary["by_kind"])  # type: ignore[arg-type]
    assert written == {"policy.new": 2, "policy.republished": 2}
    events = _events(database_url)
    assert Counter(kind for _, kind, _ in events) == written and len(set(events)) == len(events)
