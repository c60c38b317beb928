"""What a page is (DocKind), and the words that said so (``kind_reason``).

Read in this order, the first decisive cue wins:

1. the list column (政策解读 / 新闻动态 / 申报通知 …) — the site filed the page;
2. the title: a formal document title ends in its instrument (…若干措施, …实施细则, …申报工作的
   通知, …名单的公示); a report names a subject and a verb (苏州发布…, …大会开幕, 一图读懂…);
3. the lines right under the title when the title says nothing (a converted PDF whose first
   line is "政策库", an excerpt whose "title" is its first sentence): a document title line, a
   preamble ("为…，制定本措施", "现提出如下意见", "以下是原文"), an event lede
   ("…大会在苏州举行"), a news lede (记者, 据介绍, 近日);
4. otherwise OTHER, with "无法判断：…" — never a guess presented as fact.

Hand-written: these are conventions of Chinese government and news pages, no library has them.
"""

from __future__ import annotations

import re

from parsers.kinds_body import (
    ACADEMIC,
    ADDRESSEE,
    ADVERT,
    APPLICATION_BODY,
    DATE_LINE,
    EVENT_LEDE,
    GENERIC_TITLE,
    GUIDE,
    INTERPRETATION_BODY,
    LIST_HEAD,
    MEASURE_LIST,
    NEWS_LEDE,
    OPERATIVE,
    PREAMBLE,
    PREAMBLE_OPENING,
    PROSE_MIN,
    RELEASED_AT_MEETING,
    REPORT_IN_LEDE,
    RESPONSIBLE,
    RULES_PREAMBLE,
    SCHEME_GUIDE,
    STRUCTURE,
    TITLE_LINE_END,
    english_policy_title,
    scheme_headings,
)
from parsers.kinds_genre import (
    COLUMN_LABEL,
    ESSAY,
    FOREIGN_APPLICATION,
    FOREIGN_EVENT,
    LABEL_EXPLAINER,
    LABEL_OPINION,
    SITE_GENRE,
    contest_call,
    essay_voice,
    other_genre,
    own_opinion,
)
from parsers.schema import DocKind

__all__ = ["classify_kind"]

_DOC_NUMBER_KINDS = (DocKind.POLICY, DocKind.RULES, DocKind.APPLICATION, DocKind.OTHER)

