"""Subscriptions: who gets which change events, on which Apprise channel, in which format.

A subscription's URL is a secret (it carries bot tokens and passwords): everything shown to a
user or a log goes through :func:`mask_url`. Input is validated when a subscription is added,
so a bad region, event kind or channel URL fails at ``opcwatch subscribe add`` rather than
silently never matching.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from alerts.outbox import SCHEMA as OUTBOX_SCHEMA
from alerts.outbox import outbox_url, register_outbox
from alerts.platforms import ACCEPTED_FORMS, platform_label, to_apprise_url
from alerts.secrets_filter import mask_channel_url, remember_url
from models import filters
from models.serialize import advisory_xact_lock, insert_once
from models.tables import Delivery, Subscription

log = logging.getLogger(__name__)

EVENT_KINDS = filters.EVENT_KINDS  # one list, validated in models/filters.py
MODES = ("instant", "digest")
FORMATS = ("text", "markdown", "html")
OUTBOX_NAME = "outbox"


def _instantiate(url: str) -> Any:
    """Apprise's plugin object for ``url``, or None when Apprise cannot parse it."""
    import apprise

    from alerts.feishu_signed import register_feishu_signed

    register_outbox()
    register_feishu_signed()
    try:
        return apprise.Apprise.instantiate(url)
    except Exception:  # a plugin constructor may raise despite suppress_exceptions
        return None


def _scheme(url: str) -> str:
    match = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*)://", url or "")
    return match.group(1).lower() if match else "url"


def mask_url(url: str) -> str:
    """The URL with its secrets hidden, for every display and log: user names, passwords, tokens
    and path segments are all ``****`` (``json://****@127.0.0.1:8080/****``, ``dingtalk://****``).

    Pure text work (no Apprise parse), so it is cheap per message. The outbox URL is shown in
    full: its path is not a secret, and the user needs it to open the file.
    """
    if _scheme(url) == OUTBOX_SCHEMA:
        return url.strip()
    remember_url(url)
    return mask_channel_url(url)


def channel_url(url: str, secret: str | None = None) -> str:
    """What the user pasted (a platform's https robot URL or an Apprise URL) as the Apprise URL
    to store; ValueError naming the accepted forms when it is neither. Nothing is stored here."""
    remember_url(url)
    converted = to_apprise_url(url, secret)
    remember_url(converted)
    if _instantiate(converted) is None:
        raise ValueError(f"无法识别的通知地址 / Apprise cannot parse this URL: {mask_url(converted)}。"
                         f"可用的地址 / accepted forms: {ACCEPTED_FORMS}")
    return converted


def same_channel(session: Session, url: str) -> list[str]:
    """Names of subscriptions that already send to the channel ``url`` names (the same robot or
    webhook, however its URL is spelled): subscribing it twice sends every alert twice."""
    plugin = _instantiate(url)
    identity = getattr(plugin, "url_identifier", None) if plugin is not None else None
    names = []
    for name, other in session.execute(select(Subscription.name, Subscription.url)):
        if other.strip() == url.strip():
            names.append(name)
        elif identity is not None:
            other_plugin = _instantiate(other)
            if other_plugin is not None and getattr(other_plugin, "url_identifier", None) == identity:
                names.append(name)
    return names


def _region_codes(regions: Sequence[str]) -> list[str]:
    return filters.region_codes(regions)


def _event_kinds(kinds: Sequence[str]) -> list[str]:
    return filters.choices(kinds, EVENT_KINDS, "未知事件类型 unknown event kind")


def _doc_kinds(kinds: Sequence[str]) -> list[str]:
    """Document kinds a subscription wants; ``all`` = every kind; empty = the default three."""
    return filters.doc_kinds(kinds)


def _min_amount(value: str | Decimal | None) -> Decimal | None:
    """``"1000万"`` / ``"10000000"`` / Decimal -> yuan; None for no minimum."""
    return filters.amount(value)


def _unique_name(session: Session, scheme: str) -> str:
    taken = set(session.scalars(select(Subscription.name).where(Subscription.name.like(f"{scheme}-%"))))
    number = 1
    while f"{scheme}-{number}" in taken:
        number += 1
    return f"{scheme}-{number}"


