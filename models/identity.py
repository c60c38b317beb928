"""Policy identity: which policy a stored document belongs to, and the evidence for the link.

One policy reaches us many ways: the issuer's page, the province portal's repost, a 政策解读,
an 一图读懂, a newspaper report. Alerts are about the policy, so every document is attached to
one policy when it is stored, by the strongest evidence found, in this order:

1. an explicit link from the page to a stored document (原文链接 / 相关文件);
2. the same instrument name (关于印发《X》的通知 and 一图读懂《X》 both name X);
3. the same 文号 *and* compatible titles (a shared 文号 with unrelated titles is a typo or a
   filler page, never a link);
4. near-duplicate body text (MinHash, LSH bands in ``document_bands``);
5. for a report without any of these: a title like the policy's, from the same region, helped
   by the same number of measures (12条) or the same key amounts.

Instruments (policy, rules, application) join each other only by 1-4: two cities' 若干措施
look alike by title but are different policies. The canonical document is the most official
one: an instrument before a 解读 before news, then the page whose host is closest to the issuer.
Within one kind of evidence the tie goes to a stable key (a name's place in the page, a URL),
never to the row stored first: see models/identity_order.py for why the grouping does not
depend on the order pages are stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from models.identity_basics import (
    INSTRUMENT_KINDS,
    Match,
    cited_names,
    is_instrument,
    own_names,
)
from models.identity_order import places_agree, reclaim_reports, refresh_policy
from models.identity_reports import by_report
from models.tables import Document, DocumentBand, DocumentName, DocumentVersion, PolicyRow
from parsers.schema import Policy
from parsers.similarity import (
    bands,
    body_minhash,
    containment,
    jaccard,
    title_core,
)

NEAR_DUPLICATE = 0.7  # estimated Jaccard of body shingles for a repost (chrome and script differ)
TITLE_COMPATIBLE = 0.6  # bigram containment of title cores for a shared 文号 to count
BODY_CANDIDATES = 50  # documents compared by MinHash per page, those sharing the most bands


def attach_document(session: Session, doc: Document, stored: Policy, *, canonical: str,
                    now: datetime) -> PolicyRow:
    """Attach ``doc`` (with its new content ``stored``) to its policy; update names and bands.

    A document that already shares its policy with others keeps it (identity is decided once;
    re-parsing does not shuffle policies). A document alone in its policy is matched again, so a
    better parser that finds its 文号 or 《name》 can still join it to the right policy. Then
    reports stored earlier that name this document better than the policy they joined move
    to it (:func:`models.identity_order.reclaim_reports`): the grouping does not depend on
    which came first.
    """
    doc.kind = stored.kind.value
    own, cites = own_names(stored), cited_names(stored)
    signature = body_minhash(stored.body_text)
    row = session.get(PolicyRow, doc.policy_id) if doc.policy_id is not None else None
    if row is None or not _shares_policy(session, row.id, doc.id):
        match = _find(session, doc, stored, own, cites, signature)
        if match is not None:
            row, doc.link_evidence = session.get(PolicyRow, match.policy_id), match.evidence
        elif row is None:
            row = PolicyRow(key=canonical, title=stored.title, region_code=stored.region_code,
                            first_seen_at=now, signature={})
            session.add(row)
            session.flush()
            doc.link_evidence = "首个文档 / first document of this policy"
    assert row is not None
    doc.policy_id = row.id
    _index(session, doc, own, cites, _link_targets(stored, doc.canonical_url), signature)
    session.flush()
    refresh_policy(session, row, doc)
    if own:
        reclaim_reports(session, doc, own, row, stored.region_code)
    return row


def _shares_policy(session: Session, policy_id: int, document_id: int) -> bool:
    """Whether another document belongs to the policy (one row read, whatever the policy's size)."""
    return session.scalar(select(Document.id).where(Document.policy_id == policy_id, Document.id != document_id)
                          .limit(1)) is not None


def _index(session: Session, doc: Document, own: list[str], cites: list[str], links: list[str],
           signature: list[int] | None) -> None:
    session.execute(delete(DocumentName).where(DocumentName.document_id == doc.id))
    session.execute(delete(DocumentBand).where(DocumentBand.document_id == doc.id))
    # Rows, not ORM objects: about 20 per page, which the unit of work cost more to track
    # than to insert. In list order, so that a page's cited names keep their order (by id).
    names = [{"document_id": doc.id, "name": n[:512], "role": role}
             for role, group in (("own", own), ("cite", cites), ("link", links)) for n in group]
    if names:
        session.execute(insert(DocumentName), names)
    doc.minhash = signature
    if signature is not None:
        session.execute(insert(DocumentBand), [{"document_id": doc.id, "band": b} for b in bands(signature)])


def _find(session: Session, doc: Document, stored: Policy, own: list[str], cites: list[str],
          signature: list[int] | None) -> Match | None:
    instrument = is_instrument(stored.kind.value)
    return (_by_link(session, doc, stored)
            or _by_name(session, doc, own, cites, instrument, stored.region_code, stored.doc_number)
            or _by_doc_number(session, doc, stored)
            or _by_body(session, doc, stored, signature)
            or by_report(session, doc, stored, instrument))


def _link_targets(stored: Policy, own_url: str) -> list[str]:
    from models.store import canonicalize_url

    targets = [canonicalize_url(u) for u in stored.links if u.startswith(("http://", "https://"))]
    return [t[:512] for t in dict.fromkeys(targets) if t != own_url][:50]


def _by_link(session: Session, doc: Document, stored: Policy) -> Match | None:
    targets = _link_targets(stored, doc.canonical_url)
    # The page's own order of links decides (its 原文链接 comes first), not the store's.
    linked = {url: policy_id for url, policy_id in session.execute(
        select(Document.canonical_url, Document.policy_id).where(Document.canonical_url.in_(targets))
    )} if targets else {}
    for url in targets:
        policy_id = linked.get(url)
        if policy_id is not None and policy_id != doc.policy_id:
            return Match(policy_id, f"原文链接 / links to {url}")
    # The other way round: a report stored earlier links to this page (its 原文链接).
    for document_id, policy_id in session.execute(
        select(Document.id, Document.policy_id).join(DocumentName, DocumentName.document_id == Document.id)
        .where(DocumentName.role == "link", DocumentName.name == doc.canonical_url, Document.id != doc.id)
        .order_by(Document.canonical_url)
    ):
        if policy_id is not None and policy_id != doc.policy_id:
            return Match(policy_id, f"原文链接 / linked from document {document_id}")
    return None


def _by_name(session: Session, doc: Document, own: list[str], cites: list[str], instrument: bool,
             region: str | None, number: str | None) -> Match | None:
    # (my names, their role, evidence): an instrument matches other instruments' names and the
    # 《name》 a report published earlier cited; a report matches the instruments it names.
    lookups = [(own, "own", "同名政策 / same instrument name")]
    lookups.append((own, "cite", "先前报道所引政策 / named by an earlier report") if instrument
                   else (cites, "own", "所解读或报道的政策 / names the policy"))
    for names, role, why in lookups:
        # One row per (name, policy), however many documents carry the name: the most telling
        # name first, then the policy with the smallest URL among them (not the oldest row).
        found = sorted(session.execute(
            select(DocumentName.name, Document.policy_id, func.min(Document.canonical_url), PolicyRow.region_code,
                   PolicyRow.doc_number)
            .join(Document, Document.id == DocumentName.document_id)
            .join(PolicyRow, PolicyRow.id == Document.policy_id)
            .where(DocumentName.name.in_(names), DocumentName.role == role, Document.id != doc.id)
            .group_by(DocumentName.name, Document.policy_id, PolicyRow.region_code, PolicyRow.doc_number)
        ).tuples(), key=lambda hit: (names.index(hit[0]), hit[2])) if names else []
        for name, policy_id, _, theirs, their_number in found:
            # One name under two 文号 is two issues of it (this year's 认定工作的通知 and last
            # year's): each is new, and each round's deadline is news to founders.
            if instrument and role == "own" and numbers_differ(number, their_number):
                continue
            if policy_id is not None and policy_id != doc.policy_id and places_agree(region, theirs):
                if role == "cite" and _has_instrument(session, policy_id):
                    continue  # that report already belongs to another instrument
                return Match(policy_id, f"{why}《{name}》")
    return None


def _has_instrument(session: Session, policy_id: int) -> bool:
    return session.scalar(select(Document.id).where(
        Document.policy_id == policy_id, Document.kind.in_(INSTRUMENT_KINDS)).limit(1)) is not None


def _by_doc_number(session: Session, doc: Document, stored: Policy) -> Match | None:
    number = (stored.doc_number or "").strip()
    if not number:
        return None
    mine = title_core(stored.title)
    scored = []
    for row in session.scalars(select(PolicyRow).where(PolicyRow.doc_number == number)):
        if row.id == doc.policy_id:
            continue
        score = containment(mine, title_core(row.title))
        if score >= TITLE_COMPATIBLE:
            scored.append((-score, row.title, row.key, row.id))
    if not scored:
        return None
    score, _, _, policy_id = min(scored)  # the best title, then a stable key: not the oldest row
    return Match(policy_id, f"同文号且标题相符 / same 文号 {number}, titles agree ({-score:.2f})")


def _by_body(session: Session, doc: Document, stored: Policy, signature: list[int] | None) -> Match | None:
    if signature is None:
        return None
    # The documents sharing the most bands, a bounded few: a common template shares a band or
    # two with thousands of pages, a near-duplicate shares most of them.
    shared = func.count(DocumentBand.id)
    candidates = (select(DocumentBand.document_id).join(Document, Document.id == DocumentBand.document_id)
                  .where(DocumentBand.band.in_(bands(signature)), DocumentBand.document_id != doc.id)
                  .group_by(DocumentBand.document_id, Document.canonical_url)
                  .order_by(shared.desc(), Document.canonical_url).limit(BODY_CANDIDATES))
    best: tuple[float, str, int, int] | None = None
    for other_id, url, policy_id, minhash in session.execute(
        select(Document.id, Document.canonical_url, Document.policy_id, Document.minhash)
        .where(Document.id.in_(candidates.scalar_subquery()))
    ).tuples():
        if minhash is None or policy_id is None or policy_id == doc.policy_id:
            continue
        score = jaccard(signature, list(minhash))
        if score >= NEAR_DUPLICATE and (best is None or (-score, url) < (-best[0], best[1])) and \
                _same_document(session, stored, other_id):
            best = (score, url, other_id, policy_id)
    if best is None:
        return None
    score, url, _, policy_id = best
    return Match(policy_id, f"正文近似 / near-duplicate body (Jaccard {score:.2f}) of {url}")


def numbers_differ(mine: str | None, theirs: str | None) -> bool:
    """Two documents that both carry a 文号, and not the same one."""
    mine, theirs = (mine or "").strip(), (theirs or "").strip()
    return bool(mine and theirs and mine != theirs)


def _same_document(session: Session, stored: Policy, other_id: int) -> bool:
    """Near-duplicate bodies are one document only under compatible titles, from places that
    agree, and without two different 文号: government notices share whole template paragraphs
    (总体要求, 保障措施) across unrelated topics, and cities copy each other's measures nearly word
    for word (武汉's 若干措施 beside 成都's), which are two policies, each new where it is issued."""
    row = session.execute(
        select(DocumentVersion.title, DocumentVersion.region_code, DocumentVersion.record["doc_number"].as_string())
        .where(DocumentVersion.document_id == other_id)
        .order_by(DocumentVersion.version_no.desc()).limit(1)).tuples().first()
    if row is None:
        return False
    title, region, number = row
    if numbers_differ(stored.doc_number, number):
        return False
    return places_agree(stored.region_code, region) and \
        containment(title_core(stored.title), title_core(title or "")) >= TITLE_COMPATIBLE
