"""Regions: resolve names, aliases and codes; test containment; find mentions in text.

The table lives in :mod:`parsers.regions_data`. Codes are GB/T 2260 (``320500`` 苏州市) or
stable zone codes (``320571`` 苏州工业园区, ``320100Z01`` 南京江北新区). Containment follows
the table's parent links, with a GB/T 2260 prefix rule for 6-digit codes the table lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers.regions_china import CHINA_ROWS
from parsers.regions_data import REGION_ROWS

__all__ = [
    "Region", "all_regions", "count_regions", "dominant_region", "find_regions", "is_within", "region_path", "resolve_region",
]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    parent_code: str | None
    level: str  # province / city / district / zone


def _load() -> tuple[dict[str, Region], dict[str, Region], dict[str, Region]]:
    """Parse the table into (by code, by any name or alias, by names searchable in text)."""
    by_code: dict[str, Region] = {}
    by_name: dict[str, Region] = {}
    searchable: dict[str, Region] = {}
    # Hand-kept rows first: they win for names that occur twice (鼓楼区 in 南京 before 徐州).
    for line in (REGION_ROWS + CHINA_ROWS).splitlines():
        code, name, parent, level, aliases = line.split(",", 4)
        region = Region(code, name, parent or None, level)
        by_code[code] = region
        # The first row wins for an ambiguous name (鼓楼区: Nanjing before Xuzhou).
        by_name.setdefault(name, region)
        if level != "country":  # "全国首个…" in a text names no issuer
            searchable.setdefault(name, region)
        for alias in filter(None, aliases.split("|")):
            weak = alias.startswith("!") or len(alias) == 1  # 苏/宁/园区 are not mentions
            alias = alias.lstrip("!")
            by_name.setdefault(alias, region)
            by_name.setdefault(alias.lower(), region)
            if not weak:
                searchable.setdefault(alias, region)
    return by_code, by_name, searchable


_BY_CODE, _BY_NAME, _SEARCHABLE = _load()
# Alternatives sorted longest first so that at each position the regex takes the longest
# name: "苏州工业园区" beats "苏州", "江苏省" beats "江苏".
_MENTION_RE = re.compile("|".join(
    re.escape(n) for n in sorted(_SEARCHABLE, key=len, reverse=True) if not n[0].isascii()
))
# Latin aliases (Chengdu, JS) are whole words only ("JSON" does not name Jiangsu). They get a
# pattern of their own, and the word start is checked in _mentions: a lookbehind in front of
# an alternation defeats the first-character prefilter of re (measured ~15× slower).
_LATIN_RE = re.compile(
    "(?:" + "|".join(re.escape(n) for n in sorted(_SEARCHABLE, key=len, reverse=True) if n[0].isascii())
    + r")(?![A-Za-z])"
)


def _mentions(text: str) -> list[Region]:
    """Every region mention in ``text``, in text order (longest name at each position)."""
    matches = list(_MENTION_RE.finditer(text or ""))
    latin = [m for m in _LATIN_RE.finditer(text or "")
             if not (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha())]
    if latin:
        matches = sorted(matches + latin, key=lambda m: m.start())
    return [_SEARCHABLE[m.group(0)] for m in matches]


def all_regions() -> list[Region]:
    """Every region in the table, in table order."""
    return list(_BY_CODE.values())


def resolve_region(text: str) -> Region | None:
    """The region a name, alias or code denotes; None when it denotes none.

    Exact names/aliases/codes first ("苏州", "园区", "SIP", "320571"); then a compound label
    such as "江苏省苏州市苏州工业园区" resolves to its most specific region when all the
    regions it mentions lie on one path.
    """
    key = (text or "").strip()
    if not key:
        return None
    found = _BY_CODE.get(key) or _BY_NAME.get(key) or _BY_NAME.get(key.lower())
    if found is not None:
        return found
    mentioned = find_regions(key)
    if not mentioned:
        return None
    deepest = max(mentioned, key=lambda r: len(region_path(r.code)))
    if all(is_within(deepest.code, r.code) for r in mentioned):
        return deepest
    return None


def _prefix_within(code: str, ancestor: str) -> bool:
    """GB/T 2260 prefix rule for codes missing from the table (320599 within 320500)."""
    if len(code) != 6 or len(ancestor) != 6 or not (code.isdigit() and ancestor.isdigit()):
        return False
    if ancestor.endswith("0000"):
        return code[:2] == ancestor[:2]
    if ancestor.endswith("00"):
        return code[:4] == ancestor[:4]
    return False


def is_within(code: str, ancestor_code: str) -> bool:
    """True if ``code`` equals ``ancestor_code`` or lies (transitively) inside it."""
    if not code or not ancestor_code:
        return False
    if code == ancestor_code:
        return True
    if code in _BY_CODE:
        return any(r.code == ancestor_code for r in region_path(code))
    return _prefix_within(code, ancestor_code)


@lru_cache(maxsize=1024)
def _path(code: str) -> tuple[Region, ...]:
    chain: list[Region] = []
    current = _BY_CODE.get(code)
    while current is not None and len(chain) < 8:  # bound guards a cyclic table edit
        chain.append(current)
        current = _BY_CODE.get(current.parent_code) if current.parent_code else None
    return tuple(reversed(chain))


def region_path(code: str) -> list[Region]:
    """The chain from the province down to ``code`` itself; [] for an unknown code."""
    return list(_path(code))


def find_regions(text: str) -> list[Region]:
    """Regions mentioned in ``text``, longest match first at each position, in text order.

    Each region appears once (at its first mention). Weak aliases (园区, SIP, single
    characters) are not searched for.
    """
    seen: dict[str, Region] = {}
    for region in _mentions(text):
        seen.setdefault(region.code, region)
    return list(seen.values())


def count_regions(text: str) -> dict[str, int]:
    """How often each region is named in ``text`` (code -> count), longest match first."""
    counts: dict[str, int] = {}
    for region in _mentions(text):
        counts[region.code] = counts.get(region.code, 0) + 1
    return counts


def dominant_region(text: str, min_mentions: int = 2, share: float = 0.5) -> Region | None:
    """The most specific region that at least ``share`` of the place mentions in ``text`` fall
    within (counting mentions of its sub-regions), named at least ``min_mentions`` times; None
    when the text names places all over (a national overview) or hardly any.
    """
    counts = count_regions(text)
    total = sum(counts.values())
    if total < min_mentions:
        return None
    best: Region | None = None
    for code in counts:
        for region in region_path(code):
            family = sum(n for c, n in counts.items() if is_within(c, region.code))
            if family >= min_mentions and family / total >= share and (
                best is None or len(region_path(region.code)) > len(region_path(best.code))
            ):
                best = region
    return best