def add_subscription(session: Session, *, url: str, name: str | None = None, regions: Sequence[str] = (),
                     event_kinds: Sequence[str] = (), min_amount: str | Decimal | None = None,
                     opc_only: bool = True, mode: str = "instant", fmt: str = "markdown",
                     doc_kinds: Sequence[str] = (), issued_here_only: bool = False,
                     secret: str | None = None) -> Subscription:
    """Validate and store a subscription; raises ValueError (Chinese + English) on bad input.

    ``regions`` take names or codes and mean "policies that apply there": their sub-regions and,
    unless ``issued_here_only``, the province and national policies above them. Empty
    ``event_kinds`` means all; empty ``doc_kinds`` means policy documents, implementing rules and
    application notices. ``url`` may be a platform's robot URL as copied (钉钉, 企业微信, 飞书,
    Slack; ``secret`` is the 加签 secret) or any Apprise URL; it is stored as the Apprise URL.
    ``name`` defaults to the platform (``钉钉-1``) or the scheme (``json-1``).
    """
    url = channel_url(url, secret)
    if mode not in MODES:
        raise ValueError(f"未知模式 / unknown mode {mode!r}; choose from {', '.join(MODES)}")
    if fmt not in FORMATS:
        raise ValueError(f"未知格式 / unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    codes, kinds, minimum = _region_codes(regions), _event_kinds(event_kinds), _min_amount(min_amount)
    documents = _doc_kinds(doc_kinds)
    if name is None or not name.strip():
        name = _unique_name(session, platform_label(url) or _scheme(url))
    name = name.strip()
    if session.scalar(select(Subscription.id).where(Subscription.name == name)) is not None:
        raise ValueError(f"订阅名称已存在 / a subscription named {name!r} already exists")
    subscription = Subscription(
        name=name, url=url, regions=codes, event_kinds=kinds, min_amount_yuan=minimum,
        opc_only=opc_only, mode=mode, format=fmt, active=True, created_at=datetime.now(UTC),
        doc_kinds=documents, issued_here_only=issued_here_only,
    )
    session.add(subscription)
    session.flush()
    log.info("subscription %s added for %s", name, mask_url(url))
    return subscription


def list_subscriptions(session: Session) -> list[Subscription]:
    """Every subscription, oldest first (URLs in clear: mask them before showing)."""
    return list(session.scalars(select(Subscription).order_by(Subscription.id)))


def find_subscription(session: Session, name_or_id: str) -> Subscription | None:
    """By name first, then by numeric id."""
    found = session.scalar(select(Subscription).where(Subscription.name == str(name_or_id)))
    if found is None and str(name_or_id).isdigit():
        found = session.get(Subscription, int(name_or_id))
    return found


def remove_subscription(session: Session, name_or_id: str) -> bool:
    """Delete a subscription and its delivery ledger rows; False if there is no such subscription."""
    subscription = find_subscription(session, name_or_id)
    if subscription is None:
        return False
    # Explicit, because the ORM does not rely on the database's ON DELETE CASCADE.
    session.execute(delete(Delivery).where(Delivery.subscription_id == subscription.id))
    session.delete(subscription)
    session.flush()
    log.info("subscription %s removed", subscription.name)
    return True


def _by_url(session: Session, url: str) -> Subscription | None:
    return session.scalar(select(Subscription).where(Subscription.url == url.strip()))


def _add_configured(session: Session, url: str) -> Subscription:
    return add_subscription(session, url=url, name=_unique_name(session, f"config-{_scheme(url)}"))


def ensure_configured_channels(session: Session, settings: Any) -> list[Subscription]:
    """Upsert a subscription per ``settings.alert_urls`` (all events, OPC only) and the outbox.

    The outbox subscription (named ``outbox``) follows ``settings.default_outbox``. A configured
    URL Apprise cannot parse is logged (masked) and skipped; the others still get set up.
    """
    # Every run starts here: two at once on a fresh database must not both insert (or fail on)
    # the same rows; the second waits here for the first's commit, then finds them.
    advisory_xact_lock(session, "opcwatch configured channels")
    ensured: list[Subscription] = []
    for pasted in settings.alert_urls:
        try:  # stored converted (a pasted robot URL): look it up the same way, or it is added each run
            url = to_apprise_url(pasted)
        except ValueError as exc:
            log.error("configured alert URL %s skipped: %s", mask_url(pasted), exc)
            continue
        try:
            existing = insert_once(session, partial(_by_url, session, url), partial(_add_configured, session, url))
        except ValueError as exc:
            log.error("configured alert URL skipped: %s", exc)
            continue
        ensured.append(existing)  # left paused if a user paused it (`opcwatch subscribe pause`)
    url = outbox_url(settings.default_outbox)
    outbox = insert_once(session, lambda: session.scalar(select(Subscription).where(Subscription.name == OUTBOX_NAME)),
                         lambda: add_subscription(session, url=url, name=OUTBOX_NAME))
    outbox.url = url
    session.flush()
    ensured.append(outbox)
    return ensured
