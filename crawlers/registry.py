"""The source registry: YAML files of sources, validated into frozen :class:`Source` records.

A file holds ``sources: [ {id: ..., family: ..., lists: [...]}, ... ]``. A registry path may be
a file or a directory (every ``*.yml``/``*.yaml`` in it, in name order). Paths are read in
order; an entry whose id came from an earlier *path* is merged over the earlier one (its keys
win), so a deployment can add sources or retune one without copying the default files. The
same id twice within one path is an error (two engineers picked the same id).

Keys common to every family are fixed here; each family's spider declares the extra keys its
entries may (or must) carry in a :class:`FamilySchema` (``SourceSpider.schema``): source-level
options (Hanweb's ``webid``) and per-list keys (Hanweb's ``columnid``). Anything else is a
:class:`RegistryError` naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from crawlers.urls import WEB_SCHEMES

# The sources that ship with opcwatch: a user file may retune one (reported), not silently.
BUILTIN_DIR = Path(__file__).resolve().parent / "sources"
KNOWN_FAMILIES = ("hanweb", "jpaas", "trs", "ucap", "json_api", "rss", "generic")


class RegistryError(ValueError):
    """A registry file or entry is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class FamilySchema:
    """What registry entries of one family may say beyond the common keys.

    ``list_required``: keys every list entry must have. ``list_optional``: key -> default.
    ``pagings``: allowed ``paging`` values of a list, the first one is the default.
    ``source_options``: source-level key -> default (``None`` as default = required).
    """

    list_required: tuple[str, ...] = ()
    list_optional: Mapping[str, Any] = field(default_factory=dict)
    pagings: tuple[str, ...] = ("none",)
    source_options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListPage:
    """One list (column) of a source: its first page, how to page deeper, family keys."""

    name: str
    url: str
    paging: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def param(self, key: str) -> Any:
        """A family key of this list (defaults applied at load time); KeyError if undeclared."""
        return self.params[key]


@dataclass(frozen=True)
class Politeness:
    """How gently the real site is treated: seconds between requests, parallel requests."""

    delay: float = 1.0
    concurrency: int = 1


@dataclass(frozen=True)
class Revisit:
    """Hours between re-checks of a known detail page; ``None`` = the settings' default, 0 =
    every run (a page whose edits must be seen the same day, at the cost of one request each)."""

    opc_hours: float | None = None
    other_hours: float | None = None


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    region_code: str
    family: str
    hosts: tuple[str, ...]
    lists: tuple[ListPage, ...]
    politeness: Politeness = field(default_factory=Politeness)
    revisit: Revisit = field(default_factory=Revisit)
    min_items: int = 1
    quirks: tuple[str, ...] = ()
    blocked_hint: str = ""  # free text: WAF, IP gating, what a user needs to reach it
    options: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    origin: str = ""  # the registry file the entry (last) came from
    overrides: str = ""  # the built-in registry file a user entry replaced (reported by the CLI)

    @property
    def primary_host(self) -> str:
        return self.hosts[0]

    def option(self, key: str) -> Any:
        """A family option of this source (defaults applied at load time)."""
        return self.options[key]


COMMON_KEYS = frozenset(
    {"id", "name", "region_code", "family", "hosts", "lists", "politeness", "revisit", "min_items",
     "quirks", "blocked_hint"}
)
REQUIRED_KEYS = ("name", "region_code", "family", "hosts", "lists")
LIST_COMMON_KEYS = frozenset({"name", "url", "paging"})


def _host_name(where: str, raw: Any) -> str:
    """A ``hosts`` entry as a lower-case host name. ``host:PORT`` is accepted: the port belongs
    to the list URLs (and is kept on every link), hosts only say which names are the site's."""
    text = str(raw).strip().lower()
    if "://" in text or "/" in text:
        raise RegistryError(f"{where}: hosts entry {raw!r} must be a host name (optionally host:PORT), not a URL")
    try:
        name = urlsplit(f"//{text}").hostname
        urlsplit(f"//{text}").port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        name = None
    if not name:
        raise RegistryError(f"{where}: hosts entry {raw!r} is not a host name")
    return name


def registry_files(paths: Sequence[Path]) -> list[list[Path]]:
    """Each registry path expanded: a file as itself, a directory as its sorted YAML files."""
    expanded = []
    for path in map(Path, paths):
        if path.is_dir():
            expanded.append(sorted(p for p in path.iterdir() if p.suffix in {".yml", ".yaml"}))
        else:
            expanded.append([path])
    return expanded


def _is_builtin(path: Path) -> bool:
    return path.resolve().parent == BUILTIN_DIR


