"""The role of an amount on a page written in another language than Chinese.

The same four questions as :mod:`parsers.amount_roles` — is it a condition (revenue above X), a
fund's or programme's size, support to a beneficiary, or a fact about the economy — asked with
the words of English, French, Spanish, Portuguese, German, Italian, Vietnamese, Indonesian, Thai,
Russian, Turkish, Japanese and Korean reports. Hand-written: a lexicon of the domain's words.
"""

from __future__ import annotations

import re

from parsers.schema import AmountRole

__all__ = ["foreign_role", "is_foreign"]

_REVENUE = (
    r"revenue|turnover|sales|ingresos|facturaci[oó]n|receita|faturamento|Umsatz|fatturato|chiffre d['’]affaires|doanh thu|"
    r"pendapatan|omzet|jaaromzet|przych\w*|obrot\w*|hasil tahunan|выручк\w*|оборот\w*|gelir\w*|ciro\w*|รายได้|売上\w*|매출|"
    r"계약(?:\s*성사)?\s*금액|계약액|"
    r"paid-up capital|capital social|"
    r"capital|Stammkapital|vốn điều lệ|modal"
)
_ABOVE = (
    r"exceed\w*|over|above|more than|de más de|m[aá]s de|superiores? a|superen|supera\w*|acima de|ultrapass\w*|über|"
    r"übersteig\w*|superiore a|oltre|trên|vượt\w*|lebih dari|melebihi|свыше|более|превыш\w*|aşan|üzerinde|fazla|เกิน|"
    r"dépass\w*|plus de|au-delà de|przekracza\w*|powyżej|meer dan|melebihi|di atas|lebih daripada|\bpass(?:es)?\b|\bhit\b"
)
_BELOW = (
    r"below|under|less than|unter|weniger als|inférieur à|moins de|menos de|inferior a|abaixo de|di bawah|kurang dari|poniżej|"
    r"minder dan|dưới|ниже|менее|altında"
)
_THRESHOLD_BEFORE = re.compile(
    rf"(?:{_REVENUE})[^.;!?]{{0,40}}?(?:{_ABOVE}|{_BELOW})\s*$|"
    # "companies whose annual revenue passes …", "firms with revenue of …", "Bedrijven met een jaaromzet van …"
    r"(?:compan(?:y|ies)|firms?|founders|those|OPCs|empresas|entreprises|Unternehmen|aziende|perusahaan|syarikat|bedrijven|"
    rf"firmy|şirketler)\b[^.;!?]{{0,30}}(?:{_REVENUE})[^.;!?\d]{{0,30}}$",
    re.I,
)
# Japanese and Korean put the comparison after the figure: 売上高が1,000万元を超えた, 매출 1,000만 위안 이상.
_THRESHOLD_AFTER = re.compile(
    r"^\s*(?:を超えた?|以上の)[^。、]{0,6}(?:OPC|企業|企业|会社|公司|事業者|プロジェクト)|"
    r"^\s*(?:이상(?:인|의)?|[을를]?\s*(?:넘는|넘어서는|초과하는))\s*(?:OPC|기업|회사|프로젝트|스타트업)",
    re.I,
)
_THRESHOLD_NEAR = re.compile(rf"(?:{_REVENUE})", re.I)

_FUND_WORDS = (
    r"(?<![A-Za-z])(?:funds?|fondos?|fundos?|fonds|Fonds|fondi|quỹ|dana|fon(?:u|un)?|budget|presupuesto|orçamento|bilancio|"
    r"ngân sách|anggaran|bütçe\w*)(?![A-Za-z])|фонд\w*|бюджет\w*|กองทุน|งบ(?:ประมาณ)?|펀드|기금|예산|ファンド|予算"
)
# A fund named before the figure ("a seed fund of 1.5 billion yuan", "ファンドの規模は総額20億元") …
_FUND_NOUN_BEFORE = re.compile(rf"(?:{_FUND_WORDS})[^.;!?\d]{{0,40}}$", re.I)
# … or a budget being allotted ("reserves 100 million", "stellt … bereit", "phân bổ", "выделит", "총").
_ALLOT_BEFORE = re.compile(
    r"(?:(?:a|the) pool of|reserv\w*|réserv\w*|stellt[^.;!?\d]{0,30}|mette a disposizione|stanzia\w*|dành|disiapkan|menyiapkan|"
    r"cam kết (?:hỗ trợ )?(?:thêm )?|chi thêm|phân bổ|committed|commit\w*|"
    r"выделит\w*|выделил\w*|ayırdı|ayıracak|จัดสรร|배정|마련|allocat\w*|earmark\w*|"
    r"destin\w*|débloqu\w*|total of|un total de|au total|insgesamt|in totale|in totaal|tổng cộng|total|senilai total|toplam|"
    r"budżet\w*[^.;!?\d]{0,20}|wynosi|set(?:s|ting)? up|"
    r"общим объ[её]мом|объ[её]мом|総額|총)[^.;!?\d]{0,12}$",
    re.I,
)
_FUND_AFTER = re.compile(
    rf"^[^.;!?\d]{{0,20}}(?:{_FUND_WORDS})|"
    # A programme's budget: "100 million yuan in vouchers / in support for data", "allocated to".
    r"^[\s)）]*(?:in|en)\s+(?:[\w-]+\s+){0,2}?(?:vouchers?|coupons?|support|subsidies|funding|grants?|vales|ayudas|apoyo|"
    r"soutien|subvenciones|bons|subventions)\b|^\s*(?:(?:has|have) been |is |are |was )?(?:allocated|earmarked|set aside|"
    r"destinados?|asignados?|alloués?)\b",
    re.I,
)

