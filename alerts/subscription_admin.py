"""Changing a subscription after it was added: pause, resume, edit filters, a daily schedule.

Everything is validated before anything is written, so a bad value (``--digest-at 25:00``) leaves
the subscription as it was. Schedules are stored as text the delivery side reads back:
``digest_at`` "HH:MM", ``quiet_hours`` "HH:MM-HH:MM", ``timezone`` an IANA name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from alerts.plan import SWEEP_WINDOW
from alerts.subscriptions import (
    FORMATS,
    MODES,
    OUTBOX_NAME,
    _doc_kinds,
    _event_kinds,
    _min_amount,
    _region_codes,
    channel_url,
    find_subscription,
)
from models.tables import Delivery, Subscription

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Asia/Shanghai"
# Words that clear an optional setting in `subscribe edit` (--digest-at off, --min-amount none).
CLEAR_WORDS = frozenset({"", "off", "none", "no", "无", "关闭"})
_CLOCK = re.compile(r"(\d{1,2})[:：](\d{2})")
_RANGE_DASHES = re.compile(r"\s*[-–—~～至到]\s*")


class NoSuchSubscription(LookupError):
    pass


def _clears(value: str) -> bool:
    return value.strip().lower() in CLEAR_WORDS


def parse_clock(value: str, option: str = "--digest-at") -> str | None:
    """``"9:00"`` / ``"09:00"`` -> ``"09:00"``; off/none -> None; anything else -> ValueError."""
    if _clears(value):
        return None
    match = _CLOCK.fullmatch(value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"{option} {value!r}: 请用24小时制 HH:MM / use a 24-hour time HH:MM, "
                         "e.g. 09:00 or 18:30 (off to clear)")
    return f"{int(match[1]):02d}:{match[2]}"


def parse_quiet(value: str) -> str | None:
    """``"22:00-08:00"`` -> ``"22:00-08:00"`` (may cross midnight); off/none -> None."""
    if _clears(value):
        return None
    problem = (f"--quiet {value!r}: 请用 HH:MM-HH:MM / use a range HH:MM-HH:MM, e.g. 22:00-08:00 "
               "(may cross midnight; off to clear)")
    parts = _RANGE_DASHES.split(value.strip())
    if len(parts) != 2:
        raise ValueError(problem)
    try:
        start, end = (parse_clock(part, "--quiet") for part in parts)
    except ValueError:
        raise ValueError(problem) from None
    if start is None or end is None or start == end:
        raise ValueError(problem)
    return f"{start}-{end}"


def parse_timezone(value: str) -> str:
    """An IANA zone name as the system knows it; off/none -> the default (Asia/Shanghai)."""
    if _clears(value):
        return DEFAULT_TIMEZONE
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"--timezone {value!r}: 未知时区 / unknown time zone; use an IANA name such as "
                         "Asia/Shanghai, Asia/Hong_Kong, Europe/Berlin or UTC") from None
    return name


def schedule_values(digest_at: str | None = None, quiet: str | None = None,
                    timezone: str | None = None) -> dict[str, str | None]:
    """Validated column values for the schedule options given (None = option not given)."""
    values: dict[str, str | None] = {}
    if digest_at is not None:
        values["digest_at"] = parse_clock(digest_at)
    if quiet is not None:
        values["quiet_hours"] = parse_quiet(quiet)
    if timezone is not None:
        values["timezone"] = parse_timezone(timezone)
    return values


def resolve_mode(mode: str | None, digest_at: str | None, current_mode: str | None = None) -> str:
    """The mode to store: a daily digest hour implies digest mode; instant with one is refused."""
    if mode is not None and mode not in MODES:
        raise ValueError(f"未知模式 / unknown mode {mode!r}; choose from {', '.join(MODES)}")
    if digest_at is not None:
        if mode == "instant":
            raise ValueError(f"--digest-at {digest_at} 是每日摘要 / is a daily digest: "
                             "use --mode digest or leave --mode out")
        return "digest"
    return mode or current_mode or "instant"


def apply_schedule(subscription: Subscription, values: dict[str, str | None]) -> None:
    """Store already validated schedule values (from :func:`schedule_values`) on a subscription."""
    for column, value in values.items():
        setattr(subscription, column, value)


def set_active(session: Session, name_or_id: str, active: bool) -> tuple[Subscription, bool]:
    """Pause (False) or resume (True); the subscription and whether its state changed.

    A paused subscription is skipped when deliveries are planned and sent. Its ledger rows
    stay as they are, and events that arrive meanwhile are planned for it by the catch-up
    sweep once it is resumed (within the sweep's window), so a pause holds alerts, it does not
    drop them; `subscribe remove` is for channels that should hear nothing more.
    """
    subscription = find_subscription(session, name_or_id)
    if subscription is None:
        raise NoSuchSubscription(name_or_id)
    changed = bool(subscription.active) != active
    subscription.active = active
    session.flush()
    if changed:
        log.info("subscription %s %s", subscription.name, "resumed" if active else "paused")
    return subscription, changed


def edit_subscription(session: Session, name_or_id: str, *, name: str | None = None,
                      regions: Sequence[str] | None = None, event_kinds: Sequence[str] | None = None,
                      doc_kinds: Sequence[str] | None = None, min_amount: str | Decimal | None = None,
                      issued_here_only: bool | None = None, opc_only: bool | None = None,
                      mode: str | None = None, fmt: str | None = None, digest_at: str | None = None,
                      quiet: str | None = None, timezone: str | None = None, url: str | None = None,
                      secret: str | None = None, now: datetime | None = None,
                      configured: Sequence[str] = ()) -> tuple[Subscription, list[str]]:
    """Change only what is given (None = keep); the subscription and the names of changed columns.

    Empty ``regions`` = every region, empty ``event_kinds`` = all events, empty ``doc_kinds`` =
    the default kinds; ``min_amount``, ``digest_at`` and ``quiet`` take off/none to clear.
    Switching to ``mode="instant"`` drops a daily digest hour. ``url`` (with ``secret``, the
    robot's signing secret) is checked and converted as in ``subscribe add``; see
    :func:`redirect_deliveries` for what happens to alerts not yet delivered. A channel from
    ``configured`` (OPCWATCH_ALERT_URLS) keeps its URL: every run would add the old one again.
    Raises ValueError on bad input, NoSuchSubscription when there is none; nothing is changed then.
    """
    subscription = find_subscription(session, name_or_id)
    if subscription is None:
        raise NoSuchSubscription(name_or_id)
    values: dict[str, Any] = {}
    if secret is not None and url is None:
        # The stored URL holds the old secret inside it; a new one is only taken with the URL.
        raise ValueError("--secret 需与 --url 一起给出 / --secret needs --url: paste the robot URL again with it")
    if url is not None:
        if subscription.name == OUTBOX_NAME:
            raise ValueError(f"订阅 {OUTBOX_NAME!r} 的地址由配置管理 / the outbox's address comes from "
                             "OPCWATCH_OUTBOX, not from `subscribe edit`")
        if subscription.url in _apprise_urls(configured):
            raise ValueError("该渠道来自 OPCWATCH_ALERT_URLS，请在配置中更换地址 / this channel comes from "
                             "OPCWATCH_ALERT_URLS: change its URL there (each run adds the configured URLs)")
        values["url"] = channel_url(url, secret)
    if name is not None:
        values["name"] = _new_name(session, subscription, name)
    if regions is not None:
        values["regions"] = _region_codes(regions)
    if event_kinds is not None:
        values["event_kinds"] = _event_kinds(event_kinds)
    if doc_kinds is not None:
        values["doc_kinds"] = _doc_kinds(doc_kinds)
    if min_amount is not None:
        values["min_amount_yuan"] = None if isinstance(min_amount, str) and _clears(min_amount) else _min_amount(min_amount)
    if issued_here_only is not None:
        values["issued_here_only"] = issued_here_only
    if opc_only is not None:
        values["opc_only"] = opc_only
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValueError(f"未知格式 / unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        values["format"] = fmt
    values.update(schedule_values(digest_at, quiet, timezone))
    new_digest_at = values.get("digest_at")
    if mode is not None or new_digest_at is not None:
        values["mode"] = resolve_mode(mode, new_digest_at, subscription.mode)
        if values["mode"] == "instant":
            values["digest_at"] = None  # a digest hour means nothing to an instant subscription
    changed = [column for column, value in values.items() if getattr(subscription, column) != value]
    for column in changed:
        setattr(subscription, column, values[column])
    if "url" in changed:
        redirect_deliveries(session, subscription.id, now or datetime.now(UTC))
    session.flush()
    if changed:
        # Column names only: the new URL is a secret.
        log.info("subscription %s edited: %s", subscription.name, ", ".join(changed))
    return subscription, changed


def _apprise_urls(pasted: Sequence[str]) -> set[str]:
    """Configured channel URLs as they are stored (converted; unconvertible ones are skipped)."""
    from alerts.platforms import to_apprise_url

    urls = set()
    for url in pasted:
        try:
            urls.add(to_apprise_url(url))
        except ValueError:
            continue
    return urls


def redirect_deliveries(session: Session, subscription_id: int, now: datetime) -> int:
    """After a channel's URL changed: its undelivered alerts of the sweep's window go to the new one.

    The ledger stores no URL (each send reads the subscription's), so pending rows and rows a
    sweep picks up later already go to the new address. Rows that failed on the old address —
    typically because its token was reset — are made due now with a fresh attempt budget, and
    rows given up as dead within the last 14 days (the window a resumed subscription catches up
    on) too; older dead rows stay dead. A row being sent at this moment goes to the old address.
    Returns how many rows were made due again.
    """
    result = session.execute(
        update(Delivery)
        .where(Delivery.subscription_id == subscription_id, Delivery.status.in_(("failed", "dead")),
               Delivery.created_at >= now - SWEEP_WINDOW)
        .values(status="failed", attempts=0, next_attempt_at=now, claimed_by=None)
        .execution_options(synchronize_session=False))
    redirected = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if redirected:
        log.info("subscription %d: %d undelivered alerts retried on its new URL", subscription_id, redirected)
    return redirected


def undelivered(session: Session, subscription_id: int) -> int:
    """Alerts of a subscription not yet delivered (pending, failed or being sent)."""
    return int(session.scalar(select(func.count()).select_from(Delivery).where(
        Delivery.subscription_id == subscription_id,
        Delivery.status.in_(("pending", "failed", "sending")))) or 0)


def _new_name(session: Session, subscription: Subscription, name: str) -> str:
    name = name.strip()
    if not name:
        raise ValueError("订阅名称不能为空 / a subscription name cannot be empty")
    if OUTBOX_NAME in (name, subscription.name) and name != subscription.name:
        # Every run finds the outbox by this name (OPCWATCH_OUTBOX): renaming it would make
        # the next run add a second outbox subscription.
        raise ValueError(f"订阅 {OUTBOX_NAME!r} 由配置管理 / the name {OUTBOX_NAME!r} belongs to the configured outbox")
    taken = session.scalar(select(Subscription.id).where(Subscription.name == name, Subscription.id != subscription.id))
    if taken is not None:
        raise ValueError(f"订阅名称已存在 / a subscription named {name!r} already exists")
    return name
