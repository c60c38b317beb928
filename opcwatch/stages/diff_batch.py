"""Diff a chunk of versions in one transaction: a few IN (...) look-ups, one bulk insert.

The cost of a chunk depends on the chunk, not on how much history is stored: every look-up is
by primary key or by an indexed column (document, policy, version), loaded for the whole chunk
at once, and the events are written with one multi-row INSERT. What the per-version code used to
read back from the database between versions (has this policy been announced yet?) is kept in
memory while the chunk is drafted, in the order the versions are judged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models.diff import POLICY_NEW, EventDraft, diff_policies
from models.store import previous_version
from models.tables import ChangeEvent, Document, DocumentVersion, PolicyRow
from opcwatch.stages.policy_events import first_version_events, superseded_events
from parsers.schema import Policy


@dataclass
class ChunkResult:
    kinds: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)


@dataclass
class _Loaded:
    """What the chunk's versions need, loaded in one query per table."""

    versions: list[DocumentVersion]  # undiffed, in the caller's order
    documents: dict[int, Document]
    policies: dict[int, PolicyRow]
    previous: dict[int, DocumentVersion]  # version id -> the version before it
    evented: set[int]  # versions that already have events (a retry that reset the flag)
    announced: dict[int, list[tuple[str | None, str | None]]]  # policy id -> its policy.new (dedupe, url)
    canonical_urls: dict[int, str]  # document id -> canonical URL, for the policies' canonical documents


def diff_chunk(session: Session, version_ids: list[int], now: datetime | None) -> ChunkResult:
    """Write the events of these versions and mark them diffed, in the caller's transaction."""
    _lock_versions(session, version_ids)
    loaded = _load(session, version_ids)
    result = ChunkResult()
    rows: list[dict[str, Any]] = []
    done: list[int] = []
    dedupes: set[str] = set()  # once-per-policy events drafted in this chunk
    for version in loaded.versions:
        if version.id in loaded.evented:
            # Diffed before: its events stand; judging it again now would see its own
            # policy.new and call it a copy.
            done.append(version.id)
            continue
        try:
            drafts, before, new = _drafts(session, version, loaded)
        except ValidationError as exc:
            # A stored record the current schema no longer accepts: report, leave undiffed.
            result.errors.append({"version_id": str(version.id), "error": f"stored record invalid: {exc}"})
            continue
        own = _policy_of(version, loaded)
        for draft in drafts:
            if draft.dedupe is not None:
                if draft.dedupe in dedupes:
                    continue  # two versions of this chunk supersede the same policy
                dedupes.add(draft.dedupe)
            target = (session.get(PolicyRow, draft.policy_id) if draft.policy_id else own)
            rows.append(event_row(draft, version, before, target, new, now))
            result.kinds[draft.kind] += 1
            if draft.kind == POLICY_NEW and target is not None:
                loaded.announced[target.id].append((draft.dedupe, draft.payload.get("url")))
        done.append(version.id)
    if rows:
        session.execute(insert(ChangeEvent), rows)
    if done:
        session.execute(update(DocumentVersion).where(DocumentVersion.id.in_(done))
                        .values(diffed=True).execution_options(synchronize_session=False))
    return result


