"""Document kinds, deadlines and amount roles on tests/fixtures/heldout_kinds/ (25 written pages).

The set was written for issue #7 without reading the parser; its first measurement is in
docs/extraction.md. Its other fields (targets, regions) belong to issue #8 and are scored by
bench/score_extraction.py, not asserted here. What a subscriber's filters depend on is asserted
per page: the kind, an application notice's deadline, and that no amount a reader calls a
statistic or threshold is taken for a key (support / fund) amount, nor the reverse, beyond the
misses listed in docs/extraction.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from amount_compare import without_vague

from parsers import parse_text

SET = Path(__file__).parent / "fixtures" / "heldout_kinds"
EXPECTED = sorted((SET / "expected").glob("*.json"))
KEY = {"support", "fund"}


def _parse(exp: dict) -> dict:
    item = json.loads((SET / "pages" / exp["corpus_file"]).read_text("utf-8"))
    return parse_text(item["text"], url=item["url"], source_id="heldout").model_dump(mode="json")


def _matched_roles(expected: list[dict], got: list[dict]) -> list[tuple[str, str, str]]:
    """(value, expected role, parsed role) for every expected amount found (a multiset match)."""
    pool = list(got)
    pairs = []
    for want in expected:
        for i, have in enumerate(pool):
            if (have["value"], have["unit"], have["low"]) == (want["value"], want["unit"], want["low"]):
                pairs.append((want["value"], want["role"], have["role"]))
                del pool[i]
                break
    return pairs


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_kind_and_deadline(path: Path) -> None:
    exp = json.loads(path.read_text("utf-8"))
    record = _parse(exp)
    assert record["kind"] == exp["kind"], record["kind_reason"]
    assert record["kind_reason"]
    if exp["kind"] == "application":
        assert record["deadline"] == exp["deadline"]


def test_roles_over_the_set() -> None:
    pairs = []
    for path in EXPECTED:
        exp = json.loads(path.read_text("utf-8"))
        pairs += _matched_roles(*without_vague(exp["amounts"], _parse(exp)["amounts"]))
    right = sum(want == got for _, want, got in pairs)
    assert len(pairs) >= 110
    assert right / len(pairs) >= 0.95, [(v, w, g) for v, w, g in pairs if w != g]
    # A statistic or threshold shown as a key amount would mislead --min-amount: at most 2 of 36.
    false_key = [(v, w, g) for v, w, g in pairs if g in KEY and w not in KEY]
    assert len(false_key) <= 2, false_key
