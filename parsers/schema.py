"""The shared schema every page is normalized into.

Closed vocabularies are enums, unknown fields are rejected (``extra="forbid"``) and a record
without a source URL does not validate. Money is kept in yuan as :class:`~decimal.Decimal` so
``2000万元`` and ``0.2亿元`` compare equal and nothing is lost to floating point.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class DocKind(StrEnum):
    """What a page is. Subscribers choose kinds; the default is the three that bind or invite."""

    POLICY = "policy"  # 正式文件: 若干措施、实施意见、行动方案、印发…的通知 with binding content
    RULES = "rules"  # implementing rules: 实施细则、管理办法、操作规程、认定办法
    APPLICATION = "application"  # 申报通知 / 征集 / 认定工作的通知: has a deadline founders act on
    INTERPRETATION = "interpretation"  # 政策解读、一图读懂、图文解读、答记者问
    NEWS = "news"  # a news report about a policy, a place or a company
    EVENT = "event"  # a meeting or event report: 大会开幕、召开推进会、揭牌、启用
    OTHER = "other"  # anything else (名单公示, 公告), or a page whose kind cannot be told: see kind_reason


# Documents that bind or invite: what a subscriber gets unless they choose kinds.
DEFAULT_ALERT_KINDS = (DocKind.POLICY, DocKind.RULES, DocKind.APPLICATION)
# Stored records written before the seven kinds: "notice" covered 公告、公示、申报通知.
_LEGACY_KINDS = {"notice": DocKind.APPLICATION}


class Script(StrEnum):
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


class Qualifier(StrEnum):
    UP_TO = "up_to"  # 最高 / 不超过 / 高达 / 上限
    AT_LEAST = "at_least"  # 不低于 / 超 / 以上
    TOTAL = "total"  # 规模 / 总额 / 设立…基金
    EXACT = "exact"
    RANGE = "range"  # 3万-5万元: value is the high end, low holds the low end
    APPROX = "approx"  # 约 / 近 / 左右
    VAGUE = "vague"  # 数十亿元 / 上千万元 / 几百万: not a figure; low and value are the bounds


class AmountUnit(StrEnum):
    MONEY = "money"  # value in currency units (yuan unless currency says otherwise)
    PERCENT = "percent"  # a support ratio: 费用的50%


class AmountRole(StrEnum):
    """What an amount is to a reader. Only SUPPORT and FUND are key amounts (alerts, --min-amount)."""

    SUPPORT = "support"  # to a beneficiary: subsidy, reward, equity investment, loan, voucher, ratio
    FUND = "fund"  # the size of a fund or programme: 设立10亿元基金, 每年安排5000万元专项资金
    THRESHOLD = "threshold"  # an eligibility condition: 营收超500万元的企业, 研发投入占比不低于5%
    STATISTIC = "statistic"  # a fact or achievement: 产值, 已获融资, 规模达到, 营收
    UNKNOWN = "unknown"  # cannot be told from the sentence: role_reason says why


KEY_ROLES = (AmountRole.SUPPORT, AmountRole.FUND)


class Purpose(StrEnum):
    FUND = "fund"
    EQUITY = "equity_investment"
    SUBSIDY = "subsidy"
    AWARD = "award"
    LOAN = "loan"
    COMPUTE = "compute_voucher"
    RENT = "rent"
    DATA = "data"
    OTHER = "other"


class Comparator(StrEnum):
    GT = ">"  # 超 / 超过 / 突破 / 逾
    GE = ">="  # 以上 / 不少于 / 不低于 / 至少
    EQ = "="
    APPROX = "~"  # 近 / 约 / 左右


class Amount(_Strict):
    value: Decimal  # yuan (or the foreign currency's unit), or percent points for PERCENT
    unit: AmountUnit = AmountUnit.MONEY
    currency: str = "CNY"
    low: Decimal | None = None  # low end of a RANGE
    qualifier: Qualifier = Qualifier.EXACT
    period: str | None = None  # 每人每月 / 每年 / 单项 / 单个项目 … as written
    purpose: Purpose = Purpose.OTHER
    measure: str | None = None  # label of the numbered item it belongs to, e.g. "（三）"
    role: AmountRole = AmountRole.UNKNOWN
    role_reason: str | None = None  # the words the role was told by, or why it could not be
    phrase: str  # the exact text it was read from
    # Stable identity across versions of a document: the phrase with the number masked, so
    # "最高给予2000万元股权投资" and "最高给予3000万元股权投资" share a key and diff as a change.
    key: str


class Target(_Strict):
    year: int | None  # None when the text states no year (never 0)
    metric: str  # OPC社区 / OPC企业 / OPC人才 / 工位 / 数字经济核心产业规模 …
    value: Decimal  # a count, or yuan when unit is "yuan", or percent points when "percent"
    comparator: Comparator = Comparator.EQ
    unit: str | None = None  # None: a count (个/家/人); "yuan": money; "percent"
    phrase: str


class Measure(_Strict):
    label: str  # 一、 / （一） / 1. / 第一条
    text: str


class Relevance(_Strict):
    is_opc: bool
    score: float = Field(ge=0.0, le=1.0)
    evidence: tuple[str, ...] = ()


class Attachment(_Strict):
    name: str
    url: str


class Policy(_Strict):
    """One page, normalized. Built by the parsers; stored as a document version."""

    source_id: str
    url: str = Field(min_length=8)
    canonical_url: str = Field(min_length=8)
    fetched_at: datetime | None = None
    title: str = Field(min_length=1)
    kind: DocKind = DocKind.OTHER
    kind_reason: str | None = None  # the words the kind was told by, or why it could not be
    script: Script = Script.SIMPLIFIED
    issuer: str | None = None
    doc_number: str | None = None  # 文号, brackets normalized to 〔〕
    index_number: str | None = None  # 索引号
    published: date | None = None
    signed: date | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    deadline: date | None = None  # an application notice's closing date (申报截止)
    region_code: str | None = None  # GB/T 2260 code, or a stable zone code
    region_name: str | None = None
    regions_mentioned: tuple[str, ...] = ()
    relevance: Relevance
    measures: tuple[Measure, ...] = ()
    measure_count: int | None = None  # a count written in the title: 十二条 -> 12
    # Identity: what the page is, or is about, so copies, 解读 and reports join one policy.
    policy_name: str | None = None  # the instrument's own name: 关于印发《X》的通知 -> X
    cites: tuple[str, ...] = ()  # names of policies in 《》 the page refers to (a 解读's subject)
    supersedes: tuple[str, ...] = ()  # names / 文号 of documents it replaces or 废止
    links: tuple[str, ...] = ()  # absolute URLs linked from the body (原文链接, 相关文件)
    amounts: tuple[Amount, ...] = ()
    targets: tuple[Target, ...] = ()
    body_text: str = ""
    attachments: tuple[Attachment, ...] = ()
    partial: bool = False  # some fields could not be read; warnings say which
    warnings: tuple[str, ...] = ()

    @field_validator("kind", mode="before")
    @classmethod
    def _legacy_kind(cls, value: object) -> object:
        return _LEGACY_KINDS.get(value, value) if isinstance(value, str) else value

    @field_validator("url", "canonical_url")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"not an absolute http(s) URL: {value!r}")
        return value

    def content_hash(self) -> str:
        """Hash of the normalized content, not of the HTML, and not of when it was fetched.

        Two crawls of an unchanged page give the same hash even if the page's chrome
        (visit counters, generation timestamps) changed.
        """
        payload = self.model_dump(mode="json", exclude={"fetched_at", "url", "warnings"})
        blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def key_amounts(self) -> tuple[Amount, ...]:
        """Support and fund amounts: what an alert lists; thresholds and statistics are not."""
        return tuple(a for a in self.amounts if a.role in KEY_ROLES)

    def max_amount_yuan(self) -> Decimal | None:
        """The largest key amount in yuan: what ``--min-amount`` compares (never a statistic,
        never a vague amount)."""
        # A vague amount (数十亿元) is a pair of bounds, not a figure to compare.
        money = [a.value for a in self.key_amounts()
                 if a.unit is AmountUnit.MONEY and a.currency == "CNY" and a.qualifier is not Qualifier.VAGUE]
        return max(money) if money else None


class ParseError(ValueError):
    """A page could not be read. The message names the page and quotes the offending text."""
