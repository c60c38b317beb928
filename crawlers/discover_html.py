"""HTML fingerprints of the CMS families, for `opcwatch sources add` (see crawlers/discover.py).

Each detector looks for what only its family writes into a list page and reads the registry
keys off it; the first that fits wins, in this order: Hanweb classic (``<datastore>`` island,
``jpage({...})`` call, ``var param_<unitid>``), Hanweb JPaaS (``unitbuild.js`` + ``queryData``),
the JSON-API shells and server-rendered lists (TrueCMS ``columnId`` + ``<totalrecord>``,
intertid ``getSearchList(…)`` and ``/doc/YYYY/MM/DD/<id>.shtml`` rows, Epoint
``EWB-FRONT``/``categorynum``, Huaian ``cmsweb``), UCAP (``*.shtml`` lists of
``/YYYYMM/<32hex>.shtml`` links), TRS (``createPageHTML``/``countPage``, ``tYYYYMMDD_ID`` links),
and last ``generic``: the repeated rows of a link and a date (crawlers/discover_rows.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from parsel import Selector

from crawlers.discover import DiscoveryError, Finding, Page
from crawlers.discover_rows import find_rows
from crawlers.hanweb_records import jpage_numbers, parse_records
from crawlers.jpaas_lists import unit_query
from crawlers.json_api_lists import COLUMN_ID, TOTAL_RECORD, search_list_params
from crawlers.trs_lists import page_count, page_url

HANWEB_PROXY = "/module/web/jpage/dataproxy.jsp"  # what the Hanweb spider asks
_PARAM_OBJECT = re.compile(r"var\s+param_(\w+)\s*=\s*\{(.*?)\}", re.S)
_KEY_VALUE = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,}\s]+))""")
_JPAGE_CALL = re.compile(r"""\(\s*['"]#(\w+)['"]\s*\)\s*\.jpage\(\s*\{(.*?)\}\s*\)""", re.S)
_NEXTGROUP = re.compile(r"""<nextgroup>\s*<!\[CDATA\[.*?href\s*=\s*['"]([^'"]+)['"]""", re.S)
_COLUMN_IN_URL = re.compile(r"/col/col(\d+)/")
_TRUECMS_PAGE = re.compile(r"\b(perPage|groupSize)\s*:\s*'?(\d+)")
_SITE_GUID = re.compile(r"""siteGuid['"]?\s*[:=]\s*['"]([\w-]{8,})""", re.I)
_TOPIC = re.compile(r"""\btopic['"]?\s*[:=]\s*['"]?(\w+)""")
_INTERTID_DOC = re.compile(r"""href=["'][^"']*/doc/\d{4}/\d{2}/\d{2}/\d+\.shtml""")
_UCAP_DOC = re.compile(r"""href=["'][^"']*/\d{6}/[0-9a-f]{32}\.shtml""")
_TRS_DOC = re.compile(r"""href=["'][^"']*/t\d{8}_\d+\.s?html?""")
_TRS_PAGER = re.compile(r"createPageHTML\(|var\s+countPage\s*=")
# Zhenjiang's rows: an <li> holding a titled link and a span.time (as crawlers/spiders/ucap.py reads them).
UCAP_LI_TIME = "//li[a[@title] and span[contains(concat(' ', normalize-space(@class), ' '), ' time ')]]"
UCAP_UNDATED = "div.list ul li > a"
_NEXT_LINK = "//a[contains(normalize-space(.), '下一页')]/@href"


def recognise_html(page: Page) -> Finding:
    """The first family whose fingerprint the page carries, else ``generic`` with proposed selectors."""
    text = page.text
    detectors: tuple[Callable[[Page, str], Finding | None], ...] = (
        _hanweb, _jpaas, _truecms, _intertid_shell, _epoint, _cmsweb, _intertid_static, _ucap, _trs)
    for detector in detectors:
        found = detector(page, text)
        if found is not None:
            return found
    return _generic(page, text)


def _number(value: Any) -> Any:
    text = str(value).strip()
    return int(text) if text.isdigit() else text


def _object(body: str) -> dict[str, str]:
    """A JS object literal's flat ``key: value`` pairs (quotes removed)."""
    return {key: single or double or bare for key, single, double, bare in _KEY_VALUE.findall(body)}


