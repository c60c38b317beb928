"""www.suzhou.gov.cn replica (".shtml + 32-hex" CMS).

Serves the static 民生资讯 list (``ul.infolist li``), the 苏州要闻 news API
(``/szinf/info/getInfoCommon/``, links written as ``http://``) and the policy-file API
(``POST /szinf/xxgk/interfacesWebZcwj/loadData``) for two channels. Policy pages carry the
``xxgkml-content`` block; the **PubDate trap** is reproduced: documents issued before the
2025-02-11 archive regeneration have that stamp (or 2023-02-09's) in meta PubDate and in the
API's PUBLISHED_TIME_FORMAT, while 发文日期 (C_FWRQ_FORMAT) is the true date. The OPC pages are
sample pages modelled on a real report (Suzhou's 到2028年 targets) and marked as such.
Channel ids are the real ones (RSSHub news.ts, china-governance suzhou.py).
The site has no day-2 changes.
"""

from __future__ import annotations

import json

from replicas.apps._ucap import Doc, UcapApp, UcapList, UcapSite, ordinary
from replicas.server import AppRequest, Reply

HOST = "www.suzhou.gov.cn"
NEWS_CHANNEL = "5057aeffb1a84a7e8aeded87728da48c"  # 苏州要闻
SZFWJ_CHANNEL = "dc1a3f5691e541108d5a18bdd028949b"  # 市政府文件
BGSWJ_CHANNEL = "32e8b8da70fe416898b0249a9fb113d8"  # 市政府办公室文件
REGEN_2025 = "2025-02-11 10:32:45"  # the real CMS's bulk regeneration stamps
REGEN_2023 = "2023-02-09 16:20:11"

OPC_NEWS = Doc(
    "/szsrmzf/szyw", "苏州提出打造“一人公司”创业首选城市 到2028年培育OPC企业1000家", "2026-01-01",
    (
        "在“OPC苏州之夜”跨年活动上，苏州提出，到2028年打造超50个OPC社区、市级OPC公共服务平台上线“好物工具”超100个、"
        "新增培育1000家OPC企业、集聚超10000名OPC人才。",
        "苏州借助首届人工智能OPC大会落地的机遇，同步成立OPC服务联盟，发出全球人工智能OPC发展苏州倡议，"
        "推动苏州建设成为全球OPC人才向往的创新发展高地。",
        "苏州工业园区设立10亿元“青创基金群”，对优质OPC项目最高给予2000万元政策性股权投资支持。",
    ),
    "苏州市人民政府新闻办公室", "苏州要闻", sample=True,
)
OPC_POLICY = Doc(
    "/szsrmzf/szfwj", "苏州市关于支持人工智能“一人公司（OPC）”创新发展的若干措施", "2026-01-08",
    (
        "各市、区人民政府，苏州工业园区、苏州高新区管委会；市各委办局（公司），各直属单位：",
        "为抢抓人工智能发展机遇，打造“一人公司”创业首选城市，现提出如下措施。",
        "一、建设OPC社区。到2028年建成OPC社区超50个，对新认定的市级OPC社区给予最高50万元一次性奖励。",
        "二、降低创业成本。对入驻OPC社区的一人公司给予最高30%的算力费用补贴。",
        "三、加强金融支持。发挥天使投资母基金作用，对优质OPC项目给予股权投资支持。",
        "本措施自印发之日起施行，有效期至2028年12月31日。",
        "苏州市人民政府",
        "2026年1月8日",
    ),
    "苏州市人民政府", "市政府文件", doc_number="苏府规字〔2026〕1号", index_number="014000000/2026-00008",
    sample=True,
)
AI_PLAN_NEGATIVE = Doc(  # an AI plan with amounts but no OPC content (a hard negative)
    "/szsrmzf/zfbgswj", "苏州市“人工智能+”创新发展试验区建设行动方案", "2024-09-17",
    (
        "各市、区人民政府，苏州工业园区、苏州高新区管委会；市各委办局（公司），各直属单位：",
        "《苏州市“人工智能+”创新发展试验区建设行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。",
        "到2027年，全市人工智能核心产业规模达到3000亿元，打造50个以上标杆应用场景，培育300个以上创新产品。",
        "苏州市人民政府办公室",
        "2024年9月17日",
    ),
    "苏州市人民政府办公室", "市政府办公室文件", doc_number="苏府办〔2024〕140号",
    index_number="014000000/2024-00140", pubdate=REGEN_2025,
)

