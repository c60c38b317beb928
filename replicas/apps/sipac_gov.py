"""www.sipac.gov.cn replica (苏州工业园区, ".shtml + 32-hex" CMS).

Lists ``/szgyyq/zwyw/xwzx_list.shtml`` and ``/yqjyj/tzgg/common_list.shtml`` (15 rows, paged
``_N.shtml``). **Soft 404**: any unknown path, a guessed channel or a page past the end,
answers 200 with the homepage. The SIP OPC policy (sample page modelled on
a real report: 10亿元“青创基金群”, 最高2000万元政策性股权投资, 金鸡湖科技领军人才工程 OPC
专项 最高5000万元) is edited in place on day 2 (最高3000万元, same URL), and a new news item
appears on day 2; both move the Last-Modified of the list page and the document. Corpus 002
(the OPC "后勤部" news) is a second sample; an AI action plan a hard negative.
"""

from __future__ import annotations

from replicas.apps._ucap import Doc, UcapApp, UcapList, UcapSite, ordinary

HOME_TITLE = "苏州工业园区管理委员会"
ISSUER = "苏州工业园区管理委员会"


def _opc_policy(equity: str) -> tuple[str, ...]:
    return (
        "为抢抓人工智能“一人公司（OPC）”创新创业新机遇，园区出台支持OPC发展的若干政策措施。",
        f"一、加强金融支持。设立10亿元“青创基金群”，对优质OPC项目最高给予{equity}政策性股权投资支持。",
        "二、强化人才引领。在“金鸡湖科技领军人才工程”中单设OPC专项，单个项目最高可获得5000万元支持。",
        "三、优化创业服务。依托独墅湖青年创新创业港，为入驻OPC项目提供7天完成工商登记、3个月匹配激励政策的全周期服务。",
        "本措施自发布之日起施行，由园区科技创新委员会负责解释。",
    )


OPC_POLICY = Doc(
    "/szgyyq/zwyw", "苏州工业园区发布支持人工智能OPC创新创业若干政策措施", "2025-11-25",
    _opc_policy("2000万元"), ISSUER, "园区要闻", sample=True, day2_paragraphs=_opc_policy("3000万元"),
)
OPC_NEWS = Doc(
    "/szgyyq/zwyw", "苏州工业园区打造OPC创业最强“后勤部” 一人+AI就是“一家公司”", "2025-11-28",
    (
        "7天完成工商登记，3个月匹配激励政策，两年实现融资或市场突破——在苏州工业园区独墅湖青年创新创业港，"
        "一条为入驻OPC项目规划的成长路径清晰可见。",
        "像这样的OPC创业者，创新创业港已集聚110余人，其中一家企业已获近2亿元融资。",
        "截至2024年底，园区聚集人工智能相关企业超1800家，年产值超1100亿元。",
    ),
    ISSUER, "园区要闻", sample=True,
)
AI_PLAN_NEGATIVE = Doc(
    "/szgyyq/zwyw", "苏州工业园区人工智能产业创新发展三年行动计划发布", "2025-09-09",
    (
        "园区发布人工智能产业创新发展三年行动计划，重点布局AI大模型、工业软件、AI芯片设计等赛道。",
        "计划提出，力争到2027年人工智能产业规模实现倍增，打造一批具有全球影响力的创新平台。",
    ),
    ISSUER, "园区要闻",
)
DAY2_NEWS = Doc(
    "/szgyyq/zwyw", "园区召开2026年经济工作推进会", "2026-02-04",
    ("2月4日，园区召开2026年经济工作推进会，部署全年重点任务。", "会议强调，要聚焦科技创新和产业升级，推动经济持续向好。"),
    ISSUER, "园区要闻", first_day=2,
)
_ZWYW_TITLES = (
    "园区召开安全生产专题会议", "园区举行重点产业项目集中开工仪式", "园区推进独墅湖科教创新区建设", "园区开展营商环境专项调研",
    "园区举办国际人才交流活动", "园区推进生物医药产业高质量发展", "园区召开生态环境保护工作会议", "园区开展重点企业服务月活动",
    "园区举办跨境电商发展论坛", "园区推进城市更新重点项目", "园区召开民生实事项目推进会", "园区开展冬季消防安全检查",
    "园区举办中新合作交流座谈会", "园区推进数字政府建设", "园区召开金融服务实体经济座谈会", "园区开展义务植树活动",
    "园区推进纳米技术应用产业发展",
)
_TZGG_TITLES = (
    "关于做好2026年寒假期间学生安全工作的通知", "关于开展中小学教师教学能力竞赛的通知", "关于公布园区义务教育阶段招生政策的通知",
    "关于组织开展学校食品安全检查的通知", "关于举办园区中小学生科技节的通知", "关于开展校园周边环境整治的通知",
    "关于做好学生体质健康监测工作的通知", "关于公布园区优秀班主任名单的通知", "关于开展学校消防安全演练的通知",
    "关于组织教师参加暑期培训的通知", "关于做好幼儿园招生报名工作的通知", "关于开展学校图书馆评估工作的通知",
    "关于公布园区学科带头人名单的通知", "关于开展中小学心理健康教育周活动的通知", "关于做好春季学期开学准备工作的通知",
)  # exactly one full page: a backfill asks for common_list_2.shtml and gets the homepage

ZWYW = UcapList(
    "/szgyyq/zwyw/xwzx_list.shtml", "园区要闻", "infolist", 15,
    (DAY2_NEWS, *ordinary("/szgyyq/zwyw", "园区要闻", ISSUER, "2026-01-30", _ZWYW_TITLES[:7], step=4),
     OPC_NEWS, OPC_POLICY, AI_PLAN_NEGATIVE,
     *ordinary("/szgyyq/zwyw", "园区要闻", ISSUER, "2025-08-30", _ZWYW_TITLES[7:], step=5)),
)
TZGG = UcapList(
    "/yqjyj/tzgg/common_list.shtml", "教育局通知公告", "infolist", 15,
    tuple(ordinary("/yqjyj/tzgg", "通知公告", "苏州工业园区教育局", "2026-01-26", _TZGG_TITLES, step=6)),
)


def make_app(day: int) -> UcapApp:
    site = UcapSite(hosts=("www.sipac.gov.cn",), site_name=HOME_TITLE, home_title=HOME_TITLE,
                    detail_style="suzhou", lists=(ZWYW, TZGG), soft404=True)
    return UcapApp(site, day)
