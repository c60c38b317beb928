"""`opcwatch sources add` from start to end: fetch, judge, recognise, build, validate, dry-run.

:func:`discover_source` strings the pure steps of crawlers/discover*.py together around the
two or three requests it needs, and either returns a validated entry with its dry run or raises
:class:`~crawlers.discover.DiscoveryError` with a one-line reason (unreachable, not http(s),
anti-bot, login wall, soft 404, no recognisable list, a list that showed no rows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from crawlers import antibot
from crawlers.discover import DiscoveryError, Finding, Page, check_url, recognise, refusal
from crawlers.discover_dryrun import DryRun, dry_run
from crawlers.discover_entry import build_entry, derive_id, names_from_page, region_code, validate
from crawlers.discover_fetch import Fetcher
from crawlers.registry import Source

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass
class Discovery:
    """A validated entry for one list URL and what its dry run showed."""

    page: Page
    finding: Finding
    entry: dict[str, Any]
    source: Source
    dry: DryRun
    on_site: int  # rows whose links stay on the source's hosts (what a crawl follows)


def discover_source(
    url: str,
    fetcher: Fetcher,
    *,
    taken: Mapping[str, str],
    source_id: str | None = None,
    name: str | None = None,
    region: str | None = None,
) -> Discovery:
    """The registry entry for ``url``. ``taken`` maps the ids already in use to their files."""
    url = url.strip()
    check_url(url)
    if source_id is not None and not _ID.match(source_id):
        raise DiscoveryError(f"--id {source_id!r}: use letters, digits, _ . - (e.g. nanjing_policies)", usage=True)
    if source_id is not None and source_id in taken:
        raise DiscoveryError(f"id {source_id!r} is already a source in {taken[source_id]}: pick another --id", usage=True)
    page = fetcher.get(url)
    reason = refusal(page)
    if reason:
        raise DiscoveryError(f"{url}: {reason}")
    try:
        finding = recognise(page)
    except DiscoveryError as exc:
        raise DiscoveryError(soft_404(page, fetcher) or str(exc)) from None
    site, column = names_from_page(page)
    if not site and not column:  # a JSON answer or a bare feed: the homepage names the site
        site = _home_page(page, fetcher, lambda home: names_from_page(home)[0]) or ""
    host = (urlsplit(url).hostname or "").lower()
    name = name or " ".join(dict.fromkeys(p for p in (site, column) if p)) or host
    code = region_code(region, name, site, page.title)
    sid = source_id or derive_id(url, finding, set(taken))

    def entry_and_source() -> tuple[dict[str, Any], Source]:
        entry = build_entry(url, finding, source_id=sid, name=name, region=code, list_name=column or name)
        return entry, validate(entry)

    entry, source = entry_and_source()
    dry = dry_run(finding, page, source, fetcher)
    entry, source = entry_and_source()  # the dry run may have corrected a key (JPaaS row markup)
    on_site = len(dry.on_site(page.final_url or url, source.hosts))
    if not on_site:
        seen = f"{len(dry.items)} rows, none linking to {', '.join(source.hosts)}" if dry.items else "no rows"
        hint = f"; {finding.hint}" if finding.hint else ""
        raise DiscoveryError(f"{url}: recognised as {finding.family} ({finding.what}), but the dry run found {seen}{hint}")
    return Discovery(page, finding, entry, source, dry, on_site)


def _home_page(page: Page, fetcher: Fetcher, read: Callable[[Page], str | None]) -> str | None:
    """``read`` of the site's homepage, or None when it cannot be fetched or is no 200 page."""
    parts = urlsplit(page.url)
    try:
        home = fetcher.get(urlunsplit((parts.scheme, parts.netloc, "/", "", "")))
    except DiscoveryError:
        return None
    return read(home) if home.status == 200 else None


def soft_404(page: Page, fetcher: Fetcher) -> str | None:
    """Whether a page that is no list is the site's homepage served in its place."""
    if urlsplit(page.url).path.rstrip("/") in ("", "/index.html", "/index.htm", "/index.shtml"):
        return None

    def judge(home: Page) -> str | None:
        verdict = antibot.classify(page.status, page.body, url=page.url, final_url=page.final_url or page.url,
                                   home_title=home.title)
        return f"{page.url}: soft 404: {verdict.reason}" if verdict else None

    return _home_page(page, fetcher, judge)