def _lock_versions(session: Session, version_ids: list[int]) -> None:
    """Take the chunk's write lock before reading anything, so a second diff of the same run
    waits for the first and then reads its work instead of judging the versions again."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLite's driver begins a transaction only at the first write: a no-op update takes
        # the database's write lock.
        session.execute(update(DocumentVersion).where(DocumentVersion.id.in_(version_ids))
                        .values(diffed=DocumentVersion.diffed).execution_options(synchronize_session=False))
        return
    # PostgreSQL: row locks, not a no-op update. An update writes a new copy of every row and,
    # the heap pages being full, new entries in each of the table's indexes at the documents'
    # places, scattered over the whole history: that cost grew with the store (issue 12).
    # In id order, so two diffs never wait on each other in a cycle.
    session.execute(select(DocumentVersion.id).where(DocumentVersion.id.in_(version_ids))
                    .order_by(DocumentVersion.id).with_for_update())


def _drafts(session: Session, version: DocumentVersion,
            loaded: _Loaded) -> tuple[list[EventDraft], DocumentVersion | None, Policy]:
    """The events of one version, judged against what the chunk has drafted so far."""
    document = loaded.documents.get(version.document_id)
    row = _policy_of(version, loaded)
    before = loaded.previous.get(version.id)
    new = Policy.model_validate(version.record)
    if before is None:
        canonical = loaded.canonical_urls.get(row.canonical_document_id) if row and row.canonical_document_id else None
        drafts = first_version_events(document, row, new, loaded.announced[row.id] if row else [], canonical)
    elif row is not None and row.canonical_document_id == version.document_id:
        drafts = diff_policies(Policy.model_validate(before.record), new)
    else:
        drafts = []  # an edit of a copy: the canonical document decides what changed
    if row is not None:
        drafts += superseded_events(session, row, new)
    return drafts, before, new


def _policy_of(version: DocumentVersion, loaded: _Loaded) -> PolicyRow | None:
    document = loaded.documents.get(version.document_id)
    return loaded.policies.get(document.policy_id) if document and document.policy_id else None


def event_row(draft: EventDraft, version: DocumentVersion, before: DocumentVersion | None,
               target: PolicyRow | None, new: Policy, now: datetime | None) -> dict[str, Any]:
    policy_id = target.id if target is not None else None
    return {
        "kind": draft.kind, "key": draft.key, "run_id": version.run_id, "document_id": version.document_id,
        "version_id": version.id, "previous_version_id": before.id if before is not None else None,
        # By default the version's creation time, so a re-run writes identical rows.
        "created_at": now or version.created_at,
        "region_code": target.region_code if target is not None else new.region_code,
        "is_opc": new.relevance.is_opc, "amount_yuan": draft.amount_yuan, "dedupe": draft.dedupe,
        "policy_id": policy_id, "doc_kind": str(draft.payload.get("kind") or new.kind.value),
        "payload": {**draft.payload, "document_id": version.document_id, "version_no": version.version_no,
                    "policy_id": policy_id},
    }


def _load(session: Session, version_ids: list[int]) -> _Loaded:
    by_id = {v.id: v for v in session.scalars(
        select(DocumentVersion).where(DocumentVersion.id.in_(version_ids), DocumentVersion.diffed.is_(False)))}
    versions = [by_id[i] for i in version_ids if i in by_id]
    documents = {d.id: d for d in session.scalars(
        select(Document).where(Document.id.in_({v.document_id for v in versions})))} if versions else {}
    evented = set(session.scalars(
        select(ChangeEvent.version_id).where(ChangeEvent.version_id.in_(list(by_id))).distinct())) if by_id else set()
    previous = _previous_versions(session, [v for v in versions if v.id not in evented])
    announced: dict[int, list[tuple[str | None, str | None]]] = defaultdict(list)
    first_of = [documents[v.document_id].policy_id for v in versions
                if v.id not in previous and v.document_id in documents]
    wanted = sorted({p for p in first_of if p is not None})
    # Row locks (PostgreSQL; SQLite serializes writers itself) on the policies whose first
    # documents the chunk judges, in id order so two diffs never wait on each other in a cycle:
    # two diffs must not both announce a policy; the second waits, then sees the first one's
    # events. Only those: a lock writes its row's page, and a changed page's policy is anywhere
    # in the history (issue 12). The other policies are only read.
    policies = {p.id: p for p in session.scalars(
        select(PolicyRow).where(PolicyRow.id.in_(wanted)).order_by(PolicyRow.id).with_for_update())
    } if wanted else {}
    rest = sorted({d.policy_id for d in documents.values() if d.policy_id is not None} - set(wanted))
    if rest:
        policies.update((p.id, p) for p in session.scalars(select(PolicyRow).where(PolicyRow.id.in_(rest))))
    if wanted:
        # Sorted here, not by ORDER BY id: with it SQLite walks the index on kind (every
        # policy.new ever written, already in id order) instead of (policy_id, kind).
        events = sorted(session.scalars(select(ChangeEvent).where(
            ChangeEvent.policy_id.in_(wanted), ChangeEvent.kind == POLICY_NEW)), key=lambda e: e.id)
        for event in events:
            announced[int(event.policy_id or 0)].append((event.dedupe, (event.payload or {}).get("url")))
    canonical_ids = {policies[p].canonical_document_id for p in wanted if p in policies} - {None}
    canonical_urls: dict[int, str] = {}
    if canonical_ids:
        canonical_urls = {doc_id: url for doc_id, url in session.execute(
            select(Document.id, Document.canonical_url).where(Document.id.in_(canonical_ids)))}
    return _Loaded(versions, documents, policies, previous, evented, announced, canonical_urls)


def _previous_versions(session: Session, versions: list[DocumentVersion]) -> dict[int, DocumentVersion]:
    """Each version's predecessor. version_no is the latest + 1 when a version is stored, so the
    predecessor is version_no - 1 and one query finds them all; a gap (never made by the
    store, but not ruled out by the schema) falls back to the one-by-one look-up."""
    later = [v for v in versions if v.version_no > 1]
    if not later:
        return {}
    # Two plain IN lists on the unique (document_id, version_no) index, not a row-value IN:
    # SQLite answers ``(a, b) IN (VALUES ...)`` with a scan of the whole table.
    wanted = {(v.document_id, v.version_no - 1) for v in later}
    found = {(v.document_id, v.version_no): v for v in session.scalars(
        select(DocumentVersion).where(DocumentVersion.document_id.in_({d for d, _ in wanted}),
                                      DocumentVersion.version_no.in_({n for _, n in wanted})))}
    previous: dict[int, DocumentVersion] = {}
    for version in later:
        before = found.get((version.document_id, version.version_no - 1)) or previous_version(session, version)
        if before is not None:
            previous[version.id] = before
    return previous
