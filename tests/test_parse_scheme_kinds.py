"""Kinds that decide whether a subscriber is alerted, in pages written for these tests: a support
scheme set out under its own headings (whatever its title), a fund's project guide, and an English
policy title. Before parser 1.16.1 all three fell through to the narrative fallback and read as
news, so the default alert kinds (policy / rules / application) missed them."""

from __future__ import annotations

import pytest

from parsers import parse_text
from parsers.schema import DocKind

FILLER = "本段说明项目背景和有关部门的分工安排，具体内容以主管部门发布的正式文件为准，企业可以向所在区的主管部门咨询。"

SCHEME_APPLICATION = f"""2026年某市数字经济扶持计划智能软件推广应用项目申
一、支持的项目范围
企业应用智能软件改造研发、生产和管理流程的项目。{FILLER}
二、资助方式和标准
按项目审定总投入的不超过20%给予资助，单个项目最高300万元。{FILLER}
三、申报条件
（一）在本市注册、具有独立法人资格的企业；（二）项目已建成并投入使用。{FILLER}
四、申报材料
项目申请书、财务审计报告、合同与发票复印件。"""

SCHEME_RULES = f"""某区促进产业发展专项资金项目说明
一、扶持对象
在本区注册并纳税的软件和信息服务企业。{FILLER}
二、扶持标准
对首次获评市级示范项目的企业给予50万元奖励；对租用办公用房的，按年租金的30%给予补贴，最高100万元。{FILLER}
三、资金来源
区产业发展专项资金。{FILLER}"""

NEWS_WITH_ONE_HEADING = f"""某市软件企业负责人谈数字化转型
记者走访了多家企业。{FILLER}
一、申报条件放宽之后
多家企业表示，今年的门槛降低了，申报的积极性明显提高。{FILLER}{FILLER}"""

FUND_GUIDE = f"""某区支持产业发展专项资金重点项目指南
（2026年版）
专项资金 | 编号 | 扶持项目 | 扶持标准
A 软件产业 | A01 | 新落户的软件企业总部 | 给予最高200万元的资金支持
{FILLER}{FILLER}"""

SERVICE_GUIDE = f"""企业开办一网通办服务指南
一、办理地点
市政务服务中心一楼。{FILLER}{FILLER}"""

ENGLISH_POLICY = """Policies on Supporting One-Person Companies in the Software Park
(I) Start-up support: A newly registered one-person company will be given a start-up subsidy of RMB 20,000.
(II) Rent: Qualified companies will be given a rent subsidy of 50% of the actual rent for up to three years,
capped at RMB 60,000 a year.
(III) Computing power: Vouchers covering 30% of computing costs will be issued, up to RMB 100,000 per company.
These policies are interpreted by the park's administrative committee."""

ENGLISH_NEWS = """Policies to Support One-Person Companies Take Effect in the Software Park
The park's new package for one-person companies took effect on Monday, offering start-up subsidies of RMB 20,000,
rent subsidies and computing vouchers, officials said at a briefing. Dozens of founders have already applied,
according to the park, which expects to host 500 such companies by 2028."""


@pytest.mark.parametrize(("text", "kind"), [
    (SCHEME_APPLICATION, DocKind.APPLICATION),  # its title cut mid-word, its headings invite applications
    (SCHEME_RULES, DocKind.RULES),  # headings set out who gets what, nobody is invited to apply
    (NEWS_WITH_ONE_HEADING, DocKind.NEWS),  # one heading that mentions 申报条件 is no scheme
    (FUND_GUIDE, DocKind.RULES),
    (SERVICE_GUIDE, DocKind.OTHER),  # a service guide stays a guide: it neither binds nor invites
    (ENGLISH_POLICY, DocKind.POLICY),
    (ENGLISH_NEWS, DocKind.NEWS),  # the same words in a headline that says what happened to them
], ids=["scheme-application", "scheme-rules", "news-one-heading", "fund-guide", "service-guide",
        "english-policy", "english-news"])
def test_kind_decides_the_default_alert(text: str, kind: DocKind) -> None:
    policy = parse_text(text, url="https://www.example.gov.cn/art/1.html")
    assert policy.kind is kind, policy.kind_reason
