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
    POLICY = "policy"  # a policy document: 办法、措施、方案、通知 with binding content
    NEWS = "news"  # a news report about policies or events
    INTERPRETATION = "interpretation"  # 政策解读
    NOTICE = "notice"  # 公告、公示、申报通知


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


class AmountUnit(StrEnum):
    MONEY = "money"  # value in currency units (yuan unless currency says otherwise)
    PERCENT = "percent"  # a support ratio: 费用的50%


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
    GT = ">"  # 超 / 超过 / 以上
    GE = ">="  # 不少于 / 不低于
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
    phrase: str  # the exact text it was read from
    # Stable identity across versions of a document: the phrase with the number masked, so
    # "最高给予2000万元股权投资" and "最高给予3000万元股权投资" share a key and diff as a change.
    key: str


class Target(_Strict):
    year: int | None
    metric: str  # OPC社区 / OPC企业 / OPC人才 / 工位 …
    value: Decimal
    comparator: Comparator = Comparator.EQ
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
    kind: DocKind = DocKind.NEWS
    script: Script = Script.SIMPLIFIED
    issuer: str | None = None
    doc_number: str | None = None  # 文号, brackets normalized to 〔〕
    index_number: str | None = None  # 索引号
    published: date | None = None
    signed: date | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    region_code: str | None = None  # GB/T 2260 code, or a stable zone code
    region_name: str | None = None
    regions_mentioned: tuple[str, ...] = ()
    relevance: Relevance
    measures: tuple[Measure, ...] = ()
    measure_count: int | None = None  # a count written in the title: 十二条 -> 12
    amounts: tuple[Amount, ...] = ()
    targets: tuple[Target, ...] = ()
    body_text: str = ""
    attachments: tuple[Attachment, ...] = ()
    partial: bool = False  # some fields could not be read; warnings say which
    warnings: tuple[str, ...] = ()

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

    def max_amount_yuan(self) -> Decimal | None:
        money = [a.value for a in self.amounts if a.unit is AmountUnit.MONEY and a.currency == "CNY"]
        return max(money) if money else None


class ParseError(ValueError):
    """A page could not be read. The message names the page and quotes the offending text."""
