"""Articles of the TRS and JPaaS replica sites, read from ``replicas/sites/<site>/site.json``.

A site file lists its columns (list URL, where detail pages live, paging details) and its
hand-written sample articles (OPC-related ones modelled on facts of real articles). Each
column can ask for ``filler`` articles: ordinary government notices generated from a topic
list, so lists are long enough to page. Every article carries the day it appears on (day 2 =
day 1 plus day 2's articles) and is marked as a sample page, as the jiangsu replica does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

SITES_ROOT = Path(str(resources.files("replicas"))) / "sites"
CST = ZoneInfo("Asia/Shanghai")
SAMPLE_MARK = "（示例页面 sample page，opcwatch 离线演示）"

# Ordinary, non-OPC topics for filler notices.
TOPICS = (
    "城市更新行动实施方案", "农村人居环境整治提升工作方案", "安全生产治本攻坚三年行动方案", "养老服务体系建设规划",
    "公共停车设施建设管理办法", "住房公积金缴存管理规定", "生活垃圾分类管理实施细则", "防汛抗旱应急预案",
    "中小学校舍安全管理办法", "城市绿化管理实施办法", "燃气安全专项整治工作方案", "文物保护利用实施意见",
    "政府投资项目管理办法", "公共资源交易管理办法", "优化营商环境行动方案", "社区卫生服务能力提升方案",
    "水环境治理工作方案", "道路交通安全管理规定", "粮食安全保障工作方案", "历史文化名城保护办法",
    "河湖长制工作要点", "物业管理条例实施细则", "地名管理办法", "数字政府建设工作要点",
    "老旧小区改造实施方案", "冬春季农业生产工作意见", "消防安全责任制实施办法", "政务公开工作要点",
)
_BODY = (
    "为深入贯彻落实党中央、国务院和省委、省政府决策部署，进一步做好{topic}相关工作，结合本地实际，制定本{kind}。",
    "一、总体要求。坚持稳中求进工作总基调，统筹推进各项重点任务落地见效，切实提升服务质量和管理水平，"
    "确保各项工作取得实效。",
    "二、主要任务。各地各部门要明确责任分工，细化工作措施，加强协调配合，建立健全工作台账，定期开展督促检查，"
    "确保各项任务按时保质完成。",
    "三、保障措施。加强组织领导，强化要素保障，做好宣传引导，及时总结推广典型经验做法。",
    "本{kind}自印发之日起施行。",
)


@dataclass(frozen=True)
class Article:
    """One detail page: where it lives, what it says, when it appeared."""

    column: str
    path: str
    title: str
    published: datetime
    issuer: str
    paragraphs: tuple[str, ...]
    doc_no: str = ""
    index_no: str = ""
    day: int = 1
    sample_opc: bool = False

    @property
    def day_str(self) -> str:
        return self.published.strftime("%Y-%m-%d")


@dataclass
class Site:
    """A replica site as one day shows it: columns (raw specs) and their articles, newest first."""

    data: dict[str, Any]
    day: int
    columns: dict[str, dict[str, Any]]
    articles: dict[str, list[Article]] = field(default_factory=dict)
    by_path: dict[str, Article] = field(default_factory=dict)

    def day_time(self, day: int) -> datetime:
        """When day ``day``'s content was published (list pages regenerate then), in UTC as
        Last-Modified needs."""
        return datetime.fromisoformat(self.data["days"][str(day)]).astimezone(UTC)

    def column_modified(self, key: str) -> datetime:
        """Last-Modified of a column's list pages: the newest day that added one of its articles."""
        return self.day_time(max((a.day for a in self.articles.get(key, [])), default=1))


def load_site(name: str, day: int, path_of: Any) -> Site:
    """The site ``name`` as it looks on ``day``; ``path_of(column_spec, article_id, published)``
    gives a detail path in the family's URL grammar."""
    if day not in (1, 2):
        raise ValueError(f"the replica has days 1 and 2, not {day}")
    data = json.loads((SITES_ROOT / name / "site.json").read_text(encoding="utf-8"))
    site = Site(data=data, day=day, columns=data["columns"])
    found: list[Article] = []
    for raw in data.get("articles", []):
        published = datetime.fromisoformat(raw["published"]).replace(tzinfo=CST)
        spec = data["columns"][raw["column"]]
        found.append(Article(
            column=raw["column"], path=path_of(spec, str(raw["id"]), published), title=raw["title"],
            published=published, issuer=raw.get("issuer") or spec["issuer"], paragraphs=tuple(raw["paragraphs"]),
            doc_no=raw.get("doc_no", ""), index_no=raw.get("index_no", ""), day=int(raw.get("day", 1)),
            sample_opc=bool(raw.get("opc")),
        ))
    for key, spec in data["columns"].items():
        found.extend(_filler(key, spec, path_of))
    for article in found:
        if article.day <= day:
            site.articles.setdefault(article.column, []).append(article)
            site.by_path[article.path] = article
    for items in site.articles.values():
        items.sort(key=lambda a: a.published, reverse=True)
    return site


def _filler(key: str, spec: dict[str, Any], path_of: Any) -> list[Article]:
    filler = spec.get("filler")
    if not filler:
        return []
    out = []
    start = date.fromisoformat(filler["start"])
    kind = filler.get("kind", "方案")
    for n in range(int(filler["count"])):
        topic = TOPICS[(n + int(filler.get("offset", 0))) % len(TOPICS)]
        day = start - timedelta(days=n * int(filler.get("step_days", 5)))
        published = datetime.combine(day, time(9 + n % 8, 30), tzinfo=CST)
        article_id = str(int(filler.get("first_id", 5400000)) - n * 137)
        out.append(Article(
            column=key, path=path_of(spec, article_id, published), title=filler["title"].format(topic=topic),
            published=published, issuer=spec["issuer"],
            paragraphs=tuple(p.format(topic=topic, kind=kind) for p in _BODY),
            # From 101 up: hand-written sample articles use small numbers, and a filler notice must
            # never share a real policy's 文号 (a shared 文号 is evidence of one document).
            doc_no=filler.get("doc_no", "").format(year=day.year, n=n + 101), day=1,
        ))
    return out


def hex_id(seed: str) -> str:
    """A stable 32-hex article id (JPaaS ``art_<32hex>.html``) from any seed text."""
    return hashlib.md5(seed.encode("utf-8")).hexdigest()  # noqa: S324 - an id, not security


def robots_txt() -> bytes:
    """robots.txt of every TRS/JPaaS replica: no Jiangsu robots.txt content is known,
    so everything is allowed except the CMS admin area."""
    return b"User-agent: *\nDisallow: /wcm/\n"
