"""The URL a link is stored under: ports kept, aliases folded onto the primary host, off-site and
non-web links dropped."""

from __future__ import annotations

import pytest

from crawlers.urls import canonical_url

HOSTS = ("www.example.gov.cn", "www.example.cn")


@pytest.mark.parametrize(
    ("link", "first_list", "expected"),
    [
        # a site on a port keeps it on relative links (joined to the list page) and on its own links
        ("http://www.example.gov.cn:8080/art/1.html", "http://www.example.gov.cn:8080/col/1/index.html",
         "http://www.example.gov.cn:8080/art/1.html"),
        # an alias host becomes the primary host, with the list's port and scheme
        ("http://www.example.cn/art/2.html?x=1#top", "https://www.example.gov.cn:8443/col/1/index.html",
         "https://www.example.gov.cn:8443/art/2.html?x=1"),
        # default ports are dropped, so one page has one URL
        ("https://www.example.gov.cn:443/art/3.html", "https://www.example.gov.cn/col/1/index.html",
         "https://www.example.gov.cn/art/3.html"),
        ("http://www.example.gov.cn:80/art/3.html", "https://www.example.gov.cn/col/1/index.html",
         "https://www.example.gov.cn/art/3.html"),
        ("https://WWW.EXAMPLE.GOV.CN", "https://www.example.gov.cn/col/1/index.html", "https://www.example.gov.cn/"),
        # off the site, not on the web, or a broken port: never followed
        ("https://www.other.gov.cn/art/4.html", "https://www.example.gov.cn/col/1/index.html", None),
        ("file:///etc/passwd", "https://www.example.gov.cn/col/1/index.html", None),
        ("javascript:void(0)", "https://www.example.gov.cn/col/1/index.html", None),
        ("http://www.example.gov.cn:80a/art/5.html", "https://www.example.gov.cn/col/1/index.html", None),
    ],
)
def test_canonical_url(link: str, first_list: str, expected: str | None) -> None:
    assert canonical_url(link, HOSTS, first_list) == expected