# Column names sites file pages under.
_COLUMNS: list[tuple[re.Pattern[str], DocKind]] = [
    (re.compile(r"解读|问答"), DocKind.INTERPRETATION),
    (re.compile(r"申报|征集|办事指南"), DocKind.APPLICATION),
    (re.compile(r"公示|名单|招标|采购|人事"), DocKind.OTHER),
    (re.compile(r"活动|会议"), DocKind.EVENT),
    (re.compile(r"要闻|资讯|动态|新闻|报道|媒体|图片|视频|快讯"), DocKind.NEWS),
]
# Title words, strongest first. A list or tender notice is not an invitation to apply, and a
# 解读 of a 申报通知 is a 解读.
# A press conference on a named policy (《X》新闻发布会, 政策吹风会) explains it: an interpretation.
_INTERPRETATION = re.compile(r"解读|起草说明|编制说明|答记者问|\d+分钟(?:了解|读懂|看懂)|[一两三]分钟(?:了解|读懂|看懂)|帮你问|一问到底|一图读懂|一文读懂|图解|图说|问答|政策解析|》[^，。]{0,4}(?:新闻)?发布会|吹风会")
# 全面解析 explains a policy only when it names one: a protocol or a technology gets 解析 too.
_ANALYSIS = re.compile(r"(?:全面|深度|逐条|详细|全)解析")
_POLICY_OBJECT = re.compile(r"《|政策|新政|措施|办法|方案|意见|通知|细则|条例|规定|计划|补贴|申报|\d+条")
_LISTING = re.compile(r"名单|公示|招标|采购|中标|成交|比选|询价|遴选结果|评审结果|认定结果|结果的?公告")
_APPLICATION = re.compile(
    r"申报|申领(?:工作|指南|通知)|征集|报名|遴选|评选|推荐工作|认定工作|申请工作|入驻申请|招募|申报指南|申请指南|办事指南|受理"
    r"|모집\s*공고|공모\s*공고|募集要項|公募要領"
)
_RULES = re.compile(r"实施细则|细则|管理办法|认定办法|评审办法|评价办法|暂行办法|办法|操作规程|规程|操作指引|工作指引")
_POLICY = re.compile(
    r"若干措施|若干政策|政策措施|措施|实施意见|指导意见|意见|行动方案|实施方案|工作方案|方案|行动计划|计划|"
    r"决定|规定|条例|规划|纲要|若干条|举措|工作要点|政府工作报告|행동\s*방안|실행\s*방안|행동\s*계획|지원\s*조치"
)
# A report: "<subject>发布/出台/印发…" with no 关于 before the verb (a 关于印发…的通知 is the document).
# "<place>启动<…>计划" reports a programme's launch; "…大赛启动" / "启动仪式" stay events.
_REPORT_VERB = re.compile(
    r"^(?:(?!关于).){2,30}?(?:发布|出台|推出|印发|出炉|公布|亮相|来了|重磅|启动(?=[^，。]{2,24}(?:计划|行动|工程)$))"
)
_REPORT_MARK = re.compile(r"[！？!?]|^【[^】]{1,12}】|^[\u4e00-\u9fff]{2,8}[：:|｜](?!.*的通知$)")
_EVENT = re.compile(
    r"大会|开幕|闭幕|召开|座谈会|研讨会|推进会|发布会|对接会|交流会|分享会|说明会|宣讲会|培训会|路演|峰会|论坛|沙龙|"
    r"揭牌|签约|启用|开园|开业|仪式|开营|启动会|大赛|挑战赛|创业赛|举行|举办"
)
_CONTEST = re.compile(r"大赛|挑战赛|比赛|创业赛|路演|训练营|活动")
# A formal document title ends in its instrument, optionally followed by (试行) / (2026—2027年).
_TAIL = re.compile(r"(?:[（(][^（()）]{1,16}[)）])+$")
_WRAPPER = re.compile(r"(?:的)?(?:通知|通告|公告|决定|函|批复)$")
_FORMAL_HEAD = re.compile(r"^(?:[\u4e00-\u9fff（）()、]{2,40}?)?关于")


def _carried_instrument(body: str) -> tuple[DocKind, str] | None:
    """POLICY / RULES when the body carries the instrument's text: a paragraph of its own that
    opens with its preamble ("为…，制定本措施。"), or its title line followed closely by one. A
    reporter quoting a preamble mid-sentence does not count."""
    offset = 0
    for line in body[:3000].splitlines(keepends=True):
        stripped = line.strip()
        m = PREAMBLE.search(re.split(r"[。！？]", stripped, maxsplit=1)[0]) if PREAMBLE_OPENING.match(stripped) else None
        if m is None and 6 <= len(stripped) <= 60 and not _sentence_like(stripped) and TITLE_LINE_END.search(stripped):
            m = PREAMBLE.search(body, offset + len(line), offset + len(line) + 300)
        if m is not None:
            kind = DocKind.RULES if RULES_PREAMBLE.search(m.group(0)) else DocKind.POLICY
            return kind, f"正文：{m.group(0)[:10]}（转载的文件全文）"
        offset += len(line)
    if len(RESPONSIBLE.findall(body[:6000])) >= 2:  # "（责任单位：市经信局）" after each measure
        return DocKind.POLICY, "正文：（责任单位：…）（转载的文件全文）"
    return None


def _core(title: str) -> str:
    """A title without its bracketed tails and punctuation at the ends."""
    core = title.strip().strip("。 ")
    return _TAIL.sub("", core).strip()