_NEWS_TITLES = (
    "市政府召开常务会议 研究部署近期重点工作", "苏州举行重大项目集中签约活动", "全市安全生产工作会议召开",
    "苏州持续推进城市更新行动", "市领导调研古城保护工作", "苏州外贸进出口保持平稳增长", "全市文明城市创建推进会召开",
    "苏州召开优化营商环境大会", "市政府与高校签署战略合作协议", "苏州部署冬春季森林防火工作", "苏州开展重点企业走访服务",
    "全市民生实事项目推进会召开", "苏州举办产业链供需对接会", "市政府专题研究太湖水环境治理", "苏州推进数字政府建设",
    "全市农业农村工作会议召开", "苏州开展消防安全大检查", "市领导督查重点工程建设", "苏州召开金融支持实体经济座谈会",
)
_BMZX_TITLES = (
    "市人社局发布春季招聘活动安排", "市交通局调整部分公交线路", "市卫健委提醒做好冬季传染病防控", "市教育局公布义务教育招生政策问答",
    "市医保局开展医保政策进社区活动", "市民政局开展养老服务质量提升行动", "市住建局发布住宅小区电梯更新指引", "市市场监管局开展春节食品安全检查",
    "市生态环境局发布空气质量月报", "市水务局开展供水设施检修", "市文旅局推出冬季文旅消费活动", "市公安局发布户籍办理便民措施",
    "市体育局举办全民健身系列赛事", "市商务局开展以旧换新促消费活动", "市司法局开展法律援助进社区", "市气象局发布寒潮天气提示",
    "市城管局开展道路积雪清扫演练", "市退役军人局开展走访慰问活动",
)
_SZFWJ_TITLES = (
    "苏州市人民政府关于印发苏州市推进新型工业化实施方案的通知", "苏州市人民政府关于公布第二批历史建筑名录的通知",
    "苏州市人民政府关于调整苏州市最低工资标准的通知", "苏州市人民政府关于印发苏州市国土空间总体规划实施意见的通知",
    "苏州市人民政府关于加快发展现代服务业的实施意见", "苏州市人民政府关于进一步促进房地产市场平稳健康发展的通知",
    "苏州市人民政府关于推进质量强市建设的实施意见", "苏州市人民政府关于印发苏州市知识产权强市建设方案的通知",
    "苏州市人民政府关于表彰市级劳动模范的决定", "苏州市人民政府关于印发苏州市节约用水管理办法的通知",
    "苏州市人民政府关于加强耕地保护的实施意见", "苏州市人民政府关于印发苏州市公共数据管理办法的通知",
    "苏州市人民政府关于公布市级非物质文化遗产代表性项目名录的通知", "苏州市人民政府关于建立健全养老服务体系的实施意见",
    "苏州市人民政府关于印发苏州市城市防洪规划的通知", "苏州市人民政府关于加快推进数字经济发展的若干意见",
    "苏州市人民政府关于做好重要农产品稳产保供工作的通知",
)
_BGSWJ_TITLES = (
    "苏州市人民政府办公室关于印发苏州市生活垃圾分类管理实施方案的通知", "苏州市人民政府办公室关于做好2024年春节期间有关工作的通知",
    "苏州市人民政府办公室关于印发苏州市政务服务“一网通办”工作方案的通知", "苏州市人民政府办公室关于进一步加强安全生产工作的通知",
    "苏州市人民政府办公室关于公布苏州市行政许可事项清单的通知",
)


