"""The delivery ledger's state changes: what is due, claiming rows, recording outcomes, releasing.

A row moves pending → sending (claimed: a conditional UPDATE that re-checks "still due", so two
sweepers never both own a row; ``next_attempt_at`` becomes the lease deadline and
``claimed_by`` names the process) → sent, or failed (retried after a backoff), then dead after
MAX_ATTEMPTS. A row whose holder died is due again when its lease runs out, or at once when the
holder ran on this machine and its pid is gone. Claims and outcomes are written in batches,
one transaction per batch, not per row.
"""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from models.db import session_scope
from models.tables import Delivery

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
CHUNK = 500  # ids per IN (…) list


@dataclass
class Outcome:
    """How one message ended: its ledger rows, and ok / failed (error) / released (never sent)."""

    ids: list[int]
    ok: bool
    error: str = ""
    released: bool = False


def holder() -> str:
    """``hostname/pid`` of this process, written on the rows it claims."""
    from models.liveness import HOSTNAME

    return f"{HOSTNAME}/{os.getpid()}"[:160]


def due(now: datetime) -> Any:
    """Rows to send now: pending (unless held until later), failed past their backoff, and
    sending past their lease (the process that claimed them died)."""
    return or_(
        and_(Delivery.status == "pending",
             or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now)),
        and_(Delivery.status.in_(("failed", "sending")), Delivery.next_attempt_at <= now),
    )


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def id_in(session: Session, column: Any, ids: Sequence[int]) -> Iterable[Any]:
    """``column IN ids`` as conditions for as few statements as the database allows: on
    PostgreSQL one ``= ANY(array)``, a single parameter, so each statement's text is short and
    the same every time (psycopg rewrites the placeholders of every new text, which for lists of
    500 cost more than running the statement); elsewhere IN lists of CHUNK ids."""
    if not ids:
        return
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import BigInteger, any_, bindparam
        from sqlalchemy.dialects.postgresql import ARRAY

        yield column == any_(bindparam(None, list(ids), type_=ARRAY(BigInteger())))
        return
    for chunk in _chunks(ids):
        yield column.in_(chunk)


def release_dead_holders(session: Session, now: datetime) -> int:
    """Make the rows claimed by a dead process of this machine due now; the number released.

    The row that process was sending may have reached its channel: sending it again is the one
    repeat the idempotency key lets a receiver drop.
    """
    from models.liveness import HOSTNAME, process_alive

    me = holder()
    claimers = session.scalars(select(Delivery.claimed_by).distinct().where(
        Delivery.status == "sending", Delivery.claimed_by.like(f"{HOSTNAME}/%")))
    dead = [c for c in claimers if c and c != me and c.rpartition("/")[2].isdigit()
            and not process_alive(int(c.rpartition("/")[2]))]
    released = 0
    for claimer in dead:
        result = session.execute(
            update(Delivery)
            .where(Delivery.status == "sending", Delivery.claimed_by == claimer)
            .values(status="failed", next_attempt_at=now, claimed_by=None,
                    last_error=f"发送进程已退出 / the process sending it (pid {claimer.rpartition('/')[2]}) died")
            .execution_options(synchronize_session=False))
        released += result.rowcount  # type: ignore[attr-defined]
    if released:
        log.warning("released %d deliveries claimed by dead processes", released)
    return released


def claim(session: Session, ids: Sequence[int], now: datetime, lease: timedelta) -> set[int]:
    """Claim the rows of ``ids`` that are still due; the ids this process now owns."""
    me, claimed = holder(), set[int]()
    for among in id_in(session, Delivery.id, ids):
        stmt = (
            update(Delivery)
            .where(among, due(now))
            .values(status="sending", next_attempt_at=now + lease, claimed_by=me)
            .returning(Delivery.id)
            .execution_options(synchronize_session=False)
        )
        claimed.update(session.scalars(stmt))
    return claimed


def _record(session: Session, outcomes: Sequence[Outcome], now: datetime, backoff: timedelta) -> list[int]:
    """Write ``outcomes`` in this transaction; the ids that became dead."""
    sent = [i for o in outcomes if o.ok for i in o.ids]
    for among in id_in(session, Delivery.id, sent):
        session.execute(update(Delivery).where(among).values(
            status="sent", sent_at=now, attempts=Delivery.attempts + 1, next_attempt_at=None,
            last_error=None, claimed_by=None).execution_options(synchronize_session=False))
    released = [i for o in outcomes if o.released for i in o.ids]
    for among in id_in(session, Delivery.id, released):  # never sent: due again at once, no attempt spent
        session.execute(update(Delivery).where(
            among, Delivery.status == "sending", Delivery.claimed_by == holder()).values(
            status="failed", next_attempt_at=now, claimed_by=None,
            last_error="租约将尽，未发送 / lease running out before its turn; not sent").execution_options(
            synchronize_session=False))
    errors = {i: o.error for o in outcomes if not o.ok and not o.released for i in o.ids}
    dead: list[int] = []
    # Grouped by attempts so far: one UPDATE per (attempts, error) rather than per row.
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for among in id_in(session, Delivery.id, list(errors)):
        for delivery_id, attempts in session.execute(
                select(Delivery.id, Delivery.attempts).where(among, Delivery.status == "sending")):
            groups[(attempts, errors[delivery_id])].append(delivery_id)
    for (attempts, error), ids in groups.items():
        tries = attempts + 1
        if tries >= MAX_ATTEMPTS:
            values: dict[str, Any] = {"status": "dead", "next_attempt_at": None}
            dead.extend(ids)
        else:
            values = {"status": "failed", "next_attempt_at": now + backoff * 2 ** (tries - 1)}
        for among in id_in(session, Delivery.id, ids):
            session.execute(update(Delivery).where(among).values(
                attempts=tries, last_error=error, claimed_by=None, **values).execution_options(
                synchronize_session=False))
    return dead


def record(database_url: str, outcomes: Sequence[Outcome], now: datetime, backoff: timedelta) -> tuple[list[int], int]:
    """Record a batch of outcomes: (ids now dead, messages that could not be recorded).

    A database error (a dropped connection, a lock timeout) costs the batch one retry on a fresh
    connection, then each message is recorded alone, so one bad row never strands the others.
    A message that still cannot be recorded stays ``sending``; its lease makes it due again.
    """
    for attempt in range(2):
        try:
            with session_scope(database_url) as session:
                return _record(session, outcomes, now, backoff), 0
        except SQLAlchemyError as exc:
            log.warning("recording %d delivery outcomes failed (%s); %s", len(outcomes), type(exc).__name__,
                        "retrying" if attempt == 0 else "recording one by one")
            time.sleep(0.2)
    dead: list[int] = []
    lost = 0
    for outcome in outcomes:
        try:
            with session_scope(database_url) as session:
                dead.extend(_record(session, [outcome], now, backoff))
        except SQLAlchemyError as exc:
            lost += 1
            log.error("delivery %s: outcome not recorded (%s); its lease will make it due again",
                      outcome.ids, type(exc).__name__)
    return dead, lost