def load_registry(paths: Sequence[Path]) -> list[Source]:
    """All sources of the given registry files/directories, later paths overriding earlier ones by id.

    A user entry whose id is a built-in source's is merged over it and marked (``Source.overrides``
    names the built-in file) so commands can say so; the same id in two user files, or twice in
    one path, is an error. Raises :class:`RegistryError` naming the file and entry for a missing
    file, bad YAML, a duplicate id, an unknown family, unknown keys, a missing required key or a
    region code that is not in the region table.
    """
    merged: dict[str, tuple[Path, dict[str, Any]]] = {}
    builtin_origin: dict[str, Path] = {}
    seen: set[Path] = set()
    for group in registry_files(paths):
        in_group: dict[str, Path] = {}
        for path in group:
            if path.resolve() in seen:  # the same file named twice (OPCWATCH_SOURCES and --sources)
                continue
            seen.add(path.resolve())
            for entry in _read_entries(path):
                sid = entry["id"]
                if sid in in_group:
                    raise RegistryError(f"{path}: source {sid!r} is also defined in {in_group[sid]}")
                in_group[sid] = path
                if sid in merged:
                    earlier = merged[sid][0]
                    if not _is_builtin(earlier) and not _is_builtin(path):
                        raise RegistryError(f"{path}: source {sid!r} is also defined in {earlier}; "
                                            "one id, one user file")
                    entry = {**merged[sid][1], **entry}
                if _is_builtin(path):
                    builtin_origin[sid] = path
                merged[sid] = (path, entry)
    built = []
    for sid, (path, entry) in merged.items():
        source = _build(path, entry)
        if sid in builtin_origin and builtin_origin[sid] != path:
            source = replace(source, overrides=str(builtin_origin[sid]))
        built.append(source)
    return built


def sources_by_id(paths: Sequence[Path]) -> dict[str, Source]:
    """The registry as a dict keyed by source id."""
    return {s.id: s for s in load_registry(paths)}


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
        family = entry.get("family")
        if family is not None and family not in KNOWN_FAMILIES:
            raise RegistryError(
                f"{path}: source {entry['id']!r}: unknown family {family!r} (known: {', '.join(KNOWN_FAMILIES)})"
            )
    return [dict(e) for e in entries]


def _schema(where: str, family: str) -> FamilySchema:
    from crawlers.spiders import family_schema

    try:
        return family_schema(family)
    except ImportError as exc:
        raise RegistryError(f"{where}: family {family!r} has no spider yet ({exc})") from exc


def _build(path: Path, entry: dict[str, Any]) -> Source:
    where = f"{path}: source {entry['id']!r}"
    missing = [k for k in REQUIRED_KEYS if not entry.get(k)]
    if missing:
        raise RegistryError(f"{where}: missing {', '.join(missing)}")
    schema = _schema(where, str(entry["family"]))
    unknown = set(entry) - COMMON_KEYS - set(schema.source_options)
    if unknown:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)} for family {entry['family']!r}")
    options = {k: entry.get(k, default) for k, default in schema.source_options.items()}
    if missing := [k for k, v in options.items() if v is None]:
        raise RegistryError(f"{where}: family {entry['family']!r} needs {', '.join(missing)}")
    _check_region(where, str(entry["region_code"]))
    hosts = tuple(_host_name(where, h) for h in entry["hosts"])
    lists = tuple(_build_list(f"{where}: lists[{i}]", raw, schema, hosts) for i, raw in enumerate(entry["lists"]))
    try:
        politeness = Politeness(**entry.get("politeness") or {})
        revisit = Revisit(**entry.get("revisit") or {})
    except TypeError as exc:
        raise RegistryError(f"{where}: {exc}") from exc
    for key, hours in (("opc_hours", revisit.opc_hours), ("other_hours", revisit.other_hours)):
        if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0):
            raise RegistryError(f"{where}: revisit.{key} must be a number of hours >= 0 (0 = every run), got {hours!r}")
    return Source(
        id=str(entry["id"]),
        name=str(entry["name"]),
        region_code=str(entry["region_code"]),
        family=str(entry["family"]),
        hosts=hosts,
        lists=lists,
        politeness=politeness,
        revisit=revisit,
        min_items=int(entry.get("min_items", 1)),
        quirks=tuple(str(q) for q in entry.get("quirks") or ()),
        blocked_hint=str(entry.get("blocked_hint") or ""),
        options=options,
        origin=str(path),
    )


def _check_region(where: str, code: str) -> None:
    from parsers.regions import resolve_region

    found = resolve_region(code)
    if found is None or found.code != code:
        raise RegistryError(f"{where}: region_code {code!r} is not in the region table "
                            "(a code such as 320000 江苏省 or 320500 苏州市; `opcwatch sources list` shows the built-in ones)")


def _build_list(where: str, raw: Any, schema: FamilySchema, hosts: tuple[str, ...]) -> ListPage:
    if not isinstance(raw, Mapping):
        raise RegistryError(f"{where} must be a mapping")
    allowed = LIST_COMMON_KEYS | set(schema.list_required) | set(schema.list_optional)
    if unknown := set(raw) - allowed:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(allowed)})")
    if missing := [k for k in ("name", "url", *schema.list_required) if raw.get(k) in (None, "")]:
        raise RegistryError(f"{where}: missing {', '.join(missing)}")
    paging = str(raw.get("paging") or schema.pagings[0])
    if paging not in schema.pagings:
        raise RegistryError(f"{where}: paging must be one of {schema.pagings}, got {paging!r}")
    url = str(raw["url"])
    parts = urlsplit(url)
    if parts.scheme not in WEB_SCHEMES:
        # file:, ftp:, data: lists would turn their links into local or non-web requests.
        raise RegistryError(f"{where}: url {url!r} must be http:// or https://")
    if parts.hostname not in hosts:
        raise RegistryError(f"{where}: host of {url} is not among hosts {list(hosts)}")
    params = {**schema.list_optional, **{k: v for k, v in raw.items() if k not in LIST_COMMON_KEYS}}
    return ListPage(name=str(raw["name"]), url=url, paging=paging, params=params)
