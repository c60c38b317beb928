"""SQLAlchemy 2.x typed tables of the architecture's storage.

Rows that record history (raw pages, document versions, change events) are append-only.
Every table a stage writes has a natural unique key, so re-running a stage for the same run
upserts instead of duplicating.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# BigInteger primary keys autoincrement on PostgreSQL; SQLite only autoincrements INTEGER.
IdType = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # scheduled / backfill / manual / demo
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")  # running/ok/failed/partial/abandoned
    # Who runs it and how far it got (opcwatch/stages/run_liveness.py): a run whose process is
    # gone is marked abandoned, with the stage it stopped in. Wall clock, unlike started_at.
    pid: Mapped[int | None] = mapped_column(Integer)  # set by the CLI's cycle; None under Airflow
    hostname: Mapped[str | None] = mapped_column(String(255))
    stage: Mapped[str | None] = mapped_column(String(16))  # crawl / parse / diff / alert
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)  # why it was abandoned, and who noticed


class RawPage(Base):
    __tablename__ = "raw_pages"
    # Unique per run, not per (url, sha256): content seen before (A -> B -> A) is stored again
    # when it differs from the URL's latest page, while a retried run still writes it once.
    __table_args__ = (UniqueConstraint("url", "sha256", "run_id", name="uq_raw_pages_url_sha256_run"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    source_id: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(String(1024))
    final_url: Mapped[str] = mapped_column(String(1024))
    page_type: Mapped[str] = mapped_column(String(16), default="detail")  # list / detail
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed response body
    sha256: Mapped[str] = mapped_column(String(64))
    # Hints from the list page the spider found the link on (title, date); parsers may use them.
    list_meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # pending/ok/error/skipped; any run's parse picks up pages left pending (opcwatch/stages/parse.py).
    parse_status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    parse_error: Mapped[str | None] = mapped_column(Text)


class FetchState(Base):
    __tablename__ = "fetch_state"
    url: Mapped[str] = mapped_column(String(1024), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(64), index=True)
    etag: Mapped[str | None] = mapped_column(String(256))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    body_sha256: Mapped[str | None] = mapped_column(String(64))
    last_status: Mapped[int | None] = mapped_column(Integer, index=True)  # gone pages (404/410) are few
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)


class SourceHealth(Base):
    __tablename__ = "source_health"
    __table_args__ = (UniqueConstraint("run_id", "source_id", name="uq_source_health_run_source"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    source_id: Mapped[str] = mapped_column(String(64), index=True)
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(24))  # ok / truncated / empty / blocked / layout_changed / down
    pages: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)


class HostLease(Base):
    """One crawl at a time per host across processes (crawlers/host_lease.py).

    A row is taken with an atomic insert-or-update-if-expired; its holder renews it while it
    crawls and deletes it when done, so a holder that died blocks the host until expires_at.
    """

    __tablename__ = "host_leases"
    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    holder: Mapped[str] = mapped_column(String(160))  # run id / hostname / pid of the crawl process
    run_id: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str] = mapped_column(String(64))
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    acquired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SourceCrawl(Base):
    """The latest successful crawl of a source up to the present (not a past-only backfill),
    by wall clock: another run that would crawl it again right after skips it instead."""

    __tablename__ = "source_crawls"
    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(24))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PolicyRow(Base):
    """One policy: the original, its reposts, 解读, 一图读懂 and news reports are its documents.

    Alerts are about policies, not pages. The canonical document (the issuer's own page when it
    is known) decides the title, region and kind shown, and only its versions produce changes.
    """

    __tablename__ = "policies"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)  # canonical URL of the first document
    title: Mapped[str] = mapped_column(Text)
    region_code: Mapped[str | None] = mapped_column(String(32), index=True)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    canonical_document_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: documents point here
    name: Mapped[str | None] = mapped_column(String(512), index=True)  # normalized instrument name
    doc_number: Mapped[str | None] = mapped_column(String(128), index=True)
    kind: Mapped[str | None] = mapped_column(String(16))  # the canonical document's kind
    published: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date, index=True)  # an application notice's closing date
    # What fuzzy matching of a report compares: key amounts ("money:20000000"), measure count.
    signature: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(1024), unique=True)
    source_id: Mapped[str] = mapped_column(String(64), index=True)
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("policies.id"), index=True)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str | None] = mapped_column(String(16))  # parsers.schema.DocKind of the latest version
    link_evidence: Mapped[str | None] = mapped_column(Text)  # why it belongs to its policy
    minhash: Mapped[list[Any] | None] = mapped_column(JSON)  # body MinHash, for near-duplicates


class DocumentName(Base):
    """Identity look-ups: names a document has (own) or is about (cite, from 《》), and the
    canonical URLs it links to (link, its 原文链接), so a later original finds its reports."""

    __tablename__ = "document_names"
    __table_args__ = (UniqueConstraint("document_id", "name", "role", name="uq_document_names"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    name: Mapped[str] = mapped_column(String(512), index=True)
    role: Mapped[str] = mapped_column(String(8))  # own / cite / link


class DocumentBand(Base):
    """Locality-sensitive hashing bands of a document's MinHash: near-duplicates share a band."""

    __tablename__ = "document_bands"
    __table_args__ = (UniqueConstraint("band", "document_id", name="uq_document_bands"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    band: Mapped[str] = mapped_column(String(48), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)


class DocumentVersion(Base):
    __tablename__ = "document_versions"
    # Not unique on (document_id, content_hash): a page that reverts (A -> B -> A) is a real
    # change and gets a third version. version_no is the key that keeps versions single, and
    # its index answers every by-document look-up: no other index leads with document_id
    # (migration 0007; each one more is written at scattered places by every diff).
    __table_args__ = (UniqueConstraint("document_id", "version_no", name="uq_versions_doc_no"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    version_no: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    raw_page_id: Mapped[int | None] = mapped_column(ForeignKey("raw_pages.id"))
    parser_version: Mapped[str] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Denormalized for listing and filtering without decoding the record.
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    region_code: Mapped[str | None] = mapped_column(String(32))
    is_opc: Mapped[bool] = mapped_column(Boolean, default=False)
    max_amount_yuan: Mapped[Decimal | None] = mapped_column(Numeric(24, 2))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # Policy.model_dump(mode="json")
    diffed: Mapped[bool] = mapped_column(Boolean, default=False)


class ChangeEvent(Base):
    __tablename__ = "change_events"
    __table_args__ = (
        UniqueConstraint("version_id", "kind", "key", name="uq_events_version_kind_key"),
        UniqueConstraint("dedupe", name="uq_change_events_dedupe"),
        # A policy's earlier policy.new events (migration 0006): the diff asks for every batch.
        Index("ix_change_events_policy_kind", "policy_id", "kind"),
    )
    # Events that exist once per policy (policy.new per class of document, a deadline reminder,
    # superseded) carry a dedupe key; NULL for the rest (NULLs never collide).
    dedupe: Mapped[str | None] = mapped_column(String(160))
    # Looked up by ix_change_events_policy_kind, whose leading column it is (migration 0007).
    policy_id: Mapped[int | None] = mapped_column(Integer)
    doc_kind: Mapped[str | None] = mapped_column(String(16))  # kind of the document behind it
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)  # policy.new / amount.changed / …
    key: Mapped[str] = mapped_column(String(512), default="")  # which amount/target; "" for doc-level
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id"))
    previous_version_id: Mapped[int | None] = mapped_column(ForeignKey("document_versions.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Denormalized for matching subscriptions without decoding payloads.
    region_code: Mapped[str | None] = mapped_column(String(32))
    is_opc: Mapped[bool] = mapped_column(Boolean, default=False)
    amount_yuan: Mapped[Decimal | None] = mapped_column(Numeric(24, 2))  # largest amount involved
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)  # title, url, region, old/new amounts …


class Subscription(Base):
    __tablename__ = "subscriptions"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    url: Mapped[str] = mapped_column(Text)  # an Apprise URL: a secret, never logged in clear
    regions: Mapped[list[Any]] = mapped_column(JSON, default=list)  # region codes; sub-regions match
    event_kinds: Mapped[list[Any]] = mapped_column(JSON, default=list)  # empty = all kinds
    min_amount_yuan: Mapped[Decimal | None] = mapped_column(Numeric(24, 2))
    opc_only: Mapped[bool] = mapped_column(Boolean, default=True)
    doc_kinds: Mapped[list[Any] | None] = mapped_column(JSON, default=list)  # empty = DEFAULT_ALERT_KINDS
    # Region filter = "applies there" (the province's and national policies too) unless this is set.
    issued_here_only: Mapped[bool] = mapped_column(Boolean, default=False)
    mode: Mapped[str] = mapped_column(String(16), default="instant")  # instant / digest
    format: Mapped[str] = mapped_column(String(16), default="markdown")  # text / markdown / html
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: paused
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # A daily digest at "HH:MM" and quiet hours "HH:MM-HH:MM" for instant alerts, in ``timezone``.
    digest_at: Mapped[str | None] = mapped_column(String(5))
    quiet_hours: Mapped[str | None] = mapped_column(String(11))
    timezone: Mapped[str] = mapped_column(String(40), default="Asia/Shanghai", server_default="Asia/Shanghai")
    last_digest_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Delivery(Base):
    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "subscription_id", name="uq_deliveries_event_subscription"),
        Index("ix_deliveries_status_next", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("change_events.id"))
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending/sending/sent/failed/dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # "hostname/pid" of the process sending it (status sending): a dead holder's rows are released.
    claimed_by: Mapped[str | None] = mapped_column(String(160))
