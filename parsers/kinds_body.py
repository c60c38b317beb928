"""The words under a page's title that tell its kind: a document title line, a preamble
("为…，制定本措施"), an addressee, an operative clause, an event or a news lede, a service guide,
an advert, an academic abstract. Split from ``parsers.kinds``, which reads them in order.
"""

from __future__ import annotations

import re

from parsers.schema import DocKind

# The lines under the title.
TITLE_LINE_END = re.compile(
    r"(?:措施|举措|政策|意见|方案|计划|办法|细则|规定|决定|规程|指引|条例|规划|纲要|工作要点|通知)(?:[（(][^（()）]{1,16}[)）])*$"
)
# 制订 is 制定's variant; an instrument names itself "本工作方案", "本行动计划", "本实施细则".
PREAMBLE = re.compile(
    r"制[定订]本(?:实施|工作|行动|专项)?(?:措施|方案|意见|政策|计划|规定|办法|细则|规程|指南)"
    r"|现(?:就[^。]{0,30})?提出(?:以下|如下)(?:意见|措施)"
    r"|制定(?:以下|如下)(?:政策|措施)|以下是原文|全文如下|原文如下|现(?:将有关事项|就有关事项)?(?:通知如下|印发给你们)"
    r"|본 [가-힣 ]{0,12}(?:방안|계획|조치|의견|규정|세칙)을 (?:제정|수립|마련)한다"
    r"|(?:these|this) (?:Measures|Plan|Rules|Opinions|Provisions) (?:are|is) (?:hereby )?formulated"
)
RULES_PREAMBLE = re.compile(r"制[定订]本(?:实施)?(?:办法|细则|规程)|第一条")
APPLICATION_BODY = re.compile(r"申报(?:截止|时间|条件|材料|对象|方式|程序)|报送(?:时间|材料)|受理时间|申报工作")
ADDRESSEE = re.compile(r"^各(?:市|区|县|设区市|有关|相关|省辖市)[^。]{0,60}[:：]")
INTERPRETATION_BODY = re.compile(r"解读《|发布并解读|政策解读|答记者问|解读如下|一图读懂")
EVENT_LEDE = re.compile(
    r"(?:大会|会议|座谈会|研讨会|推进会|对接会|交流会|发布会|论坛|峰会|仪式|路演|大赛|挑战赛|总决赛|沙龙|开营|揭牌)"
    r"[^。；]{0,30}(?:在[^。；]{1,20})?(?:举行|召开|开幕|举办|落幕|闭幕|启幕|开营|收官)"
    r"|(?:召开|举行|举办)[^。；]{0,30}(?:大会|会议|座谈会|研讨会|推进会|对接会|论坛|峰会|仪式|路演|大赛|赛事|沙龙)"
    r"|迎来了?[^。；]{0,8}(?:开园|开业|启用|揭牌)仪式|正式开营"
)
# "《X》在…举办的…大会上发布", "在…召开的…会议上，《X》正式发布": the meeting is where a document
# came out; the report is about the document.
RELEASED_AT_MEETING = re.compile(
    r"(?P<doc>《[^》]{2,60}》)[^。；]{0,40}(?:举行|召开|举办)的[^。；]{0,40}上(?:正式|重磅)?(?:发布|出台|亮相|公布)"
    r"|(?:举行|召开|举办)的[^。；]{0,40}上[，,]?\s*(?P<doc2>《[^》]{2,60}》)[^。；]{0,40}?(?:正式|重磅)?(?:发布|出台|亮相|公布)"
)
NEWS_LEDE = re.compile(
    r"记者|报道|(?:日|月)电|讯[（(]|[报网]讯|据介绍|据了解|据悉|获悉|近日|日前|日上午|日下午|昨天|昨日|"
    r"编辑[:：|｜]|作者[:：|｜]|原标题|本文(?!为广告)|笔者|文章|专家|受访|采访|认为|表示|指出|"
    r"^[A-Z][A-Za-z .]{2,20}, [A-Z][a-z]{2,8}\.? \d{1,2} ?(?:--|—|\()",
    re.M,
)
REPORT_IN_LEDE = re.compile(r"发布|出台|印发|推出|公布|出炉")
PROSE_MIN = 200
GENERIC_TITLE = re.compile(r"^(?:政策库|政策文件|详情|正文|摘\s*要|首页|无标题|通知公告|信息公开)?$")
STRUCTURE = re.compile(r"第[一二三四五六七八九十]+条|^各[^。\n]{2,40}[:：]$|附件[:：\d]", re.M)
# A service guide (办事须知, 登记指南) explains a procedure: it neither binds nor invites applications.
GUIDE = re.compile(r"须知|办事指南|服务指南|操作指南|登记指南|办理指南|常见问题")
# An advertisement or a course sale, however much it talks about policy.
ADVERT = re.compile(r"本文为广告|[（(]广告[)）]|早鸟价|限时优惠|原价(?=\s*\d)|扫码(?:添加|报名|购买|领取)|添加助教")
# A news digest also opens with 摘要, but with the date of what it reports ("摘要：6月20日，…").
ACADEMIC = re.compile(r"^(?:摘\s*要|Abstract)\b(?!\s*[:：]?\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日)|关键词[:：]|^目的\s")


