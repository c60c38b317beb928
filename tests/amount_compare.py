"""Expected-output comparison helper: vague amounts (qualifier "vague") are ignored on both sides.

The annotations of the dev corpus and the held-out sets predate ``Qualifier.VAGUE`` (parser
1.7.0) and follow the rule "vague amounts (数百亿元) do not count", so a vague amount the parser
now reports is not an extra, and one an annotation lists is not a miss. One exception keeps an
older annotation meaningful without editing it: 上亿元 was annotated as "at least 1亿"; an
expected ``at_least`` amount equal to a parsed vague amount's low bound is dropped with it.
bench/score_extraction.py applies the same rule.
"""

from __future__ import annotations


def without_vague(expected: list[dict], got: list[dict]) -> tuple[list[dict], list[dict]]:
    """(expected, got) without vague amounts and the at-least annotations they stand for."""
    exp = [a for a in expected if a.get("qualifier") != "vague"]
    for g in got:
        if g["qualifier"] != "vague":
            continue
        same = next((a for a in exp if a.get("qualifier") == "at_least" and str(a["value"]) == str(g["low"])
                     and a.get("currency", "CNY") == g["currency"]), None)
        if same is not None:
            exp.remove(same)
    return exp, [g for g in got if g["qualifier"] != "vague"]