def _sentence_like(title: str) -> bool:
    return len(title) > 60 or bool(re.search(r"[，,。；;]", title))


def _from_title(title: str, has_doc_number: bool) -> tuple[DocKind, str] | None:
    """Kind from a title alone, or None when it does not say."""
    core = _core(title)
    if m := SITE_GENRE.search(core):  # before 问答: "…_律师在线解答_找法问答" is a Q&A site's page
        return DocKind.OTHER, f"标题：{m.group(1)}（百科或问答网站）"
    if m := _INTERPRETATION.search(core) or (_POLICY_OBJECT.search(core) and _ANALYSIS.search(core)):
        return DocKind.INTERPRETATION, f"标题：{m.group(0)}"
    if m := LABEL_EXPLAINER.match(core):
        return DocKind.INTERPRETATION, f"标题：{m.group(0).strip()}"
    if m := LABEL_OPINION.match(core) or COLUMN_LABEL.match(core):
        return DocKind.OTHER, f"标题：{m.group(0).strip()}（评论、简报，不是报道）"
    if english_policy_title(core):  # English titles run longer than the 60 characters below
        return DocKind.POLICY, f"标题：{core.split()[0]}（英文政策标题）"
    if _sentence_like(core):  # the page's opening sentence, not a headline: the body decides
        return None
    if (m := GUIDE.search(core)) and not _APPLICATION.search(core):
        return DocKind.OTHER, f"标题：{m.group(0)}（办事指南）"
    formal = bool(_FORMAL_HEAD.match(core)) or has_doc_number
    if not formal:
        if m := _REPORT_VERB.search(core):
            return DocKind.NEWS, f"标题：报道（{m.group(0)[-2:]}）"
        if m := _EVENT.search(core):
            return DocKind.EVENT, f"标题：{m.group(0)}"
    if m := _LISTING.search(core):
        return DocKind.OTHER, f"标题：{m.group(0)}"
    if "印发" in core or "转发" in core:  # the instrument named after 印发 decides
        named = core.split("印发", 1)[-1] if "印发" in core else core.split("转发", 1)[-1]
        named = _TAIL.sub("", _WRAPPER.sub("", named.strip("《》 ")).rstrip("》")).strip()
        if m := _APPLICATION.search(named):
            return DocKind.APPLICATION, f"标题：印发…{m.group(0)}"
        if m := _RULES.search(named):
            return DocKind.RULES, f"标题：印发…{m.group(0)}"
        return DocKind.POLICY, "标题：印发…的通知"
    if not formal and core.endswith(("？", "?")):  # 有哪些特殊规定？ asks; a document title never does
        return DocKind.NEWS, f"标题：新闻标题（{core[-1]}）"
    if m := _APPLICATION.search(core):
        return DocKind.APPLICATION, f"标题：{m.group(0)}"
    bare = _TAIL.sub("", _WRAPPER.sub("", core)) if formal else core
    if m := _RULES.search(bare[-8:]) or SCHEME_GUIDE.search(bare):
        return DocKind.RULES, f"标题：{m.group(0)[-8:]}"
    if m := _POLICY.search(bare[-8:]):
        return DocKind.POLICY, f"标题：{m.group(0)}"
    if formal and (m := _CONTEST.search(core)):  # 关于举办…大赛的通知: an invitation to take part
        return DocKind.APPLICATION, f"标题：关于举办…{m.group(0)}"
    if formal and (m := _WRAPPER.search(core)):
        return DocKind.POLICY, f"标题：关于…{m.group(0).lstrip('的')}"
    if not formal and (m := _REPORT_MARK.search(core)):
        return DocKind.NEWS, f"标题：新闻标题（{m.group(0)}）"
    return None


