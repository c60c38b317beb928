"""Page genres that are neither documents nor reports: company-law articles, protocol articles,
course adverts, personal essays and posts, commentary (its label or its commentator), encyclopedia
and Q&A-site pages, calls for contest entries, and the foreign-language cues of an application
deadline or an opening ceremony. Split from ``parsers.kinds``, which decides the kind.
"""

from __future__ import annotations

import re

# A self-media post declares itself personal opinion; a report says when things happened.
ESSAY = re.compile(r"个人观点|作品声明|个人见解")
# An essay states the author's own opinion outside quotation marks ("我认为", "在我看来"); a
# report gives opinions to the people it quotes (他认为, "…"，她表示). A feature told in the
# first person ("我意识到…") is not enough: reporters write those too.
_OWN_OPINION = re.compile(r"我(?:个人)?(?:认为|觉得|以为)|在我看来|依我看")
# An essay also talks to its reader ("你可能会问", "如果你正在…", "请看完"), walks them into a
# thought experiment ("想象一下…") or prescribes for "us" ("我们也许应该…"); a report does not.
_READER = re.compile(
    r"(?:你|您)(?:可能|也许|或许)?会(?:问|想|发现|觉得)|请(?:务必|一定)?(?:读完|看完)|如果你(?:此刻|正在|正|还在|也)"
    r"|想象一(?:个|下)|试想一下|不妨想象|我们(?:或许|也许)?更?(?:应该|应当|应|需要|必须|不妨)"
)
_REPORTED = re.compile(r"强调|表示|指出|说|要求|认为|提出|坦言|介绍")
# An English explainer or blog names itself ("In this guide", "we outline…"); a report does not.
_SELF_REFERENCE = re.compile(
    r"\b(?:In this (?:article|post|blog post|series|guide|piece|explainer)|"
    r"this (?:article|guide|post) (?:explains|examines|covers)|we (?:examine|profiled|outline|walk you through))\b",
    re.IGNORECASE,
)
# An English post speaks as I to you; a report keeps both inside quotations.
_PERSONAL_EN = re.compile(r"\b(?:I|[Mm]y|me|I'm|I've|[Yy]ou|[Yy]our)\b")
# A self-media article reposted by a portal names the account it came from; a newspaper's
# commentary names its commentator.
_SELF_MEDIA = re.compile(r"本文来自(?:微信)?公众号|来源[:：]\s*微信公众号|本报评论员|特约评论员")
_QUOTED = re.compile(r"“[^”]{0,300}”|「[^」]{0,300}」|\"[^\"]{0,300}\"")
# A call for contest entries lists who may enter and how to sign up.
_CONTEST_CALL = re.compile(r"参赛(?:对象|条件|要求|方式|资格)|报名(?:时间|方式|条件|截止|渠道|流程)|赛事时间|大赛(?:时间|安排)")
# A label before an English headline says what the piece is: an explainer explains a policy, an
# opinion column, an analysis or a policy brief argues — neither reports.
LABEL_EXPLAINER = re.compile(r"^(?:Explainer|Explained|Q&A|FAQ)\s*[:：|]", re.I)
LABEL_OPINION = re.compile(
    r"^(?:Opinion|Commentary|Comment|Editorial|Op-?ed|Column|Analysis|Perspective|Viewpoint|Policy Brief(?: No\.? ?\d+)?|Summary)\s*[:：|]",
    re.I,
)
# An encyclopedia entry or a question on a Q&A site carries the site's name after its title.
SITE_GENRE = re.compile(r"[_\-–|｜ ]\s*(百度百科|维基百科|互动百科|Wikipedia|百度知道|知乎|找法问答|律师在线解答)")
# A Chinese commentary column names itself before the headline (澎湃评论｜…, 【时评】…).
COLUMN_LABEL = re.compile(r"^【?[\u4e00-\u9fff]{0,6}(?:评论|时评|社评|快评|锐评|短评|社论|述评|评论员文章)[】：:|｜]")
# Pages that are neither documents nor reports: company-law articles (in any language), course adverts.
_LAW_WORDS = re.compile(
    r"公司法|一人有限责任公司|股东|债权人|连带责任|人格否认|财产混同|Companies Act|Section \d|paid-up capital|shareholder|"
    r"incorporat\w*|unipersonnelle|associé unique|capital social|EURL|SASU|Luật Doanh nghiệp|vốn điều lệ|một thành viên|"
    r"会社法|株主|登録資本金|Stammkapital|GmbH|unipersonal|socio unico|lakh|crore",
    re.IGNORECASE,
)
# A technical article on an industrial protocol (OPC UA, fieldbus, PLC communication) in any language.
_TECH_WORDS = re.compile(
    # Protocol words only: 通信 / 服务器 / server also fill telecom and data-centre news.
    r"协议|接口|客户端|PLC|Modbus|Profibus|OPC ?UA|TSN|SCADA|HMI|报文|端口|波特率|信息模型|"
    r"fieldbus|protocol|client|firmware|Feldbus|Protokoll|Schnittstelle",
    re.IGNORECASE,
)
# The AI-era sense: a page that talks about AI a lot is about the new solo ventures, even when it
# explains their company-law form.
_AI_ERA = re.compile(r"人工智能|(?<![A-Za-z])AI(?![A-Za-z])|智能体|大模型|Agent|人工知能|인공지능|IA\b|KI\b")
_COURSE_AD = re.compile(r"限时特惠|特惠价|限时优惠|立即抢购|立即报名|早鸟价|原价\s*\d|课程|训练营.{0,10}(?:元|￥)|扫码(?:添加|报名|购买|领取)")
FOREIGN_APPLICATION = re.compile(
    r"(?:deadline|applications? (?:close|are due|must be submitted)|apply (?:by|before|online)|submit[^.]{0,40}by|"
    r"date limite|candidatures?|inscripciones|plazo|inscrições|prazo|Bewerbungsschluss|Frist|scadenza|hạn chót|"
    r"batas waktu|pendaftaran|ปิดรับสมัคร|срок подачи|son başvuru|締め切り|締切|마감)[^.\n]{0,60}?\d",
    re.IGNORECASE,
)
FOREIGN_EVENT = re.compile(
    r"\b(?:opening ceremony|inaugurat\w*|was (?:officially )?(?:opened|launched|unveiled) (?:on|at)|ribbon|"
    r"a été inauguré\w*|inauguration|cérémonie|inaugur[oó]|ceremonia|cerimônia|Eröffnung|eröffnet|cerimonia|"
    r"khai trương|lễ ra mắt|diresmikan|peresmian|เปิดตัวอย่างเป็นทางการ|торжественн\w* открыт\w*|açılış töreni)",
    re.IGNORECASE,
)


