"""Daily digests at an hour and quiet hours: the clock arithmetic (alerts/schedule.py) across
midnight and time zones, and what subscribers receive on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alerts_support import Hook, add_event, subscribe
from sqlalchemy import select, update

from alerts.deliver import deliver
from alerts.schedule import digest_due, digest_slot, next_digest, parse_clock, parse_quiet, quiet_until
from models.db import session_scope
from models.tables import ChangeEvent, Delivery, Subscription
from opcwatch.settings import Settings

SH, NY, LONDON = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York"), ZoneInfo("Europe/London")


def sh(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SH)


# --- the clock arithmetic -------------------------------------------------------------------

@pytest.mark.parametrize(("local", "held_until"), [
    (sh(10, 21, 59), None),
    (sh(10, 22, 0), sh(11, 8, 0)),  # the evening part ends tomorrow morning
    (sh(10, 23, 59), sh(11, 8, 0)),
    (sh(11, 0, 0), sh(11, 8, 0)),  # after midnight: ends this morning
    (sh(11, 7, 59), sh(11, 8, 0)),
    (sh(11, 8, 0), None),
])
def test_quiet_hours_across_midnight(local: datetime, held_until: datetime | None) -> None:
    assert quiet_until(local.astimezone(UTC), "22:00-08:00", "Asia/Shanghai") == held_until


def test_quiet_hours_within_a_day_and_in_the_subscribers_zone() -> None:
    assert quiet_until(sh(10, 12, 30), "12:00-14:00", None) == sh(10, 14, 0)  # default zone: Shanghai
    assert quiet_until(sh(10, 14, 0), "12:00-14:00", None) is None
    # 23:00 in Shanghai is 11:00 in New York: not night there.
    assert quiet_until(sh(10, 23, 0), "22:00-08:00", "America/New_York") is None
    # 22:30 in New York (after the US switch to summer time on 8 March) ends at 08:00 New York time.
    late = datetime(2026, 3, 10, 22, 30, tzinfo=NY)
    assert quiet_until(late, "22:00-08:00", "America/New_York") == datetime(2026, 3, 11, 8, 0, tzinfo=NY)
    assert quiet_until(sh(10, 23, 0), None, "Asia/Shanghai") is None


def test_digest_is_due_once_a_day_from_its_hour_in_the_subscribers_zone() -> None:
    assert digest_slot(sh(10, 8, 59), "09:00") is None
    assert digest_slot(sh(10, 9, 0), "09:00") == sh(10, 9, 0)
    assert digest_slot(datetime(2026, 3, 10, 1, 0, tzinfo=UTC), "09:00") == sh(10, 9, 0)  # 01:00 UTC
    assert digest_due(sh(10, 9, 5), "09:00", None, None)
    assert not digest_due(sh(10, 9, 30), "09:00", None, sh(10, 9, 5))  # not twice a day
    assert not digest_due(sh(11, 8, 0), "09:00", None, sh(10, 9, 5))  # before the next day's hour
    assert digest_due(sh(11, 9, 0), "09:00", None, sh(10, 9, 5))
    assert digest_due(sh(12, 23, 0), "09:00", None, sh(10, 9, 5))  # a day without runs: no flood, one
    assert not digest_due(sh(10, 9, 5), None, None, None)
    # 00:30 is "today" in the subscriber's zone, whatever day it is in UTC.
    assert digest_slot(sh(10, 0, 45), "00:30") == sh(10, 0, 30)
    # London's clocks go forward on 29 March 2026: 09:00 is 09:00 UTC before, 08:00 UTC after.
    assert digest_slot(datetime(2026, 3, 28, 9, 0, tzinfo=UTC), "09:00", "Europe/London") == \
        datetime(2026, 3, 28, 9, 0, tzinfo=LONDON)
    assert digest_slot(datetime(2026, 3, 30, 8, 0, tzinfo=UTC), "09:00", "Europe/London") == \
        datetime(2026, 3, 30, 9, 0, tzinfo=LONDON)
    assert next_digest(sh(10, 9, 0), "09:00") == sh(11, 9, 0)
    assert next_digest(sh(10, 8, 0), "09:00") == sh(10, 9, 0)


@pytest.mark.parametrize("bad", ["9", "24:00", "09:60", "0900", "", "nine"])
def test_bad_clock_texts_are_refused_naming_the_form(bad: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_clock(bad)


def test_quiet_hours_parse_and_refuse() -> None:
    assert parse_quiet("22:00-08:00") == (parse_clock("22:00"), parse_clock("08:00"))
    for bad in ("22:00", "22:00-22:00", "22-08"):
        with pytest.raises(ValueError):
            parse_quiet(bad)


# --- what subscribers receive ----------------------------------------------------------------

def _schedule(settings: Settings, name: str, **columns: Any) -> None:
    with session_scope(settings.database_url) as session:
        session.execute(update(Subscription).where(Subscription.name == name).values(**columns))


def _titles(hook: Hook, path: str) -> list[str]:
    return [body["title"] for body in hook.on(path)]


def test_daily_digest_at_nine_once_a_day_grouped_by_policy(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("daily"), name="daily")
    subscribe(settings, url=hook.url("instant"), name="instant")
    _schedule(settings, "daily", digest_at="09:00")  # Asia/Shanghai by default
    first = add_event(settings, title="甲政策金额调整", run_id="r1")
    add_event(settings, kind="policy.new", title="乙政策发布", run_id="r1")
    third = add_event(settings, title="甲政策再次调整", run_id="r1")
    with session_scope(settings.database_url) as session:
        session.execute(update(ChangeEvent).values(policy_id=8))
        session.execute(update(ChangeEvent).where(ChangeEvent.id.in_([first, third])).values(policy_id=7))

    deliver(settings, "r1", now=sh(10, 8, 30))
    assert hook.on("daily") == [] and len(hook.on("instant")) == 3  # instant ones at once
    deliver(settings, now=sh(10, 9, 5))
    [digest] = hook.on("daily")
    assert digest["title"].startswith("【OPC政策动态】共3条更新")
    body = digest["message"]
    # Grouped by policy: one heading per policy (the event rows' policy_id), 甲's two events under its.
    assert re.findall(r"^\*\*(\d+)\. (.+)\*\*$", body, re.M) == [
        ("1", "苏州工业园区：甲政策金额调整"), ("2", "苏州工业园区：乙政策发布")]
    assert body.index("甲政策金额调整") < body.index("《甲政策再次调整》") < body.index("乙政策发布")
    assert body.count("【金额变化】最高2000万元 → 3000万元") == 2

    deliver(settings, now=sh(10, 9, 30))
    add_event(settings, title="丙政策", run_id="r2")
    deliver(settings, "r2", now=sh(10, 12, 0))
    deliver(settings, now=sh(11, 8, 59))
    assert len(hook.on("daily")) == 1  # not twice a day, not before the hour
    summary = deliver(settings, now=sh(11, 9, 0))
    assert summary["digests"] == 1
    assert _titles(hook, "daily")[1].startswith("【OPC政策动态】共1条更新")  # everything since the last one
    assert "丙政策" in hook.on("daily")[1]["message"]
    with session_scope(settings.database_url) as session:
        last = session.scalar(select(Subscription.last_digest_at).where(Subscription.name == "daily"))
        assert last is not None and last.replace(tzinfo=last.tzinfo or UTC) == sh(11, 9, 0)


def test_two_processes_at_the_digest_hour_send_one_digest(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("daily"), name="daily")
    _schedule(settings, "daily", digest_at="09:00")
    for number in range(3):
        add_event(settings, title=f"政策{number}", run_id="r1")
    deliver(settings, "r1", now=sh(10, 7, 0))
    threads = [threading.Thread(target=deliver, args=(settings,), kwargs={"now": sh(10, 9, 1)}) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    [digest] = hook.on("daily")
    assert digest["title"].startswith("【OPC政策动态】共3条更新")


def test_quiet_hours_hold_instant_alerts_until_they_end(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("quiet"), name="quiet")
    subscribe(settings, url=hook.url("london"), name="london")
    subscribe(settings, url=hook.url("always"), name="always")
    _schedule(settings, "quiet", quiet_hours="22:00-08:00")
    _schedule(settings, "london", quiet_hours="22:00-08:00", timezone="Europe/London")
    add_event(settings, title="深夜发布的政策", run_id="r1")
    summary = deliver(settings, "r1", now=sh(10, 23, 0))
    assert hook.on("quiet") == []
    assert len(hook.on("always")) == 1 and len(hook.on("london")) == 1  # 15:00 in London
    assert summary["sent"] == 2
    with session_scope(settings.database_url) as session:
        held = session.scalars(select(Delivery).join(Subscription).where(Subscription.name == "quiet")).one()
        assert held.status == "pending"
        assert held.next_attempt_at is not None
        assert held.next_attempt_at.replace(tzinfo=held.next_attempt_at.tzinfo or UTC) == sh(11, 8, 0)
    deliver(settings, now=sh(11, 7, 59))
    assert hook.on("quiet") == []
    deliver(settings, now=sh(11, 8, 0))
    assert _titles(hook, "quiet") == ["【金额变化】苏州工业园区：深夜发布的政策"]
    deliver(settings, now=sh(11, 9, 0))
    assert len(hook.on("quiet")) == 1
