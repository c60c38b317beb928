"""Spiders, one per CMS family; a site of a known family is a registry entry, not code.

``FAMILY_SPIDERS`` names the spider class of each family (``crawlers/spiders/<family>.py``);
classes are imported only when asked for, so reading the registry does not load every family.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawlers.registry import FamilySchema
    from crawlers.spiders.base import SourceSpider

FAMILY_SPIDERS = {
    "hanweb": "crawlers.spiders.hanweb:HanwebSpider",
    "jpaas": "crawlers.spiders.jpaas:JpaasSpider",
    "trs": "crawlers.spiders.trs:TrsSpider",
    "ucap": "crawlers.spiders.ucap:UcapSpider",
    "json_api": "crawlers.spiders.json_api:JsonApiSpider",
    "rss": "crawlers.spiders.rss:RssSpider",
    "generic": "crawlers.spiders.generic:GenericSpider",
}


def spider_for_family(family: str) -> type[SourceSpider]:
    """The spider class of a family. KeyError for an unknown family, ImportError if its module
    is not written yet."""
    module_name, _, class_name = FAMILY_SPIDERS[family].partition(":")
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ImportError(f"no module {module_name}") from exc
    spider: type[SourceSpider] = getattr(module, class_name)
    return spider


def family_schema(family: str) -> FamilySchema:
    """The registry keys a family's entries may carry (its spider's ``schema``)."""
    return spider_for_family(family).schema