def _wrapped_title(line: str, after: str) -> str:
    """A document title broken over two lines ("…若干措施" / "配套资金使用管理办法（试行）") read
    whole: the second part is short, no sentence and no heading, and the two end in an instrument."""
    joined = line + after
    if (after and len(after) <= 24 and not DATE_LINE.search(line) and not _sentence_like(after) and not LIST_HEAD.match(after)
            and not line.endswith(("通知", "公告")) and len(joined) <= 60 and TITLE_LINE_END.search(joined)):
        return joined
    return line


def _from_body(title: str, body: str) -> tuple[DocKind, str] | None:
    """Kind from the lines under the title (and the title when it is the opening sentence)."""
    opening = body[:600]
    lines = [ln.strip() for ln in opening.splitlines() if ln.strip()][:6]
    for i, line in enumerate(lines):  # a document title line under a useless page title ("政策库")
        line = _wrapped_title(line, lines[i + 1] if i + 1 < len(lines) else "")
        if 6 <= len(line) <= 60 and not _sentence_like(line) and TITLE_LINE_END.search(line):
            found = _from_title(line, False)
            if found and found[0] in (DocKind.POLICY, DocKind.RULES, DocKind.APPLICATION):
                return found[0], "正文标题行：" + found[1].removeprefix("标题：")
    lede = f"{title}\n{opening}" if _sentence_like(title) and not body.startswith(title[:40]) else opening
    if m := ADVERT.search(body[:3000]):
        return DocKind.OTHER, f"正文：{m.group(0)}（广告）"
    if m := INTERPRETATION_BODY.search(lede[:300]) or (_POLICY_OBJECT.search(lede[:300]) and _ANALYSIS.search(lede[:300])):
        return DocKind.INTERPRETATION, f"正文：{m.group(0)}"
    preamble = PREAMBLE.search(lede)
    if preamble or any(ADDRESSEE.match(line) for line in lines):
        said = preamble.group(0) if preamble else "主送机关（各…：）"
        if m := APPLICATION_BODY.search(body[:3000]):
            return DocKind.APPLICATION, f"正文：{said}，{m.group(0)}"
        if RULES_PREAMBLE.search(body[:1500]):
            return DocKind.RULES, f"正文：{said}"
        return DocKind.POLICY, f"正文：{said}"
    first = re.split(r"(?<=[。！？])", lede, maxsplit=2)
    if m := RELEASED_AT_MEETING.search("".join(first[:2])[:400]):
        return DocKind.NEWS, f"正文导语：会上发布{(m.group('doc') or m.group('doc2'))[:16]}（报道）"
    if m := EVENT_LEDE.search("".join(first[:2])[:400]):
        return DocKind.EVENT, f"正文导语：{m.group(0)[:20]}"
    if m := ACADEMIC.search(lede[:300]):
        return DocKind.OTHER, f"正文：{m.group(0).strip()}（论文摘要）"
    if opinion := own_opinion(body):
        return DocKind.OTHER, f"正文：{opinion}（作者自己的观点，个人文章）"
    if voice := essay_voice(f"{title}\n{body}"):
        return DocKind.OTHER, voice
    if m := NEWS_LEDE.search(lede[:400]):
        return DocKind.NEWS, f"正文：{m.group(0)}"
    return None


