"""Is a page about OPC (One Person Company / 一人公司 / 超级个体) in the AI-era sense?

Keyword evidence with weights, minus the known traps: "OPC UA" (the industrial protocol), the
company-law 一人有限责任公司 and India's Companies Act "One Person Company". Title hits count
triple; a single passing mention in a long body is not enough.
"""

from __future__ import annotations

import re

from parsers.schema import Relevance

__all__ = ["assess_relevance"]

# "OPC" as a word on its Latin side (OPC社区 yes, OPCUA / OPC UA / OPC-DA no).
_OPC_RE = re.compile(r"(?<![A-Za-z])OPC(?![A-Za-z])(?![\s\-_]?(?:UA|DA|HDA|AE|XML)(?![A-Za-z]))(?!\s*(?:Foundation|协议|服务器|通信|标准))")
_OPC_PROTOCOL_RE = re.compile(r"OPC[\s\-_]?(?:UA|DA|HDA)(?![A-Za-z])|OPC\s*(?:Foundation|协议|服务器)")
_TERMS = [
    (re.compile(r"一人公司"), "一人公司", 1.0),
    (re.compile(r"(?:One|1)[\s\-?]?Person[\s\-?]?(?:Compan(?:y|ies)|enterprises?|businesses|startups?)", re.IGNORECASE),
     "One Person Company", 1.0),
    (re.compile(r"super[\s-]individuals?|super-individus?|superindividuos?|siêu cá nhân|슈퍼\s?개인|スーパー個人", re.IGNORECASE),
     "超级个体", 1.0),
    # The same in the other languages OPC news is written in. Their legal cousins (unipersonnelle,
    # unipersonal, công ty một thành viên: a single-member company) are law, in _LAW_RE.
    (re.compile(r"1인\s?(?:기업|회사|창업)|一人会社|ひとり会社|1人会社|一人企業|công ty một người|doanh nghiệp một người|"
                r"entreprises? (?:d['’]une|à une) (?:seule )?personne|empresas? de una (?:sola )?persona|"
                r"empresas? de uma (?:só )?pessoa|Ein-?Personen-?(?:Unternehmen|Firmen?)|Einpersonenunternehmen|"
                r"aziend[ae] di una (?:sola )?persona|perusahaan satu orang|บริษัทคนเดียว|компани[яи] одного человека",
                re.IGNORECASE), "One Person Company", 1.0),
    (re.compile(r"超级个体"), "超级个体", 1.0),
    (re.compile(r"单人创业|一人创业"), "单人创业", 1.0),
    (re.compile(r"单人成军|一人军团|一人即一队|一人企业"), "单人成军", 0.5),
    (re.compile(r"(?:单人|一人|个人)\s*\+\s*AI|AI\s*\+\s*(?:单人|一人)"), "单人+AI", 0.5),
]
# The company-law sense of 一人公司 and the Indian statute.
_LAW_RE = re.compile(
    r"一人有限责任公司|公司法|Companies Act|第2\(62\)条|股东会|注册资本|印度|India|MCA|独资企业|有限责任|"
    r"财产混同|人格否认|法人人格|连带责任|债权人|nominee|Rs\.|Section \d|"
    r"[Ii]ncorporat|[Ss]hareholder|[Mm]emorandum|private company|public company|Registrar|"
    r"unipersonnelle|unipersonal|unipessoal|(?i:công ty (?:TNHH )?một thành viên)|Einzelunternehm|associé unique|capital social|"
    r"EURL|SASU|Luật Doanh nghiệp|vốn điều lệ|Điều \d+|会社法|一人株主|株主|登録資本金|连带责任|lakh|crore|paid-up capital|"
    r"Handelsregister|Stammkapital|GmbH|società unipersonale|socio unico"
)
# 超级个体 is also a self-media buzzword (personal-brand courses, side-hustle ads): alone, it is
# OPC only on a page that speaks of policy, support or ventures.
_POLICY_RE = re.compile(r"政策|措施|扶持|补贴|补助|资助|奖励|申报|孵化|创业|创办|社区|政府|印发|实施|企业|公司|产业|培育")
# "AI" as a word of its own, case-sensitive: ignoring case, "ai" is inside half of English
# ("maintain", "certain"), which made every English law page look like AI.
_SUPPORT_RE = re.compile(r"政策|措施|扶持|补贴|补助|资助|奖励|申报|孵化|社区|政府|算力券|subsid|incubat|polic(?:y|ies)|"
                         r"government|voucher|communit(?:y|ies)|지원|보조금|커뮤니티|支援|補助金|コミュニティ|hỗ trợ|trợ cấp|"
                         r"cộng đồng|chính sách|subvention|communauté|subvención|ayudas|comunidad|Förderung|sussid|comunità",
                         re.IGNORECASE)
