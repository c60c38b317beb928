"""Small per-field rules shared by parse_document and parse_text: 文号, kind, region, validity."""

from __future__ import annotations

import re
from datetime import date

from parsers.dates import parse_date, resolve_date
from parsers.kinds import classify_kind
from parsers.normalize import clean_inline
from parsers.region_hosts import host_region
from parsers.regions import Region, dominant_region, find_regions, is_within, region_path, resolve_region
from parsers.schema import DocKind

__all__ = [
    "normalize_doc_number", "find_doc_number", "classify_kind", "choose_region", "host_region",
    "validity", "closing_date", "closing_signer",
]

_DOCNO_RE = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（﹝〖]\s*(?:19|20)\d{2}\s*[〕\]］】)）﹞〗]\s*\d{1,4}\s*号"
)
_BRACKET_YEAR = re.compile(r"[〔\[［【(（﹝〖]\s*((?:19|20)\d{2})\s*[〕\]］】)）﹞〗]")
_UNTIL_RE = re.compile(r"有效期(?:至|到|截至)\s*([^，。；,;]{4,16})")
_FROM_RE = re.compile(r"自\s*([^，。；,;]{4,16}?)\s*起(?:施行|执行|实施)")


def normalize_doc_number(raw: str | None) -> str | None:
    """文号 with 〔〕 brackets (from ﹝﹞ [] ［］ 【】 () （） 〖〗), simplified characters, no pinyin or spaces: 宁政发〔2022〕133号."""
    if not raw:
        return None
    text = re.sub(r"\s+", "", clean_inline(raw))
    text = _BRACKET_YEAR.sub(r"〔\1〕", text)
    return text or None


_DOCNO_LEAD = re.compile(r"^.*(?:印发|发布|出台|根据|依据|按照|落实|贯彻|执行|转发|的|和|及|与|即|见)")


_DOCNO_ALONE = re.compile(r"^[^，,。；;:：《》]{1,16}[〔\[［【(（﹝〖]\s*(?:19|20)\d{2}\s*[〕\]］】)）﹞〗]\s*\d{1,4}\s*号$")
_CITED_BEFORE = re.compile(r"[(（《》]\s*$")
_CITED_AFTER = re.compile(r"^\s*(?:[)）]|文件|精神|要求|规定)")


def find_doc_number(text: str) -> str | None:
    """The page's own 文号 (normalized), e.g. from a policy's opening lines; None when the text
    only cites other documents' numbers.

    A line that is nothing but a 文号 wins ("粤府〔2023〕90号" under a red header). Otherwise the
    first 文号 in running text that is not a citation — inside brackets "（工信部联通信〔2023〕180号）"
    or followed by 文件/精神 — with its issuer-code prefix cut after verbs and particles
    ("…政府印发宁政发〔2022〕133号" → 宁政发〔2022〕133号)."""
    cleaned = clean_inline(text or "")[:2000]
    for line in (text or "").splitlines()[:40]:
        line = re.sub(r"\s+", "", clean_inline(line))
        if _DOCNO_ALONE.match(line):
            return normalize_doc_number(line)
    for m in _DOCNO_RE.finditer(cleaned):
        if _CITED_BEFORE.search(cleaned[max(0, m.start() - 2) : m.start()]) or _CITED_AFTER.match(cleaned[m.end() :]):
            continue
        bracket = re.search(r"[〔\[［【(（﹝〖]", m.group(0))
        cut = bracket.start() if bracket else 0
        prefix = _DOCNO_LEAD.sub("", m.group(0)[:cut])
        return normalize_doc_number(prefix + m.group(0)[cut:]) if prefix else None
    return None


def _most_specific(text: str | None) -> Region | None:
    mentioned = find_regions(text or "")
    if not mentioned:
        return None
    deepest = max(mentioned, key=lambda r: len(region_path(r.code)))
    if all(is_within(deepest.code, r.code) for r in mentioned):
        return deepest
    return mentioned[0]  # several places: the first one named


