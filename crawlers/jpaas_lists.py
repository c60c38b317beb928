"""Reading Hanweb JPaaS column shells and unit-API answers (Yangzhou, Taizhou).

A JPaaS column ``index.html`` is an empty shell: a ``unitbuild.js`` script tag whose ``url``
attribute names the unit API and whose ``queryData`` attribute holds single-quoted JSON
(``{'webId':…,'tplSetId':…,'pageId':…,'tagId':…}``). The API answers
``{"success":true,"data":{"html":"<ul>…</ul><div class=\"pagination\" rows=\"15\" count=\"…\">"}}``.
Pure helpers of :class:`crawlers.spiders.jpaas.JpaasSpider`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin

from parsel import Selector

DEFAULT_API = "/api-gateway/jpaas-publish-server/front/page/build/unit"
# The unitbuild script tag; attribute order varies, so the tag is found first, then its attributes.
_UNIT_TAG = re.compile(r"<script\b[^>]*\bquerydata\s*=[^>]*>", re.I | re.S)
_ATTR = re.compile(r"""\b(url|querydata)\s*=\s*"([^"]*)\"""", re.I)


@dataclass(frozen=True)
class UnitQuery:
    """What a column shell says about its list: the API path and the queryData parameters."""

    api: str
    params: dict[str, str]

    def missing(self) -> list[str]:
        """Parameters the unit API cannot do without (a missing pageId broke a Jiangdu crawler)."""
        return [k for k in ("webId", "pageId") if not self.params.get(k)]


def unit_query(shell: str) -> UnitQuery | None:
    """The unitbuild script's API path and queryData, or None when the page has no such script.

    Raises ValueError when queryData is there but is not (single-quoted) JSON.
    """
    tag = _UNIT_TAG.search(shell)
    if tag is None:
        return None
    attrs = {k.lower(): v for k, v in _ATTR.findall(tag.group(0))}
    raw = attrs.get("querydata", "").replace("&quot;", '"').replace("&#39;", "'")
    data: Any = json.loads(raw.replace("'", '"'))  # queryData is JSON written with single quotes
    if not isinstance(data, dict):
        raise ValueError(f"queryData is not an object: {raw[:80]!r}")
    return UnitQuery(api=attrs.get("url") or DEFAULT_API, params={k: str(v) for k, v in data.items()})


def unit_url(base_url: str, query: UnitQuery, page_no: int, page_size: int) -> str:
    """The unit API GET URL of one page (``parseType=bulidstatic``: the server's own spelling)."""
    p = query.params
    params = [
        ("parseType", "bulidstatic"),
        ("webId", p.get("webId", "")),
        ("tplSetId", p.get("tplSetId", "")),
        ("pageType", p.get("pageType") or "column"),
        ("tagId", p.get("tagId", "")),
        ("editType", p.get("editType") or "null"),
        ("pageId", p.get("pageId", "")),
        ("paramJson", json.dumps({"pageNo": page_no, "pageSize": page_size}, separators=(",", ":"))),
    ]
    encoded = "&".join(f"{k}={quote(v, safe='')}" for k, v in params)
    return urljoin(base_url, query.api) + "?" + encoded


@dataclass(frozen=True)
class UnitAnswer:
    """One unit API answer: ok or the server's message, the list HTML, and the pagination numbers."""

    ok: bool
    message: str = ""
    html: str = ""
    rows: int | None = None
    count: int | None = None

    @property
    def pages(self) -> int | None:
        """Number of pages the pagination div announces (ceil(count / rows)), or None."""
        if self.rows and self.count is not None:
            return max(1, math.ceil(self.count / self.rows))
        return None


def unit_answer(body: str) -> UnitAnswer | None:
    """The parsed unit API answer, or None when the body is not its JSON at all."""
    try:
        data: Any = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or "success" not in data:
        return None
    if not data.get("success"):
        return UnitAnswer(ok=False, message=str(data.get("message") or data.get("msg") or "success=false"))
    html = str((data.get("data") or {}).get("html") or "")
    pager = Selector(text=html or "<div></div>").css("div.pagination")
    rows, count = pager.attrib.get("rows", ""), pager.attrib.get("count", "")
    return UnitAnswer(
        ok=True, html=html, rows=int(rows) if rows.isdigit() else None, count=int(count) if count.isdigit() else None
    )
