"""One policy as a person reads it: `opcwatch policies show` and `opcwatch parse --no-json`."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from alerts.amount_text import format_amount, format_target, format_yuan
from opcwatch.console import DOC_KIND_LABELS, KIND_LABELS, ROLE_LABELS, change_detail, console


def _say(text: str) -> None:
    # Scraped text may hold [brackets]: escaped so rich prints it as written.
    console.print(escape(text), soft_wrap=True)


def evidence_text(evidence: Any) -> str:
    """OPC evidence (a list of phrases, or one sentence) as one readable line."""
    if isinstance(evidence, list | tuple):
        return "、".join(f"「{item}」" for item in evidence if str(item).strip())
    return str(evidence or "")


def print_record(record: dict[str, Any]) -> None:
    """The fields of one parsed record: where it applies, who issued it, OPC or not and why,
    its amounts (money and percentages) with their role, its targets."""
    console.rule(escape(record.get("title") or "（无标题 untitled）"))
    for label, key in (("地区 region", "region_name"), ("发文机关 issuer", "issuer"), ("文号 number", "doc_number"),
                       ("发布日期 published", "published"), ("申报截止 deadline", "deadline"), ("链接 url", "url")):
        if record.get(key):
            _say(f"{label}: {record[key]}")
    if record.get("kind"):
        reason = f"（{record['kind_reason']}）" if record.get("kind_reason") else ""
        _say(f"类型 kind: {DOC_KIND_LABELS.get(record['kind'], record['kind'])}{reason}")
    relevance = record.get("relevance") or {}
    evidence = evidence_text(relevance.get("evidence"))
    _say(f"OPC: {'是 yes' if relevance.get('is_opc') else '否 no'}" + (f" — 依据 evidence: {evidence}" if evidence else ""))
    for amount in record.get("amounts") or []:
        role = ROLE_LABELS.get(str(amount.get("role") or ""), "")
        phrase = f"  「{amount['phrase']}」" if amount.get("phrase") else ""
        _say(f"  · {format_amount(amount)}{f'（{role}）' if role else ''}{phrase}")
    for target in record.get("targets") or []:
        _say(f"  ◎ 目标 target: {format_target(target)}")


def print_policy(row: dict[str, Any]) -> None:
    """A stored policy: its latest record, the sources that carried it, every version with
    what changed in it, and the events that did not come with a version."""
    print_record(row.get("record") or row)
    group = row.get("policy") or {}
    documents = group.get("documents") or []
    if documents:
        _say(f"政策 policy #{group.get('id')}「{group.get('title')}」 — 刊载来源 carried by {len(documents)}:")
        for doc in documents:
            mark = "★ 原件 canonical" if doc.get("canonical") else "  "
            kind = DOC_KIND_LABELS.get(doc.get("kind") or "", doc.get("kind") or "")
            _say(f"  {mark} #{doc['document_id']} {doc['source_id']} {kind} {doc['url']}")
            if doc.get("evidence"):
                _say(f"       归并依据 linked because: {evidence_text(doc['evidence'])}")
    events = row.get("events") or []
    by_version: dict[Any, list[dict[str, Any]]] = {}
    for event in events:
        by_version.setdefault(event.get("version_id"), []).append(event)
    versions = row.get("versions") or []
    if versions:
        _say(f"版本 versions ({len(versions)}):")
    for version in versions:
        top = f" · 最高金额 top amount {format_yuan(version['max_amount_yuan'])}" if version.get("max_amount_yuan") else ""
        _say(f"  v{version['version_no']} {str(version.get('created_at') or '')[:16]} run {version.get('run_id')}{top}")
        for event in by_version.pop(version.get("id"), []):
            _say(f"      [{KIND_LABELS.get(event['kind'], event['kind'])}] {change_detail(event['kind'], event.get('payload') or {})}")
    for event in (e for rest in by_version.values() for e in rest):  # policy-level events of sibling documents
        _say(f"  [{KIND_LABELS.get(event['kind'], event['kind'])}] {change_detail(event['kind'], event.get('payload') or {})}")