# A news dateline ("中评社香港3月9日电", "新华社南京1月5日电") names where the story was filed,
# not what it is about: it is cut before the title is searched for places.
# Where the reporter files from, not what the story is about: 新华社南京3月2日电, (중국 난징=신화통신),
# [신화망 베이징 2월2일], "BEIJING, Feb. 2 (Xinhua) --", "NANJING, March 2 --".
_DATELINE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,4}(?:社|网|报))?[\u4e00-\u9fff]{2,4}\s*\d{1,2}月\d{1,2}日\s*电"
    r"|[(\[（【][^()\[\]（）【】]{0,20}(?:=\s*)?(?:신화통신|신화망|연합뉴스|新华社|Xinhua)[^()\[\]（）【】]{0,20}[)\]）】]"
    # Capitals with accents (SHANGHÁI, PÉKIN) and a date either way round (Feb. 2, 3 mar, 3. März).
    r"|^[A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž' -]{2,20},\s*(?:(?:[A-Z][a-zà-ÿ]{2,8}\.?\s*\d{1,2}|\d{1,2}\.?\s*(?:de\s+)?[A-Za-zà-ÿ]{3,10}\.?)\s*)?"
    r"(?:\([A-Za-z ]+\)\s*)?(?:--|—|–)",
    re.M,
)


NATIONAL = "100000"
# National organs: their documents name no place because they apply to all of China.
_NATIONAL_ISSUER = re.compile(
    r"^(?:中共中央|国务院|全国人大|全国人民代表大会|国家[\u4e00-\u9fff]{1,14}(?:委员会|部|局|署|总局|办公室)|"
    r"(?:工业和信息化|科学技术|财政|人力资源和社会保障|商务|教育|农业农村|自然资源|司法|民政)部)"
)


# A story framed as national: its places in several provinces are examples, not its subject.
_NATIONAL_FRAME = re.compile(
    r"全国|各地|多地|我国|中国(?:各地|多地|正|在|的)|중국에서|중국 ?각지|\b(?:across China|in China|China's)\b|en Chine|"
    r"\b(?:in|across) Chin(?:a|ese cities)\b|中国では|中国各地|Trung Quốc",
    re.IGNORECASE,
)


_ROUNDUP = re.compile(r"\d+\s*개\s*도시|\d+여\s*(?:개\s*)?도시|여러\s*도시|[\d十]+多?个?城市?(?=出台|发布|推出|密集|齐发|竞相)|"
                      r"多[地城](?:出台|发布|推出|密集)|\b\d+ (?:Chinese )?cities\b|\bseveral cities\b", re.I)