_AI_RE = re.compile(r"人工智能|(?<![A-Za-z])AI(?![A-Za-z])|大模型|智能体|算力|GPT|Agent")
_AI_WORDS = re.compile(
    r"artificial intelligence|(?<![A-Za-z])(?:GPT|AI agents?|agentic|LLMs?|large language models?|generative|ChatGPT|DeepSeek|"
    r"OpenClaw|AI-native)(?![A-Za-z])|인공지능|人工知能|trí tuệ nhân tạo|intelligence artificielle|inteligencia artificial|"
    r"inteligência artificial|künstliche Intelligenz|intelligenza artificiale|kecerdasan buatan|искусственн",
    re.IGNORECASE,
)
# Short AI abbreviations of other languages, as capitals only (IA, KI, ИИ).
_AI_ABBREVIATIONS = re.compile(r"(?<![A-Za-zА-Яа-я])(?:IA|KI|ИИ)(?![A-Za-zА-Яа-я])")
_PER_TERM_CAP = 5
_SELF_MEDIA_RE = re.compile(r"博主|自媒体|小红书|抖音|短视频|MCN|变现|流量|带货|直播|涨粉|粉丝|个人IP|IP孵化|投流|账号")
_GOVERNMENT_RE = re.compile(r"政府|政策|措施|印发|扶持|补贴|补助|社区|管委会|人民政府|科技局|工信")


def _hits(text: str) -> dict[str, int]:
    counts = {"OPC": len(_OPC_RE.findall(text))}
    for pattern, name, _ in _TERMS:
        counts[name] = counts.get(name, 0) + len(pattern.findall(text))
    return {k: v for k, v in counts.items() if v}


def _weight(name: str) -> float:
    return next((w for _, n, w in _TERMS if n == name), 1.0)


_SENTENCES = re.compile(r"[^。！？!?\n]+")


_TURN_AWAY = re.compile(r"ですが|だが|けれど|但本文|而本文|本文则|本記事では|but this (?:article|piece|post)|this article instead", re.I)


def _aside(body: str) -> bool:
    """True when every OPC term of a page of five sentences or more sits in a single sentence and
    that sentence turns away from it to the page's own subject."""
    sentences = _SENTENCES.findall(body)
    with_terms = [s for s in sentences if _hits(s)]
    return len(sentences) >= 5 and len(with_terms) == 1 and bool(_TURN_AWAY.search(with_terms[0]))


