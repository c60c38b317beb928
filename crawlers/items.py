"""What the spiders hand to the storage pipeline: fetched detail pages and failed fetches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedPage:
    """A detail page answer: 200 with a body, or 304 (unchanged since the stored validators)."""

    source_id: str
    url: str  # the real URL the spider asked for
    final_url: str  # the real URL after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    list_meta: dict[str, Any] = field(default_factory=dict)
    page_type: str = "detail"


@dataclass
class FetchFailed:
    """A detail page that could not be fetched (network error or HTTP error status)."""

    source_id: str
    url: str
    error: str
    status: int | None = None


@dataclass
class ListMark:
    """A first list page was read: its fingerprint, so the next cycle can tell it was touched."""

    source_id: str
    url: str
    signature: str
    status: int
    last_modified: str | None = None