# A programme created with the figure as its size: "a voucher worth X will be set up every year",
# "an annual 80 million yuan scale computing voucher". This wins over the voucher word before it.
_CREATED_AFTER = re.compile(
    r"^[\s)）]*(?:(?:will|shall|is to|are to)\s+be|(?:has|have)\s+been|is|are|was|were)\s+(?:set up|established|created|launched)\b"
    r"|^[\s-]*scale\b",
    re.I,
)
_PER_RECIPIENT = re.compile(r"\b(?:receiv\w*|per|each|up to|as much as)\b", re.I)
# Korean programme budgets: "20억 위안 규모의 보조금", "2억 위안 상당의 쿠폰" (worth of vouchers), "5억 위안의
# 쿠폰을 발급" (vouchers issued), "2억 위안을 할당" (allotted), "매년 / 연 3,000만 위안의 보조금" (a year's
# budget) — unless the sentence says what one recipient gets (최대, 기업당, 1인당).
_KO_BUDGET_AFTER = re.compile(
    r"^[\s)）]*(?:규모|상당)(?:의)?\s|^[\s)）]*의\s*[^.;!?\d]{0,12}(?:쿠폰|바우처|상품권)[을를]?\s*(?:발급|발행|배포)|"
    r"^[\s)）]*[을를]\s*(?:할당|배정|투입|편성)")
_KO_YEARLY_BEFORE = re.compile(r"(?<![가-힣])(?:매년|연간?|해마다)\s*$")  # not the 연 of 관련
_KO_PER_RECIPIENT = re.compile(r"최대|최고|(?:기업|업체|회사|프로젝트|팀|명|인|곳|건)당|에게|개인")

_SUPPORT = re.compile(
    r"receiv\w*|recib\w*|recev\w*|receber|poderá receber|pode receber|erhalt\w*|bekomm\w*|ricev\w*|nhận|mendapat\w*|"
    r"получ\w*|alacak|alır|ได้รับ|받|受け取|支给|支給|subsid\w*|subvenci\w*|subsídio\w*|sovvenzion\w*|Zuschuss\w*|Förder\w*|"
    r"hỗ trợ|trợ cấp|tài trợ|grants?|гранты?|субсиди\w*|компенсаци\w*|premios?|prêmios?|prix|Preis\w*|Prämie\w*|премия|"
    r"ödül\w*|hibe|destek\w*|bantuan|insentif|hadiah|奖励金|奨励金|助成|补助|지원금|보조금|지급|rembours\w*|reembols\w*|"
    r"dotacj\w*|otrzyma\w*|premi\w*|subsidie|krijgen|ontvangen|menerima|geran|startsubsidie|"
    r"prizes?|awards?|rewards?|bonus\w*|allowances?|vouchers?|coupons?|\bwin\b|loans?|equity investment|"
    r"up to|as much as|appl(?:y|ying) for|not exceed\w*|no more than|capped|(?:a |the )?cap (?:of|is)|at most|maximum|支给する|出資する|出资する|투자한다|투자해|jusqu['’]à|plafonn\w*|hasta|até|bis zu|fino a|tới|최대|hingga|до|"
    r"en fazla|สูงสุด|最大|최고(?=\s*$)|invest\w* (?:up to|in each|per)|"
    r"per (?:company|project|firm|team)|por (?:empresa|proyecto|projeto)|par (?:entreprise|projet)|pro (?:Unternehmen|Projekt)|"
    r"per progetto|mỗi (?:dự án|công ty)|per proyek|на (?:одну )?компани\w*|proje başına|ต่อ(?:ปี|โครงการ)|1社あたり|"
    r"기업당|프로젝트당",
    re.I,
)
_STATISTIC = re.compile(
    r"round|ronda|rodada|Finanzierungsrunde|Runde|vòng gọi vốn|pendanaan|раунд\w*|yatırım turu|ระดมทุน|調達|투자 유치|"
    r"valuation|valoración|valoraci[oó]n|avaliação|Bewertung|valutazione|valorisation|định giá|valuasi|оценк\w*|değerleme|"
    r"มูลค่า|評価額|기업가치|cuesta|custa|kostet|costa|coûte|comptez|frais|fees?|giá|harga|стоит|fiyat|ราคา|価格|가격|"
    r"schlagen|cost[s]? (?:about|around)|stamp duty|penalt\w*|fine|amende|multa|Strafe|债务|債務|debt|deuda|dette|"
    r"revenue|ingresos|receita|faturamento|Umsatz|fatturato|chiffre d['’]affaires|doanh thu|pendapatan|выручк\w*|gelir|"
    r"market|mercado|marché|Markt|mercato|thị trường|pasar|рын\w*|市場|市场|시장|"
    r"รายได้|売上|매출|scale|escala|Größe|dimensione|quy mô|skala|объ[её]м рынка|pazar|ขนาด|規模|규모|industry|industria|"
    r"indústria|Branche|industri|отрасл\w*|sektör|อุตสาหกรรม|産業|산업",
    re.I,
)
# Investing the figure in each project: 出資する, 투자한다, investir … por projeto.
# (Japanese and Korean put the verb after the figure; in English "a fund of X will invest …" the
# verb is about the fund's money, not X.)
_INVESTS = re.compile(r"^[\s)）]*[^.;!?\d]{0,10}(?:出资|出資|투자)")
# Money a company raised is a fact about it, even "in funding".
_RAISED = re.compile(r"raised|secured|closed|attracted|levé|recaudó|captou|eingesammelt|raccolto|huy động|mengumpul|привлек", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_OTHER_SCRIPT = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u0e00-\u0e7f\u3040-\u30ff\uac00-\ud7af]")


