"""Planning: one ledger row (table deliveries) per matching (change event, active subscription).

One query reads the candidate events, one the pairs already planned and one the policies each
subscriber has already been told about; the filters run in Python over (events × subscriptions)
and the new rows go in with INSERT … ON CONFLICT DO NOTHING, so re-running (or two processes
at once) plans nothing twice. Before, each subscription cost its own query and insert.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.schedule import quiet_until
from models.clock import as_utc
from models.tables import ChangeEvent, Delivery, Run, Subscription
from parsers.schema import DEFAULT_ALERT_KINDS

DEFAULT_DOC_KINDS = frozenset(k.value for k in DEFAULT_ALERT_KINDS)
NATIONAL = "100000"  # the People's Republic as a whole: national policies apply everywhere
# A copy of a known policy (repost, 解读, report) is news only in a digest ("also published by").
COPY_KINDS = ("policy.republished",)
# The sweep (no run id) looks this far back for events no run planned (a run that died before
# its alert stage, Airflow's ingest). Older unplanned events are not worth an alert any more,
# and the bound keeps every run's sweep from re-reading the whole history.
SWEEP_WINDOW = timedelta(days=14)


def region_matches(event_region: str | None, wanted: Iterable[str], issued_here_only: bool = False) -> bool:
    """A region filter means "applies there": the place and everything in it, and by default
    also the places it lies in (a Suzhou subscriber gets the province's and national policies)."""
    from parsers.regions import is_within

    wanted = list(wanted or ())
    if not wanted:
        return True
    if not event_region:
        return False
    if any(is_within(str(event_region), str(code)) for code in wanted):
        return True
    return not issued_here_only and (event_region == NATIONAL or any(
        is_within(str(code), str(event_region)) for code in wanted))


_LEDGER_COLUMNS = ("event_id", "subscription_id", "status", "attempts", "created_at", "next_attempt_at")


def _insert_ignore(session: Session, rows: list[dict[str, Any]]) -> int:
    """Insert ledger rows, skipping any that exist (another run planned them); the count inserted."""
    if session.get_bind().dialect.name == "postgresql":
        return _insert_ignore_postgresql(session, rows)
    from sqlalchemy.dialects.sqlite import insert

    # One statement with the rows as parameters, compiled once and run by the driver's
    # executemany, whose rowcount on SQLite is the rows inserted (ignored ones count 0); a
    # RETURNING batch ("insertmanyvalues") would build and read back a row per insert.
    stmt = insert(Delivery).on_conflict_do_nothing(index_elements=["event_id", "subscription_id"])
    return int(session.connection().execute(stmt, rows).rowcount)


def _insert_ignore_postgresql(session: Session, rows: list[dict[str, Any]]) -> int:
    """PostgreSQL: one INSERT … SELECT FROM unnest(one array per column): six parameters, however
    many rows, where a VALUES batch has six per row, and psycopg re-parses every long statement
    text (that parse cost more than the insert)."""
    from sqlalchemy import BigInteger, DateTime, Integer, String, bindparam, func, select
    from sqlalchemy.dialects.postgresql import ARRAY, insert

    types: dict[str, Any] = {"event_id": BigInteger(), "subscription_id": BigInteger(), "status": String(),
                             "attempts": Integer(), "created_at": DateTime(timezone=True),
                             "next_attempt_at": DateTime(timezone=True)}
    arrays: list[Any] = [bindparam(f"{name}s", [row[name] for row in rows], type_=ARRAY(types[name]))
                         for name in _LEDGER_COLUMNS]
    values = func.unnest(*arrays).table_valued(*_LEDGER_COLUMNS).render_derived(name="planned")
    stmt = (
        insert(Delivery)
        .from_select(list(_LEDGER_COLUMNS), select(*(values.c[name] for name in _LEDGER_COLUMNS)))
        .on_conflict_do_nothing(index_elements=["event_id", "subscription_id"])
        .returning(Delivery.id)
    )
    return len(session.execute(stmt).all())


def silent_reparse_runs(session: Session) -> list[str]:
    """Re-parse runs that asked for silence (opcwatch/stages/reparse_run.py): the sweep never
    plans their events, so a sweep while their diff is writing, after one died before its alert
    step, or for a subscription resumed later sends none of them. Few rows: one per re-parse."""
    rows = session.execute(select(Run.id, Run.params).where(Run.kind == "reparse")).tuples()
    return [run_id for run_id, params in rows if (params or {}).get("alert_mode") == "silent"]


def _candidates(session: Session, run_id: str | None, subs: list[Any], now: datetime) -> Any:
    query = select(ChangeEvent.id, ChangeEvent.region_code, ChangeEvent.kind, ChangeEvent.policy_id,
                   ChangeEvent.doc_kind, ChangeEvent.is_opc, ChangeEvent.amount_yuan, ChangeEvent.created_at)
    if run_id is not None:
        return query.where(ChangeEvent.run_id == run_id)
    # The sweep only covers events newer than the subscription (a new subscriber is not
    # flooded with the backlog; checked per subscription below) and within the window.
    oldest = min(as_utc(s.created_at) for s in subs)
    query = query.where(ChangeEvent.created_at >= max(oldest, now - SWEEP_WINDOW))
    if silent := silent_reparse_runs(session):
        query = query.where(ChangeEvent.run_id.not_in(silent))
    return query


_FILTER_COLUMNS = (Subscription.id, Subscription.event_kinds, Subscription.mode, Subscription.doc_kinds,
                   Subscription.min_amount_yuan, Subscription.created_at, Subscription.regions,
                   Subscription.opc_only, Subscription.issued_here_only, Subscription.digest_at,
                   Subscription.quiet_hours, Subscription.timezone)


class _Filter:
    """One subscription's filters, read once (``sub``: a row of _FILTER_COLUMNS)."""

    def __init__(self, sub: Any, mode: str) -> None:
        self.sub = sub
        self.kinds = frozenset(sub.event_kinds or ())
        self.skip_copies = not self.kinds and mode != "digest" and sub.mode != "digest"
        self.doc_kinds = frozenset(sub.doc_kinds or ()) or DEFAULT_DOC_KINDS
        self.minimum = Decimal(sub.min_amount_yuan) if sub.min_amount_yuan is not None else None
        self.created_at = as_utc(sub.created_at)
        self.regions = tuple(str(r) for r in sub.regions or ())

    def accepts(self, kind: str, doc_kind: str | None, is_opc: bool, amount: Any) -> bool:
        if self.kinds and kind not in self.kinds:
            return False
        if self.skip_copies and kind in COPY_KINDS:
            return False
        if doc_kind is not None and doc_kind not in self.doc_kinds:
            return False
        if self.sub.opc_only and not is_opc:
            return False
        return self.minimum is None or (amount is not None and Decimal(amount) >= self.minimum)


def plan(session: Session, run_id: str | None, status: str, now: datetime, mode: str = "instant") -> int:
    """Insert a ledger row (``status``) for each matching (event, active subscription) pair;
    ``run_id`` None is the sweep (recent events of any run). Returns the rows inserted.

    Each subscriber hears of a policy once: a ``policy.new`` is skipped for a subscription that
    already has one for the same policy (a report announced it before the 正式文件 arrived).
    A pending row of a subscription in its quiet hours waits for their end (next_attempt_at).
    """
    # The filter columns only: rows, not ORM objects (which cost more to build than to filter).
    subs = list(session.execute(select(*_FILTER_COLUMNS).where(Subscription.active.is_(True))))
    if not subs:
        return 0
    candidates = _candidates(session, run_id, subs, now)
    events = session.execute(candidates.order_by(ChangeEvent.id)).all()
    if not events:
        return 0
    event_ids = candidates.with_only_columns(ChangeEvent.id).scalar_subquery()
    planned = set(session.execute(
        select(Delivery.subscription_id, Delivery.event_id).where(Delivery.event_id.in_(event_ids))).tuples())
    new_policies = {e.policy_id for e in events if e.kind == "policy.new" and e.policy_id is not None}
    announced: set[tuple[int, int | None]] = set()
    if new_policies:
        announced = {(s, p) for s, p in session.execute(
            select(Delivery.subscription_id, ChangeEvent.policy_id)
            .join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
            .where(ChangeEvent.kind == "policy.new", ChangeEvent.policy_id.in_(new_policies))).tuples()}
    regions: dict[tuple[str | None, tuple[str, ...], bool], bool] = {}
    rows = []
    for sub in subs:
        accept = _Filter(sub, mode)
        held = None if status != "pending" or sub.digest_at else quiet_until(now, sub.quiet_hours, sub.timezone)
        for event in events:
            if (sub.id, event.id) in planned:
                continue
            if run_id is None and as_utc(event.created_at) < accept.created_at:
                continue
            if not accept.accepts(event.kind, event.doc_kind, bool(event.is_opc), event.amount_yuan):
                continue
            key = (event.region_code, accept.regions, bool(sub.issued_here_only))
            if key not in regions:
                regions[key] = region_matches(*key)
            if not regions[key]:
                continue
            if event.kind == "policy.new" and event.policy_id is not None:
                if (sub.id, event.policy_id) in announced:
                    continue
                announced.add((sub.id, event.policy_id))
            rows.append({"event_id": event.id, "subscription_id": sub.id, "status": status,
                         "attempts": 0, "created_at": now, "next_attempt_at": held})
    return _insert_ignore(session, rows) if rows else 0
