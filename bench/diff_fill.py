"""The bulk side of bench/diff_scale.py: a realistic stored version record, and rows written by
COPY (PostgreSQL) or executemany (SQLite) — the parse stage would take hours to store 1M documents."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

T0 = datetime(2026, 1, 20, 8, 0, tzinfo=UTC)


def version_record(wan: int) -> str:
    """A stored version's record as JSON with __ID__ placeholders: a real Policy dump."""
    from parsers.schema import (
        Amount,
        AmountRole,
        Comparator,
        DocKind,
        Measure,
        Policy,
        Purpose,
        Qualifier,
        Relevance,
        Target,
    )

    policy = Policy(
        source_id="suzhou_gov", url="https://www.suzhou.gov.cn/szsrmzf/opc/art___ID__.html",
        canonical_url="https://www.suzhou.gov.cn/szsrmzf/opc/art___ID__.html", fetched_at=T0,
        title="苏州市支持一人公司（OPC）发展的若干措施（第__ID__号）", kind=DocKind.POLICY, issuer="苏州市人民政府办公室",
        doc_number="苏府办〔2026〕__ID__号", published=date(2026, 1, 10), region_code="320500", region_name="苏州市",
        relevance=Relevance(is_opc=True, score=0.9, evidence=("一人公司", "OPC")),
        measures=tuple(Measure(label=f"（{n}）", text=f"支持一人公司发展的第{n}条措施，面向在本市注册的OPC企业。")
                       for n in "一二三四五"),
        amounts=(Amount(value=Decimal(wan) * 10_000, qualifier=Qualifier.UP_TO, purpose=Purpose.EQUITY,
                        measure="（三）", role=AmountRole.SUPPORT, phrase=f"最高给予{wan}万元股权投资",
                        key="最高给予#万元股权投资"),),
        targets=(Target(year=2026, metric="OPC社区", value=Decimal(10), comparator=Comparator.GE,
                        phrase="到2026年建成OPC社区不少于10个"),),
        body_text="为支持一人公司（OPC）发展，制定以下措施。" * 4,
    )
    return json.dumps(policy.model_dump(mode="json"), ensure_ascii=False)


class Filler:
    """Bulk rows for one database; ``insert(table, columns, rows)`` is COPY or executemany."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = url.startswith("postgresql")

    def insert(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url.replace("+psycopg", "")) as conn, conn.cursor() as cur:
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            return
        path = self.url.removeprefix("sqlite:///")
        lite = sqlite3.connect(path)
        try:
            # Filling only: no fsync, and a commit every 50k rows so the WAL is checkpointed as
            # it goes instead of growing to the size of the table.
            lite.execute("PRAGMA synchronous=OFF")
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(tuple(_sqlite_value(v) for v in row))
                if len(batch) == 50_000:
                    lite.executemany(sql, batch)
                    lite.commit()
                    batch.clear()
            lite.executemany(sql, batch)
            lite.commit()
        finally:
            lite.close()

    def settle(self) -> None:
        """PostgreSQL: the stored history as a running server leaves it (see the module doc)."""
        if not self.postgres:
            return
        import psycopg

        with psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            conn.execute("CHECKPOINT")

    def finish(self) -> None:
        """Sequences past the explicit ids (PostgreSQL), and planner statistics."""
        if not self.postgres:
            return
        import psycopg

        with psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True) as conn:
            for table in ("policies", "documents", "document_versions", "change_events"):
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT max(id) FROM {table}))")
            conn.execute("ANALYZE")


def _sqlite_value(value: Any) -> Any:
    # The text SQLAlchemy itself stores for these types on SQLite.
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return float(value)
    return value