def choose_region(
    issuer: str | None, title: str, kind: DocKind, default: str | None, url: str, body: str = "",
) -> Region | None:
    """Issuing region: issuer, then title, then the source default, the host's region, and last
    the place the body is mostly about; news and event reports: the title's place first."""
    title = _DATELINE.sub("", title or "")
    if re.match(r"^(?:\S{0,4}召开)?全省", title):
        # "全省OPC工作推进会在南京召开": a province-wide meeting; the city is only its venue.
        province = next((r for r in (_most_specific(issuer), resolve_region(default) if default else None, host_region(url))
                         if r is not None and r.level == "province"), None)
        if province is not None:
            return province
    # "北京、上海等12城出台AI新政", "베이징 등 8개 도시서…": a roundup whose title counts the cities it is
    # about; the places it names are examples, not its subject.
    roundup = _ROUNDUP.search(title) is not None and bool(find_regions(title))
    if roundup:
        title = ""
    order = (title, issuer) if kind in (DocKind.NEWS, DocKind.EVENT) else (issuer, title)
    first, second = (_most_specific(text) for text in order)
    if first is not None and second is not None and second.code != first.code and is_within(second.code, first.code):
        # An outlet or a province reporting on a place it contains (中国江苏网 on 南京江北新区):
        # the narrower place is what the page is about, and a subscription to the wider one
        # still matches it.
        return second
    if first is not None or second is not None:
        return first or second
    if _NATIONAL_ISSUER.match(issuer or "") or (not issuer and _NATIONAL_ISSUER.match(title)):
        return resolve_region(NATIONAL)  # 国务院, a ministry: applies everywhere
    wire = _DATELINE.search(body[:400]) is not None
    body = _content(_DATELINE.sub("", body))
    lead_text = _lead(body)
    lead = dominant_region(lead_text, min_mentions=2, share=0.6)
    source = resolve_region(default) if default else host_region(url)
    if source is not None:
        # The lead paragraph narrows a source (a provincial site on one district), never moves it.
        return lead if lead is not None and is_within(lead.code, source.code) else source
    body_region = dominant_region(body)
    if lead is not None and body_region is not None and is_within(body_region.code, lead.code):
        return body_region  # the lead names the province, the story is about one of its cities
    if lead is not None:
        return lead
    places = find_regions(body)
    if (roundup or _NATIONAL_FRAME.search(f"{title}\n{lead_text}")) and len({region_path(r.code)[0].code for r in places}) >= 2 \
            and dominant_region(body, share=0.6) is None:
        return None  # "中国各地…", "In China, …": places in several provinces, none of them the story
    if body_region is None:
        # "Lumora, con sede en Hangzhou, …": the one place the lead names, if the page names no other.
        lone = dominant_region(lead_text, min_mentions=1, share=1.0)
        if lone is not None and all(is_within(r.code, lone.code) for r in places):
            return lone
        if wire and not _NATIONAL_FRAME.search(f"{title}\n{lead_text}"):
            # "SHANGHÁI, 3 mar (Xinhua) -- …" filed from one city about the one place the body names.
            return dominant_region(body, min_mentions=1, share=1.0)
    return body_region


# Where a page's own text ends and its chrome begins: related-news lists, footers.
_JUNK_START = re.compile(
    r"^\s*[【\[]?(?:相关新闻|相关阅读|相关链接|相关文章|相关推荐|推荐阅读|延伸阅读|热点推荐|热门推荐|猜你喜欢|往期推荐|往期回顾|"
    r"更多阅读|上一篇|下一篇|责任编辑|网站地图|版权所有|主办单位|友情链接|関連記事|関連ニュース|많이 본 뉴스|관련 기사|관련기사|"
    r"Related (?:articles|news|stories|posts)|Read (?:more|also)|Tin liên quan|Berita terkait|Lire aussi|Leia também|Lee también|"
    r"Ähnliche Artikel|Articoli correlati|Читайте также|Похожие новости|İlgili haberler|ข่าวที่เกี่ยวข้อง)",
    re.IGNORECASE,
)
# An advertisement line inside a page: 【广告】注册公司找我们…
_AD_LINE = re.compile(r"^\s*(?:[【\[(（]\s*(?:广告|推广|赞助)\s*[】\])）]|广告[:：]|Advertisement\b|Sponsored\b)", re.IGNORECASE)


def own_text(body: str) -> str:
    """The page's own text: up to its related-articles list or footer, without ad lines. Amounts
    and targets in a "相关阅读" list belong to other pages ("· …新政 最高补贴2000万元")."""
    kept: list[str] = []
    for line in body.splitlines():
        if _JUNK_START.match(line) and any(k.strip() for k in kept):
            break
        if not _AD_LINE.match(line):
            kept.append(line)
    return "\n".join(kept)
_HEADER_LINE = re.compile(r"来源[:：]|作者[:：]|发布(?:时间|日期)|浏览(?:次数|量)|字号|【打印】|分享到")


_PROFILE_LINE = re.compile(r"地址[:：]|电话[:：]|联系方式|提问者|律师事务所|执业\d+年|IP\s*属地|邮编|版权所有")


# A photo caption inside a paragraph: "圖為AI機器人…在江西南昌大劇院…。（中新社）".
_CAPTION = re.compile(r"(?:(?<=[。！？!?])|^)\s*(?:图为|圖為|图片为|圖片為|图：|圖：|（图|\(图)[^。\n]*[。]?(?:[（(][^）)]{0,12}[）)])?")


