"""Query-string filters of the web pages, validated into typed values.

Every page reads its filters from the raw query string through these functions, so a bad value
(an unknown region, 2026/01/01, page=abc) becomes one :class:`BadInput` with a reason a reader
understands (Chinese, then English) and a 400 page, never a 500. The same rules serve the page,
its JSON, its CSV/Excel export and its Atom feed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from alerts.render_changes import DOC_KIND_LABELS, KIND_LABELS
from models import filters

POLICY_SORTS = {
    "date": "发布日期（新→旧）",
    "date_asc": "发布日期（旧→新）",
    "amount": "最高金额（大→小）",
    "title": "标题",
}
EVENT_FAMILIES = sorted({kind.split(".")[0] for kind in KIND_LABELS})
FORMATS = ("html", "json", "csv", "xlsx")
MAX_PER_PAGE = 200


class BadInput(ValueError):
    """A request the app cannot answer: ``status`` 400 (bad value) or 404 (no such thing)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _text(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_day(params: Mapping[str, str], name: str) -> date | None:
    value = _text(params, name)
    return None if value is None else _checked(filters.day, value, name)


def _checked(check: Callable[..., Any], *args: Any) -> Any:
    """One of models/filters' checks (the CLI's and the subscriptions' too), its error a 400."""
    try:
        return check(*args)
    except filters.FilterError as exc:
        raise BadInput(str(exc)) from None


def parse_int(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = _text(params, name)
    if value is None:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadInput(f"{name}={value!r} 应为 {low} 到 {high} 的整数 / must be a whole number from {low} to {high}")
    return int(value)


def parse_region(params: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(code, name) of ``region`` (a name, alias or code); (None, None) when not given."""
    value = _text(params, "region")
    if value is None:
        return None, None
    region = _checked(filters.region, value)
    return region.code, region.name


def parse_amount(params: Mapping[str, str], name: str = "min_amount") -> Decimal | None:
    return _checked(filters.amount, _text(params, name))  # 1000万, 2亿, 10000000


def parse_choice(params: Mapping[str, str], name: str, choices: Mapping[str, str] | tuple[str, ...],
                 default: str | None = None) -> str | None:
    value = _text(params, name)
    if value is None:
        return default
    if value not in choices:
        allowed = "、".join(choices)
        raise BadInput(f"{name}={value!r} 不是可选值 / is not one of: {allowed}")
    return value


def parse_opc(params: Mapping[str, str]) -> bool:
    """OPC-related only (the default: the product is about OPC) unless ``opc=0``/``all``."""
    value = (_text(params, "opc") or "1").lower()
    if value in {"1", "yes", "true", "opc"}:
        return True
    if value in {"0", "no", "false", "all"}:
        return False
    raise BadInput(f"opc={value!r} 应为 1（仅 OPC）或 0（全部） / must be 1 (OPC only) or 0 (all)")


def parse_format(params: Mapping[str, str]) -> str:
    return parse_choice(params, "format", FORMATS, "html") or "html"


@dataclass(frozen=True)
class PolicyFilter:
    q: str | None = None
    region: str | None = None  # a region code
    region_name: str | None = None
    here_only: bool = False  # issued in the region itself, not the province's/national ones
    kind: str | None = None  # a document kind: policy / rules / application …
    since: date | None = None
    until: date | None = None
    min_amount: Decimal | None = None
    opc: bool = True
    sort: str = "date"
    page: int = 1
    per: int = 50

    def query(self, **changes: Any) -> dict[str, str]:
        """The filter as query parameters (for links: next page, feed, export), defaults left out."""
        values = {**asdict(self), **changes}
        out: dict[str, str] = {}
        for key, value in values.items():
            if key == "region_name" or value in (None, False, "") or (key, value) in (
                    ("sort", "date"), ("page", 1), ("per", 50)):
                continue
            if key == "opc":
                continue
            out[key] = "1" if value is True else str(value)
        if not values["opc"]:
            out["opc"] = "0"
        return out


def policy_filter(params: Mapping[str, str]) -> PolicyFilter:
    code, name = parse_region(params)
    since, until = parse_day(params, "since"), parse_day(params, "until")
    if since and until and until < since:
        raise BadInput(f"结束日期早于开始日期 / until {until} is before since {since}")
    return PolicyFilter(
        q=_text(params, "q"), region=code, region_name=name,
        here_only=(_text(params, "here_only") or "0") in {"1", "true", "on", "yes"},
        kind=parse_choice(params, "kind", DOC_KIND_LABELS), since=since, until=until,
        min_amount=parse_amount(params), opc=parse_opc(params),
        sort=parse_choice(params, "sort", POLICY_SORTS, "date") or "date",
        page=parse_int(params, "page", 1, 1, 100_000), per=parse_int(params, "per", 50, 1, MAX_PER_PAGE),
    )


@dataclass(frozen=True)
class EventFilter:
    kind: str | None = None  # exact (amount.changed) or a family (amount)
    doc_kind: str | None = None
    q: str | None = None
    region: str | None = None
    region_name: str | None = None
    since: date | None = None
    until: date | None = None
    min_amount: Decimal | None = None
    opc: bool = True
    page: int = 1
    per: int = 50

    def query(self, **changes: Any) -> dict[str, str]:
        values = {**asdict(self), **changes}
        out = {k: str(v) for k, v in values.items()
               if k not in ("region_name", "opc") and v not in (None, "") and (k, v) not in (("page", 1), ("per", 50))}
        if not values["opc"]:
            out["opc"] = "0"
        return out


def event_filter(params: Mapping[str, str]) -> EventFilter:
    code, name = parse_region(params)
    kind = _text(params, "kind")
    if kind is not None and kind not in KIND_LABELS and kind not in EVENT_FAMILIES:
        allowed = "、".join([*EVENT_FAMILIES, *KIND_LABELS])
        raise BadInput(f"kind={kind!r} 不是事件类型 / is not an event kind: {allowed}")
    since, until = parse_day(params, "since"), parse_day(params, "until")
    if since and until and until < since:
        raise BadInput(f"结束日期早于开始日期 / until {until} is before since {since}")
    return EventFilter(
        kind=kind, doc_kind=parse_choice(params, "doc_kind", DOC_KIND_LABELS), q=_text(params, "q"),
        region=code, region_name=name, since=since, until=until, min_amount=parse_amount(params),
        opc=parse_opc(params), page=parse_int(params, "page", 1, 1, 100_000),
        per=parse_int(params, "per", 50, 1, MAX_PER_PAGE),
    )
