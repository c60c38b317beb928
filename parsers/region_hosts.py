"""The region a source stands for, from its host: a fixed list of provincial and city sites
(www.jiangsu.gov.cn → 江苏省), and a government host named after a place in pinyin
(english.siming.gov.cn → 思明区). Used by :mod:`parsers.fields` when a page's issuer and title
name no place.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsers.regions import Region, find_regions, resolve_region

__all__ = ["host_region"]

# Source defaults by host, for pages whose issuer and title name no place.
_HOSTS = {
    "jiangsu.gov.cn": "320000", "js.gov.cn": "320000", "nanjing.gov.cn": "320100",
    "wuxi.gov.cn": "320200", "xz.gov.cn": "320300", "changzhou.gov.cn": "320400",
    "suzhou.gov.cn": "320500", "sipac.gov.cn": "320571", "nantong.gov.cn": "320600",
    "lyg.gov.cn": "320700", "huaian.gov.cn": "320800", "yancheng.gov.cn": "320900",
    "yangzhou.gov.cn": "321000", "zhenjiang.gov.cn": "321100", "taizhou.gov.cn": "321200",
    "suqian.gov.cn": "321300",
}


def host_region(url: str) -> Region | None:
    """The default region of a source, from its host (www.jiangsu.gov.cn → 江苏省); a government
    host named after a place in pinyin (english.siming.gov.cn → 思明区, www.xiamen.gov.cn → 厦门市)."""
    host = (urlsplit(url).hostname or "").lower()
    for suffix, code in _HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return resolve_region(code)
    if host.endswith(".gov.cn"):
        for label in reversed(host[: -len(".gov.cn")].split(".")):
            if label.isascii() and label.isalpha() and len(label) >= 4 and (found := find_regions(label.capitalize())):
                return found[0]
    return None
