"""A digest: many change events in one message, grouped by policy (daily digests, backfill runs).

One numbered heading per policy — its region and its title — then one line per event about it,
oldest first, each with its link::

    1. 苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施
      · 【新政策】园管〔2025〕3号 · 2025-03-01 发布 · 最高2000万元（股权投资） https://…
      · 【金额变化】最高2000万元 → 3000万元（原文：“…”） https://…
      · 【另见转载】jschina_news 新闻报道《…》 https://…

Policies come in the order of their first event; events that belong to no policy come last,
under 其他动态. Payloads are scraped text: everything is escaped and mentions neutralised per
format as in single alerts (alerts/render.py). Blocks are separated by an empty line (a lone
``<br/>`` in HTML): a digest too long for its channel is split and trimmed between policies
(alerts/render_fit_blocks.py), and so is one over MAX_DIGEST_BODY here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from alerts.amount_text import format_amount
from alerts.platforms import Limits
from alerts.render import check_format, escape, link, region_label, title_text
from alerts.render_changes import KIND_LABELS, change_lines, clip
from alerts.render_fit import fit_message
from alerts.render_fit_blocks import left_out_notice

MAX_DIGEST_BODY = 6000  # characters; the channel's own limit applies after (alerts/render_fit.py)
OTHER_HEADING = "其他动态"
MAX_HEADING = 90
MAX_CHANGE = 200
_DIGEST_LIMITS = Limits("digest", "digest", None, None, MAX_DIGEST_BODY, len, title_copies=0)
_COPY = "policy.republished"


def _kind_and_payload(event: Any) -> tuple[str, Mapping[str, Any]]:
    if isinstance(event, Mapping):
        return str(event.get("kind", "")), event.get("payload") or {}
    if isinstance(event, tuple):
        return str(event[0]), event[1] or {}
    payload = dict(event.payload or {})  # a ChangeEvent row: its policy is a column too
    payload.setdefault("policy_id", event.policy_id)
    return str(event.kind), payload


def _groups(items: list[tuple[str, Mapping[str, Any]]]) -> list[tuple[Any, list[tuple[str, Mapping[str, Any]]]]]:
    """Events by policy id, policies in the order of their first event, no-policy events last."""
    groups: dict[Any, list[tuple[str, Mapping[str, Any]]]] = {}
    for kind, payload in items:
        groups.setdefault(payload.get("policy_id"), []).append((kind, payload))
    ordered = [(key, members) for key, members in groups.items() if key is not None]
    return ordered + ([(None, groups[None])] if None in groups else [])


def _policy_title(members: list[tuple[str, Mapping[str, Any]]]) -> str:
    """The policy's own title: a copy's payload names it; else its own events' title."""
    named = next((p["policy_title"] for _, p in members if p.get("policy_title")), None)
    own = next((p.get("title") for k, p in members if k != _COPY and p.get("title")), None)
    return clip(named or own or members[0][1].get("title") or "（无标题）", MAX_HEADING)


def _policy_region(members: list[tuple[str, Mapping[str, Any]]]) -> str:
    """The policy's region: from its own events; a copy's payload carries the copy's region, so
    for copies alone the policy's region code (added by the sweep) comes first."""
    own = next((p for k, p in members if k != _COPY), None)
    if own is not None:
        return region_label(own)
    code = next((p.get("policy_region_code") for _, p in members if p.get("policy_region_code")), None)
    return region_label({"region_code": code}) if code else region_label(members[0][1])


def _heading(number: int, key: Any, members: list[tuple[str, Mapping[str, Any]]], fmt: str) -> str:
    if key is None:
        text = escape(OTHER_HEADING, fmt)
    else:
        region = _policy_region(members)
        text = escape((f"{region}：" if region else "") + _policy_title(members), fmt)
    text = f"{number}. {text}"
    if fmt == "markdown":
        return f"**{text}**"
    return f"<b>{text}</b>" if fmt == "html" else text


def _what(kind: str, payload: Mapping[str, Any], policy_title: str | None) -> str:
    """Plain text of one event: what happened, and the document's title where it is not the
    heading's (a copy's own title; every title under 其他动态, with its region)."""
    label = KIND_LABELS.get(kind, kind)
    if kind == "policy.new":
        amounts = [format_amount(a) for a in (payload.get("amounts") or [])[:2] if isinstance(a, Mapping)]
        published = f"{clip(payload['published'], 40)} 发布" if payload.get("published") else ""
        details = " · ".join(d for d in (clip(payload.get("doc_number"), 60), published, "、".join(amounts)) if d)
    else:
        parts = []
        for line in change_lines(kind, payload):
            head, _, rest = line.partition("：")
            parts.append(rest if head == label else line)  # 金额变化：a → b; 发布日期：a → b stays whole
        details = "；".join(parts)
    details = clip(details, MAX_CHANGE)
    title = clip(payload.get("title"), 60)
    if policy_title is None:  # no heading names it: region and title first, then what happened
        return f"【{label}】{region_label(payload)}《{title or '（无标题）'}》" + (f"：{details}" if details else "")
    if title and title != clip(policy_title, 60):
        details += f"《{title}》"
    return f"【{label}】{details}"


def _event_line(kind: str, payload: Mapping[str, Any], policy_title: str | None, fmt: str) -> str:
    text = escape(_what(kind, payload, policy_title), fmt)
    url = str(payload.get("url") or "")
    if url:
        text += " " + link(url, "原文" if fmt != "text" else url, fmt)
    bullet = {"markdown": "- ", "html": "• "}.get(fmt, "  · ")
    return bullet + text


def _summary(items: list[tuple[str, Mapping[str, Any]]]) -> str:
    counts: dict[str, int] = {}
    for kind, _ in items:
        label = KIND_LABELS.get(kind, kind)
        counts[label] = counts.get(label, 0) + 1
    summary = "，".join(f"{label}{n}条" for label, n in counts.items())
    return f"【OPC政策动态】共{len(items)}条更新" + (f"（{summary}）" if summary else "")


def render_digest(events: Iterable[Any], fmt: str) -> tuple[str, str]:
    """(title, body) summarising many events in one message, grouped by policy.

    ``events`` holds ChangeEvent rows, ``{"kind", "payload"}`` mappings or (kind, payload)
    tuples, oldest first; a payload's ``policy_id`` says which policy it is about.
    """
    fmt = check_format(fmt)
    items = [_kind_and_payload(e) for e in events]
    blocks: list[str] = []
    line_sep = "<br/>\n" if fmt == "html" else "\n"
    size, unrendered = 0, [0, 0]
    for number, (key, members) in enumerate(_groups(items), 1):
        if size > MAX_DIGEST_BODY:  # cannot be shown: counted for the notice, not rendered (a backfill's thousands)
            unrendered = [unrendered[0] + 1, unrendered[1] + len(members)]
            continue
        policy_title = _policy_title(members) if key is not None else None
        lines = [_heading(number, key, members, fmt)]
        lines += [_event_line(kind, payload, policy_title, fmt) for kind, payload in members]
        blocks.append(line_sep.join(lines))
        size += len(blocks[-1]) + 2
    if unrendered[0]:  # read back by the fitter, which adds what it leaves out itself
        blocks.append(left_out_notice(*unrendered))
    body = (f"{line_sep}<br/>\n" if fmt == "html" else "\n\n").join(blocks)
    title = title_text(_summary(items), fmt)
    ((title, body),) = fit_message(title, body, fmt, _DIGEST_LIMITS, max_parts=1, blocks=True)
    return title, body
