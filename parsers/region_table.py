"""The region table behind :mod:`parsers.regions`: rows parsed into look-up dictionaries once.

Rows come from :mod:`parsers.regions_data` (hand-kept), :mod:`parsers.regions_china` and
:mod:`parsers.regions_counties` (GB/T 2260), and :mod:`parsers.regions_foreign` (pinyin,
exonyms and other scripts). Also the regex builder the mention search compiles its names with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.regions_china import CHINA_ROWS
from parsers.regions_counties import COUNTY_ROWS
from parsers.regions_data import REGION_ROWS
from parsers.regions_foreign import FOREIGN_ROWS

__all__ = ["Region", "Table", "load_table", "shared_aliases", "trie_pattern"]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    parent_code: str | None
    level: str  # province / city / district / zone


Table = tuple[dict[str, Region], dict[str, Region], dict[str, Region], dict[str, list[Region]]]


def load_table() -> Table:
    """Parse the table into (by code, by any name or alias, by names searchable in text, the
    regions sharing each searchable name)."""
    by_code: dict[str, Region] = {}
    by_name: dict[str, Region] = {}
    searchable: dict[str, Region] = {}
    shared: dict[str, list[Region]] = {}
    # Hand-kept rows first: they win for names that occur twice (鼓楼区 in 南京 before 徐州).
    for line in (REGION_ROWS + CHINA_ROWS + COUNTY_ROWS).splitlines():
        code, name, parent, level, aliases = line.split(",", 4)
        weak_name = name.startswith("!") or len(name) <= 2  # 新城区, 城区, 东区 are words
        name = name.lstrip("!")
        region = Region(code, name, parent or None, level)
        by_code.setdefault(code, region)
        # The first row wins for an ambiguous name (鼓楼区: Nanjing before Xuzhou).
        by_name.setdefault(name, region)
        if level != "country" and not weak_name:  # "全国首个…" in a text names no issuer
            searchable.setdefault(name, region)
            shared.setdefault(name, []).append(region)
        for alias in filter(None, aliases.split("|")):
            weak = alias.startswith("!") or len(alias) == 1  # 苏/宁/园区 are not mentions
            alias = alias.lstrip("!")
            by_name.setdefault(alias, region)
            by_name.setdefault(alias.lower(), region)
            if not weak:
                searchable.setdefault(alias, region)
    for line in FOREIGN_ROWS.splitlines():  # pinyin, exonyms, Vietnamese, Korean, Japanese forms
        code, aliases = line.split(",", 1)
        for alias in aliases.split("|"):
            by_name.setdefault(alias, by_code[code])
            searchable.setdefault(alias, by_code[code])
    return by_code, by_name, searchable, {n: rs for n, rs in shared.items() if len(rs) > 1}



def shared_aliases(by_code: dict[str, Region]) -> dict[str, list[Region]]:
    """Short names that several regions answer to, kept to the highest level among them (南昌
    is the city, not 南昌县). resolve_region picks among those as for a shared name in text:
    a user's "南山" is 深圳's 南山区, not 鹤岗's, which comes first in the table."""
    found: dict[str, list[Region]] = {}
    for line in (REGION_ROWS + CHINA_ROWS + COUNTY_ROWS).splitlines():
        code, _name, _parent, _level, aliases = line.split(",", 4)
        for alias in filter(None, aliases.split("|")):
            regions = found.setdefault(alias.lstrip("!"), [])
            if all(r.code != code for r in regions):
                regions.append(by_code[code])
    rank = {"country": 0, "province": 1, "city": 2}
    shared = {}
    for alias, regions in found.items():
        top = min(rank.get(r.level, 3) for r in regions)
        regions = [r for r in regions if rank.get(r.level, 3) == top]
        if len(regions) > 1:
            shared[alias] = regions
    return shared


def trie_pattern(names: list[str]) -> str:
    """One regex for many names, as a trie ("苏州(?:工业园区)?|…"): re tries the alternatives of a
    flat alternation one by one at every position, which made region search the slowest part of
    parsing a large page. A name that is a prefix of another comes with an optional tail, tried
    first, so the longest name at a position still wins."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
