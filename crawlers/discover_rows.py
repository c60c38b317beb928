"""Finding the list in a page nobody described: repeated rows of a link and a date.

`opcwatch sources add` (crawlers/discover.py) uses :func:`find_rows` to propose the ``item`` and
``date`` selectors of a ``generic`` entry, and to learn which row markup a TRS, JPaaS or TrueCMS
list uses when it is not the family's usual one. Pure functions of the HTML text.

How: every link with a title-like text climbs to its nearest ancestor that repeats among its
siblings (same tag and class: an ``li`` among ``li``s, a ``tr`` among ``tr``s), preferring one
whose text outside links holds a date. Rows with the same selector form a group; the group with
the most dated rows wins (navigation menus repeat too, but carry no dates). The selector is
made as short as possible while still selecting exactly that group.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml.etree import _Element
from parsel import Selector

from crawlers.list_dates import list_date

MIN_TITLE = 4  # 首页, 更多, page numbers: shorter link texts are not list titles
MAX_CLIMB = 5  # ancestors looked at above a link
_NAME = re.compile(r"^[A-Za-z][\w-]*$")  # ids/classes usable in a CSS selector as written


@dataclass(frozen=True)
class RowGuess:
    """The proposed selectors of a list: ``item`` (CSS of the rows), ``date`` (CSS of the date
    text inside a row, or None), ``link`` (only when the title link is not a row's first link)."""

    item: str
    date: str | None
    link: str | None
    rows: int
    dated: int


def find_rows(html: str, min_rows: int = 2) -> RowGuess | None:
    """The best list of ``html`` as selectors, or None when no group of ``min_rows`` linked rows exists."""
    if not html.strip():
        return None
    page = Selector(text=html, type="html")
    tree = page.root.getroottree()
    groups: dict[tuple[tuple[str, str], ...], dict[str, tuple[_Element, _Element]]] = {}
    for anchor in page.root.iter("a"):
        if not _is_title_link(anchor):
            continue
        row = _row_of(anchor)
        if row is not None:
            path = tree.getpath(row)
            groups.setdefault(_context(row), {}).setdefault(path, (row, anchor))
    best: tuple[tuple[int, int], list[tuple[_Element, _Element]]] | None = None
    for members in groups.values():
        rows = list(members.values())
        dated = sum(_row_date(r) is not None for r, _ in rows)
        score = (dated, len(rows))
        if len(rows) >= min_rows and (best is None or score > best[0]):
            best = (score, rows)
    if best is None:
        return None
    rows = best[1]
    item = _selector(page, [r for r, _ in rows])
    return RowGuess(item=item, date=_date_selector(rows), link=_link_selector(rows), rows=len(rows), dated=best[0][0])


def _is_title_link(anchor: _Element) -> bool:
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(("javascript:", "#", "mailto:")):
        return False
    title = anchor.get("title") or anchor.text_content()
    return len(title.strip()) >= MIN_TITLE


def _signature(el: _Element) -> tuple[str, str]:
    return str(el.tag), " ".join(sorted((el.get("class") or "").split()))


def _context(row: _Element) -> tuple[tuple[str, str], ...]:
    """A row's signature with its parent's and grandparent's: rows of one list share it."""
    chain = [row, row.getparent(), row.getparent().getparent() if row.getparent() is not None else None]
    return tuple(_signature(el) for el in chain if el is not None)


def _repeats(el: _Element) -> bool:
    parent = el.getparent()
    if parent is None:
        return False
    mine = _signature(el)
    return sum(1 for sib in parent if isinstance(sib.tag, str) and _signature(sib) == mine) >= 2


def _row_date(row: _Element) -> object:
    """The date a row shows outside its links (a title like 2026年度… must not count)."""
    texts = row.xpath(".//text()[not(ancestor::a)]")
    return list_date(" ".join(str(t) for t in texts)) or next((d for d in map(list_date, texts) if d), None)


def _row_of(anchor: _Element) -> _Element | None:
    """The nearest repeated ancestor of a link holding a date, else the nearest repeated one."""
    first = None
    el: _Element | None = anchor
    for _ in range(MAX_CLIMB):
        if el is None or el.tag in ("body", "html"):
            break
        if _repeats(el):
            if _row_date(el) is not None:
                return el
            first = first if first is not None else el
        el = el.getparent()
    return first


def _step(el: _Element, *, row: bool = False) -> str:
    """One selector step: ``tag#id`` or ``tag.class``; a row is its bare tag (rows of one list
    may differ in class: odd/even, a highlighted first row)."""
    tag = str(el.tag)
    if row:
        return tag if tag != "a" else "a[href]"
    ident = el.get("id") or ""
    if _NAME.match(ident):
        return f"{tag}#{ident}"
    classes = [c for c in (el.get("class") or "").split() if _NAME.match(c)]
    return f"{tag}.{classes[0]}" if classes else tag


def _selector(page: Selector, rows: list[_Element]) -> str:
    """The shortest ``ancestor … > row`` selector that selects exactly these rows (at least one
    ancestor with an id or class: ``ul > li`` alone would match every menu of the page)."""
    tree = page.root.getroottree()
    wanted = {tree.getpath(r) for r in rows}
    chain = [_step(rows[0], row=True)]
    candidate = chain[0]
    el = rows[0].getparent()
    for _ in range(MAX_CLIMB):
        if el is None or el.tag in ("body", "html"):
            break
        chain.insert(0, _step(el))
        candidate = " > ".join(chain)
        if any(c in chain[0] for c in ".#"):
            found = {tree.getpath(s.root) for s in page.css(candidate)}
            if found == wanted or (wanted <= found and len(found) <= len(wanted) * 1.2):
                return candidate
        el = el.getparent()
    return candidate


def _date_selector(rows: list[tuple[_Element, _Element]]) -> str | None:
    """The element (``span.time``, ``b``, ``td.rq``) that holds most rows' dates, as ``…::text``."""
    votes: Counter[str] = Counter()
    for row, _anchor in rows:
        for el in row.iter():
            if not isinstance(el.tag, str) or el is row or el.tag == "a" or el.xpath("ancestor::a"):
                continue
            if list_date(el.text or "") is not None:
                votes[_step(el)] += 1
                break
    if not votes:
        return None
    step, count = votes.most_common(1)[0]
    return f"{step}::text" if count * 2 >= len(rows) else None


def _link_selector(rows: list[tuple[_Element, _Element]]) -> str | None:
    """``a[title]::attr(href)`` (or ``a.class``) when the title link is not each row's first link."""
    if all(next(iter(row.iter("a")), None) is anchor for row, anchor in rows):
        return None
    anchor = rows[0][1]
    classes = [c for c in (anchor.get("class") or "").split() if _NAME.match(c)]
    if classes:
        return f"a.{classes[0]}::attr(href)"
    return "a[title]::attr(href)" if anchor.get("title") else None
