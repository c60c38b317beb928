"""Building, validating and writing the registry entry `opcwatch sources add` discovered.

The entry is a plain dict in registry form (crawlers/registry.py): the id (given, or derived
from the host), the name (given, or the page's SiteName / <title>), the region code (given, or
found in that name with the parsers' gazetteer), the family, the hosts, the family keys read off
the page, and a quirk line recording what was seen. It is validated by the registry itself
(written to a temporary file and loaded) before anything is printed or written, and appended to
an existing registry file without rewriting what is there.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from crawlers.discover import DiscoveryError, Finding, Page
from crawlers.registry import RegistryError, Source, load_registry

_SUFFIX_LABELS = ("cn", "com", "net", "org", "gov", "edu", "ac")
_SITE_WORDS = re.compile(r"(政府|委员会|管委会|厅|局|网|报|办公室|新区|园区|中心|院|集团)$")
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜\-–—·]\s*|\s{1,}")
_INDENTED_ITEM = re.compile(r"^sources:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*([ \t]*)- ", re.M)


def dump(entries: Sequence[dict[str, Any]]) -> str:
    """Registry YAML of entries, Chinese kept readable."""
    return yaml.safe_dump({"sources": list(entries)}, allow_unicode=True, sort_keys=False, width=120)


def names_from_page(page: Page) -> tuple[str, str]:
    """(site name, column name) from the SiteName / ColumnName metas, else from the <title>
    ("市政府规范性文件_南京市人民政府": the part that names an office or outlet is the site)."""
    site, column = page.meta.get("sitename", ""), page.meta.get("columnname", "")
    parts = [p for p in _TITLE_SEPARATORS.split(page.title) if p]
    if not site and parts:
        site = next((p for p in reversed(parts) if _SITE_WORDS.search(p)), parts[-1] if len(parts) > 1 else parts[0])
    if not column:
        column = " ".join(p for p in parts if p != site)
    return site, column


def region_code(given: str | None, *texts: str) -> str:
    """The region code: ``given`` (a code or a name such as 苏州), else the first of ``texts`` that
    names a region. DiscoveryError when neither gives one."""
    from parsers.regions import resolve_region

    if given:
        region = resolve_region(given)
        if region is None:
            raise DiscoveryError(f"unknown region {given!r}: give a code such as 320500 or a name such as 苏州", usage=True)
        return region.code
    for text in texts:
        region = resolve_region(text) if text else None
        if region is not None and region.level != "country":
            return region.code
    raise DiscoveryError(f"cannot tell the region from the page ({' / '.join(t for t in texts if t) or 'no name'}): "
                         "pass --region CODE", usage=True)


def derive_id(url: str, finding: Finding, taken: set[str]) -> str:
    """An id from the host (www.nanjing.gov.cn → nanjing_gov, gxt.jiangsu.gov.cn → jiangsu_gxt),
    made unique against ``taken`` with the column (jiangsu_gov_col84242, nanjing_gov_szgfxwj)."""
    host = (urlsplit(url).hostname or "site").lower()
    if _is_ip(host):  # an address names no site
        return next(c for c in (f"site_{n}" for n in range(1, 1000)) if c not in taken)
    labels = [label for label in host.split(".") if label != "www"]
    suffix: list[str] = []
    while len(labels) > 1 and labels[-1] in _SUFFIX_LABELS:
        suffix.insert(0, labels.pop())
    base = "_".join(reversed(labels)) + ("_gov" if "gov" in suffix and len(labels) == 1 else "")
    base = re.sub(r"[^a-z0-9_]+", "_", base).strip("_") or "site"
    if base[0].isdigit():
        base = f"site_{base}"
    candidates = [base]
    if "columnid" in finding.list_keys:
        candidates.append(f"{base}_col{finding.list_keys['columnid']}")
    dirs = [d for d in urlsplit(url).path.split("/")[:-1] if re.match(r"^[a-z][a-z0-9]{1,20}$", d)]
    if dirs:
        candidates.append(f"{base}_{dirs[-1]}")
    candidates += [f"{base}_{n}" for n in range(2, 100)]
    return next(c for c in candidates if c not in taken)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def build_entry(url: str, finding: Finding, *, source_id: str, name: str, region: str, list_name: str) -> dict[str, Any]:
    """The registry entry (keys in the order the bundled files use)."""
    host = (urlsplit(url).hostname or "").lower()
    hosts = [host, *(h for h in finding.hosts if h != host)]
    entry: dict[str, Any] = {"id": source_id, "name": name, "region_code": region, "family": finding.family,
                             "hosts": hosts, **finding.source_keys,
                             "politeness": {"delay": 1.0, "concurrency": 1}, "min_items": 1}
    seen = "; ".join(f"{k} {v}" for k, v in finding.facts.items() if v not in (None, "") and k != "nextgroup")
    entry["quirks"] = [f"found by `opcwatch sources add` on {date.today().isoformat()}: {finding.what}"
                       + (f" ({seen})" if seen else "")]
    entry["lists"] = [{"name": list_name or name, "url": url, **finding.list_keys}]
    return entry


def validate(entry: dict[str, Any]) -> Source:
    """The entry as the registry loads it; DiscoveryError with the registry's message if it does not."""
    with tempfile.TemporaryDirectory(prefix="opcwatch-add-") as tmp:
        path = Path(tmp) / "entry.yml"
        path.write_text(dump([entry]), encoding="utf-8")
        try:
            (source,) = load_registry([path])
        except RegistryError as exc:
            raise DiscoveryError(f"the discovered entry does not validate: {exc}") from None
    return source


