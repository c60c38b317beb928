"""parse_document / parse_text: a page (bytes) or a text → one validated ``Policy``.

The HTML is decoded once and parsed once; the layout reads raw fields; everything after that
(normalization, relevance, measures, amounts, targets, regions) runs on the normalized body
text and is shared with ``parse_text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from lxml import etree
from pydantic import ValidationError

from parsers.amount_lists import local_currency
from parsers.amounts import read_amounts
from parsers.dates import labelled_date, parse_date, posted_date
from parsers.deadlines import find_deadline
from parsers.decode import decode_html
from parsers.fields import (
    choose_region,
    closing_date,
    closing_signer,
    effective_on_signing,
    find_doc_number,
    issuer_from_title,
    normalize_doc_number,
    own_text,
    validity,
)
from parsers.identity import cites, policy_name, supersedes
from parsers.kinds import classify_kind
from parsers.layouts.common import Extracted, drop_noise, parse_tree
from parsers.layouts.generic import extract_generic
from parsers.layouts.hanweb import extract_hanweb, is_hanweb
from parsers.layouts.ucap import extract_ucap, is_ucap
from parsers.measures import extract_measures, measure_count
from parsers.normalize import clean_inline, normalize_text
from parsers.pagetype import reject_non_article
from parsers.regions import find_regions
from parsers.relevance import assess_relevance
from parsers.schema import DEFAULT_ALERT_KINDS, Attachment, ParseError, Policy, Script
from parsers.targets import annual_plan_year, extract_targets
from parsers.textpage import pick_title
from parsers.unwrap import unwrap

__all__ = ["parse_document", "parse_text"]


def _extract(text: str, url: str) -> Extracted:
    try:
        root = parse_tree(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"{url}: not parseable as HTML ({exc}): {text[:60]!r}") from exc
    raw_text = text
    drop_noise(root)
    try:
        if is_ucap(root):
            extracted = extract_ucap(root, url)
        elif is_hanweb(root):
            extracted = extract_hanweb(root, url)
            if not extracted.body.strip():  # the meta convention is national: try the generic reading
                fallback = extract_generic(root, url)
                if fallback.body.strip():
                    extracted = fallback
        else:
            extracted = extract_generic(root, url)
    except RecursionError as exc:  # pathological nesting: report it as this page's error
        raise ParseError(f"{url}: HTML nested too deeply to read: {text[:60]!r}") from exc
    reject_non_article(raw_text, root, url, extracted.body)
    return extracted


def _build(
    extracted: Extracted, *, url: str, source_id: str, fetched_at: datetime | None,
    warnings: list[str], default_region: str | None,
) -> Policy:
    body, script = normalize_text(extracted.body)
    title = clean_inline(extracted.title)
    title_script = normalize_text(extracted.title)[1]
    if title_script is Script.TRADITIONAL:
        script = Script.TRADITIONAL
    if not title:
        first = next((line for line in body.splitlines() if line.strip()), "")
        title = first[:120]
        warnings.append("no title on the page; used the first line of the body")
    if not title:
        raise ParseError(f"{url}: neither a title nor any text")
    issuer = clean_inline(extracted.issuer) if extracted.issuer else (issuer_from_title(title) or closing_signer(body))
    doc_number = normalize_doc_number(extracted.doc_number) or find_doc_number(body[:300])
    kind, kind_reason = classify_kind(title, extracted.column, extracted.layout, doc_number is not None, body)
    published = extracted.published
    # A signature date closes documents that bind or invite (policy, rules, application), not reports.
    signed = extracted.signed or (closing_date(body) if kind in DEFAULT_ALERT_KINDS else None)
    own_name = policy_name(title, kind, body)
    effective_from, effective_until = validity(body, published)
    stated_start = effective_from.year if effective_from else None  # "自2026年1月1日起施行", not the signing date
    if effective_from is None and effective_on_signing(body):
        effective_from = signed or published
    region = choose_region(issuer, title, kind, default_region, url, body)
    measures = extract_measures(body)
    # Amounts and targets of the page itself, not of its related-articles list; a converted PDF's
    # hard-wrapped lines joined back into sentences.
    text = unwrap(own_text(body))
    amounts, amount_warnings = read_amounts(text, measures, local_currency(url, body))
    warnings.extend(amount_warnings)  # "unparsed amount: …": a phrase kept as text, not a number
    for name, value in (("published", published), ("issuer", issuer), ("body", body)):
        if not value:
            warnings.append(f"missing {name}")
    canonical = extracted.canonical_url or url
    try:
        return Policy(
            source_id=source_id, url=url, canonical_url=canonical, fetched_at=fetched_at,
            title=title, kind=kind, kind_reason=kind_reason, script=script, issuer=issuer or None, doc_number=doc_number,
            index_number=clean_inline(extracted.index_number) if extracted.index_number else None,
            published=published, signed=signed, effective_from=effective_from,
            effective_until=effective_until, deadline=find_deadline(body, kind, published),
            region_code=region.code if region else None, region_name=region.name if region else None,
            regions_mentioned=tuple(dict.fromkeys(r.code for r in find_regions(f"{title}\n{body}"))),
            relevance=assess_relevance(title, text), measures=tuple(measures),
            measure_count=measure_count(title), policy_name=own_name, cites=cites(title, body, own_name),
            supersedes=supersedes(body), links=tuple(extracted.links), amounts=tuple(amounts),
            targets=tuple(extract_targets(text, reference_year=page_year.year if (page_year := signed or published) else None,
                                          plan_year=annual_plan_year(title),
                                          start_year=stated_start)),
            body_text=body,
            attachments=tuple(Attachment(name=clean_inline(n) or u, url=u) for n, u in extracted.attachments),
            partial=bool(warnings and any(w.startswith(("missing", "no title")) for w in warnings)),
            warnings=tuple(warnings),
        )
    except ValidationError as exc:
        raise ParseError(f"{url}: extracted fields do not validate: {exc.errors()[:2]}") from exc


def parse_document(
    body: bytes, *, url: str, source_id: str, fetched_at: datetime | None = None,
    headers: Mapping[str, str] | None = None, list_meta: Mapping[str, Any] | None = None,
) -> Policy:
    """Parse one fetched detail page into a Policy.

    Raises ParseError (naming the URL and quoting the page) for empty or binary bodies,
    anti-bot challenges, list pages and pages without article text. ``list_meta`` may carry
    ``title``, ``date`` ("YYYY-MM-DD") and ``region`` (a code) from the list page: used when
    the page lacks them.
    """
    if not isinstance(body, bytes | bytearray):
        raise ParseError(f"{url}: body must be bytes, got {type(body).__name__}")
    text, _encoding, warnings = decode_html(bytes(body), url, headers)
    extracted = _extract(text, url)
    warnings = list(warnings) + extracted.warnings
    meta = dict(list_meta or {})
    if not extracted.title and meta.get("title"):
        extracted.title = str(meta["title"])
        warnings.append("title taken from the list page")
    # 文号 / 发文日期 from a list API (Suzhou's policy library) beat a page's regenerated meta.
    if meta.get("issued") and (issued := parse_date(str(meta["issued"]))):
        extracted.published = issued
    if not extracted.doc_number and meta.get("doc_number"):
        extracted.doc_number = str(meta["doc_number"])
    if extracted.published is None and meta.get("date"):
        extracted.published = parse_date(str(meta["date"]))
        if extracted.published:
            warnings.append("date taken from the list page")
    if extracted.published is None:
        extracted.published = labelled_date(extracted.body[:400])
    return _build(
        extracted, url=url, source_id=source_id, fetched_at=fetched_at, warnings=warnings,
        default_region=meta.get("region"),
    )


def parse_text(text: str, *, url: str, source_id: str = "manual", published: date | None = None) -> Policy:
    """Parse plain text (first non-empty line = title) into a Policy; never raises for odd text
    other than ParseError when there is no text at all."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        raise ParseError(f"{url}: empty text")
    title, body_lines = pick_title(lines)
    extracted = Extracted(layout="text", title=title, body="\n".join(body_lines))
    # Lines above the title (a red header, the 文号) are not body text but still carry the 文号.
    extracted.doc_number = find_doc_number("\n".join(lines[:12]))
    extracted.published = published or labelled_date(text[:600]) or parse_date(text[:200]) or posted_date(text)
    return _build(extracted, url=url, source_id=source_id, fetched_at=None, warnings=[], default_region=None)