def other_genre(body: str) -> str | None:
    """"正文：…" when the page (its title line and body) is a company-law article, a protocol explainer
    or a course advert."""
    head = body[:4000]
    if len(_LAW_WORDS.findall(head)) >= 6 and len(_AI_ERA.findall(head)) < 3:
        return "正文：公司法条文与术语（法律文章，不是政策或报道）"
    if len(_TECH_WORDS.findall(head)) >= 6 and len(_AI_ERA.findall(head)) < 5:
        return "正文：通信协议与接口术语（技术文章，不是政策或报道）"
    if len(_COURSE_AD.findall(head)) >= 2:
        return "正文：课程售卖（广告）"
    return None


def contest_call(body: str) -> str | None:
    """"正文：…（大赛征集）" when the body says who may enter (参赛对象) and how to sign up (报名方式)."""
    found = sorted(set(_CONTEST_CALL.findall(body[:3000])))
    return f"正文：{'、'.join(found[:2])}（大赛征集）" if len(found) >= 2 else None


def own_opinion(body: str) -> str | None:
    """The author's own opinion marker outside quotations in the opening, if any."""
    m = _OWN_OPINION.search(_QUOTED.sub("", body[:1500]))
    return m.group(0) if m else None


def essay_voice(body: str) -> str | None:
    """"正文：…" when the opening, outside quotations, talks to its reader, prescribes for "us" or
    names the self-media account it was reposted from: an essay, not a report."""
    if m := _SELF_MEDIA.search(body[:600]):
        return f"正文：{m.group(0)}（自媒体或评论员文章）"
    opening = _QUOTED.sub("", body[:1500])
    for m in _READER.finditer(opening):
        clause = re.split(r"[。！？；]", opening[max(0, m.start() - 30) : m.start()])[-1]
        if not _REPORTED.search(clause):  # "他强调，我们必须…": a speaker reported without quotation marks
            return f"正文：{m.group(0)}（对读者说话的文章）"
    if m := _SELF_REFERENCE.search(opening):
        return f"正文：{m.group(0)}（文章自称，说明文或博客）"
    if len(_PERSONAL_EN.findall(opening)) >= 3:  # "Just signed the lease for my desk…": a post, not a report
        return "正文：I / my / you（第一、二人称的帖子或文章）"
    return None
