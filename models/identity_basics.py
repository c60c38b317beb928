"""What policy identity compares: document classes, the names a document has or is about,
and its key amounts. Shared by models.identity and models.identity_reports."""

from __future__ import annotations

from dataclasses import dataclass

from parsers.schema import AmountUnit, Policy
from parsers.similarity import normalize_name, quoted_names, title_core

INSTRUMENT_KINDS = frozenset({"policy", "rules", "application"})
REPORT_KINDS = frozenset({"interpretation", "news", "event"})  # documents about a policy
KIND_RANK = {
    "policy": 0,
    "rules": 0,
    "application": 0,
    "interpretation": 1,
    "other": 2,
    "news": 3,
    "event": 3,
}
MIN_NAME = 6  # characters; shorter "names" (通知, 若干措施) identify nothing


@dataclass(frozen=True)
class Match:
    policy_id: int
    evidence: str


def is_instrument(kind: str | None) -> bool:
    return (kind or "") in INSTRUMENT_KINDS


def own_names(policy: Policy) -> list[str]:
    names = [normalize_name(policy.policy_name)] if policy.policy_name else []
    if is_instrument(policy.kind.value):
        names.append(title_core(policy.title))
    return [n for n in dict.fromkeys(names) if len(n) >= MIN_NAME]


def cited_names(policy: Policy) -> list[str]:
    """The policies a document is *about*, most telling first: a 解读's title and every name it
    cites; a report's names in its title. A name cited in a report's body, or in an instrument
    or a 名单 (根据《X》…), is its legal basis or context, not its subject."""
    kind = policy.kind.value
    names = quoted_names(policy.title)
    if kind == "interpretation":
        names += [title_core(policy.title)] + [normalize_name(c) for c in policy.cites]  # 图文解读：X
    elif kind not in ("news", "event"):
        return []
    own = set(own_names(policy))
    return [n for n in dict.fromkeys(names) if len(n) >= MIN_NAME and n not in own]


def key_amount_signature(policy: Policy) -> list[str]:
    return sorted(
        {
            f"{a.unit.value}:{a.value.normalize():f}"
            for a in policy.key_amounts()
            if a.unit is AmountUnit.PERCENT or a.currency == "CNY"
        }
    )