def assess_relevance(title: str, body: str) -> Relevance:
    """Relevance of a page with this title and (normalized, simplified) body.

    ``score`` = w / (w + 2) where w is the weighted hit count (title ×3, each term capped at
    5); ``is_opc`` when score ≥ 0.5, i.e. at least two body hits or one title hit. Evidence
    lists the matched terms with counts, and why a trap was excluded.
    """
    title_hits, body_hits = _hits(title or ""), _hits(body or "")
    evidence: list[str] = []
    weighted = 0.0
    for name in sorted(set(title_hits) | set(body_hits)):
        t, b = title_hits.get(name, 0), body_hits.get(name, 0)
        weighted += _weight(name) * (3 * min(t, _PER_TERM_CAP) + min(b, _PER_TERM_CAP))
        evidence.append(f"{name}×{t + b}" + ("(标题)" if t else ""))
    full = f"{title}\n{body}"
    protocol = len(_OPC_PROTOCOL_RE.findall(full))
    if protocol:
        evidence.append(f"排除:OPC UA 工业协议×{protocol}")
    law = len(_LAW_RE.findall(full))
    terms = set(title_hits) | set(body_hits)
    only_company_term = terms <= {"一人公司", "One Person Company", "单人创业"}
    ai = bool(_AI_RE.search(full) or _AI_WORDS.search(full) or _AI_ABBREVIATIONS.search(full))
    others = sum(title_hits.get(n, 0) + body_hits.get(n, 0) for n in terms)
    protocol_page = protocol >= 3 and protocol >= others - protocol and not _SUPPORT_RE.search(full)
    if weighted and (terms == {"OPC"} and protocol or protocol_page) and not re.search(r"创业|社区|孵化|扶持|补贴", full):
        # Every "OPC" here sits among OPC UA / OPC DA protocol talk: an industrial-automation page.
        evidence.append("排除:只有工业协议语境的OPC")
        weighted = 0.0
    # India's statute abbreviates One Person Company as "OPC"; there, without any AI, it is law.
    slogan = {"超级个体"} if title_hits.get("超级个体", 0) + body_hits.get("超级个体", 0) <= 1 else set()
    law_terms = only_company_term or terms <= {"一人公司", "One Person Company", "单人创业", "OPC"} | slogan
    if weighted and law_terms and law >= 2 and (law >= 4 or not ai):
        # 一人公司 here is the single-member company of company law (or India's Companies Act),
        # not the AI-era solo venture: no OPC, 超级个体 or AI vocabulary around it.
        evidence.append(f"排除:公司法意义上的一人公司×{law}")
        weighted = 0.0
    if weighted and only_company_term and not ai and not _SUPPORT_RE.search(full):
        # "a one-person company" as a sole trader, with neither AI nor any support around it.
        evidence.append("排除:无AI也无扶持语境的一人公司")
        weighted = 0.0
    generic = terms <= {"一人公司", "One Person Company", "单人创业", "单人成军"}
    if weighted and generic and not ai and not _SUPPORT_RE.search(full):
        # 一人企业 / 单人成军 as a way of working (a personal-brand blog on the "one-person
        # business"), with neither AI nor any support around it.
        evidence.append("排除:无扶持语境的一人公司（生活方式或个人品牌）")
        weighted = 0.0
    others = sum(title_hits.get(name, 0) + body_hits.get(name, 0) for name in terms if name != "超级个体")
    if weighted and "超级个体" in terms and others <= 2 and "OPC" not in terms and not _SUPPORT_RE.search(full):
        # 超级个体 as a slogan in an essay or a personal-brand pitch, with a passing 一人公司: no
        # policy, support, community or incubation anywhere on the page.
        evidence.append("排除:无政策或扶持语境的超级个体")
        weighted = 0.0
    self_media = len(_SELF_MEDIA_RE.findall(full))
    if weighted and "超级个体" in terms and "OPC" not in terms and self_media >= 3 and not _GOVERNMENT_RE.search(full):
        # 超级个体 and 一人公司 as the slogans of bloggers and paid courses (博主, 变现, IP孵化营),
        # with no government measure anywhere: the creator economy, not OPC support.
        evidence.append(f"排除:自媒体语境的超级个体×{self_media}")
        weighted = 0.0
    if weighted and set(title_hits) | set(body_hits) <= {"超级个体"} and not _POLICY_RE.search(full):
        evidence.append("排除:无政策语境的超级个体")
        weighted = 0.0
    if weighted and not title_hits and _aside(body or ""):
        # "中国ではAIを使う「一人公司（OPC）」が話題ですが、本記事では…": every mention in one
        # sentence that turns away from it (…ですが / 但本文 / but this article).
        evidence.append("排除:只在一句旁及")
        weighted = 0.0
    score = round(weighted / (weighted + 2.0), 3)
    return Relevance(is_opc=score >= 0.5, score=score, evidence=tuple(evidence))
