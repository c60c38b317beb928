"""Regions: resolve names, aliases and codes; test containment; find mentions in text.

The table is loaded by :mod:`parsers.region_table`. Codes are GB/T 2260 (``320500`` 苏州市) or
stable zone codes (``320571`` 苏州工业园区, ``320100Z01`` 南京江北新区). Containment follows
the table's parent links, with a GB/T 2260 prefix rule for 6-digit codes the table lacks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.region_table import Region, load_table, shared_aliases, trie_pattern
from parsers.regions_data import REGION_ROWS

__all__ = [
    "Region", "all_regions", "count_regions", "dominant_region", "find_regions", "is_within", "region_path", "resolve_region",
]


_BY_CODE, _BY_NAME, _SEARCHABLE, _SHARED = load_table()
# A county's short name (崇明, 余杭) is a weak alias, but directly before a zone word it names the
# county: "崇明开发区", "余杭经济技术开发区" (the full name alone would miss what people write).
_SHORT_COUNTY = {
    name: region for name, region in _BY_NAME.items()
    if region.level in ("district", "county") and 2 <= len(name) <= 3 and name not in _SEARCHABLE
    and not name.isascii() and not region.name.startswith(name + name[-1:])
}
_ZONE_AFTER_SHORT = re.compile(r"(?:经济技术开发区|经济开发区|开发区|高新技术产业开发区|高新区|经开区|工业园区|科技园)")
_SHARED_ALIASES = shared_aliases(_BY_CODE)
# Alternatives sorted longest first so that at each position the regex takes the longest
# name: "苏州工业园区" beats "苏州", "江苏省" beats "江苏".
_MENTION_RE = re.compile(trie_pattern([n for n in _SEARCHABLE if not n[0].isascii()]))
# Latin aliases (Chengdu, JS) are whole words only ("JSON" does not name Jiangsu). They get a
# pattern of their own, and the word start is checked in _mentions: a lookbehind in front of
# an alternation defeats the first-character prefilter of re (measured ~15× slower).
_LATIN_RE = re.compile("(?:" + trie_pattern([n for n in _SEARCHABLE if n[0].isascii()]) + r")(?![A-Za-z])")


# A place name followed by these is part of an organisation, a street or a word, and does not
# say where a page is from: 北京大学, 南京大学苏州校区, 中国银行, 北京时间, 南京东路, 江南区域.
_NOT_PLACE_AFTER = re.compile(
    r"(?:大学|学院|银行|日报|晚报|时报|商报|电视台|卫视|广播电视|时间|证券|交易所|航空|医院|大厦|饭店|酒店|"
    r"[东西南北中]?路|大街|大道|街(?!道)|[岸麓坡侧]|部(?:地区|海域|沿海))"
)
# Common single-character surnames, without those that are also prepositions or particles (于,
# 向, 和, 同, 从, 由, 安, 宁 …): "王海南" is a person, "赴海南" is a trip.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
)
_PLACE_SUFFIX = "省市区县州盟旗"


def _is_place(text: str, m: re.Match[str]) -> bool:
    """False for a name inside a person's or an organisation's name, a street or a word."""
    name, after = m.group(0), text[m.end() : m.end() + 4]
    if _NOT_PLACE_AFTER.match(after) or (name.endswith("区") and after[:1] and after[:1] in "域块"):
        return False
    # A bare two-character name after a surname is a given name (王海南, 张江苏).
    return not (len(name) == 2 and m.start() and text[m.start() - 1] in _SURNAMES
                and not (after[:1] and after[:1] in _PLACE_SUFFIX))


_HAND_KEPT = frozenset(line.split(",", 1)[0] for line in REGION_ROWS.splitlines())
_PREFERRED_CITY = ("1100", "1200", "3100", "5000", "4403", "3702", "2102", "3302", "3502")


def _pick(candidates: list[Region], named: set[str]) -> Region:
    """Of the regions sharing a name (朝阳区 in 北京 and 长春), the one inside a place the text
    also names; else one in a municipality, a 计划单列 city or a provincial capital."""
    for region in candidates:
        if any(r.code in named for r in region_path(region.code)[:-1]):
            return region

    def rank(region: Region) -> int:
        city = (region.parent_code or "")[:4]
        if region.code in _HAND_KEPT:  # 鼓楼区 and 通州区 are Jiangsu's unless told otherwise
            return 0
        return 1 if city in _PREFERRED_CITY else 2 if city.endswith("01") else 3

    return min(candidates, key=rank)


# The same for English: Peking University, Shanghai Daily, Shenzhen Stock Exchange, Nanjing Road.
_LATIN_NOT_PLACE_AFTER = re.compile(
    r"\s+(?:University|Institute|Bank|Daily|Morning Post|Stock Exchange|Airlines?|Road|Street|Avenue|Normal|Polytechnic)\b"
)


def _inside_hangul_word(text: str, m: re.Match[str]) -> bool:
    """A Korean transcription inside a longer Hangul word is another place: 정저우시 (郑州) ends
    in 우시 (无锡). A province or city suffix just before (장쑤성난징) still starts a name."""
    return (_HANGUL.match(m.group(0)) is not None and m.start() > 0 and _HANGUL.match(text[m.start() - 1]) is not None
            and text[m.start() - 1] not in "성시")


_HANGUL = re.compile(r"[\uac00-\ud7af]")


def _mentions(text: str) -> list[Region]:
    """Every region mention in ``text``, in text order (longest name at each position)."""
    text = text or ""
    matches = [m for m in _MENTION_RE.finditer(text) if _is_place(text, m) and not _inside_hangul_word(text, m)]
    latin = [m for m in _LATIN_RE.finditer(text)
             if not (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha())
             and not _LATIN_NOT_PLACE_AFTER.match(text, m.end())]
    if latin:
        matches = sorted(matches + latin, key=lambda m: m.start())
    names = [m.group(0) for m in matches]
    if not any(n in _SHARED for n in names):
        found = [_SEARCHABLE[n] for n in names]
    else:
        named = {_SEARCHABLE[n].code for n in names if n not in _SHARED}
        found = [_pick(_SHARED[n], named) if n in _SHARED else _SEARCHABLE[n] for n in names]
    short = _short_county_mentions(text, [(m.start(), m.end()) for m in matches])
    if not short:
        return found
    merged = sorted([*zip((m.start() for m in matches), found, strict=True), *short], key=lambda pair: pair[0])
    return [region for _, region in merged]


def _short_county_mentions(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, Region]]:
    """(offset, county) for "崇明开发区"-style mentions not already covered by a full name."""
    out: list[tuple[int, Region]] = []
    for m in _ZONE_AFTER_SHORT.finditer(text):
        for size in (3, 2):
            start = m.start() - size
            short = text[max(0, start) : m.start()]
            region = _SHORT_COUNTY.get(short) if start >= 0 else None
            if region is not None and not any(a < m.start() and start < b for a, b in taken):
                out.append((start, region))
                break
    return out


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
    found = _BY_CODE.get(key) or (_pick(_SHARED[key], set()) if key in _SHARED else None)
    found = found or (_pick(_SHARED_ALIASES[key], set()) if key in _SHARED_ALIASES else None)
    found = found or _BY_NAME.get(key) or _BY_NAME.get(key.lower())
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
    qualified: dict[str, Region] = {}
    for code in counts:
        for region in region_path(code):
            family = sum(n for c, n in counts.items() if is_within(c, region.code))
            if family >= min_mentions and family / total >= share:
                qualified[region.code] = region
    if any(not is_within(a, b) and not is_within(b, a) for a in qualified for b in qualified):
        return None  # half the mentions in Beijing, half in Shanghai: a story about both, or China
    return max(qualified.values(), key=lambda r: len(region_path(r.code)), default=None)
