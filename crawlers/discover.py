"""Recognising a list page's CMS family from the page itself (`opcwatch sources add`).

Pure functions over what a fetch returned (:class:`Page`: URL, status, headers, body), so each
fingerprint can be tested without a network. :func:`refusal` says why an answer is no list at
all (an anti-bot challenge, a WAF shell, a login wall, an HTTP error); :func:`recognise` names
the family and the registry keys read off the page (:class:`Finding`). Feeds and JSON answers
are told apart here; HTML pages go to :mod:`crawlers.discover_html`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from crawlers import antibot

WEB_SCHEMES = ("http", "https")
# Where a login wall sends a browser, and what its page says.
_LOGIN_PATH = re.compile(r"(?i)(^|[/_.?=&-])(login|logon|signin|sign-in|sso|cas|passport|auth)([/_.?=&-]|$)")
_LOGIN_TITLE = re.compile(r"(?i)登录|登陆|统一身份认证|用户认证|sign\s*in|log\s*in")
_PASSWORD_INPUT = re.compile(r"""<input\b[^>]*\btype\s*=\s*["']?password""", re.I)
_META = re.compile(r"""<meta\s+name\s*=\s*["']([\w-]+)["']\s+content\s*=\s*["']([^"']*)["']""", re.I)


class DiscoveryError(Exception):
    """Why a URL cannot become a registry entry; the message is one line for the user.

    ``usage``: the user's own arguments are wrong (a bad URL, an unknown region, an id taken, a
    file that is no registry), as opposed to the site not giving a list; the CLI exits 2 or 3."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Page:
    """One fetched answer. ``url`` and ``final_url`` are real URLs (never a replica's address)."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    final_url: str = ""

    @cached_property
    def text(self) -> str:
        """The body as text, decoded by its bytes first ('' for a binary body)."""
        from parsers.decode import decode_html
        from parsers.schema import ParseError

        try:
            return decode_html(self.body, self.url, self.headers)[0]
        except ParseError:
            return ""

    @cached_property
    def meta(self) -> dict[str, str]:
        """``<meta name=… content=…>`` values (SiteName, ColumnName, WebId, SiteDomain …)."""
        return {k.lower(): v.strip() for k, v in _META.findall(self.text[:20000])}

    @property
    def title(self) -> str:
        return antibot.page_title(self.body)


@dataclass
class Finding:
    """A recognised list: its family, what gave it away, and the registry keys it implies.

    ``list_keys`` go into the list entry (beside name and url), ``source_keys`` into the source
    (family options such as Hanweb's ``webid``). ``facts`` are the numbers the page states, shown
    in the dry run (perPage, groupSize, embedded records, totalRecord, proxyUrl …). ``hint`` says
    what to do when the dry run then finds no rows.
    """

    family: str
    what: str
    list_keys: dict[str, Any] = field(default_factory=dict)
    source_keys: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    hosts: tuple[str, ...] = ()
    hint: str = ""


def check_url(url: str) -> None:
    """Only http(s) URLs with a host are fetched (file:, ftp:, data: would read other things)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise DiscoveryError(f"{url!r} is not an http:// or https:// URL (scheme {parts.scheme or 'none'!r})", usage=True)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise DiscoveryError(f"{url!r} has a bad port: {exc}", usage=True) from None
    if not parts.hostname:
        raise DiscoveryError(f"{url!r} names no host")


def refusal(page: Page) -> str | None:
    """Why this answer is not a list page at all, or None when it may be one."""
    final = page.final_url or page.url
    verdict = antibot.classify(page.status, page.body, url=page.url, final_url=final)
    if verdict is not None:
        label = "anti-bot / WAF" if verdict.kind == antibot.BLOCKED else "soft 404"
        return f"{label}: {verdict.reason}"
    login = login_wall(page)
    if login:
        return f"login wall: {login}"
    if page.status != 200:
        return f"HTTP {page.status} at {final}"
    if not page.body.strip():
        return f"empty answer at {final}"
    if not page.text:
        return f"not a text page at {final} ({page.headers.get('content-type') or 'no content type'})"
    return None


def login_wall(page: Page) -> str | None:
    """What shows that the answer is a login page instead of the list, or None."""
    if page.status in (401, 407):
        return f"HTTP {page.status} asks for credentials"
    final = urlsplit(page.final_url or page.url)
    asked = urlsplit(page.url)
    if (final.path, final.query) != (asked.path, asked.query) and _LOGIN_PATH.search(f"{final.path}?{final.query}"):
        return f"redirected to {page.final_url}"
    if page.status == 200 and _PASSWORD_INPUT.search(page.text):
        links = page.text.count("<a ")
        if _LOGIN_TITLE.search(page.title) or links < 15:
            return f"a password form titled {page.title!r} instead of a list"
    return None


def recognise(page: Page) -> Finding:
    """The family of a list page and the registry keys read off it; DiscoveryError if none fits."""
    feed = _feed(page)
    if feed is not None:
        return feed
    data = _json(page.text)
    if data is not None:
        return _json_list(page, data)
    from crawlers.discover_html import recognise_html

    return recognise_html(page)


def _feed(page: Page) -> Finding | None:
    head = page.text.lstrip()[:400]
    if not head.startswith("<?xml") and not re.match(r"<(rss|feed|rdf:RDF)\b", head):
        return None
    from crawlers.spiders.rss import feed_entries

    parsed = feed_entries(page.body)
    if parsed is None:
        return None
    entries, next_link = parsed
    kind = "Atom" if re.search(r"<feed\b", head) else "RSS"
    facts: dict[str, Any] = {"items in the feed": len(entries)}
    if next_link:
        facts["next page"] = next_link
    return Finding("rss", f"{kind} feed", facts=facts)


def _json(text: str) -> Any:
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        return None


def _json_list(page: Page, data: Any) -> Finding:
    """JSON answers of list APIs that are fetched with a plain GET (POST APIs have HTML shells)."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list) and any(
            isinstance(r, dict) and "DOCPUBURL" in r for r in data["rows"]):
        facts = {"total": data.get("total"), "pageSize": data.get("pageSize")}
        return Finding("trs", "TRS IGS search JSON (rows of DOCPUBURL / DOCTITLE / DOCRELTIME)",
                       list_keys={"paging": "igs"}, facts={k: v for k, v in facts.items() if v is not None})
    if isinstance(data, dict) and isinstance(data.get("infolist"), list):
        return Finding("ucap", "Suzhou-style getInfoCommon JSON (infolist of title / link / pubtime)",
                       list_keys={"kind": "news_api"}, facts={"rows": len(data["infolist"])})
    raise DiscoveryError(f"{page.url} answers JSON of no known list API (keys: "
                         f"{', '.join(list(data)[:6]) if isinstance(data, dict) else type(data).__name__})")