def known_ids(paths: Sequence[Path]) -> dict[str, str]:
    """Source id → registry file, over the configured registry and any extra files that exist."""
    try:
        return {s.id: s.origin for s in load_registry([p for p in paths if Path(p).exists()])}
    except RegistryError as exc:
        raise DiscoveryError(f"the registry does not load, so ids cannot be checked: {exc}", usage=True) from None


def append_entry(path: Path, entry: dict[str, Any]) -> None:
    """Add ``entry`` to the registry file ``path`` (created if missing), keeping what is there.

    Refuses an id the file already has. The result is loaded by the registry before it replaces
    the file, so a failed write never leaves a broken registry behind.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    data = yaml.safe_load(text) if text.strip() else None
    if data is not None and not (isinstance(data, dict) and isinstance(data.get("sources"), list)):
        raise DiscoveryError(f"{path} is not a registry file (no top-level 'sources:' list)", usage=True)
    existing = list(data["sources"]) if data else []
    if any(isinstance(e, dict) and e.get("id") == entry["id"] for e in existing):
        raise DiscoveryError(f"{path} already has a source with id {entry['id']!r}: pick another --id", usage=True)
    new_text = _appended(text, existing, entry) if existing else (
        "# Registry entries written by `opcwatch sources add`; use with --sources or OPCWATCH_SOURCES.\n"
        + dump([entry]))
    tmp = path.with_name(f".{path.name}.new")
    tmp.write_text(new_text, encoding="utf-8")
    try:
        load_registry([tmp])
    except RegistryError as exc:
        tmp.unlink()
        raise DiscoveryError(f"{path} would not load with the new entry: {exc}") from None
    os.replace(tmp, path)


def _appended(text: str, existing: list[Any], entry: dict[str, Any]) -> str:
    """The file's text with the entry added as one more list item, in the file's indentation;
    the whole file re-dumped only when its layout does not allow that (a flow-style list)."""
    match = _INDENTED_ITEM.search(text)
    if match:
        indent = match.group(1)
        item = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=120)
        block = "".join(f"{indent}{line}" if line.strip() else line for line in item.splitlines(keepends=True))
        candidate = text.rstrip("\n") + "\n\n" + block
        reread = yaml.safe_load(candidate)
        if isinstance(reread, dict) and reread.get("sources") == [*existing, entry]:
            return candidate
    return dump([*existing, entry])