def _content(body: str) -> str:
    """The body without its chrome: from a 相关新闻 / footer line on, and lines that are lists of
    place names (a navigation bar naming many provinces), are not the page's own text."""
    kept: list[str] = []
    for line in body.splitlines():
        line = _CAPTION.sub("", line)  # "图为…在江西南昌…": where a photo was taken, not the story's place
        if _JUNK_START.match(line) and kept:
            break
        names = find_regions(line)
        if len(names) >= 3 and not re.search(r"[。，；,;]", line) and len(line) < 12 * len(names):
            continue
        if names and (profile := _PROFILE_LINE.search(line)) and (profile.start() < 16 or len(line) < 40):
            continue  # a footer address, an asker's or a lawyer's profile: where they sit, not the story's place
        kept.append(line)
    return "\n".join(kept)


def _lead(body: str) -> str:
    """The first paragraph of running text (a sentence of some length), past header lines."""
    for line in body.splitlines():
        line = line.strip()
        if len(line) >= 30 and re.search(r"[。，,]", line) and not _HEADER_LINE.search(line):
            return line
    return ""


def validity(body: str, reference: date | None = None) -> tuple[date | None, date | None]:
    """(effective_from, effective_until) when the text states them with a date; a yearless date
    ("自3月1日起施行") is resolved against ``reference`` (the publication date)."""

    def read(m: re.Match[str] | None) -> date | None:
        if m is None:
            return None
        return parse_date(m.group(1)) or (resolve_date(m.group(1), reference) if reference else None)

    return read(_FROM_RE.search(body)), read(_UNTIL_RE.search(body))


def effective_on_signing(body: str) -> bool:
    """True when the text says it takes effect on issue (自印发之日起施行)."""
    return bool(re.search(r"自(?:印发|发布|公布)之日起(?:施行|执行|实施)", body))


_SIGNER = re.compile(r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|领导小组|局|厅|委|部|中心|公司|协会)$")


def closing_date(body: str) -> date | None:
    """The signature date (成文日期) of a document: a line that is only a date right under the
    signing body ("苏州市人民政府办公室" / "2024年9月17日"), else a date-only line among the last lines."""
    lines = [line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith("[")]
    for above, line in zip(lines, lines[1:], strict=False):
        if 8 <= len(line) <= 16 and _SIGNER.search(above) and (d := parse_date(line)) is not None:
            return d
    for line in reversed(lines[-4:]):
        if 8 <= len(line) <= 16 and (d := parse_date(line)) is not None:
            return d
    return None


def closing_signer(body: str) -> str | None:
    """The issuing organ signed at the foot of a document (落款): the short line right above
    the closing date ("杭州市余杭区科学技术局" / "2026年3月2日"); None without such a block."""
    lines = [line.strip() for line in body.splitlines() if line.strip()][-6:]
    for above, line in zip(lines, lines[1:], strict=False):
        if (8 <= len(line) <= 16 and len(above) <= 40 and _SIGNER.search(above)
                and not re.search(r"[，。；：:,;]", above) and parse_date(line) is not None):
            return above
    return None


# "江苏省人民政府办公厅关于印发…的通知": the issuing body is what precedes 关于, when it ends in
# the name of an organ. Hand-written: no library knows Chinese government title grammar.
_ORGAN = r"(?:人民政府(?:办公厅|办公室)?|办公厅|办公室|管理委员会|管委会|委员会|领导小组|局|厅|委|办|部|中心|政府)"
_TITLE_ISSUER = re.compile(rf"^((?:[\u4e00-\u9fff（）()]{{2,40}}?{_ORGAN})(?:、[\u4e00-\u9fff]{{2,30}}?{_ORGAN})*)关于")


def issuer_from_title(title: str) -> str | None:
    """The issuer named at the head of a document title, or None (news titles name none)."""
    match = _TITLE_ISSUER.match(title.strip())
    return match.group(1) if match else None
