"""Score the extraction against hand-written expected records: precision / recall / F1 per field.

    .venv/bin/python bench/score_extraction.py [--corpus DIR] [--expected DIR] [--verbose]

The default annotated set is ``tests/fixtures/corpus_expected/*.json`` (one file per page of the
development corpus of 49 real pages, written by reading the text). Real pages are kept beside the
development checkout, not in the repository, so ``--corpus`` names their directory; sets written
for the repository (``tests/fixtures/heldout``, ``heldout_kinds``, ``written_*``) keep their pages
in ``pages/`` next to ``expected/``, the default. Each page is parsed as plain text (``parse_text``), as
``opcwatch parse page.txt`` does. Fields:

* amounts — an amount matches when unit, currency (money only), value and range low end agree (a multiset:
  a repeated amount must be found as often as it is written); *qualifier* is the share of
  matched amounts whose qualifier (up to / at least / total / range …) is right;
* targets — year, value and comparator agree and one metric name contains the other, a count
  word at its end aside ("OPC数量" = "OPC企业") (and the
  unit, "yuan" or "percent", where the annotation gives one);
* relevance — is_opc per page; a false positive on a negative page is listed as a trap hit;
* region — the issuing region code is one of the codes the annotation accepts (``[]``: none; a
  zone without a GB code counts where its parent does);
* kind — the document kind equals the annotated one (with ``--verbose``, misses listed as expected -> got;
  per-page lines are printed only with ``--verbose``, so a held-out split can be measured without
  showing its pages); *alert-kind precision / recall* is what a subscriber with the default kinds
  (policy, rules, application) sees: precision is the share of the pages the parser puts in those
  kinds that the annotation also does (a miss is a wrong alert, e.g. news taken for a policy), recall
  the share of the annotated ones the parser puts there (a miss is a missed alert); ``--verbose``
  adds one line of expected -> got counts for every kind pair (the confusion, diagonal included);
* role — of the matched amounts with an annotated role, the share whose role is right;
  *key-amount precision* is the share of the amounts the parser marks support or fund (the key
  amounts alerts list) that the annotation also marks support or fund — an amount the parser
  found but the annotation lacks counts against it; *key-amount recall* the converse.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import parse_text  # noqa: E402
from parsers.normalize import to_simplified  # noqa: E402
from parsers.regions import resolve_region  # noqa: E402
from parsers.schema import DEFAULT_ALERT_KINDS, Policy  # noqa: E402

EXPECTED = ROOT / "tests" / "fixtures" / "corpus_expected"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # kind only: (expected, got) pairs

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def amount_key(a: dict) -> tuple:
    # A percentage has no currency: annotators wrote CNY or the programme's currency (HKD, TWD).
    return (a["unit"], a["currency"] if a["unit"] != "percent" else "", a["value"], a["low"])


def got_amounts(policy: Policy) -> list[dict]:
    return [a.model_dump(mode="json") for a in policy.amounts]


def without_vague(expected: list[dict], got: list[dict]) -> tuple[list[dict], list[dict]]:
    """Vague amounts (qualifier "vague", parser 1.7.0) are ignored on both sides: the annotations
    predate them and do not count vague amounts. An annotated ``at_least`` amount equal to a
    vague amount's low bound (上亿元, annotated "at least 1亿") is dropped with it. The
    expected-output tests apply the same rule (tests/amount_compare.py)."""
    exp = [a for a in expected if a.get("qualifier") != "vague"]
    for g in got:
        if g["qualifier"] == "vague" and (same := next(
                (a for a in exp if a.get("qualifier") == "at_least" and str(a["value"]) == str(g["low"])
                 and a.get("currency", "CNY") == g["currency"]), None)) is not None:
            exp.remove(same)
    return exp, [g for g in got if g["qualifier"] != "vague"]


def match_amounts(expected: list[dict], got: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(matched pairs, expected not found, found not expected), as multisets of amount_key."""
    pool = list(got)
    pairs, missing = [], []
    for exp in expected:
        hit = next((g for g in pool if amount_key(g) == amount_key(exp)), None)
        if hit is None:
            missing.append(exp)
        else:
            pool.remove(hit)
            pairs.append((exp, hit))
    return pairs, missing, pool


# "OPC数量" and "OPC企业" name the same count: a count word at the end of a metric adds nothing,
# nor do quotation marks (数字经济“专精特新”企业), a bracketed abbreviation (光传送网（OTN）) or the
# script (OPC社區 = OPC社区).
_COUNT_SUFFIX = re.compile(r"(?<=.)(?:数量|总数|个数|数目|数)$")