def classify_kind(
    title: str, column: str | None = None, layout: str = "text", has_doc_number: bool = False, body: str = "",
) -> tuple[DocKind, str]:
    """(kind, reason) of a page from its list column, title, layout and body opening.

    The reason names the words the kind was told by ("标题：实施细则", "栏目：政策解读"), or
    says why it could not be told ("无法判断：…", kind OTHER).
    """
    title = (title or "").strip()
    operative = OPERATIVE.search(body)
    if operative and not _INTERPRETATION.search(_core(title)):
        # A page carrying the instrument's own text is the instrument, whatever column or
        # headline a portal gave it ("园区发布…若干政策措施" filed under 政务要闻).
        kind = DocKind.RULES if operative.group(1) in ("办法", "细则", "规程") else DocKind.POLICY
        return kind, f"正文：{operative.group(0)[:24]}（文件正文）"
    if column:
        for pattern, kind in _COLUMNS:
            if (m := pattern.search(column)) and not (has_doc_number and kind in (DocKind.NEWS, DocKind.EVENT)):
                found = _from_title(title, has_doc_number) if kind is DocKind.NEWS else None
                if found and (found[0] in (DocKind.EVENT, DocKind.INTERPRETATION) or _FORMAL_HEAD.match(_core(title))):
                    return found  # a meeting report, a 解读 or a "…关于…的通知" filed under 新闻动态
                return kind, f"栏目：{m.group(0)}"
    found = _from_title(title, has_doc_number)
    if found is not None and found[0] is DocKind.EVENT and (call := contest_call(body)):
        return DocKind.APPLICATION, f"{found[1]}，{call}"  # "…大赛邀你参赛" over 参赛对象 / 报名方式
    if found is not None and found[0] is DocKind.NEWS and (carried := _carried_instrument(body)) is not None:
        return carried  # "《X》印发" over a lead paragraph and then X's own title and preamble
    if (found is None or found[0] in (DocKind.NEWS, DocKind.OTHER)) and not has_doc_number and (genre := other_genre(f"{title}\n{body}")):
        return DocKind.OTHER, genre  # a headline-like title over a law article or an advert
    if found is not None and found[0] is DocKind.POLICY and found[1].startswith("标题：关于") and (
            m := APPLICATION_BODY.search(body[:3000])):
        # "关于开展…培育工作的通知" whose body sets 申报时间 / 报送材料: it invites applications.
        return DocKind.APPLICATION, f"{found[1]}，正文：{m.group(0)}"
    if found is not None:
        if has_doc_number and found[0] not in _DOC_NUMBER_KINDS:
            return DocKind.POLICY, f"文号，{found[1]}"
        return found
    found = _from_body(title, body)
    if found is not None:
        return found
    if has_doc_number:
        return DocKind.POLICY, "文号（标题未说明文件类型）"
    if layout == "hanweb_news":
        return DocKind.NEWS, "版式：新闻页（无文号）"
    if _sentence_like(title) and (m := REPORT_IN_LEDE.search(title)):
        return DocKind.NEWS, f"导语：报道（{m.group(0)}）"
    if (carried := _carried_instrument(body)) is not None and carried[1].startswith("正文：（责任单位"):
        return carried  # measures, each with the departments that carry it out, under no title
    if len(body) >= PROSE_MIN and (m := MEASURE_LIST.search(body[:4000])):
        # An instrument reposted without its formal title: the heading of its goals or
        # requirements ("一、总体要求", "1.总体目标", "I. Overall goal") or its articles ("Article 11").
        return DocKind.POLICY, f"推断：正文是条目式的目标和措施（{m.group(0).strip()[:12]}）"
    if len(body) >= PROSE_MIN and (m := FOREIGN_APPLICATION.search(body[:3000])):
        return DocKind.APPLICATION, f"正文：{m.group(0)[:24]}（申报截止）"
    if len(body) >= PROSE_MIN and (call := contest_call(body)):
        return DocKind.APPLICATION, call
    if len(body) >= PROSE_MIN and (m := FOREIGN_EVENT.search(f"{title}\n{body[:400]}")):
        return DocKind.EVENT, f"正文导语：{m.group(0)[:24]}"
    if len(body) >= PROSE_MIN and (scheme := scheme_headings(body)):
        return scheme
    if len(body) >= PROSE_MIN and (m := ESSAY.search(body[:600])):
        return DocKind.OTHER, f"正文：{m.group(0)}（个人文章）"
    if len(body) >= PROSE_MIN and not GENERIC_TITLE.match(title) and not STRUCTURE.search(body[:3000]):
        return DocKind.NEWS, "推断：标题不是文件名，正文是叙述文字（无文号、主送机关或条款）"
    return DocKind.OTHER, "无法判断：标题和正文开头没有文件、申报、解读、会议或报道的标志"
