"""What policy identity compares: document classes, the names a document has or is about,
and its key amounts. Shared by models.identity and models.identity_reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.schema import AmountUnit, Policy
from parsers.similarity import quoted_names, title_core

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


_MADE = re.compile(r"(?:制定|印发|出台|发布)了?《([^《》]{4,80})》")


def _sentence(title: str) -> bool:
    """A lead sentence standing in for a missing headline ("为贯彻落实《X》，…"): it names what
    the page builds on, not what the page is."""
    return len(title) > 60 or bool(re.search(r"[，,。；;]", title)) or title.startswith("为")


def own_names(policy: Policy) -> list[str]:
    """Keys of the instrument's own name: 关于印发《X》的通知 and X give the same key.

    A title that is a lead sentence (a page without a headline) is no name itself, and a 《X》
    it builds on ("为贯彻落实《X》，…") is not the page's name either.
    """
    name = policy.policy_name or ""
    names = [title_core(name)] if name and not re.search(
        r"(?:贯彻|落实|根据|按照|依据|依照|对照)[^，。]{0,4}《?" + re.escape(name[:20]), policy.title) else []
    if is_instrument(policy.kind.value) and not _sentence(policy.title):
        names.append(title_core(policy.title))
    # A repost's lead sentence: "…，特制定《X》。以下是该政策具体内容" names the page's instrument.
    lead = policy.title + (policy.body_text[:400] if _sentence(policy.title) else "")
    names += [title_core(m) for m in _MADE.findall(lead)]
    return [n for n in dict.fromkeys(names) if len(n) >= MIN_NAME]


def cited_names(policy: Policy) -> list[str]:
    """The policies a document is *about*, most telling first: a 解读's title and every name it
    cites; a report's names in its title. A name cited in a report's body, or in an instrument
    or a 名单 (根据《X》…), is its legal basis or context, not its subject."""
    kind = policy.kind.value
    names = quoted_names(policy.title)
    if kind == "interpretation":
        names += [title_core(policy.title)] + [title_core(c) for c in policy.cites]  # 图文解读：X
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
