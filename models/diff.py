"""What changed between two versions of a policy's canonical document: pure functions.

Amounts are matched by :attr:`Amount.key` (the phrase with its number masked), targets by
(year, metric), measures by label; each change is its own event so a subscriber is told
"最高2000万元 → 3000万元" with the sentence, not "the page changed". Only amounts a reader acts
on (support, fund size, eligibility threshold) give amount events; a statistic that changes is
a revision. Other content changes are ``policy.revised`` with old → new per field.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from models.diff_fields import changed_fields, measure_events, period_event
from parsers.schema import KEY_ROLES, Amount, AmountRole, AmountUnit, Policy, Target

POLICY_NEW = "policy.new"
POLICY_REVISED = "policy.revised"
POLICY_REPUBLISHED = "policy.republished"
AMOUNT_ADDED = "amount.added"
AMOUNT_CHANGED = "amount.changed"
AMOUNT_REMOVED = "amount.removed"
TARGET_CHANGED = "target.changed"
EFFECTIVE_PERIOD_CHANGED = "effective_period.changed"
MEASURE_ADDED = "measure.added"
MEASURE_REMOVED = "measure.removed"
POLICY_SUPERSEDED = "policy.superseded"
DEADLINE_REMINDER = "deadline.reminder"
# Amount roles whose changes are events: what is paid, how big the pot is, and who qualifies.
_EVENT_ROLES = (*KEY_ROLES, AmountRole.THRESHOLD)

KEY_LIMIT = 512  # change_events.key is String(512)
_IGNORED_FIELDS = {"fetched_at", "url", "warnings"}  # the same fields Policy.content_hash ignores

T = TypeVar("T")


@dataclass(frozen=True)
class EventDraft:
    """One change event before it is stored: the stage adds ids, run and time."""

    kind: str
    key: str  # which amount / target; "" for document-level events
    payload: dict[str, Any]  # JSON-safe; what the alert renderer reads
    amount_yuan: Decimal | None  # the largest key yuan amount involved, for min-amount filters
    dedupe: str | None = None  # set for once-per-policy events (policy.new per class, …)
    policy_id: int | None = None  # the policy the event is about, when not the document's own


def bounded_key(key: str) -> str:
    """A key that fits the column; long keys keep a readable head and a hash of the whole."""
    if len(key) <= KEY_LIMIT:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{key[: KEY_LIMIT - 18]}#{digest}"


def _keyed(items: Iterable[T], key_of: Callable[[T], str]) -> dict[str, T]:
    """Items by key; repeats of a key get ``#2``, ``#3`` … in page order instead of vanishing."""
    seen: Counter[str] = Counter()
    out: dict[str, T] = {}
    for item in items:
        key = key_of(item)
        seen[key] += 1
        out[key if seen[key] == 1 else f"{key}#{seen[key]}"] = item
    return out


def target_key(target: Target) -> str:
    return f"{target.year if target.year is not None else '-'}|{target.metric}"


def _yuan(amount: Amount | None) -> Decimal | None:
    if amount is None or amount.unit is not AmountUnit.MONEY or amount.currency != "CNY":
        return None
    if amount.role not in KEY_ROLES:  # a threshold or statistic never trips --min-amount
        return None
    return amount.value


def _largest(*values: Decimal | None) -> Decimal | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _amount_changed(old: Amount, new: Amount) -> bool:
    # What the money is: a change of phrase wording alone is a revision, not an amount change.
    return (old.value, old.low, old.unit, old.currency, old.qualifier) != (
        new.value, new.low, new.unit, new.currency, new.qualifier)


def _content(policy: Policy) -> dict[str, Any]:
    return policy.model_dump(mode="json", exclude=_IGNORED_FIELDS)


def base_payload(policy: Policy) -> dict[str, Any]:
    """The fields every event carries, so an alert can be rendered from the event alone."""
    return {
        "title": policy.title,
        "url": policy.canonical_url,
        "region_code": policy.region_code,
        "region_name": policy.region_name,
        "published": policy.published.isoformat() if policy.published else None,
        "issuer": policy.issuer,
        "doc_number": policy.doc_number,
        "kind": policy.kind.value,
        "deadline": policy.deadline.isoformat() if policy.deadline else None,
        "is_opc": policy.relevance.is_opc,
        "amounts": [a.model_dump(mode="json", exclude={"role_reason"}) for a in policy.key_amounts()],
    }


def diff_policies(old: Policy | None, new: Policy) -> list[EventDraft]:
    """The events that turn ``old`` into ``new``; ``[]`` when the content is the same.

    ``old`` None -> one ``policy.new``. Otherwise amount and target events, or a single
    ``policy.revised`` (with the names of the changed fields) when only other content changed.
    """
    base = base_payload(new)
    if old is None:
        return [EventDraft(POLICY_NEW, "", base, new.max_amount_yuan())]
    old_content, new_content = _content(old), _content(new)
    if old_content == new_content:
        return []

    events: list[EventDraft] = []
    old_amounts = _keyed((a for a in old.amounts if a.role in _EVENT_ROLES), lambda a: a.key)
    new_amounts = _keyed((a for a in new.amounts if a.role in _EVENT_ROLES), lambda a: a.key)
    for key, amount in new_amounts.items():
        before = old_amounts.get(key)
        if before is None:
            events.append(_amount_event(AMOUNT_ADDED, key, base, None, amount))
        elif _amount_changed(before, amount):
            events.append(_amount_event(AMOUNT_CHANGED, key, base, before, amount))
    for key, amount in old_amounts.items():
        if key not in new_amounts:
            events.append(_amount_event(AMOUNT_REMOVED, key, base, amount, None))

    old_targets = _keyed(old.targets, target_key)
    new_targets = _keyed(new.targets, target_key)
    for key in [*new_targets, *(k for k in old_targets if k not in new_targets)]:
        was, now = old_targets.get(key), new_targets.get(key)
        if was is None or now is None or (was.value, was.comparator) != (now.value, now.comparator):
            payload = {**base, "key": key,
                       "old": was.model_dump(mode="json") if was else None,
                       "new": now.model_dump(mode="json") if now else None}
            events.append(EventDraft(TARGET_CHANGED, bounded_key(key), payload, None))

    if (period := period_event(old, new)) is not None:
        events.append(EventDraft(EFFECTIVE_PERIOD_CHANGED, "", {**base, **period}, None))
    for kind, key, payload in measure_events(old, new):
        events.append(EventDraft(kind, bounded_key(key), {**base, **payload}, None))

    if not events:
        changed = sorted(k for k in new_content.keys() | old_content.keys()
                         if new_content.get(k) != old_content.get(k))
        events.append(EventDraft(POLICY_REVISED, "", {**base, "changed_fields": changed,
                                                      "changes": changed_fields(old, new)},
                                 new.max_amount_yuan()))
    return events


def _amount_event(kind: str, key: str, base: dict[str, Any], old: Amount | None,
                  new: Amount | None) -> EventDraft:
    payload = {**base, "key": key,
               "old": old.model_dump(mode="json") if old else None,
               "new": new.model_dump(mode="json") if new else None}
    return EventDraft(kind, bounded_key(key), payload, _largest(_yuan(old), _yuan(new)))