def is_foreign(window: str) -> bool:
    """True when the words around an amount are mostly not Chinese (kana and hangul count as foreign)."""
    if _KANA_HANGUL.search(window):
        return True
    other = len(_OTHER_SCRIPT.findall(window))
    return other > 0 and other >= len(_HAN.findall(window))


def _last(pattern: re.Pattern[str], text: str) -> str | None:
    found = list(pattern.finditer(text))
    return found[-1].group(0) if found else None


def foreign_role(before: str, after: str, sentence_before: str) -> tuple[AmountRole, str] | None:
    """(role, reason) from the words of the amount's own phrase, then its sentence; None when
    none of them says."""
    if (m := _THRESHOLD_BEFORE.search(before)) or (
            _THRESHOLD_AFTER.match(after) and (m := _THRESHOLD_NEAR.search(before))):
        return AmountRole.THRESHOLD, f"条件：{m.group(0).strip()[-24:]}"
    if (m := _CREATED_AFTER.match(after)) and not _PER_RECIPIENT.search(before):
        return AmountRole.FUND, f"资金规模：{m.group(0).strip()[:24]}"
    if m := _ALLOT_BEFORE.search(before):
        return AmountRole.FUND, f"资金规模：{m.group(0).strip()[:24]}"
    if ((m := _KO_BUDGET_AFTER.match(after)) or (m := _KO_YEARLY_BEFORE.search(before))) and not _KO_PER_RECIPIENT.search(before):
        return AmountRole.FUND, f"资金规模：{m.group(0).strip()[:16]}"
    if (m := _FUND_NOUN_BEFORE.search(before)) and not (_SUPPORT.search(m.group(0)[4:]) or _INVESTS.match(after)):
        # "the district fund will invest up to …" / "ファンドから…を出資する": what one project gets is support.
        return AmountRole.FUND, f"资金规模：{m.group(0).strip()[:24]}"
    if (m := _FUND_AFTER.match(after)) and not _SUPPORT.search(before) and not _RAISED.search(before):
        return AmountRole.FUND, f"资金规模：{m.group(0).strip()[-16:]}"
    support = _last(_SUPPORT, before) or (m.group(0) if (m := _SUPPORT.search(after[:40])) else None)
    statistic = _last(_STATISTIC, before) or (m.group(0) if (m := _STATISTIC.search(after[:30])) else None)
    if support and not (statistic and before.rfind(statistic) > before.rfind(support) >= 0):
        return AmountRole.SUPPORT, f"支持：{support.strip()[-16:]}"
    if statistic:
        return AmountRole.STATISTIC, f"统计：{statistic.strip()[-16:]}"
    if m := _ALLOT_BEFORE.search(sentence_before) or _FUND_NOUN_BEFORE.search(sentence_before):
        return AmountRole.FUND, f"句中：{m.group(0).strip()[:24]}"
    if (support := _last(_SUPPORT, sentence_before)) is not None:
        return AmountRole.SUPPORT, f"句中：{support.strip()[-16:]}"
    if (statistic := _last(_STATISTIC, sentence_before)) is not None:
        return AmountRole.STATISTIC, f"句中：{statistic.strip()[-16:]}"
    return None
