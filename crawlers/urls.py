"""One URL per page: how a link on a source's site becomes the URL stored and fetched."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
WEB_SCHEMES = ("http", "https")


def canonical_url(url: str, hosts: Sequence[str], first_list_url: str) -> str | None:
    """``url`` on the primary host (``hosts[0]``) with the first list's scheme, or None for a
    link off the source's hosts or not on the web (file:, javascript:, mailto: …).

    A port is kept: a link on the primary host keeps its own (relative links inherit the list
    page's), an alias host takes the first list's (a site served on :8080 stays there). Default
    ports (:80 for http, :443 for https) are dropped so one page has one URL.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in WEB_SCHEMES or host not in hosts:
        return None
    first = urlsplit(first_list_url)
    scheme = first.scheme or parts.scheme
    try:
        port = parts.port if host == hosts[0] else first.port
    except ValueError:  # a link with a port that is not a number
        return None
    if port in (DEFAULT_PORTS.get(scheme), DEFAULT_PORTS.get(parts.scheme)):
        port = None
    netloc = hosts[0] + (f":{port}" if port else "")
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
