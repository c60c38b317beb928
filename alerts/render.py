"""Change events rendered as readable Chinese messages, per Apprise format (text / Markdown / HTML).

A payload is written by the diff stage from scraped pages, so every string in it is untrusted:
HTML-escaped in ``html``, Markdown-escaped in ``markdown``, and only http(s) links are made
clickable. Keys may be missing: each line is rendered only when its data is there. Long bodies
are cut line by line (never inside a tag or an escape) and end with the source link. Digests
(many events in one message, grouped by policy) are in alerts/digest.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from alerts.amount_text import format_amount, format_target
from alerts.render_changes import KIND_LABELS, change_lines, clip

FORMATS = ("text", "markdown", "html")
PURPOSE_WORDS = {
    "fund": "基金",
    "equity_investment": "股权投资",
    "subsidy": "补贴",
    "award": "奖励",
    "loan": "贷款",
    "compute_voucher": "算力券",
    "rent": "房租",
    "data": "数据",
}
MAX_BODY = 1800  # chat bots (DingTalk, WeCom) cut or reject much longer messages
MAX_PHRASE = 120
MAX_TITLE = 90
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
# Mentions a chat platform would act on, written into scraped text: DingTalk/WeCom/Feishu text
# "@所有人" / "@all", Feishu "<at user_id=\"all\">" and card "<at id=all></at>", Slack
# "<!channel>" / "<!here>" / "<@U123>" / "<#C123>", Discord/Slack "@everyone" / "@here".
# Neutralised in every format, before escaping (an HTML body converted to text by Apprise
# would otherwise turn "&lt;at" back into "<at"): "@" -> "＠", "<" -> "＜", readable in Chinese.
_MENTION_AT = re.compile(
    r"@(?=(?:all|everyone|here|channel|room|所有人|全体成员|\d{5,})(?![A-Za-z0-9_]))|(?:^|(?<=[\s(（:：,，]))@(?=\S)",
    re.I,
)
_MENTION_TAG = re.compile(r"<(?=\s*/?\s*at\b|[!@#])", re.I)
# Markdown specials in a title shown as their full-width forms: a heading (DingTalk puts the
# title in "# …") or an e-mail subject then shows no backslashes and makes no links or emphasis.
_TITLE_WIDE = str.maketrans({"[": "［", "]": "］", "*": "＊", "_": "＿", "`": "｀", "<": "＜", ">": "＞",
                             "#": "＃", "|": "｜", "~": "～", "\\": "＼"})


def check_format(fmt: str) -> str:
    fmt = str(getattr(fmt, "value", fmt)).lower()
    if fmt not in FORMATS:
        raise ValueError(f"未知格式 / unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def neutralise_mentions(text: str) -> str:
    """Scraped text that can no longer mention anyone on any chat platform."""
    return _MENTION_TAG.sub("＜", _MENTION_AT.sub("＠", text))


def escape(text: str, fmt: str) -> str:
    text = neutralise_mentions(text)
    if fmt == "html":
        return html.escape(text, quote=True)
    if fmt == "markdown":
        # For renderers that ignore backslash escapes (chat bots' Markdown subsets): "\\](" is
        # escaped too, so no "](" link is left, and "<" ">" are full-width, so no raw HTML tag.
        text = _MD_SPECIAL.sub(r"\\\1", text.replace("<", "＜").replace(">", "＞"))
        return text.replace("\\](", "\\]\\(")
    return text


def link(url: str, label: str, fmt: str) -> str:
    """A clickable link only for http(s); anything else (javascript: …) is shown as text."""
    safe = url.startswith(("http://", "https://"))
    if fmt == "html":
        return f'<a href="{html.escape(url, quote=True)}">{label}</a>' if safe else html.escape(url)
    if fmt == "markdown":
        # Brackets, spaces and quotes in the URL would end the Markdown link early.
        return f"[{label}]({quote(url, safe=':/?#@!$&*+,;=%~-._')})" if safe else escape(url, fmt)
    return url


def _field(label: str, value: str, fmt: str) -> str:
    """``**标题**：…`` in Markdown, ``<b>标题</b>：…`` in HTML; value must be escaped already."""
    if fmt == "markdown":
        return f"**{label}**：{value}"
    if fmt == "html":
        return f"<b>{label}</b>：{value}"
    return f"{label}：{value}"


def _amount_line(amount: Mapping[str, Any], fmt: str) -> str:
    purpose = PURPOSE_WORDS.get(str(amount.get("purpose") or ""), "")
    text = format_amount(amount) + (f"（{purpose}）" if purpose else "")
    phrase = clip(amount.get("phrase"), MAX_PHRASE)
    line = escape(text, fmt) + (f"：{escape(phrase, fmt)}" if phrase else "")
    return f"• {line}" if fmt != "markdown" else f"- {line}"


def _target_line(target: Mapping[str, Any], fmt: str) -> str:
    text = format_target(target)
    phrase = clip(target.get("phrase"), MAX_PHRASE)
    line = escape(text, fmt) + (f"：{escape(phrase, fmt)}" if phrase else "")
    return f"• {line}" if fmt != "markdown" else f"- {line}"


def region_label(payload: Mapping[str, Any]) -> str:
    """The region's Chinese name: from the payload, else from the region table, else ""."""
    name = payload.get("region_name")
    if name:
        return str(name)
    code = payload.get("region_code")
    if code:
        from parsers.regions import resolve_region

        region = resolve_region(str(code))
        return region.name if region else str(code)
    return ""