def _policies(chan: str, column: str, issuer: str, newest: str, titles: tuple[str, ...], prefix: str,
              step: int = 23) -> list[Doc]:
    """Policy files issued before the 2025-02-11 regeneration: meta PubDate = a regeneration stamp.

    文号 numbers are unique per title (a real 文号 names one document): two files sharing one
    would look like the same policy to anyone who links documents by number.
    """
    docs = ordinary(chan, column, issuer, newest, titles, step=step)
    return [
        Doc(d.chan, d.title, d.day, d.paragraphs, d.issuer, d.column,
            doc_number=f"{prefix}〔{d.day[:4]}〕{100 + sum(map(ord, d.title)) % 400}号", index_number=f"014000000/{d.day[:4]}-{200 - i:05d}",
            pubdate=REGEN_2025 if d.day >= "2023-02-09" else REGEN_2023)
        for i, d in enumerate(docs)
    ]


NEWS = (OPC_NEWS, *ordinary("/szsrmzf/szyw", "苏州要闻", "苏州市人民政府新闻办公室", "2025-12-30", _NEWS_TITLES, step=2))
SZFWJ = (OPC_POLICY, *_policies("/szsrmzf/szfwj", "市政府文件", "苏州市人民政府", "2024-12-20", _SZFWJ_TITLES, "苏府",
                            step=45))
BGSWJ = (*_policies("/szsrmzf/zfbgswj", "市政府办公室文件", "苏州市人民政府办公室", "2025-01-20", _BGSWJ_TITLES[:2],
                    "苏府办"), AI_PLAN_NEGATIVE,
         *_policies("/szsrmzf/zfbgswj", "市政府办公室文件", "苏州市人民政府办公室", "2024-06-10", _BGSWJ_TITLES[2:], "苏府办"))
BMZX = UcapList("/szsrmzf/bmzx/bmzx_list.shtml", "民生资讯", "infolist", 15,
                tuple(ordinary("/szsrmzf/bmzx", "民生资讯", "苏州市人民政府", "2026-01-28", _BMZX_TITLES, step=2)))
POLICY_CHANNELS = {SZFWJ_CHANNEL: SZFWJ, BGSWJ_CHANNEL: BGSWJ}
ALL_POLICIES = tuple(sorted((*SZFWJ, *BGSWJ), key=lambda d: d.day, reverse=True))  # no channel_id: the whole library


def _json(data: object) -> Reply:
    return Reply(body=json.dumps(data, ensure_ascii=False).encode(), content_type="application/json;charset=UTF-8")


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


def api(request: AppRequest, day: int) -> Reply | None:
    """The two JSON endpoints of the Suzhou portal; None for any other path."""
    params = request.params
    if request.path == "/szinf/info/getInfoCommon/":
        size, page = _int(params.get("pagesize"), 15), _int(params.get("currpage"), 1)
        docs = NEWS if params.get("channelid") == NEWS_CHANNEL else ()
        shown = docs[(page - 1) * size : page * size]
        return _json({"infolist": [{"title": d.title, "link": f"http://{HOST}{d.path}", "pubtime": d.meta_pubdate}
                                   for d in shown]})
    if request.path == "/szinf/xxgk/interfacesWebZcwj/loadData":
        if request.method != "POST":
            return Reply(405, b"<html><body>405 Method Not Allowed</body></html>")
        size, page = _int(params.get("pageSize"), 15), _int(params.get("pageIndex"), 1)
        channel = params.get("channel_id", "")
        docs = POLICY_CHANNELS.get(channel, ()) if channel else ALL_POLICIES
        shown = docs[(page - 1) * size : page * size]
        rows = [{"TITLE": d.title, "URL": f"http://{HOST}{d.path}", "C_WJBH": d.doc_number,
                 "PUBLISHED_TIME_FORMAT": d.meta_pubdate[:10], "C_FWRQ_FORMAT": d.day, "C_SYH": d.index_number,
                 "CHANNEL_ID": channel, "MANUSCRIPT_ID": d.hexid} for d in shown]
        return _json({"data": {"allRow": len(docs), "totalPage": -(-len(docs) // size), "list": rows}})
    return None


def make_app(day: int) -> UcapApp:
    site = UcapSite(
        hosts=(HOST,), site_name="苏州市人民政府", home_title="苏州市人民政府", detail_style="suzhou",
        lists=(BMZX,), api=api, extra_docs=(*NEWS, *SZFWJ, *BGSWJ),
    )
    return UcapApp(site, day)
