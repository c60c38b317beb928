"""www.zhenjiang.gov.cn replica (".shtml + 32-hex" CMS).

Lists ``/zhenjiang/xzgfxwj/xxgk_xzfglist.shtml`` and ``/zhenjiang/zjyw/xxgk_list.shtml`` with
rows ``li > a[title] + span.time``, 15 per page, paged ``_N.shtml``; past the last page a 404.
The detail layout is not described in the sources: it is the family's (meta block,
``<ucaptitle>``, ``<publishtime>``, ``<ucapcontent>``) [INFERRED]. The real site times out
from datacenter IPs; the replica answers (the registry's blocked_hint tells users). The
OPC page is a sample modelled on a real report (the provincial 12 measures of
2026-01-19); a real page on Zhenjiang's 省级众创社区 (not OPC) is a hard negative. No day-2 changes.
"""

from __future__ import annotations

from replicas.apps._ucap import Doc, UcapApp, UcapList, UcapSite, ordinary

ISSUER = "镇江市人民政府"

OPC_NEWS = Doc(
    "/zhenjiang/zjyw", "镇江市召开人工智能OPC创新创业推进会", "2026-01-22",
    (
        "1月22日，镇江市召开人工智能“一人公司（OPC）”创新创业推进会，贯彻落实1月19日江苏出台的支持人工智能OPC发展12条举措。",
        "会议提出，全市将建设一批OPC社区，为“单人+AI”创业者提供低成本办公空间、算力和应用场景，"
        "对入驻OPC社区的优质项目给予最高50万元创业扶持。",
        "会议要求，各辖市区要加快出台配套措施，让“单人成军”的创业者在镇江安心创业。",
    ),
    "镇江市人民政府办公室", "镇江要闻", sample=True,
)
MAKERSPACE_NEGATIVE = Doc(
    "/zhenjiang/zjyw", "镇江新增4家省级众创社区", "2025-07-29",
    (
        "近日，省科技厅公布新一批省级众创社区名单，镇江4家社区入选，全市省级众创社区总数达到5家。",
        "众创社区规划面积约3平方公里，已集聚科技型中小企业30余家，对入驻企业给予房租减免。",
    ),
    "镇江市科学技术局", "镇江要闻",
)
_ZJYW_TITLES = (
    "市政府召开第三十次常务会议", "镇江召开全市高质量发展推进会", "市领导调研重大项目建设", "镇江举办产业招商推介会",
    "全市安全生产工作会议召开", "镇江推进长江大保护工作", "市政府专题研究城市更新工作", "镇江开展优化营商环境专项行动",
    "全市农村人居环境整治推进会召开", "镇江召开民营经济发展座谈会", "市领导督查防汛准备工作", "镇江举办高校毕业生招聘会",
    "全市文明城市建设推进会召开", "镇江推进数字经济发展",
)
_GFXWJ_TITLES = (
    "镇江市城市绿化管理办法", "镇江市住房公积金管理办法", "镇江市政府投资项目管理办法", "镇江市公共租赁住房管理办法",
    "镇江市建设工程质量监督管理办法", "镇江市行政执法公示办法", "镇江市政府规章制定程序规定", "镇江市公共数据管理暂行办法",
    "镇江市城乡居民基本医疗保险实施办法", "镇江市地下管线管理办法", "镇江市养老服务设施规划建设管理办法",
    "镇江市工业用地提质增效实施办法", "镇江市征地补偿安置办法", "镇江市生活垃圾分类管理办法", "镇江市停车场建设管理办法",
    "镇江市历史文化名城保护办法", "镇江市政府合同管理办法",
)


def _norms() -> list[Doc]:
    """规范性文件 with a 镇政规发 number, newest first."""
    docs = ordinary("/zhenjiang/xzgfxwj", "行政规范性文件", ISSUER, "2026-01-15", _GFXWJ_TITLES, step=19)
    return [Doc(d.chan, d.title, d.day, (f"镇政规发〔{d.day[:4]}〕{20 - i}号", *d.paragraphs), d.issuer, d.column,
                doc_number=f"镇政规发〔{d.day[:4]}〕{20 - i}号") for i, d in enumerate(docs)]


GFXWJ = UcapList("/zhenjiang/xzgfxwj/xxgk_xzfglist.shtml", "行政规范性文件", "li_time", 15, tuple(_norms()))
ZJYW = UcapList(
    "/zhenjiang/zjyw/xxgk_list.shtml", "镇江要闻", "li_time", 15,
    (OPC_NEWS, *ordinary("/zhenjiang/zjyw", "镇江要闻", ISSUER, "2026-01-20", _ZJYW_TITLES[:8], step=5),
     MAKERSPACE_NEGATIVE, *ordinary("/zhenjiang/zjyw", "镇江要闻", ISSUER, "2025-07-20", _ZJYW_TITLES[8:], step=6)),
)


def make_app(day: int) -> UcapApp:
    site = UcapSite(hosts=("www.zhenjiang.gov.cn",), site_name="镇江市人民政府", home_title="镇江市人民政府",
                    detail_style="zhenjiang", lists=(GFXWJ, ZJYW))
    return UcapApp(site, day)
