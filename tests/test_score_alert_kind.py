"""bench/score_extraction.py's alert-kind metric and kind confusion line: what a subscriber with the
default kinds (policy, rules, application) sees — a page wrongly alerted on, an alert missed."""

from __future__ import annotations

from conftest import score_extraction


def test_alert_kind_counts_wrong_and_missed_alerts() -> None:
    scorer = score_extraction()
    c = {name: scorer.Counts() for name in ("kind", "alert_precision", "alert_recall")}
    pages = [
        ("a", "policy", "policy"),  # alerted, rightly
        ("b", "rules", "application"),  # alerted: the kind is wrong but the alert is right
        ("c", "news", "policy"),  # wrong alert: a report taken for the policy it retells
        ("d", "application", "event"),  # missed alert: a call for entries taken for an event
        ("e", "other", "news"),  # neither: no alert either way
    ]
    for name, want, got in pages:
        scorer.score_alert_kind(c, name, want, got)
    assert (c["alert_precision"].tp, c["alert_precision"].fp) == (2, 1)
    assert (c["alert_recall"].tp, c["alert_recall"].fp) == (2, 1)
    assert c["alert_precision"].misses == ["c: wrong alert, news taken for policy"]
    assert c["alert_recall"].misses == ["d: missed alert, application taken for event"]
    assert scorer.confusion_line(c["kind"].confusion) == (
        "application->event 1, news->policy 1, other->news 1, policy->policy 1, rules->application 1")


def test_alert_kind_line_with_no_alert_pages() -> None:
    scorer = score_extraction()
    c = {name: scorer.Counts() for name in ("kind", "alert_precision", "alert_recall")}
    scorer.score_alert_kind(c, "x", "news", "news")
    assert scorer._ratio(c["alert_precision"]) == "0.000 (0/0)"
    assert c["kind"].confusion == {("news", "news"): 1}
