"""www.suqian.gov.cn replica (".shtml + 32-hex" CMS).

Lists ``/cnsq/szfwj/xxgk_list.shtml`` and ``/cnsq/xxgkzcjd/xxgk_list.shtml``: 16 rows
``div.list ul li > a`` **without dates**, paged ``xxgk_list_<n>.shtml``; past the last page a
404. Detail pages: ``div.article`` with ``<publishtime>`` (the only date: no meta PubDate) and
``<ucapcontent>``. The OPC page is a sample modelled on a real article (数智新城,
OPC“十百千”). 市政府文件 has three pages, for backfills. No day-2 changes.
"""

from __future__ import annotations

from replicas.apps._ucap import Doc, UcapApp, UcapList, UcapSite, ordinary

ISSUER = "宿迁市人民政府"

OPC_INTERPRETATION = Doc(
    "/cnsq/xxgkzcjd", "《宿迁市数智新城建设三年行动方案（2026—2028年）》政策解读", "2026-02-02",
    (
        "一、出台背景。为抢抓数实融合和电商发展机遇，宿迁市制定数智新城建设五年规划和三年行动方案，推动到2030年由电商之城向数智新城转型。",
        "二、主要目标。到2028年，全市数字经济规模达到2000亿元，新增数字经济企业600家，人工智能产业集群产值达到720亿元，"
        "新增就业岗位5万个。",
        "三、重点任务。实施人工智能“百景应用”工程，在公共服务、医疗健康等9个领域建设165个应用场景；"
        "实施OPC“十百千”工程，出台一人公司（OPC）专项实施方案和支持政策，鼓励大众创业、万众创新。",
    ),
    "宿迁市人民政府办公室", "政策解读", sample=True,
)
_SZFWJ_TITLES = tuple(
    f"宿迁市人民政府关于{t}的通知" for t in (
        "印发宿迁市国民经济和社会发展计划", "公布市级行政许可事项清单", "调整宿迁市最低工资标准", "印发宿迁市城市总体规划实施方案",
        "加强安全生产工作", "印发宿迁市数字政府建设方案", "做好春节期间有关工作", "印发宿迁市耕地保护实施方案",
        "公布宿迁市历史文化街区名录", "印发宿迁市养老服务体系建设规划", "进一步加强河湖管理", "印发宿迁市文明城市建设方案",
        "公布宿迁市非物质文化遗产名录", "做好防汛防旱工作", "印发宿迁市营商环境提升方案", "加快推进乡村振兴",
        "印发宿迁市生态环境保护规划", "公布第一批市级重点项目", "印发宿迁市教育发展规划", "加强食品安全工作",
        "印发宿迁市交通运输发展规划", "公布宿迁市政务服务事项目录", "印发宿迁市人才发展规划", "加强消防安全工作",
        "印发宿迁市电商产业发展规划", "做好重要农产品保供工作", "印发宿迁市文化旅游发展规划", "加强耕地占补平衡管理",
        "印发宿迁市卫生健康发展规划", "做好冬春季森林防火工作", "印发宿迁市体育事业发展规划", "公布宿迁市行政处罚事项清单",
        "印发宿迁市水利发展规划", "加强城市管理工作", "印发宿迁市科技创新规划",
    )
)
_JD_TITLES = (
    "《宿迁市公共数据管理办法》政策解读", "《宿迁市养老服务条例实施办法》政策解读", "《宿迁市电商产业高质量发展若干措施》政策解读",
    "《宿迁市稳就业若干措施》政策解读", "《宿迁市城市更新实施办法》政策解读", "《宿迁市住房公积金管理办法》政策解读",
    "《宿迁市农业产业化发展若干政策》政策解读", "《宿迁市优化营商环境若干措施》政策解读", "《宿迁市科技创新券管理办法》政策解读",
)

SZFWJ = UcapList("/cnsq/szfwj/xxgk_list.shtml", "市政府文件", "undated", 16,
                 tuple(ordinary("/cnsq/szfwj", "市政府文件", ISSUER, "2026-01-30", _SZFWJ_TITLES, step=11)))
JD = UcapList("/cnsq/xxgkzcjd/xxgk_list.shtml", "政策解读", "undated", 16,
              (OPC_INTERPRETATION, *ordinary("/cnsq/xxgkzcjd", "政策解读", "宿迁市人民政府办公室", "2026-01-25",
                                             _JD_TITLES, step=17)))


def make_app(day: int) -> UcapApp:
    site = UcapSite(hosts=("www.suqian.gov.cn",), site_name="宿迁市人民政府", home_title="宿迁市人民政府",
                    detail_style="suqian", lists=(SZFWJ, JD))
    return UcapApp(site, day)