def event_title(payload: Mapping[str, Any], kind: str) -> str:
    """``【新政策】苏州工业园区：…`` as plain text (titles are plain in every Apprise service)."""
    label = KIND_LABELS.get(kind, kind)
    region = region_label(payload)
    title = clip(payload.get("title") or "（无标题）", MAX_TITLE)
    return f"【{label}】{region + '：' if region else ''}{title}"


def _event_lines(payload: Mapping[str, Any], kind: str, fmt: str) -> list[str]:
    lines = [_field("标题", escape(clip(payload.get("title") or "（无标题）", 200), fmt), fmt)]
    if region := region_label(payload):
        lines.append(_field("地区", escape(region, fmt), fmt))
    if payload.get("published"):
        lines.append(_field("发布日期", escape(clip(payload["published"], 40), fmt), fmt))
    issuer, number = clip(payload.get("issuer"), 80), clip(payload.get("doc_number"), 60)
    if issuer or number:
        lines.append(_field("发文机关/文号", escape(" / ".join(filter(None, (issuer, number))), fmt), fmt))
    for line in change_lines(kind, payload):
        head, _, rest = line.partition("：")
        lines.append(_field(head, escape(rest, fmt), fmt))
    amounts = [a for a in payload.get("amounts") or [] if isinstance(a, Mapping)]
    if amounts:
        lines.append(_field("关键金额", "", fmt))
        lines.extend(_amount_line(a, fmt) for a in amounts)
    targets = [t for t in payload.get("targets") or [] if isinstance(t, Mapping)]
    if targets:
        lines.append(_field("发展目标", "", fmt))
        lines.extend(_target_line(t, fmt) for t in targets)
    return lines


def _join(lines: Sequence[str], tail: Sequence[str], fmt: str, limit: int) -> str:
    """Lines up to ``limit`` characters, then a cut notice, then ``tail`` (the link) always."""
    sep = "<br/>\n" if fmt == "html" else ("\n\n" if fmt == "markdown" else "\n")
    budget = limit - sum(len(t) + len(sep) for t in tail)
    kept: list[str] = []
    for line in lines:
        if sum(len(k) + len(sep) for k in kept) + len(line) > budget:
            kept.append("……（内容过长，已截断，详见原文）")
            break
        kept.append(line)
    # Markdown list items must be single-spaced to stay one list.
    if fmt == "markdown":
        out, previous = "", ""
        for line in [*kept, *tail]:
            glue = "\n" if line.startswith("- ") and previous.startswith(("- ", "**")) else sep
            out, previous = (out + glue + line if out else line), line
        return out
    return sep.join([*kept, *tail])


def title_text(title: str, fmt: str) -> str:
    # Apprise treats the title as being in body_format and blends it into the HTML of some
    # services, so in HTML it is escaped like the body. A Markdown title becomes a heading
    # (DingTalk "# title", Feishu card header): its link and emphasis characters are shown
    # full-width rather than backslash-escaped, because a backslash would show in e-mail subjects.
    title = neutralise_mentions(title)
    if fmt == "html":
        return html.escape(title, quote=True)
    return title.translate(_TITLE_WIDE) if fmt == "markdown" else title


def render_event(event_payload: Mapping[str, Any], kind: str, fmt: str) -> tuple[str, str]:
    """(title, body) of one change event in Chinese; body in ``fmt`` (text/markdown/html)."""
    fmt = check_format(fmt)
    payload = event_payload if isinstance(event_payload, Mapping) else {}
    url = str(payload.get("url") or "")
    tail = [_field("原文链接", link(url, url if fmt == "text" else escape(url, fmt), fmt), fmt)] if url else []
    return title_text(event_title(payload, kind), fmt), _join(_event_lines(payload, kind, fmt), tail, fmt, MAX_BODY)