def _metric_ok(a: str, b: str) -> bool:
    a, b = (_COUNT_SUFFIX.sub("", re.sub(r"[\s“”\"'‘’《》「」]|[（(][^（）()]{0,12}[)）]", "", to_simplified(m)[0]).lower())
            for m in (a, b))
    return bool(a and b) and (a in b or b in a)


def match_targets(expected: list[dict], got: list[dict]) -> tuple[int, list[dict], list[dict]]:
    pool = list(got)
    missing = []
    tp = 0
    for exp in expected:
        hit = next(
            (g for g in pool if (g["year"], g["value"], g["comparator"]) == (exp["year"], exp["value"], exp["comparator"])
             and _metric_ok(g["metric"], exp["metric"]) and ("unit" not in exp or g.get("unit") == exp["unit"])),
            None,
        )
        if hit is None:
            missing.append(exp)
        else:
            pool.remove(hit)
            tp += 1
    return tp, missing, pool


def parse_page(corpus_dir: Path, expected: dict) -> Policy:
    item = json.loads((corpus_dir / expected["corpus_file"]).read_text("utf-8"))
    url = item.get("url") or f"https://corpus.invalid/{expected['corpus_file']}"
    return parse_text(item["text"], url=url, source_id="corpus")


def load_expected(expected_dir: Path = EXPECTED) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(expected_dir.glob("*.json"))]


def score(pages: Iterable[tuple[dict, Policy]]) -> dict[str, Counts]:
    """Counts per field over (expected, parsed) pairs."""
    c = {name: Counts() for name in ("amounts", "qualifier", "targets", "relevance", "region", "kind", "role",
                                     "key_precision", "key_recall", "alert_precision", "alert_recall")}
    for exp, policy in pages:
        name = exp["corpus_file"]
        pairs, missing, extra = match_amounts(*without_vague(exp["amounts"], got_amounts(policy)))
        c["amounts"].tp += len(pairs)
        c["amounts"].fn += len(missing)
        c["amounts"].fp += len(extra)
        c["amounts"].misses += [f"{name}: missed {m['value']} {m['currency']}" for m in missing]
        c["amounts"].misses += [f"{name}: extra {g['value']} {g['currency']} in {g['phrase'][:40]!r}" for g in extra]
        for e, g in pairs:
            ok = e["qualifier"] == g["qualifier"]
            c["qualifier"].tp += ok
            c["qualifier"].fp += not ok
            if not ok:
                c["qualifier"].misses.append(f"{name}: {e['value']} {g['qualifier']} != {e['qualifier']}")
        _score_roles(c, name, pairs, missing, extra)
        if "kind" in exp:
            ok = policy.kind.value == exp["kind"]
            c["kind"].tp += ok
            c["kind"].fp += not ok
            if not ok:
                c["kind"].misses.append(f"{name}: {exp['kind']} -> {policy.kind.value} ({policy.kind_reason})")
            score_alert_kind(c, name, exp["kind"], policy.kind.value)
        tp, t_missing, t_extra = match_targets(exp["targets"], [t.model_dump(mode="json") for t in policy.targets])
        c["targets"].tp += tp
        c["targets"].fn += len(t_missing)
        c["targets"].fp += len(t_extra)
        c["targets"].misses += [f"{name}: missed {t['year']} {t['metric']} {t['comparator']}{t['value']}" for t in t_missing]
        c["targets"].misses += [f"{name}: extra {t['year']} {t['metric']} {t['comparator']}{t['value']}" for t in t_extra]
        got, want = policy.relevance.is_opc, exp["is_opc"]
        c["relevance"].tp += got and want
        c["relevance"].fp += got and not want
        c["relevance"].fn += want and not got
        if got != want:
            c["relevance"].misses.append(f"{name}: is_opc={got} (trap)" if got else f"{name}: missed OPC page")
        ok = region_ok(policy.region_code, exp["region"])
        c["region"].tp += ok
        c["region"].fp += not ok
        if not ok:
            c["region"].misses.append(f"{name}: {policy.region_code} {policy.region_name} not in {exp['region']}")
    return c


KEY = ("support", "fund")
ALERT_KINDS = tuple(k.value for k in DEFAULT_ALERT_KINDS)


