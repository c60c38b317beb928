"""Clock arithmetic of subscriptions: the daily digest hour and quiet hours, in the subscriber's zone.

Pure functions of (now, setting, zone): no database, no clock of their own, so the rules can
be tested across midnight and time zones. ``now`` and every returned moment are aware UTC
datetimes; "HH:MM" settings are read in the subscription's IANA zone (Asia/Shanghai by
default). Local times that a DST change skips or repeats follow zoneinfo's rules (fold=0).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.clock import as_utc

DEFAULT_ZONE = "Asia/Shanghai"
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_clock(text: str) -> time:
    """``"09:00"`` -> time(9, 0); ValueError naming the accepted form otherwise."""
    match = _CLOCK.match((text or "").strip())
    if not match:
        raise ValueError(f"时间应为 HH:MM（00:00–23:59）/ a time must look like 09:00, got {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


def parse_quiet(text: str) -> tuple[time, time]:
    """``"22:00-08:00"`` -> (start, end); a window may cross midnight; start == end is refused."""
    start, sep, end = (text or "").strip().partition("-")
    if not sep:
        raise ValueError(f"免打扰时段应为 HH:MM-HH:MM / quiet hours must look like 22:00-08:00, got {text!r}")
    first, last = parse_clock(start), parse_clock(end)
    if first == last:
        raise ValueError(f"免打扰时段不能为空 / quiet hours start and end at the same time: {text!r}")
    return first, last


def zone(name: str | None) -> ZoneInfo:
    """The subscription's zone; an unknown name falls back to Asia/Shanghai (validated at input)."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """``clock`` on ``day`` in ``tz``, as UTC."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def quiet_until(now: datetime, quiet_hours: str | None, tz_name: str | None = None) -> datetime | None:
    """If ``now`` falls inside the quiet hours, the moment they end (UTC); else None.

    ``22:00-08:00`` holds 22:00 ≤ t < 08:00 next morning; ``12:00-14:00`` a window within a day.
    """
    if not quiet_hours:
        return None
    start, end = parse_quiet(quiet_hours)
    tz = zone(tz_name)
    local = as_utc(now).astimezone(tz)
    clock, today = local.time().replace(tzinfo=None), local.date()
    if start < end:  # within one day
        if start <= clock < end:
            return _at(today, end, tz)
        return None
    if clock >= start:  # evening part: ends tomorrow morning
        return _at(today + timedelta(days=1), end, tz)
    if clock < end:  # morning part: ends today
        return _at(today, end, tz)
    return None


def digest_slot(now: datetime, digest_at: str, tz_name: str | None = None) -> datetime | None:
    """Today's digest moment (UTC) in the subscriber's zone if it has come; None before it.

    "Today" is the subscriber's local day, so a 09:00 Shanghai digest is due from 01:00 UTC.
    """
    tz = zone(tz_name)
    local = as_utc(now).astimezone(tz)
    slot = _at(local.date(), parse_clock(digest_at), tz)
    return slot if as_utc(now) >= slot else None


def digest_due(now: datetime, digest_at: str | None, tz_name: str | None, last_digest_at: datetime | None) -> bool:
    """Whether the first run at or after today's digest hour is this one: today's slot has come
    and no digest went out since it. A day without any run is not made up twice: the next
    digest, at the next slot, carries everything since the last one."""
    if not digest_at:
        return False
    slot = digest_slot(now, digest_at, tz_name)
    return slot is not None and (last_digest_at is None or as_utc(last_digest_at) < slot)


def next_digest(now: datetime, digest_at: str, tz_name: str | None = None) -> datetime:
    """The next digest moment strictly after ``now`` (UTC), for display."""
    tz = zone(tz_name)
    local = as_utc(now).astimezone(tz)
    slot = _at(local.date(), parse_clock(digest_at), tz)
    return slot if slot > as_utc(now) else _at(local.date() + timedelta(days=1), parse_clock(digest_at), tz)
