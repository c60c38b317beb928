"""The tuning two thirds of the second real-page set (corpus2, pages NNN % 3 != 2): the parser
keeps the quality it was tuned to there. The held-out third is only measured by
bench/score_extraction.py, never asserted on, so it keeps measuring something.

The pages are real captures kept beside the development checkout (../shared/corpus2); in a clone
without them this test skips with the reason.
"""

from __future__ import annotations

from pathlib import Path

from conftest import score_extraction, shared_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS2 = ROOT.parent / "shared" / "corpus2"
EXPECTED = ROOT / "tests" / "fixtures" / "corpus2_tuning" / "expected"


def test_tuning_split_quality() -> None:
    shared_file(CORPUS2 / "201.json")
    scorer = score_extraction()
    expected = scorer.load_expected(EXPECTED)
    assert len(expected) == 64 and all(int(e["corpus_file"][:3]) % 3 != 2 for e in expected)
    c = scorer.score((e, scorer.parse_page(CORPUS2, e)) for e in expected)
    amounts_f1 = c["amounts"].prf()[2]
    region = c["region"].tp / (c["region"].tp + c["region"].fp)
    trap_hits = [m for m in c["relevance"].misses if "trap" in m]
    # Measured at parser 1.8.0: amounts 0.987, region 0.969, targets 0.914, relevance 1.00 with no
    # trap hit. The floors leave room for annotation-neutral changes only.
    assert amounts_f1 >= 0.97, c["amounts"].misses
    assert region >= 0.95, c["region"].misses
    assert c["targets"].prf()[2] >= 0.88, c["targets"].misses
    assert trap_hits == [], trap_hits
