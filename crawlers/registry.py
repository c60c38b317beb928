"""The source registry: YAML files of sources, validated into frozen :class:`Source` records.

A file holds ``sources: [ {id: ..., family: ..., lists: [...]}, ... ]``. Files are read in
order; an entry whose id was seen before is merged over the earlier one (its keys win), so a
deployment can add sources or retune one without copying the whole default file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

KNOWN_FAMILIES = ("hanweb",)
PAGINGS = ("window", "page")


class RegistryError(ValueError):
    """A registry file or entry is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class ListPage:
    """One column (list) of a source: where its first page is and how to page deeper."""

    name: str
    url: str
    columnid: int
    unitid: int
    webid: int = 1
    paging: str = "window"  # window: POST startrecord/endrecord; page: GET page=N
    source_content_type: int = 1


@dataclass(frozen=True)
class Politeness:
    delay: float = 1.0
    concurrency: int = 1


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    region_code: str
    family: str
    hosts: tuple[str, ...]
    lists: tuple[ListPage, ...]
    webid: int = 1
    webname: str = ""
    politeness: Politeness = field(default_factory=Politeness)
    min_items: int = 1
    quirks: tuple[str, ...] = ()

    @property
    def primary_host(self) -> str:
        return self.hosts[0]


_SOURCE_KEYS = {f for f in Source.__dataclass_fields__}
_LIST_KEYS = {f for f in ListPage.__dataclass_fields__}


def load_registry(paths: Sequence[Path]) -> list[Source]:
    """All sources of the given registry files, later files overriding earlier ones by id.

    Raises :class:`RegistryError` naming the file and entry for a missing file, bad YAML, an
    unknown family, unknown keys or a missing required field.
    """
    merged: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path in paths:
        for entry in _read_entries(Path(path)):
            sid = entry["id"]
            if sid in merged:
                _, earlier = merged[sid]
                entry = {**earlier, **entry}
            merged[sid] = (Path(path), entry)
    return [_build(path, entry) for path, entry in merged.values()]


def _read_entries(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read registry file: {exc}") from exc
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
    entries = (data or {}).get("sources") if isinstance(data, Mapping) else None
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: expected a top-level 'sources:' list")
    for index, entry in enumerate(entries):
        if not isinstance(entry, Mapping) or not entry.get("id"):
            raise RegistryError(f"{path}: sources[{index}] needs an 'id'")
        unknown = set(entry) - _SOURCE_KEYS
        if unknown:
            raise RegistryError(f"{path}: source {entry['id']!r}: unknown keys {sorted(unknown)}")
        family = entry.get("family")
        if family is not None and family not in KNOWN_FAMILIES:
            raise RegistryError(
                f"{path}: source {entry['id']!r}: unknown family {family!r} (known: {', '.join(KNOWN_FAMILIES)})"
            )
    return [dict(e) for e in entries]


def _build(path: Path, entry: dict[str, Any]) -> Source:
    where = f"{path}: source {entry['id']!r}"
    missing = [k for k in ("name", "region_code", "family", "hosts", "lists") if not entry.get(k)]
    if missing:
        raise RegistryError(f"{where}: missing {', '.join(missing)}")
    hosts = tuple(str(h).lower() for h in entry["hosts"])
    lists = []
    for i, raw in enumerate(entry["lists"]):
        if not isinstance(raw, Mapping):
            raise RegistryError(f"{where}: lists[{i}] must be a mapping")
        unknown = set(raw) - _LIST_KEYS
        if unknown:
            raise RegistryError(f"{where}: lists[{i}] unknown keys {sorted(unknown)}")
        try:
            page = ListPage(**{"webid": entry.get("webid", 1), **raw})
        except TypeError as exc:
            raise RegistryError(f"{where}: lists[{i}]: {exc}") from exc
        if page.paging not in PAGINGS:
            raise RegistryError(f"{where}: lists[{i}]: paging must be one of {PAGINGS}, got {page.paging!r}")
        if urlsplit(page.url).hostname not in hosts:
            raise RegistryError(f"{where}: lists[{i}]: host of {page.url} is not among hosts {list(hosts)}")
        lists.append(page)
    politeness = Politeness(**entry.get("politeness", {}))
    return Source(
        id=str(entry["id"]),
        name=str(entry["name"]),
        region_code=str(entry["region_code"]),
        family=str(entry["family"]),
        hosts=hosts,
        lists=tuple(lists),
        webid=int(entry.get("webid", 1)),
        webname=str(entry.get("webname", entry["name"])),
        politeness=politeness,
        min_items=int(entry.get("min_items", 1)),
        quirks=tuple(str(q) for q in entry.get("quirks", ())),
    )


def sources_by_id(paths: Sequence[Path]) -> dict[str, Source]:
    """The registry as a dict keyed by source id."""
    return {s.id: s for s in load_registry(paths)}
