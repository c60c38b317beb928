"""What keeps policy identity independent of the order pages are stored in, and cheap per page.

The canonical document is chosen by a rank that ends in the document's URL, never its row id;
a report stored before the instrument it names best moves to it when that instrument arrives
(:func:`reclaim_reports`), so 一图读懂《若干措施》 ends with 若干措施 whether or not the
《行动方案》 it also cites was stored first. Used by models.identity.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.identity_basics import KIND_RANK, key_amount_signature, own_names
from models.tables import Document, DocumentName, DocumentVersion, PolicyRow
from parsers.schema import Policy

Rank = tuple[int, int, date, str]


def places_agree(region: str | None, theirs: str | None) -> bool:
    """Names often omit the place (关于加快…的若干意见): one name in two unrelated places is two
    policies. A place inside the other (a city's 解读 of the province's measures) agrees."""
    from parsers.regions import is_within

    return not region or not theirs or is_within(region, theirs) or is_within(theirs, region)


def _rank(kind: str | None, url: str, published: date | None) -> Rank:
    """The most official document first: an instrument, then the issuer's host, then the
    earliest; the URL last, so that equals are ordered the same way in every store order."""
    from parsers.fields import host_region
    from parsers.regions import region_path

    host = host_region(url)
    depth = len(region_path(host.code)) if host is not None else 0
    return (KIND_RANK.get(kind or "", 2), -depth, published or date.max, url)


def _ranked(session: Session, policy_id: int, only: list[int] | None) -> dict[int, tuple[Rank, int]]:
    """{document id: (rank, id of its latest version)} of the policy's documents (or of ``only``):
    columns, not ORM rows, and no version records."""
    query = (select(Document.id, Document.kind, Document.canonical_url, DocumentVersion.published, DocumentVersion.id)
             .join(DocumentVersion, DocumentVersion.document_id == Document.id)
             .where(Document.policy_id == policy_id).order_by(DocumentVersion.version_no))
    if only is not None:
        query = query.where(Document.id.in_(only))
    # In version order, so each document's entry ends as its latest version's.
    return {doc_id: (_rank(kind, url, published), version_id)
            for doc_id, kind, url, published, version_id in session.execute(query).tuples()}


def refresh_policy(session: Session, row: PolicyRow, changed: Document | None = None) -> None:
    """Choose the canonical document and copy its title, region, kind, name and signature.

    With ``changed`` (a document just attached or given a version) that is not the canonical
    one, only the two are compared: a policy with thousands of reports is not read per page.
    """
    current = row.canonical_document_id
    only = [current, changed.id] if changed is not None and current is not None and current != changed.id else None
    ranked = _ranked(session, row.id, only)
    if only is not None and current not in ranked:  # the canonical document has left: choose anew
        only, ranked = None, _ranked(session, row.id, None)
    if not ranked:
        row.canonical_document_id = None  # every document moved to another policy
        return
    best = min(ranked, key=lambda doc_id: ranked[doc_id][0])
    if only is not None and best == current:
        return  # the canonical document stays, and so does everything copied from it
    version = session.get(DocumentVersion, ranked[best][1])
    assert version is not None
    record = Policy.model_validate(version.record)
    row.canonical_document_id = best
    row.title, row.region_code, row.kind = record.title, record.region_code, record.kind.value
    row.published, row.deadline = record.published, record.deadline
    row.doc_number = record.doc_number
    names = own_names(record)
    row.name = names[0][:512] if names else None
    row.signature = {"amounts": key_amount_signature(record), "measure_count": record.measure_count}


def reclaim_reports(session: Session, doc: Document, own: list[str], row: PolicyRow, region: str | None) -> None:
    """Move to ``row`` (``doc``'s policy) the documents stored earlier that cite ``doc``'s name
    (``own``) and find their names better answered in ``row`` than in the policy they joined: a name earlier in their list (the one in
    their title before one cited in the body), or the same name and a smaller URL. Documents
    tied to their policy by a link stay. This is the choice they would have made had ``doc``
    been stored before them."""
    hits = session.execute(
        select(Document.id, Document.policy_id).join(DocumentName, DocumentName.document_id == Document.id)
        .where(DocumentName.role == "cite", DocumentName.name.in_(own), Document.policy_id.is_not(None),
               Document.policy_id != row.id, Document.id != doc.id)
        .group_by(Document.id, Document.policy_id, Document.canonical_url).order_by(Document.canonical_url)
    ).tuples().all()
    for report_id, policy_id in hits:
        assert policy_id is not None  # selected so
        cites = list(session.scalars(select(DocumentName.name).where(
            DocumentName.document_id == report_id, DocumentName.role == "cite").order_by(DocumentName.id)))
        mine, theirs = _claim(session, row.id, cites, report_id), _claim(session, policy_id, cites, report_id)
        if mine >= theirs or _linked(session, report_id, policy_id):
            continue
        report_region = session.scalar(select(DocumentVersion.region_code).where(
            DocumentVersion.document_id == report_id).order_by(DocumentVersion.version_no.desc()).limit(1))
        if not places_agree(report_region, row.region_code):
            continue
        report, left = session.get(Document, report_id), session.get(PolicyRow, policy_id)
        assert report is not None and left is not None
        report.policy_id = row.id
        report.link_evidence = f"所解读或报道的政策 / names the policy《{mine[2]}》"
        session.flush()
        refresh_policy(session, left)
        refresh_policy(session, row, report)


def _claim(session: Session, policy_id: int, cites: list[str], report_id: int) -> tuple[int, str, str]:
    """How well a policy answers the report's cited names: (position of the best name some other
    document there has as its own, smallest URL carrying it, the name); past the end when none."""
    claims = [(cites.index(name), url, name) for name, url in session.execute(
        select(DocumentName.name, func.min(Document.canonical_url))
        .join(Document, Document.id == DocumentName.document_id)
        .where(Document.policy_id == policy_id, Document.id != report_id, DocumentName.role == "own",
               DocumentName.name.in_(cites)).group_by(DocumentName.name))]
    return min(claims, default=(len(cites), "", ""))


def _linked(session: Session, report_id: int, policy_id: int) -> bool:
    """Whether the report links to a document of its policy, or one links to it (原文链接)."""
    others = select(Document.canonical_url).where(Document.policy_id == policy_id, Document.id != report_id)
    forward = select(DocumentName.id).where(DocumentName.document_id == report_id, DocumentName.role == "link",
                                            DocumentName.name.in_(others)).limit(1)
    if session.scalar(forward) is not None:
        return True
    url = select(Document.canonical_url).where(Document.id == report_id).scalar_subquery()
    backward = (select(DocumentName.id).join(Document, Document.id == DocumentName.document_id)
                .where(Document.policy_id == policy_id, DocumentName.role == "link", DocumentName.name == url).limit(1))
    return session.scalar(backward) is not None
