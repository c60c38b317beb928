"""models.diff: which events a change between two versions of a page produces (no database)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from test_store_factories import equity, policy, rent

from models.diff import EventDraft, bounded_key, diff_policies
from parsers.schema import Comparator, Qualifier, Target


def kinds(events: list[EventDraft]) -> list[tuple[str, str]]:
    return sorted((e.kind, e.key) for e in events)


def test_first_version_is_one_policy_new_event_with_everything_the_alert_needs() -> None:
    (event,) = diff_policies(None, policy())
    assert event.kind == "policy.new" and event.key == ""
    assert event.amount_yuan == Decimal(20_000_000)
    payload = event.payload
    assert payload["title"] == "苏州工业园区支持一人公司（OPC）发展的若干措施"
    assert payload["url"] == policy().canonical_url
    assert (payload["region_code"], payload["region_name"]) == ("320571", "苏州工业园区")
    assert (payload["published"], payload["issuer"], payload["doc_number"]) == (
        "2026-01-10", "苏州工业园区管委会", "苏园管〔2026〕3号")
    assert (payload["kind"], payload["is_opc"]) == ("policy", True)
    assert [a["value"] for a in payload["amounts"]] == ["20000000", "1500"]
    # JSON-safe as stored (Decimals are strings), and Chinese stays readable.
    assert "苏州工业园区" in json.dumps(payload, ensure_ascii=False)


def test_identical_content_gives_no_events_even_if_fetched_again_later() -> None:
    assert diff_policies(policy(), policy(fetched_at=datetime(2026, 2, 1, tzinfo=UTC))) == []


def test_changed_amount_is_amount_changed_with_old_and_new_values() -> None:
    events = diff_policies(policy(), policy(amounts=(equity(3000), rent(1500))))
    assert kinds(events) == [("amount.changed", "最高给予#万元股权投资")]
    (event,) = events
    assert event.payload["old"]["value"] == "20000000"
    assert event.payload["new"]["value"] == "30000000"
    assert event.payload["new"]["phrase"] == "最高给予3000万元股权投资"
    assert event.amount_yuan == Decimal(30_000_000)  # the largest amount involved
    assert [a["value"] for a in event.payload["amounts"]] == ["30000000", "1500"]


def test_amount_added_and_removed() -> None:
    events = diff_policies(policy(amounts=(equity(2000),)), policy(amounts=(rent(1500),)))
    assert kinds(events) == [("amount.added", "每月最高补贴#元房租"), ("amount.removed", "最高给予#万元股权投资")]
    removed = next(e for e in events if e.kind == "amount.removed")
    assert removed.payload["new"] is None and removed.payload["old"]["value"] == "20000000"
    assert removed.amount_yuan == Decimal(20_000_000)


def test_qualifier_change_is_an_amount_change_but_rewording_alone_is_a_revision() -> None:
    exact = equity(2000).model_copy(update={"qualifier": Qualifier.EXACT})
    assert kinds(diff_policies(policy(), policy(amounts=(exact, rent(1500))))) == [
        ("amount.changed", "最高给予#万元股权投资")]
    reworded = equity(2000).model_copy(update={"phrase": "最高给予2000万元的股权投资"})
    assert kinds(diff_policies(policy(), policy(amounts=(reworded, rent(1500))))) == [("policy.revised", "")]


def test_target_changed_by_year_and_metric() -> None:
    more = Target(year=2026, metric="OPC社区", value=Decimal(15), comparator=Comparator.GE,
                  phrase="到2026年建成OPC社区不少于15个")
    events = diff_policies(policy(), policy(targets=(more,)))
    assert kinds(events) == [("target.changed", "2026|OPC社区")]
    assert (events[0].payload["old"]["value"], events[0].payload["new"]["value"]) == ("10", "15")


def test_other_content_change_is_policy_revised_naming_the_fields() -> None:
    events = diff_policies(policy(), policy(body_text="修订后的正文。",
                                            issuer="苏州工业园区党工委"))
    assert kinds(events) == [("policy.revised", "")]
    assert events[0].payload["changed_fields"] == ["body_text", "issuer"]
    assert events[0].payload["issuer"] == "苏州工业园区党工委"


def test_repeated_amount_keys_are_matched_in_order_not_lost() -> None:
    old = policy(amounts=(equity(2000, measure="（一）"), equity(500, measure="（二）")))
    new = policy(amounts=(equity(2000, measure="（一）"), equity(800, measure="（二）")))
    events = diff_policies(old, new)
    assert kinds(events) == [("amount.changed", "最高给予#万元股权投资#2")]
    assert events[0].payload["new"]["value"] == "8000000"


def test_long_keys_fit_the_column_and_stay_distinct() -> None:
    a, b = "奖励" * 300 + "甲", "奖励" * 300 + "乙"
    assert len(bounded_key(a)) <= 512 and bounded_key(a) != bounded_key(b)
    assert bounded_key("短") == "短"