# The operative clause only the instrument's own text has: "本措施自发布之日起施行", "由…负责解释".
OPERATIVE = re.compile(
    r"本(措施|办法|意见|方案|细则|规定|政策|计划|通知|规程)(?:自[^。；]{0,24}(?:起|之日起)(?:施行|实施|执行|生效)|"
    r"由[^。；]{2,30}负责解释)"
)


# Numbered goals and measures of an instrument: a heading line naming them.
MEASURE_LIST = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.、．]|[IVX]+\.\s*)(?:总体要求|总体目标|主要目标|发展目标|工作目标|基本原则|指导思想|"
    r"(?:Overall|Main) (?:goals?|objectives?|requirements?)|Guiding (?:ideology|principles?))\s*$|^Article \d+\b",
    re.M | re.I,
)


PREAMBLE_OPENING = re.compile(r"^\s*(?:为|為|根据|按照|依据)")

# An instrument names who carries out each measure; a report retelling it leaves that out.
RESPONSIBLE = re.compile(r"[（(](?:责任单位|牵头单位|责任部门|牵头部门|配合单位)[:：]")
# A title broken over two lines: the second part is no heading, the first no date.
LIST_HEAD = re.compile(r"^(?:第[一二三四五六七八九十\d]+[章条节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])")
DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")

# A support scheme set out under its own headings (三、资助方式和标准 / 四、申报条件): a guide or
# an application notice, not a narrative, whatever its title (often cut, or a portal's).
_SCHEME_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．])\s*[^。；;\n]{0,12}?"
    r"(申报条件|申请条件|申报材料|申请材料|申报程序|申请程序|申报流程|申请流程|申报方式|申请方式|申报时间|申请时间|受理时间"
    r"|资助(?:的)?方式|资助标准|扶持标准|支持标准|补贴标准|奖励标准|支持方式|扶持方式|支持对象|扶持对象|资助对象|申报对象|申请对象)",
    re.M,
)
# A guide to a fund's projects (专项资金重点项目指南, 扶持资金项目指南) sets out what is supported
# and how much: implementing rules. 申报指南 / 申请指南 invite applications (the title rules say so).
SCHEME_GUIDE = re.compile(r"(?:资金|项目|扶持|资助|补贴|奖励)[^，。；]{0,20}指南$")
# An English policy title: "Policy in Support of Private Enterprises", "Measures to Support …";
# a headline says what happened to it ("… unveiled", "… take effect") and is news.
ENGLISH_POLICY_TITLE = re.compile(
    r"^(?:Several\s+)?(?:Polic(?:y|ies)|Measures|Opinions|Provisions)\s+(?:in\s+Support\s+of|to\s+Support|on\s+Supporting|"
    r"for\s+Supporting|to\s+Promote|on\s+Promoting|for\s+Promoting|to\s+Accelerate|on\s+Accelerating)\b",
    re.I,
)
_HEADLINE_VERB = re.compile(
    r"\b(?:unveil(?:s|ed)?|take[sn]?\s+effect|took|released?|issued?|announced?|launch(?:es|ed)?|roll(?:s|ed)?\s+out|"
    r"introduce[sd]?|come|comes|came|boost(?:s|ed)?|aims?|will|to\s+be)\b|[:?!]",
    re.I,
)


def english_policy_title(title: str) -> bool:
    return bool(ENGLISH_POLICY_TITLE.match(title)) and len(title) <= 100 and not _HEADLINE_VERB.search(title)


def scheme_headings(body: str) -> tuple[DocKind, str] | None:
    """(APPLICATION or RULES, reason) when two or more headings set out a support scheme."""
    found = list(dict.fromkeys(m.group(1) for m in _SCHEME_HEADING.finditer(body[:8000])))
    if len(found) < 2:
        return None
    inviting = [h for h in found if h.startswith(("申报", "申请", "受理"))]
    return (DocKind.APPLICATION if inviting else DocKind.RULES), f"正文小标题：{'、'.join(found[:3])}（扶持办法或申报指南）"
