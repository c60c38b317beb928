"""What changed, in Chinese, plain text: the lines every change message and the terminal show.

One function per event kind turns a payload (written by the diff stage) into lines such as
``金额变化：最高2000万元 → 3000万元（原文：“…最高给予3000万元股权投资…”）``. The renderer
escapes them per format; the CLI prints them as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alerts.amount_text import format_change, format_target

KIND_LABELS = {
    "policy.new": "新政策",
    "policy.revised": "政策修订",
    "policy.withdrawn": "政策撤回",
    "policy.republished": "另见转载",
    "policy.superseded": "政策废止",
    "amount.added": "新增金额",
    "amount.changed": "金额变化",
    "amount.removed": "金额取消",
    "target.changed": "目标变化",
    "effective_period.changed": "有效期变化",
    "measure.added": "新增措施",
    "measure.removed": "删除措施",
    "deadline.reminder": "申报截止提醒",
}
DOC_KIND_LABELS = {
    "policy": "政策文件",
    "rules": "实施细则/办法",
    "application": "申报通知",
    "interpretation": "政策解读",
    "news": "新闻报道",
    "event": "会议活动",
    "other": "其他",
}
# What an amount is to a reader; only the first two are key amounts (alerts, --min-amount).
ROLE_LABELS = {
    "support": "扶持",
    "fund": "资金规模",
    "threshold": "申报门槛",
    "statistic": "统计数字，非扶持",
    "unknown": "用途未明",
}
MAX_QUOTE = 120


def clip(text: Any, limit: int = MAX_QUOTE) -> str:
    """One line of scraped text: whitespace collapsed, at most ``limit`` characters."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _quote(sentence: Any) -> str:
    return f"（原文：“{clip(sentence)}”）" if sentence else ""


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "（无）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    return DOC_KIND_LABELS.get(str(value), clip(value, 60))


def _period(period: Mapping[str, Any] | None) -> str:
    period = period or {}
    start, end = period.get("from"), period.get("until")
    if start and end:
        return f"{start} 至 {end}"
    if end:
        return f"至 {end}"
    if start:
        return f"{start} 起"
    return "（未写明）"


def change_lines(kind: str, payload: Mapping[str, Any]) -> list[str]:
    """Plain-text lines saying what changed; [] for kinds that are not changes (policy.new)."""
    old, new = payload.get("old"), payload.get("new")
    label = KIND_LABELS.get(kind, kind)
    if kind.startswith("amount.") and (old or new):
        phrase = (new or old or {}).get("phrase")
        return [f"{label}：{format_change(old, new)}{_quote(phrase)}"]
    if kind == "target.changed" and (old or new):
        before = format_target(old) if old else "（无）"
        after = format_target(new) if new else "（删除）"
        phrase = (new or old or {}).get("phrase")
        return [f"{label}：{before} → {after}{_quote(phrase)}"]
    if kind == "effective_period.changed":
        return [f"{label}：{_period(payload.get('old_period'))} → {_period(payload.get('new_period'))}"
                f"{_quote(payload.get('sentence'))}"]
    if kind.startswith("measure.") and isinstance(payload.get("measure"), Mapping):
        measure = payload["measure"]
        return [f"{label}：{measure.get('label') or ''}{clip(measure.get('text'))}"]
    if kind == "policy.revised":
        lines = []
        for change in payload.get("changes") or []:
            if not isinstance(change, Mapping):
                continue
            if change.get("field") == "body":
                lines.append(f"正文：“{clip(change.get('old')) or '（无）'}” → “{clip(change.get('new')) or '（删除）'}”")
            else:
                lines.append(f"{change.get('label')}：{_shown(change.get('old'))} → {_shown(change.get('new'))}")
        return lines or [f"{label}：{'、'.join(map(str, payload.get('changed_fields') or [])) or '内容有改动'}"]
    if kind == "policy.superseded" and isinstance(payload.get("superseded_by"), Mapping):
        by = payload["superseded_by"]
        number = f"（{by['doc_number']}）" if by.get("doc_number") else ""
        return [f"{label}：本政策已被《{clip(by.get('title'), 80)}》{number}废止或替代"]
    if kind == "deadline.reminder":
        return [f"{label}：申报截止 {payload.get('deadline')}，还剩 {payload.get('days_left')} 天"]
    if kind == "policy.republished":
        source = payload.get("source_id") or ""
        copy = DOC_KIND_LABELS.get(str(payload.get("copy_kind") or ""), "")
        return [f"{label}：{source} {copy}".rstrip()]
    if kind == "policy.withdrawn":
        return [f"{label}：原文页面已无法访问（HTTP {payload.get('http_status')}）"]
    return []