def _hanweb(page: Page, text: str) -> Finding | None:
    if "<datastore" not in text and ".jpage(" not in text:
        return None
    params = {unit: _object(body) for unit, body in _PARAM_OBJECT.findall(text)}
    calls = {unit: _object(body) for unit, body in _JPAGE_CALL.findall(text)}
    nextgroup = _NEXTGROUP.search(text)
    from_link = dict(parse_qsl(urlsplit(nextgroup[1].replace("&amp;", "&")).query)) if nextgroup else {}
    url_column = _COLUMN_IN_URL.search(urlsplit(page.url).path)
    units = list(params) or list(calls) or ([from_link["unitid"]] if from_link.get("unitid") else [])
    if not units:
        raise DiscoveryError(f"{page.url}: a Hanweb column page, but no jpage unit (var param_<unitid>) is on it")
    # A column page may hold several units; the list is the one of the URL's column.
    unit = next((u for u in units if url_column and str(params.get(u, {}).get("columnid")) == url_column[1]), units[0])
    param = {**from_link, **params.get(unit, {})}
    call = calls.get(unit) or next(iter(calls.values()), {})
    columnid = param.get("columnid") or (url_column[1] if url_column else None)
    if not columnid:
        raise DiscoveryError(f"{page.url}: a Hanweb column page, but its columnid is neither on it nor in the URL")
    island = re.search(rf"""id=["']{re.escape(unit)}["'][^>]*>\s*<script[^>]*>\s*(<datastore>.*?</datastore>)""", text, re.S)
    embedded = len(parse_records(island[1] if island else text))
    numbers = jpage_numbers(" ".join(f"{k}:{v}" for k, v in call.items()) or text)
    webid = param.get("webid") or page.meta.get("webid") or 1
    webname = unquote(param.get("webname") or "") or page.meta.get("sitename", "")
    content_type = _number(param.get("sourceContentType") or 1)
    list_keys: dict[str, Any] = {"columnid": _number(columnid), "unitid": _number(param.get("unitid") or unit)}
    if content_type != 1:
        list_keys["source_content_type"] = content_type
    facts: dict[str, Any] = {"columnid": list_keys["columnid"], "unitid": list_keys["unitid"],
                             "webid": _number(webid), "webname": webname,
                             "sourceContentType": content_type, **numbers, "embedded records": embedded,
                             "proxyUrl": call.get("proxyUrl") or "(none named)"}
    if nextgroup:
        facts["nextgroup"] = "yes (page=N link)" if "page=" in nextgroup[1] else "yes"
    return Finding("hanweb", "Hanweb classic (大汉) column page: <datastore> island and jpage(...) call",
                   list_keys=list_keys, source_keys={"webid": _number(webid), "webname": webname},
                   facts=facts, hosts=_site_domains(page))


def _site_domains(page: Page) -> tuple[str, ...]:
    """Hosts the page's ``SiteDomain`` meta declares (links may use any of them)."""
    return tuple(h.strip().lower() for h in page.meta.get("sitedomain", "").split(",") if re.match(r"^[\w.-]+$", h.strip()))


def _jpaas(page: Page, text: str) -> Finding | None:
    try:
        query = unit_query(text)
    except ValueError as exc:
        raise DiscoveryError(f"{page.url}: a JPaaS column shell with unreadable queryData ({exc})") from None
    if query is None:
        return None
    if missing := query.missing():
        raise DiscoveryError(f"{page.url}: a JPaaS column shell whose queryData lacks {', '.join(missing)}")
    facts = {k: v for k, v in query.params.items() if k in ("webId", "pageId", "tplSetId", "tagId")}
    return Finding("jpaas", "Hanweb JPaaS column shell: unitbuild.js script with queryData", facts={**facts, "api": query.api})


def _truecms(page: Page, text: str) -> Finding | None:
    column = COLUMN_ID.search(text)
    if column is None or not (TOTAL_RECORD.search(text) or "getMessage.do" in text):
        return None
    total = TOTAL_RECORD.search(text)
    numbers = {k: int(v) for k, v in _TRUECMS_PAGE.findall(text)}
    list_keys: dict[str, Any] = {"api": "truecms_jsonp", "column_id": column[1]}
    default_item = "#initData ul.list-ul > li"
    if not Selector(text=text, type="html").css(default_item):
        guess = find_rows(text)
        if guess is not None:
            list_keys["item"] = guess.item
    if numbers.get("perPage", 10) != 10:
        list_keys["page_size"] = numbers["perPage"]
    facts = {"columnId": column[1], **numbers, "totalrecord": int(total[1]) if total else None}
    return Finding("json_api", "TrueCMS column page: embedded rows, columnId literal, <totalrecord>; getMessage.do JSONP",
                   list_keys=list_keys, facts=facts)


def _intertid_shell(page: Page, text: str) -> Finding | None:
    found = search_list_params(text)
    if found is None:
        return None
    site_id, channels, size = found
    list_keys: dict[str, Any] = {"api": "wuxi_info_open", "channel_ids": channels}
    if size != 20:
        list_keys["page_size"] = size
    return Finding("json_api", "intertid shell: getSearchList(...) call, rows from POST /info_open/search",
                   list_keys=list_keys, source_keys={"site_id": site_id},
                   facts={"siteId": site_id, "channelIds": channels, "pageSize": size})