def score_alert_kind(c: dict[str, Counts], name: str, want: str, got: str) -> None:
    """Count one page for the kind confusion and the alert-kind metric: does the parser put the page in
    the kinds a default subscription alerts on (policy / rules / application) when the annotation does?"""
    c["kind"].confusion[(want, got)] += 1
    want_alert, got_alert = want in ALERT_KINDS, got in ALERT_KINDS
    if got_alert:
        c["alert_precision"].tp += want_alert
        c["alert_precision"].fp += not want_alert
        if not want_alert:
            c["alert_precision"].misses.append(f"{name}: wrong alert, {want} taken for {got}")
    if want_alert:
        c["alert_recall"].tp += got_alert
        c["alert_recall"].fp += not got_alert
        if not got_alert:
            c["alert_recall"].misses.append(f"{name}: missed alert, {want} taken for {got}")


def confusion_line(confusion: Counter[tuple[str, str]]) -> str:
    """``policy->policy 5, other->news 2, …``: every (expected, got) kind pair with its count, most first."""
    pairs = sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{want}->{got} {n}" for (want, got), n in pairs)


def region_ok(code: str | None, accepted: list[str]) -> bool:
    """``[]`` accepts no region (or 全国, 100000). A development zone (``420100Z01`` 东湖高新区, or a statistical
    zone code such as ``340171`` 合肥高新区) is accepted where its parent is: the annotations write
    such a zone as the city and district it lies in, as their README says."""
    if not accepted:
        return code in (None, "100000")  # 全国: a national page has no region of its own
    if code in accepted:
        return True
    zone = resolve_region(code) if code else None
    parent = zone.parent_code if zone and zone.level == "zone" else None
    return parent is not None and region_ok(parent, accepted)


def _score_roles(c: dict[str, Counts], name: str, pairs: list[tuple[dict, dict]], missing: list[dict],
                 extra: list[dict]) -> None:
    for e, g in pairs:
        if "role" not in e:
            continue
        ok = e["role"] == g["role"]
        c["role"].tp += ok
        c["role"].fp += not ok
        if not ok:
            c["role"].misses.append(f"{name}: {e['value']} {e['role']} -> {g['role']} ({g['role_reason']}) "
                                    f"in {g['phrase'][:30]!r}")
        if g["role"] in KEY:
            c["key_precision"].tp += e["role"] in KEY
            c["key_precision"].fp += e["role"] not in KEY
        if e["role"] in KEY:
            c["key_recall"].tp += g["role"] in KEY
            c["key_recall"].fp += g["role"] not in KEY
    c["key_precision"].fp += sum(g["role"] in KEY for g in extra)
    c["key_recall"].fp += sum(e.get("role") in KEY for e in missing)


def _ratio(k: Counts) -> str:
    return f"{k.tp / max(1, k.tp + k.fp):.3f} ({k.tp}/{k.tp + k.fp})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=None,
                    help="the page texts: default <expected>/../pages for the sets written into the repository; "
                         "the real-page corpora are kept outside it and must be named")
    ap.add_argument("--expected", type=Path, default=EXPECTED)
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    expected = load_expected(args.expected)
    if args.corpus is None:
        args.corpus = args.expected.parent / "pages"
        if not args.corpus.is_dir():
            ap.error(f"--corpus DIR is needed for {args.expected}: its pages are real captures kept outside the repository")
    counts = score((exp, parse_page(args.corpus, exp)) for exp in expected)
    print(f"{len(expected)} annotated pages from {args.corpus}")
    print(f"{'field':<12}{'precision':>10}{'recall':>8}{'F1':>7}   n")
    for name in ("amounts", "targets", "relevance"):
        p, r, f = counts[name].prf()
        print(f"{name:<12}{p:>10.3f}{r:>8.3f}{f:>7.3f}   {counts[name].tp + counts[name].fn}")
    for name, label in (("qualifier", "qualifier right (of matched amounts)"), ("region", "region accuracy"),
                        ("kind", "kind accuracy"), ("role", "role right (of matched amounts)"),
                        ("key_precision", "key-amount precision (support/fund)"),
                        ("key_recall", "key-amount recall (support/fund)")):
        print(f"{label}: {_ratio(counts[name])}")
    traps = [m for m in counts["relevance"].misses if "(trap)" in m]
    print(f"keyword-trap false positives: {len(traps)}")
    for name, label in (("alert_precision", "precision"), ("alert_recall", "recall")):
        k = counts[name]  # a set with no page of an alerting kind has nothing to measure: n/a, not 0
        print(f"alert-kind {label} (policy/rules/application): {_ratio(k) if k.tp + k.fp else 'n/a (0/0)'}")
    if args.verbose:
        print(f"kind confusion (expected->got): {confusion_line(counts['kind'].confusion)}")
        for name, k in counts.items():
            for miss in k.misses:
                print(f"  [{name}] {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
