"""A 20 MB page parses to the end: every step of the extraction is linear in the page size
(bench/parse_large.py prints the times; no timed assertion here). Marked slow: about a minute."""

from __future__ import annotations

import pytest

from parsers import parse_text

PARAGRAPH = ("（{i}）对新认定的OPC社区给予最高{a}万元一次性奖励，每年再给予3-5万元运营补贴；单家企业每年不超过"
             "壹拾伍万元，设立总规模{c}亿元的天使投资基金，带动社会资本数十亿元，按照租金的50%给予房租补贴。")


@pytest.mark.slow
def test_twenty_megabyte_page_finishes() -> None:
    lines, size, i = [], 0, 0
    while size < 20 * 2**20:
        line = PARAGRAPH.format(i=i + 1, a=10 + i % 90, c=1 + i % 20)
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        i += 1
    policy = parse_text("关于支持一人公司发展的若干措施\n" + "\n".join(lines), url="https://large.invalid/20mb.txt")
    money = [a for a in policy.amounts if a.unit.value == "money"]
    assert len(money) == 5 * len(lines)
    assert money[0].value == 100_000 and money[-1].qualifier.value == "vague"