def _epoint(page: Page, text: str) -> Finding | None:
    query = dict(parse_qsl(urlsplit(page.url).query))
    if not ("EWB-FRONT" in text or "govinfolist" in text.lower() or ("categorynum" in query and "epoint" in text.lower())):
        return None
    guid = _SITE_GUID.search(text)
    source_keys = {"site_guid": guid[1]} if guid else {}
    hint = "" if guid else ("the page does not name the siteGuid of the Epoint API (it sits in the site's "
                            "JavaScript): add site_guid to the entry by hand")
    return Finding("json_api", "Epoint (国泰新点) list shell: POST /EWB-FRONT/rest/lightfrontaction/getgovinfolist",
                   list_keys={"api": "epoint"}, source_keys=source_keys, hint=hint,
                   facts={"categorynum": query.get("categorynum", "(none in the URL)"), "siteGuid": guid[1] if guid else None})


def _cmsweb(page: Page, text: str) -> Finding | None:
    if "/cmsweb/" not in urlsplit(page.url).path and "articleCommonController" not in text:
        return None
    topic = _TOPIC.search(text)
    hint = "" if topic else ("the page does not name the lists.do topic (it sits in the site's JavaScript): "
                             "add topic to the list entry by hand")
    return Finding("json_api", "cmsweb list shell (Huaian): POST /articleCommonController/lists.do",
                   list_keys={"api": "huaian_lists", **({"topic": topic[1]} if topic else {})}, hint=hint,
                   facts={"topic": topic[1] if topic else None})


def _intertid_static(page: Page, text: str) -> Finding | None:
    leaf = urlsplit(page.url).path.rsplit("/", 1)[-1]
    if len(_INTERTID_DOC.findall(text)) < 2 or not re.match(r"^index(_\d+)?\.shtml$", leaf or "index.shtml"):
        return None
    guess = find_rows(text)
    list_keys: dict[str, Any] = {"api": "static_pages", "item": guess.item if guess else "ul.list > li"}
    return Finding("json_api", "intertid server-rendered list: index.shtml / index_N.shtml of /doc/YYYY/MM/DD/<id>.shtml rows",
                   list_keys=list_keys, facts={"pages": page_count(text)})


def _ucap(page: Page, text: str) -> Finding | None:
    if not urlsplit(page.url).path.endswith(".shtml") or len(_UCAP_DOC.findall(text)) < 2:
        return None
    html = Selector(text=text, type="html")
    if html.css("ul.infolist li"):
        kind = "infolist"
    elif html.xpath(UCAP_LI_TIME):
        kind = "li_time"
    elif html.css(UCAP_UNDATED):
        kind = "undated"
    else:
        return None
    pages = html.css("div.page::attr(data-total)").get()
    return Finding("ucap", f"UCAP-style .shtml list of /YYYYMM/<32hex>.shtml links (rows: {kind})",
                   list_keys={"kind": kind}, facts={"kind": kind, "pages": int(pages) if pages and pages.isdigit() else None})


def _trs(page: Page, text: str) -> Finding | None:
    if not (_TRS_PAGER.search(text) or len(_TRS_DOC.findall(text)) >= 2) or page_url(page.url, 2) is None:
        return None
    guess = find_rows(text)
    if guess is None:
        return None
    list_keys: dict[str, Any] = {}
    if guess.item != "ul.universal_overview_con > li":
        list_keys["item"] = guess.item
    return Finding("trs", "TRS WCM list: index.html / index_N.html pager (createPageHTML / countPage), tYYYYMMDD_ID links",
                   list_keys=list_keys, facts={"pages": page_count(text), "rows": guess.rows})


def _generic(page: Page, text: str) -> Finding:
    guess = find_rows(text)
    if guess is None or guess.dated < 2:
        seen = f"{guess.rows} repeated links without dates" if guess else "no repeated rows of links"
        raise DiscoveryError(f"{page.url}: no list recognised: no CMS fingerprint (Hanweb, JPaaS, TRS, UCAP, JSON API, "
                             f"feed) and {seen}")
    keys: dict[str, Any] = {"item": guess.item}
    if guess.date:
        keys["date"] = guess.date
    if guess.link:
        keys["link"] = guess.link
    # (A createPageHTML pager on an index.html list is TRS, caught above; here only a 下一页 link.)
    if Selector(text=text, type="html").xpath(f"{_NEXT_LINK}[not(starts-with(., 'javascript'))]").get():
        keys.update(paging="next", next=_NEXT_LINK)
    return Finding("generic", f"no CMS fingerprint; {guess.rows} repeated rows of a link and a date",
                   list_keys=keys, facts={"rows": guess.rows, "dated rows": guess.dated, "pages": page_count(text)})
