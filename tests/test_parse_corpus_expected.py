"""Every corpus page against the record a reader wrote for it (tests/fixtures/corpus_expected/).

One expected file per page of /work/shared/corpus, written by reading the text (where the
corpus label looks wrong the file says so in ``label_check``). Amounts must match exactly as
a multiset (value, unit, currency, range low, qualifier; purpose and period where annotated);
targets by year, value, comparator and metric name (one contains the other); the region must
be one the annotation accepts. A field listed under ``parser_gaps`` (with its reason) is a known
miss: not asserted here, and counted as a miss by bench/score_extraction.py, which reports the
same comparison as precision / recall / F1.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from amount_compare import without_vague

from parsers import parse_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXPECTED = sorted((Path(__file__).parent / "fixtures" / "corpus_expected").glob("*.json"))


def _amount_row(a: dict, with_extra: set[str]) -> tuple:
    return (a["value"], a["unit"], a["currency"], a["low"], a["qualifier"]) + tuple(a.get(k) for k in sorted(with_extra))


def _metric_ok(a: str, b: str) -> bool:
    a, b = a.replace(" ", "").lower(), b.replace(" ", "").lower()
    return a in b or b in a


def test_every_corpus_page_has_an_expected_file() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus missing")
    pages = {p.name for p in CORPUS.glob("*.json")}
    annotated = {json.loads(p.read_text("utf-8"))["corpus_file"] for p in EXPECTED}
    assert pages == annotated


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus missing")
@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_corpus_page_matches_expected(path: Path) -> None:
    exp = json.loads(path.read_text("utf-8"))
    item = json.loads((CORPUS / exp["corpus_file"]).read_text("utf-8"))
    policy = parse_text(item["text"], url=item.get("url") or "https://corpus.invalid/000", source_id="corpus")
    record = policy.model_dump(mode="json")
    exp["amounts"], record["amounts"] = without_vague(exp["amounts"], record["amounts"])  # see amount_compare

    gaps = exp.get("parser_gaps", {})  # known misses, each with its reason; the scorer counts them
    assert policy.relevance.is_opc is exp["is_opc"], policy.relevance.evidence
    if "region" not in gaps:
        assert policy.region_code in exp["region"], (policy.region_code, policy.region_name)

    for a in exp["amounts"]:  # annotated purpose / period must be read as written
        extra = {k for k in ("purpose", "period") if k in a}
        hits = [g for g in record["amounts"] if _amount_row(g, extra) == _amount_row(a, extra)]
        assert hits, f"amount {a} not found in {[(g['value'], g['qualifier'], g['purpose'], g['period']) for g in record['amounts']]}"
    got = Counter(_amount_row(g, set()) for g in record["amounts"])
    want = Counter(_amount_row(a, set()) for a in exp["amounts"])
    assert got == want, [g["phrase"] for g in record["amounts"]]

    remaining = list(record["targets"])
    for t in exp["targets"]:
        hit = next((g for g in remaining if (g["year"], g["value"], g["comparator"]) == (t["year"], t["value"], t["comparator"])
                    and _metric_ok(g["metric"], t["metric"])), None)
        assert hit is not None, f"target {t} not in {[(g['year'], g['metric'], g['value']) for g in remaining]}"
        remaining.remove(hit)
    assert remaining == [], f"unexpected targets {[(g['year'], g['metric'], g['value']) for g in remaining]}"

    for field in ("script", "published", "signed", "doc_number", "measure_count"):
        if field in exp:
            assert record[field] == exp[field], field

    if "kind" not in gaps:
        assert record["kind"] == exp["kind"], record["kind_reason"]
    _assert_roles(exp, record, gaps)


def _assert_roles(exp: dict, record: dict, gaps: dict) -> None:
    """Each annotated role must be read for an amount of the same value, unit and qualifier."""
    if "role" in gaps:
        return
    pool = list(record["amounts"])
    for a in exp["amounts"]:
        hit = next((g for g in pool if _amount_row(g, {"role"}) == _amount_row(a, {"role"})), None)
        assert hit is not None, f"role of {a['value']} should be {a['role']}: {[(g['value'], g['role'], g['role_reason']) for g in pool]}"
        pool.remove(hit)
