"""Old → new of the fields a revision changed, in Chinese, with the sentence it came from.

Pure functions used by models.diff: a subscriber told 【政策修订】 must see what changed, not a
list of field names.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from parsers.schema import Policy
from parsers.similarity import dice, normalize_name

# The fields a reader cares about, with their Chinese labels, in the order a message lists them.
FIELD_LABELS = {
    "title": "标题",
    "doc_number": "文号",
    "issuer": "发文机关",
    "published": "发布日期",
    "effective_from": "施行日期",
    "effective_until": "有效期至",
    "deadline": "申报截止",
    "kind": "文件类型",
    "region_code": "地区",
    "is_opc": "OPC相关",
}
MAX_SENTENCE = 160
_SENTENCES = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


def _value(policy: Policy, name: str) -> Any:
    if name == "is_opc":
        return policy.relevance.is_opc
    value = getattr(policy, name)
    return value.isoformat() if hasattr(value, "isoformat") else getattr(value, "value", value)


def sentence_changes(old: str, new: str, limit: int = 3) -> list[dict[str, str]]:
    """Up to ``limit`` sentence pairs that differ between two bodies: {old, new} ("" = none)."""
    a = [s.strip() for s in _SENTENCES.findall(old or "") if s.strip()]
    b = [s.strip() for s in _SENTENCES.findall(new or "") if s.strip()]
    out: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        out.append({"old": "".join(a[i1:i2])[:MAX_SENTENCE], "new": "".join(b[j1:j2])[:MAX_SENTENCE]})
        if len(out) >= limit:
            break
    return out


def changed_fields(old: Policy, new: Policy) -> list[dict[str, Any]]:
    """[{field, label, old, new}] for the labelled fields, then body sentences (field "body")."""
    changes: list[dict[str, Any]] = []
    for name, label in FIELD_LABELS.items():
        before, after = _value(old, name), _value(new, name)
        if before != after:
            changes.append({"field": name, "label": label, "old": before, "new": after})
    if old.body_text != new.body_text:
        for pair in sentence_changes(old.body_text, new.body_text):
            changes.append({"field": "body", "label": "正文", **pair})
    return changes


def period_event(old: Policy, new: Policy) -> dict[str, Any] | None:
    """The payload of ``effective_period.changed`` (e.g. a policy extended), or None."""
    before = (old.effective_from, old.effective_until)
    after = (new.effective_from, new.effective_until)
    if before == after:
        return None

    def show(pair: tuple[Any, Any]) -> dict[str, str | None]:
        return {"from": pair[0].isoformat() if pair[0] else None, "until": pair[1].isoformat() if pair[1] else None}

    sentence = next((s["new"] for s in sentence_changes(old.body_text, new.body_text)
                     if re.search(r"施行|有效期|实施|执行", s["new"])), "")
    return {"old_period": show(before), "new_period": show(after), "sentence": sentence}


def measure_events(old: Policy, new: Policy) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, key, payload) for measures added or removed.

    Matched by text, not label: inserting a measure renumbers the ones after it, which is not
    a change of theirs. A measure whose text is like none on the other side (bigram Dice below
    0.5) was added or removed; an edited one (an amount raised) is an amount event or a revision.
    """
    def texts(policy: Policy) -> list[tuple[str, str, str]]:
        return [(m.label, m.text, normalize_name(m.text[:200])) for m in policy.measures]

    before, after = texts(old), texts(new)
    events: list[tuple[str, str, dict[str, Any]]] = []
    for kind, side, other in (("measure.added", after, before), ("measure.removed", before, after)):
        for label, text, norm in side:
            if all(dice(norm, o) < 0.5 for _, _, o in other):
                events.append((kind, f"measure|{norm[:60]}", {"measure": {"label": label, "text": text[:MAX_SENTENCE]}}))
    return events
